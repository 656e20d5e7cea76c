#pragma once

#include "core/backend/vectorstorebackend.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"
#include "core/logging/logging.h"
#include "core/sync/syncreport.h"
#include "core/tracing/tracing.h"

#include <QLoggingCategory>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <functional>
#include <optional>

namespace vd {

Q_DECLARE_LOGGING_CATEGORY(lcSync)

class Database;
class Lifecycle;
class SyncLease;
struct AuditActor;

// One sync pass, synchronous, on the calling thread's connection (docs/sync.md). In order:
// refresh remote stores, expiry (arithmetic, expiring, warnings), stuck files, the local
// ingestion queue, purge of soft-deleted files, stores and tenants past the retention. Every
// write is a short transaction of at most one batch; cancellation and the lease heartbeat are
// checked between items. Expiring and purging go through Lifecycle (core/service/lifecycle.h),
// as the service's do. By area: syncpass.cpp (run, items, lease, ingestion), syncrefresh.cpp,
// syncexpiry.cpp (expiry, stuck files), syncpurge.cpp.
class SyncPass
{
public:
    struct Observer
    {
        // phase: refresh | expiry | stuck | ingest | purge; done/total within the phase.
        std::function<void(const QString &phase, qint64 done, qint64 total, const QString &item)> progress;
        std::function<void(const SyncItem &item)> item; // every item as it is recorded
    };

    SyncPass(Database &db, BackendFor backendFor, SyncOptions options);

    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    // The lease this pass runs under; renewed between items. Losing it stops the pass.
    void setLease(SyncLease *lease) { m_lease = lease; }

    // Fails only when the pass cannot start (database unavailable, unknown tenant); failures of
    // single items are items with outcome "failed" in the report.
    Result<SyncReport> run(const std::function<bool()> &cancelled, const Observer &observer = {});
    // The request id of the last run: sync-run:<run id> once the run was recorded.
    const QString &requestId() const { return m_passRequestId; }

private:
    // One unit of a pass's work (a store, a tenant, a batch of files): while it lives, the log
    // lines, audit rows and spans of that work, and the items it records, carry its own request id
    // "<pass id>/<n>" (the pass's is sync-run:<run>), under a span "sync.item" of the phase.
    class ItemScope
    {
    public:
        ItemScope(SyncPass &pass, const QString &what);
        ItemScope(const ItemScope &) = delete;
        ItemScope &operator=(const ItemScope &) = delete;

    private:
        logging::ContextScope m_context; // restores the pass's request id and span
        std::optional<tracing::Span> m_span;
    };

    struct StoreRef
    {
        Tenant tenant;
        VectorStore store;
    };
    // A tenant and store side by side in one row: refColumns() (aliases t and s) and the mapper;
    // a query's own columns follow from index refColumnCount().
    static const QString &refColumns();
    static int refColumnCount();
    static StoreRef refFromRow(const QSqlQuery &q);
    // An item about the file of a row of refColumns() followed by f.id, f.filename.
    static SyncItem fileItemFromRow(const QSqlQuery &q, const QString &action, const QString &outcome);
    // Stores with their tenants, `condition` over s and t, by id.
    Result<QList<StoreRef>> storesWhere(const QString &condition, const QVariantList &binds, const QString &doing);
    static QString isoTime(qint64 ms);

    qint64 now() const;
    QVariant tenantFilter() const;
    // SQL over the stores alias `s`: the stores whose content this machine may purge (not local
    // stores whose index another machine holds: that machine's own pass purges them, docs/teams.md).
    // Binds localHolder().
    static QString heldHereCondition();
    QString localHolder() const;
    void record(SyncItem item);
    // "<pass id>/<n>": the request id of the pass's next unit of work (ItemScope, a file's ingestion).
    QString nextItemRequestId();
    // An item about a store (and its tenant); the caller adds the file, detail and facts.
    static SyncItem itemFor(const StoreRef &ref, const QString &action = {}, const QString &outcome = {});
    void progress(const QString &phase, qint64 done, qint64 total, const QString &item);
    // Between items: false when the pass must stop (cancelled, lease lost).
    bool proceed();
    // Audit rows of the pass: operator system:sync, the request id of the pass or of its item.
    AuditActor actor() const;
    std::optional<ServiceError> audit(qint64 tenantId, const QString &action, const QString &target,
                                      const QJsonObject &detail);
    // Expiry and purge, in the pass's batches, stopping where the pass stops.
    Lifecycle lifecycle();
    void fail(const QString &action, const StoreRef *ref, const QString &error);

    void refreshRemote();
    void expiry();
    void stuck();
    void ingest();
    // The purge phase: what is past the retention, listed, purged through Lifecycle and reported.
    // False when the pass stopped (or the listing failed) and the phase must not go on.
    void purge();
    // Every agent resolved, as `vectordesk agent check` does; broken and warning agents reported.
    void agents();
    bool filesPastRetention();
    bool storesPastRetention();
    bool tenantsPastRetention();
    // One purge_store item: the store purged (or, dry run, planned) and reported.
    bool storePurgeItem(const StoreRef &ref, const QString &reason);

    Database &m_db;
    BackendFor m_backendFor;
    SyncOptions m_options;
    std::function<qint64()> m_clock;
    SyncLease *m_lease = nullptr;
    std::function<bool()> m_cancelled;
    Observer m_observer;
    SyncReport m_report;
    std::optional<qint64> m_tenantId;
    qint64 m_lastRenew = 0;
    QString m_passRequestId;
    int m_itemScopes = 0;
    bool m_stopped = false;
    QString m_stopReason;
};

} // namespace vd
