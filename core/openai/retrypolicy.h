#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QPair>

#include <limits>
#include <optional>

namespace vd::openai {

// How long a server asked the client to wait before trying again, read from its answer's headers
// the way OpenAI's SDKs read them: `retry-after-ms` (milliseconds), else `Retry-After` (seconds,
// or an HTTP-date), else, on a 429, the later of `x-ratelimit-reset-requests` and
// `x-ratelimit-reset-tokens` (durations such as `250ms`, `3s`, `1m30s`).
struct ServerWait
{
    static constexpr qint64 kForever = std::numeric_limits<qint64>::max() / 4; // absurd values saturate here
    qint64 ms = -1; // -1: the answer asks for nothing readable
    QByteArray header; // the header it came from, for messages
    bool present() const { return ms >= 0; }
};

ServerWait serverWait(const QList<QPair<QByteArray, QByteArray>> &headers, int status, const QDateTime &nowUtc);

// `x-should-retry: true|false`, when the server sends it: its word overrides the status rules.
std::optional<bool> serverShouldRetry(const QList<QPair<QByteArray, QByteArray>> &headers);

// A rate-limit reset duration as OpenAI writes it (Go durations: `250ms`, `3s`, `1m30s`, `1h2m3.5s`,
// `20us`), in milliseconds rounded up; nullopt when it is not one. Saturates at ServerWait::kForever.
std::optional<qint64> parseResetDurationMs(QByteArrayView text);

// An HTTP-date (RFC 9110: IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, the obsolete RFC 850 and
// asctime forms) in UTC; invalid when it is not one.
QDateTime parseHttpDate(QByteArrayView text);

} // namespace vd::openai
