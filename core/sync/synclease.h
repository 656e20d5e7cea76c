#pragma once

#include "core/domain/serviceerror.h"

#include <QString>

#include <functional>
#include <optional>

namespace vd {

class Database;

// The one-runner-at-a-time lease of the sync worker: a single row in `sync_lease` (migration
// 0005) naming the holder (host and pid), when it took the lease, its last heartbeat and when
// the lease runs out. Works the same on SQLite and PostgreSQL: every change is one conditional
// statement, so two runners racing for the lease cannot both win.
class SyncLease
{
public:
    struct Holder
    {
        QString host;
        qint64 pid = 0;
        QString triggeredBy;
        qint64 acquiredAt = 0;
        qint64 heartbeatAt = 0;
        qint64 expiresAt = 0;
        // "build-7 (pid 4242, headless) since 2026-11-24 10:00:03 UTC, last heartbeat 3 s ago"
        QString describe(qint64 now) const;
    };

    SyncLease(Database &db, QString triggeredBy);
    ~SyncLease(); // releases the lease if it is still held

    static QString thisHost();
    static qint64 thisPid();

    void setDurationMs(qint64 ms) { m_durationMs = ms; }
    qint64 durationMs() const { return m_durationMs; }
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    // Takes the lease: free, expired, already ours, or (same host) held by a process that no
    // longer exists. Returns nullopt on success, else who holds it.
    Result<std::optional<Holder>> acquire();
    // Renews the lease; an error when it was lost meanwhile (expired and taken over).
    Result<void> renew();
    Result<void> release();
    bool held() const { return m_held; }

    // Who holds the lease now (nullopt: nobody).
    Result<std::optional<Holder>> holder();

private:
    qint64 now() const;
    bool holderIsGone(const Holder &holder) const;

    Database &m_db;
    QString m_triggeredBy;
    qint64 m_durationMs = 60'000;
    std::function<qint64()> m_clock;
    bool m_held = false;
};

} // namespace vd
