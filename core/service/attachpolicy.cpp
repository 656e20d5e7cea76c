#include "core/service/attachpolicy.h"

#include "core/domain/filetypes.h"
#include "core/domain/units.h"
#include "core/domain/validation.h"
#include "core/engine/extract/extractor.h"

using namespace Qt::StringLiterals;

namespace vd {

namespace {

ServiceError withReason(ServiceError error, const char16_t *reason)
{
    QJsonObject details = error.details();
    details.insert(u"reason"_s, QString::fromUtf16(reason));
    return ServiceError(error.kind(), error.message(), details);
}

} // namespace

QString attachRefusalReason(const ServiceError &error)
{
    return error.details().value(u"reason"_s).toString();
}

AttachPolicy::AttachPolicy(Holdings holdings, ContentLookup findContent)
    : m_holdings(std::move(holdings))
    , m_findContent(std::move(findContent))
{ }

Result<void> AttachPolicy::checkFile(const QString &filename, qint64 sizeBytes) const
{
    const Holdings &h = m_holdings;
    if (h.role < Role::Editor)
        return withReason(ServiceError::denied(u"Attaching files to tenant %1 needs the editor role; you are %2."_s.arg(
                                                   h.tenantSlug, roleName(h.role)),
                                               u"editor"_s),
                          attach_refusal::Role);
    if (h.storeExpired)
        return withReason(ServiceError::conflict(u"Store '%1' has expired; files cannot be attached to it. Create a "
                                                 u"new store."_s.arg(h.storeName)),
                          attach_refusal::StoreExpired);
    if (filename.trimmed().isEmpty() || characterCount(filename) > 1024)
        return withReason(ServiceError::invalid(u"File name must be 1 to 1024 characters."_s, u"filename"_s),
                          attach_refusal::NoName);
    const QString extension = FileTypes::extensionOf(filename);
    if (!FileTypes::isKnownExtension(extension))
        return withReason(
            ServiceError::invalid(u"'%1' is not a supported file type%2; file search accepts %3."_s.arg(
                                      filename,
                                      extension.isEmpty() ? u" (it has no extension)"_s : u" (.%1)"_s.arg(extension),
                                      FileTypes::extensions().join(u", "_s)),
                                  u"filename"_s),
            attach_refusal::UnsupportedType);
    if (!FileTypes::isAllowed(extension, h.limits.allowedTypes))
        return withReason(
            ServiceError::invalid(u"File type .%1 of '%2' is not allowed for tenant %3 (plan %4 allows "
                                  u"%5); ask an admin to change the plan's allowed types."_s.arg(
                                      extension, filename, h.tenantSlug, h.plan, h.limits.allowedTypes.join(u", "_s)),
                                  u"filename"_s),
            attach_refusal::TypeNotAllowed);
    if (sizeBytes < 0)
        return withReason(
            ServiceError::invalid(u"The size of '%1' cannot be negative."_s.arg(filename), u"size_bytes"_s),
            attach_refusal::NoName);
    if (sizeBytes == 0)
        return withReason(ServiceError::invalid(u"'%1' is empty (0 bytes): there is nothing to index."_s.arg(filename),
                                                u"size_bytes"_s),
                          attach_refusal::Empty);
    if (sizeBytes > h.limits.maxFileBytes)
        return withReason(
            ServiceError::quota(u"'%1' is %2; tenant %3 accepts files of up to %4 (plan %5). Split the "
                                u"file or raise the limit."_s.arg(filename, formatBytes(sizeBytes), h.tenantSlug,
                                                                  formatBytes(h.limits.maxFileBytes), h.plan),
                                u"max_file_bytes"_s, sizeBytes, h.limits.maxFileBytes),
            attach_refusal::TooLarge);
    return {};
}

Result<void> AttachPolicy::checkContent(const QString &path, const QString &filename) const
{
    // OpenAI reads Word 97-2003 files itself; only the local engine cannot (docs/extraction.md).
    if (m_holdings.backend == BackendKind::OpenAI && FileTypes::extensionOf(filename) == u"doc"_s)
        return {};
    const auto problem = engine::detectType(path, filename);
    if (!problem)
        return {};
    if (problem->code == engine::ExtractionError::ServerError)
        return ServiceError::unavailable(problem->message);
    const bool unsupported = problem->code == engine::ExtractionError::UnsupportedFile;
    return withReason(ServiceError::invalid(problem->message, u"file"_s),
                      unsupported ? attach_refusal::UnsupportedType : attach_refusal::InvalidContent);
}

Result<void> AttachPolicy::admit(const QString &filename, qint64 sizeBytes, const QString &sha256)
{
    if (auto checked = checkFile(filename, sizeBytes); !checked)
        return checked;
    Holdings &h = m_holdings;
    if (auto earlier = m_admitted.constFind(sha256); earlier != m_admitted.cend())
        return withReason(ServiceError::conflict(u"'%1' has the same content as '%2', attached to store '%3' in the "
                                                 u"same batch; the same bytes are attached once."_s.arg(
                                                     filename, earlier.value(), h.storeName)),
                          attach_refusal::DuplicateContent);
    if (m_findContent) {
        auto existing = m_findContent(sha256);
        if (!existing)
            return existing.error();
        if (existing.value())
            return withReason(
                ServiceError::conflict(u"Store '%1' already has this content as '%2' (file %3); the "
                                       u"same bytes are attached once."_s.arg(h.storeName, existing.value()->filename)
                                           .arg(existing.value()->id)),
                attach_refusal::DuplicateContent);
    }
    if (h.storeFiles >= h.limits.maxFilesPerStore)
        return withReason(ServiceError::quota(u"Store '%1' is at its plan limit of %2 files (plan %3); raise the limit "
                                              u"or remove files."_s.arg(h.storeName)
                                                  .arg(h.limits.maxFilesPerStore)
                                                  .arg(h.plan),
                                              u"max_files_per_store"_s, h.storeFiles, h.limits.maxFilesPerStore),
                          attach_refusal::StoreFull);
    if (h.tenantBytes + sizeBytes > h.limits.maxTotalBytes)
        return withReason(
            ServiceError::quota(u"Tenant %1 uses %2 of its %3 storage (plan %4); '%5' (%6) does not fit. "
                                u"Remove files or raise the limit."_s.arg(h.tenantSlug, formatBytes(h.tenantBytes),
                                                                          formatBytes(h.limits.maxTotalBytes), h.plan,
                                                                          filename, formatBytes(sizeBytes)),
                                u"max_total_bytes"_s, h.tenantBytes, h.limits.maxTotalBytes),
            attach_refusal::TenantFull);
    ++h.storeFiles;
    h.tenantBytes += sizeBytes;
    m_admitted.insert(sha256, filename);
    return {};
}

} // namespace vd
