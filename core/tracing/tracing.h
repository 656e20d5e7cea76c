#pragma once

#include "core/logging/logging.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>
#include <QVariant>

#include <optional>

// Tracing (docs/observability.md): spans with parents, exported as OTLP over HTTP (JSON) to a
// collector when one is configured, and off otherwise.
//
// The current span lives in the thread's logging context (core/logging), with the request id and
// tenant, so that everything that carries that context to another thread (a pool job, the OpenAI
// network thread) carries the trace with it, and every JSON log line names its trace and span.
//
// Export never blocks the work: a finished span is queued under a mutex (bounded); a background
// thread sends batches. When the queue is full, or the collector refuses, fails or is too slow,
// spans are dropped and counted in vectordesk_trace_spans_dropped. No opentelemetry-cpp: Debian 12
// does not package it, and OTLP's JSON encoding is a small, stable format.
namespace vd::tracing {

// A span as W3C Trace Context names it: 32 and 16 lowercase hex digits.
struct SpanContext
{
    QByteArray traceId;
    QByteArray spanId;
    bool isValid() const { return traceId.size() == 32 && spanId.size() == 16; }
};

// "00-<trace id>-<span id>-<flags>"; nullopt for anything else (a malformed header is ignored, as
// the W3C recommendation says).
std::optional<SpanContext> parseTraceparent(const QByteArray &header);
QByteArray traceparent(const SpanContext &context);

enum class Kind { Internal = 1, Server = 2, Client = 3 };

struct Config
{
    QUrl endpoint; // the collector's base URL; spans go to <endpoint>/v1/traces. Empty: off.
    QString serviceName = QStringLiteral("vectordesk");
    int maxQueuedSpans = 2048; // beyond: dropped ("queue_full")
    int batchSize = 256;
    int flushIntervalMs = 1000;
    int exportTimeoutMs = 5000; // a batch not answered by then is dropped ("export_failed")
};

// Starts exporting (or stops, with an empty endpoint). Thread-safe; call from the main thread.
void configure(const Config &config);
// A collector's address as a user typed it: http(s)://host[:port][/path]. nullopt, with *error
// naming the value and what to do, for anything else. An empty value is an empty (off) URL.
std::optional<QUrl> parseEndpoint(const QString &value, QString *error);
// configure() from a front end's --otlp-endpoint value, else $OTEL_EXPORTER_OTLP_ENDPOINT (the
// OpenTelemetry convention), else `fallback` (the window's setting), else off. False, with
// *error, for a value parseEndpoint() refuses.
bool configureEndpoint(const QString &option, QString *error, const QString &fallback = {});
// The collector spans go to now; empty when off.
QUrl endpoint();
// Sends what is queued, waiting at most `waitMs` (what is left is dropped and counted), and stops
// the exporter. Called at exit.
void shutdown(int waitMs = 2000);
bool enabled();
// Spans queued or in flight, and dropped so far (tests, the Activity view).
int queuedSpans();

// The thread's current span: the innermost open Span, or a remote parent set from a traceparent.
SpanContext current();
// Makes a span from another process (an API request's traceparent, a file's attach) the parent
// of the next spans on this thread, until the enclosing logging::ContextScope ends.
void adoptParent(const SpanContext &parent);

// One span, from construction to destruction, a child of the thread's current span (or the root
// of a new trace). While it lives it is the thread's current span. Without an exporter it costs
// two id draws and records nothing. Not copyable; ends on the thread that made it.
class Span
{
public:
    explicit Span(const QString &name, Kind kind = Kind::Internal);
    ~Span();
    Span(const Span &) = delete;
    Span &operator=(const Span &) = delete;

    // Attribute values pass through the log's secret redaction.
    void setAttribute(const QString &key, const QVariant &value);
    // Marks the span failed with a stable error code (and message).
    void setError(const QString &code, const QString &message = {});
    const SpanContext &context() const { return m_context; }

private:
    bool m_recording = false;
    SpanContext m_context;
    SpanContext m_parent;
    SpanContext m_previous; // the thread's current span before this one
    QString m_name;
    Kind m_kind;
    qint64 m_startNs = 0;
    QList<std::pair<QString, QVariant>> m_attributes;
    QString m_errorCode;
    QString m_errorMessage;
};

// A span whose start and end are on different callbacks (an OpenAI request: sent, then answered):
// started with an explicit parent, ended once; never the thread's current span.
class AsyncSpan
{
public:
    AsyncSpan(const QString &name, Kind kind, const SpanContext &parent);
    void setAttribute(const QString &key, const QVariant &value);
    void end(const QString &errorCode = {}, const QString &message = {});
    const SpanContext &context() const { return m_context; }

private:
    bool m_recording = false;
    bool m_ended = false;
    SpanContext m_context;
    SpanContext m_parent;
    QString m_name;
    Kind m_kind;
    qint64 m_startNs = 0;
    QList<std::pair<QString, QVariant>> m_attributes;
    logging::Context m_log; // the request id and tenant when it started
};

// For tests: the OTLP JSON body of a batch, as sent.
QJsonObject exportBody(const QList<QJsonObject> &spans, const QString &serviceName);

} // namespace vd::tracing
