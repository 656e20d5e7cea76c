#include "core/domain/filetypes.h"
#include "core/domain/status.h"
#include "core/domain/validation.h"
#include "core/service/storecounters.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/sqlvalues.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

// Recording stores that already exist on OpenAI (store import).

namespace vd {

namespace {

// Imported files have no local copy: a stand-in hash derived from the remote file id keeps their
// records distinct (and never equal to the hash of real content).
QString standInSha256(const QString &remoteFileId)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray("openai-file:" + remoteFileId.toUtf8()), QCryptographicHash::Sha256)
            .toHex());
}

} // namespace

Result<std::optional<QString>> VectorStoreService::importedAs(const QString &remoteId)
{
    auto known = runQuery(m_db,
                          u"SELECT s.name, t.slug FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id "
                          u"WHERE s.backend = 'openai' AND s.remote_id = ?"_s,
                          {remoteId}, u"looking for an earlier import of %1"_s.arg(remoteId));
    if (!known)
        return known.error();
    if (!known.value().next())
        return std::optional<QString>();
    return std::optional<QString>(
        u"store '%1' of tenant %2"_s.arg(known.value().value(0).toString(), known.value().value(1).toString()));
}

Result<VectorStoreService::Adopted> VectorStoreService::adoptRemoteStore(const QString &tenantRef,
                                                                         const RemoteStoreAdoption &adoption)
{
    auto a = access(tenantRef, Role::Admin, u"Importing an OpenAI store"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    if (adoption.remoteId.trimmed().isEmpty())
        return ServiceError::invalid(u"The remote store has no id; nothing was imported."_s, u"id"_s);
    if (adoption.status != u"in_progress"_s && adoption.status != u"completed"_s)
        return ServiceError::invalid(u"Remote store %1 has status '%2'; only in_progress and completed stores can be "
                                     u"imported."_s.arg(adoption.remoteId, adoption.status),
                                     u"status"_s);
    StoreDraft wanted;
    wanted.backend = backendName(BackendKind::OpenAI);
    wanted.name = adoption.name.simplified().left(100);
    if (wanted.name.isEmpty())
        wanted.name = adoption.remoteId;
    wanted.metadata = adoption.metadata;
    wanted.expiresAfterDays = adoption.expiresAfterDays;
    for (const RemoteFileAdoption &f : adoption.files)
        if (!fileStatusFromName(f.status))
            return ServiceError::invalid(u"File %1 of remote store %2 has status '%3', which VectorDesk does not know; "
                                         u"nothing was imported."_s.arg(f.remoteFileId, adoption.remoteId, f.status),
                                         u"status"_s);

    const QString doing = u"importing OpenAI store %1 into tenant %2"_s.arg(adoption.remoteId, t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto known = importedAs(adoption.remoteId);
    if (!known)
        return known.error();
    if (known.value())
        return ServiceError::conflict(
            u"OpenAI store %1 is already in VectorDesk as %2."_s.arg(adoption.remoteId, *known.value()));
    auto taken = runQuery(
        m_db, u"SELECT 1 FROM vector_stores WHERE tenant_id = ? AND lower(name) = lower(?) AND deleted_at IS NULL"_s,
        {t.id, wanted.name}, doing);
    if (!taken)
        return taken.error();
    if (taken.value().next())
        wanted.name = u"%1 (%2)"_s.arg(wanted.name.left(60), adoption.remoteId);
    taken.value().finish();
    auto draft = checkedStoreDraft(t, wanted);
    if (!draft)
        return draft.error();
    auto store = insertStore(t, draft.value(), u"store.import"_s, doing);
    if (!store)
        return store.error();
    auto adopted = runQuery(m_db,
                            u"UPDATE vector_stores SET remote_id = ?, status = ?, expires_at = ?, last_active_at = "
                            u"coalesce(?, last_active_at) WHERE id = ?"_s,
                            {adoption.remoteId, adoption.status, sql::nullableInt(adoption.expiresAt),
                             sql::nullableInt(adoption.lastActiveAt), store->id},
                            doing);
    if (!adopted)
        return adopted.error();

    Adopted result;
    auto policy = attachPolicyFor(a.value(), store.value());
    if (!policy)
        return policy.error();
    const qint64 at = now();
    for (const RemoteFileAdoption &f : adoption.files) {
        const QString sha256 = standInSha256(f.remoteFileId);
        if (auto admitted = policy.value().admit(f.filename, f.sizeBytes, sha256); !admitted) {
            result.skippedFiles << u"%1 (%2): %3"_s.arg(f.remoteFileId, f.filename, admitted.error().message());
            continue;
        }
        if (auto p = validateAttributes(f.attributes)) {
            result.skippedFiles << u"%1 (%2): %3"_s.arg(f.remoteFileId, f.filename, p->message());
            continue;
        }
        const std::optional<FileStatus> status = fileStatusFromName(f.status);
        if (!status) {
            result.skippedFiles << u"%1 (%2): OpenAI reports the unknown status '%3'"_s.arg(f.remoteFileId, f.filename,
                                                                                            f.status);
            continue;
        }
        const bool failed = status == FileStatus::Failed;
        const qint64 usage = status == FileStatus::Completed ? f.usageBytes : 0;
        auto insert = runQuery(
            m_db,
            u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, sha256, status, "
            u"last_error_code, last_error_message, usage_bytes, attributes, chunking_type, chunk_max_tokens, "
            u"chunk_overlap_tokens, remote_file_id, created_at, updated_at, status_changed_at) "
            u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            {store->id, t.id, f.filename, FileTypes::mimeTypeFor(FileTypes::extensionOf(f.filename)), f.sizeBytes,
             sha256, fileStatusName(*status), sql::nullableText(failed ? f.lastErrorCode : QString()),
             sql::nullableText(failed ? f.lastErrorMessage.left(2000) : QString()), usage,
             sql::toJsonText(f.attributes), f.chunking.type, f.chunking.maxChunkSizeTokens,
             f.chunking.chunkOverlapTokens, f.remoteFileId, at, at, at},
            doing);
        if (!insert)
            return insert.error();
        if (auto p = adjustStoreCounters(m_db, store->id, *status, 1, usage, f.sizeBytes))
            return *p;
        ++result.files;
    }
    if (auto problem = audit(t.id, u"store.import_files"_s, u"store:%1"_s.arg(store->id),
                             {{u"remote_id"_s, adoption.remoteId},
                              {u"files"_s, result.files},
                              {u"skipped_files"_s, int(result.skippedFiles.size())}}))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    auto recorded = storeById(store->id);
    if (!recorded)
        return recorded.error();
    result.store = recorded.value();
    return result;
}

} // namespace vd
