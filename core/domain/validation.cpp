#include "core/domain/validation.h"

#include "core/domain/filetypes.h"
#include "core/domain/status.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vd {

namespace { } // namespace

qsizetype characterCount(const QString &text)
{
    // Code points, as OpenAI counts its limits: a surrogate pair (an emoji) is one character.
    return text.size() - std::count_if(text.cbegin(), text.cend(), [](QChar c) { return c.isLowSurrogate(); });
}

namespace {

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

Problem validateKeyValueMap(const QJsonObject &map, const QString &what, bool allowScalars)
{
    if (map.size() > limits::kMaxKeys) {
        return ServiceError::invalid(u"%1 has %2 keys; at most %3 are allowed. Remove %4 of them."_s.arg(what)
                                         .arg(map.size())
                                         .arg(limits::kMaxKeys)
                                         .arg(map.size() - limits::kMaxKeys),
                                     what.toLower());
    }
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        const QString &key = it.key();
        if (key.isEmpty())
            return ServiceError::invalid(u"%1 has an empty key; every key needs a name."_s.arg(what), what.toLower());
        if (characterCount(key) > limits::kMaxKeyLength) {
            return ServiceError::invalid(
                u"%1 key '%2…' is %3 characters long; at most %4 are allowed."_s.arg(what, key.left(20))
                    .arg(characterCount(key))
                    .arg(limits::kMaxKeyLength),
                what.toLower());
        }
        const QJsonValue value = it.value();
        if (value.isString()) {
            const qsizetype length = characterCount(value.toString());
            if (length > limits::kMaxStringValueLength) {
                return ServiceError::invalid(
                    u"%1 value of '%2' is %3 characters long; at most %4 are allowed."_s.arg(what, key).arg(length).arg(
                        limits::kMaxStringValueLength),
                    what.toLower());
            }
            continue;
        }
        if (allowScalars && (value.isDouble() || value.isBool()))
            continue;
        const QString allowed = allowScalars ? u"a string, a number or a boolean"_s : u"a string"_s;
        return ServiceError::invalid(u"%1 value of '%2' must be %3."_s.arg(what, key, allowed), what.toLower());
    }
    return std::nullopt;
}

} // namespace

Problem validateSlug(const QString &slug)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])$"_s);
    if (!pattern.match(slug).hasMatch()) {
        return ServiceError::invalid(
            u"Tenant slug '%1' is not valid: use 2 to 63 letters, digits and hyphens, starting and "
            u"ending with a letter or digit (for example acme or acme-eu)."_s.arg(slug),
            u"slug"_s);
    }
    bool isNumber = false;
    slug.toLongLong(&isNumber);
    if (isNumber)
        return ServiceError::invalid(u"Tenant slug '%1' is all digits; it would be mistaken for an id. "
                                     u"Add a letter."_s.arg(slug),
                                     u"slug"_s);
    return std::nullopt;
}

QString suggestedSlug(const QString &name)
{
    static const QRegularExpression other(u"[^a-z0-9]+"_s);
    QString slug = name.toLower().replace(other, u"-"_s).left(63);
    while (slug.startsWith(u'-'))
        slug.remove(0, 1);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    return validateSlug(slug) ? u"team"_s : slug;
}

Problem validateDisplayName(const QString &name)
{
    if (name.trimmed().isEmpty() || characterCount(name) > 200 || hasControlCharacters(name))
        return ServiceError::invalid(u"Display name must be 1 to 200 characters without control characters."_s,
                                     u"display_name"_s);
    return std::nullopt;
}

Problem validateStoreName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return ServiceError::invalid(u"Store name is empty; give the store a name."_s, u"name"_s);
    if (name != name.trimmed())
        return ServiceError::invalid(u"Store name '%1' starts or ends with spaces; remove them."_s.arg(name),
                                     u"name"_s);
    if (characterCount(name) > limits::kMaxStoreNameLength)
        return ServiceError::invalid(
            u"Store name is %1 characters long; at most %2 are allowed."_s.arg(characterCount(name))
                .arg(limits::kMaxStoreNameLength),
            u"name"_s);
    if (hasControlCharacters(name))
        return ServiceError::invalid(u"Store name contains control characters (such as a line break); remove them."_s,
                                     u"name"_s);
    bool isNumber = false;
    name.toLongLong(&isNumber);
    if (isNumber)
        return ServiceError::invalid(u"Store name '%1' is all digits; it would be mistaken for a store id. Add a "
                                     u"letter."_s.arg(name),
                                     u"name"_s);
    return std::nullopt;
}

Problem validateBackend(const QString &backend)
{
    if (backendFromName(backend))
        return std::nullopt;
    return ServiceError::invalid(u"Unknown backend '%1'; use local (the embedded engine) or openai."_s.arg(backend),
                                 u"backend"_s);
}

Problem validateMetadata(const QJsonObject &metadata)
{
    return validateKeyValueMap(metadata, u"Metadata"_s, false);
}

Problem validateAttributes(const QJsonObject &attributes)
{
    return validateKeyValueMap(attributes, u"Attributes"_s, true);
}

Problem validateExpiryDays(int days)
{
    if (days < limits::kMinExpiryDays || days > limits::kMaxExpiryDays) {
        return ServiceError::invalid(u"Expiry of %1 days is out of range; use %2 to %3 days, or no expiry."_s.arg(days)
                                         .arg(limits::kMinExpiryDays)
                                         .arg(limits::kMaxExpiryDays),
                                     u"expires_after.days"_s);
    }
    return std::nullopt;
}

Problem validateChunking(const ChunkingStrategy &chunking)
{
    if (chunking.type == u"auto"_s)
        return std::nullopt;
    if (chunking.type != u"static"_s)
        return ServiceError::invalid(u"Chunking strategy '%1' is unknown; use auto or static."_s.arg(chunking.type),
                                     u"chunking_strategy.type"_s);
    if (chunking.maxChunkSizeTokens < limits::kMinChunkTokens
        || chunking.maxChunkSizeTokens > limits::kMaxChunkTokens) {
        return ServiceError::invalid(
            u"max_chunk_size_tokens %1 is out of range; use %2 to %3."_s.arg(chunking.maxChunkSizeTokens)
                .arg(limits::kMinChunkTokens)
                .arg(limits::kMaxChunkTokens),
            u"chunking_strategy.static.max_chunk_size_tokens"_s);
    }
    const int maxOverlap = chunking.maxChunkSizeTokens / 2;
    if (chunking.chunkOverlapTokens < 0 || chunking.chunkOverlapTokens > maxOverlap) {
        return ServiceError::invalid(u"chunk_overlap_tokens %1 is out of range; with chunks of %2 tokens use 0 to %3."_s
                                         .arg(chunking.chunkOverlapTokens)
                                         .arg(chunking.maxChunkSizeTokens)
                                         .arg(maxOverlap),
                                     u"chunking_strategy.static.chunk_overlap_tokens"_s);
    }
    return std::nullopt;
}

Problem validatePlanOverrides(const QJsonObject &overrides)
{
    static const QStringList numericKeys = {u"max_stores"_s, u"max_files_per_store"_s, u"max_file_bytes"_s,
                                            u"max_total_bytes"_s};
    for (auto it = overrides.constBegin(); it != overrides.constEnd(); ++it) {
        if (it.key() == u"allowed_types"_s) {
            if (!it.value().isArray())
                return ServiceError::invalid(u"Override allowed_types must be a list of file extensions."_s,
                                             u"plan_overrides"_s);
            for (const QJsonValue &type : it.value().toArray()) {
                if (!type.isString() || !FileTypes::isKnownExtension(type.toString()))
                    return ServiceError::invalid(
                        u"Override allowed_types contains '%1', which is not a file type file search supports "
                        u"(supported: %2)."_s.arg(type.toVariant().toString(), FileTypes::extensions().join(u", "_s)),
                        u"plan_overrides"_s);
            }
            continue;
        }
        if (!numericKeys.contains(it.key()))
            return ServiceError::invalid(
                u"Unknown plan override '%1'; known: %2, allowed_types."_s.arg(it.key(), numericKeys.join(u", "_s)),
                u"plan_overrides"_s);
        const double value = it.value().toDouble(-1);
        if (!it.value().isDouble() || value < 0 || value != double(qint64(value)))
            return ServiceError::invalid(u"Override %1 must be a whole number of at least 0."_s.arg(it.key()),
                                         u"plan_overrides"_s);
    }
    return std::nullopt;
}

std::optional<QJsonObject> parseJsonObject(const QString &text, const QString &what, ServiceError *error)
{
    // Empty text is refused rather than read as {}: an empty shell variable would otherwise wipe
    // every key. Clearing is done on purpose, with {} (as --filter '' is refused too).
    if (text.trimmed().isEmpty()) {
        *error = ServiceError::invalid(u"%1 is empty; give a JSON object such as {\"key\": \"value\"}, or pass {} "
                                       u"to clear them all."_s.arg(what),
                                       what.toLower());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = ServiceError::invalid(
            u"%1 is not valid JSON: %2 at offset %3."_s.arg(what, parseError.errorString()).arg(parseError.offset),
            what.toLower());
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = ServiceError::invalid(u"%1 must be a JSON object such as {\"key\": \"value\"}."_s.arg(what),
                                       what.toLower());
        return std::nullopt;
    }
    return document.object();
}

Result<ChunkingStrategy> recordedChunking(const ChunkingStrategy &chunking)
{
    if (auto p = validateChunking(chunking))
        return *p;
    return chunking.type == u"auto"_s ? ChunkingStrategy{} : chunking;
}

} // namespace vd
