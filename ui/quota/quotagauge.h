#pragma once

#include <QWidget>

namespace vd::ui {

// One limit as a painted bar: the label, the used share of the limit, "used / limit" at the
// end. Amber from 80 %, red from 95 %; the exact numbers are in the tooltip.
class QuotaGauge : public QWidget
{
    Q_OBJECT

public:
    enum class Level { Normal, Warning, Critical };

    explicit QuotaGauge(const QString &label, QWidget *parent = nullptr);

    // usedText/limitText: the numbers as shown ("1.2 MB"); detail: the tooltip.
    void setValue(qint64 used, qint64 limit, const QString &usedText, const QString &limitText, const QString &detail);
    void clear();
    double percent() const { return m_percent; }
    Level level() const;
    QString valueText() const;

    static Level levelFor(double percent);
    static QColor colorFor(Level level);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_label;
    QString m_usedText;
    QString m_limitText;
    double m_percent = 0;
    bool m_empty = true;
};

} // namespace vd::ui
