#include "core/domain/apiid.h"
#include "core/service/storeapiid.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"

#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

// Public ids of the objects the API shows (docs/api.md, migrations/0009_api_objects.sql).

namespace vd {

Result<QHash<qint64, QString>> VectorStoreService::storeApiIds(const QList<VectorStore> &stores)
{
    QHash<qint64, QString> ids;
    for (const VectorStore &store : stores) {
        auto id = storeApiId(store);
        if (!id)
            return id.error();
        ids.insert(store.id, id.value());
    }
    return ids;
}

Result<QString> VectorStoreService::storeApiId(const VectorStore &store, const QString &preferred)
{
    return ensureStoreApiId(m_db, store, preferred);
}

Result<VectorStore> VectorStoreService::storeByApiId(const QString &tenantRef, const QString &apiId,
                                                     Visibility visibility)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing a store"_s);
    if (!a)
        return a.error();
    const auto missing = ServiceError::notFound(u"No vector store found with id '%1'."_s.arg(apiId));
    if (!apiid::hasShape(apiId, apiid::kStorePrefix))
        return missing;
    auto found = runQuery(m_db,
                          u"SELECT "_s + rows::kStoreColumns + u" FROM vector_stores WHERE tenant_id = ? AND "_s
                              + u"api_id = ? AND "_s + rows::visibilityClause(visibility),
                          {a->tenant.id, apiId}, u"looking up vector store %1"_s.arg(apiId));
    if (!found)
        return found.error();
    if (!found.value().next())
        return missing;
    return rows::storeFromRow(found.value());
}

Result<QHash<qint64, QString>> VectorStoreService::fileApiIds(const QList<qint64> &storeFileIds)
{
    QHash<qint64, QString> ids;
    const QString doing = u"reading the API ids of files"_s;
    const QString select = u"SELECT u.api_id, f.tenant_id, f.filename, f.size_bytes, f.sha256, f.created_at FROM "
                           u"vector_store_files f LEFT JOIN uploaded_files u ON u.id = f.upload_id WHERE f.id = ?"_s;
    for (const qint64 fileId : storeFileIds) {
        if (ids.contains(fileId))
            continue;
        auto found = runQuery(m_db, select, {fileId}, doing);
        if (!found)
            return found.error();
        if (!found.value().next())
            return ServiceError::notFound(u"File %1 no longer exists."_s.arg(fileId));
        if (!found.value().value(0).isNull()) {
            ids.insert(fileId, found.value().value(0).toString());
            continue;
        }
        const qint64 tenantId = found.value().value(1).toLongLong();
        const QString filename = found.value().value(2).toString();
        const qint64 size = found.value().value(3).toLongLong();
        const QString sha256 = found.value().value(4).toString();
        const qint64 createdAt = found.value().value(5).toLongLong();
        found.value().finish();

        // An upload of the tenant with the same bytes names it: the one it was attached from when
        // the link was not written (attachUpload writes it after the attach commits), or one whose
        // bytes the CLI or window attached. Only when there is none does it get a File of its own.
        auto same = runQuery(m_db,
                             u"SELECT id FROM uploaded_files WHERE tenant_id = ? AND sha256 = ? ORDER BY "
                             u"created_at, id LIMIT 1"_s,
                             {tenantId, sha256}, doing);
        if (!same)
            return same.error();
        if (same.value().next()) {
            const qint64 uploadId = same.value().value(0).toLongLong();
            same.value().finish();
            auto link =
                runQuery(m_db, u"UPDATE vector_store_files SET upload_id = ? WHERE id = ? AND upload_id IS NULL"_s,
                         {uploadId, fileId}, doing);
            if (!link)
                return link.error();
            auto again = runQuery(m_db, select, {fileId}, doing);
            if (!again)
                return again.error();
            if (!again.value().next() || again.value().value(0).isNull())
                return ServiceError::unavailable(u"File %1 could not be given an API id; retry."_s.arg(fileId));
            ids.insert(fileId, again.value().value(0).toString());
            continue;
        }
        same.value().finish();

        Transaction transaction(m_db);
        if (!transaction.isActive())
            return vd::commitError(m_db, doing, transaction.error());
        const QString apiId = apiid::generate(apiid::kFilePrefix);
        auto insert = runQuery(m_db,
                               u"INSERT INTO uploaded_files (api_id, tenant_id, filename, purpose, size_bytes, sha256, "
                               u"created_by, created_at) VALUES (?, ?, ?, 'assistants', ?, ?, ?, ?)"_s,
                               {apiId, tenantId, filename, size, sha256, m_operator, createdAt}, doing);
        if (!insert)
            return insert.error();
        auto uploadId = runQuery(m_db, u"SELECT id FROM uploaded_files WHERE api_id = ?"_s, {apiId}, doing);
        if (!uploadId)
            return uploadId.error();
        uploadId.value().next();
        const qint64 upload = uploadId.value().value(0).toLongLong();
        uploadId.value().finish();
        auto link = runQuery(m_db, u"UPDATE vector_store_files SET upload_id = ? WHERE id = ? AND upload_id IS NULL"_s,
                             {upload, fileId}, doing);
        if (!link)
            return link.error();
        if (link.value().numRowsAffected() != 1) {
            // Another request gave it one meanwhile: keep theirs.
            transaction.rollback();
            auto again = runQuery(m_db, select, {fileId}, doing);
            if (!again)
                return again.error();
            if (!again.value().next() || again.value().value(0).isNull())
                return ServiceError::unavailable(u"File %1 could not be given an API id; retry."_s.arg(fileId));
            ids.insert(fileId, again.value().value(0).toString());
            continue;
        }
        if (!transaction.commit())
            return vd::commitError(m_db, doing, transaction.error());
        ids.insert(fileId, apiId);
    }
    return ids;
}

Result<StoreFile> VectorStoreService::storeFileByApiId(const QString &tenantRef, const QString &storeRef,
                                                       const QString &apiId, Visibility visibility)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing a file"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    // OpenAI's wording; the API shows store ids, not names.
    auto missing = [&] {
        return ServiceError::notFound(u"No file found with id '%1' in this vector store."_s.arg(apiId));
    };
    if (!apiid::hasShape(apiId, apiid::kFilePrefix))
        return missing();
    auto found = runQuery(m_db,
                          u"SELECT "_s + rows::qualified(rows::kFileColumns, u"f"_s)
                              + u" FROM vector_store_files f JOIN uploaded_files u ON u.id = f.upload_id "
                                u"WHERE f.store_id = ? AND u.api_id = ? AND "_s
                              + rows::visibilityClause(visibility, u"f.deleted_at"_s),
                          {s->id, apiId}, u"looking up file %1"_s.arg(apiId));
    if (!found)
        return found.error();
    if (found.value().next())
        return rows::fileFromRow(found.value());
    found.value().finish();
    // Not linked yet (see fileApiIds): the store's live file with the upload's bytes, if any.
    auto unlinked = runQuery(m_db,
                             u"SELECT f.id FROM vector_store_files f JOIN uploaded_files u ON u.sha256 = f.sha256 AND "
                             u"u.tenant_id = f.tenant_id WHERE f.store_id = ? AND u.api_id = ? AND f.upload_id IS NULL "
                             u"AND "_s
                                 + rows::visibilityClause(visibility, u"f.deleted_at"_s),
                             {s->id, apiId}, u"looking up file %1"_s.arg(apiId));
    if (!unlinked)
        return unlinked.error();
    if (!unlinked.value().next())
        return missing();
    const qint64 fileId = unlinked.value().value(0).toLongLong();
    unlinked.value().finish();
    auto ids = fileApiIds({fileId});
    if (!ids)
        return ids.error();
    if (ids->value(fileId) != apiId)
        return missing(); // another upload with the same bytes names it
    return fileById(fileId);
}

Result<VectorStoreService::FilePage>
VectorStoreService::storeFilePage(const QString &tenantRef, const QString &storeRef, const ApiPageQuery &query)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing files"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    const QString doing = u"listing the files of store '%1'"_s.arg(s->name);
    QString sql = u"SELECT "_s + rows::kFileColumns
        + u" FROM vector_store_files WHERE store_id = ? AND "
          u"deleted_at IS NULL"_s;
    QVariantList binds{s->id};
    if (!query.batch.isEmpty()) {
        auto batch = runQuery(m_db, u"SELECT id FROM vector_store_file_batches WHERE store_id = ? AND api_id = ?"_s,
                              {s->id, query.batch}, doing);
        if (!batch)
            return batch.error();
        if (!batch.value().next())
            return ServiceError::notFound(u"No file batch found with id '%1' in this vector store."_s.arg(query.batch));
        sql += u" AND id IN (SELECT file_id FROM vector_store_file_batch_files WHERE batch_id = ?)"_s;
        binds << batch.value().value(0).toLongLong();
    }
    if (!query.status.isEmpty()) {
        if (!fileStatusFromName(query.status))
            return ServiceError::invalid(u"Invalid 'filter': expected one of in_progress, completed, failed, "
                                         u"cancelled; got '%1'."_s.arg(query.status),
                                         u"filter"_s);
        sql += u" AND status = ?"_s;
        binds << query.status;
    }
    // A cursor is a file of this store (live or detached since the previous page).
    auto cursorOf = [&](const QString &apiId, const QString &param) -> Result<std::pair<qint64, qint64>> {
        auto found = runQuery(m_db,
                              u"SELECT f.created_at, f.id FROM vector_store_files f JOIN uploaded_files u ON u.id = "
                              u"f.upload_id WHERE f.store_id = ? AND u.api_id = ? ORDER BY f.deleted_at IS NOT NULL "
                              u"LIMIT 1"_s,
                              {s->id, apiId}, doing);
        if (!found)
            return found.error();
        if (!found.value().next())
            return ServiceError::invalid(u"Invalid '%1': no file '%2' in this vector store."_s.arg(param, apiId),
                                         param);
        return std::pair{found.value().value(0).toLongLong(), found.value().value(1).toLongLong()};
    };
    // "Later in the list" is greater in ascending order and smaller in descending order.
    const QString later = query.ascending ? u" AND (created_at > ? OR (created_at = ? AND id > ?))"_s
                                          : u" AND (created_at < ? OR (created_at = ? AND id < ?))"_s;
    const QString earlier = query.ascending ? u" AND (created_at < ? OR (created_at = ? AND id < ?))"_s
                                            : u" AND (created_at > ? OR (created_at = ? AND id > ?))"_s;
    if (!query.after.isEmpty()) {
        auto cursor = cursorOf(query.after, u"after"_s);
        if (!cursor)
            return cursor.error();
        sql += later;
        binds << cursor->first << cursor->first << cursor->second;
    }
    const bool backwards = query.after.isEmpty() && !query.before.isEmpty();
    if (!query.before.isEmpty()) {
        auto cursor = cursorOf(query.before, u"before"_s);
        if (!cursor)
            return cursor.error();
        sql += earlier;
        binds << cursor->first << cursor->first << cursor->second;
    }
    // `before` alone reads the page that ends at the cursor: walk backwards, then turn it round.
    const bool ascendingScan = backwards ? !query.ascending : query.ascending;
    sql += ascendingScan ? u" ORDER BY created_at, id LIMIT ?"_s : u" ORDER BY created_at DESC, id DESC LIMIT ?"_s;
    binds << query.limit + 1;
    auto result = runQuery(m_db, sql, binds, doing);
    if (!result)
        return result.error();
    FilePage page;
    while (result.value().next())
        page.files << rows::fileFromRow(result.value());
    result.value().finish();
    page.hasMore = page.files.size() > query.limit;
    if (page.hasMore)
        page.files.removeLast();
    if (backwards)
        std::reverse(page.files.begin(), page.files.end());
    QList<qint64> ids;
    for (const StoreFile &file : std::as_const(page.files))
        ids << file.id;
    auto apiIds = fileApiIds(ids);
    if (!apiIds)
        return apiIds.error();
    page.apiIds = apiIds.value();
    return page;
}

} // namespace vd
