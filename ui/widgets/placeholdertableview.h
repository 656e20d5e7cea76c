#pragma once

#include <QString>
#include <QTableView>

namespace vd::ui {

// A table view that says why it is empty ("No tenants yet. Create one with: ...") instead of
// showing a blank area.
class PlaceholderTableView : public QTableView
{
    Q_OBJECT

public:
    explicit PlaceholderTableView(QWidget *parent = nullptr);

    // Drawn centered in the viewport while the model has no rows; may span several lines.
    void setPlaceholderText(const QString &text);
    const QString &placeholderText() const { return m_placeholderText; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_placeholderText;
};

} // namespace vd::ui
