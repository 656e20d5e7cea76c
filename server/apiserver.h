#pragma once

#include "core/domain/apitoken.h"
#include "core/storage/databaseurl.h"
#include "server/apierror.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

namespace httplib {
class Server;
struct Request;
class ContentReader;
} // namespace httplib

namespace vd {
class VectorStoreService;
}

namespace vd::server {

// What protects the server from slow, large or many requests (docs/api.md "Limits").
struct ServerLimits
{
    qint64 maxJsonBodyBytes = 1024 * 1024; // a JSON request body
    int maxJsonDepth = 32; // nesting of objects and arrays in a JSON body
    qint64 maxUploadBytes = 512LL * 1024 * 1024; // one file (OpenAI's limit); plans may allow less
    int maxConcurrentRequests = 32; // in flight at once; beyond: 429 with retry-after
    int maxConcurrentUploads = 4; // uploads in flight at once; beyond: 429 with retry-after
    int threads = 40; // worker threads (idle keep-alive connections hold one each for up to 5 s)
    int readTimeoutSeconds = 30; // a client that sends nothing for this long is dropped
    int uploadTimeoutSeconds = 3600; // an upload that takes longer is abandoned
};

struct ServerConfig
{
    DatabaseUrl database;
    QString engineRoot; // the local engine's folder (uploads are spooled in <root>/spool)
    QString host = QStringLiteral("127.0.0.1");
    int port = 8080; // 0: any free port (tests)
    QString tlsCertificate; // both set: HTTPS
    QString tlsKey;
    ServerLimits limits;
    // GET /metrics without a token shows every tenant's series (serve --metrics-open); otherwise
    // it needs a token and shows its tenant's.
    bool metricsOpen = false;
    // Called (from a worker thread) after a request queued files for ingestion.
    std::function<void()> filesQueued;
};

// A request as a handler sees it: the token's principal, a service acting as that token on this
// thread's own connection (one CoreSession per worker thread), the request id, the path's
// captures, the query and (for JSON routes) the parsed body.
struct Call
{
    const httplib::Request &request;
    const httplib::ContentReader *reader = nullptr; // multipart routes only
    QString requestId;
    TokenPrincipal principal;
    VectorStoreService &service;
    QJsonObject body;
    const ServerConfig &config;
    const std::atomic<bool> &stopping;

    // The tenant as the service names it (its id).
    QString tenant() const { return QString::number(principal.tenantId); }
    QString pathArg(int index) const;
    std::optional<QString> query(const char *name) const;
};

// What a handler answers: a JSON body (status 200 by default), raw bytes, or an ApiError.
struct Reply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<std::pair<QByteArray, QByteArray>> headers;
    std::optional<ApiError> error;
    QString filePath; // set: the body is this file, streamed in blocks (never whole in memory)

    static Reply json(const QJsonObject &object, int status = 200);
    static Reply fail(ApiError error) { return Reply{500, {}, {}, {}, std::move(error), {}}; }
    static Reply fail(const ServiceError &error) { return fail(ApiError::fromService(error)); }
    // Notes that this answer differs from what OpenAI's API would give, in the header
    // x-vectordesk-difference (SDKs ignore it), with the anchor of docs/api.md that explains it.
    Reply &differs(const char *what)
    {
        headers.append(
            {QByteArray("x-vectordesk-difference"), QByteArray(what) + "; see docs/api.md#differences-from-openai"});
        return *this;
    }
};

// `vectordesk serve`'s HTTP server over cpp-httplib (docs/architecture.md says why that library):
// its thread pool runs each request on a worker thread that holds its own CoreSession. Every
// route goes through one dispatcher: request id, authentication, the concurrency bounds, the
// body limits, the handler, and errors as OpenAI's bodies.
class ApiServer
{
public:
    enum class Body { None, Json, Upload };
    using Handler = std::function<Reply(Call &)>;

    explicit ApiServer(ServerConfig config);
    ~ApiServer();
    ApiServer(const ApiServer &) = delete;
    ApiServer &operator=(const ApiServer &) = delete;

    // Opens the listening socket (TLS when configured). On failure, *error says why.
    bool bind(QString *error);
    int port() const { return m_port; }
    QString baseUrl() const;
    // Serves until stop(); blocks the calling thread.
    void run();
    // Thread-safe: stops accepting, cancels uploads in flight (their partial files are removed),
    // lets other requests finish; run() returns when the last one has.
    void stop();

    void route(const char *method, const char *pattern, Body body, Handler handler);
    // GET /metrics in Prometheus's text format (docs/observability.md).
    void addMetricsRoute();
    const ServerConfig &config() const { return m_config; }

private:
    Reply dispatch(const httplib::Request &request, const httplib::ContentReader *reader, Body body,
                   const Handler &handler, const QString &requestId);
    Reply metricsReply(const httplib::Request &request);

    ServerConfig m_config;
    std::unique_ptr<httplib::Server> m_http;
    int m_port = 0;
    std::atomic<bool> m_stopping = false;
    std::atomic<int> m_inFlight = 0;
    std::atomic<int> m_uploads = 0;
};

// The routes, by area (server/routes*.cpp).
void addStoreRoutes(ApiServer &server); // /v1/vector_stores
void addFileRoutes(ApiServer &server); // /v1/files
void addStoreFileRoutes(ApiServer &server); // /v1/vector_stores/{id}/files
void addBatchRoutes(ApiServer &server); // /v1/vector_stores/{id}/file_batches
void addAgentRoutes(ApiServer &server); // /v1/agents (VectorDesk's extension, docs/agents.md)

} // namespace vd::server
