#include "core/service/ingestionqueue.h"

#include "core/logging/logging.h"
#include "core/service/storecounters.h"
#include "core/storage/auditlog.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

#include <cerrno>
#include <csignal>

using namespace Qt::StringLiterals;

namespace vd {

namespace {

// The claim of a file put back after contention (retryLater); its claim time is its retry time.
const QString kRetryLater = QStringLiteral("retry-later");

QVariant nullable(std::optional<qint64> v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

IngestionQueue::IngestionQueue(Database &db, QString owner)
    : m_db(db)
    , m_owner(std::move(owner))
{ }

QString IngestionQueue::defaultOwner()
{
    return u"%1:%2"_s.arg(QSysInfo::machineHostName()).arg(QCoreApplication::applicationPid());
}

qint64 IngestionQueue::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

bool IngestionQueue::ownerIsGone(const QString &owner) const
{
    const qsizetype colon = owner.lastIndexOf(u':');
    if (colon <= 0 || owner.left(colon) != QSysInfo::machineHostName())
        return false; // another machine: only the lease can tell
    bool ok = false;
    const qint64 pid = owner.mid(colon + 1).toLongLong(&ok);
    if (!ok || pid <= 0)
        return true;
    if (pid == QCoreApplication::applicationPid())
        return owner != m_owner;
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

bool IngestionQueue::claimable(const QString &claimedBy, qint64 claimedAt, qint64 at) const
{
    if (claimedBy == kRetryLater)
        return at >= claimedAt; // put back after contention: claimedAt is when it may go again
    return claimedBy.isEmpty() || claimedBy == m_owner || at - claimedAt > m_leaseMs || ownerIsGone(claimedBy);
}

Result<std::optional<IngestionQueue::Job>> IngestionQueue::claimNext(const QString &backend, const QString &holder,
                                                                     std::optional<qint64> tenantId,
                                                                     std::optional<qint64> storeId,
                                                                     const QList<qint64> &inHand)
{
    const QString doing = u"claiming a file for ingestion"_s;
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return ServiceError::unavailable(
            u"Cannot start a transaction on %1: %2"_s.arg(m_db.url().describe(), transaction.error()));
    const qint64 at = now();
    // Candidates in queue order; a claimed one is skipped unless its owner is gone or silent.
    const QString lock = m_db.isPostgres() ? u" FOR UPDATE OF f SKIP LOCKED"_s : QString();
    auto candidates = runQuery(
        m_db,
        u"SELECT f.id, f.ingest_claimed_by, f.ingest_claimed_at FROM vector_store_files f "
        u"JOIN vector_stores s ON s.id = f.store_id JOIN tenants t ON t.id = f.tenant_id "
        u"WHERE f.status = 'in_progress' AND f.deleted_at IS NULL AND s.deleted_at IS NULL "
        u"AND t.deleted_at IS NULL AND s.status <> 'expired' AND s.backend = ? "
        u"AND (s.engine_holder IS NULL OR s.engine_holder = ?) "
        u"AND (CAST(? AS BIGINT) IS NULL OR f.tenant_id = ?) AND (CAST(? AS BIGINT) IS NULL OR f.store_id = ?) "
        u"ORDER BY f.id LIMIT ?"_s
            + lock,
        {backend, holder, nullable(tenantId), nullable(tenantId), nullable(storeId), nullable(storeId),
         64 + inHand.size()},
        doing);
    if (!candidates)
        return candidates.error();
    qint64 chosen = 0;
    while (candidates.value().next()) {
        const QString claimedBy = candidates.value().value(1).toString();
        const qint64 claimedAt = candidates.value().value(2).toLongLong();
        if (claimable(claimedBy, claimedAt, at) && !inHand.contains(candidates.value().value(0).toLongLong())) {
            chosen = candidates.value().value(0).toLongLong();
            break;
        }
    }
    candidates.value().finish();
    if (chosen == 0)
        return std::optional<Job>();
    auto claim = runQuery(m_db,
                          u"UPDATE vector_store_files SET ingest_claimed_by = ?, ingest_claimed_at = ?, "
                          u"ingest_attempts = ingest_attempts + 1 WHERE id = ?"_s,
                          {m_owner, at, chosen}, doing);
    if (!claim)
        return claim.error();
    if (!transaction.commit())
        return ServiceError::unavailable(u"Cannot claim the file: %1"_s.arg(transaction.error()));

    auto row = runQuery(
        m_db,
        u"SELECT f.tenant_id, f.store_id, t.slug, t.plan, t.default_backend, s.name, s.backend, s.remote_id, "
        u"f.filename, f.mime_type, f.size_bytes, f.sha256, f.attributes, f.chunking_type, f.chunk_max_tokens, "
        u"f.chunk_overlap_tokens, f.source_path, f.ingest_attempts, f.remote_file_id, s.engine_holder, "
        u"f.created_at, f.status_changed_at, f.trace_parent "
        u"FROM vector_store_files f JOIN vector_stores s ON s.id = f.store_id JOIN tenants t ON t.id = f.tenant_id "
        u"WHERE f.id = ?"_s,
        {chosen}, doing);
    if (!row)
        return row.error();
    if (!row.value().next())
        return ServiceError::notFound(u"File %1 disappeared while it was claimed."_s.arg(chosen));
    const QSqlQuery &q = row.value();
    Job job;
    job.tenant.id = q.value(0).toLongLong();
    job.tenant.slug = q.value(2).toString();
    job.tenant.plan = q.value(3).toString();
    job.tenant.defaultBackend = backendFromName(q.value(4).toString()).value_or(BackendKind::Local);
    job.store.id = q.value(1).toLongLong();
    job.store.tenantId = job.tenant.id;
    job.store.name = q.value(5).toString();
    job.store.backend = backendFromName(q.value(6).toString()).value_or(BackendKind::Local);
    job.store.remoteId = q.value(7).toString();
    job.file.id = chosen;
    job.file.storeId = job.store.id;
    job.file.tenantId = job.tenant.id;
    job.file.filename = q.value(8).toString();
    job.file.mimeType = q.value(9).toString();
    job.file.sizeBytes = q.value(10).toLongLong();
    job.file.sha256 = q.value(11).toString();
    job.file.attributes = QJsonDocument::fromJson(q.value(12).toString().toUtf8()).object();
    job.file.chunking.type = q.value(13).toString();
    job.file.chunking.maxChunkSizeTokens = q.value(14).toInt();
    job.file.chunking.chunkOverlapTokens = q.value(15).toInt();
    job.file.sourcePath = q.value(16).toString();
    job.file.remoteFileId = q.value(18).toString();
    job.store.engineHolder = q.value(19).toString();
    job.file.createdAt = q.value(20).toLongLong();
    job.file.statusChangedAt = q.value(21).toLongLong();
    job.traceParent = q.value(22).toByteArray();
    job.file.status = FileStatus::InProgress;
    job.attempts = q.value(17).toInt();
    return std::optional<Job>(job);
}

Result<QList<IngestionQueue::Job>> IngestionQueue::claimMore(const Job &first, int count)
{
    QList<Job> jobs;
    if (count <= 0)
        return jobs;
    const QString doing = u"claiming files of store '%1' for ingestion"_s.arg(first.store.name);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return ServiceError::unavailable(
            u"Cannot start a transaction on %1: %2"_s.arg(m_db.url().describe(), transaction.error()));
    const qint64 at = now();
    // The store was live and unexpired when `first` was claimed, a moment ago.
    const QString lock = m_db.isPostgres() ? u" FOR UPDATE SKIP LOCKED"_s : QString();
    auto candidates = runQuery(m_db,
                               u"SELECT id, ingest_claimed_by, ingest_claimed_at FROM vector_store_files "
                               u"WHERE store_id = ? AND status = 'in_progress' AND deleted_at IS NULL AND id <> ? "
                               u"ORDER BY id LIMIT ?"_s
                                   + lock,
                               {first.store.id, first.file.id, count + 64}, doing);
    if (!candidates)
        return candidates.error();
    QVariantList chosen;
    while (candidates.value().next() && chosen.size() < count)
        if (claimable(candidates.value().value(1).toString(), candidates.value().value(2).toLongLong(), at))
            chosen << candidates.value().value(0);
    candidates.value().finish();
    if (chosen.isEmpty())
        return jobs;
    const QString marks = QStringList(chosen.size(), u"?"_s).join(u", "_s);
    auto claim = runQuery(m_db,
                          u"UPDATE vector_store_files SET ingest_claimed_by = ?, ingest_claimed_at = ?, "
                          u"ingest_attempts = ingest_attempts + 1 WHERE id IN ("_s
                              + marks + u")"_s,
                          QVariantList{m_owner, at} + chosen, doing);
    if (!claim)
        return claim.error();
    if (!transaction.commit())
        return ServiceError::unavailable(u"Cannot claim the files: %1"_s.arg(transaction.error()));
    auto rows = runQuery(m_db,
                         u"SELECT "_s + rows::kFileColumns
                             + u", ingest_attempts, trace_parent FROM vector_store_files WHERE id IN ("_s + marks
                             + u") ORDER BY id"_s,
                         chosen, doing);
    if (!rows)
        return rows.error();
    while (rows.value().next()) {
        Job job{first.tenant, first.store, rows::fileFromRow(rows.value()), 0, {}};
        job.file.status = FileStatus::InProgress;
        job.attempts = rows.value().value(rows::columnCount(rows::kFileColumns)).toInt();
        job.traceParent = rows.value().value(rows::columnCount(rows::kFileColumns) + 1).toByteArray();
        jobs << job;
    }
    return jobs;
}

Result<void> IngestionQueue::heartbeat(const Job &job)
{
    auto r =
        runQuery(m_db, u"UPDATE vector_store_files SET ingest_claimed_at = ? WHERE id = ? AND ingest_claimed_by = ?"_s,
                 {now(), job.file.id, m_owner}, u"renewing an ingestion claim"_s);
    if (!r)
        return r.error();
    return {};
}

Result<StoreFile> IngestionQueue::complete(const Job &job, const IngestOutcome &outcome)
{
    if (outcome.remotePending) {
        // Handed over to a remote backend that is still processing it: the file stays
        // in_progress with its remote id; the claim is parked under "remote-pending" (no host:pid,
        // so only the lease expires it) and the sync worker's refresh brings the final status.
        auto r = runQuery(
            m_db,
            u"UPDATE vector_store_files SET remote_file_id = coalesce(?, remote_file_id), "
            u"ingest_claimed_by = 'remote-pending', ingest_claimed_at = ? "
            u"WHERE id = ? AND status = 'in_progress' AND ingest_claimed_by = ?"_s,
            {outcome.remoteFileId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(outcome.remoteFileId),
             now(), job.file.id, m_owner},
            u"recording the pending ingestion of '%1'"_s.arg(job.file.filename));
        if (!r)
            return r.error();
        StoreFile file = job.file;
        file.remoteFileId = outcome.remoteFileId;
        return file;
    }
    return finish(job, FileStatus::Completed, {}, {}, outcome);
}

Result<StoreFile> IngestionQueue::fail(const Job &job, const QString &code, const QString &message)
{
    return finish(job, FileStatus::Failed, code, message, {});
}

Result<StoreFile> IngestionQueue::finish(const Job &job, FileStatus status, const QString &code, const QString &message,
                                         const IngestOutcome &outcome)
{
    const QString doing = u"recording the ingestion of '%1'"_s.arg(job.file.filename);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return ServiceError::unavailable(u"Cannot start a transaction: %1"_s.arg(transaction.error()));
    const qint64 at = now();
    // Only a file still waiting and still ours: a cancel or another worker's takeover wins.
    auto update = runQuery(
        m_db,
        u"UPDATE vector_store_files SET status = ?, last_error_code = ?, last_error_message = ?, "
        u"usage_bytes = ?, chunk_count = ?, token_count = ?, status_changed_at = ?, updated_at = ?, "
        u"ingest_claimed_by = NULL, ingest_claimed_at = NULL, remote_file_id = coalesce(?, remote_file_id) "
        u"WHERE id = ? AND status = 'in_progress' AND ingest_claimed_by = ?"_s,
        {fileStatusName(status), code.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(code),
         message.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(message.left(2000)),
         outcome.usageBytes, outcome.chunkCount, outcome.tokenCount, at, at,
         outcome.remoteFileId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(outcome.remoteFileId),
         job.file.id, m_owner},
        doing);
    if (!update)
        return update.error();
    bool applied = update.value().numRowsAffected() > 0;
    bool live = true;
    if (applied) {
        // A file detached meanwhile already left the store's counters; only the row changes.
        auto state = runQuery(m_db, u"SELECT deleted_at FROM vector_store_files WHERE id = ?"_s, {job.file.id}, doing);
        if (!state)
            return state.error();
        live = state.value().next() && state.value().value(0).isNull();
    }
    if (applied && live) {
        if (auto p = adjustStoreCounters(m_db, job.store.id, FileStatus::InProgress, -1, 0, 0))
            return *p;
        if (auto p = adjustStoreCounters(m_db, job.store.id, status, 1, outcome.usageBytes, 0))
            return *p;
    }
    if (applied) {
        // The audit row carries the ingestion's request id (the caller's logging context); the
        // claim's owner (host:pid) only when there is none.
        const QString current = logging::current().requestId;
        const QString requestId = current.isEmpty() ? m_owner : current;
        QJsonObject detail{{u"status"_s, fileStatusName(status)},
                           {u"chunks"_s, outcome.chunkCount},
                           {u"usage_bytes"_s, outcome.usageBytes}};
        if (!code.isEmpty())
            detail.insert(u"last_error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}});
        if (auto r = writeAudit(m_db,
                                {at, u"system:ingestion"_s, job.tenant.id, u"file.ingest"_s,
                                 u"file:%1"_s.arg(job.file.id), requestId, detail});
            !r)
            return r.error();
    }
    if (!transaction.commit())
        return ServiceError::unavailable(u"Cannot record the ingestion: %1"_s.arg(transaction.error()));
    auto row =
        runQuery(m_db, u"SELECT status, deleted_at FROM vector_store_files WHERE id = ?"_s, {job.file.id}, doing);
    if (!row)
        return row.error();
    StoreFile file = job.file;
    if (row.value().next()) {
        file.status = fileStatusFromName(row.value().value(0).toString()).value_or(file.status);
        if (!row.value().value(1).isNull())
            file.deletedAt = row.value().value(1).toLongLong();
    }
    return file;
}

Result<void> IngestionQueue::release(const Job &job)
{
    auto r = runQuery(m_db,
                      u"UPDATE vector_store_files SET ingest_claimed_by = NULL, ingest_claimed_at = NULL "
                      u"WHERE id = ? AND ingest_claimed_by = ?"_s,
                      {job.file.id, m_owner}, u"releasing an ingestion claim"_s);
    if (!r)
        return r.error();
    return {};
}

Result<void> IngestionQueue::retryLater(const Job &job, qint64 delayMs)
{
    auto r = runQuery(m_db,
                      u"UPDATE vector_store_files SET ingest_claimed_by = ?, ingest_claimed_at = ? "
                      u"WHERE id = ? AND status = 'in_progress' AND ingest_claimed_by = ?"_s,
                      {kRetryLater, now() + std::max<qint64>(0, delayMs), job.file.id, m_owner},
                      u"putting '%1' back in the ingestion queue"_s.arg(job.file.filename));
    if (!r)
        return r.error();
    return {};
}

Result<qint64> IngestionQueue::waiting(std::optional<qint64> tenantId, std::optional<qint64> storeId)
{
    auto r = runQuery(
        m_db,
        u"SELECT count(*) FROM vector_store_files f JOIN vector_stores s ON s.id = f.store_id "
        u"WHERE f.status = 'in_progress' AND f.deleted_at IS NULL AND s.deleted_at IS NULL AND s.status <> 'expired' "
        u"AND (CAST(? AS BIGINT) IS NULL OR f.tenant_id = ?) AND (CAST(? AS BIGINT) IS NULL OR f.store_id = ?)"_s,
        {nullable(tenantId), nullable(tenantId), nullable(storeId), nullable(storeId)}, u"counting the queue"_s);
    if (!r)
        return r.error();
    r.value().next();
    return r.value().value(0).toLongLong();
}

} // namespace vd
