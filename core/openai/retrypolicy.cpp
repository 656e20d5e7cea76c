#include "core/openai/retrypolicy.h"

#include <QRegularExpression>
#include <QStringList>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;

namespace vd::openai {

namespace {

QByteArray header(const QList<QPair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    return {};
}

// A non-negative decimal number of `unitMs` milliseconds, saturating; nullopt when unreadable.
std::optional<qint64> amount(QByteArrayView text, double unitMs)
{
    bool ok = false;
    const double value = text.toDouble(&ok); // "inf", "1e300": saturate below
    if (!ok || std::isnan(value) || value < 0)
        return std::nullopt;
    const double ms = std::ceil(value * unitMs);
    if (!std::isfinite(ms) || ms >= double(ServerWait::kForever))
        return ServerWait::kForever;
    return qint64(ms);
}

} // namespace

std::optional<qint64> parseResetDurationMs(QByteArrayView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    double total = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype start = i;
        while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
            ++i;
        if (i == start)
            return std::nullopt;
        bool ok = false;
        const double value = text.sliced(start, i - start).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i])))
            ++i;
        const QByteArrayView unit = text.sliced(unitStart, i - unitStart);
        double ms = 0;
        if (unit == "h")
            ms = 3'600'000;
        else if (unit == "m")
            ms = 60'000;
        else if (unit == "s")
            ms = 1000;
        else if (unit == "ms")
            ms = 1;
        else if (unit == "us")
            ms = 0.001;
        else if (unit == "ns")
            ms = 0.000001;
        else
            return std::nullopt;
        total += value * ms;
    }
    const double rounded = std::ceil(total);
    if (!std::isfinite(rounded) || rounded >= double(ServerWait::kForever))
        return ServerWait::kForever;
    return qint64(rounded);
}

QDateTime parseHttpDate(QByteArrayView text)
{
    // IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT", asctime
    // "Sun Nov  6 08:49:37 1994" (RFC 9110, 5.6.7).
    static const QRegularExpression imf(
        u"^[A-Za-z]{3}, (\\d{1,2}) ([A-Za-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$"_s);
    static const QRegularExpression rfc850(
        u"^[A-Za-z]+, (\\d{1,2})-([A-Za-z]{3})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$"_s);
    static const QRegularExpression asctime(
        u"^[A-Za-z]{3} ([A-Za-z]{3}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$"_s);
    static const QStringList months{u"jan"_s, u"feb"_s, u"mar"_s, u"apr"_s, u"may"_s, u"jun"_s,
                                    u"jul"_s, u"aug"_s, u"sep"_s, u"oct"_s, u"nov"_s, u"dec"_s};
    const QString s = QString::fromLatin1(text.trimmed());
    int day = 0, month = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (const auto m = imf.match(s); m.hasMatch()) {
        day = m.captured(1).toInt();
        month = int(months.indexOf(m.captured(2).toLower())) + 1;
        year = m.captured(3).toInt();
        hour = m.captured(4).toInt();
        minute = m.captured(5).toInt();
        second = m.captured(6).toInt();
    } else if (const auto n = rfc850.match(s); n.hasMatch()) {
        day = n.captured(1).toInt();
        month = int(months.indexOf(n.captured(2).toLower())) + 1;
        year = n.captured(3).toInt();
        year += year < 70 ? 2000 : 1900;
        hour = n.captured(4).toInt();
        minute = n.captured(5).toInt();
        second = n.captured(6).toInt();
    } else if (const auto a = asctime.match(s); a.hasMatch()) {
        month = int(months.indexOf(a.captured(1).toLower())) + 1;
        day = a.captured(2).toInt();
        hour = a.captured(3).toInt();
        minute = a.captured(4).toInt();
        second = a.captured(5).toInt();
        year = a.captured(6).toInt();
    } else {
        return {};
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, QTimeZone::utc());
}

ServerWait serverWait(const QList<QPair<QByteArray, QByteArray>> &headers, int status, const QDateTime &nowUtc)
{
    if (const QByteArray ms = header(headers, "retry-after-ms"); !ms.isEmpty())
        if (auto value = amount(ms, 1))
            return {*value, "retry-after-ms"};
    if (const QByteArray after = header(headers, "retry-after"); !after.isEmpty()) {
        if (auto seconds = amount(after, 1000))
            return {*seconds, "Retry-After"};
        const QDateTime at = parseHttpDate(after);
        if (at.isValid())
            return {std::max<qint64>(0, nowUtc.msecsTo(at)), "Retry-After"};
    }
    if (status != 429)
        return {};
    ServerWait wait;
    for (const char *name : {"x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"}) {
        const QByteArray value = header(headers, name);
        if (value.isEmpty())
            continue;
        if (auto ms = parseResetDurationMs(value); ms && *ms > wait.ms)
            wait = {*ms, name};
    }
    return wait;
}

std::optional<bool> serverShouldRetry(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    const QByteArray value = header(headers, "x-should-retry").toLower();
    if (value == "true")
        return true;
    if (value == "false")
        return false;
    return std::nullopt;
}

} // namespace vd::openai
