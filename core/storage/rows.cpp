#include "core/storage/rows.h"

#include "core/storage/sqlvalues.h"

#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace vd::rows {

QString visibilityClause(Visibility visibility, const QString &column)
{
    switch (visibility) {
    case Visibility::Live:
        return column + u" IS NULL"_s;
    case Visibility::Deleted:
        return column + u" IS NOT NULL"_s;
    case Visibility::All:
        return u"1 = 1"_s;
    }
    return column + u" IS NULL"_s;
}

QString qualified(const QString &columns, const QString &alias)
{
    QStringList names = columns.split(u',');
    for (QString &name : names)
        name = alias + u'.' + name.trimmed();
    return names.join(u", "_s);
}

int columnCount(const QString &columns)
{
    return int(columns.count(u',')) + 1;
}

const QString kTenantColumns =
    u"id, slug, display_name, plan, plan_overrides, default_backend, created_at, updated_at, deleted_at"_s;

Tenant tenantFromRow(const QSqlQuery &q, int first)
{
    Tenant t;
    t.id = q.value(first).toLongLong();
    t.slug = q.value(first + 1).toString();
    t.displayName = q.value(first + 2).toString();
    t.plan = q.value(first + 3).toString();
    t.planOverrides = sql::fromJsonText(q.value(first + 4));
    t.defaultBackend = backendFromName(q.value(first + 5).toString()).value_or(BackendKind::Local);
    t.createdAt = q.value(first + 6).toLongLong();
    t.updatedAt = q.value(first + 7).toLongLong();
    t.deletedAt = sql::optionalInt(q.value(first + 8));
    return t;
}

const QString kStoreColumns =
    u"id, tenant_id, name, backend, remote_id, status, is_primary, usage_bytes, files_in_progress, "
    u"files_completed, files_failed, files_cancelled, expires_after_anchor, expires_after_days, expires_at, "
    u"last_active_at, metadata, created_at, updated_at, deleted_at, chunking_type, chunk_max_tokens, "
    u"chunk_overlap_tokens, engine_holder"_s;

VectorStore storeFromRow(const QSqlQuery &q, int first)
{
    VectorStore s;
    s.id = q.value(first).toLongLong();
    s.tenantId = q.value(first + 1).toLongLong();
    s.name = q.value(first + 2).toString();
    s.backend = backendFromName(q.value(first + 3).toString()).value_or(BackendKind::Local);
    s.remoteId = q.value(first + 4).toString();
    // The schema's CHECKs admit only the known spellings.
    s.status = storeStatusFromName(q.value(first + 5).toString()).value_or(StoreStatus::Completed);
    s.isPrimary = q.value(first + 6).toInt() != 0;
    s.usageBytes = q.value(first + 7).toLongLong();
    s.fileCounts = {q.value(first + 8).toLongLong(), q.value(first + 9).toLongLong(), q.value(first + 10).toLongLong(),
                    q.value(first + 11).toLongLong()};
    if (!q.value(first + 12).isNull())
        s.expiresAfter = ExpiryPolicy{q.value(first + 12).toString(), q.value(first + 13).toInt()};
    s.expiresAt = sql::optionalInt(q.value(first + 14));
    s.lastActiveAt = sql::optionalInt(q.value(first + 15));
    s.metadata = sql::fromJsonText(q.value(first + 16));
    s.createdAt = q.value(first + 17).toLongLong();
    s.updatedAt = q.value(first + 18).toLongLong();
    s.deletedAt = sql::optionalInt(q.value(first + 19));
    s.chunking.type = q.value(first + 20).toString();
    s.chunking.maxChunkSizeTokens = q.value(first + 21).toInt();
    s.chunking.chunkOverlapTokens = q.value(first + 22).toInt();
    s.engineHolder = q.value(first + 23).toString();
    return s;
}

const QString kFileColumns =
    u"id, store_id, tenant_id, filename, mime_type, size_bytes, sha256, status, last_error_code, "
    u"last_error_message, usage_bytes, attributes, chunking_type, chunk_max_tokens, chunk_overlap_tokens, "
    u"remote_file_id, source_path, created_at, updated_at, status_changed_at, deleted_at"_s;

StoreFile fileFromRow(const QSqlQuery &q, int first)
{
    StoreFile f;
    f.id = q.value(first).toLongLong();
    f.storeId = q.value(first + 1).toLongLong();
    f.tenantId = q.value(first + 2).toLongLong();
    f.filename = q.value(first + 3).toString();
    f.mimeType = q.value(first + 4).toString();
    f.sizeBytes = q.value(first + 5).toLongLong();
    f.sha256 = q.value(first + 6).toString();
    f.status = fileStatusFromName(q.value(first + 7).toString()).value_or(FileStatus::Failed);
    f.lastErrorCode = q.value(first + 8).toString();
    f.lastErrorMessage = q.value(first + 9).toString();
    f.usageBytes = q.value(first + 10).toLongLong();
    f.attributes = sql::fromJsonText(q.value(first + 11));
    f.chunking.type = q.value(first + 12).toString();
    f.chunking.maxChunkSizeTokens = q.value(first + 13).toInt();
    f.chunking.chunkOverlapTokens = q.value(first + 14).toInt();
    f.remoteFileId = q.value(first + 15).toString();
    f.sourcePath = q.value(first + 16).toString();
    f.createdAt = q.value(first + 17).toLongLong();
    f.updatedAt = q.value(first + 18).toLongLong();
    f.statusChangedAt = q.value(first + 19).toLongLong();
    f.deletedAt = sql::optionalInt(q.value(first + 20));
    return f;
}

} // namespace vd::rows
