#include "core/openai/openaiclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace vd::openai {

Q_LOGGING_CATEGORY(lcOpenAI, "vectordesk.core.openai", QtInfoMsg)

struct OpenAIClient::Request
{
    QByteArray method;
    QString path; // below the base URL, e.g. "/vector_stores"
    QUrlQuery query;
    QByteArray body; // JSON, when hasBody
    bool hasBody = false;
    QString uploadPath; // multipart file upload, when set
    QString uploadName;
    bool vectorStore = false; // adds OpenAI-Beta: assistants=v2
    QString attachStore; // counts against the store's attach rate limit
    // A POST that creates an object: an attempt without an answer, or answered 5xx, may still have
    // created it, so it is not retried here; the error says maybe_created and the caller looks
    // for the object before trying again (no duplicates).
    bool createsObject = false;
    JsonCallback done;
    int attempt = 0; // attempts made so far
    QElapsedTimer since; // first attempt
};

namespace {

// Retry-After / retry-after-ms in milliseconds, or -1 when absent or unreadable.
qint64 retryAfterMs(QNetworkReply *reply)
{
    const QByteArray ms = reply->rawHeader("retry-after-ms");
    bool ok = false;
    if (!ms.isEmpty()) {
        const double value = ms.trimmed().toDouble(&ok);
        if (ok && value >= 0)
            return qint64(value);
    }
    const QByteArray after = reply->rawHeader("Retry-After").trimmed();
    if (after.isEmpty())
        return -1;
    const double seconds = after.toDouble(&ok);
    if (ok && seconds >= 0)
        return qint64(seconds * 1000);
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(after), Qt::RFC2822Date);
    if (at.isValid())
        return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(at));
    return -1;
}

bool retryableStatus(int status)
{
    return status == 408 || status == 409 || status == 429 || status >= 500;
}

QString describe(const QByteArray &method, const QString &path)
{
    return QString::fromLatin1(method) + u' ' + path;
}

} // namespace

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

QUrlQuery OpenAIClient::listQuery(const ListQuery &q)
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, QString::number(std::clamp(q.limit, 1, 100)));
    if (!q.order.isEmpty())
        query.addQueryItem(u"order"_s, q.order);
    if (!q.after.isEmpty())
        query.addQueryItem(u"after"_s, q.after);
    if (!q.before.isEmpty())
        query.addQueryItem(u"before"_s, q.before);
    if (!q.filter.isEmpty())
        query.addQueryItem(u"filter"_s, q.filter);
    return query;
}

QJsonObject OpenAIClient::chunkingJson(const ChunkingStrategy &chunking)
{
    if (chunking.type == u"static"_s)
        return QJsonObject{{u"type"_s, u"static"_s},
                           {u"static"_s,
                            QJsonObject{{u"max_chunk_size_tokens"_s, chunking.maxChunkSizeTokens},
                                        {u"chunk_overlap_tokens"_s, chunking.chunkOverlapTokens}}}};
    return QJsonObject{{u"type"_s, u"auto"_s}};
}

void OpenAIClient::request(QByteArray method, const QString &path, const QUrlQuery &query, const QJsonObject *body,
                           bool vectorStore, JsonCallback done, const QString &attachStore)
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
    r->done = std::move(done);
    enqueue(std::move(r));
}

void OpenAIClient::enqueue(std::shared_ptr<Request> request)
{
    if (!request->since.isValid())
        request->since.start();
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
    request.setRawHeader("Accept", "application/json");
    for (const auto &[name, value] : m_config.extraHeaders)
        request.setRawHeader(name, value);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("VectorDesk/" VECTORDESK_VERSION));
    request.setTransferTimeout(m_config.connectTimeoutMs);

    QNetworkReply *reply = nullptr;
    if (!r->uploadPath.isEmpty()) {
        auto *file = new QFile(r->uploadPath);
        if (!file->open(QIODevice::ReadOnly)) {
            const QString error = file->errorString();
            delete file;
            --m_inFlight;
            // Answered from the event loop, never from inside pump() (the callback may enqueue).
            QTimer::singleShot(0, this, [this, r, error] {
                r->done(ServiceError::invalid(u"Cannot read %1 to upload it to OpenAI: %2."_s.arg(r->uploadPath, error),
                                              u"path"_s));
                pump();
            });
            return;
        }
        auto *multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart purpose;
        purpose.setHeader(QNetworkRequest::ContentDispositionHeader, u"form-data; name=\"purpose\""_s);
        purpose.setBody("assistants");
        multipart->append(purpose);
        QHttpPart filePart;
        QString name = r->uploadName;
        name.replace(u'"', u'\'');
        filePart.setHeader(QNetworkRequest::ContentDispositionHeader,
                           u"form-data; name=\"file\"; filename=\"%1\""_s.arg(name));
        filePart.setHeader(QNetworkRequest::ContentTypeHeader,
                           QMimeDatabase().mimeTypeForFile(r->uploadName, QMimeDatabase::MatchExtension).name());
        filePart.setBodyDevice(file);
        file->setParent(multipart);
        multipart->append(filePart);
        reply = m_network->post(request, multipart);
        multipart->setParent(reply);
        const QString path = r->uploadPath;
        connect(reply, &QNetworkReply::uploadProgress, this,
                [this, path](qint64 sent, qint64 total) { emit uploadProgress(path, sent, total); });
    } else {
        if (r->hasBody)
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        reply = m_network->sendCustomRequest(request, r->method, r->hasBody ? r->body : QByteArray());
    }
    qCDebug(lcOpenAI).noquote() << "->" << describe(r->method, r->path) << "attempt" << r->attempt
                                << (r->query.isEmpty() ? QString() : u"?"_s + r->query.toString());

    auto *total = new QTimer(reply);
    total->setSingleShot(true);
    auto timedOut = std::make_shared<bool>(false);
    connect(total, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    total->start(m_config.totalTimeoutMs);
    QElapsedTimer elapsed;
    elapsed.start();
    connect(reply, &QNetworkReply::finished, this, [this, r, reply, timedOut, elapsed] {
        qCDebug(lcOpenAI).noquote() << "<-" << describe(r->method, r->path)
                                    << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()
                                    << "x-request-id" << QString::fromLatin1(reply->rawHeader("x-request-id"))
                                    << elapsed.elapsed() << "ms";
        finished(r, reply, *timedOut);
    });
}

int OpenAIClient::backoffMs(int attempt) const
{
    const double base = double(m_config.backoffBaseMs) * std::pow(2.0, std::max(0, attempt - 1));
    const double capped = std::min(base, double(m_config.backoffMaxMs));
    const double u = m_jitter ? m_jitter() : QRandomGenerator::global()->generateDouble();
    return int(capped * (0.5 + 0.5 * u)); // "equal jitter": between half and all of the delay
}

void OpenAIClient::retryLater(const std::shared_ptr<Request> &r, int delayMs)
{
    qCDebug(lcOpenAI).noquote() << "retrying" << describe(r->method, r->path) << "in" << delayMs << "ms";
    QTimer::singleShot(delayMs, this, [this, r] { enqueue(r); });
}

ServiceError OpenAIClient::httpError(const Request &r, int status, const QJsonObject &body, const QByteArray &raw,
                                     const QString &requestId, const QString &extra) const
{
    const QJsonObject error = body.value(u"error"_s).toObject();
    QString message = error.value(u"message"_s).toString().trimmed();
    if (message.isEmpty()) // not OpenAI's error shape (a compatible server, a proxy, a mock)
        message = body.isEmpty() ? QString::fromUtf8(raw.left(300)).simplified()
                                 : QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact).left(600));
    const QString type = error.value(u"type"_s).toString();
    const QString code = error.value(u"code"_s).toVariant().toString();
    const QString param = error.value(u"param"_s).toString();
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
                            u"OpenAI kept rate-limiting tenant %1 (HTTP 429 on %2 after %3 attempt(s)).%4%5 Try again "
                            u"later%6."_s.arg(tenant, describe(r.method, r.path))
                                .arg(r.attempt)
                                .arg(said, extra, ref),
                            details);
    default:
        break;
    }
    return ServiceError(ServiceError::Kind::Unavailable,
                        u"OpenAI failed %1 for tenant %2 (HTTP %3 after %4 attempt(s)).%5%6 Try again later%7."_s
                            .arg(describe(r.method, r.path), tenant)
                            .arg(status)
                            .arg(r.attempt)
                            .arg(said, extra, ref),
                        details);
}

void OpenAIClient::finished(const std::shared_ptr<Request> &r, QNetworkReply *reply, bool timedOut)
{
    reply->deleteLater();
    --m_inFlight;
    QTimer::singleShot(0, this, &OpenAIClient::pump);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString requestId = QString::fromLatin1(reply->rawHeader("x-request-id"));
    const QByteArray raw = reply->isOpen() ? reply->readAll() : QByteArray();
    const bool ambiguous = r->createsObject && (status == 0 || status >= 500);
    const bool canRetry = r->attempt < std::max(1, m_config.maxAttempts) && !ambiguous;

    if (status == 0) { // no HTTP answer: network error or our timeout
        const QNetworkReply::NetworkError netError = reply->error();
        const bool timeout =
            timedOut || netError == QNetworkReply::TimeoutError || netError == QNetworkReply::OperationCanceledError;
        if (canRetry) {
            retryLater(r, backoffMs(r->attempt));
            return;
        }
        const QString where = m_config.baseUrl.toString(QUrl::RemoveUserInfo);
        QJsonObject details{{u"operation"_s, describe(r->method, r->path)}, {u"network_error"_s, int(netError)}};
        if (ambiguous)
            details.insert(u"maybe_created"_s, true);
        if (timeout)
            r->done(ServiceError(
                ServiceError::Kind::Unavailable,
                u"OpenAI (%1) did not answer %2 for tenant %3 in time (%4 attempt(s); limits: %5 s without data, "
                u"%6 s per attempt). Try again later, or check the network and proxy."_s
                    .arg(where, describe(r->method, r->path), m_config.tenant)
                    .arg(r->attempt)
                    .arg(m_config.connectTimeoutMs / 1000.0)
                    .arg(m_config.totalTimeoutMs / 1000.0),
                details));
        else
            r->done(ServiceError(ServiceError::Kind::Unavailable,
                                 u"Cannot reach OpenAI at %1 for tenant %2 (%3 attempt(s)): %4. Check the network, the "
                                 u"proxy (https_proxy) and the tenant's base URL (`vectordesk tenant openai %2`)."_s
                                     .arg(where, m_config.tenant)
                                     .arg(r->attempt)
                                     .arg(reply->errorString()),
                                 details));
        return;
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(raw, &parseError);
    const QJsonObject body = document.object();
    if (status >= 200 && status < 300) {
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            r->done(ServiceError(
                ServiceError::Kind::Unavailable,
                u"OpenAI answered %1 for tenant %2 with something that is not a JSON object (%3 at byte %4; %5 bytes"
                u"%6). Is the tenant's base URL (%7) an OpenAI-compatible API?"_s
                    .arg(describe(r->method, r->path), m_config.tenant,
                         parseError.error != QJsonParseError::NoError ? parseError.errorString() : u"not an object"_s)
                    .arg(parseError.offset)
                    .arg(raw.size())
                    .arg(requestId.isEmpty() ? QString() : u", request "_s + requestId,
                         m_config.baseUrl.toString(QUrl::RemoveUserInfo)),
                QJsonObject{{u"http_status"_s, status}, {u"request_id"_s, requestId}}));
            return;
        }
        r->done(body);
        return;
    }

    const bool insufficientQuota =
        body.value(u"error"_s).toObject().value(u"code"_s).toString() == u"insufficient_quota"_s;
    QString extra;
    if (retryableStatus(status) && !insufficientQuota) {
        const qint64 asked = retryAfterMs(reply);
        if (asked > m_config.maxRetryAfterMs) {
            extra =
                u" OpenAI asked to wait %1 s before retrying, longer than VectorDesk waits (%2 s)."_s.arg(asked / 1000)
                    .arg(m_config.maxRetryAfterMs / 1000);
        } else if (canRetry) {
            retryLater(r, asked >= 0 ? int(asked) : backoffMs(r->attempt));
            return;
        }
    }
    ServiceError error = httpError(*r, status, body, raw, requestId, extra);
    if (ambiguous) {
        QJsonObject details = error.details();
        details.insert(u"maybe_created"_s, true);
        error = ServiceError(error.kind(), error.message(), details);
    }
    r->done(error);
}

// ----- Files

void OpenAIClient::uploadFile(const QString &path, const QString &filename, JsonCallback done)
{
    auto r = std::make_shared<Request>();
    r->method = "POST";
    r->path = u"/files"_s;
    r->uploadPath = path;
    r->uploadName = filename.isEmpty() ? QFileInfo(path).fileName() : filename;
    r->createsObject = true;
    r->done = std::move(done);
    enqueue(std::move(r));
}

void OpenAIClient::getFile(const QString &fileId, JsonCallback done)
{
    request("GET", u"/files/"_s + fileId, {}, nullptr, false, std::move(done));
}

void OpenAIClient::deleteFile(const QString &fileId, JsonCallback done)
{
    request("DELETE", u"/files/"_s + fileId, {}, nullptr, false, std::move(done));
}

void OpenAIClient::listFiles(const ListQuery &query, JsonCallback done)
{
    QUrlQuery q;
    q.addQueryItem(u"purpose"_s, u"assistants"_s);
    q.addQueryItem(u"limit"_s, QString::number(std::clamp(query.limit, 1, 10000)));
    if (!query.order.isEmpty())
        q.addQueryItem(u"order"_s, query.order);
    if (!query.after.isEmpty())
        q.addQueryItem(u"after"_s, query.after);
    request("GET", u"/files"_s, q, nullptr, false, std::move(done));
}

// ----- Vector stores

void OpenAIClient::createVectorStore(const QJsonObject &body, JsonCallback done)
{
    auto r = std::make_shared<Request>();
    r->method = "POST";
    r->path = u"/vector_stores"_s;
    r->hasBody = true;
    r->body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r->vectorStore = true;
    r->createsObject = true;
    r->done = std::move(done);
    enqueue(std::move(r));
}

void OpenAIClient::listVectorStores(const ListQuery &query, JsonCallback done)
{
    request("GET", u"/vector_stores"_s, listQuery(query), nullptr, true, std::move(done));
}

void OpenAIClient::getVectorStore(const QString &storeId, JsonCallback done)
{
    request("GET", u"/vector_stores/"_s + storeId, {}, nullptr, true, std::move(done));
}

void OpenAIClient::modifyVectorStore(const QString &storeId, const QJsonObject &body, JsonCallback done)
{
    request("POST", u"/vector_stores/"_s + storeId, {}, &body, true, std::move(done));
}

void OpenAIClient::deleteVectorStore(const QString &storeId, JsonCallback done)
{
    request("DELETE", u"/vector_stores/"_s + storeId, {}, nullptr, true, std::move(done));
}

// ----- Vector store files

void OpenAIClient::createVectorStoreFile(const QString &storeId, const QString &fileId, const QJsonObject &attributes,
                                         const ChunkingStrategy &chunking, JsonCallback done)
{
    QJsonObject body{{u"file_id"_s, fileId}, {u"chunking_strategy"_s, chunkingJson(chunking)}};
    if (!attributes.isEmpty())
        body.insert(u"attributes"_s, attributes);
    request("POST", u"/vector_stores/%1/files"_s.arg(storeId), {}, &body, true, std::move(done), storeId);
}

void OpenAIClient::listVectorStoreFiles(const QString &storeId, const ListQuery &query, JsonCallback done)
{
    request("GET", u"/vector_stores/%1/files"_s.arg(storeId), listQuery(query), nullptr, true, std::move(done));
}

void OpenAIClient::getVectorStoreFile(const QString &storeId, const QString &fileId, JsonCallback done)
{
    request("GET", u"/vector_stores/%1/files/%2"_s.arg(storeId, fileId), {}, nullptr, true, std::move(done));
}

void OpenAIClient::updateVectorStoreFileAttributes(const QString &storeId, const QString &fileId,
                                                   const QJsonObject &attributes, JsonCallback done)
{
    const QJsonObject body{{u"attributes"_s, attributes}};
    request("POST", u"/vector_stores/%1/files/%2"_s.arg(storeId, fileId), {}, &body, true, std::move(done));
}

void OpenAIClient::deleteVectorStoreFile(const QString &storeId, const QString &fileId, JsonCallback done)
{
    request("DELETE", u"/vector_stores/%1/files/%2"_s.arg(storeId, fileId), {}, nullptr, true, std::move(done));
}

void OpenAIClient::vectorStoreFileContent(const QString &storeId, const QString &fileId, JsonCallback done)
{
    request("GET", u"/vector_stores/%1/files/%2/content"_s.arg(storeId, fileId), {}, nullptr, true, std::move(done));
}

// ----- File batches

void OpenAIClient::createFileBatches(const QString &storeId, const QStringList &fileIds, const QJsonObject &attributes,
                                     const ChunkingStrategy &chunking,
                                     std::function<void(Result<QList<QJsonObject>>)> done)
{
    if (fileIds.isEmpty()) {
        done(ServiceError::invalid(u"A file batch needs at least one file."_s, u"file_ids"_s));
        return;
    }
    struct State
    {
        QList<QJsonObject> batches;
        int pending = 0;
        bool failed = false;
        std::function<void(Result<QList<QJsonObject>>)> done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    const qsizetype count = (fileIds.size() + kMaxBatchFiles - 1) / kMaxBatchFiles;
    state->batches.resize(count);
    state->pending = int(count);
    for (qsizetype i = 0; i < count; ++i) {
        QJsonObject body{{u"file_ids"_s, QJsonArray::fromStringList(fileIds.mid(i * kMaxBatchFiles, kMaxBatchFiles))},
                         {u"chunking_strategy"_s, chunkingJson(chunking)}};
        if (!attributes.isEmpty())
            body.insert(u"attributes"_s, attributes);
        request(
            "POST", u"/vector_stores/%1/file_batches"_s.arg(storeId), {}, &body, true,
            [state, i](Result<QJsonObject> result) {
                if (state->failed)
                    return;
                if (!result) {
                    state->failed = true;
                    state->done(result.error());
                    return;
                }
                state->batches[i] = result.value();
                if (--state->pending == 0)
                    state->done(state->batches);
            },
            storeId);
    }
}

void OpenAIClient::getFileBatch(const QString &storeId, const QString &batchId, JsonCallback done)
{
    request("GET", u"/vector_stores/%1/file_batches/%2"_s.arg(storeId, batchId), {}, nullptr, true, std::move(done));
}

void OpenAIClient::cancelFileBatch(const QString &storeId, const QString &batchId, JsonCallback done)
{
    request("POST", u"/vector_stores/%1/file_batches/%2/cancel"_s.arg(storeId, batchId), {}, nullptr, true,
            std::move(done));
}

void OpenAIClient::listFileBatchFiles(const QString &storeId, const QString &batchId, const ListQuery &query,
                                      JsonCallback done)
{
    request("GET", u"/vector_stores/%1/file_batches/%2/files"_s.arg(storeId, batchId), listQuery(query), nullptr, true,
            std::move(done));
}

// ----- Search

void OpenAIClient::search(const QString &storeId, const SearchRequest &searchRequest,
                          std::function<void(Result<RemoteSearchResult>)> done)
{
    const QJsonObject body = searchRequest.toJson();
    request("POST", u"/vector_stores/%1/search"_s.arg(storeId), {}, &body, true,
            [done = std::move(done)](Result<QJsonObject> page) {
                if (!page) {
                    done(page.error());
                    return;
                }
                done(parseSearch(page.value()));
            });
}

Result<RemoteSearchResult> OpenAIClient::parseSearch(const QJsonObject &page)
{
    const auto malformed = [](const QString &what) {
        return ServiceError::unavailable(u"OpenAI's search answer is malformed: %1."_s.arg(what));
    };
    if (!page.value(u"data"_s).isArray())
        return malformed(u"it has no 'data' list"_s);
    RemoteSearchResult result;
    const QJsonValue query = page.value(u"search_query"_s);
    if (query.isArray()) {
        for (const QJsonValue &q : query.toArray())
            result.response.searchQuery << q.toString();
    } else if (query.isString()) {
        result.response.searchQuery << query.toString(); // older examples: a single string
    }
    for (const QJsonValue &value : page.value(u"data"_s).toArray()) {
        const QJsonObject item = value.toObject();
        if (!item.value(u"file_id"_s).isString() || !item.value(u"score"_s).isDouble())
            return malformed(u"a result lacks file_id or score"_s);
        SearchHit hit;
        hit.filename = item.value(u"filename"_s).toString();
        hit.score = item.value(u"score"_s).toDouble();
        hit.attributes = item.value(u"attributes"_s).toObject();
        int ordinal = 0;
        for (const QJsonValue &c : item.value(u"content"_s).toArray()) {
            hit.content << c.toObject().value(u"text"_s).toString();
            hit.chunkOrdinals << ordinal++;
        }
        result.response.data << hit;
        result.remoteFileIds << item.value(u"file_id"_s).toString();
    }
    result.response.explain = QJsonObject{{u"engine"_s, u"openai"_s}};
    return result;
}

void OpenAIClient::listAll(const Lister &lister, ListQuery first, int maxPages,
                           std::function<void(Result<QList<QJsonObject>>)> done)
{
    struct State
    {
        Lister lister;
        QList<QJsonObject> items;
        int pages = 0;
        int maxPages = 0;
        std::function<void(Result<QList<QJsonObject>>)> done;
        std::function<void(const ListQuery &)> next;
    };
    auto state = std::make_shared<State>();
    state->lister = lister;
    state->maxPages = maxPages;
    state->done = std::move(done);
    std::weak_ptr<State> weak = state;
    state->next = [weak](const ListQuery &query) {
        auto s = weak.lock();
        if (!s)
            return;
        s->lister(query, [s, query](Result<QJsonObject> page) {
            if (!page) {
                auto finish = std::move(s->done);
                s->next = nullptr; // breaks the cycle
                finish(page.error());
                return;
            }
            if (!page->value(u"data"_s).isArray()) {
                auto finish = std::move(s->done);
                s->next = nullptr;
                finish(ServiceError::unavailable(u"OpenAI's list answer is malformed: it has no 'data' list."_s));
                return;
            }
            QString last;
            for (const QJsonValue &v : page->value(u"data"_s).toArray()) {
                s->items << v.toObject();
                last = v.toObject().value(u"id"_s).toString();
            }
            if (page->contains(u"last_id"_s) && page->value(u"last_id"_s).isString())
                last = page->value(u"last_id"_s).toString();
            ++s->pages;
            if (page->value(u"has_more"_s).toBool() && !last.isEmpty() && s->pages < s->maxPages) {
                ListQuery following = query;
                following.after = last;
                s->next(following);
                return;
            }
            auto finish = std::move(s->done);
            auto items = std::move(s->items);
            s->next = nullptr;
            finish(items);
        });
    };
    // The state lives as long as a request holds it; `next` only holds it weakly.
    auto keep = state;
    keep->next(first);
}

} // namespace vd::openai
