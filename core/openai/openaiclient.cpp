#include "core/openai/openaiclient.h"

#include "core/domain/units.h"
#include "core/logging/logging.h"
#include "core/metrics/metrics.h"
#include "core/openai/clientrequest.h"
#include "core/openai/requestbody.h"
#include "core/openai/retrypolicy.h"
#include "core/tracing/tracing.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace vd::openai {

Q_LOGGING_CATEGORY(lcOpenAI, "vectordesk.core.openai", QtInfoMsg)

// What one attempt saw besides the answer itself.
struct OpenAIClient::Attempt
{
    bool timedOut = false; // totalTimeoutMs passed
    int redirects = 0; // followed so far
    bool redirectLoop = false; // more than maxRedirects
    QUrl refusedRedirect; // a redirect not followed (another origin, or one that would change the method)
    int redirectStatus = 0;
    bool tooLarge = false; // the answer passed maxBodyBytes (declared or as it arrived)
    qint64 declaredBytes = -1; // Content-Length, when given
    QByteArray body; // read as it arrives, never beyond maxBodyBytes
};

namespace {

QString attempts(int n)
{
    return plural(n, u"attempt", u"attempts");
}

bool retryableStatus(int status)
{
    return status == 408 || status == 409 || status == 429 || status >= 500;
}

QString describe(const QByteArray &method, const QString &path)
{
    return QString::fromLatin1(method) + u' ' + path;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port = [](const QUrl &u) {
        return u.port(u.scheme() == u"https"_s ? 443 : 80);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

// A failure of the connection itself (no answer, or an answer cut off), as opposed to an HTTP
// status QtNetwork also reports as an error.
bool transportFailure(QNetworkReply::NetworkError e)
{
    // 1..199: connection and proxy errors; ProtocolFailure: a broken answer (a bad chunk, a short
    // body). The rest are HTTP statuses (400 is ProtocolInvalidOperationError, 5xx are 4xx codes).
    return (int(e) >= 1 && int(e) < 200) || e == QNetworkReply::ProtocolFailure
        || e == QNetworkReply::ContentReSendError;
}

QString size(qint64 bytes)
{
    if (bytes >= 1024 * 1024)
        return u"%1 MiB"_s.arg(QString::number(double(bytes) / (1024.0 * 1024.0), 'g', 4));
    if (bytes >= 1024)
        return u"%1 KiB"_s.arg(QString::number(double(bytes) / 1024.0, 'g', 4));
    return u"%1 bytes"_s.arg(bytes);
}

QString seconds(qint64 ms)
{
    if (ms >= 365LL * 24 * 3600 * 1000)
        return u"more than a year"_s;
    return u"%1 s"_s.arg(QString::number(double(ms) / 1000.0, 'g', 6));
}

} // namespace

// Server text (error messages, quoted bodies) may quote what it received, the Authorization
// header included (gateways do): every such text goes through the log handler's redaction before
// it reaches an error, a record or a screen.
QString OpenAIClient::serverText(const QString &text)
{
    return logging::redactSecrets(text);
}

OpenAIClient::OpenAIClient(ClientConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_network(new QNetworkAccessManager(this))
    , m_pumpTimer(new QTimer(this))
{
    // http_proxy / https_proxy / no_proxy from the environment (docs/openai.md).
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    m_network->setAutoDeleteReplies(false);
    m_pumpTimer->setSingleShot(true);
    connect(m_pumpTimer, &QTimer::timeout, this, &OpenAIClient::pump);
    if (m_config.baseUrl.path().endsWith(u'/'))
        m_config.baseUrl.setPath(m_config.baseUrl.path().chopped(1));
}

OpenAIClient::~OpenAIClient() = default;

void OpenAIClient::request(QByteArray method, const QString &path, const QUrlQuery &query, const QJsonObject *body,
                           bool vectorStore, JsonCallback done, const QString &attachStore, bool createsObject)
{
    auto r = std::make_shared<Request>();
    r->method = std::move(method);
    r->path = path;
    r->query = query;
    if (body) {
        r->hasBody = true;
        r->body = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    r->vectorStore = vectorStore;
    r->attachStore = attachStore;
    r->createsObject = createsObject;
    r->done = std::move(done);
    enqueue(std::move(r));
}

QString OpenAIClient::operationLabel(const QByteArray &method, const QString &path)
{
    // The path without its ids (vs_…, file-…, vsfb_…, which hold a '_' or '-'): a bounded label.
    static const QStringList words{u"vector_stores"_s, u"file_batches"_s};
    QStringList kept;
    for (const QString &segment : path.split(u'/', Qt::SkipEmptyParts)) {
        const bool id = segment.contains(u'-') || (segment.contains(u'_') && !words.contains(segment));
        if (!id)
            kept.append(segment);
    }
    return QString::fromLatin1(method).toLower() + u':' + kept.join(u'.');
}

void OpenAIClient::enqueue(std::shared_ptr<Request> request)
{
    if (!request->since.isValid()) {
        request->since.start();
        // Every request that ends in an error counts once, whichever attempt ended it.
        request->operation = operationLabel(request->method, request->path);
        request->traceParent = tracing::current(); // the caller's context was adopted on this thread
        request->done = [operation = request->operation, done = std::move(request->done)](Result<QJsonObject> r) {
            if (!r)
                metrics::add(metrics::Metric::OpenAIErrors,
                             {operation, QString::number(r.error().details().value(u"http_status"_s).toInt())});
            done(std::move(r));
        };
        if (request->method == "POST")
            request->idempotencyKey = "vectordesk-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        if (request->maxBodyBytes <= 0) {
            if (request->path.endsWith(u"/search"_s))
                request->maxBodyBytes = m_config.maxSearchBytes;
            else if (request->path.endsWith(u"/content"_s))
                request->maxBodyBytes = m_config.maxContentBytes;
            else if (request->method == "GET" && request->query.hasQueryItem(u"limit"_s))
                request->maxBodyBytes = m_config.maxPageBytes;
            else
                request->maxBodyBytes = m_config.maxObjectBytes;
        }
    }
    m_queue.push_back(std::move(request));
    pump();
}

void OpenAIClient::pump()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 wakeIn = -1;
    for (auto it = m_queue.begin(); it != m_queue.end() && m_inFlight < std::max(1, m_config.maxConcurrent);) {
        const std::shared_ptr<Request> r = *it;
        if (!r->attachStore.isEmpty()) {
            auto &times = m_attachTimes[r->attachStore];
            while (!times.empty() && now - times.front() >= m_config.attachWindowMs)
                times.pop_front();
            if (int(times.size()) >= m_config.attachesPerMinute) {
                const qint64 wait = m_config.attachWindowMs - (now - times.front());
                wakeIn = wakeIn < 0 ? wait : std::min(wakeIn, wait);
                ++it; // another store's request, or one that is not an attach, may go first
                continue;
            }
            times.push_back(now);
        }
        it = m_queue.erase(it);
        start(r);
    }
    if (wakeIn >= 0 && !m_pumpTimer->isActive()) {
        qCDebug(lcOpenAI) << "attach rate limit reached; next attach in" << wakeIn << "ms";
        m_pumpTimer->start(int(std::max<qint64>(wakeIn, 1)));
    }
}

void OpenAIClient::start(const std::shared_ptr<Request> &r)
{
    ++m_inFlight;
    ++m_attemptsSent;
    ++r->attempt;
    QUrl url = m_config.baseUrl;
    url.setPath(url.path() + r->path);
    if (!r->query.isEmpty())
        url.setQuery(r->query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_config.apiKey.toUtf8());
    if (!m_config.organization.isEmpty())
        request.setRawHeader("OpenAI-Organization", m_config.organization.toUtf8());
    if (!m_config.project.isEmpty())
        request.setRawHeader("OpenAI-Project", m_config.project.toUtf8());
    if (r->vectorStore)
        request.setRawHeader("OpenAI-Beta", "assistants=v2");
    if (!r->idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", r->idempotencyKey);
    request.setRawHeader("Accept", "application/json");
    for (const auto &[name, value] : m_config.extraHeaders)
        request.setRawHeader(name, value);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("VectorDesk/" VECTORDESK_VERSION));
    // Each attempt is a client span of the caller's span; OpenAI gets it as W3C traceparent (or the
    // caller's own, when this process does not trace).
    auto span =
        std::make_shared<tracing::AsyncSpan>(u"openai "_s + r->operation, tracing::Kind::Client, r->traceParent);
    span->setAttribute(u"http.request.method"_s, QString::fromLatin1(r->method));
    span->setAttribute(u"vectordesk.openai.attempt"_s, r->attempt);
    const tracing::SpanContext propagated = span->context().isValid() ? span->context() : r->traceParent;
    if (propagated.isValid())
        request.setRawHeader("traceparent", tracing::traceparent(propagated));
    request.setTransferTimeout(m_config.connectTimeoutMs);
    // Each redirect is checked (below): the key only ever goes to the base URL's origin.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::UserVerifiedRedirectPolicy);
    request.setMaximumRedirectsAllowed(std::max(0, m_config.maxRedirects) + 1); // ours (below) stops first

    QNetworkReply *reply = nullptr;
    if (r->method == "POST") {
        // Sent once: QtNetwork cannot re-send it by itself on a connection that closed (OneShotBody).
        auto *body = new OneShotBody;
        if (!r->uploadPath.isEmpty()) {
            const QByteArray boundary =
                "vectordesk-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
            QString name = r->uploadName;
            name.replace(u'"', u'\'').remove(u'\r').remove(u'\n');
            const QString mime = QMimeDatabase().mimeTypeForFile(r->uploadName, QMimeDatabase::MatchExtension).name();
            body->appendBytes("--" + boundary
                              + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--"
                              + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                              + name.toUtf8() + "\"\r\nContent-Type: " + mime.toUtf8() + "\r\n\r\n");
            QString error;
            if (!body->appendFile(r->uploadPath, &error)) {
                delete body;
                --m_inFlight;
                // Answered from the event loop, never from inside pump() (the callback may enqueue).
                QTimer::singleShot(0, this, [this, r, error] {
                    r->done(ServiceError::invalid(
                        u"Cannot read %1 to upload it to OpenAI: %2."_s.arg(r->uploadPath, error), u"path"_s));
                    pump();
                });
                return;
            }
            body->appendBytes("\r\n--" + boundary + "--\r\n");
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArray("multipart/form-data; boundary=" + boundary));
        } else {
            body->appendBytes(r->hasBody ? r->body : QByteArray());
            if (r->hasBody)
                request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        }
        body->open(QIODevice::ReadOnly);
        request.setHeader(QNetworkRequest::ContentLengthHeader, body->totalSize());
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        reply = m_network->post(request, body);
        body->setParent(reply);
        if (!r->uploadPath.isEmpty()) {
            const QString path = r->uploadPath;
            connect(reply, &QNetworkReply::uploadProgress, this,
                    [this, path](qint64 sent, qint64 total) { emit uploadProgress(path, sent, total); });
        }
    } else {
        reply = m_network->sendCustomRequest(request, r->method);
    }
    qCDebug(lcOpenAI).noquote() << "->" << describe(r->method, r->path) << "attempt" << r->attempt
                                << (r->query.isEmpty() ? QString() : u"?"_s + r->query.toString());

    auto attempt = std::make_shared<Attempt>();
    const qint64 cap = r->maxBodyBytes;
    reply->setReadBufferSize(std::min<qint64>(cap + 1, 1024 * 1024));
    // A redirect is followed only to the base URL's origin, and only when it sends nothing again
    // and keeps the method (GET; 307/308 for DELETE). Anything else ends the attempt, named.
    connect(reply, &QNetworkReply::redirected, this, [this, r, reply, attempt](const QUrl &target) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool keepsMethod = r->method == "GET" || (r->method != "POST" && (status == 307 || status == 308));
        if (sameOrigin(target, m_config.baseUrl) && keepsMethod) {
            ++attempt->redirects;
            if (++r->redirects > m_config.maxRedirects) { // counted over all attempts of the request
                attempt->redirectLoop = true;
                reply->abort();
                return;
            }
            emit reply->redirectAllowed();
            return;
        }
        attempt->refusedRedirect = target;
        attempt->redirectStatus = status;
        reply->abort();
    });
    // Bodies are read as they arrive and abandoned past the cap: never buffered whole.
    connect(reply, &QNetworkReply::metaDataChanged, this, [reply, attempt, cap] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (!length.isValid() || (status >= 300 && status < 400))
            return;
        attempt->declaredBytes = length.toLongLong();
        if (attempt->declaredBytes > cap && !attempt->tooLarge) {
            attempt->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::readyRead, this, [reply, attempt, cap] {
        if (attempt->tooLarge)
            return;
        attempt->body += reply->readAll();
        if (attempt->body.size() > cap) {
            attempt->tooLarge = true;
            attempt->body = QByteArray();
            reply->abort();
        }
    });
    auto *total = new QTimer(reply);
    total->setSingleShot(true);
    connect(total, &QTimer::timeout, reply, [reply, attempt] {
        attempt->timedOut = true;
        reply->abort();
    });
    total->start(m_config.totalTimeoutMs);
    QElapsedTimer elapsed;
    elapsed.start();
    connect(reply, &QNetworkReply::finished, this, [this, r, reply, attempt, elapsed, span] {
        const int answered = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        span->setAttribute(u"http.response.status_code"_s, answered);
        if (reply->hasRawHeader("x-request-id"))
            span->setAttribute(u"openai.request_id"_s, QString::fromLatin1(reply->rawHeader("x-request-id")));
        span->end(answered >= 200 && answered < 400 ? QString()
                      : answered == 0               ? u"no_answer"_s
                                                    : QString::number(answered));
        metrics::observe(
            metrics::Metric::OpenAIRequestSeconds,
            {r->operation, QString::number(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt())},
            double(elapsed.nsecsElapsed()) / 1e9);
        // Our request id (in the line's context) beside OpenAI's: one line per answer.
        qCInfo(lcOpenAI).noquote() << "<-" << describe(r->method, r->path)
                                   << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
                                   << "x-request-id" << QString::fromLatin1(reply->rawHeader("x-request-id"))
                                   << elapsed.elapsed() << "ms" << reply->error() << "redirects" << attempt->redirects;
        finished(r, reply, *attempt);
    });
}

int OpenAIClient::backoffMs(int attempt) const
{
    const double base = double(m_config.backoffBaseMs) * std::pow(2.0, std::max(0, attempt - 1));
    const double capped = std::min(base, double(m_config.backoffMaxMs));
    const double u = m_jitter ? m_jitter() : QRandomGenerator::global()->generateDouble();
    return int(capped * (0.5 + 0.5 * u)); // "equal jitter": between half and all of the delay
}

bool OpenAIClient::scheduleRetry(const std::shared_ptr<Request> &r, qint64 delayMs, int status)
{
    if (r->waitedMs + delayMs > m_config.maxTotalWaitMs)
        return false;
    metrics::add(metrics::Metric::OpenAIRetries, {r->operation, QString::number(status)});
    r->waitedMs += delayMs;
    qCDebug(lcOpenAI).noquote() << "retrying" << describe(r->method, r->path) << "in" << delayMs << "ms";
    QTimer::singleShot(int(delayMs), this, [this, r] { enqueue(r); });
    return true;
}

QString OpenAIClient::budgetText(const Request &r, qint64 delayMs) const
{
    return u" The next wait (%1) would pass the most VectorDesk waits for one request, %2 in all (%3 so far)."_s.arg(
        seconds(delayMs), seconds(m_config.maxTotalWaitMs), seconds(r.waitedMs));
}

ServiceError OpenAIClient::httpError(const Request &r, int status, const QJsonObject &body, const QByteArray &raw,
                                     const QString &requestId, const QString &extra) const
{
    const QJsonObject error = body.value(u"error"_s).toObject();
    QString message = body.value(u"error"_s).isString() ? body.value(u"error"_s).toString().trimmed()
                                                        : error.value(u"message"_s).toString().trimmed();
    if (message.isEmpty()) // not OpenAI's error shape (a compatible server, a proxy, a mock)
        message = body.isEmpty() ? QString::fromUtf8(raw.left(300)).simplified()
                                 : QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact).left(600));
    message = serverText(message);
    const QString type = serverText(error.value(u"type"_s).toString().left(200));
    const QString code = serverText(error.value(u"code"_s).toVariant().toString().left(200));
    const QString param = serverText(error.value(u"param"_s).toString().left(200));
    QJsonObject details{{u"http_status"_s, status}, {u"operation"_s, describe(r.method, r.path)}};
    if (!type.isEmpty())
        details.insert(u"openai_type"_s, type);
    if (!code.isEmpty())
        details.insert(u"openai_code"_s, code);
    if (!param.isEmpty())
        details.insert(u"param"_s, param);
    if (!requestId.isEmpty())
        details.insert(u"request_id"_s, requestId);
    const QString said = message.isEmpty() ? QString() : u" OpenAI said: \"%1\"."_s.arg(message);
    const QString ref = requestId.isEmpty() ? QString() : u" (request %1)"_s.arg(requestId);
    const QString &tenant = m_config.tenant;
    if (status >= 200 && status < 300) // a gateway answering "OK" with an error inside
        return ServiceError(ServiceError::Kind::Unavailable,
                            u"OpenAI answered %1 for tenant %2 with HTTP %3 but an error instead of a result.%4 Is the "
                            u"tenant's base URL (%5) an OpenAI-compatible API, and does it work? Try again later%6."_s
                                .arg(describe(r.method, r.path), tenant)
                                .arg(status)
                                .arg(said, m_config.baseUrl.toString(QUrl::RemoveUserInfo), ref),
                            details);
    switch (status) {
    case 401:
        return ServiceError(ServiceError::Kind::PermissionDenied,
                            u"The API key for tenant %1 was rejected; set a new one with `vectordesk key set --tenant "
                            u"%1` (or check --openai-key-file / VECTORDESK_OPENAI_API_KEY if you use those).%2 "
                            u"Server: %3%4."_s.arg(tenant, said, m_config.baseUrl.host(), ref),
                            details);
    case 403:
        return ServiceError(ServiceError::Kind::PermissionDenied,
                            u"The API key for tenant %1 may not %2.%3 Check the key's permissions and the tenant's "
                            u"organization and project (`vectordesk tenant openai %1`)%4."_s.arg(
                                tenant, describe(r.method, r.path), said, ref),
                            details);
    case 404:
        return ServiceError(ServiceError::Kind::NotFound,
                            u"OpenAI has no object at %1 for tenant %2; it was probably deleted outside "
                            u"VectorDesk.%3%4"_s.arg(describe(r.method, r.path), tenant, said, ref),
                            details);
    case 400:
    case 413:
    case 415:
    case 422:
        return ServiceError(
            ServiceError::Kind::InvalidInput,
            u"OpenAI refused %1 for tenant %2 (HTTP %3%4).%5%6"_s.arg(describe(r.method, r.path), tenant)
                .arg(status)
                .arg(param.isEmpty() ? QString() : u", field %1"_s.arg(param), said, ref),
            details);
    case 429:
        if (code == u"insufficient_quota"_s || type == u"insufficient_quota"_s)
            return ServiceError(ServiceError::Kind::QuotaExceeded,
                                u"The OpenAI account of tenant %1 has run out of quota (insufficient_quota).%2 Check "
                                u"its plan and billing, then try again%3."_s.arg(tenant, said, ref),
                                details);
        return ServiceError(ServiceError::Kind::Unavailable,
                            u"OpenAI kept rate-limiting tenant %1 (HTTP 429 on %2 after %3).%4%5 Try again "
                            u"later%6."_s.arg(tenant, describe(r.method, r.path))
                                .arg(attempts(r.attempt))
                                .arg(said, extra, ref),
                            details);
    default:
        break;
    }
    return ServiceError(ServiceError::Kind::Unavailable,
                        u"OpenAI failed %1 for tenant %2 (HTTP %3 after %4).%5%6 Try again later%7."_s
                            .arg(describe(r.method, r.path), tenant)
                            .arg(status)
                            .arg(attempts(r.attempt))
                            .arg(said, extra, ref),
                        details);
}

void OpenAIClient::finished(const std::shared_ptr<Request> &r, QNetworkReply *reply, Attempt &attempt)
{
    reply->deleteLater();
    --m_inFlight;
    QTimer::singleShot(0, this, &OpenAIClient::pump);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString requestId = QString::fromLatin1(reply->rawHeader("x-request-id"));
    if (!attempt.tooLarge && reply->isOpen()) {
        attempt.body += reply->readAll();
        attempt.tooLarge = attempt.body.size() > r->maxBodyBytes;
    }
    const QNetworkReply::NetworkError netError = reply->error();
    const QString operation = describe(r->method, r->path);
    const QString where = m_config.baseUrl.toString(QUrl::RemoveUserInfo);
    const QString &tenant = m_config.tenant;
    QJsonObject details{{u"operation"_s, operation}};
    if (status != 0)
        details.insert(u"http_status"_s, status);
    if (!requestId.isEmpty())
        details.insert(u"request_id"_s, requestId);
    const auto fail = [&](const QString &message) {
        r->done(ServiceError(ServiceError::Kind::Unavailable, message, details));
    };

    if (attempt.redirectLoop || netError == QNetworkReply::TooManyRedirectsError) {
        fail(u"The server at %1 kept redirecting %2 for tenant %3 (more than %4 redirects: a redirect loop); "
             u"VectorDesk gave up. Check the tenant's base URL (`vectordesk tenant openai %3`)."_s
                 .arg(where, operation, tenant)
                 .arg(m_config.maxRedirects));
        return;
    }
    if (!attempt.refusedRedirect.isValid() && status >= 300 && status < 400 && reply->hasRawHeader("Location")
        && !attempt.redirectLoop) {
        // QtNetwork gave up on a redirect by itself (a POST it cannot send again): refused all the same.
        attempt.refusedRedirect = reply->url().resolved(QUrl::fromEncoded(reply->rawHeader("Location")));
        attempt.redirectStatus = status;
    }
    if (attempt.refusedRedirect.isValid()) { // never retried: the server will say the same again
        const QString target = attempt.refusedRedirect.toString(QUrl::RemoveUserInfo);
        details.insert(u"redirect_to"_s, target);
        if (!sameOrigin(attempt.refusedRedirect, m_config.baseUrl))
            fail(
                u"The server at %1 redirected %2 for tenant %3 (HTTP %4) to %5, another origin; VectorDesk does not "
                u"follow it, so that the tenant's API key is never sent there. If the API lives there now, make that "
                u"the tenant's base URL (`vectordesk tenant openai %3 --base-url URL`)."_s.arg(where, operation, tenant)
                    .arg(attempt.redirectStatus)
                    .arg(target));
        else
            fail(
                u"The server at %1 redirected %2 for tenant %3 (HTTP %4) to %5; VectorDesk follows no redirect of a "
                u"request that changes something (it would be sent again, or turned into a GET). Make the target "
                u"the tenant's base URL (`vectordesk tenant openai %3 --base-url URL`)."_s.arg(where, operation, tenant)
                    .arg(attempt.redirectStatus)
                    .arg(target));
        return;
    }
    if (attempt.tooLarge) {
        details.insert(u"max_bytes"_s, r->maxBodyBytes);
        fail(u"The answer to %1 for tenant %2 is larger than %3 (%4), the most VectorDesk reads for this kind of "
             u"request; it was refused as it arrived. Is the tenant's base URL (%5) an OpenAI-compatible API?"_s.arg(
                 operation, tenant, size(r->maxBodyBytes),
                 attempt.declaredBytes > r->maxBodyBytes ? u"Content-Length %1"_s.arg(attempt.declaredBytes)
                                                         : u"the server kept sending"_s,
                 where));
        return;
    }
    if (netError == QNetworkReply::SslHandshakeFailedError) { // a certificate does not heal by waiting
        details.insert(u"network_error"_s, int(netError));
        fail(u"The TLS connection to %1 for tenant %2 failed: %3. VectorDesk does not retry this; check the server's "
             u"certificate (its name, dates and issuer, or the system's CA certificates) and the tenant's base URL "
             u"(`vectordesk tenant openai %2`)."_s.arg(where, tenant, reply->errorString()));
        return;
    }

    const int maxAttempts = std::max(1, m_config.maxAttempts);
    // A final 1xx is no answer either (QtNetwork 6.4 ends some redirect chains that way).
    if (attempt.timedOut || status < 200 || transportFailure(netError)) {
        // No answer, or an answer cut off. A create may have happened all the same (ambiguous):
        // the caller looks for it instead of sending it again.
        const bool nothingSent =
            netError == QNetworkReply::ConnectionRefusedError || netError == QNetworkReply::HostNotFoundError;
        const bool ambiguous = r->createsObject && !nothingSent;
        QString extra;
        if (r->attempt < maxAttempts && !ambiguous) {
            const int delay = backoffMs(r->attempt);
            if (scheduleRetry(r, delay, status))
                return;
            extra = budgetText(*r, delay);
        }
        details.insert(u"network_error"_s, int(netError));
        if (ambiguous)
            details.insert(u"maybe_created"_s, true);
        const bool timeout = attempt.timedOut || netError == QNetworkReply::TimeoutError
            || netError == QNetworkReply::OperationCanceledError;
        if (timeout)
            fail(
                u"OpenAI (%1) did not answer %2 for tenant %3 in time (%4; limits: %5 s without data, "
                u"%6 s per attempt).%7 Try again later, or check the network and proxy."_s.arg(where, operation, tenant)
                    .arg(attempts(r->attempt))
                    .arg(m_config.connectTimeoutMs / 1000.0)
                    .arg(m_config.totalTimeoutMs / 1000.0)
                    .arg(extra));
        else if (status >= 200)
            fail(u"The connection to OpenAI (%1) broke off in the answer to %2 for tenant %3 (HTTP %4, %5 received; "
                 u"%6): %7.%8 Try again later, or check the network and proxy."_s.arg(where, operation, tenant)
                     .arg(status)
                     .arg(size(attempt.body.size()))
                     .arg(attempts(r->attempt))
                     .arg(reply->errorString(), extra));
        else
            fail(u"Cannot reach OpenAI at %1 for tenant %2 (%3): %4.%5 Check the network, the proxy "
                 u"(https_proxy) and the tenant's base URL (`vectordesk tenant openai %2`)."_s.arg(where, tenant)
                     .arg(attempts(r->attempt))
                     .arg(reply->errorString(), extra));
        return;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(attempt.body, &parseError);
    const QJsonObject body = document.object();
    if (status >= 200 && status < 300) {
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            fail(u"OpenAI answered %1 for tenant %2 with something that is not a JSON object (%3 at byte %4; %5 bytes"
                 u"%6). Is the tenant's base URL (%7) an OpenAI-compatible API?"_s
                     .arg(operation, tenant,
                          parseError.error != QJsonParseError::NoError ? parseError.errorString() : u"not an object"_s)
                     .arg(parseError.offset)
                     .arg(attempt.body.size())
                     .arg(requestId.isEmpty() ? QString() : u", request "_s + requestId, where));
            return;
        }
        if (body.contains(u"error"_s) && !body.value(u"error"_s).isNull()) {
            r->done(httpError(*r, status, body, attempt.body, requestId));
            return;
        }
        r->done(body);
        return;
    }

    const bool ambiguous = r->createsObject && status >= 500;
    const QList<QPair<QByteArray, QByteArray>> headers = reply->rawHeaderPairs();
    const bool insufficientQuota =
        body.value(u"error"_s).toObject().value(u"code"_s).toString() == u"insufficient_quota"_s;
    QString extra;
    if (serverShouldRetry(headers).value_or(retryableStatus(status)) && !insufficientQuota) {
        const ServerWait wait = serverWait(headers, status, QDateTime::currentDateTimeUtc());
        if (wait.present() && wait.ms > m_config.maxRetryAfterMs) {
            extra = u" OpenAI asked to wait %1 (%2) before retrying, longer than VectorDesk waits (%3)."_s.arg(
                seconds(wait.ms), QString::fromLatin1(wait.header), seconds(m_config.maxRetryAfterMs));
        } else if (r->attempt < maxAttempts && !ambiguous) {
            const qint64 delay = wait.present() ? wait.ms : backoffMs(r->attempt);
            if (scheduleRetry(r, delay, status))
                return;
            extra = budgetText(*r, delay);
        }
    }
    ServiceError error = httpError(*r, status, body, attempt.body, requestId, extra);
    if (ambiguous) {
        QJsonObject withCreated = error.details();
        withCreated.insert(u"maybe_created"_s, true);
        error = ServiceError(error.kind(), error.message(), withCreated);
    }
    r->done(error);
}

} // namespace vd::openai
