#include "core/service/vectorstoreservice.h"

#include "core/backend/vectorstorebackend.h"
#include "core/domain/filetypes.h"
#include "core/domain/searchrequest.h"
#include "core/domain/units.h"
#include "core/domain/validation.h"
#include "core/logging/logging.h"
#include "core/service/lifecycle.h"
#include "core/service/storecounters.h"
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

// The service itself: the operator, access checks and roles, plan limits, audit.

namespace vd {

Q_LOGGING_CATEGORY(lcService, "vectordesk.core.service", QtInfoMsg)

VectorStoreService::VectorStoreService(Database &db, QString operatorName, BackendFor backendFor)
    : m_db(db)
    , m_operator(std::move(operatorName))
    , m_requestId(logging::newRequestId())
    , m_backendFor(std::move(backendFor))
{
    Q_ASSERT_X(m_backendFor, "VectorStoreService", "the backends are required (see CoreSession)");
}

qint64 VectorStoreService::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

Result<qint64> VectorStoreService::tenantBytesInUse(qint64 tenantId, const QString &doing)
{
    auto bytes = runQuery(
        m_db,
        u"SELECT coalesce(sum(files_size_bytes), 0) FROM vector_stores WHERE tenant_id = ? AND deleted_at IS NULL"_s,
        {tenantId}, doing);
    if (!bytes)
        return bytes.error();
    bytes.value().next();
    return bytes.value().value(0).toLongLong();
}

Result<VectorStoreBackend *> VectorStoreService::backendOf(const VectorStore &store) const
{
    VectorStoreBackend *backend = m_backendFor ? m_backendFor(store.backend) : nullptr;
    if (!backend)
        return ServiceError::unavailable(u"The %1 backend of store '%2' is not available in this VectorDesk; nothing "
                                         u"was changed."_s.arg(backendName(store.backend), store.name));
    return backend;
}

StoreHolderLink *VectorStoreService::holderElsewhere(const VectorStore &store) const
{
    VectorStoreBackend *backend = m_backendFor ? m_backendFor(store.backend) : nullptr;
    return backend ? backend->holderElsewhere(store) : nullptr;
}

Result<QString> VectorStoreService::fileApiId(qint64 storeFileId)
{
    auto ids = fileApiIds({storeFileId});
    if (!ids)
        return ids.error();
    return ids->value(storeFileId);
}

Result<QString> VectorStoreService::fileApiIdFor(StoreHolderLink &holder, const Tenant &tenant,
                                                 const VectorStore &store, qint64 storeFileId, const QString &action)
{
    if (auto reachable = holder.reachable(tenant, store, action); !reachable)
        return reachable.error();
    return fileApiId(storeFileId);
}

Result<VectorStoreBackend *> VectorStoreService::backendToChange(const Tenant &tenant, const VectorStore &store,
                                                                 const QString &action) const
{
    auto backend = backendOf(store);
    if (!backend)
        return backend;
    if (auto refused = backend.value()->changeRefused(tenant, store, action))
        return *refused;
    return backend;
}

Lifecycle VectorStoreService::lifecycle()
{
    return Lifecycle(m_db, m_backendFor, AuditActor{m_operator, m_requestId, [this] {
                                                        return now();
                                                    }});
}

std::optional<ServiceError> VectorStoreService::audit(std::optional<qint64> tenantId, const QString &action,
                                                      const QString &target, const QJsonObject &detail)
{
    auto written = writeAudit(m_db, {now(), m_operator, tenantId, action, target, m_requestId, detail});
    if (!written)
        return written.error();
    qCInfo(lcService).noquote() << m_operator << action << target;
    return std::nullopt;
}

std::optional<ServiceError> VectorStoreService::lockTenant(qint64 tenantId)
{
    // SQLite already holds the database write lock (BEGIN IMMEDIATE). PostgreSQL: lock the tenant
    // row so quota checks and the writes they guard are serialized per tenant. FOR NO KEY UPDATE,
    // not FOR UPDATE: it excludes the other lockers all the same, but not the foreign-key checks
    // (FOR KEY SHARE) of rows that refer to the tenant. Under FOR UPDATE an ingestion that had
    // updated its store's counters waited in such a check for an attach holding this lock, while
    // the attach waited for the same store row: a deadlock (tst_blob_race).
    const QString sql = m_db.isPostgres()
        ? u"SELECT id FROM tenants WHERE id = ? AND deleted_at IS NULL FOR NO KEY UPDATE"_s
        : u"SELECT id FROM tenants WHERE id = ? AND deleted_at IS NULL"_s;
    auto result = runQuery(m_db, sql, {tenantId}, u"locking the tenant"_s);
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::notFound(u"The tenant was deleted while this change was being made."_s);
    return std::nullopt;
}

Result<VectorStoreService::OperatorInfo> VectorStoreService::currentOperator()
{
    auto found = runQuery(m_db, u"SELECT id, name, is_instance_admin FROM operators WHERE lower(name) = lower(?)"_s,
                          {m_operator}, u"looking up the operator"_s);
    if (!found)
        return found.error();
    if (found.value().next())
        return OperatorInfo{found.value().value(0).toLongLong(), found.value().value(1).toString(),
                            found.value().value(2).toInt() != 0};
    found.value().finish();

    if (m_operator.trimmed().isEmpty() || m_operator.size() > 128)
        return ServiceError::invalid(u"Operator name '%1' is not valid: use 1 to 128 characters."_s.arg(m_operator),
                                     u"operator"_s);
    // The first operator of a fresh database becomes its instance administrator.
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, u"registering the operator"_s, transaction.error());
    if (m_db.isPostgres()) {
        auto lock =
            runQuery(m_db, u"LOCK TABLE operators IN SHARE ROW EXCLUSIVE MODE"_s, {}, u"registering the operator"_s);
        if (!lock)
            return lock.error();
    }
    auto count = runQuery(m_db, u"SELECT count(*) FROM operators"_s, {}, u"registering the operator"_s);
    if (!count)
        return count.error();
    count.value().next();
    const bool first = count.value().value(0).toLongLong() == 0;
    count.value().finish();
    if (!first)
        return OperatorInfo{0, m_operator, false}; // unknown operator: no rights anywhere
    auto insert = runQuery(
        m_db, u"INSERT INTO operators (name, display_name, is_instance_admin, created_at) VALUES (?, ?, 1, ?)"_s,
        {m_operator, m_operator, now()}, u"registering the operator"_s);
    if (!insert)
        return insert.error();
    if (auto problem =
            audit(std::nullopt, u"operator.bootstrap"_s, u"operator:"_s + m_operator, {{u"instance_admin"_s, true}}))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, u"registering the operator"_s, transaction.error());
    return currentOperator();
}

Result<Tenant> VectorStoreService::findTenant(const QString &tenantRef, Visibility visibility)
{
    const QString ref = tenantRef.trimmed();
    bool isId = false;
    const qint64 id = ref.toLongLong(&isId);
    const QString where = isId ? u"id = ?"_s : u"lower(slug) = lower(?)"_s;
    // A live tenant wins over deleted ones with the same slug.
    auto result =
        runQuery(m_db,
                 u"SELECT "_s + rows::kTenantColumns + u" FROM tenants WHERE "_s + where + u" AND "_s
                     + rows::visibilityClause(visibility) + u" ORDER BY deleted_at IS NOT NULL, deleted_at DESC"_s,
                 {isId ? QVariant(id) : QVariant(ref)}, u"looking up tenant '%1'"_s.arg(ref));
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::notFound(
            visibility == Visibility::Deleted
                ? u"No deleted tenant '%1'."_s.arg(ref)
                : u"No tenant '%1'. List the tenants you can see with: vectordesk tenant list"_s.arg(ref));
    return rows::tenantFromRow(result.value());
}

Result<VectorStoreService::Access> VectorStoreService::access(const QString &tenantRef, Role needed,
                                                              const QString &action)
{
    if (m_token)
        return tokenAccess(tenantRef, needed, action);
    auto op = currentOperator();
    if (!op)
        return op.error();
    auto tenant = findTenant(tenantRef, Visibility::Live);
    if (!tenant)
        return tenant.error();
    logging::setTenant(tenant->slug);
    m_call.tenant = tenant->slug;
    Role role = Role::Owner;
    if (!op->isInstanceAdmin) {
        auto membership = runQuery(m_db, u"SELECT role FROM memberships WHERE operator_id = ? AND tenant_id = ?"_s,
                                   {op->id, tenant->id}, u"checking your role"_s);
        if (!membership)
            return membership.error();
        if (!membership.value().next()) {
            // Not a member: the tenant is invisible, not merely forbidden.
            return ServiceError::notFound(
                u"No tenant '%1'. List the tenants you can see with: vectordesk tenant list"_s.arg(
                    tenantRef.trimmed()));
        }
        role = roleFromName(membership.value().value(0).toString()).value_or(Role::Viewer);
    }
    if (role < needed) {
        return ServiceError::denied(
            u"%1 needs the %2 role in tenant %3; %4 is %5. Ask an owner of %3 to "
            u"change your role."_s.arg(action, roleName(needed), tenant->slug, m_operator, roleName(role)),
            roleName(needed));
    }
    Access result{tenant.value(), role};
    result.tenant.myRole = role;
    return result;
}

Result<Role> VectorStoreService::roleIn(const QString &tenantRef)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing the tenant"_s);
    if (!a)
        return a.error();
    return a->role;
}

Result<PlanLimits> VectorStoreService::limitsFor(const Tenant &tenant)
{
    auto result = runQuery(m_db,
                           u"SELECT max_stores, max_files_per_store, max_file_bytes, max_total_bytes, allowed_types "
                           u"FROM plans WHERE name = ?"_s,
                           {tenant.plan}, u"reading the plan"_s);
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::unavailable(
            u"Tenant %1 is on plan '%2', which does not exist."_s.arg(tenant.slug, tenant.plan));
    const QSqlQuery &q = result.value();
    PlanLimits limits;
    limits.maxStores = q.value(0).toLongLong();
    limits.maxFilesPerStore = q.value(1).toLongLong();
    limits.maxFileBytes = q.value(2).toLongLong();
    limits.maxTotalBytes = q.value(3).toLongLong();
    if (!q.value(4).isNull()) {
        for (const QJsonValue &v : QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array())
            limits.allowedTypes << v.toString();
    }
    const QJsonObject &o = tenant.planOverrides;
    if (o.contains(u"max_stores"_s))
        limits.maxStores = o.value(u"max_stores"_s).toInteger();
    if (o.contains(u"max_files_per_store"_s))
        limits.maxFilesPerStore = o.value(u"max_files_per_store"_s).toInteger();
    if (o.contains(u"max_file_bytes"_s))
        limits.maxFileBytes = o.value(u"max_file_bytes"_s).toInteger();
    if (o.contains(u"max_total_bytes"_s))
        limits.maxTotalBytes = o.value(u"max_total_bytes"_s).toInteger();
    if (o.contains(u"allowed_types"_s)) {
        limits.allowedTypes.clear();
        for (const QJsonValue &v : o.value(u"allowed_types"_s).toArray())
            limits.allowedTypes << v.toString().toLower();
    }
    return limits;
}

} // namespace vd
