#include "core/sync/syncpass.h"

#include "core/ingestion/ingestor.h"
#include "core/logging/logging.h"
#include "core/metrics/metrics.h"
#include "core/service/ingestionqueue.h"
#include "core/service/lifecycle.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"
#include "core/storage/sqlvalues.h"
#include "core/sync/synclease.h"
#include "core/tracing/tracing.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace vd {

Q_LOGGING_CATEGORY(lcSync, "vectordesk.core.sync", QtInfoMsg)

namespace {

const QString kOperator = u"system:sync"_s;

} // namespace

const QString &SyncPass::refColumns()
{
    static const QString columns =
        rows::qualified(rows::kTenantColumns, u"t"_s) + u", "_s + rows::qualified(rows::kStoreColumns, u"s"_s);
    return columns;
}

int SyncPass::refColumnCount()
{
    return rows::columnCount(rows::kTenantColumns) + rows::columnCount(rows::kStoreColumns);
}

SyncPass::StoreRef SyncPass::refFromRow(const QSqlQuery &q)
{
    return {rows::tenantFromRow(q), rows::storeFromRow(q, rows::columnCount(rows::kTenantColumns))};
}

SyncItem SyncPass::fileItemFromRow(const QSqlQuery &q, const QString &action, const QString &outcome)
{
    SyncItem item = itemFor(refFromRow(q), action, outcome);
    item.fileId = q.value(refColumnCount()).toLongLong();
    item.file = q.value(refColumnCount() + 1).toString();
    return item;
}

Result<QList<SyncPass::StoreRef>> SyncPass::storesWhere(const QString &condition, const QVariantList &binds,
                                                        const QString &doing)
{
    auto list = runQuery(m_db,
                         u"SELECT "_s + refColumns() + u" FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id "
                             + u"WHERE "_s + condition + u" ORDER BY s.id"_s,
                         binds, doing);
    if (!list)
        return list.error();
    QList<StoreRef> stores;
    while (list.value().next())
        stores << refFromRow(list.value());
    list.value().finish();
    return stores;
}

QString SyncPass::isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

SyncPass::SyncPass(Database &db, BackendFor backendFor, SyncOptions options)
    : m_db(db)
    , m_backendFor(std::move(backendFor))
    , m_options(std::move(options))
{ }

qint64 SyncPass::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

QVariant SyncPass::tenantFilter() const
{
    return sql::nullableInt(m_tenantId);
}

QString SyncPass::heldHereCondition()
{
    return u"(s.backend <> 'local' OR s.engine_holder IS NULL OR s.engine_holder = ?)"_s;
}

QString SyncPass::localHolder() const
{
    VectorStoreBackend *local = m_backendFor ? m_backendFor(BackendKind::Local) : nullptr;
    return local ? local->holderId() : QString();
}

SyncPass::ItemScope::ItemScope(SyncPass &pass, const QString &what)
{
    logging::setRequestId(pass.nextItemRequestId());
    m_span.emplace(u"sync.item"_s);
    m_span->setAttribute(u"vectordesk.sync.item"_s, what);
}

QString SyncPass::nextItemRequestId()
{
    return u"%1/%2"_s.arg(m_passRequestId).arg(++m_itemScopes);
}

void SyncPass::record(SyncItem item)
{
    if (item.requestId.isEmpty())
        item.requestId = logging::current().requestId;
    if (item.outcome == u"failed"_s)
        qCWarning(lcSync).noquote() << item.action << item.target() << "failed:" << item.error;
    else
        qCInfo(lcSync).noquote() << item.action << item.outcome << item.target() << item.detail;
    if (m_observer.item)
        m_observer.item(item);
    metrics::add(metrics::Metric::SyncItems, {item.action, item.outcome});
    m_report.items << std::move(item);
}

void SyncPass::progress(const QString &phase, qint64 done, qint64 total, const QString &item)
{
    if (m_observer.progress)
        m_observer.progress(phase, done, total, item);
}

SyncItem SyncPass::itemFor(const StoreRef &ref, const QString &action, const QString &outcome)
{
    SyncItem item;
    item.action = action;
    item.outcome = outcome;
    item.tenantId = ref.tenant.id;
    item.tenant = ref.tenant.slug;
    item.storeId = ref.store.id;
    item.store = ref.store.name;
    return item;
}

void SyncPass::fail(const QString &action, const StoreRef *ref, const QString &error)
{
    SyncItem item = itemFor(ref ? *ref : StoreRef{}, action, u"failed"_s);
    item.error = error;
    record(item);
}

bool SyncPass::proceed()
{
    if (m_stopped)
        return false;
    if (m_cancelled && m_cancelled()) {
        m_stopped = true;
        m_stopReason = u"cancelled"_s;
        return false;
    }
    if (m_lease && !m_options.dryRun) {
        const qint64 at = now();
        if (at - m_lastRenew >= m_lease->durationMs() / 4) {
            if (auto r = m_lease->renew(); !r) {
                SyncItem item;
                item.action = u"pass"_s;
                item.outcome = u"failed"_s;
                item.error = r.error().message();
                record(item);
                m_stopped = true;
                m_stopReason = u"lease"_s;
                return false;
            }
            m_lastRenew = at;
        }
    }
    return true;
}

AuditActor SyncPass::actor() const
{
    const QString requestId = logging::current().requestId;
    return {kOperator, requestId.isEmpty() ? u"sync-run:%1"_s.arg(m_report.runId) : requestId, [this] {
                return now();
            }};
}

std::optional<ServiceError> SyncPass::audit(qint64 tenantId, const QString &action, const QString &target,
                                            const QJsonObject &detail)
{
    return actor().audit(m_db, tenantId, action, target, detail);
}

Lifecycle SyncPass::lifecycle()
{
    Lifecycle lifecycle(m_db, m_backendFor, actor());
    lifecycle.setBatchSize(m_options.batchSize);
    lifecycle.setProceed([this] { return proceed(); });
    return lifecycle;
}

Result<SyncReport> SyncPass::run(const std::function<bool()> &cancelled, const Observer &observer)
{
    QElapsedTimer took;
    took.start();
    // One request id and one trace per pass: its log lines, audit rows and spans.
    logging::ContextScope context(logging::newRequestId());
    tracing::Span passSpan(u"sync.pass"_s);
    m_cancelled = cancelled;
    m_observer = observer;
    m_report = {};
    m_itemScopes = 0;
    m_passRequestId = logging::current().requestId;
    m_report.host = SyncLease::thisHost();
    m_report.pid = SyncLease::thisPid();
    m_report.triggeredBy = m_options.triggeredBy;
    m_report.dryRun = m_options.dryRun;
    m_report.startedAt = now();
    m_lastRenew = m_report.startedAt;
    m_stopped = false;

    if (!m_options.tenant.isEmpty()) {
        bool numeric = false;
        const qint64 id = m_options.tenant.toLongLong(&numeric);
        auto found = runQuery(m_db,
                              u"SELECT id FROM tenants WHERE id = ? OR lower(slug) = lower(?) "
                              u"ORDER BY CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END, id DESC"_s,
                              {numeric ? id : qint64(-1), m_options.tenant}, u"looking up the tenant"_s);
        if (!found)
            return found.error();
        if (!found.value().next())
            return ServiceError::notFound(
                u"Tenant '%1' does not exist (live or deleted); check the slug with 'vectordesk tenant list --all'."_s
                    .arg(m_options.tenant));
        m_tenantId = found.value().value(0).toLongLong();
    }

    if (!m_options.dryRun) {
        // Runs left 'running' by a runner that died: we hold the lease, so they are over.
        auto stale = runQuery(
            m_db,
            u"UPDATE sync_runs SET status = 'failed', finished_at = ?, errors = ? "
            u"WHERE status = 'running' AND NOT (host = ? AND pid = ?)"_s,
            {m_report.startedAt,
             sql::toJsonText(QJsonObject{{u"message"_s, u"the runner stopped before finishing (crash or kill)"_s}})
                 .prepend(u'[')
                 .append(u']'),
             m_report.host, m_report.pid},
            u"closing the runs of runners that died"_s);
        if (!stale)
            return stale.error();
        auto insert =
            runQuery(m_db, u"INSERT INTO sync_runs (started_at, host, pid, triggered_by) VALUES (?, ?, ?, ?)"_s,
                     {m_report.startedAt, m_report.host, m_report.pid, m_options.triggeredBy},
                     u"recording the start of a sync pass"_s);
        if (!insert)
            return insert.error();
        auto id = runQuery(m_db, u"SELECT max(id) FROM sync_runs WHERE host = ? AND pid = ? AND status = 'running'"_s,
                           {m_report.host, m_report.pid}, u"recording the start of a sync pass"_s);
        if (!id)
            return id.error();
        id.value().next();
        m_report.runId = id.value().value(0).toLongLong();
        // The pass's request id is its run, as its audit rows name it (docs/observability.md).
        m_passRequestId = u"sync-run:%1"_s.arg(m_report.runId);
        logging::setRequestId(m_passRequestId);
    }

    // Each phase is a span of the pass's trace; what a phase does to a file or store is a child.
    const auto phase = [this](const QString &name, void (SyncPass::*step)()) {
        if (!proceed())
            return;
        tracing::Span span(u"sync."_s + name);
        (this->*step)();
    };
    phase(u"refresh"_s, &SyncPass::refreshRemote);
    phase(u"expire"_s, &SyncPass::expiry);
    phase(u"stuck"_s, &SyncPass::stuck);
    phase(u"ingest"_s, &SyncPass::ingest);
    phase(u"purge"_s, &SyncPass::purge);
    phase(u"agents"_s, &SyncPass::agents);
    (void)proceed(); // a cancel during the last phase still counts

    m_report.finishedAt = std::max(now(), m_report.startedAt);
    if (m_stopped && m_stopReason == u"cancelled"_s)
        m_report.status = u"cancelled"_s;
    else
        m_report.status = m_report.failures() > 0 ? u"failed"_s : u"succeeded"_s;
    metrics::observe(metrics::Metric::SyncPassSeconds, {m_report.status}, double(took.nsecsElapsed()) / 1e9);

    if (!m_options.dryRun) {
        // Failed items and warnings with what they name, so the history leads to the store or file.
        auto entry = [](const SyncItem &item, const QString &message) {
            QJsonObject e{{u"action"_s, item.action}, {u"target"_s, item.target()}, {u"message"_s, message}};
            if (item.tenantId != 0)
                e.insert(u"tenant_id"_s, item.tenantId);
            if (item.storeId != 0)
                e.insert(u"store_id"_s, item.storeId);
            if (item.fileId != 0)
                e.insert(u"file_id"_s, item.fileId);
            if (!item.file.isEmpty())
                e.insert(u"file"_s, item.file);
            return e;
        };
        QJsonArray errors;
        QJsonArray warnings;
        for (const SyncItem &item : std::as_const(m_report.items)) {
            if (item.outcome == u"failed"_s && errors.size() < 1000)
                errors.append(entry(item, item.error));
            else if (item.outcome == u"reported"_s && warnings.size() < 1000)
                warnings.append(entry(item, item.detail));
        }
        auto json = [](const QJsonArray &list) {
            return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
        };
        auto finish = runQuery(
            m_db,
            u"UPDATE sync_runs SET finished_at = ?, status = ?, counts = ?, errors = ?, warnings = ? WHERE id = ?"_s,
            {m_report.finishedAt, m_report.status, sql::toJsonText(m_report.counts()), json(errors), json(warnings),
             m_report.runId},
            u"recording the end of the sync pass"_s);
        if (!finish)
            qCWarning(lcSync).noquote() << finish.error().message();
    }
    return m_report;
}

// ---------------------------------------------------------------------------------------------
// The ingestion queues (both backends, through engine::Ingestor)

void SyncPass::ingest()
{
    VectorStoreBackend *backend = m_backendFor ? m_backendFor(BackendKind::Local) : nullptr;
    if (!backend)
        return;
    IngestionQueue queue(m_db);
    auto waiting = queue.waiting(m_tenantId);
    if (!waiting)
        return fail(u"ingest"_s, nullptr, waiting.error().message());
    if (m_options.dryRun) {
        // What a real pass would claim: waiting local files whose claim is free or abandoned.
        auto list = runQuery(m_db,
                             u"SELECT "_s + refColumns()
                                 + u", f.id, f.filename, f.ingest_claimed_by, f.ingest_attempts "
                                   u"FROM vector_store_files f JOIN vector_stores s ON s.id = f.store_id "
                                   u"JOIN tenants t ON t.id = f.tenant_id "
                                   u"WHERE f.status = 'in_progress' AND f.deleted_at IS NULL AND s.deleted_at IS NULL "
                                   u"AND t.deleted_at IS NULL AND s.status <> 'expired' AND s.backend = 'local' "
                                   u"AND (CAST(? AS BIGINT) IS NULL OR f.tenant_id = ?) ORDER BY f.id"_s,
                             {tenantFilter(), tenantFilter()}, u"listing the ingestion queue"_s);
        if (!list)
            return fail(u"ingest"_s, nullptr, list.error().message());
        while (list.value().next()) {
            const QSqlQuery &q = list.value();
            SyncItem item = fileItemFromRow(q, u"ingest"_s, u"planned"_s);
            const int attempts = q.value(refColumnCount() + 3).toInt();
            item.detail = attempts > 0 ? u"resume (attempt %1)"_s.arg(attempts + 1) : u"ingest"_s;
            if (!q.value(refColumnCount() + 2).toString().isEmpty())
                item.extra.insert(u"claimed_by"_s, q.value(refColumnCount() + 2).toString());
            record(item);
        }
        return;
    }
    const qint64 total = waiting.value();
    qint64 done = 0;
    engine::Ingestor ingestor(m_db, m_backendFor);
    engine::Ingestor::Observer observer;
    QHash<qint64, std::pair<QString, QString>> names; // store id -> tenant slug, store name
    auto namesOf = [&](qint64 storeId) {
        auto it = names.constFind(storeId);
        if (it != names.cend())
            return *it;
        std::pair<QString, QString> found;
        if (auto q = runQuery(m_db,
                              u"SELECT t.slug, s.name FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id "
                              u"WHERE s.id = ?"_s,
                              {storeId}, u"naming a store"_s);
            q && q.value().next())
            found = {q.value().value(0).toString(), q.value().value(1).toString()};
        names.insert(storeId, found);
        return found;
    };
    observer.started = [&](const StoreFile &f) {
        progress(u"ingest"_s, done, std::max(total, done + 1), f.filename);
    };
    observer.requestId = [this] {
        return nextItemRequestId();
    };
    observer.finished = [&](const StoreFile &f, const QString &error) {
        ++done;
        SyncItem item;
        item.action = u"ingest"_s;
        item.outcome = f.status == FileStatus::Failed ? u"failed"_s : u"done"_s;
        item.tenantId = f.tenantId;
        item.storeId = f.storeId;
        std::tie(item.tenant, item.store) = namesOf(f.storeId);
        item.fileId = f.id;
        item.file = f.filename;
        item.detail = fileStatusName(f.status);
        item.error = error;
        record(item);
    };
    auto summary = ingestor.drain([this] { return !proceed(); }, observer, m_tenantId);
    if (!summary)
        fail(u"ingest"_s, nullptr, summary.error().message());
    progress(u"ingest"_s, done, std::max(total, done), QString());
}

} // namespace vd
