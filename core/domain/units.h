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

} // namespace vd
