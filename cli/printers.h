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

// An object or array, indented, on out.
void printJson(Context &c, const QJsonValue &value);
// An object on one line (JSON Lines), on out.
void printJsonLine(Context &c, const QJsonObject &object);
// An object as compact JSON text, e.g. metadata inside a line of text.
QString compactJson(const QJsonObject &object);

// Prints `json` with --json, else `text`, and returns Ok: for commands that answer with a short
// confirmation.
int printOutcome(Context &c, const QJsonValue &json, const QString &text);

// "2025-01-31 14:05" in local time; "-" for none.
QString formatTime(qint64 ms);
// "auto (800 tokens, 400 overlap)".
QString chunkingText(const ChunkingStrategy &chunking);

// Columns padded to their widest cell (at most 60 characters, longer cells cut with …); "(none)"
// when there are no rows.
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
