#include "server/apierror.h"

using namespace Qt::StringLiterals;

namespace vd::server {

namespace {
QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}
} // namespace

QJsonObject ApiError::toJson() const
{
    return {{u"error"_s,
             QJsonObject{
                 {u"message"_s, message}, {u"type"_s, type}, {u"param"_s, orNull(param)}, {u"code"_s, orNull(code)}}}};
}

ApiError ApiError::fromService(const ServiceError &error)
{
    ApiError api;
    api.message = error.message();
    switch (error.kind()) {
    case ServiceError::Kind::InvalidInput:
        api.status = 400;
        api.param = error.details().value(u"field"_s).toString();
        // An attach refusal's stable reason (empty_file, unsupported_file, ...) is its code.
        api.code = error.details().value(u"reason"_s).toString();
        break;
    case ServiceError::Kind::NotFound:
        api.status = 404;
        break;
    case ServiceError::Kind::Conflict:
        // OpenAI answers a request that clashes with the current state (cancelling what is no
        // longer in progress, ...) with 400 invalid_request_error; its spec has no 409 anywhere,
        // and 409 would make the SDKs retry a request that cannot succeed. The code is ours.
        api.status = 400;
        api.code = u"conflict"_s;
        break;
    case ServiceError::Kind::PermissionDenied:
        api.status = 403;
        api.type = u"permission_error"_s;
        api.code = u"insufficient_permissions"_s;
        break;
    case ServiceError::Kind::QuotaExceeded:
        // A plan limit: OpenAI's answer to a quota it will not exceed is 429 with type and code
        // insufficient_quota ("You exceeded your current quota, please check your plan"), a 429
        // that "requires user action", so without retry-after (openapi.yaml TooManyRequests).
        // x-should-retry: false keeps the official SDKs from retrying what cannot succeed.
        api.status = 429;
        api.type = u"insufficient_quota"_s;
        api.code = u"insufficient_quota"_s;
        api.headers.append(std::pair<QByteArray, QByteArray>("x-should-retry", "false"));
        break;
    case ServiceError::Kind::Unavailable:
        api.status = 503;
        api.type = u"server_error"_s;
        break;
    }
    return api;
}

ApiError ApiError::invalid(const QString &message, const QString &param)
{
    ApiError api;
    api.status = 400;
    api.message = message;
    api.param = param;
    return api;
}

ApiError ApiError::notFound(const QString &message)
{
    ApiError api;
    api.status = 404;
    api.message = message;
    return api;
}

ApiError ApiError::unauthenticated(const QString &message)
{
    ApiError api;
    api.status = 401;
    api.message = message;
    api.code = u"invalid_api_key"_s;
    return api;
}

ApiError ApiError::tooLarge(const QString &what, qint64 limit)
{
    ApiError api;
    api.status = 413;
    api.message = u"%1 is larger than this server accepts (at most %2 bytes)."_s.arg(what).arg(limit);
    api.code = u"request_too_large"_s;
    api.headers.append(std::pair<QByteArray, QByteArray>("x-should-retry", "false"));
    return api;
}

ApiError ApiError::busy(const QString &message, int retryAfterSeconds)
{
    ApiError api;
    api.status = 429;
    api.message = message;
    api.type = u"requests"_s;
    api.code = u"rate_limit_exceeded"_s;
    api.headers.append(std::pair<QByteArray, QByteArray>("retry-after", QByteArray::number(retryAfterSeconds)));
    return api;
}

ApiError ApiError::unknownRoute(const QString &method, const QString &path)
{
    ApiError api;
    api.status = 404;
    api.message = u"Invalid URL (%1 %2)"_s.arg(method, path);
    return api;
}

ApiError ApiError::internal(const QString &requestId)
{
    ApiError api;
    api.status = 500;
    api.type = u"server_error"_s;
    api.message = u"The server had an error while processing your request (request id %1); the server log has "
                  u"the details."_s.arg(requestId);
    return api;
}

ApiError ApiError::shuttingDown()
{
    ApiError api;
    api.status = 503;
    api.type = u"server_error"_s;
    api.message = u"The server is shutting down; retry against another instance or after it restarts."_s;
    api.headers.append(std::pair<QByteArray, QByteArray>("retry-after", "5"));
    return api;
}

} // namespace vd::server
