#include "core/sync/synclease.h"

#include "core/storage/database.h"
#include "core/storage/query.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

#include <cerrno>
#include <csignal>

using namespace Qt::StringLiterals;

namespace vd {

namespace {

constexpr auto &run = runQuery; // one statement, values bound (storage/query.h)

} // namespace

QString SyncLease::Holder::describe(qint64 now) const
{
    const QString since = QDateTime::fromMSecsSinceEpoch(acquiredAt, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
    return u"%1 (pid %2, %3) since %4, last heartbeat %5 s ago, lease runs out in %6 s"_s.arg(host)
        .arg(pid)
        .arg(triggeredBy, since)
        .arg(std::max<qint64>(0, (now - heartbeatAt) / 1000))
        .arg(std::max<qint64>(0, (expiresAt - now + 999) / 1000));
}

SyncLease::SyncLease(Database &db, QString triggeredBy)
    : m_db(db)
    , m_triggeredBy(std::move(triggeredBy))
{ }

SyncLease::~SyncLease()
{
    if (m_held)
        (void)release();
}

QString SyncLease::thisHost()
{
    return QSysInfo::machineHostName();
}

qint64 SyncLease::thisPid()
{
    return QCoreApplication::applicationPid();
}

qint64 SyncLease::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

bool SyncLease::holderIsGone(const Holder &holder) const
{
    if (holder.host != thisHost())
        return false; // another machine: only the lease's expiry can tell
    if (holder.pid == thisPid())
        return false; // ourselves (acquire treats that as ours)
    return ::kill(pid_t(holder.pid), 0) != 0 && errno == ESRCH;
}

Result<std::optional<SyncLease::Holder>> SyncLease::holder()
{
    auto q = run(m_db,
                 u"SELECT host, pid, triggered_by, acquired_at, heartbeat_at, expires_at FROM sync_lease "
                 u"WHERE name = 'sync'"_s,
                 {}, u"reading the sync lease"_s);
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<Holder>();
    Holder h;
    h.host = q.value().value(0).toString();
    h.pid = q.value().value(1).toLongLong();
    h.triggeredBy = q.value().value(2).toString();
    h.acquiredAt = q.value().value(3).toLongLong();
    h.heartbeatAt = q.value().value(4).toLongLong();
    h.expiresAt = q.value().value(5).toLongLong();
    return std::optional<Holder>(h);
}

Result<std::optional<SyncLease::Holder>> SyncLease::acquire()
{
    const QString doing = u"taking the sync lease"_s;
    // Two attempts: a free lease can be taken by someone else between our read and our insert.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const qint64 at = now();
        auto current = holder();
        if (!current)
            return current.error();
        if (!current.value()) {
            auto insert = run(m_db,
                              u"INSERT INTO sync_lease (name, host, pid, triggered_by, acquired_at, heartbeat_at, "
                              u"expires_at) VALUES ('sync', ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING"_s,
                              {thisHost(), thisPid(), m_triggeredBy, at, at, at + m_durationMs}, doing);
            if (!insert)
                return insert.error();
            if (insert.value().numRowsAffected() == 1) {
                m_held = true;
                return std::optional<Holder>();
            }
            continue;
        }
        const Holder h = *current.value();
        const bool ours = h.host == thisHost() && h.pid == thisPid();
        if (!ours && h.expiresAt > at && !holderIsGone(h))
            return std::optional<Holder>(h);
        // Compare and swap: only the row exactly as we read it is taken over.
        auto take = run(m_db,
                        u"UPDATE sync_lease SET host = ?, pid = ?, triggered_by = ?, acquired_at = ?, "
                        u"heartbeat_at = ?, expires_at = ? "
                        u"WHERE name = 'sync' AND host = ? AND pid = ? AND heartbeat_at = ?"_s,
                        {thisHost(), thisPid(), m_triggeredBy, ours ? h.acquiredAt : at, at, at + m_durationMs, h.host,
                         h.pid, h.heartbeatAt},
                        doing);
        if (!take)
            return take.error();
        if (take.value().numRowsAffected() == 1) {
            m_held = true;
            return std::optional<Holder>();
        }
    }
    auto current = holder();
    if (!current)
        return current.error();
    if (current.value())
        return current.value();
    return ServiceError::unavailable(u"The sync lease changed hands repeatedly while it was being taken; try again."_s);
}

Result<void> SyncLease::renew()
{
    const qint64 at = now();
    auto q = run(
        m_db, u"UPDATE sync_lease SET heartbeat_at = ?, expires_at = ? WHERE name = 'sync' AND host = ? AND pid = ?"_s,
        {at, at + m_durationMs, thisHost(), thisPid()}, u"renewing the sync lease"_s);
    if (!q)
        return q.error();
    if (q.value().numRowsAffected() != 1) {
        m_held = false;
        return ServiceError::conflict(u"This runner lost the sync lease (it ran out and another runner took it "
                                      u"over); the pass stops here."_s);
    }
    return {};
}

Result<void> SyncLease::release()
{
    auto q = run(m_db, u"DELETE FROM sync_lease WHERE name = 'sync' AND host = ? AND pid = ?"_s,
                 {thisHost(), thisPid()}, u"releasing the sync lease"_s);
    m_held = false;
    if (!q)
        return q.error();
    return {};
}

} // namespace vd
