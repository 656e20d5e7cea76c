#include "core/service/lifecycle.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"
#include "core/sync/syncpass.h"

using namespace Qt::StringLiterals;

// The purge phase: soft-deleted files, then stores, then tenants past the retention, each through
// Lifecycle (content first, then rows; docs/sync.md).

namespace vd {

void SyncPass::purge()
{
    if (filesPastRetention() && storesPastRetention())
        tenantsPastRetention();
}

bool SyncPass::filesPastRetention()
{
    const qint64 cutoff = now() - m_options.retentionMs;
    auto count = runQuery(m_db,
                          u"SELECT count(*) FROM vector_store_files f JOIN vector_stores s ON s.id = f.store_id "
                          u"WHERE f.deleted_at IS NOT NULL AND f.deleted_at <= ? "
                          u"AND (CAST(? AS BIGINT) IS NULL OR f.tenant_id = ?) AND "_s
                              + heldHereCondition(),
                          {cutoff, tenantFilter(), tenantFilter(), localHolder()}, u"counting files to purge"_s);
    if (!count || !count.value().next()) {
        fail(u"purge_file"_s, nullptr, count ? u"no count"_s : count.error().message());
        return false;
    }
    const qint64 total = count.value().value(0).toLongLong();
    count.value().finish();
    Lifecycle purger = lifecycle();
    qint64 done = 0;
    qint64 lastId = 0;
    while (true) {
        if (!proceed())
            return false;
        auto batch = runQuery(m_db,
                              u"SELECT "_s + refColumns() + u", "_s + rows::qualified(rows::kFileColumns, u"f"_s)
                                  + u" FROM vector_store_files f JOIN vector_stores s ON s.id = f.store_id "
                                    u"JOIN tenants t ON t.id = f.tenant_id "
                                    u"WHERE f.deleted_at IS NOT NULL AND f.deleted_at <= ? AND f.id > ? "
                                    u"AND (CAST(? AS BIGINT) IS NULL OR f.tenant_id = ?) AND "_s
                                  + heldHereCondition() + u" ORDER BY f.id LIMIT ?"_s,
                              {cutoff, lastId, tenantFilter(), tenantFilter(), localHolder(), m_options.batchSize},
                              u"listing files to purge"_s);
        if (!batch) {
            fail(u"purge_file"_s, nullptr, batch.error().message());
            return false;
        }
        QList<Lifecycle::FileRef> files;
        while (batch.value().next()) {
            const StoreRef ref = refFromRow(batch.value());
            files << Lifecycle::FileRef{ref.tenant, ref.store, rows::fileFromRow(batch.value(), refColumnCount())};
        }
        batch.value().finish();
        if (files.isEmpty())
            return true;
        lastId = files.constLast().file.id;
        ItemScope scope(*this, u"purge_file"_s); // a batch of files, purged together
        auto itemOf = [this](const Lifecycle::FileRef &f) {
            SyncItem item = itemFor({f.tenant, f.store}, u"purge_file"_s, m_options.dryRun ? u"planned"_s : u"done"_s);
            item.fileId = f.file.id;
            item.file = f.file.filename;
            item.detail = u"detached %1"_s.arg(isoTime(f.file.deletedAt.value_or(0)));
            return item;
        };
        auto started = [&](const Lifecycle::FileRef &f) {
            progress(u"purge"_s, done++, total, f.file.filename);
        };
        if (m_options.dryRun) {
            for (const Lifecycle::FileRef &f : std::as_const(files)) {
                if (!proceed())
                    return false;
                started(f);
                record(itemOf(f));
            }
            continue;
        }
        const QList<Lifecycle::FileOutcome> outcomes = purger.purgeFiles(files, cutoff, started);
        for (qsizetype i = 0; i < outcomes.size(); ++i) {
            SyncItem item = itemOf(files.at(i));
            if (const auto &error = outcomes.at(i).error) {
                item.outcome = u"failed"_s;
                item.error = error->message();
            } else {
                item.extra.insert(u"blob_removed"_s, outcomes.at(i).blobRemoved);
            }
            record(item);
        }
        if (outcomes.size() < files.size())
            return false; // stopped
    }
}

bool SyncPass::storePurgeItem(const StoreRef &ref, const QString &reason)
{
    ItemScope scope(*this, u"purge_store"_s);
    SyncItem item = itemFor(ref, u"purge_store"_s, m_options.dryRun ? u"planned"_s : u"done"_s);
    item.detail = reason;
    auto count = runQuery(m_db, u"SELECT count(*) FROM vector_store_files WHERE store_id = ?"_s, {ref.store.id},
                          u"counting a store's files"_s);
    const qint64 files = count && count.value().next() ? count.value().value(0).toLongLong() : 0;
    if (count)
        count.value().finish();
    item.extra.insert(u"files"_s, files);
    if (!m_options.dryRun) {
        auto purged = lifecycle().purgeStore(ref.tenant, ref.store, reason);
        if (m_stopped)
            return false; // stopped part way; the next pass finishes it
        if (!purged) {
            item.outcome = u"failed"_s;
            item.error = purged.error().message();
        }
    }
    record(item);
    return item.outcome != u"failed"_s;
}

bool SyncPass::storesPastRetention()
{
    const qint64 cutoff = now() - m_options.retentionMs;
    auto listed = storesWhere(u"s.deleted_at IS NOT NULL AND s.deleted_at <= ? "
                              u"AND (CAST(? AS BIGINT) IS NULL OR s.tenant_id = ?) AND "_s
                                  + heldHereCondition(),
                              {cutoff, tenantFilter(), tenantFilter(), localHolder()}, u"listing stores to purge"_s);
    if (!listed) {
        fail(u"purge_store"_s, nullptr, listed.error().message());
        return false;
    }
    const QList<StoreRef> &stores = listed.value();
    qint64 done = 0;
    for (const StoreRef &ref : std::as_const(stores)) {
        if (!proceed())
            return false;
        progress(u"purge"_s, done++, stores.size(), ref.store.name);
        storePurgeItem(ref, u"deleted %1"_s.arg(isoTime(*ref.store.deletedAt)));
    }
    return true;
}

bool SyncPass::tenantsPastRetention()
{
    const qint64 cutoff = now() - m_options.retentionMs;
    auto list = runQuery(m_db,
                         u"SELECT "_s + rows::kTenantColumns
                             + u" FROM tenants WHERE deleted_at IS NOT NULL AND deleted_at <= ? "
                               u"AND (CAST(? AS BIGINT) IS NULL OR id = ?) ORDER BY id"_s,
                         {cutoff, tenantFilter(), tenantFilter()}, u"listing tenants to purge"_s);
    if (!list) {
        fail(u"purge_tenant"_s, nullptr, list.error().message());
        return false;
    }
    QList<Tenant> tenants;
    while (list.value().next())
        tenants << rows::tenantFromRow(list.value());
    list.value().finish();
    for (const Tenant &t : std::as_const(tenants)) {
        if (!proceed())
            return false;
        ItemScope scope(*this, u"purge_tenant"_s);
        SyncItem item = itemFor({t, {}}, u"purge_tenant"_s, m_options.dryRun ? u"planned"_s : u"done"_s);
        item.detail = u"deleted %1"_s.arg(isoTime(*t.deletedAt));
        // Local stores another machine holds are that machine's to purge (docs/teams.md); the
        // tenant goes with the last of its stores, on whichever machine purges that.
        auto elsewhere = runQuery(
            m_db, u"SELECT count(*) FROM vector_stores s WHERE s.tenant_id = ? AND NOT "_s + heldHereCondition(),
            {t.id, localHolder()}, u"counting a tenant's stores held elsewhere"_s);
        if (!elsewhere || !elsewhere.value().next()) {
            fail(u"purge_tenant"_s, nullptr, elsewhere ? u"no count"_s : elsewhere.error().message());
            continue;
        }
        const qint64 heldElsewhere = elsewhere.value().value(0).toLongLong();
        elsewhere.value().finish();
        auto listed = storesWhere(u"s.tenant_id = ? AND "_s + heldHereCondition(), {t.id, localHolder()},
                                  u"listing a tenant's stores"_s);
        if (!listed) {
            fail(u"purge_tenant"_s, nullptr, listed.error().message());
            continue;
        }
        const QList<StoreRef> &refs = listed.value();
        bool ok = true;
        for (const StoreRef &ref : std::as_const(refs))
            ok = storePurgeItem(ref, u"its tenant %1 was deleted %2"_s.arg(t.slug, isoTime(*t.deletedAt))) && ok;
        if (m_stopped)
            return false;
        item.extra.insert(u"stores"_s, refs.size());
        if (ok && heldElsewhere > 0) {
            qCInfo(lcSync).noquote() << "tenant" << t.slug << "is kept until the machines holding" << heldElsewhere
                                     << "of its local stores purge them";
            continue;
        }
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
        auto del = runQuery(m_db, u"DELETE FROM tenants WHERE id = ? AND deleted_at IS NOT NULL"_s, {t.id},
                            u"purging a tenant"_s);
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
