#include "core/domain/apiid.h"
#include "core/domain/validation.h"
#include "core/engine/localengine.h"
#include "core/service/lifecycle.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/query.h"

#include <QFileInfo>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

// Uploads: a tenant's files as OpenAI's Files API has them (docs/api.md,
// migrations/0009_api_objects.sql). Their bytes live in the local blob store by sha256, whichever
// backend the stores they are attached to use.

namespace vd {

namespace {

const QString kUploadColumns =
    u"id, api_id, tenant_id, filename, purpose, size_bytes, sha256, created_by, created_at"_s;

UploadedFile uploadFromRow(const QSqlQuery &q)
{
    UploadedFile file;
    file.id = q.value(0).toLongLong();
    file.apiId = q.value(1).toString();
    file.tenantId = q.value(2).toLongLong();
    file.filename = q.value(3).toString();
    file.purpose = q.value(4).toString();
    file.sizeBytes = q.value(5).toLongLong();
    file.sha256 = q.value(6).toString();
    file.createdBy = q.value(7).toString();
    file.createdAt = q.value(8).toLongLong();
    return file;
}

ServiceError noSuchUpload(const QString &apiId)
{
    return ServiceError::notFound(u"No such File object: %1"_s.arg(apiId));
}

} // namespace

Result<UploadedFile> VectorStoreService::createUpload(const QString &tenantRef, const QString &filename,
                                                      const QString &purpose, const QString &path)
{
    return measured<UploadedFile>(std::nullopt, u"upload.create"_s, [&]() -> Result<UploadedFile> {
        auto a = access(tenantRef, Role::Editor, u"Uploading a file"_s);
        if (!a)
            return a.error();
        const Tenant &t = a->tenant;
        if (purpose != u"assistants"_s)
            return ServiceError::invalid(u"purpose '%1' is not supported here: files are uploaded for vector stores, "
                                         u"with purpose 'assistants'."_s.arg(purpose),
                                         u"purpose"_s);
        const QString name = QFileInfo(filename).fileName();
        if (name.isEmpty() || characterCount(name) > 1024 || name != filename.trimmed())
            return ServiceError::invalid(
                u"The file name '%1' is not usable: give a plain name of 1 to 1024 characters, without folders."_s.arg(
                    filename),
                u"file"_s);
        auto limits = limitsFor(t);
        if (!limits)
            return limits.error();
        const qint64 size = QFileInfo(path).size();
        if (size > limits->maxFileBytes)
            return ServiceError::quota(
                u"'%1' is %2 bytes; the largest file plan %3 of tenant %4 allows is %5 bytes."_s.arg(name)
                    .arg(size)
                    .arg(t.plan, t.slug)
                    .arg(limits->maxFileBytes),
                u"max_file_bytes"_s, size, limits->maxFileBytes);
        VectorStoreBackend *local = m_backendFor(BackendKind::Local);
        if (!local)
            return ServiceError::unavailable(u"The local blob store is not available; nothing was uploaded."_s);

        const QString doing = u"recording the upload of '%1'"_s.arg(name);
        for (int attempt = 1;; ++attempt) {
            auto staged = local->stageFile(t, path);
            if (!staged)
                return staged.error();
            UploadedFile file;
            file.apiId = apiid::generate(apiid::kFilePrefix);
            file.tenantId = t.id;
            file.filename = name;
            file.purpose = purpose;
            file.sizeBytes = staged->size;
            file.sha256 = staged->sha256;
            file.createdBy = m_operator;
            file.createdAt = now();

            Transaction transaction(m_db);
            if (!transaction.isActive())
                return vd::commitError(m_db, doing, transaction.error());
            if (auto p = lockTenant(t.id))
                return *p;
            // Under the content lock no purge removes these bytes until this row commits; one that
            // got there first may have removed them already: stage them again.
            if (auto p = lockContent(m_db, {file.sha256}))
                return *p;
            if (!local->isStaged(file.sha256)) {
                if (attempt == 3)
                    return ServiceError::conflict(
                        u"The copy of '%1' was removed while it was being uploaded; upload it again."_s.arg(name));
                continue;
            }
            auto insert = runQuery(m_db,
                                   u"INSERT INTO uploaded_files (api_id, tenant_id, filename, purpose, size_bytes, "
                                   u"sha256, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                                   {file.apiId, t.id, file.filename, file.purpose, file.sizeBytes, file.sha256,
                                    file.createdBy, file.createdAt},
                                   doing);
            if (!insert)
                return insert.error();
            auto id = runQuery(m_db, u"SELECT id FROM uploaded_files WHERE api_id = ?"_s, {file.apiId}, doing);
            if (!id)
                return id.error();
            id.value().next();
            file.id = id.value().value(0).toLongLong();
            id.value().finish();
            if (auto p =
                    audit(t.id, u"upload.create"_s, u"upload:"_s + file.apiId,
                          {{u"filename"_s, file.filename}, {u"bytes"_s, file.sizeBytes}, {u"sha256"_s, file.sha256}}))
                return *p;
            if (!transaction.commit())
                return vd::commitError(m_db, doing, transaction.error());
            return file;
        }
    });
}

Result<QList<UploadedFile>> VectorStoreService::listUploads(const QString &tenantRef, const ApiPageQuery &query,
                                                            bool *hasMore)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing files"_s);
    if (!a)
        return a.error();
    const QString doing = u"listing the files of tenant %1"_s.arg(a->tenant.slug);
    QString sql = u"SELECT "_s + kUploadColumns + u" FROM uploaded_files WHERE tenant_id = ?"_s;
    QVariantList binds{a->tenant.id};
    if (!query.after.isEmpty()) {
        auto cursor = upload(tenantRef, query.after);
        if (!cursor)
            return ServiceError::invalid(u"Invalid 'after': no file '%1' in this project."_s.arg(query.after),
                                         u"after"_s);
        sql += query.ascending ? u" AND (created_at > ? OR (created_at = ? AND id > ?))"_s
                               : u" AND (created_at < ? OR (created_at = ? AND id < ?))"_s;
        binds << cursor->createdAt << cursor->createdAt << cursor->id;
    }
    sql += query.ascending ? u" ORDER BY created_at, id LIMIT ?"_s : u" ORDER BY created_at DESC, id DESC LIMIT ?"_s;
    binds << query.limit + 1;
    auto result = runQuery(m_db, sql, binds, doing);
    if (!result)
        return result.error();
    QList<UploadedFile> files;
    while (result.value().next())
        files << uploadFromRow(result.value());
    *hasMore = files.size() > query.limit;
    if (*hasMore)
        files.removeLast();
    return files;
}

Result<UploadedFile> VectorStoreService::upload(const QString &tenantRef, const QString &apiId)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing a file"_s);
    if (!a)
        return a.error();
    if (!apiid::hasShape(apiId, apiid::kFilePrefix))
        return noSuchUpload(apiId);
    auto found =
        runQuery(m_db, u"SELECT "_s + kUploadColumns + u" FROM uploaded_files WHERE tenant_id = ? AND api_id = ?"_s,
                 {a->tenant.id, apiId}, u"looking up file %1"_s.arg(apiId));
    if (!found)
        return found.error();
    if (!found.value().next())
        return noSuchUpload(apiId);
    return uploadFromRow(found.value());
}

Result<QString> VectorStoreService::uploadContentPath(const QString &tenantRef, const QString &apiId)
{
    auto file = upload(tenantRef, apiId);
    if (!file)
        return file.error();
    auto *local = dynamic_cast<engine::LocalEngine *>(m_backendFor(BackendKind::Local));
    if (!local)
        return ServiceError::unavailable(u"The local blob store is not available."_s);
    const QString path = local->blobs().pathFor(file->sha256);
    if (!QFileInfo::exists(path))
        return ServiceError::unavailable(
            u"The stored copy of file %1 ('%2') is missing from the blob store; upload it again."_s.arg(
                apiId, file->filename));
    return path;
}

Result<UploadedFile> VectorStoreService::deleteUpload(const QString &tenantRef, const QString &apiId)
{
    return measured<UploadedFile>(std::nullopt, u"upload.delete"_s, [&]() -> Result<UploadedFile> {
        auto a = access(tenantRef, Role::Editor, u"Deleting a file"_s);
        if (!a)
            return a.error();
        auto file = upload(tenantRef, apiId);
        if (!file)
            return file.error();
        const QString doing = u"deleting file %1"_s.arg(apiId);
        // "Delete a file and remove it from all vector stores": each detach is the service's own,
        // audited; then the row; then the bytes, when nothing else uses them.
        auto attached =
            runQuery(m_db, u"SELECT id, store_id FROM vector_store_files WHERE upload_id = ? AND deleted_at IS NULL"_s,
                     {file->id}, doing);
        if (!attached)
            return attached.error();
        QList<std::pair<qint64, qint64>> detach;
        while (attached.value().next())
            detach << std::pair{attached.value().value(0).toLongLong(), attached.value().value(1).toLongLong()};
        attached.value().finish();
        for (const auto &[fileId, storeId] : detach) {
            auto detached = detachFile(tenantRef, QString::number(storeId), QString::number(fileId));
            if (!detached && detached.error().kind() != ServiceError::Kind::NotFound)
                return detached.error();
        }
        {
            Transaction transaction(m_db);
            if (!transaction.isActive())
                return vd::commitError(m_db, doing, transaction.error());
            auto removed = runQuery(m_db, u"DELETE FROM uploaded_files WHERE id = ?"_s, {file->id}, doing);
            if (!removed)
                return removed.error();
            if (removed.value().numRowsAffected() != 1)
                return noSuchUpload(apiId);
            if (auto p = audit(a->tenant.id, u"upload.delete"_s, u"upload:"_s + apiId,
                               {{u"filename"_s, file->filename}, {u"detached"_s, qint64(detach.size())}}))
                return *p;
            if (!transaction.commit())
                return vd::commitError(m_db, doing, transaction.error());
        }
        if (VectorStoreBackend *local = m_backendFor(BackendKind::Local))
            if (auto r = lifecycle().discardStaged(*local, a->tenant, file->sha256); !r)
                qCWarning(lcService).noquote()
                    << "removing the bytes of deleted file" << apiId << "failed:" << r.error().message();
        return file.value();
    });
}

Result<StoreFile> VectorStoreService::attachUpload(const QString &tenantRef, const QString &storeRef,
                                                   const QString &apiId, const QJsonObject &attributes,
                                                   const std::optional<ChunkingStrategy> &chunking)
{
    return measured<StoreFile>(metrics::Metric::AttachSeconds, u"attach"_s, [&]() -> Result<StoreFile> {
        auto a = access(tenantRef, Role::Editor, u"Attaching a file"_s);
        if (!a)
            return a.error();
        auto s = findStore(a->tenant, storeRef, Visibility::Live);
        if (!s)
            return s.error();
        auto file = upload(tenantRef, apiId);
        if (!file)
            return file.error();
        auto backend = backendToChange(a->tenant, s.value(), u"Attaching files to"_s);
        if (!backend)
            return backend.error();
        FileDraft draft;
        draft.filename = file->filename;
        draft.sizeBytes = file->sizeBytes;
        draft.sha256 = file->sha256;
        draft.attributes = attributes;
        draft.chunking = chunking;
        auto attached = attachFile(tenantRef, storeRef, draft, backend.value());
        if (!attached)
            return attached.error();
        // The store file names its upload, so that the API shows it under the upload's id. This is
        // a second statement after the attach committed; should it never run (a crash in between),
        // fileApiIds and storeFileByApiId link the file to the upload with its bytes when the API
        // first asks, which is this one.
        auto link = runQuery(m_db, u"UPDATE vector_store_files SET upload_id = ? WHERE id = ? AND upload_id IS NULL"_s,
                             {file->id, attached->id}, u"linking file %1 to its upload"_s.arg(attached->id));
        if (!link)
            return link.error();
        return attached;
    });
}

} // namespace vd
