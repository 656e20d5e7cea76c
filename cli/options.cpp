#include "cli/options.h"

#include "core/domain/validation.h"

#include <QFile>

#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace vd::cli {

QCommandLineOption tenantOption()
{
    return {u"tenant"_s, u"The tenant, by slug or id."_s, u"tenant"_s};
}

QCommandLineOption storeOption()
{
    return {u"store"_s, u"The store, by name or id."_s, u"store"_s};
}

QCommandLineOption deletedOption()
{
    return {u"deleted"_s, u"List only deleted (trashed) items."_s};
}

QCommandLineOption allOption()
{
    return {u"all"_s, u"List live and deleted items."_s};
}

QCommandLineOption metadataOption()
{
    return {u"metadata"_s, u"Store metadata as a JSON object (at most 16 string values)."_s, u"json"_s};
}

QCommandLineOption expiryOption()
{
    return {u"expires-after-days"_s, u"Expire the store this many days (1-365) after its last activity."_s, u"days"_s};
}

QList<QCommandLineOption> chunkingOptions()
{
    return {{u"chunk-size"_s, u"Static chunking: tokens per chunk (100-4096)."_s, u"tokens"_s},
            {u"chunk-overlap"_s, u"Static chunking: overlap in tokens (0 to half the size)."_s, u"tokens"_s},
            {u"auto-chunking"_s, u"Automatic chunking (800-token chunks, 400 overlap)."_s}};
}

Visibility visibilityFrom(const QCommandLineParser &p)
{
    if (p.isSet(u"all"_s))
        return Visibility::All;
    return deletedOrLive(p);
}

Visibility deletedOrLive(const QCommandLineParser &p)
{
    return p.isSet(u"deleted"_s) ? Visibility::Deleted : Visibility::Live;
}

std::optional<qint64> wholeNumber(Context &c, const QCommandLineParser &p, const QString &name, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 value = p.value(name).trimmed().toLongLong(&ok);
    if (!ok || value < min || value > max) {
        c.usage(
            u"--%1 must be a whole number from %2 to %3 (got '%4')."_s.arg(name).arg(min).arg(max).arg(p.value(name)));
        return std::nullopt;
    }
    return value;
}

int readJsonObject(Context &c, const QString &text, const QString &what, QJsonObject *object)
{
    ServiceError error;
    const std::optional<QJsonObject> parsed = parseJsonObject(text, what, &error);
    if (!parsed) // not JSON, or not an object: a malformed argument (what it holds is the service's to judge)
        return c.usage(error.message());
    *object = *parsed;
    return Ok;
}

int readJsonObject(Context &c, const QCommandLineParser &p, const QString &name, const QString &what,
                   QJsonObject *object)
{
    return p.isSet(name) ? readJsonObject(c, p.value(name), what, object) : int(Ok);
}

int readJsonObject(Context &c, const QCommandLineParser &p, const QString &name, const QString &what,
                   std::optional<QJsonObject> *object)
{
    QJsonObject parsed;
    const int code = readJsonObject(c, p, name, what, &parsed);
    if (code == Ok && p.isSet(name))
        *object = parsed;
    return code;
}

int readExpiryDays(Context &c, const QCommandLineParser &p, std::optional<int> *days)
{
    if (!p.isSet(u"expires-after-days"_s))
        return Ok;
    bool isNumber = false;
    const int value = p.value(u"expires-after-days"_s).toInt(&isNumber);
    if (!isNumber)
        return c.usage(u"--expires-after-days needs a whole number of days (1-365)."_s);
    *days = value;
    return Ok;
}

int readChunking(Context &c, const QCommandLineParser &p, std::optional<ChunkingStrategy> *chunking)
{
    const bool size = p.isSet(u"chunk-size"_s);
    const bool overlap = p.isSet(u"chunk-overlap"_s);
    if (p.isSet(u"auto-chunking"_s)) {
        if (size || overlap)
            return c.usage(u"Give either --auto-chunking or --chunk-size with --chunk-overlap, not both."_s);
        *chunking = ChunkingStrategy{};
        return Ok;
    }
    if (!size && !overlap)
        return Ok;
    if (!size || !overlap)
        return c.usage(u"Static chunking needs both --chunk-size and --chunk-overlap."_s);
    bool sizeOk = false;
    bool overlapOk = false;
    ChunkingStrategy fixed;
    fixed.type = u"static"_s;
    fixed.maxChunkSizeTokens = p.value(u"chunk-size"_s).toInt(&sizeOk);
    fixed.chunkOverlapTokens = p.value(u"chunk-overlap"_s).toInt(&overlapOk);
    if (!sizeOk || !overlapOk)
        return c.usage(u"--chunk-size and --chunk-overlap need whole numbers of tokens."_s);
    *chunking = fixed;
    return Ok;
}

Result<QString> readSecret(Context &c, const QString &prompt)
{
    QFile stdinFile;
    QIODevice *in = c.in();
    if (!in) {
        if (!stdinFile.open(stdin, QIODevice::ReadOnly))
            return ServiceError::unavailable(u"Cannot read standard input: %1."_s.arg(stdinFile.errorString()));
        in = &stdinFile;
    }
    const bool tty = !c.in() && ::isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        c.err() << prompt << u" (input hidden): "_s;
        c.err().flush();
        ::tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    const QString secret = QString::fromUtf8(tty ? in->readLine(4096) : in->read(4096)).trimmed();
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        c.err() << u"\n"_s;
    }
    return secret;
}

} // namespace vd::cli
