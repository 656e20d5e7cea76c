#include "core/service/storecounters.h"

#include "core/storage/database.h"
#include "core/storage/query.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace vd {

Result<FileRowState> lockFileRow(Database &db, qint64 fileId, const QString &doing)
{
    const QString sql = u"SELECT status, usage_bytes, size_bytes, deleted_at FROM vector_store_files WHERE id = ?"_s
        + (db.isPostgres() ? u" FOR NO KEY UPDATE"_s : QString()); // as lockTenant: no foreign-key check waits
    auto row = runQuery(db, sql, {fileId}, doing);
    if (!row)
        return row.error();
    if (!row.value().next())
        return ServiceError::notFound(u"File %1 was purged while %2; nothing was changed."_s.arg(fileId).arg(doing));
    const QSqlQuery &q = row.value();
    FileRowState state;
    const QString status = q.value(0).toString();
    const std::optional<FileStatus> known = fileStatusFromName(status);
    if (!known) // the schema's CHECK admits only the known spellings
        return ServiceError::unavailable(u"File %1 has the unknown status '%2'."_s.arg(fileId).arg(status));
    state.status = *known;
    state.usageBytes = q.value(1).toLongLong();
    state.sizeBytes = q.value(2).toLongLong();
    state.live = q.value(3).isNull();
    return state;
}

std::optional<ServiceError> adjustStoreCounters(Database &db, qint64 storeId, FileStatus status, int files,
                                                qint64 usageBytes, qint64 sizeBytes)
{
    // The column comes from this fixed list, never from outside text.
    QString column;
    if (status == FileStatus::InProgress)
        column = u"files_in_progress"_s;
    else if (status == FileStatus::Completed)
        column = u"files_completed"_s;
    else if (status == FileStatus::Failed)
        column = u"files_failed"_s;
    else if (status == FileStatus::Cancelled)
        column = u"files_cancelled"_s;
    else
        return ServiceError::unavailable(u"Unknown file status %1."_s.arg(int(status)));
    QSqlQuery q(db.connection());
    q.prepare(u"UPDATE vector_stores SET %1 = %1 + ?, usage_bytes = usage_bytes + ?, "
              u"files_size_bytes = files_size_bytes + ? WHERE id = ?"_s.arg(column));
    q.addBindValue(files);
    q.addBindValue(usageBytes);
    q.addBindValue(sizeBytes);
    q.addBindValue(storeId);
    if (!q.exec())
        return ServiceError::unavailable(u"The database %1 failed while updating the counts of store %2: %3"_s.arg(
            db.url().describe(), QString::number(storeId), q.lastError().text()));
    return std::nullopt;
}

std::optional<ServiceError> recountStoreCounters(Database &db, qint64 storeId, const QString &doing)
{
    auto recount =
        runQuery(db,
                 u"UPDATE vector_stores SET "
                 u"files_in_progress = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                 u"AND f.deleted_at IS NULL AND f.status = 'in_progress'), "
                 u"files_completed = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                 u"AND f.deleted_at IS NULL AND f.status = 'completed'), "
                 u"files_failed = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                 u"AND f.deleted_at IS NULL AND f.status = 'failed'), "
                 u"files_cancelled = (SELECT count(*) FROM vector_store_files f WHERE f.store_id = vector_stores.id "
                 u"AND f.deleted_at IS NULL AND f.status = 'cancelled'), "
                 u"usage_bytes = (SELECT coalesce(sum(usage_bytes), 0) FROM vector_store_files f "
                 u"WHERE f.store_id = vector_stores.id AND f.deleted_at IS NULL), "
                 u"files_size_bytes = (SELECT coalesce(sum(size_bytes), 0) FROM vector_store_files f "
                 u"WHERE f.store_id = vector_stores.id AND f.deleted_at IS NULL) WHERE id = ?"_s,
                 {storeId}, doing);
    if (!recount)
        return recount.error();
    return std::nullopt;
}

} // namespace vd
