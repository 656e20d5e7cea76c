#include "ui/models/displayformat.h"

#include "core/domain/units.h"

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

QString tr(const char *text)
{
    return QCoreApplication::translate("vd::ui::format", text);
}

QString isoDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd"_s);
}

} // namespace

QString bytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString percent(double percent)
{
    return QLocale().toString(percent, 'f', 0) + u'%';
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
        return future ? tr("in a moment") : tr("just now");
    if (distance >= kDateAfterMs)
        return isoDate(whenMs);
    if (const qint64 minutes = rounded(kMinuteMs); minutes < 60) {
        const QString n = QString::number(minutes);
        return future ? tr("in %1 min").arg(n) : tr("%1 min ago").arg(n);
    }
    if (const qint64 hours = rounded(kHourMs); hours < 24) {
        const QString n = QString::number(hours);
        return future ? tr("in %1 h").arg(n) : tr("%1 h ago").arg(n);
    }
    const qint64 days = rounded(kDayMs);
    if (days == 1)
        return future ? tr("tomorrow") : tr("yesterday");
    const QString n = QString::number(days);
    return future ? tr("in %1 days").arg(n) : tr("%1 days ago").arg(n);
}

QString dateTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd HH:mm:ss"_s);
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
        return tr("never");
    const qint64 at = *expiresAtMs;
    if (at <= nowMs) {
        if (nowMs - at >= kDateAfterMs)
            return tr("expired on %1").arg(isoDate(at));
        return tr("expired %1").arg(relativeTime(at, nowMs));
    }
    if (at - nowMs >= kDateAfterMs)
        return tr("on %1").arg(isoDate(at));
    return relativeTime(at, nowMs);
}

QString statusText(FileStatus status)
{
    switch (status) {
    case FileStatus::Completed:
        return tr("Completed");
    case FileStatus::InProgress:
        return tr("In progress");
    case FileStatus::Failed:
        return tr("Failed");
    case FileStatus::Cancelled:
        return tr("Cancelled");
    }
    return fileStatusName(status);
}

QString statusText(StoreStatus status)
{
    switch (status) {
    case StoreStatus::Completed:
        return tr("Completed");
    case StoreStatus::InProgress:
        return tr("In progress");
    case StoreStatus::Expired:
        return tr("Expired");
    }
    return storeStatusName(status);
}

QString roleText(Role role)
{
    switch (role) {
    case Role::Viewer:
        return tr("Viewer");
    case Role::Editor:
        return tr("Editor");
    case Role::Admin:
        return tr("Admin");
    case Role::Owner:
        return tr("Owner");
    }
    return roleName(role);
}

QString backendText(BackendKind backend)
{
    switch (backend) {
    case BackendKind::Local:
        return tr("Local");
    case BackendKind::OpenAI:
        return u"OpenAI"_s;
    }
    return backendName(backend);
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
        return tr("none");
    QStringList parts;
    if (counts.completed > 0)
        parts << QString::number(counts.completed) + u" ✓"_s;
    if (counts.inProgress > 0)
        parts << QString::number(counts.inProgress) + u" ◷"_s;
    if (counts.failed > 0)
        parts << QString::number(counts.failed) + u" ✗"_s;
    if (counts.cancelled > 0)
        parts << QString::number(counts.cancelled) + u" ⊘"_s;
    return parts.join(u" · "_s);
}

QString fileCountsToolTip(const FileCounts &counts)
{
    return tr("%1 completed, %2 in progress, %3 failed, %4 cancelled")
        .arg(counts.completed)
        .arg(counts.inProgress)
        .arg(counts.failed)
        .arg(counts.cancelled);
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

namespace vd::ui::format {

QString counted(qint64 n, const QString &one, const QString &many)
{
    return n == 1 ? one : many.arg(QLocale().toString(n));
}

} // namespace vd::ui::format
