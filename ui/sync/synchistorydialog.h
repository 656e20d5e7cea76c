#pragma once

#include "core/domain/types.h"

#include <QDialog>
#include <QJsonObject>
#include <QList>

class QLabel;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace vd::ui {

class ServiceRunner;

// The history of sync passes (docs/gui.md): every finished pass any runner recorded in sync_runs
// (VectorStoreService::syncRuns on a worker thread), newest first, with when it started and
// ended, how long it took, its result in words, what it did and its warnings. Selecting a pass
// lists its failed items and warnings; one that names a store or file leads there (Enter,
// double-click or "Show").
class SyncHistoryDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SyncHistoryDialog(ServiceRunner *runner, QWidget *parent = nullptr);

    enum RunColumn { StartedColumn, FinishedColumn, DurationColumn, ResultColumn, DidColumn, WarningsColumn, ByColumn };
    enum ItemColumn { KindColumn, TargetColumn, MessageColumn };
    // Roles of an item of itemsTable() that names a tenant, store or file.
    enum ItemRole { TenantIdRole = Qt::UserRole + 1, StoreIdRole, FileNameRole };

    QTreeWidget *runsTable() const { return m_runs; }
    QTreeWidget *itemsTable() const { return m_items; }
    QPushButton *showButton() const { return m_show; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *detailLabel() const { return m_detail; }
    const QList<SyncRunSummary> &runs() const { return m_loaded; }

    // Reads the newest passes again.
    void reload();

    // A recorded pass as the sync panel reads reports: {id, finished_at, duration_ms, host,
    // triggered_by, status, counts, errors, warnings}.
    static QJsonObject reportOf(const SyncRunSummary &run);

Q_SIGNALS:
    // Show that store (storeId 0: the tenant) and, when fileName is set, that file.
    void showRequested(qint64 tenantId, qint64 storeId, const QString &fileName);
    // A load finished (tests wait on it).
    void loaded();

private:
    void showRun(int index);
    void activate();

    ServiceRunner *m_runner = nullptr;
    QSpinBox *m_limit = nullptr;
    QTreeWidget *m_runs = nullptr;
    QTreeWidget *m_items = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_show = nullptr;
    QList<SyncRunSummary> m_loaded;
    int m_loadedLimit = 0;
};

} // namespace vd::ui
