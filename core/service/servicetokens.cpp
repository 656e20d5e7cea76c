#include "core/domain/apitoken.h"
#include "core/logging/logging.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/sqlvalues.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

// API tokens: create (the secret shown once), list, revoke; who presents a secret; acting as a
// token. docs/api.md describes them; migrations/0008_api_tokens.sql keeps them.

namespace vd {

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

const QString kTokenColumns = u"id, tenant_id, name, role, prefix, created_by, created_at, expires_at, revoked_at"_s;

ApiToken tokenFromRow(const QSqlQuery &q)
{
    ApiToken token;
    token.id = q.value(0).toLongLong();
    token.tenantId = q.value(1).toLongLong();
    token.name = q.value(2).toString();
    token.role = roleFromName(q.value(3).toString()).value_or(Role::Viewer);
    token.prefix = q.value(4).toString();
    token.createdBy = q.value(5).toString();
    token.createdAt = q.value(6).toLongLong();
    token.expiresAt = sql::optionalInt(q.value(7));
    token.revokedAt = sql::optionalInt(q.value(8));
    return token;
}

} // namespace

Result<NewApiToken> VectorStoreService::createApiToken(const QString &tenantRef, const QString &name, Role role,
                                                       std::optional<int> expiresInDays)
{
    auto a = access(tenantRef, Role::Admin, u"Creating an API token"_s);
    if (!a)
        return a.error();
    if (auto p = apitokens::validateName(name))
        return *p;
    if (role == Role::Owner)
        return ServiceError::invalid(u"An API token's role is viewer, editor or admin; owner is kept for people."_s,
                                     u"role"_s);
    if (expiresInDays && (*expiresInDays < 1 || *expiresInDays > apitokens::kMaxExpiryDays))
        return ServiceError::invalid(
            u"--expires-days must be from 1 to %1 (got %2)."_s.arg(apitokens::kMaxExpiryDays).arg(*expiresInDays),
            u"expires_days"_s);

    const Tenant &t = a->tenant;
    const QString doing = u"creating API token '%1' in tenant %2"_s.arg(name, t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto clash = runQuery(
        m_db, u"SELECT id FROM api_tokens WHERE tenant_id = ? AND lower(name) = lower(?) AND revoked_at IS NULL"_s,
        {t.id, name}, doing);
    if (!clash)
        return clash.error();
    if (clash.value().next())
        return ServiceError::conflict(u"Tenant %1 already has an API token named '%2'; revoke it first (vectordesk "
                                      u"token revoke --tenant %1 %2) or choose another name."_s.arg(t.slug, name));
    clash.value().finish();

    NewApiToken created;
    created.secret = apitokens::generateSecret();
    ApiToken &token = created.token;
    token.tenantId = t.id;
    token.name = name;
    token.role = role;
    token.prefix = apitokens::prefixOf(created.secret);
    token.createdBy = m_operator;
    token.createdAt = now();
    if (expiresInDays)
        token.expiresAt = token.createdAt + *expiresInDays * kDayMs;
    auto insert = runQuery(m_db,
                           u"INSERT INTO api_tokens (tenant_id, name, role, prefix, secret_hash, created_by, "
                           u"created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                           {t.id, name, roleName(role), token.prefix, apitokens::hashSecret(created.secret), m_operator,
                            token.createdAt, sql::nullableInt(token.expiresAt)},
                           doing);
    if (!insert)
        return insert.error();
    token.id = insert.value().lastInsertId().toLongLong();
    if (token.id == 0) {
        auto id = runQuery(m_db,
                           u"SELECT id FROM api_tokens WHERE tenant_id = ? AND lower(name) = lower(?) AND "
                           u"revoked_at IS NULL"_s,
                           {t.id, name}, doing);
        if (!id)
            return id.error();
        if (id.value().next())
            token.id = id.value().value(0).toLongLong();
    }
    if (auto p = audit(t.id, u"token.create"_s, u"token:"_s + name,
                       {{u"role"_s, roleName(role)},
                        {u"prefix"_s, token.prefix},
                        {u"expires_at"_s, token.expiresAt ? QJsonValue(*token.expiresAt) : QJsonValue()}}))
        return *p;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return created;
}

Result<QList<ApiToken>> VectorStoreService::listApiTokens(const QString &tenantRef, bool includeInactive)
{
    auto a = access(tenantRef, Role::Admin, u"Listing API tokens"_s);
    if (!a)
        return a.error();
    QString sql = u"SELECT "_s + kTokenColumns + u" FROM api_tokens WHERE tenant_id = ?"_s;
    QVariantList binds{a->tenant.id};
    if (!includeInactive) {
        sql += u" AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)"_s;
        binds << now();
    }
    sql += u" ORDER BY created_at, id"_s;
    auto result = runQuery(m_db, sql, binds, u"listing the API tokens of tenant %1"_s.arg(a->tenant.slug));
    if (!result)
        return result.error();
    QList<ApiToken> tokens;
    while (result.value().next())
        tokens << tokenFromRow(result.value());
    return tokens;
}

Result<ApiToken> VectorStoreService::revokeApiToken(const QString &tenantRef, const QString &tokenRef)
{
    auto a = access(tenantRef, Role::Admin, u"Revoking an API token"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    const QString ref = tokenRef.trimmed();
    const QString doing = u"revoking API token '%1' of tenant %2"_s.arg(ref, t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    bool isId = false;
    const qint64 id = ref.toLongLong(&isId);
    auto found = isId
        ? runQuery(m_db, u"SELECT "_s + kTokenColumns + u" FROM api_tokens WHERE tenant_id = ? AND id = ?"_s,
                   {t.id, id}, doing)
        : runQuery(m_db,
                   u"SELECT "_s + kTokenColumns
                       + u" FROM api_tokens WHERE tenant_id = ? AND lower(name) = lower(?) AND "
                         u"revoked_at IS NULL"_s,
                   {t.id, ref}, doing);
    if (!found)
        return found.error();
    if (!found.value().next())
        return ServiceError::notFound(u"Tenant %1 has no active API token '%2'; list them with: vectordesk token "
                                      u"list --tenant %1"_s.arg(t.slug, ref));
    ApiToken token = tokenFromRow(found.value());
    found.value().finish();
    if (token.revokedAt)
        return ServiceError::conflict(
            u"API token '%1' of tenant %2 is already revoked; nothing was changed."_s.arg(token.name, t.slug));
    token.revokedAt = std::max(now(), token.createdAt);
    auto update = runQuery(m_db, u"UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"_s,
                           {*token.revokedAt, token.id}, doing);
    if (!update)
        return update.error();
    if (update.value().numRowsAffected() != 1)
        return ServiceError::conflict(
            u"API token '%1' was revoked by someone else meanwhile; nothing was changed."_s.arg(token.name));
    if (auto p = audit(t.id, u"token.revoke"_s, u"token:"_s + token.name, {{u"token_id"_s, token.id}}))
        return *p;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return token;
}

Result<TokenPrincipal> VectorStoreService::authenticateToken(Database &db, const QString &secret, qint64 now)
{
    const auto refused = ServiceError::notFound(u"The API token is not valid: it is unknown, revoked or expired."_s);
    if (!apitokens::looksLikeSecret(secret))
        return refused;
    const QString hash = apitokens::hashSecret(secret);
    auto found = runQuery(db,
                          u"SELECT k.id, k.tenant_id, t.slug, k.name, k.role, k.secret_hash, k.expires_at, "
                          u"k.revoked_at FROM api_tokens k JOIN tenants t ON t.id = k.tenant_id "
                          u"WHERE k.secret_hash = ? AND t.deleted_at IS NULL"_s,
                          {hash}, u"checking an API token"_s);
    if (!found)
        return found.error();
    if (!found.value().next())
        return refused;
    const QSqlQuery &q = found.value();
    // The index found the row by its hash; compare again in constant time so that no code path
    // depends on how many leading characters matched.
    if (!apitokens::constantTimeEquals(q.value(5).toString().toLatin1(), hash.toLatin1()))
        return refused;
    if (!q.value(7).isNull())
        return refused;
    if (!q.value(6).isNull() && q.value(6).toLongLong() <= now)
        return refused;
    TokenPrincipal principal;
    principal.tokenId = q.value(0).toLongLong();
    principal.tenantId = q.value(1).toLongLong();
    principal.tenantSlug = q.value(2).toString();
    principal.name = q.value(3).toString();
    principal.role = roleFromName(q.value(4).toString()).value_or(Role::Viewer);
    return principal;
}

void VectorStoreService::actAsToken(const TokenPrincipal &principal)
{
    m_token = principal;
    m_operator = principal.operatorName();
}

Result<VectorStoreService::Access> VectorStoreService::tokenAccess(const QString &tenantRef, Role needed,
                                                                   const QString &action)
{
    auto tenant = findTenant(tenantRef, Visibility::Live);
    // Another tenant is invisible to a token, exactly like a tenant the operator is no member of.
    if (!tenant || tenant->id != m_token->tenantId)
        return ServiceError::notFound(u"No tenant '%1' for this API token."_s.arg(tenantRef.trimmed()));
    logging::setTenant(tenant->slug);
    m_call.tenant = tenant->slug;
    if (m_token->role < needed)
        return ServiceError::denied(u"%1 needs the %2 role; API token '%3' has the %4 role in tenant %5. Create a "
                                    u"token with a higher role (vectordesk token create)."_s.arg(
                                        action, roleName(needed), m_token->name, roleName(m_token->role), tenant->slug),
                                    roleName(needed));
    Access result{tenant.value(), m_token->role};
    result.tenant.myRole = m_token->role;
    return result;
}

} // namespace vd
