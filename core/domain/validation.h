#pragma once

#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace vd {

// OpenAI's limits, applied to every backend (openai-vector-stores.md §2.3, §2.4, §5.1).
namespace limits {
inline constexpr int kMaxKeys = 16;
inline constexpr int kMaxKeyLength = 64;
inline constexpr int kMaxStringValueLength = 512;
inline constexpr int kMinExpiryDays = 1;
inline constexpr int kMaxExpiryDays = 365;
inline constexpr int kMinChunkTokens = 100;
inline constexpr int kMaxChunkTokens = 4096;
inline constexpr int kMaxStoreNameLength = 256;
} // namespace limits

using Problem = std::optional<ServiceError>;

Problem validateSlug(const QString &slug);
// A valid slug made from a person's or team's name ("Alice Smith" -> "alice-smith"; "team" when
// nothing usable is left): the default the first-run set-up offers.
QString suggestedSlug(const QString &name);
Problem validateDisplayName(const QString &name);
Problem validateStoreName(const QString &name);
Problem validateBackend(const QString &backend);
// Store metadata: at most 16 keys of at most 64 characters, string values of at most 512.
Problem validateMetadata(const QJsonObject &metadata);
// File attributes: as metadata, but values may also be numbers and booleans.
Problem validateAttributes(const QJsonObject &attributes);
Problem validateExpiryDays(int days);
Problem validateChunking(const ChunkingStrategy &chunking);
// How many characters a text has for VectorDesk's and OpenAI's limits: Unicode code points,
// not UTF-16 units (an emoji counts once).
qsizetype characterCount(const QString &text);

// A chunking as it is recorded: checked against OpenAI's limits, and auto always with its fixed
// numbers (whatever sizes came with it).
Result<ChunkingStrategy> recordedChunking(const ChunkingStrategy &chunking);
// Plan overrides: keys are limit names, values non-negative integers (allowed_types: a list).
Problem validatePlanOverrides(const QJsonObject &overrides);

// Parses a JSON object given on a command line or in a form, naming what is wrong. Empty (or
// blank) text is refused: {} clears, "" is a mistake (an unset shell variable).
std::optional<QJsonObject> parseJsonObject(const QString &text, const QString &what, ServiceError *error);

} // namespace vd
