#pragma once

#include "core/domain/serviceerror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

// The one table from failures to HTTP: a ServiceError kind (or a refusal of the server itself)
// becomes a status and OpenAI's error body {"error": {"message", "type", "param", "code"}}
// (openapi.yaml ErrorResponse). docs/api.md lists the table.
namespace vd::server {

struct ApiError
{
    int status = 500;
    QString message;
    QString type = QStringLiteral("invalid_request_error");
    QString param; // empty: null
    QString code; // empty: null
    // Extra response headers (retry-after, x-should-retry).
    QList<std::pair<QByteArray, QByteArray>> headers;

    QJsonObject toJson() const;

    // A service refusal, by kind: InvalidInput 400, NotFound 404, Conflict 400 (code "conflict"),
    // PermissionDenied 403, QuotaExceeded 429 (type and code "insufficient_quota", no retry-after,
    // x-should-retry: false), Unavailable 503.
    static ApiError fromService(const ServiceError &error);
    // 400: a field of the request is wrong (`param` names it, as OpenAI does).
    static ApiError invalid(const QString &message, const QString &param = {});
    // 404 with OpenAI's wording for an id nobody here can see.
    static ApiError notFound(const QString &message);
    // 401: no token, or one that is unknown, revoked or expired.
    static ApiError unauthenticated(const QString &message);
    // 413: the body is larger than `limit` bytes.
    static ApiError tooLarge(const QString &what, qint64 limit);
    // 429 with retry-after: the server is at its bound of concurrent requests or uploads.
    static ApiError busy(const QString &message, int retryAfterSeconds);
    // 404 for a path or method the API does not have ("Invalid URL (GET /v1/x)", as OpenAI says).
    static ApiError unknownRoute(const QString &method, const QString &path);
    // 500: a bug; the message names the request id, never internals.
    static ApiError internal(const QString &requestId);
    // 503: the server is shutting down.
    static ApiError shuttingDown();
};

} // namespace vd::server
