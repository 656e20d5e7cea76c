#pragma once

#include <QString>

// Public ids of objects the API shows ("vs_…", "file-…"): random, opaque strings like OpenAI's,
// never derived from a row's integer key (migrations/0009_api_objects.sql).
namespace vd::apiid {

inline constexpr auto kStorePrefix = "vs_";
inline constexpr auto kFilePrefix = "file-";
inline constexpr auto kBatchPrefix = "vsfb_";

// `prefix` followed by `length` characters of [A-Za-z0-9] from the system's CSPRNG.
QString generate(const char *prefix, int length = 24);
// Whether `text` is `prefix` followed by 1 to 60 characters of [A-Za-z0-9]: the shape every id
// this server makes has. Anything else cannot name an object here.
bool hasShape(const QString &text, const char *prefix);

} // namespace vd::apiid
