#include "core/backend/vectorstorebackend.h"
#include "core/domain/filetypes.h"
#include "core/domain/searchrequest.h"
#include "core/domain/units.h"
#include "core/domain/validation.h"
#include "core/logging/logging.h"
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

// Tenants, plans, memberships and the audit trail.

namespace vd {

namespace {

// Refuses to take the owner role from `name` when no other owner of the tenant would remain.
std::optional<ServiceError> lastOwnerConflict(Database &db, const Tenant &t, const QString &name, const QString &doing)
{
    auto owners =
        runQuery(db, u"SELECT count(*) FROM memberships WHERE tenant_id = ? AND role = 'owner'"_s, {t.id}, doing);
    if (!owners)
        return owners.error();
    owners.value().next();
    if (owners.value().value(0).toLongLong() <= 1)
        return ServiceError::conflict(
            u"%1 is the last owner of tenant %2; make someone else owner first."_s.arg(name, t.slug));
    return std::nullopt;
}

} // namespace

Result<QList<Plan>> VectorStoreService::plans()
{
    auto result = runQuery(m_db, u"SELECT name, display_name FROM plans ORDER BY sort_order"_s, {}, u"listing plans"_s);
    if (!result)
        return result.error();
    QList<Plan> plans;
    while (result.value().next())
        plans.append({result.value().value(0).toString(), result.value().value(1).toString(), {}});
    result.value().finish();
    for (Plan &plan : plans) {
        Tenant probe;
        probe.plan = plan.name;
        auto limits = limitsFor(probe);
        if (!limits)
            return limits.error();
        plan.limits = limits.value();
    }
    return plans;
}

Result<Tenant> VectorStoreService::createTenant(const TenantDraft &draftIn)
{
    TenantDraft draft = draftIn;
    draft.slug = draft.slug.trimmed();
    if (draft.displayName.trimmed().isEmpty())
        draft.displayName = draft.slug;
    if (auto p = validateSlug(draft.slug))
        return *p;
    if (auto p = validateDisplayName(draft.displayName))
        return *p;
    if (auto p = validateBackend(draft.defaultBackend))
        return *p;
    logging::setTenant(draft.slug);
    auto op = currentOperator();
    if (!op)
        return op.error();
    if (!op->isInstanceAdmin)
        return ServiceError::denied(u"Creating a tenant needs instance administrator rights; %1 has none. Ask the "
                                    u"administrator of this database to create it."_s.arg(m_operator),
                                    u"instance_admin"_s);
    auto plan = runQuery(m_db, u"SELECT name FROM plans WHERE name = ?"_s, {draft.plan}, u"checking the plan"_s);
    if (!plan)
        return plan.error();
    if (!plan.value().next()) {
        QStringList names;
        if (auto all = plans())
            for (const Plan &p : all.value())
                names << p.name;
        return ServiceError::invalid(u"Unknown plan '%1'; choose one of %2."_s.arg(draft.plan, names.join(u", "_s)),
                                     u"plan"_s);
    }
    plan.value().finish();

    const QString doing = u"creating tenant %1"_s.arg(draft.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    auto existing = runQuery(m_db, u"SELECT id FROM tenants WHERE lower(slug) = lower(?) AND deleted_at IS NULL"_s,
                             {draft.slug}, doing);
    if (!existing)
        return existing.error();
    if (existing.value().next())
        return ServiceError::conflict(u"A tenant with slug '%1' already exists (id %2); slugs are unique "
                                      u"regardless of case. Choose another slug."_s.arg(draft.slug)
                                          .arg(existing.value().value(0).toLongLong()));
    existing.value().finish();
    const qint64 at = now();
    auto insert =
        runQuery(m_db,
                 u"INSERT INTO tenants (slug, display_name, plan, plan_overrides, default_backend, created_at, "
                 u"updated_at) VALUES (?, ?, ?, '{}', ?, ?, ?)"_s,
                 {draft.slug, draft.displayName, draft.plan, draft.defaultBackend, at, at}, doing);
    if (!insert)
        return insert.error();
    auto idQuery = runQuery(m_db, u"SELECT id FROM tenants WHERE lower(slug) = lower(?) AND deleted_at IS NULL"_s,
                            {draft.slug}, doing);
    if (!idQuery)
        return idQuery.error();
    idQuery.value().next();
    const qint64 tenantId = idQuery.value().value(0).toLongLong();
    idQuery.value().finish();
    auto member = runQuery(m_db,
                           u"INSERT INTO memberships (operator_id, tenant_id, role, created_at, updated_at) "
                           u"VALUES (?, ?, 'owner', ?, ?)"_s,
                           {op->id, tenantId, at, at}, doing);
    if (!member)
        return member.error();
    if (auto problem = audit(tenantId, u"tenant.create"_s, u"tenant:"_s + draft.slug,
                             {{u"plan"_s, draft.plan}, {u"default_backend"_s, draft.defaultBackend}}))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return tenant(QString::number(tenantId));
}

Result<QList<Tenant>> VectorStoreService::listTenants(Visibility visibility)
{
    auto op = currentOperator();
    if (!op)
        return op.error();
    QString sql;
    QVariantList binds;
    if (op->isInstanceAdmin) {
        sql = u"SELECT "_s + rows::kTenantColumns + u", 'owner' FROM tenants WHERE "_s
            + rows::visibilityClause(visibility) + u" ORDER BY lower(slug), id"_s;
    } else {
        sql = u"SELECT t.id, t.slug, t.display_name, t.plan, t.plan_overrides, t.default_backend, t.created_at, "
              u"t.updated_at, t.deleted_at, m.role FROM tenants t JOIN memberships m ON m.tenant_id = t.id "
              u"WHERE m.operator_id = ? AND "_s
            + rows::visibilityClause(visibility, u"t.deleted_at"_s) + u" ORDER BY lower(t.slug), t.id"_s;
        binds << op->id;
    }
    auto result = runQuery(m_db, sql, binds, u"listing tenants"_s);
    if (!result)
        return result.error();
    QList<Tenant> tenants;
    while (result.value().next()) {
        Tenant t = rows::tenantFromRow(result.value());
        t.myRole = roleFromName(result.value().value(9).toString());
        tenants.append(t);
    }
    return tenants;
}

Result<Tenant> VectorStoreService::tenant(const QString &tenantRef)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing the tenant"_s);
    if (!a)
        return a.error();
    return a->tenant;
}

Result<Tenant> VectorStoreService::tenantById(qint64 id)
{
    return tenant(QString::number(id));
}

Result<Tenant> VectorStoreService::updateTenant(const QString &tenantRef, const TenantUpdate &update)
{
    auto a = access(tenantRef, Role::Admin, u"Changing the tenant"_s);
    if (!a)
        return a.error();
    if (update.displayName)
        if (auto p = validateDisplayName(*update.displayName))
            return *p;
    if (update.defaultBackend)
        if (auto p = validateBackend(*update.defaultBackend))
            return *p;
    const Tenant &t = a->tenant;
    const QString doing = u"updating tenant %1"_s.arg(t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    const QString displayName = update.displayName.value_or(t.displayName);
    const QString backend = update.defaultBackend.value_or(backendName(t.defaultBackend));
    auto result =
        runQuery(m_db, u"UPDATE tenants SET display_name = ?, default_backend = ?, updated_at = ? WHERE id = ?"_s,
                 {displayName, backend, now(), t.id}, doing);
    if (!result)
        return result.error();
    QJsonObject detail;
    if (update.displayName)
        detail.insert(u"display_name"_s, displayName);
    if (update.defaultBackend)
        detail.insert(u"default_backend"_s, backend);
    if (auto problem = audit(t.id, u"tenant.update"_s, u"tenant:"_s + t.slug, detail))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return tenant(QString::number(t.id));
}

Result<Tenant> VectorStoreService::setPlan(const QString &tenantRef, const QString &planName,
                                           const std::optional<QJsonObject> &overrides)
{
    auto a = access(tenantRef, Role::Admin, u"Changing the plan"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    auto allPlans = plans();
    if (!allPlans)
        return allPlans.error();
    QStringList names;
    for (const Plan &p : allPlans.value())
        names << p.name;
    const QString plan = planName.isEmpty() ? t.plan : planName;
    if (!names.contains(plan))
        return ServiceError::invalid(u"Unknown plan '%1'; choose one of %2."_s.arg(plan, names.join(u", "_s)),
                                     u"plan"_s);
    if (overrides)
        if (auto p = validatePlanOverrides(*overrides))
            return *p;
    const QString doing = u"changing the plan of tenant %1"_s.arg(t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    const QJsonObject newOverrides = overrides.value_or(t.planOverrides);
    auto result = runQuery(m_db, u"UPDATE tenants SET plan = ?, plan_overrides = ?, updated_at = ? WHERE id = ?"_s,
                           {plan, sql::toJsonText(newOverrides), now(), t.id}, doing);
    if (!result)
        return result.error();
    if (auto problem = audit(t.id, u"tenant.set_plan"_s, u"tenant:"_s + t.slug,
                             {{u"from"_s, t.plan}, {u"to"_s, plan}, {u"overrides"_s, newOverrides}}))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return tenant(QString::number(t.id));
}

Result<Tenant> VectorStoreService::deleteTenant(const QString &tenantRef)
{
    auto a = access(tenantRef, Role::Owner, u"Deleting the tenant"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    const QString doing = u"deleting tenant %1"_s.arg(t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    const qint64 at = now();
    auto result =
        runQuery(m_db, u"UPDATE tenants SET deleted_at = ?, updated_at = ? WHERE id = ?"_s, {at, at, t.id}, doing);
    if (!result)
        return result.error();
    if (auto problem = audit(t.id, u"tenant.delete"_s, u"tenant:"_s + t.slug))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    Tenant deleted = t;
    deleted.deletedAt = at;
    deleted.updatedAt = at;
    return deleted;
}

Result<QuotaUsage> VectorStoreService::quotaUsage(const QString &tenantRef)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing quotas"_s);
    if (!a)
        return a.error();
    auto limits = limitsFor(a->tenant);
    if (!limits)
        return limits.error();
    QuotaUsage usage;
    usage.plan = a->tenant.plan;
    usage.limits = limits.value();
    // One read of the live stores' counters (kept exact by every file change).
    auto totals = runQuery(
        m_db,
        u"SELECT count(*), coalesce(sum(files_in_progress + files_completed + files_failed + files_cancelled), 0), "
        u"coalesce(sum(files_size_bytes), 0), "
        u"coalesce(max(files_in_progress + files_completed + files_failed + files_cancelled), 0) "
        u"FROM vector_stores WHERE tenant_id = ? AND deleted_at IS NULL"_s,
        {a->tenant.id}, u"reading the quota usage of tenant %1"_s.arg(a->tenant.slug));
    if (!totals)
        return totals.error();
    totals.value().next();
    usage.stores = totals.value().value(0).toLongLong();
    usage.files = totals.value().value(1).toLongLong();
    usage.totalBytes = totals.value().value(2).toLongLong();
    usage.largestStoreFiles = totals.value().value(3).toLongLong();
    return usage;
}

Result<QList<Membership>> VectorStoreService::listMembers(const QString &tenantRef)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing members"_s);
    if (!a)
        return a.error();
    auto result = runQuery(m_db,
                           u"SELECT o.name, m.tenant_id, m.role, m.created_at FROM memberships m JOIN operators o ON "
                           u"o.id = m.operator_id WHERE m.tenant_id = ? ORDER BY lower(o.name)"_s,
                           {a->tenant.id}, u"listing members"_s);
    if (!result)
        return result.error();
    QList<Membership> members;
    while (result.value().next())
        members.append({result.value().value(0).toString(), result.value().value(1).toLongLong(),
                        roleFromName(result.value().value(2).toString()).value_or(Role::Viewer),
                        result.value().value(3).toLongLong()});
    return members;
}

Result<Membership> VectorStoreService::addMember(const QString &tenantRef, const QString &operatorNameIn, Role role)
{
    auto a = access(tenantRef, Role::Owner, u"Managing members"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    const QString name = operatorNameIn.trimmed();
    if (name.isEmpty() || name.size() > 128)
        return ServiceError::invalid(u"Operator name must be 1 to 128 characters."_s, u"operator"_s);
    const QString doing = u"giving %1 the %2 role in tenant %3"_s.arg(name, roleName(role), t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    const qint64 at = now();
    auto op = runQuery(m_db, u"SELECT id FROM operators WHERE lower(name) = lower(?)"_s, {name}, doing);
    if (!op)
        return op.error();
    qint64 operatorId = 0;
    if (op.value().next()) {
        operatorId = op.value().value(0).toLongLong();
        op.value().finish();
    } else {
        op.value().finish();
        auto insert = runQuery(
            m_db, u"INSERT INTO operators (name, display_name, is_instance_admin, created_at) VALUES (?, ?, 0, ?)"_s,
            {name, name, at}, doing);
        if (!insert)
            return insert.error();
        auto created = runQuery(m_db, u"SELECT id FROM operators WHERE lower(name) = lower(?)"_s, {name}, doing);
        if (!created)
            return created.error();
        created.value().next();
        operatorId = created.value().value(0).toLongLong();
        created.value().finish();
    }
    auto existing = runQuery(m_db, u"SELECT role FROM memberships WHERE operator_id = ? AND tenant_id = ?"_s,
                             {operatorId, t.id}, doing);
    if (!existing)
        return existing.error();
    const bool exists = existing.value().next();
    const QString previous = exists ? existing.value().value(0).toString() : QString();
    existing.value().finish();
    if (exists && previous == u"owner"_s && role != Role::Owner) {
        if (auto last = lastOwnerConflict(m_db, t, name, doing))
            return *last;
    }
    auto write = exists
        ? runQuery(m_db, u"UPDATE memberships SET role = ?, updated_at = ? WHERE operator_id = ? AND tenant_id = ?"_s,
                   {roleName(role), at, operatorId, t.id}, doing)
        : runQuery(m_db,
                   u"INSERT INTO memberships (operator_id, tenant_id, role, created_at, updated_at) "
                   u"VALUES (?, ?, ?, ?, ?)"_s,
                   {operatorId, t.id, roleName(role), at, at}, doing);
    if (!write)
        return write.error();
    QJsonObject detail{{u"role"_s, roleName(role)}};
    if (exists)
        detail.insert(u"previous_role"_s, previous);
    if (auto problem = audit(t.id, exists ? u"member.update"_s : u"member.add"_s, u"operator:"_s + name, detail))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return Membership{name, t.id, role, at};
}

Result<void> VectorStoreService::removeMember(const QString &tenantRef, const QString &operatorNameIn)
{
    auto a = access(tenantRef, Role::Owner, u"Managing members"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    const QString name = operatorNameIn.trimmed();
    const QString doing = u"removing %1 from tenant %2"_s.arg(name, t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto member = runQuery(m_db,
                           u"SELECT m.operator_id, m.role FROM memberships m JOIN operators o ON o.id = m.operator_id "
                           u"WHERE m.tenant_id = ? AND lower(o.name) = lower(?)"_s,
                           {t.id, name}, doing);
    if (!member)
        return member.error();
    if (!member.value().next())
        return ServiceError::notFound(u"%1 is not a member of tenant %2."_s.arg(name, t.slug));
    const qint64 operatorId = member.value().value(0).toLongLong();
    const QString role = member.value().value(1).toString();
    member.value().finish();
    if (role == u"owner"_s) {
        if (auto last = lastOwnerConflict(m_db, t, name, doing))
            return *last;
    }
    auto remove =
        runQuery(m_db, u"DELETE FROM memberships WHERE operator_id = ? AND tenant_id = ?"_s, {operatorId, t.id}, doing);
    if (!remove)
        return remove.error();
    if (auto problem = audit(t.id, u"member.remove"_s, u"operator:"_s + name, {{u"role"_s, role}}))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return {};
}

Result<QList<AuditEntry>> VectorStoreService::auditLog(const QString &tenantRef, int limit)
{
    AuditQuery query;
    query.limit = limit;
    return auditLog(tenantRef, query);
}

Result<std::optional<SyncRunSummary>> VectorStoreService::lastSyncRun()
{
    auto q = runQuery(m_db,
                      u"SELECT id, started_at, finished_at, host, triggered_by, status, counts, errors FROM sync_runs "
                      u"WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1"_s,
                      {}, u"reading the last sync pass"_s);
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<SyncRunSummary>();
    SyncRunSummary run;
    run.id = q.value().value(0).toLongLong();
    run.startedAt = q.value().value(1).toLongLong();
    run.finishedAt = q.value().value(2).toLongLong();
    run.host = q.value().value(3).toString();
    run.triggeredBy = q.value().value(4).toString();
    run.status = q.value().value(5).toString();
    run.counts = sql::fromJsonText(q.value().value(6));
    run.errors = QJsonDocument::fromJson(q.value().value(7).toString().toUtf8()).array();
    return std::optional<SyncRunSummary>(run);
}

} // namespace vd
