#include "core/tracing/tracing.h"

#include "core/logging/logging.h"
#include "core/metrics/metrics.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>

using namespace Qt::StringLiterals;

namespace vd::tracing {

Q_LOGGING_CATEGORY(lcTracing, "vectordesk.tracing", QtInfoMsg)

namespace {

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

QByteArray randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    do {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    } while (raw.count('\0') == bytes); // all zero is invalid in W3C Trace Context
    return raw.toHex();
}

bool isLowerHex(const QByteArray &text)
{
    return std::all_of(text.cbegin(), text.cend(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

QJsonObject attributeValue(const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::Bool:
        return {{u"boolValue"_s, value.toBool()}};
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        // OTLP's JSON carries 64-bit integers as strings.
        return {{u"intValue"_s, QString::number(value.toLongLong())}};
    case QMetaType::Double:
        return {{u"doubleValue"_s, value.toDouble()}};
    default:
        return {{u"stringValue"_s, logging::redactSecrets(value.toString())}};
    }
}

// `log`: the request id and tenant of the work the span is part of.
QJsonObject spanJson(const SpanContext &context, const SpanContext &parent, const QString &name, Kind kind,
                     qint64 startNs, qint64 endNs, const QList<std::pair<QString, QVariant>> &attributes,
                     const QString &errorCode, const QString &errorMessage, const logging::Context &log)
{
    QJsonArray attrs;
    if (!log.requestId.isEmpty())
        attrs.append(QJsonObject{{u"key"_s, u"vectordesk.request_id"_s}, {u"value"_s, attributeValue(log.requestId)}});
    if (!log.tenant.isEmpty())
        attrs.append(QJsonObject{{u"key"_s, u"vectordesk.tenant"_s}, {u"value"_s, attributeValue(log.tenant)}});
    for (const auto &[key, value] : attributes)
        attrs.append(QJsonObject{{u"key"_s, key}, {u"value"_s, attributeValue(value)}});
    if (!errorCode.isEmpty())
        attrs.append(QJsonObject{{u"key"_s, u"error.type"_s}, {u"value"_s, attributeValue(errorCode)}});
    QJsonObject span{
        {u"traceId"_s, QString::fromLatin1(context.traceId)},
        {u"spanId"_s, QString::fromLatin1(context.spanId)},
        {u"name"_s, name},
        {u"kind"_s, int(kind)},
        {u"startTimeUnixNano"_s, QString::number(startNs)},
        {u"endTimeUnixNano"_s, QString::number(std::max(startNs, endNs))},
        {u"attributes"_s, attrs},
        {u"status"_s,
         errorCode.isEmpty()
             ? QJsonObject{{u"code"_s, 1}}
             : QJsonObject{{u"code"_s, 2},
                           {u"message"_s, logging::redactSecrets(errorMessage.isEmpty() ? errorCode : errorMessage)}}}};
    if (parent.isValid())
        span.insert(u"parentSpanId"_s, QString::fromLatin1(parent.spanId));
    return span;
}

// Runs on the exporter thread: sends batches, one request at a time.
class Worker : public QObject
{
public:
    explicit Worker(const Config &config);
    void flush();

private:
    Config m_config;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_timer = nullptr;
    int m_inFlight = 0;
};

struct State
{
    QMutex mutex;
    Config config;
    std::atomic<bool> on{false};
    std::deque<QJsonObject> queue;
    std::atomic<int> inFlightSpans{0};
    QThread *thread = nullptr;
    QPointer<Worker> worker;
};

State &state()
{
    static State s;
    return s;
}

void drop(const QString &reason, int count)
{
    if (count > 0)
        metrics::add(metrics::Metric::SpansDropped, {reason}, count);
}

void enqueue(QJsonObject span)
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    if (!s.on.load())
        return;
    if (int(s.queue.size()) >= s.config.maxQueuedSpans) {
        lock.unlock();
        drop(u"queue_full"_s, 1);
        return;
    }
    s.queue.push_back(std::move(span));
}

Worker::Worker(const Config &config)
    : m_config(config)
{ }

void Worker::flush()
{
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &Worker::flush);
        m_timer->start(m_config.flushIntervalMs);
    }
    if (m_inFlight > 0)
        return;
    State &s = state();
    QList<QJsonObject> batch;
    {
        QMutexLocker lock(&s.mutex);
        while (!s.queue.empty() && batch.size() < m_config.batchSize) {
            batch.append(std::move(s.queue.front()));
            s.queue.pop_front();
        }
    }
    if (batch.isEmpty())
        return;
    const int count = int(batch.size());
    QUrl url = m_config.endpoint;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + u"/v1/traces"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setTransferTimeout(m_config.exportTimeoutMs);
    ++m_inFlight;
    s.inFlightSpans += count;
    QNetworkReply *reply =
        m_network->post(request, QJsonDocument(exportBody(batch, m_config.serviceName)).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply, count] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status < 200 || status >= 300) {
            drop(u"export_failed"_s, count);
            qCDebug(lcTracing).noquote() << "exporting" << count << "spans failed:" << status << reply->errorString();
        }
        state().inFlightSpans -= count;
        --m_inFlight;
    });
}

} // namespace

std::optional<SpanContext> parseTraceparent(const QByteArray &header)
{
    const QList<QByteArray> parts = header.trimmed().split('-');
    if (parts.size() != 4 || parts.at(0) != "00" || parts.at(1).size() != 32 || parts.at(2).size() != 16
        || parts.at(3).size() != 2)
        return std::nullopt;
    for (const QByteArray &part : parts)
        if (!isLowerHex(part))
            return std::nullopt;
    if (parts.at(1) == QByteArray(32, '0') || parts.at(2) == QByteArray(16, '0'))
        return std::nullopt;
    return SpanContext{parts.at(1), parts.at(2)};
}

QByteArray traceparent(const SpanContext &context)
{
    return "00-" + context.traceId + '-' + context.spanId + "-01";
}

void configure(const Config &config)
{
    shutdown(0);
    State &s = state();
    if (config.endpoint.isEmpty())
        return;
    {
        QMutexLocker lock(&s.mutex);
        s.config = config;
        s.on = true;
    }
    s.thread = new QThread;
    s.thread->setObjectName(u"vectordesk-tracing"_s);
    auto *worker = new Worker(config);
    worker->moveToThread(s.thread);
    QObject::connect(s.thread, &QThread::finished, worker, &QObject::deleteLater);
    s.worker = worker;
    s.thread->start();
    QMetaObject::invokeMethod(
        worker, [worker] { worker->flush(); }, Qt::QueuedConnection);
}

std::optional<QUrl> parseEndpoint(const QString &value, QString *error)
{
    if (value.trimmed().isEmpty())
        return QUrl();
    const QUrl url(value.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) || url.host().isEmpty()
        || url.hasQuery() || url.hasFragment()) {
        *error = u"The OTLP endpoint '%1' is not a collector's http(s) address such as http://localhost:4318 (spans "
                 u"go to its /v1/traces)."_s.arg(value);
        return std::nullopt;
    }
    return url;
}

bool configureEndpoint(const QString &option, QString *error, const QString &fallback)
{
    QString value = option.isEmpty() ? qEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") : option;
    if (value.isEmpty())
        value = fallback;
    const auto url = parseEndpoint(value, error);
    if (!url) {
        *error +=
            u" Fix --otlp-endpoint, OTEL_EXPORTER_OTLP_ENDPOINT or the trace collector in the window's Settings."_s;
        return false;
    }
    if (url->isEmpty())
        return true;
    Config config;
    config.endpoint = *url;
    configure(config);
    return true;
}

QUrl endpoint()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    return s.on ? s.config.endpoint : QUrl();
}

void shutdown(int waitMs)
{
    State &s = state();
    if (!s.thread)
        return;
    QElapsedTimer waited;
    waited.start();
    // Send what is queued; wait for the answers, within the time given.
    while (waited.elapsed() < waitMs && (queuedSpans() > 0)) {
        if (Worker *worker = s.worker.data())
            QMetaObject::invokeMethod(
                worker, [worker] { worker->flush(); }, Qt::QueuedConnection);
        QThread::msleep(10);
    }
    int left = 0;
    {
        QMutexLocker lock(&s.mutex);
        s.on = false;
        left = int(s.queue.size());
        s.queue.clear();
    }
    drop(u"shutdown"_s, left + s.inFlightSpans.load());
    s.inFlightSpans = 0;
    s.thread->quit();
    s.thread->wait();
    delete s.thread;
    s.thread = nullptr;
}

bool enabled()
{
    return state().on.load(std::memory_order_relaxed);
}

int queuedSpans()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    return int(s.queue.size()) + s.inFlightSpans.load();
}

SpanContext current()
{
    const logging::Context c = logging::current();
    return SpanContext{c.traceId, c.spanId};
}

void adoptParent(const SpanContext &parent)
{
    logging::setSpan(parent.traceId, parent.spanId);
}

Span::Span(const QString &name, Kind kind)
    : m_name(name)
    , m_kind(kind)
{
    if (!enabled())
        return;
    m_recording = true;
    m_previous = current();
    m_parent = m_previous;
    m_context.traceId = m_parent.isValid() ? m_parent.traceId : randomHex(16);
    m_context.spanId = randomHex(8);
    m_startNs = nowNs();
    logging::setSpan(m_context.traceId, m_context.spanId);
}

Span::~Span()
{
    if (!m_recording)
        return;
    const qint64 end = nowNs();
    enqueue(spanJson(m_context, m_parent, m_name, m_kind, m_startNs, end, m_attributes, m_errorCode, m_errorMessage,
                     logging::current()));
    logging::setSpan(m_previous.traceId, m_previous.spanId);
}

void Span::setAttribute(const QString &key, const QVariant &value)
{
    if (m_recording)
        m_attributes.append({key, value});
}

void Span::setError(const QString &code, const QString &message)
{
    m_errorCode = code;
    m_errorMessage = message;
}

AsyncSpan::AsyncSpan(const QString &name, Kind kind, const SpanContext &parent)
    : m_parent(parent)
    , m_name(name)
    , m_kind(kind)
{
    if (!enabled())
        return;
    m_recording = true;
    m_context.traceId = parent.isValid() ? parent.traceId : randomHex(16);
    m_context.spanId = randomHex(8);
    m_startNs = nowNs();
    m_log = logging::current();
}

void AsyncSpan::setAttribute(const QString &key, const QVariant &value)
{
    if (m_recording)
        m_attributes.append({key, value});
}

void AsyncSpan::end(const QString &errorCode, const QString &message)
{
    if (!m_recording || m_ended)
        return;
    m_ended = true;
    enqueue(spanJson(m_context, m_parent, m_name, m_kind, m_startNs, nowNs(), m_attributes, errorCode, message, m_log));
}

QJsonObject exportBody(const QList<QJsonObject> &spans, const QString &serviceName)
{
    QJsonArray list;
    for (const QJsonObject &span : spans)
        list.append(span);
    const QJsonObject resource{
        {u"attributes"_s,
         QJsonArray{
             QJsonObject{{u"key"_s, u"service.name"_s}, {u"value"_s, QJsonObject{{u"stringValue"_s, serviceName}}}},
             QJsonObject{{u"key"_s, u"service.version"_s},
                         {u"value"_s, QJsonObject{{u"stringValue"_s, QCoreApplication::applicationVersion()}}}}}}};
    return QJsonObject{
        {u"resourceSpans"_s,
         QJsonArray{QJsonObject{
             {u"resource"_s, resource},
             {u"scopeSpans"_s,
              QJsonArray{QJsonObject{{u"scope"_s, QJsonObject{{u"name"_s, u"vectordesk"_s}}}, {u"spans"_s, list}}}}}}}};
}

} // namespace vd::tracing
