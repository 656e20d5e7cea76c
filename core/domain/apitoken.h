#pragma once

#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// API tokens of `vectordesk serve` (docs/api.md): one tenant, one role, a secret shown once.
namespace vd {

// A token as listed: never its secret, only the prefix that identifies it.
struct ApiToken
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString name;
    Role role = Role::Viewer;
    QString prefix; // "vdk_AbCdEf": the secret's first characters
    QString createdBy;
    qint64 createdAt = 0;
    std::optional<qint64> expiresAt;
    std::optional<qint64> revokedAt;

    // "active", "expired" or "revoked" at `now` (unix milliseconds).
    QString state(qint64 now) const;
    QJsonObject toJson(qint64 now) const;
};

// A token just created: the row and the secret, which is shown once and never stored.
struct NewApiToken
{
    ApiToken token;
    QString secret;
};

// Who a request acts as when it presents a valid token: what the service's access rules use
// instead of an operator's membership (VectorStoreService::actAsToken).
struct TokenPrincipal
{
    qint64 tokenId = 0;
    qint64 tenantId = 0;
    QString tenantSlug;
    QString name;
    Role role = Role::Viewer;

    // The operator name audit rows carry: "token:NAME".
    QString operatorName() const;
};

namespace apitokens {

// A token expires after 1 to this many days, or never.
inline constexpr int kMaxExpiryDays = 3650;

// "vdk_" followed by 43 base64url characters: 256 bits from the system's CSPRNG
// (QRandomGenerator::system()).
QString generateSecret();
// Whether `text` has the shape of a secret (prefix, length, alphabet); says nothing of validity.
bool looksLikeSecret(const QString &text);
// Lower-case hex SHA-256 of the secret's UTF-8 bytes: what the database keeps.
QString hashSecret(const QString &secret);
// The part of a secret shown in lists.
QString prefixOf(const QString &secret);
// A token name: 1 to 64 of letters, digits, '-', '_' and '.', not all digits (it would be read as
// an id by `token revoke`).
std::optional<ServiceError> validateName(const QString &name);
// Compares two byte strings in time that depends only on their lengths.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace apitokens

} // namespace vd
