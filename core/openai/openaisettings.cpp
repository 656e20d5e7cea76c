#include "openaisettings.h"

#include "service/vectorstoreservice.h"
#include "storage/database.h"
#include "storage/query.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace vd::openai {

namespace {

constexpr auto &run = runQuery; // one statement, values bound (storage/query.h)

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

QJsonObject TenantOpenAISettings::toJson() const
{
    return QJsonObject{{u"base_url"_s, baseUrl.toString()},
                       {u"organization"_s, organization.isEmpty() ? QJsonValue(QJsonValue::Null) : organization},
                       {u"project"_s, project.isEmpty() ? QJsonValue(QJsonValue::Null) : project}};
}

Result<QUrl> parseBaseUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s)
        || url.host().isEmpty())
        return ServiceError::invalid(u"'%1' is not a usable base URL; give an absolute http(s) URL such as "
                                     u"https://api.openai.com/v1."_s.arg(text),
                                     u"base_url"_s);
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return ServiceError::invalid(u"The base URL must not carry a query, a fragment or credentials (the API key "
                                     u"goes in the keychain: `vectordesk key set`)."_s,
                                     u"base_url"_s);
    return url;
}

Result<TenantOpenAISettings> loadSettings(Database &db, qint64 tenantId)
{
    auto q = run(db, u"SELECT base_url, organization, project FROM tenant_openai_settings WHERE tenant_id = ?"_s,
                 {tenantId}, u"reading the tenant's OpenAI settings"_s);
    if (!q)
        return q.error();
    TenantOpenAISettings settings;
    if (q.value().next()) {
        settings.baseUrl = QUrl(q.value().value(0).toString());
        settings.organization = q.value().value(1).toString();
        settings.project = q.value().value(2).toString();
        settings.stored = true;
    }
    return settings;
}

Result<TenantOpenAISettings> tenantSettings(Database &db, VectorStoreService &service, const QString &tenantRef)
{
    auto t = service.tenant(tenantRef);
    if (!t)
        return t.error();
    return loadSettings(db, t->id);
}

Result<TenantOpenAISettings> updateSettings(Database &db, VectorStoreService &service, const QString &tenantRef,
                                            const TenantOpenAIUpdate &update)
{
    auto t = service.tenant(tenantRef);
    if (!t)
        return t.error();
    auto role = service.roleIn(tenantRef);
    if (!role)
        return role.error();
    if (int(role.value()) < int(Role::Admin))
        return ServiceError::denied(
            u"Changing the OpenAI settings of tenant %1 needs the admin role; you are %2."_s.arg(
                t->slug, roleName(role.value())),
            u"admin"_s);
    auto current = loadSettings(db, t->id);
    if (!current)
        return current.error();
    TenantOpenAISettings next = current.value();
    if (update.baseUrl) {
        if (update.baseUrl->isEmpty()) {
            next.baseUrl = ClientConfig::defaultBaseUrl();
        } else {
            auto url = parseBaseUrl(*update.baseUrl);
            if (!url)
                return url.error();
            next.baseUrl = url.value();
        }
    }
    for (auto [value, target, name] : {std::tuple{&update.organization, &next.organization, u"organization"_s},
                                       std::tuple{&update.project, &next.project, u"project"_s}}) {
        if (!*value)
            continue;
        const QString v = (*value)->trimmed();
        if (v.size() > 200 || v.contains(u'\n'))
            return ServiceError::invalid(u"The %1 id is not valid (at most 200 characters on one line)."_s.arg(name),
                                         name);
        *target = v;
    }
    const QString doing = u"saving the OpenAI settings of tenant %1"_s.arg(t->slug);
    Transaction transaction(db);
    if (!transaction.isActive())
        return ServiceError::unavailable(u"Cannot start a transaction while %1: %2"_s.arg(doing, transaction.error()));
    const qint64 at = QDateTime::currentMSecsSinceEpoch();
    if (auto r = run(db, u"DELETE FROM tenant_openai_settings WHERE tenant_id = ?"_s, {t->id}, doing); !r)
        return r.error();
    if (auto r = run(db,
                     u"INSERT INTO tenant_openai_settings (tenant_id, base_url, organization, project, updated_at) "
                     u"VALUES (?, ?, ?, ?, ?)"_s,
                     {t->id, next.baseUrl.toString(), nullableText(next.organization), nullableText(next.project), at},
                     doing);
        !r)
        return r.error();
    if (auto r =
            run(db,
                u"INSERT INTO audit_log (at, operator, tenant_id, action, target, request_id, detail) "
                u"VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                {at, service.operatorName(), t->id, u"tenant.openai"_s, u"tenant:%1"_s.arg(t->id), service.requestId(),
                 QString::fromUtf8(QJsonDocument(next.toJson()).toJson(QJsonDocument::Compact))},
                doing);
        !r)
        return r.error();
    if (!transaction.commit())
        return ServiceError::unavailable(u"Cannot commit while %1: %2"_s.arg(doing, transaction.error()));
    next.stored = true;
    return next;
}

} // namespace vd::openai
