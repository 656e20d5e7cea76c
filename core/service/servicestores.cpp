#include "core/backend/vectorstorebackend.h"
#include "core/domain/filetypes.h"
#include "core/domain/searchrequest.h"
#include "core/domain/units.h"
#include "core/domain/validation.h"
#include "core/logging/logging.h"
#include "core/service/lifecycle.h"
#include "core/service/storecounters.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/auditlog.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"
#include "core/storage/sqlvalues.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

// Vector stores: create, list, update, soft delete and restore, purge, the primary store.

namespace vd {

Result<VectorStore> VectorStoreService::storeById(qint64 id)
{
    auto result = runQuery(m_db, u"SELECT "_s + rows::kStoreColumns + u" FROM vector_stores WHERE id = ?"_s, {id},
                           u"reading the store"_s);
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::notFound(u"Store %1 no longer exists."_s.arg(id));
    return rows::storeFromRow(result.value());
}

Result<VectorStore> VectorStoreService::findStore(const Tenant &tenant, const QString &storeRef, Visibility visibility)
{
    const QString ref = storeRef.trimmed();
    bool isId = false;
    const qint64 id = ref.toLongLong(&isId);
    const QString base = u"SELECT "_s + rows::kStoreColumns + u" FROM vector_stores WHERE tenant_id = ? AND "_s
        + rows::visibilityClause(visibility);
    if (isId) {
        auto byId = runQuery(m_db, base + u" AND id = ?"_s, {tenant.id, id}, u"looking up store %1"_s.arg(ref));
        if (!byId)
            return byId.error();
        if (byId.value().next())
            return noteStore(rows::storeFromRow(byId.value()));
    }
    auto byName =
        runQuery(m_db, base + u" AND lower(name) = lower(?) ORDER BY deleted_at IS NOT NULL, deleted_at DESC"_s,
                 {tenant.id, ref}, u"looking up store '%1'"_s.arg(ref));
    if (!byName)
        return byName.error();
    if (byName.value().next())
        return noteStore(rows::storeFromRow(byName.value()));
    if (visibility == Visibility::Deleted)
        return ServiceError::notFound(u"No deleted store '%1' in tenant %2; the trash lists deleted stores "
                                      u"(vectordesk store list --tenant %2 --deleted)."_s.arg(ref, tenant.slug));
    return ServiceError::notFound(u"No store '%1' in tenant %2. List its stores with: vectordesk store list "
                                  u"--tenant %2"_s.arg(ref, tenant.slug));
}

Result<StoreDraft> VectorStoreService::checkedStoreDraft(const Tenant &tenant, const StoreDraft &draftIn)
{
    StoreDraft draft = draftIn;
    if (draft.backend.isEmpty())
        draft.backend = backendName(tenant.defaultBackend);
    if (auto p = validateStoreName(draft.name))
        return *p;
    if (auto p = validateBackend(draft.backend))
        return *p;
    if (auto p = validateMetadata(draft.metadata))
        return *p;
    if (draft.expiresAfterDays)
        if (auto p = validateExpiryDays(*draft.expiresAfterDays))
            return *p;
    auto storeChunking = recordedChunking(draft.chunking);
    if (!storeChunking)
        return storeChunking.error();
    draft.chunking = storeChunking.value();
    return draft;
}

Result<VectorStore> VectorStoreService::insertStore(const Tenant &t, const StoreDraft &draft, const QString &action,
                                                    const QString &doing)
{
    auto limits = limitsFor(t);
    if (!limits)
        return limits.error();
    auto counts = runQuery(m_db,
                           u"SELECT count(*), coalesce(sum(is_primary), 0) FROM vector_stores WHERE tenant_id = ? AND "
                           u"deleted_at IS NULL"_s,
                           {t.id}, doing);
    if (!counts)
        return counts.error();
    counts.value().next();
    const qint64 storeCount = counts.value().value(0).toLongLong();
    const bool hasPrimary = counts.value().value(1).toLongLong() > 0;
    counts.value().finish();
    if (storeCount >= limits->maxStores)
        return ServiceError::quota(u"Tenant %1 is at its plan limit of %2 stores (plan %3, %4 in use); raise the "
                                   u"limit or delete a store."_s.arg(t.slug)
                                       .arg(limits->maxStores)
                                       .arg(t.plan)
                                       .arg(storeCount),
                                   u"max_stores"_s, storeCount, limits->maxStores);
    auto clash = runQuery(
        m_db, u"SELECT id FROM vector_stores WHERE tenant_id = ? AND lower(name) = lower(?) AND deleted_at IS NULL"_s,
        {t.id, draft.name}, doing);
    if (!clash)
        return clash.error();
    if (clash.value().next())
        return ServiceError::conflict(u"Tenant %1 already has a store named '%2' (id %3); store names are unique "
                                      u"per tenant regardless of case. Choose another name."_s.arg(t.slug, draft.name)
                                          .arg(clash.value().value(0).toLongLong()));
    clash.value().finish();

    const qint64 at = now();
    std::optional<qint64> expiresAt;
    if (draft.expiresAfterDays)
        expiresAt = at + *draft.expiresAfterDays * kDayMs;
    auto insert = runQuery(
        m_db,
        u"INSERT INTO vector_stores (tenant_id, name, backend, status, is_primary, metadata, expires_after_anchor, "
        u"expires_after_days, expires_at, last_active_at, created_at, updated_at, chunking_type, chunk_max_tokens, "
        u"chunk_overlap_tokens) "
        u"VALUES (?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {t.id, draft.name, draft.backend, hasPrimary ? 0 : 1, sql::toJsonText(draft.metadata),
         draft.expiresAfterDays ? QVariant(u"last_active_at"_s) : QVariant(QMetaType::fromType<QString>()),
         draft.expiresAfterDays ? QVariant(*draft.expiresAfterDays) : QVariant(QMetaType::fromType<int>()),
         sql::nullableInt(expiresAt), at, at, at, draft.chunking.type, draft.chunking.maxChunkSizeTokens,
         draft.chunking.chunkOverlapTokens},
        doing);
    if (!insert)
        return insert.error();
    if (draft.backend == backendName(BackendKind::Local)) {
        // The index is made here: other machines on this database must know where it is.
        auto holder = recordLocalHolder(doing);
        if (!holder)
            return holder.error();
        if (!holder->isEmpty()) {
            auto set = runQuery(m_db,
                                u"UPDATE vector_stores SET engine_holder = ? WHERE tenant_id = ? AND lower(name) = "
                                u"lower(?) AND deleted_at IS NULL"_s,
                                {holder.value(), t.id, draft.name}, doing);
            if (!set)
                return set.error();
        }
    }
    auto created =
        runQuery(m_db,
                 u"SELECT "_s + rows::kStoreColumns
                     + u" FROM vector_stores WHERE tenant_id = ? AND lower(name) = lower(?) AND deleted_at IS NULL"_s,
                 {t.id, draft.name}, doing);
    if (!created)
        return created.error();
    if (!created.value().next())
        return ServiceError::unavailable(
            u"The database %1 did not return store '%2' after %3."_s.arg(m_db.url().describe(), draft.name, doing));
    const VectorStore store = rows::storeFromRow(created.value());
    created.value().finish();
    QJsonObject detail{{u"name"_s, draft.name}, {u"backend"_s, draft.backend}, {u"primary"_s, !hasPrimary}};
    if (draft.expiresAfterDays)
        detail.insert(u"expires_after_days"_s, *draft.expiresAfterDays);
    if (draft.chunking.type != u"auto"_s)
        detail.insert(u"chunking_strategy"_s, draft.chunking.toJson());
    if (auto problem = audit(t.id, action, u"store:%1"_s.arg(store.id), detail))
        return *problem;
    return store;
}

Result<VectorStore> VectorStoreService::createStore(const QString &tenantRef, const StoreDraft &draftIn)
{
    return measured<VectorStore>(std::nullopt, u"store.create"_s, [&]() -> Result<VectorStore> {
        auto a = access(tenantRef, Role::Admin, u"Creating a store"_s);
        if (!a)
            return a.error();
        const Tenant &t = a->tenant;
        auto draft = checkedStoreDraft(t, draftIn);
        if (!draft)
            return draft.error();
        VectorStore planned;
        planned.name = draft->name;
        planned.backend = backendFromName(draft->backend).value_or(BackendKind::Local); // checked above
        auto backend = backendOf(planned);
        if (!backend)
            return backend.error();

        const QString doing = u"creating store '%1' in tenant %2"_s.arg(draft->name, t.slug);
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return vd::commitError(m_db, doing, transaction.error());
        if (auto p = lockTenant(t.id))
            return *p;
        auto store = insertStore(t, draft.value(), u"store.create"_s, doing);
        if (!store)
            return store.error();
        auto remote = backend.value()->createStore(t, store.value());
        if (!remote)
            return remote.error(); // the transaction rolls back: no store without its backend part
        if (!remote->isEmpty()) {
            auto setRemote = runQuery(m_db, u"UPDATE vector_stores SET remote_id = ? WHERE id = ?"_s,
                                      {remote.value(), store->id}, doing);
            if (!setRemote)
                return setRemote.error();
        }
        if (!transaction.commit())
            return vd::commitError(m_db, doing, transaction.error());
        return storeById(store->id);
    });
}

Result<QList<VectorStore>> VectorStoreService::listStores(const QString &tenantRef, Visibility visibility)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing stores"_s);
    if (!a)
        return a.error();
    auto result = runQuery(m_db,
                           u"SELECT "_s + rows::kStoreColumns + u" FROM vector_stores WHERE tenant_id = ? AND "_s
                               + rows::visibilityClause(visibility) + u" ORDER BY lower(name), id"_s,
                           {a->tenant.id}, u"listing stores"_s);
    if (!result)
        return result.error();
    QList<VectorStore> stores;
    while (result.value().next())
        stores.append(rows::storeFromRow(result.value()));
    return stores;
}

Result<VectorStore> VectorStoreService::store(const QString &tenantRef, const QString &storeRef, Visibility visibility)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing a store"_s);
    if (!a)
        return a.error();
    return findStore(a->tenant, storeRef, visibility);
}

Result<VectorStore> VectorStoreService::updateStore(const QString &tenantRef, const QString &storeRef,
                                                    const StoreUpdate &update)
{
    auto a = access(tenantRef, Role::Admin, u"Changing a store"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    auto current = findStore(t, storeRef, Visibility::Live);
    if (!current)
        return current.error();
    const VectorStore &s = current.value();
    if (update.name)
        if (auto p = validateStoreName(*update.name))
            return *p;
    if (update.metadata)
        if (auto p = validateMetadata(*update.metadata))
            return *p;
    if (update.expiresAfterDays && update.expiresAfterDays->has_value())
        if (auto p = validateExpiryDays(**update.expiresAfterDays))
            return *p;
    auto checked = recordedChunking(update.chunking.value_or(s.chunking));
    if (!checked)
        return checked.error();
    const ChunkingStrategy chunking = checked.value();

    const QString doing = u"updating store '%1' of tenant %2"_s.arg(s.name, t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    QJsonObject detail;
    const QString name = update.name.value_or(s.name);
    if (update.name && name.compare(s.name, Qt::CaseInsensitive) != 0) {
        auto clash = runQuery(m_db,
                              u"SELECT id FROM vector_stores WHERE tenant_id = ? AND lower(name) = lower(?) AND "
                              u"deleted_at IS NULL AND id <> ?"_s,
                              {t.id, name, s.id}, doing);
        if (!clash)
            return clash.error();
        if (clash.value().next())
            return ServiceError::conflict(
                u"Tenant %1 already has a store named '%2' (id %3); choose another name."_s.arg(t.slug, name)
                    .arg(clash.value().value(0).toLongLong()));
        clash.value().finish();
    }
    if (update.name)
        detail.insert(u"name"_s, QJsonObject{{u"from"_s, s.name}, {u"to"_s, name}});
    const QJsonObject metadata = update.metadata.value_or(s.metadata);
    if (update.metadata)
        detail.insert(u"metadata"_s, metadata);
    const qint64 at = now();
    std::optional<int> days = s.expiresAfter ? std::optional<int>(s.expiresAfter->days) : std::nullopt;
    std::optional<qint64> expiresAt = s.expiresAt;
    std::optional<qint64> lastActive = s.lastActiveAt;
    if (update.expiresAfterDays) {
        days = *update.expiresAfterDays;
        if (days) {
            lastActive = lastActive.value_or(at);
            expiresAt = *lastActive + *days * kDayMs;
            detail.insert(u"expires_after_days"_s, *days);
        } else {
            expiresAt.reset();
            detail.insert(u"expires_after_days"_s, QJsonValue::Null);
        }
    }
    if (update.chunking && chunking != s.chunking)
        detail.insert(u"chunking_strategy"_s,
                      QJsonObject{{u"from"_s, s.chunking.toJson()}, {u"to"_s, chunking.toJson()}});
    auto result =
        runQuery(m_db,
                 u"UPDATE vector_stores SET name = ?, metadata = ?, expires_after_anchor = ?, "
                 u"expires_after_days = ?, expires_at = ?, last_active_at = ?, updated_at = ?, chunking_type = ?, "
                 u"chunk_max_tokens = ?, chunk_overlap_tokens = ? WHERE id = ?"_s,
                 {name, sql::toJsonText(metadata),
                  days ? QVariant(u"last_active_at"_s) : QVariant(QMetaType::fromType<QString>()),
                  days ? QVariant(*days) : QVariant(QMetaType::fromType<int>()), sql::nullableInt(expiresAt),
                  sql::nullableInt(lastActive), at, chunking.type, chunking.maxChunkSizeTokens,
                  chunking.chunkOverlapTokens, s.id},
                 doing);
    if (!result)
        return result.error();
    if (auto problem = audit(t.id, u"store.update"_s, u"store:%1"_s.arg(s.id), detail))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return storeById(s.id);
}

Result<VectorStore> VectorStoreService::deleteStore(const QString &tenantRef, const QString &storeRef)
{
    return measured<VectorStore>(std::nullopt, u"store.delete"_s, [&]() -> Result<VectorStore> {
        auto a = access(tenantRef, Role::Admin, u"Deleting a store"_s);
        if (!a)
            return a.error();
        auto s = findStore(a->tenant, storeRef, Visibility::Live);
        if (!s)
            return s.error();
        const QString doing = u"deleting store '%1' of tenant %2"_s.arg(s->name, a->tenant.slug);
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return vd::commitError(m_db, doing, transaction.error());
        if (auto p = lockTenant(a->tenant.id))
            return *p;
        const qint64 at = now();
        auto result =
            runQuery(m_db,
                     u"UPDATE vector_stores SET deleted_at = ?, is_primary = 0, updated_at = ? WHERE id = ? AND "
                     u"deleted_at IS NULL"_s,
                     {at, at, s->id}, doing);
        if (!result)
            return result.error();
        if (auto problem =
                audit(a->tenant.id, u"store.delete"_s, u"store:%1"_s.arg(s->id),
                      {{u"name"_s, s->name}, {u"was_primary"_s, s->isPrimary}, {u"files"_s, s->fileCounts.total()}}))
            return *problem;
        if (!transaction.commit())
            return vd::commitError(m_db, doing, transaction.error());
        return storeById(s->id);
    });
}

Result<VectorStore> VectorStoreService::restoreStore(const QString &tenantRef, const QString &storeRef)
{
    return measured<VectorStore>(std::nullopt, u"store.restore"_s, [&]() -> Result<VectorStore> {
        auto a = access(tenantRef, Role::Admin, u"Restoring a store"_s);
        if (!a)
            return a.error();
        const Tenant &t = a->tenant;
        auto s = findStore(t, storeRef, Visibility::Deleted);
        if (!s)
            return s.error();
        auto limits = limitsFor(t);
        if (!limits)
            return limits.error();
        const QString doing = u"restoring store '%1' of tenant %2"_s.arg(s->name, t.slug);
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return vd::commitError(m_db, doing, transaction.error());
        if (auto p = lockTenant(t.id))
            return *p;
        auto counts = runQuery(m_db,
                               u"SELECT count(*), coalesce(sum(is_primary), 0) FROM vector_stores WHERE tenant_id = ? "
                               u"AND deleted_at IS NULL"_s,
                               {t.id}, doing);
        if (!counts)
            return counts.error();
        counts.value().next();
        const qint64 storeCount = counts.value().value(0).toLongLong();
        // As a new store does, a store restored into a tenant without a primary store becomes it,
        // so that tenant_default agents work again (read in this transaction, under the tenant lock).
        const bool becomesPrimary = counts.value().value(1).toLongLong() == 0;
        counts.value().finish();
        if (storeCount >= limits->maxStores)
            return ServiceError::quota(
                u"Tenant %1 is at its plan limit of %2 stores (plan %3); delete a store or raise "
                u"the limit before restoring '%4'."_s.arg(t.slug)
                    .arg(limits->maxStores)
                    .arg(t.plan, s->name),
                u"max_stores"_s, storeCount, limits->maxStores);
        auto clash = runQuery(
            m_db,
            u"SELECT id FROM vector_stores WHERE tenant_id = ? AND lower(name) = lower(?) AND deleted_at IS NULL"_s,
            {t.id, s->name}, doing);
        if (!clash)
            return clash.error();
        if (clash.value().next())
            return ServiceError::conflict(
                u"A live store is already named '%1' (id %2); rename it before restoring this one."_s.arg(s->name).arg(
                    clash.value().value(0).toLongLong()));
        clash.value().finish();
        auto result =
            runQuery(m_db, u"UPDATE vector_stores SET deleted_at = NULL, is_primary = ?, updated_at = ? WHERE id = ?"_s,
                     {becomesPrimary ? 1 : 0, now(), s->id}, doing);
        if (!result)
            return result.error();
        if (auto problem = audit(t.id, u"store.restore"_s, u"store:%1"_s.arg(s->id),
                                 {{u"name"_s, s->name}, {u"became_primary"_s, becomesPrimary}}))
            return *problem;
        if (!transaction.commit())
            return vd::commitError(m_db, doing, transaction.error());
        return storeById(s->id);
    });
}

Result<void> VectorStoreService::purgeStore(const QString &tenantRef, const QString &storeRef)
{
    auto a = access(tenantRef, Role::Admin, u"Purging a store"_s);
    if (!a)
        return a.error();
    auto live = findStore(a->tenant, storeRef, Visibility::Live);
    if (live)
        return ServiceError::conflict(
            u"Store '%1' is not deleted; delete it first (vectordesk store delete), then purge."_s.arg(live->name));
    auto s = findStore(a->tenant, storeRef, Visibility::Deleted);
    if (!s)
        return s.error();
    // Content first, then rows (Lifecycle): a failure keeps the store in the trash to try again.
    auto purged = lifecycle().purgeStore(a->tenant, s.value());
    if (!purged)
        return purged.error();
    return {};
}

Result<VectorStore> VectorStoreService::setPrimary(const QString &tenantRef, const QString &storeRef)
{
    auto a = access(tenantRef, Role::Admin, u"Choosing the primary store"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    if (s->isPrimary)
        return s;
    const QString doing = u"making '%1' the primary store of tenant %2"_s.arg(s->name, a->tenant.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(a->tenant.id))
        return *p;
    const qint64 at = now();
    auto clear = runQuery(
        m_db, u"UPDATE vector_stores SET is_primary = 0, updated_at = ? WHERE tenant_id = ? AND is_primary = 1"_s,
        {at, a->tenant.id}, doing);
    if (!clear)
        return clear.error();
    auto set =
        runQuery(m_db, u"UPDATE vector_stores SET is_primary = 1, updated_at = ? WHERE id = ?"_s, {at, s->id}, doing);
    if (!set)
        return set.error();
    if (auto problem = audit(a->tenant.id, u"store.set_primary"_s, u"store:%1"_s.arg(s->id), {{u"name"_s, s->name}}))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return storeById(s->id);
}

Result<VectorStore> VectorStoreService::ensurePrimary(const QString &tenantRef)
{
    return measured<VectorStore>(std::nullopt, u"store.ensure_primary"_s, [&]() -> Result<VectorStore> {
        auto a = access(tenantRef, Role::Admin, u"Ensuring a primary store"_s);
        if (!a)
            return a.error();
        const Tenant &t = a->tenant;
        const QString doing = u"ensuring a primary store for tenant %1"_s.arg(t.slug);
        qint64 storeId = 0;
        {
            Transaction transaction(m_db);
            if (!transaction.isActive())
                return vd::commitError(m_db, doing, transaction.error());
            if (auto p = lockTenant(t.id))
                return *p;
            auto current = runQuery(
                m_db, u"SELECT id FROM vector_stores WHERE tenant_id = ? AND is_primary = 1 AND deleted_at IS NULL"_s,
                {t.id}, doing);
            if (!current)
                return current.error();
            if (current.value().next()) {
                storeId = current.value().value(0).toLongLong();
                current.value().finish();
                transaction.rollback();
                return storeById(storeId);
            }
            current.value().finish();
            const qint64 at = now();
            auto oldest = runQuery(m_db,
                                   u"SELECT id FROM vector_stores WHERE tenant_id = ? AND deleted_at IS NULL "
                                   u"ORDER BY created_at, id LIMIT 1"_s,
                                   {t.id}, doing);
            if (!oldest)
                return oldest.error();
            QString action;
            if (oldest.value().next()) {
                storeId = oldest.value().value(0).toLongLong();
                oldest.value().finish();
                auto promote = runQuery(m_db, u"UPDATE vector_stores SET is_primary = 1, updated_at = ? WHERE id = ?"_s,
                                        {at, storeId}, doing);
                if (!promote)
                    return promote.error();
                action = u"store.set_primary"_s;
            } else {
                oldest.value().finish();
                auto limits = limitsFor(t);
                if (!limits)
                    return limits.error();
                if (limits->maxStores < 1)
                    return ServiceError::quota(u"Tenant %1 may have no stores (plan %2); raise the limit to create its "
                                               u"primary store."_s.arg(t.slug, t.plan),
                                               u"max_stores"_s, 0, limits->maxStores);
                auto insert = runQuery(
                    m_db,
                    u"INSERT INTO vector_stores (tenant_id, name, backend, status, is_primary, metadata, "
                    u"last_active_at, created_at, updated_at) VALUES (?, 'primary', ?, 'completed', 1, '{}', ?, ?, ?)"_s,
                    {t.id, backendName(t.defaultBackend), at, at, at}, doing);
                if (!insert)
                    return insert.error();
                auto created = runQuery(
                    m_db,
                    u"SELECT id FROM vector_stores WHERE tenant_id = ? AND is_primary = 1 AND deleted_at IS NULL"_s,
                    {t.id}, doing);
                if (!created)
                    return created.error();
                created.value().next();
                storeId = created.value().value(0).toLongLong();
                created.value().finish();
                if (t.defaultBackend == BackendKind::Local) {
                    auto holder = recordLocalHolder(doing);
                    if (!holder)
                        return holder.error();
                    if (!holder->isEmpty()) {
                        auto set = runQuery(m_db, u"UPDATE vector_stores SET engine_holder = ? WHERE id = ?"_s,
                                            {holder.value(), storeId}, doing);
                        if (!set)
                            return set.error();
                    }
                }
                action = u"store.create"_s;
            }
            if (auto problem = audit(t.id, action, u"store:%1"_s.arg(storeId), {{u"reason"_s, u"ensure_primary"_s}}))
                return *problem;
            if (!transaction.commit()) {
                // Another process made a primary store at the same moment: use theirs.
                auto retry = runQuery(
                    m_db,
                    u"SELECT id FROM vector_stores WHERE tenant_id = ? AND is_primary = 1 AND deleted_at IS NULL"_s,
                    {t.id}, doing);
                if (retry && retry.value().next())
                    return storeById(retry.value().value(0).toLongLong());
                return vd::commitError(m_db, doing, transaction.error());
            }
        }
        return storeById(storeId);
    });
}

} // namespace vd
