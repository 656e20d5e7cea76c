#include "core/service/lifecycle.h"

#include "core/backend/vectorstorebackend.h"
#include "core/service/storecounters.h"
#include "core/storage/auditlog.h"
#include "core/storage/database.h"
#include "core/storage/query.h"

#include <QDateTime>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace vd {

namespace {

// Names VectorDesk's content locks among PostgreSQL advisory locks (two-key form; the migration
// lock uses the one-key form, so they never meet).
constexpr int kContentLockSpace = 0x5644; // "VD"

// The 32-bit key of a sha256: its first eight hex digits. Two hashes sharing them only share a
// lock, which serialises a little more than needed and is otherwise harmless.
qint32 contentLockKey(const QString &sha256)
{
    bool ok = false;
    const quint32 key = sha256.left(8).toUInt(&ok, 16);
    return qint32(ok ? key : quint32(qHash(sha256)));
}

} // namespace

qint64 AuditActor::now() const
{
    return clock ? clock() : QDateTime::currentMSecsSinceEpoch();
}

std::optional<ServiceError> AuditActor::audit(Database &db, std::optional<qint64> tenantId, const QString &action,
                                              const QString &target, const QJsonObject &detail) const
{
    auto written = writeAudit(db, {now(), operatorName, tenantId, action, target, requestId, detail});
    if (!written)
        return written.error();
    return std::nullopt;
}

std::optional<ServiceError> lockContent(Database &db, const QStringList &sha256s)
{
    if (!db.isPostgres())
        return std::nullopt; // the transaction's BEGIN IMMEDIATE holds the write lock already
    QList<qint32> keys;
    for (const QString &sha : sha256s)
        keys << contentLockKey(sha);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const qint32 key : std::as_const(keys)) {
        auto locked = runQuery(db, u"SELECT pg_advisory_xact_lock(CAST(? AS INTEGER), CAST(? AS INTEGER))"_s,
                               {kContentLockSpace, key}, u"locking attached content"_s);
        if (!locked)
            return locked.error();
    }
    return std::nullopt;
}

Lifecycle::Lifecycle(Database &db, BackendFor backendFor, AuditActor actor)
    : m_db(db)
    , m_backendFor(std::move(backendFor))
    , m_actor(std::move(actor))
{ }

Result<VectorStoreBackend *> Lifecycle::backendOf(const VectorStore &store, const QString &content) const
{
    VectorStoreBackend *backend = m_backendFor ? m_backendFor(store.backend) : nullptr;
    if (!backend)
        return ServiceError::unavailable(u"No %1 backend is available in this process, so the content of %2 cannot "
                                         u"be deleted; it is kept, with its rows, until a process with that backend "
                                         u"purges it."_s.arg(backendName(store.backend), content));
    return backend;
}

Result<bool> Lifecycle::removeIfUnused(VectorStoreBackend &backend, const Tenant &tenant, const QString &sha256)
{
    // The one question "does any file still use these bytes?": any tenant, live or in the trash,
    // attached to a store or uploaded through the API (a File).
    auto used = runQuery(m_db,
                         u"SELECT 1 FROM vector_store_files WHERE sha256 = ? UNION ALL "
                         u"SELECT 1 FROM uploaded_files WHERE sha256 = ? LIMIT 1"_s,
                         {sha256, sha256}, u"checking whether any file still uses the bytes %1"_s.arg(sha256));
    if (!used)
        return used.error();
    const bool inUse = used.value().next();
    used.value().finish();
    if (inUse)
        return false;
    if (auto r = backend.discardStaged(tenant, StagedFile{sha256, 0, true}); !r)
        return r.error();
    return true;
}

Result<bool> Lifecycle::discardStaged(VectorStoreBackend &backend, const Tenant &tenant, const QString &sha256)
{
    const QString doing = u"removing the unused copy %1"_s.arg(sha256);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(m_db, doing, transaction.error());
    if (auto p = lockContent(m_db, {sha256}))
        return *p;
    auto removed = removeIfUnused(backend, tenant, sha256);
    if (removed && !transaction.commit())
        return commitError(m_db, doing, transaction.error());
    return removed;
}

QList<Lifecycle::FileOutcome> Lifecycle::purgeFiles(const QList<FileRef> &files, qint64 deletedBefore,
                                                    const std::function<void(const FileRef &)> &started)
{
    // 1. The content of each file: its chunks or remote objects. Its bytes go with its row below,
    //    under the content lock.
    QList<FileOutcome> outcomes;
    QList<VectorStoreBackend *> backends;
    QStringList shas;
    for (const FileRef &ref : files) {
        if (!proceed())
            break;
        if (started)
            started(ref);
        FileOutcome outcome;
        auto backend = backendOf(ref.store, u"file %1"_s.arg(ref.file.id));
        if (!backend)
            outcome.error = backend.error();
        else if (auto r = backend.value()->purgeFile(ref.tenant, ref.store, ref.file, false); !r)
            outcome.error = r.error();
        else
            shas << ref.file.sha256;
        outcomes << outcome;
        backends << (backend ? backend.value() : nullptr);
    }
    if (shas.isEmpty())
        return outcomes;

    // 2. The rows whose content is gone, in one transaction: each row, then its bytes when no file
    //    refers to them any more (a later row of the batch may have kept them), then its audit row.
    const QString doing = u"purging files"_s;
    std::optional<ServiceError> problem;
    Transaction transaction(m_db);
    if (!transaction.isActive())
        problem = commitError(m_db, doing, transaction.error());
    if (!problem)
        problem = lockContent(m_db, shas);
    for (qsizetype i = 0; i < outcomes.size() && !problem; ++i) {
        FileOutcome &outcome = outcomes[i];
        const FileRef &ref = files.at(i);
        if (outcome.error)
            continue;
        auto del = runQuery(
            m_db, u"DELETE FROM vector_store_files WHERE id = ? AND deleted_at IS NOT NULL AND deleted_at <= ?"_s,
            {ref.file.id, deletedBefore}, doing);
        if (!del) {
            problem = del.error();
            break;
        }
        if (del.value().numRowsAffected() != 1)
            continue; // restored or purged meanwhile: nothing to remove
        auto removed = removeIfUnused(*backends.at(i), ref.tenant, ref.file.sha256);
        if (!removed) {
            problem = removed.error();
            break;
        }
        outcome.purged = true;
        outcome.blobRemoved = removed.value();
        problem = m_actor.audit(m_db, ref.tenant.id, u"file.purge"_s, u"file:%1"_s.arg(ref.file.id),
                                {{u"store"_s, ref.store.id},
                                 {u"filename"_s, ref.file.filename},
                                 {u"sha256"_s, ref.file.sha256},
                                 {u"blob_removed"_s, outcome.blobRemoved},
                                 {u"deleted_at"_s, ref.file.deletedAt.value_or(0)}});
    }
    if (!problem && !transaction.commit())
        problem = commitError(m_db, doing, transaction.error());
    if (problem)
        for (FileOutcome &outcome : outcomes)
            if (!outcome.error)
                outcome = {false, false, problem}; // rolled back with its batch; the next pass repeats it
    return outcomes;
}

Result<qint64> Lifecycle::purgeStore(const Tenant &tenant, const VectorStore &store, const QString &reason)
{
    auto backend = backendOf(store, u"store '%1'"_s.arg(store.name));
    if (!backend)
        return backend.error();
    // 1. The content: the index, or the remote store and its files. Repeating it is harmless.
    if (auto r = backend.value()->purgeStore(tenant, store); !r)
        return r.error();

    // 2. The file rows, one batch per transaction, each followed by the bytes nobody uses now.
    const QString doing = u"purging the files of store '%1'"_s.arg(store.name);
    qint64 removed = 0;
    while (true) {
        if (!proceed())
            return removed; // stopped: the next call goes on from here
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return commitError(m_db, doing, transaction.error());
        auto batch =
            runQuery(m_db, u"SELECT id, sha256 FROM vector_store_files WHERE store_id = ? ORDER BY id LIMIT ?"_s,
                     {store.id, m_batchSize}, doing);
        if (!batch)
            return batch.error();
        QVariantList ids;
        QStringList shas;
        while (batch.value().next()) {
            ids << batch.value().value(0);
            shas << batch.value().value(1).toString();
        }
        batch.value().finish();
        if (ids.isEmpty())
            break;
        if (auto p = lockContent(m_db, shas))
            return *p;
        auto del = runQuery(
            m_db,
            u"DELETE FROM vector_store_files WHERE id IN (%1)"_s.arg(QStringList(ids.size(), u"?"_s).join(u", "_s)),
            ids, doing);
        if (!del)
            return del.error();
        shas.removeDuplicates();
        int blobsRemoved = 0;
        for (const QString &sha : std::as_const(shas)) {
            auto gone = removeIfUnused(*backend.value(), tenant, sha);
            if (!gone)
                return gone.error();
            blobsRemoved += gone.value() ? 1 : 0;
        }
        if (auto p = m_actor.audit(m_db, tenant.id, u"store.purge_files"_s, u"store:%1"_s.arg(store.id),
                                   {{u"files"_s, ids.size()}, {u"blobs_removed"_s, blobsRemoved}}))
            return *p;
        if (!transaction.commit())
            return commitError(m_db, doing, transaction.error());
        removed += ids.size();
    }

    // 3. The store itself, with its agent bindings.
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(m_db, doing, transaction.error());
    auto bindings = runQuery(m_db, u"DELETE FROM agent_vector_stores WHERE store_id = ?"_s, {store.id},
                             u"purging the agent bindings of store '%1'"_s.arg(store.name));
    if (!bindings)
        return bindings.error();
    auto del = runQuery(m_db, u"DELETE FROM vector_stores WHERE id = ?"_s, {store.id},
                        u"purging store '%1'"_s.arg(store.name));
    if (!del)
        return del.error();
    QJsonObject detail{{u"name"_s, store.name}, {u"files"_s, removed}};
    if (!reason.isEmpty())
        detail.insert(u"reason"_s, reason);
    if (auto p = m_actor.audit(m_db, tenant.id, u"store.purge"_s, u"store:%1"_s.arg(store.id), detail))
        return *p;
    if (!transaction.commit())
        return commitError(m_db, doing, transaction.error());
    return removed;
}

Result<void> Lifecycle::expireStore(const Tenant &tenant, const VectorStore &store, Expiry expiry, const QString &why,
                                    const QJsonObject &detail)
{
    if (expiry != Expiry::Resume) {
        const QString doing = u"expiring store '%1'"_s.arg(store.name);
        const qint64 at = m_actor.now();
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return commitError(m_db, doing, transaction.error());
        // Only while nothing made the store active meanwhile (a search moves last_active_at).
        auto update = runQuery(m_db,
                               u"UPDATE vector_stores SET status = 'expired', updated_at = ? "
                               u"WHERE id = ? AND deleted_at IS NULL AND status <> 'expired' "
                               u"AND (CAST(? AS INTEGER) = 1 OR (expires_at IS NOT NULL AND expires_at <= ?))"_s,
                               {at, store.id, expiry == Expiry::Remote ? 1 : 0, at}, doing);
        if (!update)
            return update.error();
        if (update.value().numRowsAffected() != 1)
            return {}; // active again, or deleted: not expired after all
        QJsonObject d = detail;
        d.insert(u"name"_s, store.name);
        d.insert(u"reason"_s, why);
        if (auto p = m_actor.audit(m_db, tenant.id, u"store.expire"_s, u"store:%1"_s.arg(store.id), d))
            return *p;
        if (!transaction.commit())
            return commitError(m_db, doing, transaction.error());
    }
    if (auto p = detachFiles(tenant, store))
        return *p;
    return {};
}

std::optional<ServiceError> Lifecycle::detachFiles(const Tenant &tenant, const VectorStore &store)
{
    // Its files are gone (OpenAI semantics): detached in batches, purged after the retention.
    const QString doing = u"detaching the files of expired store '%1'"_s.arg(store.name);
    while (proceed()) {
        const qint64 at = m_actor.now();
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return commitError(m_db, doing, transaction.error());
        auto batch = runQuery(m_db,
                              u"SELECT id FROM vector_store_files WHERE store_id = ? AND deleted_at IS NULL "
                              u"ORDER BY id LIMIT ?"_s,
                              {store.id, m_batchSize}, doing);
        if (!batch)
            return batch.error();
        QList<qint64> ids;
        while (batch.value().next())
            ids << batch.value().value(0).toLongLong();
        batch.value().finish();
        if (ids.isEmpty())
            break;
        for (const qint64 id : std::as_const(ids)) {
            auto r =
                runQuery(m_db,
                         u"UPDATE vector_store_files SET deleted_at = ?, updated_at = ?, ingest_claimed_by = NULL, "
                         u"ingest_claimed_at = NULL WHERE id = ? AND deleted_at IS NULL"_s,
                         {at, at, id}, doing);
            if (!r)
                return r.error();
        }
        // Recounted from the files left (a remote store's counters came from the remote).
        if (auto p = recountStoreCounters(m_db, store.id, doing))
            return p;
        if (auto p = m_actor.audit(m_db, tenant.id, u"store.expire_files"_s, u"store:%1"_s.arg(store.id),
                                   {{u"files"_s, ids.size()}}))
            return p;
        if (!transaction.commit())
            return commitError(m_db, doing, transaction.error());
    }
    return std::nullopt;
}

} // namespace vd
