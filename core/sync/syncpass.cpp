#include "core/sync/syncpass.h"

#include "core/backend/vectorstorebackend.h"
#include "core/domain/units.h"
#include "core/ingestion/ingestor.h"
#include "core/service/ingestionqueue.h"
#include "core/service/storecounters.h"
#include "core/storage/auditlog.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/sqlvalues.h"
#include "core/sync/synclease.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace vd {

Q_LOGGING_CATEGORY(lcSync, "vectordesk.core.sync", QtInfoMsg)

namespace {

const QString kOperator = u"system:sync"_s;

QVariant nullInt()
{
    return QVariant(QMetaType::fromType<qint64>());
}

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString duration(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    if (minutes < 60)
        return u"%1 min"_s.arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return u"%1 h %2 min"_s.arg(hours).arg(minutes % 60);
    return u"%1 days %2 h"_s.arg(hours / 24).arg(hours % 24);
}

// Tenant and store of one row, in the column order of kRefColumns.
const QString kRefColumns = u"t.id, t.slug, t.plan, t.default_backend, s.id, s.name, s.backend, s.remote_id, s.status, "
                            u"s.expires_after_days, s.expires_at, s.last_active_at, s.created_at, s.deleted_at, "
                            u"t.deleted_at"_s;
constexpr int kRefColumnCount = 15;

template<typename Ref> Ref refFromRow(const QSqlQuery &q)
{
    Ref r;
    r.tenant.id = q.value(0).toLongLong();
    r.tenant.slug = q.value(1).toString();
    r.tenant.plan = q.value(2).toString();
    r.tenant.defaultBackend = q.value(3).toString();
    r.store.id = q.value(4).toLongLong();
    r.store.tenantId = r.tenant.id;
    r.store.name = q.value(5).toString();
    r.store.backend = q.value(6).toString();
    r.store.remoteId = q.value(7).toString();
    r.store.status = q.value(8).toString();
    if (!q.value(9).isNull())
        r.store.expiresAfter = ExpiryPolicy{u"last_active_at"_s, q.value(9).toInt()};
    if (!q.value(10).isNull())
        r.store.expiresAt = q.value(10).toLongLong();
    if (!q.value(11).isNull())
        r.store.lastActiveAt = q.value(11).toLongLong();
    r.store.createdAt = q.value(12).toLongLong();
    if (!q.value(13).isNull())
        r.store.deletedAt = q.value(13).toLongLong();
    if (!q.value(14).isNull())
        r.tenant.deletedAt = q.value(14).toLongLong();
    return r;
}

} // namespace

SyncPass::SyncPass(Database &db, BackendFor backendFor, SyncOptions options)
    : m_db(db)
    , m_backendFor(std::move(backendFor))
    , m_options(std::move(options))
{ }

qint64 SyncPass::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

Result<QSqlQuery> SyncPass::exec(const QString &sql, const QVariantList &binds, const QString &doing)
{
    return runQuery(m_db, sql, binds, doing);
}

QVariant SyncPass::tenantFilter() const
{
    return m_tenantId ? QVariant(*m_tenantId) : nullInt();
}

void SyncPass::record(SyncItem item)
{
    if (item.outcome == u"failed"_s)
        qCWarning(lcSync).noquote() << item.action << item.target() << "failed:" << item.error;
    else
        qCInfo(lcSync).noquote() << item.action << item.outcome << item.target() << item.detail;
    if (m_observer.item)
        m_observer.item(item);
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

std::optional<ServiceError> SyncPass::audit(qint64 tenantId, const QString &action, const QString &target,
                                            const QJsonObject &detail)
{
    auto r =
        writeAudit(m_db, {now(), kOperator, tenantId, action, target, u"sync-run:%1"_s.arg(m_report.runId), detail});
    if (!r)
        return r.error();
    return std::nullopt;
}

Result<SyncReport> SyncPass::run(const std::function<bool()> &cancelled, const Observer &observer)
{
    m_cancelled = cancelled;
    m_observer = observer;
    m_report = {};
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
        auto found = exec(u"SELECT id FROM tenants WHERE id = ? OR lower(slug) = lower(?) "
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
        auto stale =
            exec(u"UPDATE sync_runs SET status = 'failed', finished_at = ?, errors = ? "
                 u"WHERE status = 'running' AND NOT (host = ? AND pid = ?)"_s,
                 {m_report.startedAt,
                  sql::toJsonText(QJsonObject{{u"message"_s, u"the runner stopped before finishing (crash or kill)"_s}})
                      .prepend(u'[')
                      .append(u']'),
                  m_report.host, m_report.pid},
                 u"closing the runs of runners that died"_s);
        if (!stale)
            return stale.error();
        auto insert = exec(u"INSERT INTO sync_runs (started_at, host, pid, triggered_by) VALUES (?, ?, ?, ?)"_s,
                           {m_report.startedAt, m_report.host, m_report.pid, m_options.triggeredBy},
                           u"recording the start of a sync pass"_s);
        if (!insert)
            return insert.error();
        auto id = exec(u"SELECT max(id) FROM sync_runs WHERE host = ? AND pid = ? AND status = 'running'"_s,
                       {m_report.host, m_report.pid}, u"recording the start of a sync pass"_s);
        if (!id)
            return id.error();
        id.value().next();
        m_report.runId = id.value().value(0).toLongLong();
    }

    if (proceed())
        refreshRemote();
    if (proceed())
        expiry();
    if (proceed())
        stuck();
    if (proceed())
        ingest();
    if (proceed())
        purge();
    (void)proceed(); // a cancel during the last phase still counts

    m_report.finishedAt = std::max(now(), m_report.startedAt);
    if (m_stopped && m_stopReason == u"cancelled"_s)
        m_report.status = u"cancelled"_s;
    else
        m_report.status = m_report.failures() > 0 ? u"failed"_s : u"succeeded"_s;

    if (!m_options.dryRun) {
        QJsonArray errors;
        for (const SyncItem &item : std::as_const(m_report.items))
            if (item.outcome == u"failed"_s && errors.size() < 1000)
                errors.append(
                    QJsonObject{{u"action"_s, item.action}, {u"target"_s, item.target()}, {u"message"_s, item.error}});
        auto finish = exec(u"UPDATE sync_runs SET finished_at = ?, status = ?, counts = ?, errors = ? WHERE id = ?"_s,
                           {m_report.finishedAt, m_report.status, sql::toJsonText(m_report.counts()),
                            QString::fromUtf8(QJsonDocument(errors).toJson(QJsonDocument::Compact)), m_report.runId},
                           u"recording the end of the sync pass"_s);
        if (!finish)
            qCWarning(lcSync).noquote() << finish.error().message();
    }
    return m_report;
}

// ---------------------------------------------------------------------------------------------
// Remote stores

void SyncPass::refreshRemote()
{
    const QString doing = u"listing remote stores"_s;
    auto list =
        exec(u"SELECT "_s + kRefColumns
                 + u" FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id "
                   u"WHERE s.deleted_at IS NULL AND t.deleted_at IS NULL AND s.status <> 'expired' "
                   u"AND s.backend <> 'local' AND (CAST(? AS BIGINT) IS NULL OR s.tenant_id = ?) ORDER BY s.id"_s,
             {tenantFilter(), tenantFilter()}, doing);
    if (!list)
        return fail(u"refresh_store"_s, nullptr, list.error().message());
    QList<StoreRef> stores;
    while (list.value().next())
        stores << refFromRow<StoreRef>(list.value());
    list.value().finish();

    qint64 done = 0;
    for (const StoreRef &ref : std::as_const(stores)) {
        if (!proceed())
            return;
        progress(u"refresh"_s, done++, stores.size(), ref.store.name);
        VectorStoreBackend *backend = m_backendFor ? m_backendFor(ref.store.backend) : nullptr;
        if (!backend || !backend->isRemote()) {
            fail(u"refresh_store"_s, &ref,
                 u"No %1 backend is configured in this process, so store '%2' cannot be refreshed; configure the "
                 u"%1 connection (API key) for this runner."_s.arg(ref.store.backend, ref.store.name));
            continue;
        }
        // The files still in progress, in batches; each call also returns the store's state.
        qint64 lastId = 0;
        std::optional<RemoteStoreState> storeState;
        bool first = true;
        while (true) {
            if (!proceed())
                return;
            auto files = exec(u"SELECT id, filename, remote_file_id, sha256, size_bytes FROM vector_store_files "
                              u"WHERE store_id = ? AND status = 'in_progress' AND deleted_at IS NULL AND id > ? "
                              u"ORDER BY id LIMIT ?"_s,
                              {ref.store.id, lastId, m_options.batchSize}, u"listing files in progress"_s);
            if (!files) {
                fail(u"refresh_store"_s, &ref, files.error().message());
                break;
            }
            QList<StoreFile> batch;
            while (files.value().next()) {
                StoreFile f;
                f.id = files.value().value(0).toLongLong();
                f.storeId = ref.store.id;
                f.tenantId = ref.tenant.id;
                f.filename = files.value().value(1).toString();
                f.remoteFileId = files.value().value(2).toString();
                f.sha256 = files.value().value(3).toString();
                f.sizeBytes = files.value().value(4).toLongLong();
                f.status = u"in_progress"_s;
                batch << f;
            }
            files.value().finish();
            if (batch.isEmpty() && !first)
                break;
            first = false;
            if (!batch.isEmpty())
                lastId = batch.constLast().id;
            auto state = backend->refresh(ref.tenant, ref.store, batch);
            if (!state) {
                fail(u"refresh_store"_s, &ref, state.error().message());
                storeState.reset();
                break;
            }
            if (state->missing) {
                SyncItem item = itemFor(ref, u"missing_store"_s, u"reported"_s);
                item.detail = u"Store '%1' (%2) no longer exists on %3; it was deleted outside VectorDesk. It is not "
                              u"re-created: delete it here (vectordesk store delete) or create a new store."_s.arg(
                                  ref.store.name, ref.store.remoteId, ref.store.backend);
                item.extra.insert(u"remote_id"_s, ref.store.remoteId);
                record(item);
                storeState.reset();
                break;
            }
            storeState = state.value();
            // Files whose remote status moved on, in one short transaction per batch.
            QList<SyncItem> changed;
            std::optional<Transaction> transaction;
            if (!m_options.dryRun)
                transaction.emplace(m_db);
            bool ok = true;
            for (const RemoteFileState &fs : std::as_const(state->files)) {
                const auto it =
                    std::find_if(batch.cbegin(), batch.cend(), [&](const StoreFile &f) { return f.id == fs.fileId; });
                const QString filename = it == batch.cend() ? QString() : it->filename;
                SyncItem item = itemFor(ref);
                item.fileId = fs.fileId;
                item.file = filename;
                if (fs.missing) {
                    item.action = u"missing_file"_s;
                    item.outcome = u"reported"_s;
                    item.detail =
                        u"File %1 no longer exists on %2; it was removed outside VectorDesk. It is not "
                        u"re-uploaded: detach it or attach the file again."_s.arg(filename, ref.store.backend);
                    changed << item;
                    continue;
                }
                if (fs.status == u"in_progress"_s || fs.status.isEmpty())
                    continue;
                item.action = u"refresh_file"_s;
                item.outcome = m_options.dryRun ? u"planned"_s : u"done"_s;
                item.detail = u"in_progress -> %1"_s.arg(fs.status);
                item.extra.insert(u"status"_s, fs.status);
                if (!fs.lastErrorCode.isEmpty())
                    item.extra.insert(u"last_error"_s,
                                      QJsonObject{{u"code"_s, fs.lastErrorCode}, {u"message"_s, fs.lastErrorMessage}});
                if (!m_options.dryRun && ok) {
                    const bool failed = fs.status == u"failed"_s;
                    auto update = exec(
                        u"UPDATE vector_store_files SET status = ?, last_error_code = ?, last_error_message = ?, "
                        u"usage_bytes = ?, status_changed_at = ?, updated_at = ?, ingest_claimed_by = NULL, "
                        u"ingest_claimed_at = NULL WHERE id = ? AND status = 'in_progress' AND deleted_at IS NULL"_s,
                        {fs.status,
                         failed ? QVariant(fs.lastErrorCode.isEmpty() ? u"server_error"_s : fs.lastErrorCode)
                                : nullText(),
                         failed ? QVariant(fs.lastErrorMessage.isEmpty() ? u"The remote backend reported a failure."_s
                                                                         : fs.lastErrorMessage.left(2000))
                                : nullText(),
                         fs.usageBytes, now(), now(), fs.fileId},
                        u"recording the remote status of a file"_s);
                    if (!update) {
                        item.outcome = u"failed"_s;
                        item.error = update.error().message();
                        ok = false;
                    } else if (update.value().numRowsAffected() == 1) {
                        std::optional<ServiceError> problem =
                            adjustStoreCounters(m_db, ref.store.id, u"in_progress"_s, -1, 0, 0);
                        if (!problem)
                            problem = adjustStoreCounters(m_db, ref.store.id, fs.status, 1, fs.usageBytes, 0);
                        if (!problem)
                            problem = audit(ref.tenant.id, u"file.refresh"_s, u"file:%1"_s.arg(fs.fileId),
                                            {{u"status"_s, fs.status}, {u"usage_bytes"_s, fs.usageBytes}});
                        if (problem) {
                            item.outcome = u"failed"_s;
                            item.error = problem->message();
                            ok = false;
                        }
                    } else {
                        continue; // changed meanwhile (cancelled, detached): nothing to record
                    }
                }
                changed << item;
            }
            if (transaction && ok && !transaction->commit()) {
                ok = false;
                for (SyncItem &item : changed)
                    if (item.action == u"refresh_file"_s) {
                        item.outcome = u"failed"_s;
                        item.error = u"Cannot commit the file states: %1"_s.arg(transaction->error());
                    }
            }
            if (!ok)
                for (SyncItem &item : changed)
                    if (item.action == u"refresh_file"_s && item.outcome == u"done"_s) {
                        item.outcome = u"failed"_s;
                        item.error = u"Rolled back with the rest of its batch."_s;
                    }
            for (const SyncItem &item : std::as_const(changed))
                record(item);
            if (batch.size() < m_options.batchSize)
                break;
        }
        if (!storeState)
            continue;
        // The store's own state: status, usage, counts, expiry.
        const RemoteStoreState &st = *storeState;
        QStringList changes;
        auto row = exec(u"SELECT status, usage_bytes, files_in_progress, files_completed, files_failed, "
                        u"files_cancelled, expires_at, last_active_at FROM vector_stores WHERE id = ?"_s,
                        {ref.store.id}, u"reading a remote store"_s);
        if (!row || !row.value().next()) {
            fail(u"refresh_store"_s, &ref, row ? u"The store disappeared during the pass."_s : row.error().message());
            continue;
        }
        const QSqlQuery &r = row.value();
        if (r.value(0).toString() != st.status && !st.status.isEmpty())
            changes << u"status %1 -> %2"_s.arg(r.value(0).toString(), st.status);
        if (r.value(1).toLongLong() != st.usageBytes)
            changes << u"usage_bytes %1 -> %2"_s.arg(r.value(1).toLongLong()).arg(st.usageBytes);
        const FileCounts local{r.value(2).toLongLong(), r.value(3).toLongLong(), r.value(4).toLongLong(),
                               r.value(5).toLongLong()};
        if (local.inProgress != st.fileCounts.inProgress || local.completed != st.fileCounts.completed
            || local.failed != st.fileCounts.failed || local.cancelled != st.fileCounts.cancelled)
            changes << u"file_counts %1/%2/%3/%4 -> %5/%6/%7/%8"_s.arg(local.inProgress)
                           .arg(local.completed)
                           .arg(local.failed)
                           .arg(local.cancelled)
                           .arg(st.fileCounts.inProgress)
                           .arg(st.fileCounts.completed)
                           .arg(st.fileCounts.failed)
                           .arg(st.fileCounts.cancelled);
        const std::optional<qint64> localExpires =
            r.value(6).isNull() ? std::nullopt : std::optional<qint64>(r.value(6).toLongLong());
        if (localExpires != st.expiresAt)
            changes << u"expires_at %1 -> %2"_s.arg(localExpires ? isoTime(*localExpires) : u"none"_s,
                                                    st.expiresAt ? isoTime(*st.expiresAt) : u"none"_s);
        const bool lastActiveChanged =
            st.lastActiveAt && (r.value(7).isNull() || r.value(7).toLongLong() != *st.lastActiveAt);
        const QString localStatus = r.value(0).toString();
        row.value().finish();
        SyncItem item = itemFor(ref, u"refresh_store"_s, m_options.dryRun ? u"planned"_s : u"done"_s);
        item.detail = changes.isEmpty() ? u"unchanged"_s : changes.join(u", "_s);
        item.extra.insert(u"remote_status"_s, st.status);
        if (!m_options.dryRun && (!changes.isEmpty() || lastActiveChanged)) {
            const bool expiredRemotely = st.status == u"expired"_s;
            Transaction transaction(m_db);
            auto update = exec(u"UPDATE vector_stores SET usage_bytes = ?, files_in_progress = ?, files_completed = ?, "
                               u"files_failed = ?, files_cancelled = ?, expires_at = ?, "
                               u"last_active_at = coalesce(?, last_active_at), updated_at = ?, status = ? "
                               u"WHERE id = ? AND deleted_at IS NULL"_s,
                               {st.usageBytes, st.fileCounts.inProgress, st.fileCounts.completed, st.fileCounts.failed,
                                st.fileCounts.cancelled, st.expiresAt ? QVariant(*st.expiresAt) : nullInt(),
                                st.lastActiveAt ? QVariant(*st.lastActiveAt) : nullInt(), now(),
                                expiredRemotely || st.status.isEmpty() ? localStatus : st.status, ref.store.id},
                               u"recording the remote state of a store"_s);
            std::optional<ServiceError> problem;
            if (!update)
                problem = update.error();
            if (!problem)
                problem = audit(ref.tenant.id, u"store.refresh"_s, u"store:%1"_s.arg(ref.store.id),
                                {{u"changes"_s, QJsonArray::fromStringList(changes)}});
            if (!problem && !transaction.commit())
                problem = ServiceError::unavailable(u"Cannot commit the store state: %1"_s.arg(transaction.error()));
            if (problem) {
                item.outcome = u"failed"_s;
                item.error = problem->message();
            }
            record(item);
            // Expired remotely: the same local consequences as an expiry computed here.
            if (!problem && expiredRemotely)
                if (auto p = expireStore(ref, u"expired on %1"_s.arg(ref.store.backend), {}, true, true))
                    fail(u"expire"_s, &ref, p->message());
        } else {
            record(item);
        }
    }
    progress(u"refresh"_s, done, stores.size(), QString());
}

// ---------------------------------------------------------------------------------------------
// Expiry

std::optional<ServiceError> SyncPass::expireStore(const StoreRef &ref, const QString &why, const QJsonObject &detail,
                                                  bool flip, bool remote)
{
    const qint64 at = now();
    qint64 detached = 0;
    if (flip) {
        Transaction transaction(m_db);
        // Only while nothing made the store active meanwhile (a search moves last_active_at).
        auto update = exec(u"UPDATE vector_stores SET status = 'expired', updated_at = ? "
                           u"WHERE id = ? AND deleted_at IS NULL AND status <> 'expired' "
                           u"AND (CAST(? AS INTEGER) = 1 OR (expires_at IS NOT NULL AND expires_at <= ?))"_s,
                           {at, ref.store.id, remote ? 1 : 0, at}, u"expiring a store"_s);
        if (!update)
            return update.error();
        if (update.value().numRowsAffected() != 1)
            return std::nullopt; // active again, or deleted: not expired after all
        QJsonObject d = detail;
        d.insert(u"name"_s, ref.store.name);
        d.insert(u"reason"_s, why);
        if (auto p = audit(ref.tenant.id, u"store.expire"_s, u"store:%1"_s.arg(ref.store.id), d))
            return p;
        if (!transaction.commit())
            return ServiceError::unavailable(u"Cannot commit the expiry: %1"_s.arg(transaction.error()));
    }
    // Its files are gone (OpenAI semantics): detached in batches, purged after the retention.
    while (true) {
        if (!proceed())
            return std::nullopt;
        Transaction transaction(m_db);
        auto batch = exec(u"SELECT id, status, usage_bytes, size_bytes FROM vector_store_files "
                          u"WHERE store_id = ? AND deleted_at IS NULL ORDER BY id LIMIT ?"_s,
                          {ref.store.id, m_options.batchSize}, u"detaching the files of an expired store"_s);
        if (!batch)
            return batch.error();
        QList<qint64> ids;
        while (batch.value().next())
            ids << batch.value().value(0).toLongLong();
        batch.value().finish();
        if (ids.isEmpty())
            break;
        for (qint64 id : std::as_const(ids)) {
            auto r = exec(u"UPDATE vector_store_files SET deleted_at = ?, updated_at = ?, ingest_claimed_by = NULL, "
                          u"ingest_claimed_at = NULL WHERE id = ? AND deleted_at IS NULL"_s,
                          {at, at, id}, u"detaching the files of an expired store"_s);
            if (!r)
                return r.error();
        }
        // Recounted from the files left (a remote store's counters came from the remote).
        auto recount =
            exec(u"UPDATE vector_stores SET "
                 u"files_in_progress = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                 u"AND f.deleted_at IS NULL AND f.status = 'in_progress'), "
                 u"files_completed = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                 u"AND f.deleted_at IS NULL AND f.status = 'completed'), "
                 u"files_failed = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                 u"AND f.deleted_at IS NULL AND f.status = 'failed'), "
                 u"files_cancelled = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                 u"AND f.deleted_at IS NULL AND f.status = 'cancelled'), "
                 u"usage_bytes = (SELECT coalesce(sum(usage_bytes), 0) FROM vector_store_files f "
                 u"WHERE f.store_id = vector_stores.id AND f.deleted_at IS NULL), "
                 u"files_size_bytes = (SELECT coalesce(sum(size_bytes), 0) FROM vector_store_files f "
                 u"WHERE f.store_id = vector_stores.id AND f.deleted_at IS NULL) WHERE id = ?"_s,
                 {ref.store.id}, u"counting the files of an expired store"_s);
        if (!recount)
            return recount.error();
        if (auto p = audit(ref.tenant.id, u"store.expire_files"_s, u"store:%1"_s.arg(ref.store.id),
                           {{u"files"_s, ids.size()}}))
            return p;
        if (!transaction.commit())
            return ServiceError::unavailable(u"Cannot commit the detached files: %1"_s.arg(transaction.error()));
        detached += ids.size();
    }
    Q_UNUSED(detached);
    return std::nullopt;
}

void SyncPass::expiry()
{
    const qint64 at = now();
    auto list =
        exec(u"SELECT "_s + kRefColumns
                 + u", (SELECT count(*) FROM vector_store_files f WHERE f.store_id = s.id AND f.deleted_at IS "
                   u"NULL) FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id "
                   u"WHERE s.deleted_at IS NULL AND t.deleted_at IS NULL "
                   u"AND (s.expires_after_days IS NOT NULL OR s.expires_at IS NOT NULL OR s.status = 'expired') "
                   u"AND (CAST(? AS BIGINT) IS NULL OR s.tenant_id = ?) ORDER BY s.id"_s,
             {tenantFilter(), tenantFilter()}, u"listing stores with an expiry policy"_s);
    if (!list)
        return fail(u"expire"_s, nullptr, list.error().message());
    QList<std::pair<StoreRef, qint64>> stores;
    while (list.value().next())
        stores << std::make_pair(refFromRow<StoreRef>(list.value()), list.value().value(kRefColumnCount).toLongLong());
    list.value().finish();

    qint64 done = 0;
    for (const auto &[ref, liveFiles] : std::as_const(stores)) {
        if (!proceed())
            return;
        progress(u"expiry"_s, done++, stores.size(), ref.store.name);
        const VectorStore &s = ref.store;
        SyncItem item;
        item.tenantId = ref.tenant.id;
        item.tenant = ref.tenant.slug;
        item.storeId = s.id;
        item.store = s.name;
        const QString planned = m_options.dryRun ? u"planned"_s : u"done"_s;

        if (s.status == u"expired"_s) {
            // Expired earlier; finish detaching its files if a crash interrupted that.
            if (liveFiles > 0) {
                item.action = u"expire"_s;
                item.outcome = planned;
                item.detail = u"finishing the expiry: %1 files still attached"_s.arg(liveFiles);
                if (!m_options.dryRun)
                    if (auto p = expireStore(ref, u"resumed"_s, {}, false, false)) {
                        item.outcome = u"failed"_s;
                        item.error = p->message();
                    }
                record(item);
            }
            continue;
        }
        if (s.backend != u"local"_s)
            continue; // a remote store's expiry is the remote's (refresh brings it)
        if (!s.expiresAfter) {
            // The policy was cleared: the store no longer expires.
            item.action = u"expiry_fixed"_s;
            item.outcome = planned;
            item.detail = u"no expiry policy: expires_at cleared"_s;
            if (!m_options.dryRun) {
                auto r =
                    exec(u"UPDATE vector_stores SET expires_at = NULL WHERE id = ? AND expires_after_days IS NULL"_s,
                         {s.id}, u"clearing the expiry of a store"_s);
                if (!r) {
                    item.outcome = u"failed"_s;
                    item.error = r.error().message();
                }
            }
            record(item);
            continue;
        }
        const qint64 anchor = s.lastActiveAt.value_or(s.createdAt);
        const qint64 expected = anchor + qint64(s.expiresAfter->days) * kDayMs;
        item.extra.insert(u"expires_at"_s, isoTime(expected));
        item.extra.insert(u"last_active_at"_s, isoTime(anchor));
        item.extra.insert(u"days"_s, s.expiresAfter->days);
        if (!s.expiresAt || *s.expiresAt != expected) {
            SyncItem fix = item;
            fix.action = u"expiry_fixed"_s;
            fix.outcome = planned;
            fix.detail = u"expires_at %1 -> %2 (last activity + %3 days)"_s
                             .arg(s.expiresAt ? isoTime(*s.expiresAt) : u"none"_s, isoTime(expected))
                             .arg(s.expiresAfter->days);
            if (!m_options.dryRun) {
                // Only against the anchor we computed from; a search meanwhile moved both.
                auto r = exec(u"UPDATE vector_stores SET expires_at = ? WHERE id = ? AND expires_after_days = ? "
                              u"AND coalesce(last_active_at, created_at) = ?"_s,
                              {expected, s.id, s.expiresAfter->days, anchor}, u"correcting the expiry of a store"_s);
                if (!r) {
                    fix.outcome = u"failed"_s;
                    fix.error = r.error().message();
                }
            }
            record(fix);
        }
        if (expected <= at) {
            item.action = u"expire"_s;
            item.outcome = planned;
            item.detail = u"no activity since %1; expired at %2 after %3 day(s); %4 file(s) detached"_s
                              .arg(isoTime(anchor), isoTime(expected))
                              .arg(s.expiresAfter->days)
                              .arg(liveFiles);
            item.extra.insert(u"files"_s, liveFiles);
            if (!m_options.dryRun)
                if (auto p = expireStore(ref, u"no activity for %1 days"_s.arg(s.expiresAfter->days),
                                         {{u"expires_at"_s, expected},
                                          {u"last_active_at"_s, anchor},
                                          {u"days"_s, s.expiresAfter->days},
                                          {u"files"_s, liveFiles}},
                                         true, false)) {
                    item.outcome = u"failed"_s;
                    item.error = p->message();
                }
            record(item);
        } else if (expected - at <= qint64(m_options.expiryWarningDays) * kDayMs) {
            item.action = u"expiry_warning"_s;
            item.outcome = u"reported"_s;
            item.detail = u"expires at %1 (in %2) unless it is used"_s.arg(isoTime(expected), duration(expected - at));
            item.extra.insert(u"expires_in_ms"_s, expected - at);
            record(item);
        }
    }
    progress(u"expiry"_s, done, stores.size(), QString());
}

// ---------------------------------------------------------------------------------------------
// Stuck files

void SyncPass::stuck()
{
    const qint64 at = now();
    const qint64 before = at - m_options.stuckAfterMs;
    auto list = exec(u"SELECT "_s + kRefColumns
                         + u", f.id, f.filename, f.status_changed_at, f.ingest_claimed_by, f.ingest_attempts "
                           u"FROM vector_store_files f JOIN vector_stores s ON s.id = f.store_id "
                           u"JOIN tenants t ON t.id = f.tenant_id "
                           u"WHERE f.status = 'in_progress' AND f.status_changed_at < ? AND f.deleted_at IS NULL "
                           u"AND s.deleted_at IS NULL AND t.deleted_at IS NULL "
                           u"AND (CAST(? AS BIGINT) IS NULL OR f.tenant_id = ?) "
                           u"ORDER BY f.status_changed_at, f.id"_s,
                     {before, tenantFilter(), tenantFilter()}, u"looking for stuck files"_s);
    if (!list)
        return fail(u"stuck"_s, nullptr, list.error().message());
    while (list.value().next()) {
        const QSqlQuery &q = list.value();
        const auto ref = refFromRow<StoreRef>(q);
        SyncItem item = itemFor(ref, u"stuck"_s, u"reported"_s);
        item.fileId = q.value(kRefColumnCount).toLongLong();
        item.file = q.value(kRefColumnCount + 1).toString();
        const qint64 waited = at - q.value(kRefColumnCount + 2).toLongLong();
        const QString claimedBy = q.value(kRefColumnCount + 3).toString();
        const int attempts = q.value(kRefColumnCount + 4).toInt();
        item.detail = u"in progress for %1 (%2 attempts%3); retry or cancel it: vectordesk file retry|cancel "
                      u"--tenant %4 --store %5 %6"_s.arg(duration(waited))
                          .arg(attempts)
                          .arg(claimedBy.isEmpty() ? QString() : u", claimed by "_s + claimedBy)
                          .arg(ref.tenant.slug, ref.store.name)
                          .arg(item.fileId);
        item.extra.insert(u"waited_ms"_s, waited);
        item.extra.insert(u"attempts"_s, attempts);
        if (!claimedBy.isEmpty())
            item.extra.insert(u"claimed_by"_s, claimedBy);
        record(item);
    }
}

// ---------------------------------------------------------------------------------------------
// Ingestion queue (local engine)

void SyncPass::ingest()
{
    VectorStoreBackend *backend = m_backendFor ? m_backendFor(u"local"_s) : nullptr;
    if (!backend)
        return;
    IngestionQueue queue(m_db);
    auto waiting = queue.waiting(m_tenantId);
    if (!waiting)
        return fail(u"ingest"_s, nullptr, waiting.error().message());
    if (m_options.dryRun) {
        // What a real pass would claim: waiting local files whose claim is free or abandoned.
        auto list = exec(u"SELECT "_s + kRefColumns
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
            const auto ref = refFromRow<StoreRef>(q);
            SyncItem item = itemFor(ref, u"ingest"_s, u"planned"_s);
            item.fileId = q.value(kRefColumnCount).toLongLong();
            item.file = q.value(kRefColumnCount + 1).toString();
            const int attempts = q.value(kRefColumnCount + 3).toInt();
            item.detail = attempts > 0 ? u"resume (attempt %1)"_s.arg(attempts + 1) : u"ingest"_s;
            if (!q.value(kRefColumnCount + 2).toString().isEmpty())
                item.extra.insert(u"claimed_by"_s, q.value(kRefColumnCount + 2).toString());
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
        if (auto q = exec(u"SELECT t.slug, s.name FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id "
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
    observer.finished = [&](const StoreFile &f, const QString &status, const QString &error) {
        ++done;
        SyncItem item;
        item.action = u"ingest"_s;
        item.outcome = status == u"failed"_s ? u"failed"_s : u"done"_s;
        item.tenantId = f.tenantId;
        item.storeId = f.storeId;
        std::tie(item.tenant, item.store) = namesOf(f.storeId);
        item.fileId = f.id;
        item.file = f.filename;
        item.detail = status;
        item.error = error;
        record(item);
    };
    auto summary = ingestor.drain([this] { return !proceed(); }, observer, m_tenantId);
    if (!summary)
        fail(u"ingest"_s, nullptr, summary.error().message());
    progress(u"ingest"_s, done, std::max(total, done), QString());
}

// ---------------------------------------------------------------------------------------------
// Purge

void SyncPass::purge()
{
    if (purgeFiles() && purgeStores())
        purgeTenants();
}

bool SyncPass::purgeFiles()
{
    const qint64 cutoff = now() - m_options.retentionMs;
    auto count = exec(u"SELECT count(*) FROM vector_store_files WHERE deleted_at IS NOT NULL AND deleted_at <= ? "
                      u"AND (CAST(? AS BIGINT) IS NULL OR tenant_id = ?)"_s,
                      {cutoff, tenantFilter(), tenantFilter()}, u"counting files to purge"_s);
    if (!count || !count.value().next()) {
        fail(u"purge_file"_s, nullptr, count ? u"no count"_s : count.error().message());
        return false;
    }
    const qint64 total = count.value().value(0).toLongLong();
    count.value().finish();
    qint64 done = 0;
    qint64 lastId = 0;
    while (true) {
        if (!proceed())
            return false;
        auto batch =
            exec(u"SELECT "_s + kRefColumns
                     + u", f.id, f.filename, f.sha256, f.remote_file_id, f.deleted_at, f.size_bytes "
                       u"FROM vector_store_files f JOIN vector_stores s ON s.id = f.store_id "
                       u"JOIN tenants t ON t.id = f.tenant_id "
                       u"WHERE f.deleted_at IS NOT NULL AND f.deleted_at <= ? AND f.id > ? "
                       u"AND (CAST(? AS BIGINT) IS NULL OR f.tenant_id = ?) ORDER BY f.id LIMIT ?"_s,
                 {cutoff, lastId, tenantFilter(), tenantFilter(), m_options.batchSize}, u"listing files to purge"_s);
        if (!batch) {
            fail(u"purge_file"_s, nullptr, batch.error().message());
            return false;
        }
        QList<std::pair<StoreRef, StoreFile>> files;
        while (batch.value().next()) {
            const QSqlQuery &q = batch.value();
            StoreFile f;
            f.id = q.value(kRefColumnCount).toLongLong();
            f.filename = q.value(kRefColumnCount + 1).toString();
            f.sha256 = q.value(kRefColumnCount + 2).toString();
            f.remoteFileId = q.value(kRefColumnCount + 3).toString();
            f.deletedAt = q.value(kRefColumnCount + 4).toLongLong();
            f.sizeBytes = q.value(kRefColumnCount + 5).toLongLong();
            auto ref = refFromRow<StoreRef>(q);
            f.storeId = ref.store.id;
            f.tenantId = ref.tenant.id;
            files << std::make_pair(ref, f);
        }
        batch.value().finish();
        if (files.isEmpty())
            return true;
        lastId = files.constLast().second.id;
        QList<std::pair<SyncItem, StoreFile>> purged;
        for (const auto &[ref, f] : std::as_const(files)) {
            if (!proceed())
                return false;
            progress(u"purge"_s, done++, total, f.filename);
            SyncItem item = itemFor(ref, u"purge_file"_s, m_options.dryRun ? u"planned"_s : u"done"_s);
            item.fileId = f.id;
            item.file = f.filename;
            item.detail = u"detached %1"_s.arg(isoTime(*f.deletedAt));
            if (m_options.dryRun) {
                record(item);
                continue;
            }
            VectorStoreBackend *backend = m_backendFor ? m_backendFor(ref.store.backend) : nullptr;
            if (!backend) {
                item.outcome = u"failed"_s;
                item.error = u"No %1 backend is configured in this process, so the content of file %2 cannot be "
                             u"deleted; it is kept until a runner with that backend purges it."_s.arg(ref.store.backend)
                                 .arg(f.id);
                record(item);
                continue;
            }
            auto others = exec(u"SELECT count(*) FROM vector_store_files WHERE sha256 = ? AND id <> ?"_s,
                               {f.sha256, f.id}, u"checking who else uses the file's bytes"_s);
            if (!others || !others.value().next()) {
                item.outcome = u"failed"_s;
                item.error = others ? u"no count"_s : others.error().message();
                record(item);
                continue;
            }
            const bool lastReference = others.value().value(0).toLongLong() == 0;
            others.value().finish();
            // Content first, then the row: a crash in between repeats the (idempotent) content step.
            if (auto r = backend->purgeFile(ref.tenant, ref.store, f, lastReference); !r) {
                item.outcome = u"failed"_s;
                item.error = r.error().message();
                record(item);
                continue;
            }
            item.extra.insert(u"blob_removed"_s, lastReference);
            purged << std::make_pair(item, f);
        }
        if (purged.isEmpty())
            continue;
        // The rows of this batch, with their audit rows, in one short transaction.
        Transaction transaction(m_db);
        std::optional<ServiceError> problem;
        if (!transaction.isActive())
            problem = ServiceError::unavailable(transaction.error());
        for (const auto &[item, f] : std::as_const(purged)) {
            if (problem)
                break;
            auto del =
                exec(u"DELETE FROM vector_store_files WHERE id = ? AND deleted_at IS NOT NULL AND deleted_at <= ?"_s,
                     {f.id, cutoff}, u"purging a file"_s);
            if (!del)
                problem = del.error();
            else if (del.value().numRowsAffected() == 1)
                problem = audit(item.tenantId, u"file.purge"_s, u"file:%1"_s.arg(f.id),
                                {{u"store"_s, item.storeId},
                                 {u"filename"_s, f.filename},
                                 {u"sha256"_s, f.sha256},
                                 {u"blob_removed"_s, item.extra.value(u"blob_removed"_s)},
                                 {u"deleted_at"_s, *f.deletedAt}});
        }
        if (!problem && !transaction.commit())
            problem = ServiceError::unavailable(u"Cannot commit the purge: %1"_s.arg(transaction.error()));
        for (auto [item, f] : std::as_const(purged)) {
            if (problem) {
                item.outcome = u"failed"_s;
                item.error = problem->message();
            }
            record(item);
        }
    }
}

bool SyncPass::purgeStore(const StoreRef &ref, const QString &reason)
{
    SyncItem item = itemFor(ref, u"purge_store"_s, m_options.dryRun ? u"planned"_s : u"done"_s);
    item.detail = reason;
    auto count = exec(u"SELECT count(*) FROM vector_store_files WHERE store_id = ?"_s, {ref.store.id},
                      u"counting a store's files"_s);
    const qint64 files = count && count.value().next() ? count.value().value(0).toLongLong() : 0;
    if (count)
        count.value().finish();
    item.extra.insert(u"files"_s, files);
    if (m_options.dryRun) {
        record(item);
        return true;
    }
    auto failWith = [&](const QString &error) {
        item.outcome = u"failed"_s;
        item.error = error;
        record(item);
        return false;
    };
    VectorStoreBackend *backend = m_backendFor ? m_backendFor(ref.store.backend) : nullptr;
    if (!backend)
        return failWith(u"No %1 backend is configured in this process, so the content of store '%2' cannot be "
                        u"deleted; it is kept until a runner with that backend purges it."_s.arg(ref.store.backend,
                                                                                                 ref.store.name));
    // 1. The backend's content (index or remote store); repeating it is harmless.
    if (auto r = backend->purgeStore(ref.tenant, ref.store); !r)
        return failWith(r.error().message());
    // 2. Bytes that no file outside this store refers to.
    auto shas = exec(u"SELECT DISTINCT f.sha256 FROM vector_store_files f WHERE f.store_id = ? AND NOT EXISTS "
                     u"(SELECT 1 FROM vector_store_files o WHERE o.sha256 = f.sha256 AND o.store_id <> f.store_id)"_s,
                     {ref.store.id}, u"listing a store's bytes"_s);
    if (!shas)
        return failWith(shas.error().message());
    QStringList unused;
    while (shas.value().next())
        unused << shas.value().value(0).toString();
    shas.value().finish();
    for (const QString &sha : std::as_const(unused)) {
        if (!proceed())
            return false;
        if (auto r = backend->discardStaged(ref.tenant, StagedFile{sha, 0, true}); !r)
            return failWith(r.error().message());
    }
    // 3. The file rows, one batch per transaction.
    qint64 removed = 0;
    while (true) {
        if (!proceed())
            return false;
        Transaction transaction(m_db);
        auto del = exec(u"DELETE FROM vector_store_files WHERE id IN (SELECT id FROM vector_store_files "
                        u"WHERE store_id = ? ORDER BY id LIMIT ?)"_s,
                        {ref.store.id, m_options.batchSize}, u"purging a store's files"_s);
        if (!del)
            return failWith(del.error().message());
        const int n = del.value().numRowsAffected();
        if (n == 0)
            break;
        if (auto p = audit(ref.tenant.id, u"store.purge_files"_s, u"store:%1"_s.arg(ref.store.id), {{u"files"_s, n}}))
            return failWith(p->message());
        if (!transaction.commit())
            return failWith(transaction.error());
        removed += n;
    }
    // 4. The store itself.
    Transaction transaction(m_db);
    auto bindings = exec(u"DELETE FROM agent_vector_stores WHERE store_id = ?"_s, {ref.store.id},
                         u"purging a store's agent bindings"_s);
    if (!bindings)
        return failWith(bindings.error().message());
    auto del = exec(u"DELETE FROM vector_stores WHERE id = ?"_s, {ref.store.id}, u"purging a store"_s);
    if (!del)
        return failWith(del.error().message());
    if (auto p = audit(ref.tenant.id, u"store.purge"_s, u"store:%1"_s.arg(ref.store.id),
                       {{u"name"_s, ref.store.name}, {u"files"_s, files}, {u"reason"_s, reason}}))
        return failWith(p->message());
    if (!transaction.commit())
        return failWith(transaction.error());
    Q_UNUSED(removed);
    record(item);
    return true;
}

bool SyncPass::purgeStores()
{
    const qint64 cutoff = now() - m_options.retentionMs;
    auto list = exec(u"SELECT "_s + kRefColumns
                         + u" FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id "
                           u"WHERE s.deleted_at IS NOT NULL AND s.deleted_at <= ? "
                           u"AND (CAST(? AS BIGINT) IS NULL OR s.tenant_id = ?) ORDER BY s.id"_s,
                     {cutoff, tenantFilter(), tenantFilter()}, u"listing stores to purge"_s);
    if (!list) {
        fail(u"purge_store"_s, nullptr, list.error().message());
        return false;
    }
    QList<StoreRef> stores;
    while (list.value().next())
        stores << refFromRow<StoreRef>(list.value());
    list.value().finish();
    qint64 done = 0;
    for (const StoreRef &ref : std::as_const(stores)) {
        if (!proceed())
            return false;
        progress(u"purge"_s, done++, stores.size(), ref.store.name);
        purgeStore(ref, u"deleted %1"_s.arg(isoTime(*ref.store.deletedAt)));
    }
    return true;
}

bool SyncPass::purgeTenants()
{
    const qint64 cutoff = now() - m_options.retentionMs;
    auto list = exec(u"SELECT id, slug, plan, default_backend, deleted_at FROM tenants "
                     u"WHERE deleted_at IS NOT NULL AND deleted_at <= ? AND (CAST(? AS BIGINT) IS NULL OR id = ?) "
                     u"ORDER BY id"_s,
                     {cutoff, tenantFilter(), tenantFilter()}, u"listing tenants to purge"_s);
    if (!list) {
        fail(u"purge_tenant"_s, nullptr, list.error().message());
        return false;
    }
    QList<Tenant> tenants;
    while (list.value().next()) {
        Tenant t;
        t.id = list.value().value(0).toLongLong();
        t.slug = list.value().value(1).toString();
        t.plan = list.value().value(2).toString();
        t.defaultBackend = list.value().value(3).toString();
        t.deletedAt = list.value().value(4).toLongLong();
        tenants << t;
    }
    list.value().finish();
    for (const Tenant &t : std::as_const(tenants)) {
        if (!proceed())
            return false;
        SyncItem item;
        item.action = u"purge_tenant"_s;
        item.outcome = m_options.dryRun ? u"planned"_s : u"done"_s;
        item.tenantId = t.id;
        item.tenant = t.slug;
        item.detail = u"deleted %1"_s.arg(isoTime(*t.deletedAt));
        auto stores = exec(u"SELECT "_s + kRefColumns
                               + u" FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id WHERE s.tenant_id = ? "
                                 u"ORDER BY s.id"_s,
                           {t.id}, u"listing a tenant's stores"_s);
        if (!stores) {
            fail(u"purge_tenant"_s, nullptr, stores.error().message());
            continue;
        }
        QList<StoreRef> refs;
        while (stores.value().next())
            refs << refFromRow<StoreRef>(stores.value());
        stores.value().finish();
        bool ok = true;
        for (const StoreRef &ref : std::as_const(refs))
            ok = purgeStore(ref, u"its tenant %1 was deleted %2"_s.arg(t.slug, isoTime(*t.deletedAt))) && ok;
        if (m_stopped)
            return false;
        item.extra.insert(u"stores"_s, refs.size());
        if (!ok) {
            item.outcome = u"failed"_s;
            item.error = u"Some of its stores could not be purged (listed above); the tenant is kept until they are."_s;
            record(item);
            continue;
        }
        if (m_options.dryRun) {
            record(item);
            continue;
        }
        Transaction transaction(m_db);
        auto del =
            exec(u"DELETE FROM tenants WHERE id = ? AND deleted_at IS NOT NULL"_s, {t.id}, u"purging a tenant"_s);
        std::optional<ServiceError> problem;
        if (!del)
            problem = del.error();
        if (!problem)
            problem = audit(t.id, u"tenant.purge"_s, u"tenant:%1"_s.arg(t.id),
                            {{u"slug"_s, t.slug}, {u"stores"_s, refs.size()}, {u"deleted_at"_s, *t.deletedAt}});
        if (!problem && !transaction.commit())
            problem = ServiceError::unavailable(transaction.error());
        if (problem) {
            item.outcome = u"failed"_s;
            item.error = problem->message();
        }
        record(item);
    }
    return true;
}

} // namespace vd
