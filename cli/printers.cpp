#include "cli/printers.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vd::cli {

void printJson(Context &c, const QJsonValue &value)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    c.out() << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

void printJsonLine(Context &c, const QJsonObject &object)
{
    c.out() << compactJson(object) << u'\n';
}

int printOutcome(Context &c, const QJsonValue &json, const QString &text)
{
    if (c.json())
        printJson(c, json);
    else
        c.out() << text;
    return Ok;
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString formatTime(qint64 ms)
{
    if (ms <= 0)
        return u"-"_s;
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
}

QString chunkingText(const ChunkingStrategy &chunking)
{
    return u"%1 (%2 tokens, %3 overlap)"_s.arg(chunking.type, QString::number(chunking.maxChunkSizeTokens),
                                               QString::number(chunking.chunkOverlapTokens));
}

void printTable(Context &c, const QStringList &headers, const QList<QStringList> &rows)
{
    if (rows.isEmpty()) {
        c.out() << u"(none)\n"_s;
        return;
    }
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths << h.size();
    for (const QStringList &row : rows)
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], std::min<qsizetype>(row[i].size(), 60));
    auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            QString cell = cells[i];
            cell.replace(u'\n', u' ');
            if (cell.size() > 60)
                cell = cell.left(59) + u'…';
            text += i + 1 < cells.size() ? cell.leftJustified(widths[i] + 2) : cell;
        }
        c.out() << text.trimmed() << u'\n';
    };
    line(headers);
    for (const QStringList &row : rows)
        line(row);
}

} // namespace vd::cli
