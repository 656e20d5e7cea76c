#include "core/domain/units.h"
#include "core/service/agentstore.h"
#include "core/service/lifecycle.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"
#include "core/sync/syncpass.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

// The expiry phase (arithmetic, expiring, warnings) and the stuck files report (docs/sync.md).

namespace vd {

namespace {

QString duration(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    if (minutes < 60)
        return u"%1 min"_s.arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return u"%1 h %2 min"_s.arg(hours).arg(minutes % 60);
    return u"%1 %2 h"_s.arg(plural(hours / 24, u"day", u"days")).arg(hours % 24);
}

// The agents that lose a store when it expires (docs/agents.md): named in the item's detail and
// listed in extra.agents.
void addAgents(Database &db, const VectorStore &s, SyncItem &item)
{
    auto agents = agentstore::usingStore(db, s.tenantId, s.id, s.isPrimary);
    if (!agents || agents->isEmpty())
        return;
    item.detail += u"; agents that lose it: %1"_s.arg(agents->join(u", "_s));
    item.extra.insert(u"agents"_s, QJsonArray::fromStringList(agents.value()));
}

} // namespace

void SyncPass::expiry()
{
    const qint64 at = now();
    auto list =
        runQuery(m_db,
                 u"SELECT "_s + refColumns()
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
        stores << std::make_pair(refFromRow(list.value()), list.value().value(refColumnCount()).toLongLong());
    list.value().finish();

    qint64 done = 0;
    for (const auto &[ref, liveFiles] : std::as_const(stores)) {
        if (!proceed())
            return;
        progress(u"expiry"_s, done++, stores.size(), ref.store.name);
        ItemScope scope(*this, u"expiry"_s);
        const VectorStore &s = ref.store;
        SyncItem item = itemFor(ref);
        const QString planned = m_options.dryRun ? u"planned"_s : u"done"_s;

        if (s.status == StoreStatus::Expired) {
            // Expired earlier; finish detaching its files if a crash interrupted that.
            if (liveFiles > 0) {
                item.action = u"expire"_s;
                item.outcome = planned;
                item.detail = u"finishing the expiry: %1 still attached"_s.arg(plural(liveFiles, u"file", u"files"));
                if (!m_options.dryRun)
                    if (auto r =
                            lifecycle().expireStore(ref.tenant, ref.store, Lifecycle::Expiry::Resume, u"resumed"_s);
                        !r) {
                        item.outcome = u"failed"_s;
                        item.error = r.error().message();
                    }
                record(item);
            }
            continue;
        }
        if (s.backend != BackendKind::Local)
            continue; // a remote store's expiry is the remote's (refresh brings it)
        if (!s.expiresAfter) {
            // The policy was cleared: the store no longer expires.
            item.action = u"expiry_fixed"_s;
            item.outcome = planned;
            item.detail = u"no expiry policy: expires_at cleared"_s;
            if (!m_options.dryRun) {
                auto r = runQuery(
                    m_db, u"UPDATE vector_stores SET expires_at = NULL WHERE id = ? AND expires_after_days IS NULL"_s,
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
            fix.detail = u"expires_at %1 -> %2 (last activity + %3)"_s.arg(
                s.expiresAt ? isoTime(*s.expiresAt) : u"none"_s, isoTime(expected),
                plural(s.expiresAfter->days, u"day", u"days"));
            if (!m_options.dryRun) {
                // Only against the anchor we computed from; a search meanwhile moved both.
                auto r =
                    runQuery(m_db,
                             u"UPDATE vector_stores SET expires_at = ? WHERE id = ? AND expires_after_days = ? "
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
            item.detail = u"no activity since %1; expired at %2 after %3; %4 detached"_s.arg(
                isoTime(anchor), isoTime(expected), plural(s.expiresAfter->days, u"day", u"days"),
                plural(liveFiles, u"file", u"files"));
            item.extra.insert(u"files"_s, liveFiles);
            addAgents(m_db, s, item);
            if (!m_options.dryRun)
                if (auto r = lifecycle().expireStore(
                        ref.tenant, ref.store, Lifecycle::Expiry::Due,
                        u"no activity for %1"_s.arg(plural(s.expiresAfter->days, u"day", u"days")),
                        {{u"expires_at"_s, expected},
                         {u"last_active_at"_s, anchor},
                         {u"days"_s, s.expiresAfter->days},
                         {u"files"_s, liveFiles}});
                    !r) {
                    item.outcome = u"failed"_s;
                    item.error = r.error().message();
                }
            record(item);
        } else if (expected - at <= qint64(m_options.expiryWarningDays) * kDayMs) {
            item.action = u"expiry_warning"_s;
            item.outcome = u"reported"_s;
            item.detail = u"expires at %1 (in %2) unless it is used"_s.arg(isoTime(expected), duration(expected - at));
            item.extra.insert(u"expires_in_ms"_s, expected - at);
            addAgents(m_db, s, item);
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
    auto list = runQuery(m_db,
                         u"SELECT "_s + refColumns()
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
        ItemScope scope(*this, u"stuck"_s);
        SyncItem item = fileItemFromRow(q, u"stuck"_s, u"reported"_s);
        const qint64 waited = at - q.value(refColumnCount() + 2).toLongLong();
        const QString claimedBy = q.value(refColumnCount() + 3).toString();
        const int attempts = q.value(refColumnCount() + 4).toInt();
        item.detail = u"in progress for %1 (%2 attempts%3); retry or cancel it: vectordesk file retry|cancel "
                      u"--tenant %4 --store %5 %6"_s.arg(duration(waited))
                          .arg(attempts)
                          .arg(claimedBy.isEmpty() ? QString() : u", claimed by "_s + claimedBy)
                          .arg(item.tenant, item.store)
                          .arg(item.fileId);
        item.extra.insert(u"waited_ms"_s, waited);
        item.extra.insert(u"attempts"_s, attempts);
        if (!claimedBy.isEmpty())
            item.extra.insert(u"claimed_by"_s, claimedBy);
        record(item);
    }
}

// ---------------------------------------------------------------------------------------------
// Agents (docs/agents.md): the same resolution as `vectordesk agent check`, nothing created.

void SyncPass::agents()
{
    auto tenants = runQuery(m_db,
                            u"SELECT "_s + rows::kTenantColumns
                                + u" FROM tenants WHERE deleted_at IS NULL AND (CAST(? AS BIGINT) IS NULL OR id = ?) "
                                  u"ORDER BY id"_s,
                            {tenantFilter(), tenantFilter()}, u"listing tenants for the agents check"_s);
    if (!tenants)
        return fail(u"agent_check"_s, nullptr, tenants.error().message());
    QList<Tenant> list;
    while (tenants.value().next())
        list << rows::tenantFromRow(tenants.value());
    tenants.value().finish();
    for (const Tenant &tenant : std::as_const(list)) {
        if (!proceed())
            return;
        ItemScope scope(*this, u"agent_check"_s);
        auto checked = agentstore::checkTenant(m_db, tenant, now(), !m_options.dryRun);
        if (!checked)
            return fail(u"agent_check"_s, nullptr, checked.error().message());
        for (const AgentResolution &r : checked.value()) {
            if (r.status() == u"ok"_s)
                continue;
            SyncItem item;
            item.action = u"agent_check"_s;
            item.outcome = u"reported"_s;
            item.tenantId = tenant.id;
            item.tenant = tenant.slug;
            QStringList lines;
            for (const AgentIssue &issue : r.problems + r.warnings)
                lines << issue.message;
            item.detail = u"agent '%1' is %2: %3"_s.arg(r.agent, r.status(), lines.join(u" "_s));
            item.extra = r.toJson();
            item.extra.remove(u"tool"_s); // a report, not the tool to use (ids may be unassigned)
            record(item);
        }
    }
}

} // namespace vd
