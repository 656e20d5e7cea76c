#pragma once

#include "ui/widgets/tablepanel.h"

class QAction;
class QLineEdit;
class QTimer;
class QToolButton;

namespace vd::ui {

class AttachSheet;
class FileTableModel;
class IngestionRunner;
class ServiceRunner;

// The files of the current store, loaded in batches as the table scrolls, with a name filter.
class FilePanel : public TablePanel
{
    Q_OBJECT

public:
    explicit FilePanel(ServiceRunner *runner, QWidget *parent = nullptr);

    FileTableModel *model() const { return m_model; }
    AttachSheet *attachSheet() const { return m_sheet; }
    QLineEdit *filterField() const { return m_filter; }
    qint64 tenantId() const { return m_tenantId; }

    // Status changes from the ingestion worker update rows in place; the attach sheet follows them.
    void setIngestionRunner(IngestionRunner *ingestion);
    // Opens the attach sheet for files and folders: a preview first, nothing written before
    // the user confirms it. storeId 0: the current store.
    void attachPaths(const QStringList &paths, qint64 tenantId = 0, qint64 storeId = 0);

    // Export the store's files (those the name filter matches, all of them, not only the rows
    // loaded) to CSV or JSON (by the suffix), read and written on a worker thread.
    QAction *exportAction() const { return m_exportAction; }
    void exportFiles(const QString &path);

    // Shows the files of a store; storeId 0 shows none.
    void setStore(qint64 tenantId, qint64 storeId, const QString &tenantSlug, const QString &storeName);
    void reload();

Q_SIGNALS:
    void statusMessage(const QString &message);
    void exported(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void placeSheet();
    void restoreKeptState();
    void onLoadFinished();
    void updatePlaceholder();
    void updateSummary();
    void keepSortableIndicator(int column);

    FileTableModel *m_model = nullptr;
    QLineEdit *m_filter = nullptr;
    QTimer *m_filterDelay = nullptr;
    AttachSheet *m_sheet = nullptr;
    QToolButton *m_reportButton = nullptr;
    QAction *m_exportAction = nullptr;
    ServiceRunner *m_runner = nullptr;
    qint64 m_tenantId = 0;
    QList<qint64> m_keptSelection;
    qint64 m_keptCurrent = 0;
    int m_keptScroll = -1;
    QString m_tenantSlug;
    QString m_storeName;
};

} // namespace vd::ui
