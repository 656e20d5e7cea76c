#pragma once

#include "core/domain/status.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSlider;
class QSpinBox;
class QSplitter;
class QTableView;
class QTextBrowser;
class QToolButton;

namespace vd::ui {

class FilterEditor;
class PlaceholderTableView;
class SearchResultModel;
class ServiceRunner;

// The search playground: a tenant, one or more of its stores, a query, max results, a score
// threshold and an attribute filter; results with a score bar, the matched terms highlighted,
// and the whole chunk with its neighbours for the selected result. Searches run on a worker
// thread through VectorStoreService::search, the same call as the CLI and the API.
class SearchPanel : public QWidget
{
    Q_OBJECT

public:
    SearchPanel(ServiceRunner *runner, QWidget *parent = nullptr);

    // Follows the main window's tenant (and checks its current store), loading its stores.
    void setTenant(qint64 tenantId, const QString &slug, qint64 currentStoreId);
    void reloadStores();
    void search();
    void copyResultsAsJson();
    // Writes the visible results to `path` as CSV or JSON (by its suffix) on a worker thread;
    // exported() says how it went.
    void exportResults(const QString &path);
    void focusQuery();

    QLineEdit *queryField() const { return m_query; }
    QListWidget *storeList() const { return m_stores; }
    QSpinBox *maxResultsBox() const { return m_maxResults; }
    QSlider *thresholdSlider() const { return m_threshold; }
    FilterEditor *filterEditor() const { return m_filter; }
    SearchResultModel *results() const { return m_results; }
    PlaceholderTableView *resultTable() const { return m_table; }
    QPushButton *exportButton() const { return m_exportButton; }
    // How long the last search took, in milliseconds (-1: none yet).
    qint64 lastSearchMs() const { return m_lastSearchMs; }
    QTextBrowser *chunkView() const { return m_chunkView; }
    QPushButton *searchButton() const { return m_searchButton; }
    QString statusText() const;
    bool isSearching() const { return m_searching; }
    // The attribute filter folds away (its toggle above it): on a window narrower than 1200 px
    // it starts folded, so the results get the width; the toggle says when a filter is set.
    QToolButton *filterToggle() const { return m_filterToggle; }
    QSplitter *splitter() const { return m_splitter; }
    void setFilterExpanded(bool expanded);
    bool isFilterExpanded() const;

Q_SIGNALS:
    void searchFinished(const QString &message);
    void chunkShown();
    // Enter or double-click on a result: the file's page, at the result's chunk.
    void openFileRequested(qint64 tenantId, qint64 storeId, qint64 fileId, int chunkOrdinal);
    void exported(const QString &message);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateFilterToggle();
    // Score, store and file fit their content; the best chunk keeps at least 240 px on screen.
    void fitResultColumns();
    void showResult(const QModelIndex &index);
    void updateThresholdLabel();
    void updateSearchEnabled();
    void setStatus(const QString &text, bool error = false);
    QStringList checkedStoreIds() const;
    void updatePlaceholder();
    void activateResult(const QModelIndex &index);
    void chooseExportFile();

    ServiceRunner *m_runner = nullptr;
    qint64 m_tenantId = 0;
    QString m_tenantSlug;
    qint64 m_wantedStore = 0;
    double m_fetchedThreshold = 0;
    bool m_searching = false;
    bool m_searched = false;
    qint64 m_lastSearchMs = -1;
    QString m_lastQuery;
    quint64 m_generation = 0;
    QHash<qint64, QString> m_storeNames;
    QHash<qint64, BackendKind> m_storeBackends;

    QLabel *m_tenantLabel = nullptr;
    QListWidget *m_stores = nullptr;
    QLineEdit *m_query = nullptr;
    QSpinBox *m_maxResults = nullptr;
    QSlider *m_threshold = nullptr;
    QLabel *m_thresholdValue = nullptr;
    FilterEditor *m_filter = nullptr;
    QPushButton *m_searchButton = nullptr;
    QPushButton *m_copyButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_modeLabel = nullptr;
    QLabel *m_status = nullptr;
    SearchResultModel *m_results = nullptr;
    PlaceholderTableView *m_table = nullptr;
    QTextBrowser *m_chunkView = nullptr;
    QToolButton *m_filterToggle = nullptr;
    QWidget *m_filterBox = nullptr;
    QWidget *m_form = nullptr;
    QSplitter *m_splitter = nullptr;
    bool m_fitQueued = false;
    bool m_filterChosen = false; // the user folded or unfolded the filter: the width no longer decides
};

} // namespace vd::ui
