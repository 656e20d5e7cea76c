#pragma once

#include "core/domain/serviceerror.h"

#include <QIcon>
#include <QList>
#include <QString>
#include <QWidget>

class QFrame;
class QHBoxLayout;
class QLabel;
class QPushButton;
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

    // `requestId`: the failed call's (docs/observability.md), shown with a button that copies it.
    void showError(const QString &message, const QString &requestId = {});
    // A failed service call: its message and the request id the ServiceRunner put in its details.
    void showError(const ServiceError &error);
    void clearError();
    // The banner's message; empty when no error is shown.
    QString errorMessage() const;
    // The banner's request id; empty when none is shown.
    QString errorRequestId() const;

    // Adds a widget (a filter field, ...) at the right end of the title row.
    void addHeaderWidget(QWidget *widget);

    // Column widths, order and sort, under ui/<view object name>/header. Returns false when
    // nothing was saved yet, so the caller can pick initial widths.
    bool restoreHeaderState(const QSettings &settings);
    void saveHeaderState(QSettings &settings) const;

    // Makes the row of a view index current and selected, and scrolls to it.
    void selectViewRow(const QModelIndex &viewIndex);
    // Fits the columns to their header and the rows shown (at most maxWidth each) after each
    // load and when the view's width changes, until the user resizes a column or
    // restoreHeaderState() brought back the user's widths. When the columns are wider than the
    // view, the elastic columns (long free text: a last error, attributes) give way first, down
    // to 80 px, so the columns before and after them stay whole.
    void fitColumns();
    void setElasticColumns(const QList<int> &columns) { m_elastic = columns; }
    void setMaxColumnWidth(int width) { m_maxColumnWidth = width; }
    // The width the table needs to show every column whole (frame and scroll bar included).
    int naturalWidth() const;
    // The height that shows the header and `rows` rows (at least the rows there are, up to `rows`).
    int heightForRows(int rows) const;

Q_SIGNALS:
    void retryRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QString headerKey() const;

    int wantedWidth(int column) const;

    bool m_userSized = false; // the user resized a column, or their widths were restored
    bool m_fitting = false;
    bool m_fitQueued = false;
    bool m_fitOnShow = false; // fitColumns() was asked while hidden
    int m_maxColumnWidth = 360;
    QList<int> m_elastic;

    QLabel *m_titleLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_busyLabel = nullptr;
    QHBoxLayout *m_headerLayout = nullptr;
    QFrame *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QLabel *m_bannerRequest = nullptr;
    QPushButton *m_copyRequest = nullptr;
    PlaceholderTableView *m_view = nullptr;
};

} // namespace vd::ui
