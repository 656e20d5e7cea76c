#include "core/domain/apitoken.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace vd {

namespace {
constexpr auto kSecretPrefix = "vdk_";
constexpr int kSecretBytes = 32;
constexpr int kEncodedLength = 43; // base64url of 32 bytes, without padding
constexpr int kShownCharacters = 10; // "vdk_" and six characters

QJsonValue optionalTime(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}
} // namespace

QString ApiToken::state(qint64 now) const
{
    if (revokedAt)
        return u"revoked"_s;
    if (expiresAt && *expiresAt <= now)
        return u"expired"_s;
    return u"active"_s;
}

QJsonObject ApiToken::toJson(qint64 now) const
{
    return {{u"id"_s, id},
            {u"object"_s, u"api_token"_s},
            {u"tenant_id"_s, tenantId},
            {u"name"_s, name},
            {u"role"_s, roleName(role)},
            {u"prefix"_s, prefix},
            {u"state"_s, state(now)},
            {u"created_by"_s, createdBy},
            {u"created_at"_s, createdAt},
            {u"expires_at"_s, optionalTime(expiresAt)},
            {u"revoked_at"_s, optionalTime(revokedAt)}};
}

QString TokenPrincipal::operatorName() const
{
    return u"token:"_s + name;
}

namespace apitokens {

QString generateSecret()
{
    QByteArray bytes(kSecretBytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()),
                                         reinterpret_cast<quint32 *>(bytes.data() + bytes.size()));
    return QString::fromLatin1(kSecretPrefix)
        + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool looksLikeSecret(const QString &text)
{
    const QString prefix = QString::fromLatin1(kSecretPrefix);
    if (!text.startsWith(prefix) || text.size() != prefix.size() + kEncodedLength)
        return false;
    for (qsizetype i = prefix.size(); i < text.size(); ++i) {
        const QChar c = text.at(i);
        const bool ok =
            (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
        if (!ok)
            return false;
    }
    return true;
}

QString hashSecret(const QString &secret)
{
    return QString::fromLatin1(QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString prefixOf(const QString &secret)
{
    return secret.left(kShownCharacters);
}

std::optional<ServiceError> validateName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64)
        return ServiceError::invalid(
            u"Token name '%1' must be 1 to 64 characters long (letters, digits, '-', '_', '.')."_s.arg(name),
            u"name"_s);
    bool allDigits = true;
    for (const QChar c : name) {
        const bool digit = c >= u'0' && c <= u'9';
        const bool ok =
            digit || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'-' || c == u'_' || c == u'.';
        if (!ok)
            return ServiceError::invalid(
                u"Token name '%1' may only contain letters, digits, '-', '_' and '.'; choose another name."_s.arg(name),
                u"name"_s);
        allDigits = allDigits && digit;
    }
    if (allDigits)
        return ServiceError::invalid(
            u"Token name '%1' is all digits; it would be mistaken for a token id. Add a letter."_s.arg(name),
            u"name"_s);
    return std::nullopt;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace apitokens

} // namespace vd
