#include "cli/printers.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

bool needsEscape(char32_t c)
{
    return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x061C || c == 0x200E || c == 0x200F
        || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

} // namespace

QString terminalText(QStringView text, Newlines newlines)
{
    const auto isSafe = [&](QChar c) {
        return !needsEscape(c.unicode());
    };
    if (std::all_of(text.begin(), text.end(), isSafe))
        return text.toString();
    QString result;
    result.reserve(text.size() + 16);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!needsEscape(u)) {
            result += c;
        } else if (newlines == Newlines::Keep && (u == u'\n' || u == u'\t')) {
            result += c;
        } else if (u == u'\n') {
            result += u"\\n"_s;
        } else if (u == u'\r') {
            result += u"\\r"_s;
        } else if (u == u'\t') {
            result += u"\\t"_s;
        } else if (u < 0x80) {
            result += u"\\x"_s + QString::number(u, 16).rightJustified(2, u'0');
        } else {
            result += u"\\u{"_s + QString::number(u, 16).toUpper().rightJustified(4, u'0') + u'}';
        }
    }
    return result;
}

QString shownJson(const QJsonObject &object)
{
    return terminalText(compactJson(object));
}

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
        c.out() << terminalText(text, Newlines::Keep);
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
    QList<QStringList> shown;
    for (const QStringList &row : rows) {
        QStringList cells;
        for (const QString &cell : row)
            cells << terminalText(cell);
        shown << cells;
    }
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths << h.size();
    for (const QStringList &row : std::as_const(shown))
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], std::min<qsizetype>(row[i].size(), 60));
    auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            QString cell = cells[i];
            if (cell.size() > 60)
                cell = cell.left(59) + u'…';
            text += i + 1 < cells.size() ? cell.leftJustified(widths[i] + 2) : cell;
        }
        c.out() << text.trimmed() << u'\n';
    };
    line(headers);
    for (const QStringList &row : std::as_const(shown))
        line(row);
}

} // namespace vd::cli
