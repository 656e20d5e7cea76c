#include "core/domain/apiid.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/sqlvalues.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

// File batches of the API (docs/api.md, migrations/0010_file_batches.sql): several uploads
// attached to a store in one request, checked together by the attach rule, followed and cancelled
// together. A batch only names its files; its status and counts are read from them.

namespace vd {

namespace {
constexpr int kMaxBatchFiles = 2000; // openapi.yaml CreateVectorStoreFileBatchRequest
} // namespace

Result<FileBatch> VectorStoreService::createFileBatch(const QString &tenantRef, const QString &storeRef,
                                                      const QList<BatchItem> &items)
{
    return measured<FileBatch>(std::nullopt, u"file_batch.create"_s, [&]() -> Result<FileBatch> {
        auto a = access(tenantRef, Role::Editor, u"Attaching files"_s);
        if (!a)
            return a.error();
        auto s = findStore(a->tenant, storeRef, Visibility::Live);
        if (!s)
            return s.error();
        if (items.isEmpty() || items.size() > kMaxBatchFiles)
            return ServiceError::invalid(
                u"A file batch holds 1 to %1 files (got %2)."_s.arg(kMaxBatchFiles).arg(items.size()), u"file_ids"_s);

        // The whole batch through the attach rule first: nothing is attached when any file would be
        // refused (type, size, the same content twice, the store's or tenant's limits).
        QList<UploadedFile> uploads;
        {
            auto policy = attachPolicyFor(a.value(), s.value());
            if (!policy)
                return policy.error();
            for (const BatchItem &item : items) {
                auto file = upload(tenantRef, item.fileApiId);
                if (!file)
                    return file.error();
                auto checked = policy->checkFile(file->filename, file->sizeBytes);
                if (!checked)
                    return ServiceError(checked.error().kind(), item.fileApiId + u": "_s + checked.error().message(),
                                        checked.error().details());
                auto admitted = policy.value().admit(file->filename, file->sizeBytes, file->sha256);
                if (!admitted)
                    return ServiceError(admitted.error().kind(), item.fileApiId + u": "_s + admitted.error().message(),
                                        admitted.error().details());
                uploads << file.value();
            }
        }

        QList<qint64> attached;
        auto undo = [&](const ServiceError &error, const QString &fileApiId) -> ServiceError {
            // Someone attached or used up room meanwhile: take back what this batch attached.
            for (const qint64 fileId : std::as_const(attached))
                if (auto r = detachFile(tenantRef, storeRef, QString::number(fileId)); !r)
                    qCWarning(lcService).noquote() << "taking back file" << fileId << "failed:" << r.error().message();
            return ServiceError(error.kind(),
                                u"%1: %2 The files of this batch attached before it were detached again."_s.arg(
                                    fileApiId, error.message()),
                                error.details());
        };
        for (qsizetype i = 0; i < items.size(); ++i) {
            const BatchItem &item = items.at(i);
            auto file = attachUpload(tenantRef, storeRef, item.fileApiId, item.attributes.value_or(QJsonObject()),
                                     item.chunking);
            if (!file)
                return undo(file.error(), item.fileApiId);
            attached << file->id;
        }

        const QString doing = u"recording a file batch of store '%1'"_s.arg(s->name);
        FileBatch batch;
        batch.apiId = apiid::generate(apiid::kBatchPrefix);
        batch.storeId = s->id;
        batch.createdAt = now();
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return undo(vd::commitError(m_db, doing, transaction.error()), batch.apiId);
        auto insert = runQuery(m_db,
                               u"INSERT INTO vector_store_file_batches (api_id, store_id, tenant_id, created_by, "
                               u"created_at) VALUES (?, ?, ?, ?, ?)"_s,
                               {batch.apiId, s->id, a->tenant.id, m_operator, batch.createdAt}, doing);
        if (!insert)
            return undo(insert.error(), batch.apiId);
        auto id = runQuery(m_db, u"SELECT id FROM vector_store_file_batches WHERE api_id = ?"_s, {batch.apiId}, doing);
        if (!id || !id.value().next())
            return undo(id ? ServiceError::unavailable(u"The new file batch could not be read back."_s) : id.error(),
                        batch.apiId);
        batch.id = id.value().value(0).toLongLong();
        id.value().finish();
        for (const qint64 fileId : std::as_const(attached)) {
            auto member =
                runQuery(m_db, u"INSERT INTO vector_store_file_batch_files (batch_id, file_id) VALUES (?, ?)"_s,
                         {batch.id, fileId}, doing);
            if (!member)
                return undo(member.error(), batch.apiId);
        }
        if (auto p = audit(a->tenant.id, u"batch.create"_s, u"batch:"_s + batch.apiId,
                           {{u"store"_s, s->name}, {u"files"_s, qint64(attached.size())}}))
            return undo(*p, batch.apiId);
        if (!transaction.commit())
            return undo(vd::commitError(m_db, doing, transaction.error()), batch.apiId);
        return fileBatch(tenantRef, storeRef, batch.apiId);
    });
}

Result<FileBatch> VectorStoreService::fileBatch(const QString &tenantRef, const QString &storeRef,
                                                const QString &batchApiId)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing a file batch"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    const auto missing =
        ServiceError::notFound(u"No file batch found with id '%1' in this vector store."_s.arg(batchApiId));
    if (!apiid::hasShape(batchApiId, apiid::kBatchPrefix))
        return missing;
    const QString doing = u"reading file batch %1"_s.arg(batchApiId);
    auto found = runQuery(m_db,
                          u"SELECT id, created_at, cancelled_at FROM vector_store_file_batches WHERE store_id = ? AND "
                          u"api_id = ?"_s,
                          {s->id, batchApiId}, doing);
    if (!found)
        return found.error();
    if (!found.value().next())
        return missing;
    FileBatch batch;
    batch.id = found.value().value(0).toLongLong();
    batch.apiId = batchApiId;
    batch.storeId = s->id;
    batch.createdAt = found.value().value(1).toLongLong();
    batch.cancelledAt = sql::optionalInt(found.value().value(2));
    found.value().finish();
    auto counts =
        runQuery(m_db,
                 u"SELECT f.status, count(*) FROM vector_store_file_batch_files m JOIN vector_store_files f ON "
                 u"f.id = m.file_id WHERE m.batch_id = ? GROUP BY f.status"_s,
                 {batch.id}, doing);
    if (!counts)
        return counts.error();
    while (counts.value().next()) {
        const qint64 n = counts.value().value(1).toLongLong();
        switch (fileStatusFromName(counts.value().value(0).toString()).value_or(FileStatus::Failed)) {
        case FileStatus::InProgress:
            batch.inProgress += n;
            break;
        case FileStatus::Completed:
            batch.completed += n;
            break;
        case FileStatus::Failed:
            batch.failed += n;
            break;
        case FileStatus::Cancelled:
            batch.cancelled += n;
            break;
        }
    }
    return batch;
}

Result<FileBatch> VectorStoreService::cancelFileBatch(const QString &tenantRef, const QString &storeRef,
                                                      const QString &batchApiId)
{
    auto a = access(tenantRef, Role::Editor, u"Cancelling a file batch"_s);
    if (!a)
        return a.error();
    auto batch = fileBatch(tenantRef, storeRef, batchApiId);
    if (!batch)
        return batch.error();
    if (batch->status() != u"in_progress"_s)
        return ServiceError::conflict(u"File batch %1 is already %2; only a batch in progress can be cancelled."_s.arg(
            batchApiId, batch->status()));
    const QString doing = u"cancelling file batch %1"_s.arg(batchApiId);
    auto pending = runQuery(m_db,
                            u"SELECT f.id FROM vector_store_file_batch_files m JOIN vector_store_files f ON f.id = "
                            u"m.file_id WHERE m.batch_id = ? AND f.status = 'in_progress' AND f.deleted_at IS NULL"_s,
                            {batch->id}, doing);
    if (!pending)
        return pending.error();
    QList<qint64> fileIds;
    while (pending.value().next())
        fileIds << pending.value().value(0).toLongLong();
    pending.value().finish();
    for (const qint64 fileId : std::as_const(fileIds)) {
        // A file that finished meanwhile keeps its outcome.
        auto cancelled = cancelFile(tenantRef, storeRef, QString::number(fileId));
        if (!cancelled && cancelled.error().kind() != ServiceError::Kind::Conflict)
            return cancelled.error();
    }
    {
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return vd::commitError(m_db, doing, transaction.error());
        auto mark = runQuery(m_db,
                             u"UPDATE vector_store_file_batches SET cancelled_at = ? WHERE id = ? AND cancelled_at IS "
                             u"NULL"_s,
                             {std::max(now(), batch->createdAt), batch->id}, doing);
        if (!mark)
            return mark.error();
        if (auto p = audit(a->tenant.id, u"batch.cancel"_s, u"batch:"_s + batchApiId,
                           {{u"cancelled_files"_s, qint64(fileIds.size())}}))
            return *p;
        if (!transaction.commit())
            return vd::commitError(m_db, doing, transaction.error());
    }
    return fileBatch(tenantRef, storeRef, batchApiId);
}

} // namespace vd
