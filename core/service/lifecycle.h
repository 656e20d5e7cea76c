#pragma once

#include "core/backend/vectorstorebackend.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <functional>
#include <optional>

namespace vd {

class Database;

// Who writes the audit rows of a lifecycle step, and by which clock.
struct AuditActor
{
    QString operatorName; // an operator, or a system actor such as "system:sync"
    QString requestId;
    std::function<qint64()> clock; // unix milliseconds; empty: the wall clock

    qint64 now() const;
    // One audit row (writeAudit), inside the caller's transaction.
    std::optional<ServiceError> audit(Database &db, std::optional<qint64> tenantId, const QString &action,
                                      const QString &target, const QJsonObject &detail) const;
};

// The bytes of attached files live once per sha256 in the blob store that every tenant and both
// backends share; the rows of vector_store_files (live and trashed, in any tenant) refer to them.
// Adding a reference (an attach inserting a row) and removing bytes nobody refers to (purge, a
// refused attach) take this lock on the sha256 inside their transaction, so no attach can insert
// its row between "no row refers to these bytes" and their removal:
// - SQLite: nothing more to take. Every write transaction starts with BEGIN IMMEDIATE, so it
//   already holds the database's single write lock, which the attach's INSERT needs as well.
// - PostgreSQL: pg_advisory_xact_lock on a key made from the sha256, released by the commit or
//   rollback. Several are taken in one order (sorted keys), so two purges cannot deadlock.
// An attach that waited for the lock checks under it that its staged copy is still there.
std::optional<ServiceError> lockContent(Database &db, const QStringList &sha256s);

// Purging files and stores and expiring stores: the one implementation, used by VectorStoreService
// (store purge, the copy of a refused attach) and by the sync pass (docs/sync.md). Every purge
// removes content first, then rows, in batches of short transactions, so a crash or stop in
// between leaves only a step that repeating finishes (content removal is idempotent).
class Lifecycle
{
public:
    Lifecycle(Database &db, BackendFor backendFor, AuditActor actor);

    // Rows per batch and per write transaction.
    void setBatchSize(int rows) { m_batchSize = std::max(1, rows); }
    // Asked between batches; false stops the work where it is (the sync pass: cancelled, lease
    // lost). What was done is consistent; calling again finishes it.
    void setProceed(std::function<bool()> proceed) { m_proceed = std::move(proceed); }

    // The staged copy of a refused attach goes, unless some file refers to the same bytes (its
    // own transaction, under the content lock). True when it was removed.
    Result<bool> discardStaged(VectorStoreBackend &backend, const Tenant &tenant, const QString &sha256);

    struct FileRef
    {
        Tenant tenant;
        VectorStore store;
        StoreFile file;
    };
    struct FileOutcome
    {
        bool purged = false; // the row was removed (false: restored meanwhile, or failed)
        bool blobRemoved = false; // no other file used its bytes, so they went too
        std::optional<ServiceError> error;
    };
    // Purges detached files for good. First each file's content through its store's backend
    // (chunks, remote objects); then, in one transaction, each of those rows still detached at or
    // before `deletedBefore`, its bytes when no file refers to them any more, and an audit row
    // `file.purge`. `started` is told before each file (progress). Returns one outcome per file it
    // started, in order: fewer than `files` when it was stopped.
    QList<FileOutcome> purgeFiles(const QList<FileRef> &files, qint64 deletedBefore,
                                  const std::function<void(const FileRef &)> &started = {});

    // Purges a store for good: its content first (backend purgeStore: the index, the remote
    // store), then its file rows in batches, each batch with the bytes no file refers to any more
    // (audit `store.purge_files`), then its agent bindings and its row (`store.purge`, with
    // `reason` when given). Returns how many file rows it removed.
    Result<qint64> purgeStore(const Tenant &tenant, const VectorStore &store, const QString &reason = {});

    // Expires a store (OpenAI semantics, docs/sync.md): its status becomes expired (audit
    // `store.expire` with `why` and `detail`), then its live files are detached in batches with the
    // counters recounted (`store.expire_files`); they are purged after the retention.
    enum class Expiry {
        Due, // only while expires_at has passed (a search meanwhile keeps it alive)
        Remote, // the remote backend says the store expired
        Resume, // already expired: finish detaching its files
    };
    Result<void> expireStore(const Tenant &tenant, const VectorStore &store, Expiry expiry, const QString &why,
                             const QJsonObject &detail = {});

private:
    bool proceed() const { return !m_proceed || m_proceed(); }
    Result<VectorStoreBackend *> backendOf(const VectorStore &store, const QString &content) const;
    // Inside a transaction holding lockContent(sha256): removes the bytes when no file refers to
    // them. True when they were removed.
    Result<bool> removeIfUnused(VectorStoreBackend &backend, const Tenant &tenant, const QString &sha256);
    std::optional<ServiceError> detachFiles(const Tenant &tenant, const VectorStore &store);

    Database &m_db;
    BackendFor m_backendFor;
    AuditActor m_actor;
    int m_batchSize = 200;
    std::function<bool()> m_proceed;
};

} // namespace vd
