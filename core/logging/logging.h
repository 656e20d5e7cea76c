#pragma once

#include <QLoggingCategory>
#include <QString>

namespace vd::logging {

// The request id and tenant a thread is working for; stamped on every log line.
// The trace and span are the thread's current span (core/tracing), hex, empty outside one.
struct Context
{
    QString requestId;
    QString tenant;
    QByteArray traceId;
    QByteArray spanId;
};

Context current();
void setRequestId(const QString &requestId);
void setTenant(const QString &tenant);
void setSpan(const QByteArray &traceId, const QByteArray &spanId);

// Sets the tenant for the current scope and restores the previous one afterwards.
class TenantScope
{
public:
    explicit TenantScope(const QString &tenant);
    ~TenantScope();
    TenantScope(const TenantScope &) = delete;
    TenantScope &operator=(const TenantScope &) = delete;

private:
    QString m_previous;
};

// Saves the thread's whole context (request id, tenant, span) and restores it afterwards: one job
// on a pool thread never lends its context to the next.
class ContextScope
{
public:
    ContextScope();
    // The same, then the work's own request id, and its tenant unless empty, in place of the
    // thread's: what a job, a request or an ingestion opens with.
    explicit ContextScope(const QString &requestId, const QString &tenant = {});
    ~ContextScope();
    ContextScope(const ContextScope &) = delete;
    ContextScope &operator=(const ContextScope &) = delete;

private:
    Context m_previous;
};

QString newRequestId();

// A line this process logged, as the window's Activity view shows it (redacted).
struct LogLine
{
    qint64 atMs = 0;
    QtMsgType type = QtInfoMsg;
    QString category;
    QString message;
    QString requestId;
    QString tenant;
};
// The most recent lines logged since install() (at most 2,000, oldest first). Thread-safe.
QList<LogLine> recentLines();
// A level's rank, least severe first: debug 0, info 1, warning 2, critical 3, fatal 4.
int severity(QtMsgType type);
// The name of a level as the JSON log writes it: "debug", "info", "warning", "critical", "fatal".
QString levelName(QtMsgType type);

// Removes what must never reach a log: API keys (sk-...), bearer tokens, URL passwords.
QString redactSecrets(const QString &text);

// Installs the process-wide message handler: human lines on stderr (redacted) and, when
// jsonPath is not empty, JSON lines {time, level, category, request_id, tenant, trace_id, span_id,
// message}.
bool install(const QString &jsonPath, QString *error);
// Size-based rotation of the JSON log: past `maxBytes` the file becomes FILE.1 (FILE.1 becomes
// FILE.2, …, the oldest beyond `keep` is removed) and a new FILE is started. 0: never rotate.
// Defaults: 10 MiB, 5 kept. One writer per file: every process should have a log of its own.
void setRotation(qint64 maxBytes, int keep);
// --log-level: "debug", "info", "warning" or "error", the least severe message VectorDesk's
// categories log at all (QT_LOGGING_RULES still overrides it per category, as Qt reads that
// last). False, with *error saying what is accepted, for any other value.
bool setLevel(const QString &level, QString *error);
// The least severe message that still goes to stderr (default: everything enabled).
void setStderrThreshold(QtMsgType type);
// Flushes and closes the JSON log (called at exit; safe to call twice).
void shutdown();

} // namespace vd::logging
