#pragma once

#include "cli/cli.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

// How the commands print: JSON documents, tables, times, chunking, and the "result or error" and
// "list as JSON or table" patterns every command follows. Sizes: formatBytes (core/domain/units.h).
namespace vd::cli {

// Whether terminalText() keeps line breaks and tabs (multi-line text such as a chunk) or escapes
// them too (a name, a message: one line).
enum class Newlines { Escape, Keep };

// `text` made safe to print on a terminal: the one escaping every human printer applies to what
// it did not write itself (file, store and tenant names, attributes, messages, chunk text). C0
// and C1 control characters and DEL become \n, \r, \t or \xHH (\u{HHHH} above U+007F), and so
// do the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
// U+061C) and the line and paragraph separators U+2028/U+2029: an escape sequence in a file
// name cannot recolour, retitle or clear the terminal, and a name cannot fake an output line or
// reorder what follows it. A backslash is left as it is. --json output is not escaped this way:
// the JSON writer escapes control characters itself and keeps the exact text.
QString terminalText(QStringView text, Newlines newlines = Newlines::Escape);

// An object or array, indented, on out.
void printJson(Context &c, const QJsonValue &value);
// An object on one line (JSON Lines), on out.
void printJsonLine(Context &c, const QJsonObject &object);
// An object as compact JSON text, e.g. metadata inside a line of text.
QString compactJson(const QJsonObject &object);
// compactJson() for a line of human output: terminalText() of it (JSON escapes C0 controls but
// not C1 controls or bidirectional overrides).
QString shownJson(const QJsonObject &object);

// Prints `json` with --json, else `text` (through terminalText, keeping its line breaks), and
// returns Ok: for commands that answer with a short confirmation.
int printOutcome(Context &c, const QJsonValue &json, const QString &text);

// "2025-01-31 14:05" in local time; "-" for none.
QString formatTime(qint64 ms);
// "auto (800 tokens, 400 overlap)".
QString chunkingText(const ChunkingStrategy &chunking);

// Columns padded to their widest cell (at most 60 characters, longer cells cut with …); "(none)"
// when there are no rows. Every cell goes through terminalText().
void printTable(Context &c, const QStringList &headers, const QList<QStringList> &rows);

// {"object": "list", "data": [item.toJson()...]}
template<typename T> QJsonObject listJson(const QList<T> &items)
{
    QJsonArray data;
    for (const T &item : items)
        data.append(item.toJson());
    using namespace Qt::StringLiterals;
    return {{u"object"_s, u"list"_s}, {u"data"_s, data}};
}

// Prints the result with `printer`, or the error.
template<typename T> int report(Context &c, const Result<T> &result, void (*printer)(Context &, const T &))
{
    if (!result)
        return c.fail(result.error());
    printer(c, result.value());
    return Ok;
}

// Prints a list as listJson() with --json, else as a table of row(item) under `headers`, followed
// by `footer` when the list is not empty.
template<typename T, typename Row>
int reportList(Context &c, const Result<QList<T>> &result, const QStringList &headers, Row row,
               const QString &footer = QString())
{
    if (!result)
        return c.fail(result.error());
    if (c.json()) {
        printJson(c, listJson(result.value()));
        return Ok;
    }
    QList<QStringList> rows;
    for (const T &item : result.value())
        rows << row(item);
    printTable(c, headers, rows);
    if (!footer.isEmpty() && !rows.isEmpty())
        c.out() << footer;
    return Ok;
}

} // namespace vd::cli
