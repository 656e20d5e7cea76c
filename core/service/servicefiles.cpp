#include "core/backend/vectorstorebackend.h"
#include "core/domain/filetypes.h"
#include "core/domain/searchrequest.h"
#include "core/domain/status.h"
#include "core/domain/units.h"
#include "core/domain/validation.h"
#include "core/logging/logging.h"
#include "core/service/lifecycle.h"
#include "core/service/storecounters.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/auditlog.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"
#include "core/storage/sqlvalues.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

// Files of a store: attach, list, attributes, detach and restore, cancel and retry.

namespace vd {

namespace {

// The span queuing a file, for its ingestion to continue the trace (NULL without tracing).
QVariant currentTraceParent()
{
    const tracing::SpanContext span = tracing::current();
    return span.isValid() ? QVariant(QString::fromLatin1(tracing::traceparent(span)))
                          : QVariant(QMetaType::fromType<QString>());
}

} // namespace

Result<StoreFile> VectorStoreService::fileById(qint64 id)
{
    auto result = runQuery(m_db, u"SELECT "_s + rows::kFileColumns + u" FROM vector_store_files WHERE id = ?"_s, {id},
                           u"reading the file"_s);
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::notFound(u"File %1 no longer exists."_s.arg(id));
    return rows::fileFromRow(result.value());
}

Result<StoreFile> VectorStoreService::findFile(const VectorStore &store, const QString &fileRef, Visibility visibility)
{
    bool isId = false;
    const qint64 id = fileRef.trimmed().toLongLong(&isId);
    if (!isId)
        return ServiceError::invalid(
            u"File reference '%1' is not a file id; list ids with: vectordesk file list"_s.arg(fileRef), u"file"_s);
    auto result =
        runQuery(m_db,
                 u"SELECT "_s + rows::kFileColumns + u" FROM vector_store_files WHERE store_id = ? AND id = ? AND "_s
                     + rows::visibilityClause(visibility),
                 {store.id, id}, u"looking up file %1"_s.arg(id));
    if (!result)
        return result.error();
    if (!result.value().next())
        return ServiceError::notFound(visibility == Visibility::Deleted
                                          ? u"No detached file %1 in store '%2'."_s.arg(id).arg(store.name)
                                          : u"No file %1 in store '%2'."_s.arg(id).arg(store.name));
    return rows::fileFromRow(result.value());
}

Result<VectorStoreService::FileTarget> VectorStoreService::fileTarget(const QString &tenantRef, const QString &storeRef,
                                                                      const QString &fileRef, Role needed,
                                                                      const QString &action, Visibility visibility)
{
    auto a = access(tenantRef, needed, action);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    auto f = findFile(s.value(), fileRef, visibility);
    if (!f)
        return f.error();
    return FileTarget{a.value(), s.value(), f.value()};
}

Result<AttachPolicy> VectorStoreService::attachPolicyFor(const Access &access, const VectorStore &store)
{
    auto limits = limitsFor(access.tenant);
    if (!limits)
        return limits.error();
    const QString doing = u"checking what store '%1' holds"_s.arg(store.name);
    auto count = runQuery(m_db,
                          u"SELECT files_in_progress + files_completed + files_failed + files_cancelled FROM "
                          u"vector_stores WHERE id = ? AND deleted_at IS NULL"_s,
                          {store.id}, doing);
    if (!count)
        return count.error();
    if (!count.value().next())
        return ServiceError::notFound(u"Store '%1' was deleted meanwhile."_s.arg(store.name));
    AttachPolicy::Holdings holdings;
    holdings.tenantSlug = access.tenant.slug;
    holdings.plan = access.tenant.plan;
    holdings.limits = limits.value();
    holdings.role = access.role;
    holdings.storeName = store.name;
    holdings.backend = store.backend;
    holdings.storeExpired = store.status == StoreStatus::Expired;
    holdings.storeFiles = count.value().value(0).toLongLong();
    count.value().finish();
    auto bytes = tenantBytesInUse(access.tenant.id, doing);
    if (!bytes)
        return bytes.error();
    holdings.tenantBytes = bytes.value();
    const qint64 storeId = store.id;
    auto findContent = [this, storeId, doing](const QString &sha256) -> Result<std::optional<AttachPolicy::Existing>> {
        auto found = runQuery(
            m_db,
            u"SELECT id, filename FROM vector_store_files WHERE store_id = ? AND sha256 = ? AND deleted_at IS NULL"_s,
            {storeId, sha256}, doing);
        if (!found)
            return found.error();
        if (!found.value().next())
            return std::optional<AttachPolicy::Existing>();
        return std::optional<AttachPolicy::Existing>(
            AttachPolicy::Existing{found.value().value(0).toLongLong(), found.value().value(1).toString()});
    };
    return AttachPolicy(std::move(holdings), std::move(findContent));
}

Result<AttachPolicy> VectorStoreService::attachPolicy(const QString &tenantRef, const QString &storeRef)
{
    auto a = access(tenantRef, Role::Viewer, u"Checking files to attach"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    return attachPolicyFor(a.value(), s.value());
}

Result<StoreFile> VectorStoreService::attachFile(const QString &tenantRef, const QString &storeRef,
                                                 const FileDraft &draft)
{
    return measured<StoreFile>(metrics::Metric::AttachSeconds, u"attach"_s,
                               [&]() -> Result<StoreFile> { return attachFile(tenantRef, storeRef, draft, nullptr); });
}

Result<StoreFile> VectorStoreService::attachFile(const QString &tenantRef, const QString &storeRef,
                                                 const FileDraft &draftIn, VectorStoreBackend *stagedBy)
{
    auto a = access(tenantRef, Role::Editor, u"Attaching a file"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    auto s = findStore(t, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    FileDraft draft = draftIn;
    static const QRegularExpression shaPattern(u"^[0-9a-f]{64}$"_s);
    if (!shaPattern.match(draft.sha256).hasMatch())
        return ServiceError::invalid(u"The sha256 of '%1' must be 64 lower-case hex digits."_s.arg(draft.filename),
                                     u"sha256"_s);
    if (auto p = validateAttributes(draft.attributes))
        return *p;
    // A file without a chunking of its own is split the way its store says.
    auto checked = recordedChunking(draft.chunking.value_or(s->chunking));
    if (!checked)
        return checked.error();
    const ChunkingStrategy chunking = checked.value();
    if (draft.mimeType.isEmpty())
        draft.mimeType = FileTypes::mimeTypeFor(FileTypes::extensionOf(draft.filename));

    const QString doing = u"attaching '%1' to store '%2'"_s.arg(draft.filename, s->name);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    // The holdings are read inside the lock, so concurrent attachers cannot pass a limit together.
    auto policy = attachPolicyFor(a.value(), s.value());
    if (!policy)
        return policy.error();
    if (auto admitted = policy.value().admit(draft.filename, draft.sizeBytes, draft.sha256); !admitted)
        return admitted.error();
    // Under the content lock no purge removes these bytes until the row that keeps them commits;
    // one that got there first may have removed the staged copy already.
    if (auto p = lockContent(m_db, {draft.sha256}))
        return *p;
    if (stagedBy && !stagedBy->isStaged(draft.sha256))
        return ServiceError(ServiceError::Kind::Conflict,
                            u"The copy of '%1' was removed while it was being attached (the last other file with the "
                            u"same content was purged at that moment); attach it again."_s.arg(draft.filename),
                            QJsonObject{{u"restage"_s, true}});

    const qint64 at = now();
    auto insert =
        runQuery(m_db,
                 u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, sha256, "
                 u"status, attributes, chunking_type, chunk_max_tokens, chunk_overlap_tokens, source_path, "
                 u"created_at, updated_at, status_changed_at, trace_parent) "
                 u"VALUES (?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                 {s->id, t.id, draft.filename, draft.mimeType, draft.sizeBytes, draft.sha256,
                  sql::toJsonText(draft.attributes), chunking.type, chunking.maxChunkSizeTokens,
                  chunking.chunkOverlapTokens, sql::nullableText(draft.sourcePath), at, at, at, currentTraceParent()},
                 doing);
    if (!insert)
        return insert.error();
    auto created =
        runQuery(m_db, u"SELECT id FROM vector_store_files WHERE store_id = ? AND sha256 = ? AND deleted_at IS NULL"_s,
                 {s->id, draft.sha256}, doing);
    if (!created)
        return created.error();
    created.value().next();
    const qint64 fileId = created.value().value(0).toLongLong();
    created.value().finish();
    if (auto p = adjustStoreCounters(m_db, s->id, FileStatus::InProgress, 1, 0, draft.sizeBytes))
        return *p;
    auto touch = runQuery(m_db,
                          u"UPDATE vector_stores SET last_active_at = ?, updated_at = ?, expires_at = CASE WHEN "
                          u"expires_after_days IS NULL THEN expires_at ELSE CAST(? AS BIGINT) + expires_after_days * "
                          u"CAST(? AS BIGINT) END "
                          u"WHERE id = ?"_s,
                          {at, at, at, kDayMs, s->id}, doing);
    if (!touch)
        return touch.error();
    if (auto problem = audit(t.id, u"file.attach"_s, u"file:%1"_s.arg(fileId),
                             {{u"store"_s, s->id},
                              {u"filename"_s, draft.filename},
                              {u"size_bytes"_s, draft.sizeBytes},
                              {u"sha256"_s, draft.sha256}}))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return fileById(fileId);
}

namespace {

QString fileWhere(const FileQuery &query, QVariantList *binds)
{
    QString where = u"store_id = ? AND "_s + rows::visibilityClause(query.visibility);
    if (!query.status.isEmpty()) {
        where += u" AND status = ?"_s;
        binds->append(query.status);
    }
    if (!query.nameContains.isEmpty()) {
        where += u" AND lower(filename) LIKE ? ESCAPE '!'"_s;
        QString pattern = query.nameContains.toLower();
        pattern.replace(u"!"_s, u"!!"_s).replace(u"%"_s, u"!%"_s).replace(u"_"_s, u"!_"_s);
        binds->append(QString(u'%' + pattern + u'%'));
    }
    return where;
}

} // namespace

Result<QList<StoreFile>> VectorStoreService::listFiles(const QString &tenantRef, const QString &storeRef,
                                                       const FileQuery &query)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing files"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, query.visibility == Visibility::Live ? Visibility::Live : Visibility::All);
    if (!s)
        return s.error();
    static const QStringList sortable = {u"filename"_s,   u"size_bytes"_s, u"status"_s, u"updated_at"_s,
                                         u"created_at"_s, u"mime_type"_s,  u"id"_s,     u"usage_bytes"_s};
    if (!sortable.contains(query.sortColumn))
        return ServiceError::invalid(
            u"Cannot sort files by '%1'; use one of %2."_s.arg(query.sortColumn, sortable.join(u", "_s)), u"sort"_s);
    if (!query.status.isEmpty() && !fileStatusFromName(query.status))
        return ServiceError::invalid(
            u"Unknown file status '%1'; use in_progress, completed, failed or cancelled."_s.arg(query.status),
            u"status"_s);
    QVariantList binds{s->id};
    const QString where = fileWhere(query, &binds);
    const QString direction = query.descending ? u" DESC"_s : u" ASC"_s;
    binds << qMax(0, query.limit) << qMax<qint64>(0, query.offset);
    // Names sort as people expect, regardless of case (an index on lower(filename) serves it).
    const QString sortExpression = query.sortColumn == u"filename"_s ? u"lower(filename)"_s : query.sortColumn;
    auto result =
        runQuery(m_db,
                 u"SELECT "_s + rows::kFileColumns + u" FROM vector_store_files WHERE "_s + where + u" ORDER BY "_s
                     + sortExpression + direction + u", id"_s + direction + u" LIMIT ? OFFSET ?"_s,
                 binds, u"listing files"_s);
    if (!result)
        return result.error();
    QList<StoreFile> files;
    while (result.value().next())
        files.append(rows::fileFromRow(result.value()));
    return files;
}

Result<qint64> VectorStoreService::countFiles(const QString &tenantRef, const QString &storeRef, const FileQuery &query)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing files"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, query.visibility == Visibility::Live ? Visibility::Live : Visibility::All);
    if (!s)
        return s.error();
    QVariantList binds{s->id};
    const QString where = fileWhere(query, &binds);
    auto result =
        runQuery(m_db, u"SELECT count(*) FROM vector_store_files WHERE "_s + where, binds, u"counting files"_s);
    if (!result)
        return result.error();
    result.value().next();
    return result.value().value(0).toLongLong();
}

Result<StoreFile> VectorStoreService::file(const QString &tenantRef, const QString &storeRef, const QString &fileRef,
                                           Visibility visibility)
{
    auto target = fileTarget(tenantRef, storeRef, fileRef, Role::Viewer, u"Viewing a file"_s, visibility);
    if (!target)
        return target.error();
    return target->file;
}

Result<StoreFile> VectorStoreService::setFileAttributes(const QString &tenantRef, const QString &storeRef,
                                                        const QString &fileRef, const QJsonObject &attributes)
{
    auto target = fileTarget(tenantRef, storeRef, fileRef, Role::Editor, u"Changing file attributes"_s);
    if (!target)
        return target.error();
    const Access *a = &target->access;
    const VectorStore *s = &target->store;
    const StoreFile *f = &target->file;
    if (auto p = validateAttributes(attributes))
        return *p;
    if (StoreHolderLink *holder = holderElsewhere(*s)) {
        auto apiId = fileApiIdFor(*holder, a->tenant, *s, f->id, u"Changing file attributes in"_s);
        if (!apiId)
            return apiId.error();
        if (auto sent = holder->setAttributes(a->tenant, *s, apiId.value(), attributes); !sent)
            return sent.error();
        return fileById(f->id);
    }
    auto backend = backendToChange(a->tenant, *s, u"Changing file attributes in"_s);
    if (!backend)
        return backend.error();
    const QString doing = u"changing the attributes of '%1'"_s.arg(f->filename);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    auto result = runQuery(
        m_db, u"UPDATE vector_store_files SET attributes = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL"_s,
        {sql::toJsonText(attributes), now(), f->id}, doing);
    if (!result)
        return result.error();
    if (auto problem = audit(a->tenant.id, u"file.set_attributes"_s, u"file:%1"_s.arg(f->id),
                             {{u"from"_s, f->attributes}, {u"to"_s, attributes}}))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    auto updated = fileById(f->id);
    // Search re-checks attributes against this database, so a failure here only costs speed.
    if (updated)
        if (auto r = backend.value()->setFileAttributes(a->tenant, *s, updated.value()); !r)
            qCWarning(lcService).noquote()
                << "updating the index attributes of file" << f->id << "failed:" << r.error().message();
    return updated;
}

Result<StoreFile> VectorStoreService::detachFile(const QString &tenantRef, const QString &storeRef,
                                                 const QString &fileRef)
{
    return measured<StoreFile>(std::nullopt, u"file.detach"_s, [&]() -> Result<StoreFile> {
        auto target = fileTarget(tenantRef, storeRef, fileRef, Role::Editor, u"Detaching a file"_s);
        if (!target)
            return target.error();
        const Access *a = &target->access;
        const VectorStore *s = &target->store;
        const StoreFile *f = &target->file;
        if (StoreHolderLink *holder = holderElsewhere(*s)) {
            auto apiId = fileApiIdFor(*holder, a->tenant, *s, f->id, u"Detaching a file from"_s);
            if (!apiId)
                return apiId.error();
            if (auto sent = holder->detach(a->tenant, *s, apiId.value()); !sent)
                return sent.error();
            return fileById(f->id);
        }
        auto backend = backendToChange(a->tenant, *s, u"Detaching a file from"_s);
        if (!backend)
            return backend.error();
        const QString doing = u"detaching '%1' from store '%2'"_s.arg(f->filename, s->name);
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return vd::commitError(m_db, doing, transaction.error());
        if (auto p = lockTenant(a->tenant.id))
            return *p;
        // The row as it is now: another process may have detached it or finished its ingestion since
        // it was looked up, and the counters must move from the state it really leaves.
        auto state = lockFileRow(m_db, f->id, doing);
        if (!state)
            return state.error();
        if (!state->live)
            return ServiceError::conflict(u"File %1 ('%2') was already detached (by another operator or process); "
                                          u"nothing was changed."_s.arg(f->id)
                                              .arg(f->filename));
        const qint64 at = now();
        auto result = runQuery(
            m_db, u"UPDATE vector_store_files SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL"_s,
            {at, at, f->id}, doing);
        if (!result)
            return result.error();
        if (result.value().numRowsAffected() != 1)
            return ServiceError::conflict(
                u"File %1 ('%2') changed while it was being detached; nothing was changed."_s.arg(f->id).arg(
                    f->filename));
        if (auto p = adjustStoreCounters(m_db, s->id, state->status, -1, -state->usageBytes, -state->sizeBytes))
            return *p;
        if (auto problem = audit(a->tenant.id, u"file.detach"_s, u"file:%1"_s.arg(f->id),
                                 {{u"store"_s, s->id}, {u"filename"_s, f->filename}}))
            return *problem;
        if (!transaction.commit())
            return vd::commitError(m_db, doing, transaction.error());
        // Search also checks this database, so the file is gone from results even if this fails.
        if (auto r = backend.value()->setFileVisible(a->tenant, *s, *f, false); !r)
            qCWarning(lcService).noquote() << "hiding file" << f->id << "in the index failed:" << r.error().message();
        return fileById(f->id);
    });
}

Result<StoreFile> VectorStoreService::restoreFile(const QString &tenantRef, const QString &storeRef,
                                                  const QString &fileRef)
{
    return measured<StoreFile>(std::nullopt, u"file.restore"_s, [&]() -> Result<StoreFile> {
        auto a = access(tenantRef, Role::Editor, u"Restoring a file"_s);
        if (!a)
            return a.error();
        const Tenant &t = a->tenant;
        auto s = findStore(t, storeRef, Visibility::Live);
        if (!s)
            return s.error();
        if (s->status == StoreStatus::Expired)
            return ServiceError::conflict(
                u"Store '%1' has expired; its files cannot be restored. Attach them to a live store."_s.arg(s->name));
        auto f = findFile(s.value(), fileRef, Visibility::Deleted);
        if (!f)
            return f.error();
        if (StoreHolderLink *holder = holderElsewhere(s.value())) {
            auto apiId = fileApiIdFor(*holder, t, s.value(), f->id, u"Restoring a file to"_s);
            if (!apiId)
                return apiId.error();
            if (auto sent = holder->restore(t, s.value(), apiId.value()); !sent)
                return sent.error();
            return fileById(f->id);
        }
        auto limits = limitsFor(t);
        if (!limits)
            return limits.error();
        auto backend = backendToChange(t, s.value(), u"Restoring a file to"_s);
        if (!backend)
            return backend.error();
        const QString doing = u"restoring '%1' to store '%2'"_s.arg(f->filename, s->name);
        Transaction transaction(m_db);
        if (!transaction.isActive())
            return vd::commitError(m_db, doing, transaction.error());
        if (auto p = lockTenant(t.id))
            return *p;
        auto state = lockFileRow(m_db, f->id, doing);
        if (!state)
            return state.error();
        if (state->live)
            return ServiceError::conflict(u"File %1 ('%2') was already restored (by another operator or process); "
                                          u"nothing was changed."_s.arg(f->id)
                                              .arg(f->filename));
        auto count = runQuery(
            m_db,
            u"SELECT files_in_progress + files_completed + files_failed + files_cancelled FROM vector_stores WHERE id = ?"_s,
            {s->id}, doing);
        if (!count)
            return count.error();
        count.value().next();
        const qint64 fileCount = count.value().value(0).toLongLong();
        count.value().finish();
        if (fileCount >= limits->maxFilesPerStore)
            return ServiceError::quota(
                u"Store '%1' is at its plan limit of %2 files (plan %3); remove files or raise the "
                u"limit before restoring '%4'."_s.arg(s->name)
                    .arg(limits->maxFilesPerStore)
                    .arg(t.plan, f->filename),
                u"max_files_per_store"_s, fileCount, limits->maxFilesPerStore);
        auto bytes = tenantBytesInUse(t.id, doing);
        if (!bytes)
            return bytes.error();
        const qint64 usedBytes = bytes.value();
        if (usedBytes + f->sizeBytes > limits->maxTotalBytes)
            return ServiceError::quota(
                u"Tenant %1 uses %2 of its %3 storage (plan %4); restoring '%5' (%6) does not fit."_s.arg(
                    t.slug, formatBytes(usedBytes), formatBytes(limits->maxTotalBytes), t.plan, f->filename,
                    formatBytes(f->sizeBytes)),
                u"max_total_bytes"_s, usedBytes, limits->maxTotalBytes);
        auto duplicate = runQuery(
            m_db, u"SELECT id FROM vector_store_files WHERE store_id = ? AND sha256 = ? AND deleted_at IS NULL"_s,
            {s->id, f->sha256}, doing);
        if (!duplicate)
            return duplicate.error();
        if (duplicate.value().next())
            return ServiceError::conflict(u"Store '%1' already has the same content attached again as file %2; detach "
                                          u"that one first."_s.arg(s->name)
                                              .arg(duplicate.value().value(0).toLongLong()));
        duplicate.value().finish();
        auto result = runQuery(
            m_db,
            u"UPDATE vector_store_files SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at IS NOT NULL"_s,
            {now(), f->id}, doing);
        if (!result)
            return result.error();
        if (result.value().numRowsAffected() != 1)
            return ServiceError::conflict(
                u"File %1 ('%2') changed while it was being restored; nothing was changed."_s.arg(f->id).arg(
                    f->filename));
        if (auto p = adjustStoreCounters(m_db, s->id, state->status, 1, state->usageBytes, state->sizeBytes))
            return *p;
        if (auto problem = audit(t.id, u"file.restore"_s, u"file:%1"_s.arg(f->id),
                                 {{u"store"_s, s->id}, {u"filename"_s, f->filename}}))
            return *problem;
        if (!transaction.commit())
            return vd::commitError(m_db, doing, transaction.error());
        if (auto r = backend.value()->setFileVisible(t, s.value(), f.value(), true); !r)
            qCWarning(lcService).noquote() << "showing file" << f->id << "in the index failed:" << r.error().message();
        return fileById(f->id);
    });
}

Result<StoreFile> VectorStoreService::attachPath(const QString &tenantRef, const QString &storeRef, const QString &path,
                                                 const QJsonObject &attributes,
                                                 const std::optional<ChunkingStrategy> &chunking)
{
    return measured<StoreFile>(metrics::Metric::AttachSeconds, u"attach"_s, [&]() -> Result<StoreFile> {
        auto a = access(tenantRef, Role::Editor, u"Attaching a file"_s);
        if (!a)
            return a.error();
        auto s = findStore(a->tenant, storeRef, Visibility::Live);
        if (!s)
            return s.error();
        StoreHolderLink *holder = holderElsewhere(s.value());
        auto stager = holder ? backendOf(s.value()) : backendToChange(a->tenant, s.value(), u"Attaching files to"_s);
        if (!stager)
            return stager.error();
        VectorStoreBackend *backend = stager.value();
        const QFileInfo info(path);
        if (!info.exists())
            return ServiceError::invalid(u"%1 does not exist."_s.arg(path), u"path"_s);
        if (!info.isFile())
            return ServiceError::invalid(u"%1 is not a regular file."_s.arg(path), u"path"_s);
        FileDraft draft;
        draft.filename = info.fileName();
        draft.sizeBytes = info.size();
        draft.attributes = attributes;
        draft.chunking = chunking;
        draft.sourcePath = info.absoluteFilePath();
        if (auto p = validateAttributes(attributes))
            return *p;
        if (chunking)
            if (auto p = validateChunking(*chunking))
                return *p;
        // The checks that need no content first, so a refused file is not copied at all.
        {
            auto policy = attachPolicyFor(a.value(), s.value());
            if (!policy)
                return policy.error();
            if (auto checked = policy->checkFile(draft.filename, draft.sizeBytes); !checked)
                return checked.error();
            // What the file holds, as ingestion will see it: a program or an image named .txt is
            // refused here, before its bytes are copied, not at indexing.
            if (auto checked = policy->checkContent(draft.sourcePath, draft.filename); !checked)
                return checked.error();
        }
        // Another machine holds the store's index: the bytes go to it, and it attaches them.
        if (holder) {
            if (!draft.chunking)
                draft.chunking = s->chunking;
            auto apiId = holder->attach(a->tenant, s.value(), draft);
            if (!apiId)
                return apiId.error();
            return storeFileByApiId(tenantRef, QString::number(s->id), apiId.value());
        }
        // A purge of the same bytes may remove the staged copy before the attach takes the content lock:
        // the attach then refuses (restage) and the file is staged again.
        for (int attempt = 1;; ++attempt) {
            auto staged = backend->stageFile(a->tenant, path);
            if (!staged)
                return staged.error();
            draft.sha256 = staged->sha256;
            draft.sizeBytes = staged->size;
            auto attached = attachFile(tenantRef, storeRef, draft, backend);
            if (!attached && staged->wasNew)
                if (auto r = lifecycle().discardStaged(*backend, a->tenant, staged->sha256); !r)
                    qCWarning(lcService).noquote() << "removing the refused copy failed:" << r.error().message();
            if (attached || attempt == 3 || !attached.error().details().value(u"restage"_s).toBool())
                return attached;
        }
    });
}

Result<StoreFile> VectorStoreService::cancelFile(const QString &tenantRef, const QString &storeRef,
                                                 const QString &fileRef)
{
    auto target = fileTarget(tenantRef, storeRef, fileRef, Role::Editor, u"Cancelling a file"_s);
    if (!target)
        return target.error();
    const Access *a = &target->access;
    const VectorStore *s = &target->store;
    const StoreFile *f = &target->file;
    if (f->status != FileStatus::InProgress)
        return ServiceError::conflict(
            u"File %1 ('%2') is %3; only a file still in progress can be cancelled."_s.arg(f->id).arg(
                f->filename, fileStatusName(f->status)));
    const QString doing = u"cancelling '%1' in store '%2'"_s.arg(f->filename, s->name);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(a->tenant.id))
        return *p;
    const qint64 at = now();
    // Only while it is still in progress: an ingestion that finished first wins.
    auto result =
        runQuery(m_db,
                 u"UPDATE vector_store_files SET status = 'cancelled', status_changed_at = ?, updated_at = ?, "
                 u"ingest_claimed_by = NULL, ingest_claimed_at = NULL "
                 u"WHERE id = ? AND status = 'in_progress' AND deleted_at IS NULL"_s,
                 {at, at, f->id}, doing);
    if (!result)
        return result.error();
    if (result.value().numRowsAffected() != 1)
        return ServiceError::conflict(
            u"File %1 ('%2') finished while it was being cancelled; see its status (vectordesk file show)."_s.arg(f->id)
                .arg(f->filename));
    // The row is still in progress and ours until commit: its usage moves with it.
    auto state = lockFileRow(m_db, f->id, doing);
    if (!state)
        return state.error();
    if (auto p = adjustStoreCounters(m_db, s->id, FileStatus::InProgress, -1, -state->usageBytes, 0))
        return *p;
    if (auto p = adjustStoreCounters(m_db, s->id, FileStatus::Cancelled, 1, state->usageBytes, 0))
        return *p;
    if (auto problem =
            audit(a->tenant.id, u"file.cancel"_s, u"file:%1"_s.arg(f->id),
                  {{u"store"_s, s->id}, {u"filename"_s, f->filename}, {u"waited_ms"_s, at - f->statusChangedAt}}))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return fileById(f->id);
}

Result<StoreFile> VectorStoreService::retryFile(const QString &tenantRef, const QString &storeRef,
                                                const QString &fileRef)
{
    auto a = access(tenantRef, Role::Editor, u"Retrying a file"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    if (s->status == StoreStatus::Expired)
        return ServiceError::conflict(
            u"Store '%1' has expired; its files cannot be ingested again. Attach them to a live store."_s.arg(s->name));
    auto f = findFile(s.value(), fileRef, Visibility::Live);
    if (!f)
        return f.error();
    if (f->status == FileStatus::Completed)
        return ServiceError::conflict(
            u"File %1 ('%2') is already completed; there is nothing to retry."_s.arg(f->id).arg(f->filename));
    const QString doing = u"retrying '%1' in store '%2'"_s.arg(f->filename, s->name);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(a->tenant.id))
        return *p;
    // The row as it is now, not as it was looked up: the counters move from this state.
    auto state = lockFileRow(m_db, f->id, doing);
    if (!state)
        return state.error();
    if (!state->live || state->status == FileStatus::Completed)
        return ServiceError::conflict(
            u"File %1 ('%2') changed while it was being retried (it is now %3); see its "
            u"status (vectordesk file show)."_s.arg(f->id)
                .arg(f->filename, state->live ? fileStatusName(state->status) : u"detached"_s));
    const qint64 at = now();
    auto result = runQuery(m_db,
                           u"UPDATE vector_store_files SET status = 'in_progress', last_error_code = NULL, "
                           u"last_error_message = NULL, usage_bytes = 0, status_changed_at = ?, updated_at = ?, "
                           u"ingest_claimed_by = NULL, ingest_claimed_at = NULL, ingest_attempts = 0, trace_parent = ? "
                           u"WHERE id = ? AND status = ? AND deleted_at IS NULL"_s,
                           {at, at, currentTraceParent(), f->id, fileStatusName(state->status)}, doing);
    if (!result)
        return result.error();
    if (result.value().numRowsAffected() != 1)
        return ServiceError::conflict(
            u"File %1 ('%2') changed while it was being retried; see its status (vectordesk file show)."_s.arg(f->id)
                .arg(f->filename));
    if (auto p = adjustStoreCounters(m_db, s->id, state->status, -1, -state->usageBytes, 0))
        return *p;
    if (auto p = adjustStoreCounters(m_db, s->id, FileStatus::InProgress, 1, 0, 0))
        return *p;
    auto touch =
        runQuery(m_db,
                 u"UPDATE vector_stores SET last_active_at = ?, expires_at = CASE WHEN expires_after_days IS NULL "
                 u"THEN expires_at ELSE CAST(? AS BIGINT) + expires_after_days * CAST(? AS BIGINT) END "
                 u"WHERE id = ?"_s,
                 {at, at, kDayMs, s->id}, doing);
    if (!touch)
        return touch.error();
    QJsonObject detail{
        {u"store"_s, s->id}, {u"filename"_s, f->filename}, {u"previous_status"_s, fileStatusName(state->status)}};
    if (!f->lastErrorCode.isEmpty())
        detail.insert(u"previous_error"_s,
                      QJsonObject{{u"code"_s, f->lastErrorCode}, {u"message"_s, f->lastErrorMessage}});
    if (auto problem = audit(a->tenant.id, u"file.retry"_s, u"file:%1"_s.arg(f->id), detail))
        return *problem;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return fileById(f->id);
}

} // namespace vd
