#pragma once

#include "cli/cli.h"
#include "core/domain/drafts.h"
#include "core/domain/types.h"

#include <QCommandLineParser>
#include <QJsonObject>

#include <optional>

// Options several commands share, and reading their values. A reader returns Ok, or the exit code
// of the error it printed (Usage for a malformed value, Failed for a value the service's rules
// refuse), and leaves its target alone when the option is not given.
namespace vd::cli {

QCommandLineOption tenantOption();
QCommandLineOption storeOption();
QCommandLineOption deletedOption();
QCommandLineOption allOption();
QCommandLineOption metadataOption();
QCommandLineOption expiryOption();
QList<QCommandLineOption> chunkingOptions();

// --all, --deleted or neither (live items).
Visibility visibilityFrom(const QCommandLineParser &p);
// --deleted or not, for commands without --all.
Visibility deletedOrLive(const QCommandLineParser &p);

// A whole number option from min to max; otherwise nothing, after printing a usage error.
std::optional<qint64> wholeNumber(Context &c, const QCommandLineParser &p, const QString &name, qint64 min, qint64 max);

// The same, into *value when the option is given.
template<typename T>
int readWholeNumber(Context &c, const QCommandLineParser &p, const QString &name, qint64 min, qint64 max, T *value)
{
    if (!p.isSet(name))
        return Ok;
    const std::optional<qint64> number = wholeNumber(c, p, name, min, max);
    if (!number)
        return Usage;
    *value = T(*number);
    return Ok;
}

// `text` as a JSON object (empty text is refused: {} clears); `what` names it in errors ("Metadata is not valid
// JSON: ...").
int readJsonObject(Context &c, const QString &text, const QString &what, QJsonObject *object);
// The same for the value of an option such as --metadata or --attributes.
int readJsonObject(Context &c, const QCommandLineParser &p, const QString &name, const QString &what,
                   QJsonObject *object);
int readJsonObject(Context &c, const QCommandLineParser &p, const QString &name, const QString &what,
                   std::optional<QJsonObject> *object);

// --expires-after-days N (the service checks the range).
int readExpiryDays(Context &c, const QCommandLineParser &p, std::optional<int> *days);

// The chunking asked for with chunkingOptions(); unset when none was given.
int readChunking(Context &c, const QCommandLineParser &p, std::optional<ChunkingStrategy> *chunking);

// A secret (a key, a token) from standard input, never from the command line: without echo and
// after a `prompt` on a terminal, else the first 4 KiB of the stream; trimmed.
Result<QString> readSecret(Context &c, const QString &prompt);

} // namespace vd::cli
