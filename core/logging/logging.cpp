#include "core/logging/logging.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QRegularExpression>
#include <QUuid>

#include <cstdio>
#include <deque>

using namespace Qt::StringLiterals;

namespace vd::logging {

namespace {

thread_local Context t_context;

struct Sink
{
    QMutex mutex;
    QFile json;
    QtMessageHandler previous = nullptr;
    int stderrThreshold = 0;
    std::deque<LogLine> recent;
    qint64 rotateBytes = 10 * 1024 * 1024;
    int keep = 5;
};

// Under the sink's mutex: FILE → FILE.1 → … → FILE.keep (dropped), then a new FILE.
void rotate(Sink &s)
{
    const QString path = s.json.fileName();
    s.json.close();
    QFile::remove(path + u'.' + QString::number(s.keep));
    for (int i = s.keep - 1; i >= 1; --i)
        QFile::rename(path + u'.' + QString::number(i), path + u'.' + QString::number(i + 1));
    if (s.keep > 0)
        QFile::rename(path, path + u".1"_s);
    else
        QFile::remove(path);
    s.json.setFileName(path);
    if (!s.json.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        std::fprintf(stderr, "vectordesk: cannot reopen the JSON log %s after rotating it\n",
                     QFile::encodeName(path).constData());
}

Sink &sink()
{
    static Sink instance;
    return instance;
}

} // namespace

int severity(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 0;
    case QtInfoMsg:
        return 1;
    case QtWarningMsg:
        return 2;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 4;
    }
    return 1;
}

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return u"debug"_s;
    case QtInfoMsg:
        return u"info"_s;
    case QtWarningMsg:
        return u"warning"_s;
    case QtCriticalMsg:
        return u"critical"_s;
    case QtFatalMsg:
        return u"fatal"_s;
    }
    return u"info"_s;
}

namespace {

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString clean = redactSecrets(message);
    const QString category = QString::fromUtf8(context.category ? context.category : "default");
    Sink &s = sink();
    QMutexLocker locker(&s.mutex);
    s.recent.push_back(
        {QDateTime::currentMSecsSinceEpoch(), type, category, clean, t_context.requestId, t_context.tenant});
    if (s.recent.size() > 2000)
        s.recent.pop_front();
    if (s.json.isOpen()) {
        QJsonObject line{{u"time"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                         {u"level"_s, levelName(type)},
                         {u"category"_s, category},
                         {u"message"_s, clean}};
        if (!t_context.requestId.isEmpty())
            line.insert(u"request_id"_s, t_context.requestId);
        if (!t_context.tenant.isEmpty())
            line.insert(u"tenant"_s, t_context.tenant);
        if (!t_context.traceId.isEmpty()) {
            line.insert(u"trace_id"_s, QString::fromLatin1(t_context.traceId));
            line.insert(u"span_id"_s, QString::fromLatin1(t_context.spanId));
        }
        s.json.write(QJsonDocument(line).toJson(QJsonDocument::Compact));
        s.json.write("\n");
        s.json.flush();
        if (s.rotateBytes > 0 && s.json.size() >= s.rotateBytes)
            rotate(s);
    }
    if (severity(type) < s.stderrThreshold)
        return;
    const QByteArray text = (category == u"default"_s ? clean : category + u": "_s + clean).toLocal8Bit();
    std::fprintf(stderr, "%s\n", text.constData());
    std::fflush(stderr);
}

} // namespace

Context current()
{
    return t_context;
}

void setRequestId(const QString &requestId)
{
    t_context.requestId = requestId;
}

void setTenant(const QString &tenant)
{
    t_context.tenant = tenant;
}

void setSpan(const QByteArray &traceId, const QByteArray &spanId)
{
    t_context.traceId = traceId;
    t_context.spanId = spanId;
}

TenantScope::TenantScope(const QString &tenant)
    : m_previous(t_context.tenant)
{
    t_context.tenant = tenant;
}

TenantScope::~TenantScope()
{
    t_context.tenant = m_previous;
}

ContextScope::ContextScope()
    : m_previous(t_context)
{ }

ContextScope::ContextScope(const QString &requestId, const QString &tenant)
    : ContextScope()
{
    setRequestId(requestId);
    if (!tenant.isEmpty())
        setTenant(tenant);
}

ContextScope::~ContextScope()
{
    t_context = m_previous;
}

QList<LogLine> recentLines()
{
    Sink &s = sink();
    QMutexLocker locker(&s.mutex);
    return QList<LogLine>(s.recent.cbegin(), s.recent.cend());
}

QString newRequestId()
{
    return u"req_"_s + QUuid::createUuid().toString(QUuid::Id128).left(20);
}

QString redactSecrets(const QString &text)
{
    static const QRegularExpression apiKey(u"\\bsk-[A-Za-z0-9_\\-]{6,}"_s);
    static const QRegularExpression apiToken(u"\\bvdk_[A-Za-z0-9_\\-]{6,}"_s); // vectordesk serve's tokens
    static const QRegularExpression bearer(u"(Bearer\\s+)[^\\s\"']+"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression urlPassword(u"([a-z][a-z0-9+.\\-]*://[^:/@\\s]*):[^@\\s]*@"_s,
                                                QRegularExpression::CaseInsensitiveOption);
    QString result = text;
    result.replace(apiKey, u"sk-***"_s);
    result.replace(apiToken, u"vdk_***"_s);
    result.replace(bearer, u"\\1***"_s);
    result.replace(urlPassword, u"\\1:***@"_s);
    return result;
}

bool install(const QString &jsonPath, QString *error)
{
    Sink &s = sink();
    {
        QMutexLocker locker(&s.mutex);
        if (!jsonPath.isEmpty()) {
            s.json.setFileName(jsonPath);
            if (!s.json.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
                *error = u"Cannot write the JSON log %1: %2"_s.arg(jsonPath, s.json.errorString());
                return false;
            }
        }
    }
    static bool handlerInstalled = false;
    if (!handlerInstalled) {
        s.previous = qInstallMessageHandler(handleMessage);
        handlerInstalled = true;
    }
    return true;
}

void setRotation(qint64 maxBytes, int keep)
{
    Sink &s = sink();
    QMutexLocker locker(&s.mutex);
    s.rotateBytes = std::max<qint64>(0, maxBytes);
    s.keep = std::max(0, keep);
}

bool setLevel(const QString &level, QString *error)
{
    static const QStringList levels{u"debug"_s, u"info"_s, u"warning"_s, u"error"_s};
    const qsizetype at = levels.indexOf(level.trimmed().toLower());
    if (at < 0) {
        *error = u"--log-level must be debug, info, warning or error, not '%1'."_s.arg(level);
        return false;
    }
    // Qt's levels below the one chosen are switched off; "error" keeps critical messages.
    const QStringList qtLevels{u"debug"_s, u"info"_s, u"warning"_s};
    QStringList rules;
    for (qsizetype i = 0; i < qtLevels.size(); ++i)
        rules << u"vectordesk.*.%1=%2"_s.arg(qtLevels.at(i), i >= at ? u"true"_s : u"false"_s);
    QLoggingCategory::setFilterRules(rules.join(u'\n'));
    return true;
}

void setStderrThreshold(QtMsgType type)
{
    Sink &s = sink();
    QMutexLocker locker(&s.mutex);
    s.stderrThreshold = severity(type);
}

void shutdown()
{
    Sink &s = sink();
    QMutexLocker locker(&s.mutex);
    if (s.json.isOpen())
        s.json.close();
}

} // namespace vd::logging
