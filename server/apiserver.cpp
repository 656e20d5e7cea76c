#include "server/apiserver.h"

#include "core/logging/logging.h"
#include "core/metrics/metrics.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/tracing/tracing.h"
#include "server/jsonlimits.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QRegularExpression>

#include <httplib.h>

using namespace Qt::StringLiterals;

namespace vd::server {

Q_LOGGING_CATEGORY(lcServer, "vectordesk.server", QtInfoMsg)

namespace {

// The worker thread's own connection, backends and service, opened on its first request and
// closed when the thread ends (a database connection belongs to one thread).
thread_local std::unique_ptr<CoreSession> t_session;

Result<CoreSession *> threadSession(const ServerConfig &config)
{
    if (!t_session) {
        CoreSession::Options options;
        options.engineRoot = config.engineRoot;
        auto opened = CoreSession::open(config.database, options);
        if (!opened)
            return opened.error();
        t_session = std::move(opened).value();
    }
    return t_session.get();
}

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// A slot in a bounded pool of concurrent work, released when it goes out of scope.
class Slot
{
public:
    Slot(std::atomic<int> &counter, int limit)
        : m_counter(counter)
        , m_taken(counter.fetch_add(1) < limit)
    { }
    ~Slot() { m_counter.fetch_sub(1); }
    Slot(const Slot &) = delete;
    Slot &operator=(const Slot &) = delete;
    bool taken() const { return m_taken; }

private:
    std::atomic<int> &m_counter;
    bool m_taken;
};

void write(httplib::Response &res, const Reply &reply, const QString &requestId)
{
    // The pre-routing hook has set it already for every request that reached a route.
    if (!res.has_header("x-request-id"))
        res.set_header("x-request-id", requestId.toStdString());
    if (reply.error) {
        res.status = reply.error->status;
        for (const auto &[name, value] : reply.error->headers)
            res.set_header(name.toStdString(), value.toStdString());
        res.set_content(QJsonDocument(reply.error->toJson()).toJson(QJsonDocument::Compact).toStdString(),
                        "application/json");
        return;
    }
    res.status = reply.status;
    for (const auto &[name, value] : reply.headers)
        res.set_header(name.toStdString(), value.toStdString());
    if (!reply.filePath.isEmpty()) {
        auto file = std::make_shared<QFile>(reply.filePath);
        if (!file->open(QIODevice::ReadOnly)) {
            write(res,
                  Reply::fail(ApiError::fromService(
                      ServiceError::unavailable(u"The stored file could not be read: %1"_s.arg(file->errorString())))),
                  requestId);
            return;
        }
        res.set_content_provider(std::size_t(file->size()), reply.contentType.toStdString(),
                                 [file](std::size_t offset, std::size_t length, httplib::DataSink &sink) {
                                     QByteArray block(qsizetype(std::min<std::size_t>(length, 1024 * 1024)),
                                                      Qt::Uninitialized);
                                     if (!file->seek(qint64(offset)))
                                         return false;
                                     const qint64 read = file->read(block.data(), block.size());
                                     if (read <= 0)
                                         return false;
                                     return sink.write(block.constData(), std::size_t(read));
                                 });
        return;
    }
    res.set_content(reply.body.toStdString(), reply.contentType.toStdString());
}

// The caller's x-request-id when it is a sane token (so that one id follows a request from the
// application into these logs and audit rows), else a new one.
QString requestIdFor(const httplib::Request &req)
{
    static const QRegularExpression sane(u"^[A-Za-z0-9._:-]{1,128}$"_s);
    const QString incoming = fromStd(req.get_header_value("x-request-id"));
    return sane.match(incoming).hasMatch() ? incoming : logging::newRequestId();
}

// The metrics' label of a route: its method and pattern with "{id}" for each capture,
// "post:/v1/vector_stores/{id}/search".
QString routeLabel(const QByteArray &method, const char *pattern)
{
    return QString::fromLatin1(method).toLower() + u':' + QString::fromLatin1(pattern).replace(u"([^/]+)"_s, u"{id}"_s);
}

// Answers one request of a route: its request id and trace (continuing the caller's W3C
// traceparent) around `answer`, a server span, and the route's metrics.
void observed(const QString &route, const httplib::Request &req, httplib::Response &res,
              const std::function<void(const QString &requestId)> &answer)
{
    QElapsedTimer took;
    took.start();
    const QString requestId = fromStd(res.get_header_value("x-request-id"));
    logging::ContextScope context(requestId);
    tracing::adoptParent(tracing::parseTraceparent(QByteArray::fromStdString(req.get_header_value("traceparent")))
                             .value_or(tracing::SpanContext{}));
    {
        tracing::Span span(route, tracing::Kind::Server);
        answer(requestId);
        span.setAttribute(u"http.response.status_code"_s, res.status);
        if (res.status >= 400)
            span.setError(QString::number(res.status));
    }
    metrics::add(metrics::Metric::ApiRequests, {route, QString::number(res.status)});
    metrics::observe(metrics::Metric::ApiRequestSeconds, {route}, double(took.nsecsElapsed()) / 1e9);
}

} // namespace

QString Call::pathArg(int index) const
{
    if (index + 1 >= int(request.matches.size()))
        return {};
    return fromStd(request.matches[std::size_t(index) + 1].str());
}

std::optional<QString> Call::query(const char *name) const
{
    if (!request.has_param(name))
        return std::nullopt;
    return fromStd(request.get_param_value(name));
}

Reply Reply::json(const QJsonObject &object, int status)
{
    Reply reply;
    reply.status = status;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

ApiServer::ApiServer(ServerConfig config)
    : m_config(std::move(config))
{
    if (!m_config.tlsCertificate.isEmpty())
        m_http = std::make_unique<httplib::SSLServer>(m_config.tlsCertificate.toLocal8Bit().constData(),
                                                      m_config.tlsKey.toLocal8Bit().constData());
    else
        m_http = std::make_unique<httplib::Server>();

    const ServerLimits &limits = m_config.limits;
    const int threads = std::max(limits.threads, limits.maxConcurrentRequests + 2);
    m_http->new_task_queue = [threads] {
        return new httplib::ThreadPool(std::size_t(threads));
    };
    m_http->set_read_timeout(limits.readTimeoutSeconds, 0);
    m_http->set_write_timeout(limits.readTimeoutSeconds, 0);
    m_http->set_keep_alive_timeout(5);
    m_http->set_keep_alive_max_count(1000);
    // An answer goes out as headers then body: without TCP_NODELAY the body waits for the
    // client's delayed ACK of the headers (40 ms on Linux) on every kept-alive request.
    m_http->set_tcp_nodelay(true);
    // The largest body any route takes: one upload and its multipart framing. JSON routes bound
    // their own bodies far lower while reading them.
    m_http->set_payload_max_length(std::size_t(limits.maxUploadBytes + 1024 * 1024));

    m_http->set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
        const QString requestId = requestIdFor(req);
        res.set_header("x-request-id", requestId.toStdString());
        // Only POST routes take a body, and only the upload takes a large one: refuse the rest
        // before a byte of it is read.
        const bool upload = req.method == "POST" && req.path == "/v1/files";
        const qint64 limit = upload ? m_config.limits.maxUploadBytes + 1024 * 1024 : m_config.limits.maxJsonBodyBytes;
        const qint64 length = req.has_header("Content-Length")
            ? QByteArray::fromStdString(req.get_header_value("Content-Length")).toLongLong()
            : 0;
        if (length > limit) {
            write(res, Reply::fail(ApiError::tooLarge(u"The request body"_s, limit)), requestId);
            res.set_header("Connection", "close");
            return httplib::Server::HandlerResponse::Handled;
        }
        if (req.method != "POST" && req.has_header("Transfer-Encoding")) {
            write(res,
                  Reply::fail(ApiError::invalid(u"%1 requests take no body; send none."_s.arg(fromStd(req.method)))),
                  requestId);
            res.set_header("Connection", "close");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    m_http->set_error_handler([](const httplib::Request &req, httplib::Response &res) {
        if (!res.body.empty())
            return;
        const QString requestId = fromStd(res.get_header_value("x-request-id"));
        ApiError error;
        if (res.status == 404 || res.status == 405) {
            error = ApiError::unknownRoute(fromStd(req.method), fromStd(req.path));
            metrics::add(metrics::Metric::ApiRequests, {u"unmatched"_s, QString::number(res.status)});
        } else if (res.status == 413)
            error = ApiError::invalid(u"The request body is too large."_s);
        else {
            error = ApiError::invalid(u"The request could not be read (HTTP %1)."_s.arg(res.status));
            error.status = res.status;
        }
        write(res, Reply::fail(error), requestId);
    });
    m_http->set_exception_handler([](const httplib::Request &, httplib::Response &res, std::exception_ptr) {
        const QString requestId = fromStd(res.get_header_value("x-request-id"));
        qCCritical(lcServer).noquote() << "request" << requestId << "failed with an exception";
        write(res, Reply::fail(ApiError::internal(requestId)), requestId);
    });
    m_http->set_logger([](const httplib::Request &req, const httplib::Response &res) {
        qCInfo(lcServer).noquote() << fromStd(req.method) << fromStd(req.path) << res.status
                                   << fromStd(res.get_header_value("x-request-id"));
    });
}

ApiServer::~ApiServer()
{
    stop();
}

bool ApiServer::bind(QString *error)
{
    if (!m_http->is_valid()) {
        *error = u"The TLS certificate %1 or key %2 could not be loaded; check that both exist, are readable and "
                 u"belong together (PEM)."_s.arg(m_config.tlsCertificate, m_config.tlsKey);
        return false;
    }
    const std::string host = m_config.host.toStdString();
    if (m_config.port == 0) {
        m_port = m_http->bind_to_any_port(host);
        if (m_port <= 0) {
            *error = u"Cannot listen on %1: no free port could be bound."_s.arg(m_config.host);
            return false;
        }
    } else {
        if (!m_http->bind_to_port(host, m_config.port)) {
            *error = u"Cannot listen on %1:%2: the address is in use or not available on this machine (%3)."_s
                         .arg(m_config.host)
                         .arg(m_config.port)
                         .arg(QString::fromLocal8Bit(strerror(errno)));
            return false;
        }
        m_port = m_config.port;
    }
    return true;
}

QString ApiServer::baseUrl() const
{
    const QString host = m_config.host.contains(u':') ? u"[%1]"_s.arg(m_config.host) : m_config.host;
    return u"%1://%2:%3/v1"_s.arg(m_config.tlsCertificate.isEmpty() ? u"http"_s : u"https"_s, host).arg(m_port);
}

void ApiServer::run()
{
    m_http->listen_after_bind();
}

void ApiServer::stop()
{
    m_stopping = true;
    if (m_http)
        m_http->stop();
}

void ApiServer::route(const char *method, const char *pattern, Body body, Handler handler)
{
    const std::string path = pattern;
    const QByteArray verb(method);
    const QString label = routeLabel(verb, pattern);
    auto plain = [this, body, handler, label](const httplib::Request &req, httplib::Response &res) {
        observed(label, req, res, [&](const QString &requestId) {
            write(res, dispatch(req, nullptr, body, handler, requestId), requestId);
        });
    };
    if (verb == "GET") {
        m_http->Get(path, plain);
    } else if (verb == "DELETE") {
        m_http->Delete(path, plain);
    } else {
        // Every POST reads its own body, so that no body is taken into memory unbounded.
        m_http->Post(path,
                     [this, body, handler, label](const httplib::Request &req, httplib::Response &res,
                                                  const httplib::ContentReader &reader) {
                         observed(label, req, res, [&](const QString &requestId) {
                             write(res, dispatch(req, &reader, body, handler, requestId), requestId);
                         });
                     });
    }
}

void ApiServer::addMetricsRoute()
{
    m_http->Get("/metrics", [this](const httplib::Request &req, httplib::Response &res) {
        const QString requestId = fromStd(res.get_header_value("x-request-id"));
        write(res, metricsReply(req), requestId);
    });
}

Reply ApiServer::metricsReply(const httplib::Request &req)
{
    logging::ContextScope context(fromStd(req.get_header_value("x-request-id")));
    auto session = threadSession(m_config);
    if (!session)
        return Reply::fail(session.error());
    // With a token: that token's tenant only. Without one: everything, when the server was started
    // with --metrics-open (a Prometheus on a trusted network); otherwise refused.
    QString tenant;
    const QString authorization = fromStd(req.get_header_value("Authorization"));
    if (!authorization.isEmpty()) {
        if (!authorization.startsWith(u"Bearer "_s, Qt::CaseInsensitive))
            return Reply::fail(ApiError::unauthenticated(
                u"The Authorization header must be 'Bearer YOUR_KEY'; no other scheme is accepted."_s));
        auto principal = VectorStoreService::authenticateToken(
            session.value()->database(), authorization.mid(7).trimmed(), QDateTime::currentMSecsSinceEpoch());
        if (!principal)
            return Reply::fail(ApiError::unauthenticated(
                u"Incorrect API key provided. The token is unknown, revoked or expired; an admin of the tenant can "
                u"list and create tokens with: vectordesk token list|create"_s));
        tenant = principal->tenantSlug;
    } else if (!m_config.metricsOpen) {
        return Reply::fail(ApiError::unauthenticated(
            u"GET /metrics needs a token (Authorization: Bearer YOUR_KEY; it shows that token's tenant), or a "
            u"server started with --metrics-open to show every tenant without one (docs/observability.md)."_s));
    }
    // One scrape at a time: the state gauges are replaced as a whole while it reads them.
    static QMutex scrape;
    QMutexLocker lock(&scrape);
    if (auto refreshed =
            VectorStoreService::refreshStateMetrics(session.value()->database(), QDateTime::currentMSecsSinceEpoch());
        !refreshed)
        return Reply::fail(refreshed.error());
    Reply reply;
    reply.body = metrics::prometheusText(tenant);
    reply.contentType = "text/plain; version=0.0.4; charset=utf-8";
    return reply;
}

Reply ApiServer::dispatch(const httplib::Request &req, const httplib::ContentReader *reader, Body body,
                          const Handler &handler, const QString &requestId)
{
    logging::ContextScope context(requestId);
    if (m_stopping)
        return Reply::fail(ApiError::shuttingDown());
    Slot request(m_inFlight, m_config.limits.maxConcurrentRequests);
    if (!request.taken())
        return Reply::fail(ApiError::busy(
            u"This server is handling %1 requests at once, its limit; retry after the time in retry-after."_s.arg(
                m_config.limits.maxConcurrentRequests),
            1));

    // Authentication: "Authorization: Bearer <token>", as OpenAI's SDKs send the key.
    const std::string header = req.get_header_value("Authorization");
    if (header.empty())
        return Reply::fail(ApiError::unauthenticated(
            u"You didn't provide an API key. You need to provide your API key in an Authorization header using "
            u"Bearer auth (i.e. Authorization: Bearer YOUR_KEY). Create one with: vectordesk token create"_s));
    const QString authorization = fromStd(header);
    if (!authorization.startsWith(u"Bearer "_s, Qt::CaseInsensitive))
        return Reply::fail(ApiError::unauthenticated(
            u"The Authorization header must be 'Bearer YOUR_KEY'; no other scheme is accepted."_s));
    auto session = threadSession(m_config);
    if (!session)
        return Reply::fail(session.error());
    VectorStoreService &service = session.value()->service();
    auto principal = VectorStoreService::authenticateToken(session.value()->database(), authorization.mid(7).trimmed(),
                                                           QDateTime::currentMSecsSinceEpoch());
    if (!principal) {
        if (principal.error().kind() == ServiceError::Kind::NotFound)
            return Reply::fail(ApiError::unauthenticated(
                u"Incorrect API key provided. The token is unknown, revoked or expired; an admin of the tenant can "
                u"list and create tokens with: vectordesk token list|create"_s));
        return Reply::fail(principal.error());
    }
    logging::setTenant(principal->tenantSlug);

    std::optional<Slot> upload;
    if (body == Body::Upload) {
        upload.emplace(m_uploads, m_config.limits.maxConcurrentUploads);
        if (!upload->taken())
            return Reply::fail(ApiError::busy(
                u"This server is receiving %1 uploads at once, its limit; retry after the time in retry-after."_s.arg(
                    m_config.limits.maxConcurrentUploads),
                2));
    }

    QJsonObject json;
    if (body == Body::Json && reader) {
        QByteArray text;
        bool tooLarge = false;
        const qint64 limit = m_config.limits.maxJsonBodyBytes;
        (*reader)([&](const char *data, size_t length) {
            if (text.size() + qint64(length) > limit) {
                tooLarge = true;
                return false;
            }
            text.append(data, qsizetype(length));
            return true;
        });
        if (tooLarge)
            return Reply::fail(ApiError::tooLarge(u"The JSON body"_s, limit));
        if (!text.trimmed().isEmpty()) {
            auto parsed = parseJsonObject(text, m_config.limits.maxJsonDepth);
            if (!parsed)
                return Reply::fail(parsed.error());
            json = parsed.value();
        }
    }

    service.actAsToken(principal.value());
    service.setRequestId(requestId);
    Call call{req,       body == Body::Upload ? reader : nullptr, requestId, principal.value(), service, json, m_config,
              m_stopping};
    return handler(call);
}

} // namespace vd::server
