#pragma once

#include "core/domain/serviceerror.h"
#include "core/openai/openaiclient.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace vd {
class Database;
} // namespace vd

namespace vd::openai {

// A tenant's OpenAI connection settings (table tenant_openai_settings, migration 0005). The key
// is not among them: see CredentialStore.
struct TenantOpenAISettings
{
    QUrl baseUrl = ClientConfig::defaultBaseUrl();
    QString organization;
    QString project;
    bool stored = false; // false: the defaults, no row

    QJsonObject toJson() const;
};

struct TenantOpenAIUpdate
{
    std::optional<QString> baseUrl; // empty string: back to the default
    std::optional<QString> organization; // empty string: none
    std::optional<QString> project; // empty string: none
};

// Reads the settings of a tenant (by id; no role check: for backends on worker threads).
Result<TenantOpenAISettings> loadSettings(Database &db, qint64 tenantId);
// A base URL VectorDesk accepts: absolute http(s), no query, fragment or credentials.
Result<QUrl> parseBaseUrl(const QString &text);

} // namespace vd::openai
