#pragma once

#include <QString>

// Small shared values and helpers of the domain: time spans in unix milliseconds, sizes.
namespace vd {

constexpr qint64 kSecondMs = 1000;
constexpr qint64 kMinuteMs = 60 * kSecondMs;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;

// "1.5 MiB": IEC units with one decimal, in the C locale (messages and CLI output; the window
// formats sizes in the user's locale).
QString formatBytes(qint64 bytes);

// "1 day", "3 days": a count with its noun in the right number (English messages, CLI output
// and logs; the window's texts go through tr() with %n instead).
QString plural(qint64 n, QStringView one, QStringView many);

} // namespace vd
