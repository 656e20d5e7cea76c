#pragma once

#include "core/backend/vectorstorebackend.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QString>

#include <functional>
#include <optional>

namespace vd {

class Database;

// The queue of files waiting for ingestion: live files with status in_progress. A worker claims
// one file at a time (owner "host:pid", claim time, attempt count); a claim whose owner died (same
// host, process gone) or that saw no heartbeat for the lease period is taken over, so a crash
// never leaves a file stuck and two processes never ingest the same file at once.
class IngestionQueue
{
public:
    struct Job
    {
        Tenant tenant;
        VectorStore store;
        StoreFile file;
        int attempts = 0; // claims of this file so far, this one included
        QByteArray traceParent; // the attach's or retry's span (W3C traceparent), empty without tracing
    };

    IngestionQueue(Database &db, QString owner = defaultOwner());

    static QString defaultOwner();
    void setLeaseMs(qint64 ms) { m_leaseMs = ms; }
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    // Claims the oldest waiting file of a store with this backend (of one tenant or store, if
    // given). nullopt when nothing is waiting. `holder` (VectorStoreBackend::holderId): local
    // stores whose index another engine holds are left to that engine's worker. `inHand`: files
    // this owner claimed already and is still working on (a pipeline), never claimed again.
    Result<std::optional<Job>> claimNext(const QString &backend, const QString &holder = {},
                                         std::optional<qint64> tenantId = {}, std::optional<qint64> storeId = {},
                                         const QList<qint64> &inHand = {});
    // Claims up to `count` more waiting files of `first`'s store (claimed already), for a backend
    // that ingests several files at once (VectorStoreBackend::ingestBatchLimit); in queue order,
    // by the same rule as claimNext. Empty when no other file of that store waits.
    Result<QList<Job>> claimMore(const Job &first, int count);
    Result<void> heartbeat(const Job &job);
    // Records the outcome; returns the file as it is now (it may have been detached meanwhile).
    Result<StoreFile> complete(const Job &job, const IngestOutcome &outcome);
    Result<StoreFile> fail(const Job &job, const QString &code, const QString &message);
    // Gives the file back to the queue (shutdown or cancel of the worker, not of the file).
    Result<void> release(const Job &job);
    // Gives the file back to the queue after a transient failure (another writer held its
    // store's index): it stays in progress, and no worker claims it before `delayMs` have passed.
    // The claim is parked as "retry-later" with the time it may be claimed again.
    Result<void> retryLater(const Job &job, qint64 delayMs);

    Result<qint64> waiting(std::optional<qint64> tenantId = {}, std::optional<qint64> storeId = {});

private:
    qint64 now() const;
    bool ownerIsGone(const QString &owner) const;
    // Whether a file with this claim may be claimed now: unclaimed, ours, or its owner gone or silent.
    bool claimable(const QString &claimedBy, qint64 claimedAt, qint64 at) const;
    Result<StoreFile> finish(const Job &job, FileStatus status, const QString &code, const QString &message,
                             const IngestOutcome &outcome);

    Database &m_db;
    QString m_owner;
    qint64 m_leaseMs = 5 * 60 * 1000;
    std::function<qint64()> m_clock;
};

} // namespace vd
