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
    ~ContextScope();
    ContextScope(const ContextScope &) = delete;
    ContextScope &operator=(const ContextScope &) = delete;

private:
    Context m_previous;
};

QString newRequestId();

// Removes what must never reach a log: API keys (sk-...), bearer tokens, URL passwords.
QString redactSecrets(const QString &text);

// Installs the process-wide message handler: human lines on stderr (redacted) and, when
// jsonPath is not empty, JSON lines {time, level, category, request_id, tenant, trace_id, span_id,
// message}.
bool install(const QString &jsonPath, QString *error);
// The least severe message that still goes to stderr (default: everything enabled).
void setStderrThreshold(QtMsgType type);
// Flushes and closes the JSON log (called at exit; safe to call twice).
void shutdown();

} // namespace vd::logging
