#include "core/openai/openaisettings.h"

#include "core/storage/database.h"
#include "core/storage/query.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace vd::openai {

namespace {

constexpr auto &run = runQuery; // one statement, values bound (storage/query.h)

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

} // namespace vd::openai
