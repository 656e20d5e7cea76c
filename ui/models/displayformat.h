#pragma once

#include "core/domain/types.h"

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace vd {
struct DatabaseUrl;
}

// How values read in the tables: sizes, times, statuses, roles. Pure functions, so the words a
// user sees are testable without a window.
namespace vd::ui::format {

// "0 bytes", "512 bytes", "1.2 MiB"
QString bytes(qint64 bytes);
// "37%"
QString percent(double percent);
// "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", "in 2 days"; past 30 days the
// date in the locale's short format with the full year. Times are unix milliseconds.
QString relativeTime(qint64 whenMs, qint64 nowMs);
// "5/1/2024 2:03:07 PM" (en_US), "01.05.2024 14:03:07" (de) in local time: the locale's short
// date with the full year and its short time with seconds, the one format of a point in time in
// the window.
QString dateTime(qint64 ms);
// The format dateTime(ms) writes, for QLocale::toDateTime.
QString dateTimeFormat();
// The date part of dateTime(ms): "5/1/2024", "01.05.2024".
QString date(qint64 ms);
// An ISO 8601 time ("2026-05-01T12:03:07.000Z", as reports carry them) shown like dateTime(ms);
// text that is not one comes back unchanged.
QString dateTime(const QString &iso);
// The text with every ISO 8601 time in it shown like dateTime(ms) ("expires at 2026-05-01
// 14:03:07 (in 2 days)").
QString withLocalTimes(const QString &text);
// For a store's expiry: "never", "in 5 days", "expired 2 days ago".
QString expiresIn(const std::optional<qint64> &expiresAtMs, qint64 nowMs);
// "Completed", "In progress", "Failed", "Cancelled"
QString statusText(FileStatus status);
// "Completed", "In progress", "Expired"
QString statusText(StoreStatus status);
// "Owner", "Admin", ...
QString roleText(Role role);
// The role as a word inside a sentence ("carol is now editor of acme"): lower case in English
// and French, a capitalized noun in German; never roleText() lower-cased.
QString roleWord(Role role);
// "Local", "OpenAI"
QString backendText(BackendKind backend);
// "SQLite file /path", "PostgreSQL database vd at db.example.com:5432 as user alice": the window's
// words for DatabaseUrl::describe(), which logs and the CLI print in English.
QString databaseText(const DatabaseUrl &url);
// Attributes on one line, keys sorted: "author=alice, year=2024".
QString attributesText(const QJsonObject &attributes);
// "12 ✓ · 3 ◷ · 1 ✗" (zero counts left out); "none" when the store has no files.
QString fileCountsText(const FileCounts &counts);
// "12 completed, 3 in progress, 1 failed, 0 cancelled"
QString fileCountsToolTip(const FileCounts &counts);

// What a status means for the user, which decides its color.
enum class Tone { Neutral, Good, Busy, Bad, Muted };
Tone toneOf(FileStatus status);
Tone toneOf(StoreStatus status);

} // namespace vd::ui::format

namespace vd::ui {

// Colors and dot icons for statuses, chosen for the current palette (lighter on dark themes).
// Make one per model; it must be created and used on the GUI thread.
class StatusBadges
{
public:
    StatusBadges();

    // Invalid for Tone::Neutral (the view's normal text color applies).
    QColor color(format::Tone tone) const;
    QColor color(FileStatus status) const { return color(format::toneOf(status)); }
    QColor color(StoreStatus status) const { return color(format::toneOf(status)); }
    // A small filled circle in the tone's color; null for Tone::Neutral.
    QIcon icon(format::Tone tone) const;
    QIcon icon(FileStatus status) const { return icon(format::toneOf(status)); }
    QIcon icon(StoreStatus status) const { return icon(format::toneOf(status)); }

private:
    bool m_dark = false;
    mutable QHash<int, QIcon> m_icons;
};

} // namespace vd::ui
