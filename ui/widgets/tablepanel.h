#pragma once

#include <QIcon>
#include <QString>
#include <QWidget>

class QFrame;
class QHBoxLayout;
class QLabel;
class QModelIndex;
class QSettings;

namespace vd::ui {

class PlaceholderTableView;

// A titled table with a one-line summary, a "Loading…" hint and an inline error banner that
// stays until the next successful load (errors never flash by in a modal dialog).
class TablePanel : public QWidget
{
    Q_OBJECT

public:
    TablePanel(const QIcon &icon, const QString &title, QWidget *parent = nullptr);

    PlaceholderTableView *view() const { return m_view; }

    void setTitle(const QString &title);
    // Shown after the title, e.g. "Acme Corp · 3 stores".
    void setSummary(const QString &text);
    QString summary() const;
    void setBusy(bool busy);

    void showError(const QString &message);
    void clearError();
    // The banner's message; empty when no error is shown.
    QString errorMessage() const;

    // Adds a widget (a filter field, ...) at the right end of the title row.
    void addHeaderWidget(QWidget *widget);

    // Column widths, order and sort, under ui/<view object name>/header. Returns false when
    // nothing was saved yet, so the caller can pick initial widths.
    bool restoreHeaderState(const QSettings &settings);
    void saveHeaderState(QSettings &settings) const;

    // Makes the row of a view index current and selected, and scrolls to it.
    void selectViewRow(const QModelIndex &viewIndex);
    // Fits the columns to their contents (at most maxWidth each) the first time there are rows,
    // unless restoreHeaderState() brought back the user's widths.
    void sizeColumnsOnce(int maxWidth = 320);

Q_SIGNALS:
    void retryRequested();

private:
    QString headerKey() const;

    bool m_columnsSized = false;

    QLabel *m_titleLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_busyLabel = nullptr;
    QHBoxLayout *m_headerLayout = nullptr;
    QFrame *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    PlaceholderTableView *m_view = nullptr;
};

} // namespace vd::ui
