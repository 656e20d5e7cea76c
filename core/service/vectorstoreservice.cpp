#include "vectorstoreservice.h"

#include "backend/vectorstorebackend.h"
#include "engine/search/searchrequest.h"
#include "filetypes.h"
#include "logging/logging.h"
#include "storage/database.h"
#include "storecounters.h"
#include "validation.h"

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

namespace vd {

Q_LOGGING_CATEGORY(lcService, "vectordesk.core.service", QtInfoMsg)

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

// A chunking as it is recorded: checked against OpenAI's limits, and auto always with its
// fixed numbers (whatever sizes came with it).
Result<ChunkingStrategy> recordedChunking(const ChunkingStrategy &chunking)
{
    if (auto p = validateChunking(chunking))
        return *p;
    return chunking.type == u"auto"_s ? ChunkingStrategy{} : chunking;
}

QString toJsonText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject fromJsonText(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

QVariant nullableInt(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

QVariant nullableText(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

std::optional<qint64> optionalInt(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return value.toLongLong();
}

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString visibilityClause(Visibility visibility, const QString &column = u"deleted_at"_s)
{
    switch (visibility) {
    case Visibility::Live:
        return column + u" IS NULL"_s;
    case Visibility::Deleted:
        return column + u" IS NOT NULL"_s;
    case Visibility::All:
        return u"1 = 1"_s;
    }
    return column + u" IS NULL"_s;
}

const QString kTenantColumns =
    u"id, slug, display_name, plan, plan_overrides, default_backend, created_at, updated_at, deleted_at"_s;

Tenant tenantFromRow(const QSqlQuery &q)
{
    Tenant t;
    t.id = q.value(0).toLongLong();
    t.slug = q.value(1).toString();
    t.displayName = q.value(2).toString();
    t.plan = q.value(3).toString();
    t.planOverrides = fromJsonText(q.value(4));
    t.defaultBackend = q.value(5).toString();
    t.createdAt = q.value(6).toLongLong();
    t.updatedAt = q.value(7).toLongLong();
    t.deletedAt = optionalInt(q.value(8));
    return t;
}

const QString kStoreColumns =
    u"id, tenant_id, name, backend, remote_id, status, is_primary, usage_bytes, files_in_progress, "
    u"files_completed, files_failed, files_cancelled, expires_after_anchor, expires_after_days, expires_at, "
    u"last_active_at, metadata, created_at, updated_at, deleted_at, chunking_type, chunk_max_tokens, "
    u"chunk_overlap_tokens"_s;

VectorStore storeFromRow(const QSqlQuery &q)
{
    VectorStore s;
    s.id = q.value(0).toLongLong();
    s.tenantId = q.value(1).toLongLong();
    s.name = q.value(2).toString();
    s.backend = q.value(3).toString();
    s.remoteId = q.value(4).toString();
    s.status = q.value(5).toString();
    s.isPrimary = q.value(6).toInt() != 0;
    s.usageBytes = q.value(7).toLongLong();
    s.fileCounts = {q.value(8).toLongLong(), q.value(9).toLongLong(), q.value(10).toLongLong(),
                    q.value(11).toLongLong()};
    if (!q.value(12).isNull())
        s.expiresAfter = ExpiryPolicy{q.value(12).toString(), q.value(13).toInt()};
    s.expiresAt = optionalInt(q.value(14));
    s.lastActiveAt = optionalInt(q.value(15));
    s.metadata = fromJsonText(q.value(16));
    s.createdAt = q.value(17).toLongLong();
    s.updatedAt = q.value(18).toLongLong();
    s.deletedAt = optionalInt(q.value(19));
    s.chunking.type = q.value(20).toString();
    s.chunking.maxChunkSizeTokens = q.value(21).toInt();
    s.chunking.chunkOverlapTokens = q.value(22).toInt();
    return s;
}

const QString kFileColumns =
    u"id, store_id, tenant_id, filename, mime_type, size_bytes, sha256, status, last_error_code, "
    u"last_error_message, usage_bytes, attributes, chunking_type, chunk_max_tokens, chunk_overlap_tokens, "
    u"remote_file_id, source_path, created_at, updated_at, status_changed_at, deleted_at"_s;

StoreFile fileFromRow(const QSqlQuery &q)
{
    StoreFile f;
    f.id = q.value(0).toLongLong();
    f.storeId = q.value(1).toLongLong();
    f.tenantId = q.value(2).toLongLong();
    f.filename = q.value(3).toString();
    f.mimeType = q.value(4).toString();
    f.sizeBytes = q.value(5).toLongLong();
    f.sha256 = q.value(6).toString();
    f.status = q.value(7).toString();
    f.lastErrorCode = q.value(8).toString();
    f.lastErrorMessage = q.value(9).toString();
    f.usageBytes = q.value(10).toLongLong();
    f.attributes = fromJsonText(q.value(11));
    f.chunking.type = q.value(12).toString();
    f.chunking.maxChunkSizeTokens = q.value(13).toInt();
    f.chunking.chunkOverlapTokens = q.value(14).toInt();
    f.remoteFileId = q.value(15).toString();
    f.sourcePath = q.value(16).toString();
    f.createdAt = q.value(17).toLongLong();
    f.updatedAt = q.value(18).toLongLong();
    f.statusChangedAt = q.value(19).toLongLong();
    f.deletedAt = optionalInt(q.value(20));
    return f;
}

bool isUniqueViolation(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    // SQLite: 2067 SQLITE_CONSTRAINT_UNIQUE, 1555 PRIMARYKEY; PostgreSQL: 23505.
    return code == u"2067"_s || code == u"1555"_s || code == u"23505"_s
        || error.databaseText().contains(u"UNIQUE constraint failed"_s);
}

} // namespace

Result<FileDraft> FileDraft::fromLocalFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return ServiceError::invalid(u"File %1 does not exist."_s.arg(path), u"path"_s);
    if (!info.isFile())
        return ServiceError::invalid(u"%1 is not a regular file."_s.arg(path), u"path"_s);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ServiceError::invalid(u"Cannot read %1: %2."_s.arg(path, file.errorString()), u"path"_s);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return ServiceError::invalid(u"Cannot read %1: %2."_s.arg(path, file.errorString()), u"path"_s);
    FileDraft draft;
    draft.filename = info.fileName();
    draft.sizeBytes = info.size();
    draft.sha256 = QString::fromLatin1(hash.result().toHex());
    draft.mimeType = FileTypes::mimeTypeFor(FileTypes::extensionOf(draft.filename));
    draft.sourcePath = info.absoluteFilePath();
    return draft;
}

VectorStoreService::VectorStoreService(Database &db, QString operatorName)
    : m_db(db)
    , m_operator(std::move(operatorName))
    , m_requestId(logging::newRequestId())
{ }

qint64 VectorStoreService::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

Result<QSqlQuery> VectorStoreService::exec(const QString &sql, const QVariantList &binds, const QString &doing)
{
    QSqlQuery query(m_db.connection());
    query.setForwardOnly(true);
    // Statements without parameters run as they are: PostgreSQL cannot prepare LOCK and the like.
    bool ok = binds.isEmpty() ? query.exec(sql) : query.prepare(sql);
    if (ok && !binds.isEmpty()) {
        for (const QVariant &value : binds)
            query.addBindValue(value);
        ok = query.exec();
    }
    if (ok)
        return query;
    const QSqlError error = query.lastError();
    if (isUniqueViolation(error))
        return ServiceError::conflict(u"That conflicts with a change made at the same time while %1; "
                                      u"reload and try again."_s.arg(doing));
    qCWarning(lcService) << "query failed while" << doing << ":" << error.text();
    return ServiceError::unavailable(
        u"The database %1 failed while %2: %3"_s.arg(m_db.url().describe(), doing, error.text()));
}

ServiceError VectorStoreService::commitError(const QString &doing, const QString &driverText) const
{
    return ServiceError::unavailable(
        u"The database %1 could not save the change while %2: %3"_s.arg(m_db.url().describe(), doing, driverText));
}

Result<qint64> VectorStoreService::tenantBytesInUse(qint64 tenantId, const QString &doing)
{
    auto bytes = exec(
        u"SELECT coalesce(sum(files_size_bytes), 0) FROM vector_stores WHERE tenant_id = ? AND deleted_at IS NULL"_s,
        {tenantId}, doing);
    if (!bytes)
        return bytes.error();
    bytes.value().next();
    return bytes.value().value(0).toLongLong();
}

VectorStoreBackend *VectorStoreService::backendFor(const QString &name) const
{
    return m_backendFor ? m_backendFor(name) : nullptr;
}

std::optional<ServiceError> VectorStoreService::audit(std::optional<qint64> tenantId, const QString &action,
                                                      const QString &target, const QJsonObject &detail)
{
    auto result = exec(u"INSERT INTO audit_log (at, operator, tenant_id, action, target, request_id, detail) "
                       u"VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                       {now(), m_operator, nullableInt(tenantId), action, target, m_requestId, toJsonText(detail)},
                       u"writing the audit log"_s);
    if (!result)
        return result.error();
    qCInfo(lcService).noquote() << m_operator << action << target;
    return std::nullopt;
}

std::optional<ServiceError> VectorStoreService::lockTenant(qint64 tenantId)
{
    // SQLite already holds the database write lock (BEGIN IMMEDIATE). PostgreSQL: lock the tenant
    // row so quota checks and the writes they guard are serialized per tenant.
    const QString sql = m_db.isPostgres() ? u"SELECT id FROM tenants WHERE id = ? AND deleted_at IS NULL FOR UPDATE"_s
                                          : u"SELECT id FROM tenants WHERE id = ? AND deleted_at IS NULL"_s;
    auto result = exec(sql, {tenantId}, u"locking the tenant"_s);
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::notFound(u"The tenant was deleted while this change was being made."_s);
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Operators and access

Result<VectorStoreService::OperatorInfo> VectorStoreService::currentOperator()
{
    auto found = exec(u"SELECT id, name, is_instance_admin FROM operators WHERE lower(name) = lower(?)"_s, {m_operator},
                      u"looking up the operator"_s);
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
        return commitError(u"registering the operator"_s, transaction.error());
    if (m_db.isPostgres()) {
        auto lock = exec(u"LOCK TABLE operators IN SHARE ROW EXCLUSIVE MODE"_s, {}, u"registering the operator"_s);
        if (!lock)
            return lock.error();
    }
    auto count = exec(u"SELECT count(*) FROM operators"_s, {}, u"registering the operator"_s);
    if (!count)
        return count.error();
    count.value().next();
    const bool first = count.value().value(0).toLongLong() == 0;
    count.value().finish();
    if (!first)
        return OperatorInfo{0, m_operator, false}; // unknown operator: no rights anywhere
    auto insert =
        exec(u"INSERT INTO operators (name, display_name, is_instance_admin, created_at) VALUES (?, ?, 1, ?)"_s,
             {m_operator, m_operator, now()}, u"registering the operator"_s);
    if (!insert)
        return insert.error();
    if (auto problem =
            audit(std::nullopt, u"operator.bootstrap"_s, u"operator:"_s + m_operator, {{u"instance_admin"_s, true}}))
        return *problem;
    if (!transaction.commit())
        return commitError(u"registering the operator"_s, transaction.error());
    return currentOperator();
}

Result<Tenant> VectorStoreService::findTenant(const QString &tenantRef, Visibility visibility)
{
    const QString ref = tenantRef.trimmed();
    bool isId = false;
    const qint64 id = ref.toLongLong(&isId);
    const QString where = isId ? u"id = ?"_s : u"lower(slug) = lower(?)"_s;
    // A live tenant wins over deleted ones with the same slug.
    auto result = exec(u"SELECT "_s + kTenantColumns + u" FROM tenants WHERE "_s + where + u" AND "_s
                           + visibilityClause(visibility) + u" ORDER BY deleted_at IS NOT NULL, deleted_at DESC"_s,
                       {isId ? QVariant(id) : QVariant(ref)}, u"looking up tenant '%1'"_s.arg(ref));
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::notFound(
            visibility == Visibility::Deleted
                ? u"No deleted tenant '%1'."_s.arg(ref)
                : u"No tenant '%1'. List the tenants you can see with: vectordesk tenant list"_s.arg(ref));
    return tenantFromRow(result.value());
}

Result<VectorStoreService::Access> VectorStoreService::access(const QString &tenantRef, Role needed,
                                                              const QString &action)
{
    auto op = currentOperator();
    if (!op)
        return op.error();
    auto tenant = findTenant(tenantRef, Visibility::Live);
    if (!tenant)
        return tenant.error();
    logging::setTenant(tenant->slug);
    Role role = Role::Owner;
    if (!op->isInstanceAdmin) {
        auto membership = exec(u"SELECT role FROM memberships WHERE operator_id = ? AND tenant_id = ?"_s,
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
    auto result = exec(u"SELECT max_stores, max_files_per_store, max_file_bytes, max_total_bytes, allowed_types "
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

// ---------------------------------------------------------------------------------------------
// Plans and tenants

Result<QList<Plan>> VectorStoreService::plans()
{
    auto result = exec(u"SELECT name, display_name FROM plans ORDER BY sort_order"_s, {}, u"listing plans"_s);
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
    auto plan = exec(u"SELECT name FROM plans WHERE name = ?"_s, {draft.plan}, u"checking the plan"_s);
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
        return commitError(doing, transaction.error());
    auto existing =
        exec(u"SELECT id FROM tenants WHERE lower(slug) = lower(?) AND deleted_at IS NULL"_s, {draft.slug}, doing);
    if (!existing)
        return existing.error();
    if (existing.value().next())
        return ServiceError::conflict(u"A tenant with slug '%1' already exists (id %2); slugs are unique "
                                      u"regardless of case. Choose another slug."_s.arg(draft.slug)
                                          .arg(existing.value().value(0).toLongLong()));
    existing.value().finish();
    const qint64 at = now();
    auto insert = exec(u"INSERT INTO tenants (slug, display_name, plan, plan_overrides, default_backend, created_at, "
                       u"updated_at) VALUES (?, ?, ?, '{}', ?, ?, ?)"_s,
                       {draft.slug, draft.displayName, draft.plan, draft.defaultBackend, at, at}, doing);
    if (!insert)
        return insert.error();
    auto idQuery =
        exec(u"SELECT id FROM tenants WHERE lower(slug) = lower(?) AND deleted_at IS NULL"_s, {draft.slug}, doing);
    if (!idQuery)
        return idQuery.error();
    idQuery.value().next();
    const qint64 tenantId = idQuery.value().value(0).toLongLong();
    idQuery.value().finish();
    auto member = exec(u"INSERT INTO memberships (operator_id, tenant_id, role, created_at, updated_at) "
                       u"VALUES (?, ?, 'owner', ?, ?)"_s,
                       {op->id, tenantId, at, at}, doing);
    if (!member)
        return member.error();
    if (auto problem = audit(tenantId, u"tenant.create"_s, u"tenant:"_s + draft.slug,
                             {{u"plan"_s, draft.plan}, {u"default_backend"_s, draft.defaultBackend}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
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
        sql = u"SELECT "_s + kTenantColumns + u", 'owner' FROM tenants WHERE "_s + visibilityClause(visibility)
            + u" ORDER BY lower(slug), id"_s;
    } else {
        sql = u"SELECT t.id, t.slug, t.display_name, t.plan, t.plan_overrides, t.default_backend, t.created_at, "
              u"t.updated_at, t.deleted_at, m.role FROM tenants t JOIN memberships m ON m.tenant_id = t.id "
              u"WHERE m.operator_id = ? AND "_s
            + visibilityClause(visibility, u"t.deleted_at"_s) + u" ORDER BY lower(t.slug), t.id"_s;
        binds << op->id;
    }
    auto result = exec(sql, binds, u"listing tenants"_s);
    if (!result)
        return result.error();
    QList<Tenant> tenants;
    while (result.value().next()) {
        Tenant t = tenantFromRow(result.value());
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
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    const QString displayName = update.displayName.value_or(t.displayName);
    const QString backend = update.defaultBackend.value_or(t.defaultBackend);
    auto result = exec(u"UPDATE tenants SET display_name = ?, default_backend = ?, updated_at = ? WHERE id = ?"_s,
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
        return commitError(doing, transaction.error());
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
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    const QJsonObject newOverrides = overrides.value_or(t.planOverrides);
    auto result = exec(u"UPDATE tenants SET plan = ?, plan_overrides = ?, updated_at = ? WHERE id = ?"_s,
                       {plan, toJsonText(newOverrides), now(), t.id}, doing);
    if (!result)
        return result.error();
    if (auto problem = audit(t.id, u"tenant.set_plan"_s, u"tenant:"_s + t.slug,
                             {{u"from"_s, t.plan}, {u"to"_s, plan}, {u"overrides"_s, newOverrides}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
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
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    const qint64 at = now();
    auto result = exec(u"UPDATE tenants SET deleted_at = ?, updated_at = ? WHERE id = ?"_s, {at, at, t.id}, doing);
    if (!result)
        return result.error();
    if (auto problem = audit(t.id, u"tenant.delete"_s, u"tenant:"_s + t.slug))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
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
    auto stores = exec(u"SELECT count(*) FROM vector_stores WHERE tenant_id = ? AND deleted_at IS NULL"_s,
                       {a->tenant.id}, u"counting stores"_s);
    if (!stores)
        return stores.error();
    stores.value().next();
    usage.stores = stores.value().value(0).toLongLong();
    auto files =
        exec(u"SELECT coalesce(sum(files_in_progress + files_completed + files_failed + files_cancelled), 0), "
             u"coalesce(sum(files_size_bytes), 0) FROM vector_stores WHERE tenant_id = ? AND deleted_at IS NULL"_s,
             {a->tenant.id}, u"counting files"_s);
    if (!files)
        return files.error();
    files.value().next();
    usage.files = files.value().value(0).toLongLong();
    usage.totalBytes = files.value().value(1).toLongLong();
    auto largest =
        exec(u"SELECT coalesce(max(files_in_progress + files_completed + files_failed + files_cancelled), 0) "
             u"FROM vector_stores WHERE tenant_id = ? AND deleted_at IS NULL"_s,
             {a->tenant.id}, u"counting files"_s);
    if (!largest)
        return largest.error();
    largest.value().next();
    usage.largestStoreFiles = largest.value().value(0).toLongLong();
    return usage;
}

// ---------------------------------------------------------------------------------------------
// Stores

Result<VectorStore> VectorStoreService::storeById(qint64 id)
{
    auto result =
        exec(u"SELECT "_s + kStoreColumns + u" FROM vector_stores WHERE id = ?"_s, {id}, u"reading the store"_s);
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::notFound(u"Store %1 no longer exists."_s.arg(id));
    return storeFromRow(result.value());
}

Result<VectorStore> VectorStoreService::findStore(const Tenant &tenant, const QString &storeRef, Visibility visibility)
{
    const QString ref = storeRef.trimmed();
    bool isId = false;
    const qint64 id = ref.toLongLong(&isId);
    const QString base =
        u"SELECT "_s + kStoreColumns + u" FROM vector_stores WHERE tenant_id = ? AND "_s + visibilityClause(visibility);
    if (isId) {
        auto byId = exec(base + u" AND id = ?"_s, {tenant.id, id}, u"looking up store %1"_s.arg(ref));
        if (!byId)
            return byId.error();
        if (byId.value().next())
            return storeFromRow(byId.value());
    }
    auto byName = exec(base + u" AND lower(name) = lower(?) ORDER BY deleted_at IS NOT NULL, deleted_at DESC"_s,
                       {tenant.id, ref}, u"looking up store '%1'"_s.arg(ref));
    if (!byName)
        return byName.error();
    if (byName.value().next())
        return storeFromRow(byName.value());
    if (visibility == Visibility::Deleted)
        return ServiceError::notFound(u"No deleted store '%1' in tenant %2; the trash lists deleted stores "
                                      u"(vectordesk store list --tenant %2 --deleted)."_s.arg(ref, tenant.slug));
    return ServiceError::notFound(u"No store '%1' in tenant %2. List its stores with: vectordesk store list "
                                  u"--tenant %2"_s.arg(ref, tenant.slug));
}

Result<VectorStore> VectorStoreService::createStore(const QString &tenantRef, const StoreDraft &draftIn)
{
    auto a = access(tenantRef, Role::Admin, u"Creating a store"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    StoreDraft draft = draftIn;
    if (draft.backend.isEmpty())
        draft.backend = t.defaultBackend;
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
    auto limits = limitsFor(t);
    if (!limits)
        return limits.error();

    const QString doing = u"creating store '%1' in tenant %2"_s.arg(draft.name, t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto counts = exec(u"SELECT count(*), coalesce(sum(is_primary), 0) FROM vector_stores WHERE tenant_id = ? AND "
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
    auto clash =
        exec(u"SELECT id FROM vector_stores WHERE tenant_id = ? AND lower(name) = lower(?) AND deleted_at IS NULL"_s,
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
    auto insert = exec(
        u"INSERT INTO vector_stores (tenant_id, name, backend, status, is_primary, metadata, expires_after_anchor, "
        u"expires_after_days, expires_at, last_active_at, created_at, updated_at, chunking_type, chunk_max_tokens, "
        u"chunk_overlap_tokens) "
        u"VALUES (?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {t.id, draft.name, draft.backend, hasPrimary ? 0 : 1, toJsonText(draft.metadata),
         draft.expiresAfterDays ? QVariant(u"last_active_at"_s) : QVariant(QMetaType::fromType<QString>()),
         draft.expiresAfterDays ? QVariant(*draft.expiresAfterDays) : QVariant(QMetaType::fromType<int>()),
         nullableInt(expiresAt), at, at, at, draft.chunking.type, draft.chunking.maxChunkSizeTokens,
         draft.chunking.chunkOverlapTokens},
        doing);
    if (!insert)
        return insert.error();
    auto created =
        exec(u"SELECT id FROM vector_stores WHERE tenant_id = ? AND lower(name) = lower(?) AND deleted_at IS NULL"_s,
             {t.id, draft.name}, doing);
    if (!created)
        return created.error();
    created.value().next();
    const qint64 storeId = created.value().value(0).toLongLong();
    created.value().finish();
    QJsonObject detail{{u"name"_s, draft.name}, {u"backend"_s, draft.backend}, {u"primary"_s, !hasPrimary}};
    if (draft.expiresAfterDays)
        detail.insert(u"expires_after_days"_s, *draft.expiresAfterDays);
    if (draft.chunking.type != u"auto"_s)
        detail.insert(u"chunking_strategy"_s, draft.chunking.toJson());
    if (auto problem = audit(t.id, u"store.create"_s, u"store:%1"_s.arg(storeId), detail))
        return *problem;
    if (VectorStoreBackend *backend = backendFor(draft.backend)) {
        VectorStore newStore;
        newStore.id = storeId;
        newStore.tenantId = t.id;
        newStore.name = draft.name;
        newStore.backend = draft.backend;
        newStore.metadata = draft.metadata;
        newStore.chunking = draft.chunking;
        if (draft.expiresAfterDays)
            newStore.expiresAfter = ExpiryPolicy{u"last_active_at"_s, *draft.expiresAfterDays};
        auto remote = backend->createStore(t, newStore);
        if (!remote)
            return remote.error(); // the transaction rolls back: no store without its backend part
        if (!remote->isEmpty()) {
            auto setRemote =
                exec(u"UPDATE vector_stores SET remote_id = ? WHERE id = ?"_s, {remote.value(), storeId}, doing);
            if (!setRemote)
                return setRemote.error();
        }
    }
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    return storeById(storeId);
}

Result<QList<VectorStore>> VectorStoreService::listStores(const QString &tenantRef, Visibility visibility)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing stores"_s);
    if (!a)
        return a.error();
    auto result = exec(u"SELECT "_s + kStoreColumns + u" FROM vector_stores WHERE tenant_id = ? AND "_s
                           + visibilityClause(visibility) + u" ORDER BY lower(name), id"_s,
                       {a->tenant.id}, u"listing stores"_s);
    if (!result)
        return result.error();
    QList<VectorStore> stores;
    while (result.value().next())
        stores.append(storeFromRow(result.value()));
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
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    QJsonObject detail;
    const QString name = update.name.value_or(s.name);
    if (update.name && name.compare(s.name, Qt::CaseInsensitive) != 0) {
        auto clash = exec(u"SELECT id FROM vector_stores WHERE tenant_id = ? AND lower(name) = lower(?) AND "
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
    auto result = exec(
        u"UPDATE vector_stores SET name = ?, metadata = ?, expires_after_anchor = ?, "
        u"expires_after_days = ?, expires_at = ?, last_active_at = ?, updated_at = ?, chunking_type = ?, "
        u"chunk_max_tokens = ?, chunk_overlap_tokens = ? WHERE id = ?"_s,
        {name, toJsonText(metadata), days ? QVariant(u"last_active_at"_s) : QVariant(QMetaType::fromType<QString>()),
         days ? QVariant(*days) : QVariant(QMetaType::fromType<int>()), nullableInt(expiresAt), nullableInt(lastActive),
         at, chunking.type, chunking.maxChunkSizeTokens, chunking.chunkOverlapTokens, s.id},
        doing);
    if (!result)
        return result.error();
    if (auto problem = audit(t.id, u"store.update"_s, u"store:%1"_s.arg(s.id), detail))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    return storeById(s.id);
}

Result<VectorStore> VectorStoreService::deleteStore(const QString &tenantRef, const QString &storeRef)
{
    auto a = access(tenantRef, Role::Admin, u"Deleting a store"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    const QString doing = u"deleting store '%1' of tenant %2"_s.arg(s->name, a->tenant.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(a->tenant.id))
        return *p;
    const qint64 at = now();
    auto result = exec(u"UPDATE vector_stores SET deleted_at = ?, is_primary = 0, updated_at = ? WHERE id = ? AND "
                       u"deleted_at IS NULL"_s,
                       {at, at, s->id}, doing);
    if (!result)
        return result.error();
    if (auto problem =
            audit(a->tenant.id, u"store.delete"_s, u"store:%1"_s.arg(s->id),
                  {{u"name"_s, s->name}, {u"was_primary"_s, s->isPrimary}, {u"files"_s, s->fileCounts.total()}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    return storeById(s->id);
}

Result<VectorStore> VectorStoreService::restoreStore(const QString &tenantRef, const QString &storeRef)
{
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
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto counts =
        exec(u"SELECT count(*) FROM vector_stores WHERE tenant_id = ? AND deleted_at IS NULL"_s, {t.id}, doing);
    if (!counts)
        return counts.error();
    counts.value().next();
    const qint64 storeCount = counts.value().value(0).toLongLong();
    counts.value().finish();
    if (storeCount >= limits->maxStores)
        return ServiceError::quota(u"Tenant %1 is at its plan limit of %2 stores (plan %3); delete a store or raise "
                                   u"the limit before restoring '%4'."_s.arg(t.slug)
                                       .arg(limits->maxStores)
                                       .arg(t.plan, s->name),
                                   u"max_stores"_s, storeCount, limits->maxStores);
    auto clash =
        exec(u"SELECT id FROM vector_stores WHERE tenant_id = ? AND lower(name) = lower(?) AND deleted_at IS NULL"_s,
             {t.id, s->name}, doing);
    if (!clash)
        return clash.error();
    if (clash.value().next())
        return ServiceError::conflict(
            u"A live store is already named '%1' (id %2); rename it before restoring this one."_s.arg(s->name).arg(
                clash.value().value(0).toLongLong()));
    clash.value().finish();
    auto result =
        exec(u"UPDATE vector_stores SET deleted_at = NULL, updated_at = ? WHERE id = ?"_s, {now(), s->id}, doing);
    if (!result)
        return result.error();
    if (auto problem = audit(t.id, u"store.restore"_s, u"store:%1"_s.arg(s->id), {{u"name"_s, s->name}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    return storeById(s->id);
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
    const QString doing = u"purging store '%1' of tenant %2"_s.arg(s->name, a->tenant.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(a->tenant.id))
        return *p;
    QStringList shas;
    if (auto list = exec(u"SELECT DISTINCT sha256 FROM vector_store_files WHERE store_id = ?"_s, {s->id}, doing)) {
        while (list.value().next())
            shas << list.value().value(0).toString();
    } else {
        return list.error();
    }
    auto files = exec(u"DELETE FROM vector_store_files WHERE store_id = ?"_s, {s->id}, doing);
    if (!files)
        return files.error();
    const int removedFiles = files.value().numRowsAffected();
    auto bindings = exec(u"DELETE FROM agent_vector_stores WHERE store_id = ?"_s, {s->id}, doing);
    if (!bindings)
        return bindings.error();
    auto result = exec(u"DELETE FROM vector_stores WHERE id = ? AND deleted_at IS NOT NULL"_s, {s->id}, doing);
    if (!result)
        return result.error();
    if (auto problem = audit(a->tenant.id, u"store.purge"_s, u"store:%1"_s.arg(s->id),
                             {{u"name"_s, s->name}, {u"files"_s, removedFiles}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    if (VectorStoreBackend *backend = backendFor(s->backend)) {
        if (auto r = backend->purgeStore(a->tenant, s.value()); !r)
            qCWarning(lcService).noquote()
                << "purging the content of store" << s->id << "failed:" << r.error().message();
        // Bytes no other file refers to (in any tenant, live or in the trash) go too.
        for (const QString &sha : std::as_const(shas)) {
            auto refs = exec(u"SELECT count(*) FROM vector_store_files WHERE sha256 = ?"_s, {sha}, doing);
            if (refs && refs.value().next() && refs.value().value(0).toLongLong() == 0)
                if (auto r = backend->discardStaged(a->tenant, StagedFile{sha, 0, true}); !r)
                    qCWarning(lcService).noquote()
                        << "removing unused content" << sha << "failed:" << r.error().message();
        }
    }
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
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(a->tenant.id))
        return *p;
    const qint64 at = now();
    auto clear =
        exec(u"UPDATE vector_stores SET is_primary = 0, updated_at = ? WHERE tenant_id = ? AND is_primary = 1"_s,
             {at, a->tenant.id}, doing);
    if (!clear)
        return clear.error();
    auto set = exec(u"UPDATE vector_stores SET is_primary = 1, updated_at = ? WHERE id = ?"_s, {at, s->id}, doing);
    if (!set)
        return set.error();
    if (auto problem = audit(a->tenant.id, u"store.set_primary"_s, u"store:%1"_s.arg(s->id), {{u"name"_s, s->name}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    return storeById(s->id);
}

Result<VectorStore> VectorStoreService::ensurePrimary(const QString &tenantRef)
{
    auto a = access(tenantRef, Role::Admin, u"Ensuring a primary store"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    const QString doing = u"ensuring a primary store for tenant %1"_s.arg(t.slug);
    qint64 storeId = 0;
    {
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return commitError(doing, transaction.error());
        if (auto p = lockTenant(t.id))
            return *p;
        auto current =
            exec(u"SELECT id FROM vector_stores WHERE tenant_id = ? AND is_primary = 1 AND deleted_at IS NULL"_s,
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
        auto oldest = exec(u"SELECT id FROM vector_stores WHERE tenant_id = ? AND deleted_at IS NULL "
                           u"ORDER BY created_at, id LIMIT 1"_s,
                           {t.id}, doing);
        if (!oldest)
            return oldest.error();
        QString action;
        if (oldest.value().next()) {
            storeId = oldest.value().value(0).toLongLong();
            oldest.value().finish();
            auto promote =
                exec(u"UPDATE vector_stores SET is_primary = 1, updated_at = ? WHERE id = ?"_s, {at, storeId}, doing);
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
            auto insert = exec(
                u"INSERT INTO vector_stores (tenant_id, name, backend, status, is_primary, metadata, "
                u"last_active_at, created_at, updated_at) VALUES (?, 'primary', ?, 'completed', 1, '{}', ?, ?, ?)"_s,
                {t.id, t.defaultBackend, at, at, at}, doing);
            if (!insert)
                return insert.error();
            auto created =
                exec(u"SELECT id FROM vector_stores WHERE tenant_id = ? AND is_primary = 1 AND deleted_at IS NULL"_s,
                     {t.id}, doing);
            if (!created)
                return created.error();
            created.value().next();
            storeId = created.value().value(0).toLongLong();
            created.value().finish();
            action = u"store.create"_s;
        }
        if (auto problem = audit(t.id, action, u"store:%1"_s.arg(storeId), {{u"reason"_s, u"ensure_primary"_s}}))
            return *problem;
        if (!transaction.commit()) {
            // Another process made a primary store at the same moment: use theirs.
            auto retry =
                exec(u"SELECT id FROM vector_stores WHERE tenant_id = ? AND is_primary = 1 AND deleted_at IS NULL"_s,
                     {t.id}, doing);
            if (retry && retry.value().next())
                return storeById(retry.value().value(0).toLongLong());
            return commitError(doing, transaction.error());
        }
    }
    return storeById(storeId);
}

// ---------------------------------------------------------------------------------------------
// Files

Result<StoreFile> VectorStoreService::fileById(qint64 id)
{
    auto result =
        exec(u"SELECT "_s + kFileColumns + u" FROM vector_store_files WHERE id = ?"_s, {id}, u"reading the file"_s);
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::notFound(u"File %1 no longer exists."_s.arg(id));
    return fileFromRow(result.value());
}

Result<StoreFile> VectorStoreService::findFile(const VectorStore &store, const QString &fileRef, Visibility visibility)
{
    bool isId = false;
    const qint64 id = fileRef.trimmed().toLongLong(&isId);
    if (!isId)
        return ServiceError::invalid(
            u"File reference '%1' is not a file id; list ids with: vectordesk file list"_s.arg(fileRef), u"file"_s);
    auto result = exec(u"SELECT "_s + kFileColumns + u" FROM vector_store_files WHERE store_id = ? AND id = ? AND "_s
                           + visibilityClause(visibility),
                       {store.id, id}, u"looking up file %1"_s.arg(id));
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::notFound(visibility == Visibility::Deleted
                                          ? u"No detached file %1 in store '%2'."_s.arg(id).arg(store.name)
                                          : u"No file %1 in store '%2'."_s.arg(id).arg(store.name));
    return fileFromRow(result.value());
}

Result<StoreFile> VectorStoreService::attachFile(const QString &tenantRef, const QString &storeRef,
                                                 const FileDraft &draftIn)
{
    auto a = access(tenantRef, Role::Editor, u"Attaching a file"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    auto s = findStore(t, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    if (s->status == u"expired"_s)
        return ServiceError::conflict(
            u"Store '%1' has expired; files cannot be attached to it. Create a new store."_s.arg(s->name));
    FileDraft draft = draftIn;
    if (draft.filename.trimmed().isEmpty() || draft.filename.size() > 1024)
        return ServiceError::invalid(u"File name must be 1 to 1024 characters."_s, u"filename"_s);
    const QString extension = FileTypes::extensionOf(draft.filename);
    auto limits = limitsFor(t);
    if (!limits)
        return limits.error();
    if (!FileTypes::isKnownExtension(extension))
        return ServiceError::invalid(u"'%1' is not a supported file type%2; file search accepts %3."_s.arg(
                                         draft.filename,
                                         extension.isEmpty() ? u" (it has no extension)"_s : u" (.%1)"_s.arg(extension),
                                         FileTypes::extensions().join(u", "_s)),
                                     u"filename"_s);
    if (!FileTypes::isAllowed(extension, limits->allowedTypes))
        return ServiceError::invalid(u"File type .%1 of '%2' is not allowed for tenant %3 (plan %4 allows %5); ask an "
                                     u"admin to change the plan's allowed types."_s.arg(
                                         extension, draft.filename, t.slug, t.plan, limits->allowedTypes.join(u", "_s)),
                                     u"filename"_s);
    if (draft.mimeType.isEmpty())
        draft.mimeType = FileTypes::mimeTypeFor(extension);
    static const QRegularExpression shaPattern(u"^[0-9a-f]{64}$"_s);
    if (!shaPattern.match(draft.sha256).hasMatch())
        return ServiceError::invalid(u"The sha256 of '%1' must be 64 lower-case hex digits."_s.arg(draft.filename),
                                     u"sha256"_s);
    if (draft.sizeBytes < 0)
        return ServiceError::invalid(u"The size of '%1' cannot be negative."_s.arg(draft.filename), u"size_bytes"_s);
    if (auto p = validateAttributes(draft.attributes))
        return *p;
    // A file without a chunking of its own is split the way its store says.
    auto checked = recordedChunking(draft.chunking.value_or(s->chunking));
    if (!checked)
        return checked.error();
    const ChunkingStrategy chunking = checked.value();
    if (draft.sizeBytes > limits->maxFileBytes)
        return ServiceError::quota(u"'%1' is %2; tenant %3 accepts files of up to %4 (plan %5). Split the file or "
                                   u"raise the limit."_s.arg(draft.filename, formatBytes(draft.sizeBytes), t.slug,
                                                             formatBytes(limits->maxFileBytes), t.plan),
                                   u"max_file_bytes"_s, draft.sizeBytes, limits->maxFileBytes);

    const QString doing = u"attaching '%1' to store '%2'"_s.arg(draft.filename, s->name);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    // Re-read the store inside the lock: it may have been deleted meanwhile.
    auto storeNow =
        exec(u"SELECT files_in_progress + files_completed + files_failed + files_cancelled FROM vector_stores "
             u"WHERE id = ? AND deleted_at IS NULL"_s,
             {s->id}, doing);
    if (!storeNow)
        return storeNow.error();
    if (!storeNow.value().next())
        return ServiceError::notFound(u"Store '%1' was deleted while the file was being attached."_s.arg(s->name));
    const qint64 fileCount = storeNow.value().value(0).toLongLong();
    storeNow.value().finish();
    if (fileCount >= limits->maxFilesPerStore)
        return ServiceError::quota(u"Store '%1' is at its plan limit of %2 files (plan %3); raise the limit or remove "
                                   u"files."_s.arg(s->name)
                                       .arg(limits->maxFilesPerStore)
                                       .arg(t.plan),
                                   u"max_files_per_store"_s, fileCount, limits->maxFilesPerStore);
    auto bytes = tenantBytesInUse(t.id, doing);
    if (!bytes)
        return bytes.error();
    const qint64 usedBytes = bytes.value();
    if (usedBytes + draft.sizeBytes > limits->maxTotalBytes)
        return ServiceError::quota(u"Tenant %1 uses %2 of its %3 storage (plan %4); '%5' (%6) does not fit. Remove "
                                   u"files or raise the limit."_s.arg(t.slug, formatBytes(usedBytes),
                                                                      formatBytes(limits->maxTotalBytes), t.plan,
                                                                      draft.filename, formatBytes(draft.sizeBytes)),
                                   u"max_total_bytes"_s, usedBytes, limits->maxTotalBytes);
    auto duplicate =
        exec(u"SELECT id, filename FROM vector_store_files WHERE store_id = ? AND sha256 = ? AND deleted_at IS NULL"_s,
             {s->id, draft.sha256}, doing);
    if (!duplicate)
        return duplicate.error();
    if (duplicate.value().next())
        return ServiceError::conflict(u"Store '%1' already has this content as '%2' (file %3); the same bytes are "
                                      u"attached once."_s.arg(s->name, duplicate.value().value(1).toString())
                                          .arg(duplicate.value().value(0).toLongLong()));
    duplicate.value().finish();

    const qint64 at = now();
    auto insert = exec(u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, sha256, "
                       u"status, attributes, chunking_type, chunk_max_tokens, chunk_overlap_tokens, source_path, "
                       u"created_at, updated_at, status_changed_at) "
                       u"VALUES (?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                       {s->id, t.id, draft.filename, draft.mimeType, draft.sizeBytes, draft.sha256,
                        toJsonText(draft.attributes), chunking.type, chunking.maxChunkSizeTokens,
                        chunking.chunkOverlapTokens, nullableText(draft.sourcePath), at, at, at},
                       doing);
    if (!insert)
        return insert.error();
    auto created = exec(u"SELECT id FROM vector_store_files WHERE store_id = ? AND sha256 = ? AND deleted_at IS NULL"_s,
                        {s->id, draft.sha256}, doing);
    if (!created)
        return created.error();
    created.value().next();
    const qint64 fileId = created.value().value(0).toLongLong();
    created.value().finish();
    if (auto p = adjustStoreCounters(m_db, s->id, u"in_progress"_s, 1, 0, draft.sizeBytes))
        return *p;
    auto touch = exec(u"UPDATE vector_stores SET last_active_at = ?, updated_at = ?, expires_at = CASE WHEN "
                      u"expires_after_days IS NULL THEN expires_at ELSE CAST(? AS BIGINT) + expires_after_days * "
                      u"CAST(? AS BIGINT) END "
                      u"WHERE id = ?"_s,
                      {at, at, at, kDayMs, s->id}, doing);
    if (!touch)
        return touch.error();
    if (auto problem = audit(t.id, u"file.attach"_s, u"file:%1"_s.arg(fileId),
                             {{u"store"_s, s->id},
                              {u"filename"_s, draft.filename},
                              {u"size_bytes"_s, draft.sizeBytes},
                              {u"sha256"_s, draft.sha256}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    return fileById(fileId);
}

namespace {

QString fileWhere(const FileQuery &query, QVariantList *binds)
{
    QString where = u"store_id = ? AND "_s + visibilityClause(query.visibility);
    if (!query.status.isEmpty()) {
        where += u" AND status = ?"_s;
        binds->append(query.status);
    }
    if (!query.nameContains.isEmpty()) {
        where += u" AND lower(filename) LIKE ? ESCAPE '!'"_s;
        QString pattern = query.nameContains.toLower();
        pattern.replace(u"!"_s, u"!!"_s).replace(u"%"_s, u"!%"_s).replace(u"_"_s, u"!_"_s);
        binds->append(QString(u'%' + pattern + u'%'));
    }
    return where;
}

} // namespace

Result<QList<StoreFile>> VectorStoreService::listFiles(const QString &tenantRef, const QString &storeRef,
                                                       const FileQuery &query)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing files"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, query.visibility == Visibility::Live ? Visibility::Live : Visibility::All);
    if (!s)
        return s.error();
    static const QStringList sortable = {u"filename"_s,   u"size_bytes"_s, u"status"_s, u"updated_at"_s,
                                         u"created_at"_s, u"mime_type"_s,  u"id"_s,     u"usage_bytes"_s};
    if (!sortable.contains(query.sortColumn))
        return ServiceError::invalid(
            u"Cannot sort files by '%1'; use one of %2."_s.arg(query.sortColumn, sortable.join(u", "_s)), u"sort"_s);
    if (!query.status.isEmpty()
        && !QStringList{u"in_progress"_s, u"completed"_s, u"failed"_s, u"cancelled"_s}.contains(query.status))
        return ServiceError::invalid(
            u"Unknown file status '%1'; use in_progress, completed, failed or cancelled."_s.arg(query.status),
            u"status"_s);
    QVariantList binds{s->id};
    const QString where = fileWhere(query, &binds);
    const QString direction = query.descending ? u" DESC"_s : u" ASC"_s;
    binds << qMax(0, query.limit) << qMax<qint64>(0, query.offset);
    // Names sort as people expect, regardless of case (an index on lower(filename) serves it).
    const QString sortExpression = query.sortColumn == u"filename"_s ? u"lower(filename)"_s : query.sortColumn;
    auto result = exec(u"SELECT "_s + kFileColumns + u" FROM vector_store_files WHERE "_s + where + u" ORDER BY "_s
                           + sortExpression + direction + u", id"_s + direction + u" LIMIT ? OFFSET ?"_s,
                       binds, u"listing files"_s);
    if (!result)
        return result.error();
    QList<StoreFile> files;
    while (result.value().next())
        files.append(fileFromRow(result.value()));
    return files;
}

Result<qint64> VectorStoreService::countFiles(const QString &tenantRef, const QString &storeRef, const FileQuery &query)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing files"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, query.visibility == Visibility::Live ? Visibility::Live : Visibility::All);
    if (!s)
        return s.error();
    QVariantList binds{s->id};
    const QString where = fileWhere(query, &binds);
    auto result = exec(u"SELECT count(*) FROM vector_store_files WHERE "_s + where, binds, u"counting files"_s);
    if (!result)
        return result.error();
    result.value().next();
    return result.value().value(0).toLongLong();
}

Result<StoreFile> VectorStoreService::file(const QString &tenantRef, const QString &storeRef, const QString &fileRef,
                                           Visibility visibility)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing a file"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    return findFile(s.value(), fileRef, visibility);
}

Result<StoreFile> VectorStoreService::setFileAttributes(const QString &tenantRef, const QString &storeRef,
                                                        const QString &fileRef, const QJsonObject &attributes)
{
    auto a = access(tenantRef, Role::Editor, u"Changing file attributes"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    auto f = findFile(s.value(), fileRef, Visibility::Live);
    if (!f)
        return f.error();
    if (auto p = validateAttributes(attributes))
        return *p;
    const QString doing = u"changing the attributes of '%1'"_s.arg(f->filename);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(doing, transaction.error());
    auto result =
        exec(u"UPDATE vector_store_files SET attributes = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL"_s,
             {toJsonText(attributes), now(), f->id}, doing);
    if (!result)
        return result.error();
    if (auto problem = audit(a->tenant.id, u"file.set_attributes"_s, u"file:%1"_s.arg(f->id),
                             {{u"from"_s, f->attributes}, {u"to"_s, attributes}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    auto updated = fileById(f->id);
    // Search re-checks attributes against this database, so a failure here only costs speed.
    if (VectorStoreBackend *backend = backendFor(s->backend); backend && updated)
        if (auto r = backend->setFileAttributes(a->tenant, s.value(), updated.value()); !r)
            qCWarning(lcService).noquote()
                << "updating the index attributes of file" << f->id << "failed:" << r.error().message();
    return updated;
}

Result<StoreFile> VectorStoreService::detachFile(const QString &tenantRef, const QString &storeRef,
                                                 const QString &fileRef)
{
    auto a = access(tenantRef, Role::Editor, u"Detaching a file"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    auto f = findFile(s.value(), fileRef, Visibility::Live);
    if (!f)
        return f.error();
    const QString doing = u"detaching '%1' from store '%2'"_s.arg(f->filename, s->name);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(a->tenant.id))
        return *p;
    const qint64 at = now();
    auto result =
        exec(u"UPDATE vector_store_files SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL"_s,
             {at, at, f->id}, doing);
    if (!result)
        return result.error();
    if (auto p = adjustStoreCounters(m_db, s->id, f->status, -1, -f->usageBytes, -f->sizeBytes))
        return *p;
    if (auto problem = audit(a->tenant.id, u"file.detach"_s, u"file:%1"_s.arg(f->id),
                             {{u"store"_s, s->id}, {u"filename"_s, f->filename}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    // Search also checks this database, so the file is gone from results even if this fails.
    if (VectorStoreBackend *backend = backendFor(s->backend))
        if (auto r = backend->setFileVisible(a->tenant, s.value(), f.value(), false); !r)
            qCWarning(lcService).noquote() << "hiding file" << f->id << "in the index failed:" << r.error().message();
    return fileById(f->id);
}

Result<StoreFile> VectorStoreService::restoreFile(const QString &tenantRef, const QString &storeRef,
                                                  const QString &fileRef)
{
    auto a = access(tenantRef, Role::Editor, u"Restoring a file"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    auto s = findStore(t, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    if (s->status == u"expired"_s)
        return ServiceError::conflict(
            u"Store '%1' has expired; its files cannot be restored. Attach them to a live store."_s.arg(s->name));
    auto f = findFile(s.value(), fileRef, Visibility::Deleted);
    if (!f)
        return f.error();
    auto limits = limitsFor(t);
    if (!limits)
        return limits.error();
    const QString doing = u"restoring '%1' to store '%2'"_s.arg(f->filename, s->name);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto count = exec(
        u"SELECT files_in_progress + files_completed + files_failed + files_cancelled FROM vector_stores WHERE id = ?"_s,
        {s->id}, doing);
    if (!count)
        return count.error();
    count.value().next();
    const qint64 fileCount = count.value().value(0).toLongLong();
    count.value().finish();
    if (fileCount >= limits->maxFilesPerStore)
        return ServiceError::quota(u"Store '%1' is at its plan limit of %2 files (plan %3); remove files or raise the "
                                   u"limit before restoring '%4'."_s.arg(s->name)
                                       .arg(limits->maxFilesPerStore)
                                       .arg(t.plan, f->filename),
                                   u"max_files_per_store"_s, fileCount, limits->maxFilesPerStore);
    auto bytes = tenantBytesInUse(t.id, doing);
    if (!bytes)
        return bytes.error();
    const qint64 usedBytes = bytes.value();
    if (usedBytes + f->sizeBytes > limits->maxTotalBytes)
        return ServiceError::quota(
            u"Tenant %1 uses %2 of its %3 storage (plan %4); restoring '%5' (%6) does not fit."_s.arg(
                t.slug, formatBytes(usedBytes), formatBytes(limits->maxTotalBytes), t.plan, f->filename,
                formatBytes(f->sizeBytes)),
            u"max_total_bytes"_s, usedBytes, limits->maxTotalBytes);
    auto duplicate =
        exec(u"SELECT id FROM vector_store_files WHERE store_id = ? AND sha256 = ? AND deleted_at IS NULL"_s,
             {s->id, f->sha256}, doing);
    if (!duplicate)
        return duplicate.error();
    if (duplicate.value().next())
        return ServiceError::conflict(u"Store '%1' already has the same content attached again as file %2; detach "
                                      u"that one first."_s.arg(s->name)
                                          .arg(duplicate.value().value(0).toLongLong()));
    duplicate.value().finish();
    auto result =
        exec(u"UPDATE vector_store_files SET deleted_at = NULL, updated_at = ? WHERE id = ?"_s, {now(), f->id}, doing);
    if (!result)
        return result.error();
    if (auto p = adjustStoreCounters(m_db, s->id, f->status, 1, f->usageBytes, f->sizeBytes))
        return *p;
    if (auto problem = audit(t.id, u"file.restore"_s, u"file:%1"_s.arg(f->id),
                             {{u"store"_s, s->id}, {u"filename"_s, f->filename}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    if (VectorStoreBackend *backend = backendFor(s->backend))
        if (auto r = backend->setFileVisible(t, s.value(), f.value(), true); !r)
            qCWarning(lcService).noquote() << "showing file" << f->id << "in the index failed:" << r.error().message();
    return fileById(f->id);
}

Result<StoreFile> VectorStoreService::attachPath(const QString &tenantRef, const QString &storeRef, const QString &path,
                                                 const QJsonObject &attributes,
                                                 const std::optional<ChunkingStrategy> &chunking)
{
    auto a = access(tenantRef, Role::Editor, u"Attaching a file"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    VectorStoreBackend *backend = backendFor(s->backend);
    if (!backend)
        return ServiceError::unavailable(
            u"The %1 backend of store '%2' is not available here."_s.arg(s->backend, s->name));
    const QFileInfo info(path);
    if (!info.exists())
        return ServiceError::invalid(u"%1 does not exist."_s.arg(path), u"path"_s);
    if (!info.isFile())
        return ServiceError::invalid(u"%1 is not a regular file."_s.arg(path), u"path"_s);
    // Cheap checks first, so a refused file is not copied at all.
    FileDraft draft;
    draft.filename = info.fileName();
    draft.sizeBytes = info.size();
    draft.sha256 = QString(64, u'0');
    draft.attributes = attributes;
    draft.chunking = chunking;
    draft.sourcePath = info.absoluteFilePath();
    if (auto p = validateAttributes(attributes))
        return *p;
    if (chunking)
        if (auto p = validateChunking(*chunking))
            return *p;
    const QString extension = FileTypes::extensionOf(draft.filename);
    if (!FileTypes::isKnownExtension(extension))
        return ServiceError::invalid(u"'%1' is not a supported file type%2; file search accepts %3."_s.arg(
                                         draft.filename,
                                         extension.isEmpty() ? u" (it has no extension)"_s : u" (.%1)"_s.arg(extension),
                                         FileTypes::extensions().join(u", "_s)),
                                     u"filename"_s);
    auto staged = backend->stageFile(a->tenant, path);
    if (!staged)
        return staged.error();
    draft.sha256 = staged->sha256;
    draft.sizeBytes = staged->size;
    auto attached = attachFile(tenantRef, storeRef, draft);
    if (!attached && staged->wasNew) {
        auto refs = exec(u"SELECT count(*) FROM vector_store_files WHERE sha256 = ?"_s, {staged->sha256},
                         u"checking who uses the staged copy"_s);
        if (refs && refs.value().next() && refs.value().value(0).toLongLong() == 0)
            if (auto r = backend->discardStaged(a->tenant, staged.value()); !r)
                qCWarning(lcService).noquote() << "removing the refused copy failed:" << r.error().message();
    }
    return attached;
}

Result<engine::SearchResponse> VectorStoreService::search(const QString &tenantRef, const QStringList &storeRefs,
                                                          const engine::SearchRequest &request)
{
    auto a = access(tenantRef, Role::Viewer, u"Searching"_s);
    if (!a)
        return a.error();
    if (storeRefs.isEmpty())
        return ServiceError::invalid(u"Name at least one store to search."_s, u"store"_s);
    const qint64 at = now();
    QList<VectorStore> stores;
    for (const QString &ref : storeRefs) {
        auto s = findStore(a->tenant, ref, Visibility::Live);
        if (!s)
            return s.error();
        if (s->status == u"expired"_s || (s->expiresAt && *s->expiresAt <= at))
            return ServiceError::conflict(
                u"Store '%1' expired on %2 after %3 days without activity; an expired store cannot be searched. "
                u"Create a new store and attach the files again."_s
                    .arg(s->name, QDateTime::fromMSecsSinceEpoch(s->expiresAt.value_or(at)).toString(Qt::ISODate))
                    .arg(s->expiresAfter ? s->expiresAfter->days : 0));
        if (std::none_of(stores.cbegin(), stores.cend(), [&](const VectorStore &x) { return x.id == s->id; }))
            stores.append(s.value());
    }
    QMap<QString, QList<VectorStore>> byBackend;
    for (const VectorStore &store : std::as_const(stores))
        byBackend[store.backend].append(store);
    engine::SearchResponse merged;
    merged.searchQuery = request.queries;
    for (auto it = byBackend.cbegin(); it != byBackend.cend(); ++it) {
        VectorStoreBackend *backend = backendFor(it.key());
        if (!backend)
            return ServiceError::unavailable(u"The %1 backend is not available here."_s.arg(it.key()));
        auto response = backend->search(a->tenant, it.value(), request);
        if (!response)
            return response.error();
        merged.data += response->data;
        merged.explain = response->explain;
    }
    // This database is the authority: only live, completed files of these stores, with their
    // current attributes, and the filter checked against those.
    if (!merged.data.isEmpty()) {
        QStringList placeholders;
        QVariantList binds;
        for (const engine::SearchHit &hit : std::as_const(merged.data)) {
            placeholders << u"?"_s;
            binds << hit.fileId;
        }
        auto live = exec(u"SELECT id, store_id, filename, attributes FROM vector_store_files WHERE id IN ("_s
                             + placeholders.join(u", "_s)
                             + u") AND tenant_id = ? AND deleted_at IS NULL AND status = 'completed'"_s,
                         binds << a->tenant.id, u"checking search results"_s);
        if (!live)
            return live.error();
        QHash<qint64, std::pair<qint64, std::pair<QString, QJsonObject>>> current;
        while (live.value().next())
            current.insert(live.value().value(0).toLongLong(),
                           {live.value().value(1).toLongLong(),
                            {live.value().value(2).toString(), fromJsonText(live.value().value(3))}});
        QList<engine::SearchHit> kept;
        for (engine::SearchHit hit : std::as_const(merged.data)) {
            const auto it = current.constFind(hit.fileId);
            if (it == current.cend() || it->first != hit.storeId)
                continue;
            hit.filename = it->second.first;
            hit.attributes = it->second.second;
            if (request.filters && !request.filters->matches(hit.attributes))
                continue;
            kept.append(hit);
        }
        std::stable_sort(kept.begin(), kept.end(),
                         [](const engine::SearchHit &x, const engine::SearchHit &y) { return x.score > y.score; });
        if (kept.size() > request.maxNumResults)
            kept.resize(request.maxNumResults);
        merged.data = kept;
    }
    // Searching is activity: it moves the expiry of stores with an expiry policy.
    {
        Transaction transaction(m_db);
        if (transaction.isActive()) {
            bool ok = true;
            for (const VectorStore &store : std::as_const(stores)) {
                ok = ok
                    && exec(
                           u"UPDATE vector_stores SET last_active_at = ?, expires_at = CASE WHEN expires_after_days IS "
                           u"NULL "
                           u"THEN expires_at ELSE CAST(? AS BIGINT) + expires_after_days * CAST(? AS BIGINT) END WHERE id = ?"_s,
                           {at, at, kDayMs, store.id}, u"recording search activity"_s)
                           .ok();
            }
            if (ok)
                transaction.commit();
        }
    }
    return merged;
}

// ---------------------------------------------------------------------------------------------
// Memberships and audit

Result<QList<Membership>> VectorStoreService::listMembers(const QString &tenantRef)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing members"_s);
    if (!a)
        return a.error();
    auto result = exec(u"SELECT o.name, m.tenant_id, m.role, m.created_at FROM memberships m JOIN operators o ON "
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
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    const qint64 at = now();
    auto op = exec(u"SELECT id FROM operators WHERE lower(name) = lower(?)"_s, {name}, doing);
    if (!op)
        return op.error();
    qint64 operatorId = 0;
    if (op.value().next()) {
        operatorId = op.value().value(0).toLongLong();
        op.value().finish();
    } else {
        op.value().finish();
        auto insert =
            exec(u"INSERT INTO operators (name, display_name, is_instance_admin, created_at) VALUES (?, ?, 0, ?)"_s,
                 {name, name, at}, doing);
        if (!insert)
            return insert.error();
        auto created = exec(u"SELECT id FROM operators WHERE lower(name) = lower(?)"_s, {name}, doing);
        if (!created)
            return created.error();
        created.value().next();
        operatorId = created.value().value(0).toLongLong();
        created.value().finish();
    }
    auto existing =
        exec(u"SELECT role FROM memberships WHERE operator_id = ? AND tenant_id = ?"_s, {operatorId, t.id}, doing);
    if (!existing)
        return existing.error();
    const bool exists = existing.value().next();
    const QString previous = exists ? existing.value().value(0).toString() : QString();
    existing.value().finish();
    if (exists && previous == u"owner"_s && role != Role::Owner) {
        auto owners = exec(u"SELECT count(*) FROM memberships WHERE tenant_id = ? AND role = 'owner'"_s, {t.id}, doing);
        if (!owners)
            return owners.error();
        owners.value().next();
        if (owners.value().value(0).toLongLong() <= 1)
            return ServiceError::conflict(
                u"%1 is the last owner of tenant %2; make someone else owner first."_s.arg(name, t.slug));
        owners.value().finish();
    }
    auto write = exists
        ? exec(u"UPDATE memberships SET role = ?, updated_at = ? WHERE operator_id = ? AND tenant_id = ?"_s,
               {roleName(role), at, operatorId, t.id}, doing)
        : exec(u"INSERT INTO memberships (operator_id, tenant_id, role, created_at, updated_at) "
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
        return commitError(doing, transaction.error());
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
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto member = exec(u"SELECT m.operator_id, m.role FROM memberships m JOIN operators o ON o.id = m.operator_id "
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
        auto owners = exec(u"SELECT count(*) FROM memberships WHERE tenant_id = ? AND role = 'owner'"_s, {t.id}, doing);
        if (!owners)
            return owners.error();
        owners.value().next();
        if (owners.value().value(0).toLongLong() <= 1)
            return ServiceError::conflict(
                u"%1 is the last owner of tenant %2; make someone else owner first."_s.arg(name, t.slug));
        owners.value().finish();
    }
    auto remove = exec(u"DELETE FROM memberships WHERE operator_id = ? AND tenant_id = ?"_s, {operatorId, t.id}, doing);
    if (!remove)
        return remove.error();
    if (auto problem = audit(t.id, u"member.remove"_s, u"operator:"_s + name, {{u"role"_s, role}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    return {};
}

Result<QList<AuditEntry>> VectorStoreService::auditLog(const QString &tenantRef, int limit)
{
    auto a = access(tenantRef, Role::Admin, u"Reading the audit log"_s);
    if (!a)
        return a.error();
    auto result = exec(u"SELECT id, at, operator, tenant_id, action, target, request_id, detail FROM audit_log "
                       u"WHERE tenant_id = ? ORDER BY id DESC LIMIT ?"_s,
                       {a->tenant.id, qBound(1, limit, 10000)}, u"reading the audit log"_s);
    if (!result)
        return result.error();
    QList<AuditEntry> entries;
    while (result.value().next()) {
        const QSqlQuery &q = result.value();
        entries.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                        optionalInt(q.value(3)), q.value(4).toString(), q.value(5).toString(), q.value(6).toString(),
                        fromJsonText(q.value(7))});
    }
    return entries;
}

// ---------------------------------------------------------------------------------------------
// Retry and cancel (the sync worker flags stuck files; docs/sync.md)

Result<StoreFile> VectorStoreService::cancelFile(const QString &tenantRef, const QString &storeRef,
                                                 const QString &fileRef)
{
    auto a = access(tenantRef, Role::Editor, u"Cancelling a file"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    auto f = findFile(s.value(), fileRef, Visibility::Live);
    if (!f)
        return f.error();
    if (f->status != u"in_progress"_s)
        return ServiceError::conflict(
            u"File %1 ('%2') is %3; only a file still in progress can be cancelled."_s.arg(f->id).arg(f->filename,
                                                                                                      f->status));
    const QString doing = u"cancelling '%1' in store '%2'"_s.arg(f->filename, s->name);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(a->tenant.id))
        return *p;
    const qint64 at = now();
    // Only while it is still in progress: an ingestion that finished first wins.
    auto result = exec(u"UPDATE vector_store_files SET status = 'cancelled', status_changed_at = ?, updated_at = ?, "
                       u"ingest_claimed_by = NULL, ingest_claimed_at = NULL "
                       u"WHERE id = ? AND status = 'in_progress' AND deleted_at IS NULL"_s,
                       {at, at, f->id}, doing);
    if (!result)
        return result.error();
    if (result.value().numRowsAffected() != 1)
        return ServiceError::conflict(
            u"File %1 ('%2') finished while it was being cancelled; see its status (vectordesk file show)."_s.arg(f->id)
                .arg(f->filename));
    if (auto p = adjustStoreCounters(m_db, s->id, u"in_progress"_s, -1, -f->usageBytes, 0))
        return *p;
    if (auto p = adjustStoreCounters(m_db, s->id, u"cancelled"_s, 1, f->usageBytes, 0))
        return *p;
    if (auto problem =
            audit(a->tenant.id, u"file.cancel"_s, u"file:%1"_s.arg(f->id),
                  {{u"store"_s, s->id}, {u"filename"_s, f->filename}, {u"waited_ms"_s, at - f->statusChangedAt}}))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    return fileById(f->id);
}

Result<StoreFile> VectorStoreService::retryFile(const QString &tenantRef, const QString &storeRef,
                                                const QString &fileRef)
{
    auto a = access(tenantRef, Role::Editor, u"Retrying a file"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    if (s->status == u"expired"_s)
        return ServiceError::conflict(
            u"Store '%1' has expired; its files cannot be ingested again. Attach them to a live store."_s.arg(s->name));
    auto f = findFile(s.value(), fileRef, Visibility::Live);
    if (!f)
        return f.error();
    if (f->status == u"completed"_s)
        return ServiceError::conflict(
            u"File %1 ('%2') is already completed; there is nothing to retry."_s.arg(f->id).arg(f->filename));
    const QString doing = u"retrying '%1' in store '%2'"_s.arg(f->filename, s->name);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return commitError(doing, transaction.error());
    if (auto p = lockTenant(a->tenant.id))
        return *p;
    const qint64 at = now();
    // From the status we read (a concurrent change makes this a conflict, not a double count).
    auto result = exec(u"UPDATE vector_store_files SET status = 'in_progress', last_error_code = NULL, "
                       u"last_error_message = NULL, usage_bytes = 0, status_changed_at = ?, updated_at = ?, "
                       u"ingest_claimed_by = NULL, ingest_claimed_at = NULL "
                       u"WHERE id = ? AND status = ? AND deleted_at IS NULL"_s,
                       {at, at, f->id, f->status}, doing);
    if (!result)
        return result.error();
    if (result.value().numRowsAffected() != 1)
        return ServiceError::conflict(
            u"File %1 ('%2') changed while it was being retried; see its status (vectordesk file show)."_s.arg(f->id)
                .arg(f->filename));
    if (auto p = adjustStoreCounters(m_db, s->id, f->status, -1, -f->usageBytes, 0))
        return *p;
    if (auto p = adjustStoreCounters(m_db, s->id, u"in_progress"_s, 1, 0, 0))
        return *p;
    auto touch = exec(u"UPDATE vector_stores SET last_active_at = ?, expires_at = CASE WHEN expires_after_days IS NULL "
                      u"THEN expires_at ELSE CAST(? AS BIGINT) + expires_after_days * CAST(? AS BIGINT) END "
                      u"WHERE id = ?"_s,
                      {at, at, kDayMs, s->id}, doing);
    if (!touch)
        return touch.error();
    QJsonObject detail{{u"store"_s, s->id}, {u"filename"_s, f->filename}, {u"previous_status"_s, f->status}};
    if (!f->lastErrorCode.isEmpty())
        detail.insert(u"previous_error"_s,
                      QJsonObject{{u"code"_s, f->lastErrorCode}, {u"message"_s, f->lastErrorMessage}});
    if (auto problem = audit(a->tenant.id, u"file.retry"_s, u"file:%1"_s.arg(f->id), detail))
        return *problem;
    if (!transaction.commit())
        return commitError(doing, transaction.error());
    return fileById(f->id);
}

} // namespace vd
