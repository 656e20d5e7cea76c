#include "core/domain/serviceerror.h"

using namespace Qt::StringLiterals;

namespace vd {

ServiceError ServiceError::invalid(const QString &message, const QString &field)
{
    QJsonObject details;
    if (!field.isEmpty())
        details.insert(u"field"_s, field);
    return {Kind::InvalidInput, message, details};
}

ServiceError ServiceError::notFound(const QString &message)
{
    return {Kind::NotFound, message};
}

ServiceError ServiceError::conflict(const QString &message)
{
    return {Kind::Conflict, message};
}

ServiceError ServiceError::denied(const QString &message, const QString &requiredRole)
{
    return {Kind::PermissionDenied, message, QJsonObject{{u"required_role"_s, requiredRole}}};
}

ServiceError ServiceError::quota(const QString &message, const QString &limit, qint64 current, qint64 maximum)
{
    return {Kind::QuotaExceeded, message,
            QJsonObject{{u"limit"_s, limit}, {u"current"_s, current}, {u"max"_s, maximum}}};
}

ServiceError ServiceError::unavailable(const QString &message)
{
    return {Kind::Unavailable, message};
}

QString ServiceError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::InvalidInput:
        return u"invalid_input"_s;
    case Kind::NotFound:
        return u"not_found"_s;
    case Kind::Conflict:
        return u"conflict"_s;
    case Kind::PermissionDenied:
        return u"permission_denied"_s;
    case Kind::QuotaExceeded:
        return u"quota_exceeded"_s;
    case Kind::Unavailable:
        return u"unavailable"_s;
    }
    return u"unavailable"_s;
}

QString ServiceError::code() const
{
    return kindName(m_kind);
}

QJsonObject ServiceError::toJson() const
{
    QJsonObject object{{u"code"_s, code()}, {u"message"_s, m_message}};
    if (!m_details.isEmpty())
        object.insert(u"details"_s, m_details);
    return object;
}

} // namespace vd
