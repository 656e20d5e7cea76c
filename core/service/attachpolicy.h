#pragma once

#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QHash>
#include <QString>

#include <functional>
#include <optional>

namespace vd {

// The one rule for which files may be attached to a store, and why not. The service applies it
// inside the attach transaction (so concurrent attachers cannot pass a limit together); the
// window's drop preview applies it to a whole drop before anything is copied, so the preview and
// `vectordesk file attach` give the same verdict for the same files.
//
// The agreed behaviour:
// - the operator needs the editor role, and the store must not have expired;
// - the extension must be one file search reads, and one the tenant's plan allows;
// - an empty file is refused (there is nothing to index; OpenAI fails it too);
// - a file over the plan's per-file size is refused before its bytes are copied anywhere;
// - the same content twice in one store is refused (already in the store, or earlier in the same
//   batch); the same *name* with other content is accepted: names are not unique in OpenAI's
//   stores either, and a folder tree often holds several README.md;
// - a file that would pass the store's file limit or the tenant's storage limit is refused.
//
// Every refusal is a ServiceError whose details carry a stable "reason" (see AttachRefusal).
class AttachPolicy
{
public:
    // What the store and tenant hold when the check starts.
    struct Holdings
    {
        QString tenantSlug;
        QString plan;
        PlanLimits limits;
        Role role = Role::Viewer;
        QString storeName;
        BackendKind backend = BackendKind::Local; // the store's
        bool storeExpired = false;
        qint64 storeFiles = 0; // every file record of the store that counts against its limit
        qint64 tenantBytes = 0; // bytes of the tenant's live files in live stores
    };
    // A file of the store with the given sha256, if there is one: (id, name).
    struct Existing
    {
        qint64 id = 0;
        QString filename;
    };
    using ContentLookup = std::function<Result<std::optional<Existing>>(const QString &sha256)>;

    AttachPolicy(Holdings holdings, ContentLookup findContent);

    // Checks that need only the name and size: role, store state, type, emptiness, size.
    // Run it before reading or copying the file.
    Result<void> checkFile(const QString &filename, qint64 sizeBytes) const;
    // Checks what the file at `path` holds against its name with the rule ingestion applies
    // (engine::detectType, docs/extraction.md): a program or an image named .txt, a PNG named
    // .pdf, a legacy .doc (local stores; OpenAI reads those) are refused with the reason
    // unsupported_file or invalid_file and extraction's message. Reads the first bytes only.
    Result<void> checkContent(const QString &path, const QString &filename) const;
    // Checks the content against the store and this batch (duplicates) and the limits. On
    // success the file counts as attached for the rest of the batch.
    Result<void> admit(const QString &filename, qint64 sizeBytes, const QString &sha256);

    const Holdings &holdings() const { return m_holdings; }

private:
    Holdings m_holdings;
    ContentLookup m_findContent;
    QHash<QString, QString> m_admitted; // sha256 -> name, this batch
};

// The stable reasons behind a refusal, in ServiceError::details()["reason"].
namespace attach_refusal {
inline constexpr char16_t Role[] = u"role";
inline constexpr char16_t StoreExpired[] = u"store_expired";
inline constexpr char16_t NoName[] = u"no_name";
// OpenAI's file error codes, as extraction gives them: the extension or the content is a type
// file search cannot read; the content does not match its (supported) extension.
inline constexpr char16_t UnsupportedType[] = u"unsupported_file";
inline constexpr char16_t InvalidContent[] = u"invalid_file";
inline constexpr char16_t TypeNotAllowed[] = u"type_not_allowed";
inline constexpr char16_t Empty[] = u"empty_file";
inline constexpr char16_t TooLarge[] = u"file_too_large";
inline constexpr char16_t DuplicateContent[] = u"duplicate_content";
inline constexpr char16_t StoreFull[] = u"store_file_limit";
inline constexpr char16_t TenantFull[] = u"tenant_storage_limit";
} // namespace attach_refusal

// The reason of a refusal made by AttachPolicy, or an empty string for other errors.
QString attachRefusalReason(const ServiceError &error);

} // namespace vd
