#include "ui/models/displayformat.h"

#include "core/domain/units.h"
#include "core/storage/databaseurl.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QGuiApplication>
#include <QJsonValue>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace vd::ui::format {

namespace {

constexpr qint64 kDateAfterMs = 30 * kDayMs;

// The translation context of the words below (lupdate reads it from the declaration).
struct Words
{
    Q_DECLARE_TR_FUNCTIONS(vd::ui::format)
};

// The locale's short date with the year in full ("12/4/2026", "04.12.2026", "04/12/2026").
QString dateFormat()
{
    QString format = QLocale().dateFormat(QLocale::ShortFormat);
    if (!format.contains(u"yyyy"_s))
        format.replace(u"yy"_s, u"yyyy"_s);
    return format;
}

// The locale's short time with seconds ("2:03:07 PM", "14:03:07"): audit entries and runs a
// few seconds apart must not read alike.
QString timeFormat()
{
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    if (!format.contains(u's'))
        format.replace(u"mm"_s, u"mm:ss"_s);
    return format;
}

} // namespace

QString date(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).date(), dateFormat());
}

QString dateTimeFormat()
{
    return dateFormat() + u' ' + timeFormat();
}

QString bytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString percent(double percent)
{
    // Where the sign goes, and the space before it, is the language's: "97%", "97 %", "97 %".
    return Words::tr("%1%", "a percentage: the number, then the percent sign as the language writes it")
        .arg(QLocale().toString(percent, 'f', 0));
}

QString relativeTime(qint64 whenMs, qint64 nowMs)
{
    const qint64 diff = nowMs - whenMs;
    const bool future = diff < 0;
    const qint64 distance = future ? -diff : diff;
    // Rounded to the nearest unit: a 30-day expiry set a moment ago reads "in 30 days".
    auto rounded = [distance](qint64 unit) {
        return (distance + unit / 2) / unit;
    };
    if (distance < kMinuteMs)
        return future ? Words::tr("in a moment") : Words::tr("just now");
    if (distance >= kDateAfterMs)
        return date(whenMs);
    if (const int minutes = int(rounded(kMinuteMs)); minutes < 60)
        return future ? Words::tr("in %Ln min", nullptr, minutes) : Words::tr("%Ln min ago", nullptr, minutes);
    if (const int hours = int(rounded(kHourMs)); hours < 24)
        return future ? Words::tr("in %Ln h", nullptr, hours) : Words::tr("%Ln h ago", nullptr, hours);
    const int days = int(rounded(kDayMs));
    if (days == 1)
        return future ? Words::tr("tomorrow") : Words::tr("yesterday");
    return future ? Words::tr("in %Ln day(s)", nullptr, days) : Words::tr("%Ln day(s) ago", nullptr, days);
}

QString dateTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), dateTimeFormat());
}

QString dateTime(const QString &iso)
{
    QDateTime when = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!when.isValid())
        when = QDateTime::fromString(iso, Qt::ISODate);
    return when.isValid() ? dateTime(when.toMSecsSinceEpoch()) : iso;
}

QString withLocalTimes(const QString &text)
{
    static const QRegularExpression iso(
        u"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?"_s);
    QString result;
    qsizetype from = 0;
    for (auto it = iso.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        result += QStringView(text).mid(from, match.capturedStart() - from);
        result += dateTime(match.captured());
        from = match.capturedEnd();
    }
    result += QStringView(text).mid(from);
    return result;
}

QString expiresIn(const std::optional<qint64> &expiresAtMs, qint64 nowMs)
{
    if (!expiresAtMs)
        return Words::tr("never");
    const qint64 at = *expiresAtMs;
    if (at <= nowMs) {
        if (nowMs - at >= kDateAfterMs)
            return Words::tr("expired on %1").arg(date(at));
        return Words::tr("expired %1").arg(relativeTime(at, nowMs));
    }
    if (at - nowMs >= kDateAfterMs)
        return Words::tr("on %1").arg(date(at));
    return relativeTime(at, nowMs);
}

QString statusText(FileStatus status)
{
    switch (status) {
    case FileStatus::Completed:
        return Words::tr("Completed");
    case FileStatus::InProgress:
        return Words::tr("In progress");
    case FileStatus::Failed:
        return Words::tr("Failed");
    case FileStatus::Cancelled:
        return Words::tr("Cancelled");
    }
    return fileStatusName(status);
}

QString statusText(StoreStatus status)
{
    switch (status) {
    case StoreStatus::Completed:
        return Words::tr("Completed");
    case StoreStatus::InProgress:
        return Words::tr("In progress");
    case StoreStatus::Expired:
        return Words::tr("Expired");
    }
    return storeStatusName(status);
}

QString roleText(Role role)
{
    switch (role) {
    case Role::Viewer:
        return Words::tr("Viewer");
    case Role::Editor:
        return Words::tr("Editor");
    case Role::Admin:
        return Words::tr("Admin");
    case Role::Owner:
        return Words::tr("Owner");
    }
    return roleName(role);
}

QString roleWord(Role role)
{
    switch (role) {
    case Role::Viewer:
        return Words::tr("viewer", "a role inside a sentence");
    case Role::Editor:
        return Words::tr("editor", "a role inside a sentence");
    case Role::Admin:
        return Words::tr("admin", "a role inside a sentence");
    case Role::Owner:
        return Words::tr("owner", "a role inside a sentence");
    }
    return roleName(role);
}

QString backendText(BackendKind backend)
{
    switch (backend) {
    case BackendKind::Local:
        return Words::tr("Local");
    case BackendKind::OpenAI:
        return u"OpenAI"_s;
    }
    return backendName(backend);
}

QString databaseText(const DatabaseUrl &url)
{
    if (url.isSqlite())
        return Words::tr("SQLite file %1").arg(url.sqlitePath);
    const QString where = url.host.startsWith(u'/')
        ? Words::tr("socket %1 (port %2)").arg(url.host, QString::number(url.port))
        : u"%1:%2"_s.arg(url.host).arg(url.port);
    return Words::tr("PostgreSQL database %1 at %2 as user %3").arg(url.database, where, url.user);
}

QString attributesText(const QJsonObject &attributes)
{
    QStringList parts;
    for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it) {
        const QJsonValue value = it.value();
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isBool())
            text = value.toBool() ? u"true"_s : u"false"_s;
        else if (value.isDouble())
            text = QString::number(value.toDouble(), 'g', 15);
        else if (value.isNull())
            text = u"null"_s;
        else
            text = u"…"_s;
        parts << it.key() + u'=' + text;
    }
    return parts.join(u", "_s);
}

QString fileCountsText(const FileCounts &counts)
{
    if (counts.total() == 0)
        return Words::tr("none");
    QStringList parts;
    const QLocale locale;
    if (counts.completed > 0)
        parts << locale.toString(counts.completed) + u" ✓"_s;
    if (counts.inProgress > 0)
        parts << locale.toString(counts.inProgress) + u" ◷"_s;
    if (counts.failed > 0)
        parts << locale.toString(counts.failed) + u" ✗"_s;
    if (counts.cancelled > 0)
        parts << locale.toString(counts.cancelled) + u" ⊘"_s;
    return parts.join(u" · "_s);
}

QString fileCountsToolTip(const FileCounts &counts)
{
    const QLocale locale;
    return Words::tr("%1 completed, %2 in progress, %3 failed, %4 cancelled")
        .arg(locale.toString(counts.completed), locale.toString(counts.inProgress), locale.toString(counts.failed),
             locale.toString(counts.cancelled));
}

Tone toneOf(FileStatus status)
{
    switch (status) {
    case FileStatus::Completed:
        return Tone::Good;
    case FileStatus::InProgress:
        return Tone::Busy;
    case FileStatus::Failed:
        return Tone::Bad;
    case FileStatus::Cancelled:
        return Tone::Muted;
    }
    return Tone::Neutral;
}

Tone toneOf(StoreStatus status)
{
    switch (status) {
    case StoreStatus::Completed:
        return Tone::Good;
    case StoreStatus::InProgress:
        return Tone::Busy;
    case StoreStatus::Expired:
        return Tone::Bad;
    }
    return Tone::Neutral;
}

} // namespace vd::ui::format

namespace vd::ui {

StatusBadges::StatusBadges()
    : m_dark(QGuiApplication::palette().color(QPalette::Base).lightness() < 128)
{ }

QColor StatusBadges::color(format::Tone tone) const
{
    switch (tone) {
    case format::Tone::Neutral:
        return {};
    case format::Tone::Good:
        return m_dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    case format::Tone::Busy:
        return m_dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xa1, 0x5c, 0x00);
    case format::Tone::Bad:
        return m_dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
    case format::Tone::Muted:
        return m_dark ? QColor(0x9e, 0x9e, 0x9e) : QColor(0x75, 0x75, 0x75);
    }
    return {};
}

QIcon StatusBadges::icon(format::Tone tone) const
{
    if (tone == format::Tone::Neutral)
        return {};
    const int key = int(tone);
    auto it = m_icons.constFind(key);
    if (it != m_icons.constEnd())
        return it.value();

    QIcon icon;
    for (const qreal ratio : {1.0, 2.0}) {
        QPixmap pixmap(QSize(16, 16) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color(tone));
        painter.drawEllipse(QRectF(3.5, 3.5, 9, 9));
        painter.end();
        icon.addPixmap(pixmap);
    }
    m_icons.insert(key, icon);
    return icon;
}

} // namespace vd::ui
