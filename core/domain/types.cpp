#include "core/domain/types.h"

#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vd {

QString roleName(Role role)
{
    switch (role) {
    case Role::Viewer:
        return u"viewer"_s;
    case Role::Editor:
        return u"editor"_s;
    case Role::Admin:
        return u"admin"_s;
    case Role::Owner:
        return u"owner"_s;
    }
    return u"viewer"_s;
}

std::optional<Role> roleFromName(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == u"viewer"_s)
        return Role::Viewer;
    if (lower == u"editor"_s)
        return Role::Editor;
    if (lower == u"admin"_s)
        return Role::Admin;
    if (lower == u"owner"_s)
        return Role::Owner;
    return std::nullopt;
}

namespace {
QJsonValue optionalTime(const std::optional<qint64> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject PlanLimits::toJson() const
{
    return {
        {u"max_stores"_s, maxStores},
        {u"max_files_per_store"_s, maxFilesPerStore},
        {u"max_file_bytes"_s, maxFileBytes},
        {u"max_total_bytes"_s, maxTotalBytes},
        {u"allowed_types"_s,
         allowedTypes.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray::fromStringList(allowedTypes))}};
}

QJsonObject Plan::toJson() const
{
    return {
        {u"object"_s, u"plan"_s}, {u"name"_s, name}, {u"display_name"_s, displayName}, {u"limits"_s, limits.toJson()}};
}

QJsonObject Tenant::toJson() const
{
    QJsonObject object{{u"id"_s, id},
                       {u"object"_s, u"tenant"_s},
                       {u"slug"_s, slug},
                       {u"display_name"_s, displayName},
                       {u"plan"_s, plan},
                       {u"plan_overrides"_s, planOverrides},
                       {u"default_backend"_s, backendName(defaultBackend)},
                       {u"created_at"_s, createdAt},
                       {u"updated_at"_s, updatedAt},
                       {u"deleted_at"_s, optionalTime(deletedAt)}};
    object.insert(u"role"_s, myRole ? QJsonValue(roleName(*myRole)) : QJsonValue(QJsonValue::Null));
    return object;
}

QJsonObject FileCounts::toJson() const
{
    return {{fileStatusName(FileStatus::InProgress), inProgress},
            {fileStatusName(FileStatus::Completed), completed},
            {fileStatusName(FileStatus::Failed), failed},
            {fileStatusName(FileStatus::Cancelled), cancelled},
            {u"total"_s, total()}};
}

QJsonObject VectorStore::toJson() const
{
    QJsonObject object{{u"id"_s, id},
                       {u"object"_s, u"vector_store"_s},
                       {u"tenant_id"_s, tenantId},
                       {u"name"_s, name},
                       {u"backend"_s, backendName(backend)},
                       {u"remote_id"_s, remoteId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(remoteId)},
                       {u"status"_s, storeStatusName(status)},
                       {u"is_primary"_s, isPrimary},
                       {u"usage_bytes"_s, usageBytes},
                       {u"file_counts"_s, fileCounts.toJson()},
                       {u"expires_at"_s, optionalTime(expiresAt)},
                       {u"last_active_at"_s, optionalTime(lastActiveAt)},
                       {u"metadata"_s, metadata},
                       {u"chunking_strategy"_s, chunking.toJson()},
                       {u"created_at"_s, createdAt},
                       {u"updated_at"_s, updatedAt},
                       {u"deleted_at"_s, optionalTime(deletedAt)}};
    object.insert(u"expires_after"_s,
                  expiresAfter
                      ? QJsonValue(QJsonObject{{u"anchor"_s, expiresAfter->anchor}, {u"days"_s, expiresAfter->days}})
                      : QJsonValue(QJsonValue::Null));
    return object;
}

QJsonObject ChunkingStrategy::toJson() const
{
    if (type == u"other"_s)
        return {{u"type"_s, type}};
    return {{u"type"_s, type},
            {u"static"_s,
             QJsonObject{{u"max_chunk_size_tokens"_s, maxChunkSizeTokens},
                         {u"chunk_overlap_tokens"_s, chunkOverlapTokens}}}};
}

QJsonObject Chunk::toJson() const
{
    return {{u"object"_s, u"vector_store.file.chunk"_s},
            {u"ordinal"_s, ordinal},
            {u"token_count"_s, tokenCount},
            {u"start_offset"_s, startOffset},
            {u"end_offset"_s, endOffset},
            {u"text"_s, QString::fromUtf8(text)}};
}

std::optional<Chunk> Chunk::fromJson(const QJsonObject &object)
{
    if (object.value(u"object"_s) != u"vector_store.file.chunk"_s || !object.value(u"ordinal"_s).isDouble()
        || !object.value(u"text"_s).isString())
        return std::nullopt;
    Chunk chunk;
    chunk.ordinal = object.value(u"ordinal"_s).toInt();
    chunk.tokenCount = object.value(u"token_count"_s).toInt();
    chunk.startOffset = object.value(u"start_offset"_s).toInteger();
    chunk.endOffset = object.value(u"end_offset"_s).toInteger();
    chunk.text = object.value(u"text"_s).toString().toUtf8();
    return chunk;
}

QJsonObject StoreFile::toJson() const
{
    QJsonObject object{
        {u"id"_s, id},
        {u"object"_s, u"vector_store.file"_s},
        {u"vector_store_id"_s, storeId},
        {u"tenant_id"_s, tenantId},
        {u"filename"_s, filename},
        {u"mime_type"_s, mimeType},
        {u"size_bytes"_s, sizeBytes},
        {u"sha256"_s, sha256},
        {u"status"_s, fileStatusName(status)},
        {u"usage_bytes"_s, usageBytes},
        {u"attributes"_s, attributes},
        {u"chunking_strategy"_s, chunking.toJson()},
        {u"remote_file_id"_s, remoteFileId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(remoteFileId)},
        {u"created_at"_s, createdAt},
        {u"updated_at"_s, updatedAt},
        {u"deleted_at"_s, optionalTime(deletedAt)}};
    object.insert(u"last_error"_s,
                  lastErrorCode.isEmpty()
                      ? QJsonValue(QJsonValue::Null)
                      : QJsonValue(QJsonObject{{u"code"_s, lastErrorCode}, {u"message"_s, lastErrorMessage}}));
    return object;
}

QJsonObject Membership::toJson() const
{
    return {{u"object"_s, u"tenant.member"_s},
            {u"operator"_s, operatorName},
            {u"tenant_id"_s, tenantId},
            {u"role"_s, roleName(role)},
            {u"created_at"_s, createdAt}};
}

QJsonObject AuditEntry::toJson() const
{
    return {{u"object"_s, u"audit_log.entry"_s},
            {u"id"_s, id},
            {u"at"_s, at},
            {u"operator"_s, operatorName},
            {u"tenant_id"_s, optionalTime(tenantId)},
            {u"action"_s, action},
            {u"target"_s, target},
            {u"request_id"_s, requestId},
            {u"detail"_s, detail}};
}

double QuotaUsage::worstPercent() const
{
    auto percent = [](qint64 used, qint64 limit) {
        return limit <= 0 ? (used > 0 ? 100.0 : 0.0) : 100.0 * double(used) / double(limit);
    };
    return std::max({percent(stores, limits.maxStores), percent(largestStoreFiles, limits.maxFilesPerStore),
                     percent(totalBytes, limits.maxTotalBytes)});
}

QJsonObject QuotaUsage::toJson() const
{
    return {{u"object"_s, u"tenant.quota"_s},
            {u"plan"_s, plan},
            {u"limits"_s, limits.toJson()},
            {u"stores"_s, stores},
            {u"files"_s, files},
            {u"largest_store_files"_s, largestStoreFiles},
            {u"total_bytes"_s, totalBytes},
            {u"worst_percent"_s, worstPercent()}};
}

} // namespace vd
