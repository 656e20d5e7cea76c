#include "core/backend/vectorstorebackend.h"
#include "core/service/lifecycle.h"
#include "core/service/storecounters.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"
#include "core/storage/sqlvalues.h"
#include "core/sync/syncpass.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

// The refresh phase: remote stores and their files in progress, brought up to date from their
// backend (docs/sync.md).

namespace vd {

void SyncPass::refreshRemote()
{
    auto listed = storesWhere(u"s.deleted_at IS NULL AND t.deleted_at IS NULL AND s.status <> 'expired' "
                              u"AND s.backend <> 'local' AND (CAST(? AS BIGINT) IS NULL OR s.tenant_id = ?)"_s,
                              {tenantFilter(), tenantFilter()}, u"listing remote stores"_s);
    if (!listed)
        return fail(u"refresh_store"_s, nullptr, listed.error().message());
    const QList<StoreRef> &stores = listed.value();

    qint64 done = 0;
    for (const StoreRef &ref : std::as_const(stores)) {
        if (!proceed())
            return;
        progress(u"refresh"_s, done++, stores.size(), ref.store.name);
        ItemScope scope(*this, u"refresh_store"_s);
        VectorStoreBackend *backend = m_backendFor ? m_backendFor(ref.store.backend) : nullptr;
        if (!backend || !backend->isRemote()) {
            fail(u"refresh_store"_s, &ref,
                 u"No %1 backend is configured in this process, so store '%2' cannot be refreshed; configure the "
                 u"%1 connection (API key) for this runner."_s.arg(backendName(ref.store.backend), ref.store.name));
            continue;
        }
        // The files still in progress, read in batches, asked about in one call (a remote backend
        // lists them by status, a page per 100 files), which also returns the store's state.
        qint64 lastId = 0;
        std::optional<RemoteStoreState> storeState;
        QList<StoreFile> inProgress;
        bool listedAll = true;
        while (true) {
            if (!proceed())
                return;
            auto files = runQuery(m_db,
                                  u"SELECT "_s + rows::kFileColumns
                                      + u" FROM vector_store_files WHERE store_id = ? AND status = 'in_progress' "
                                        u"AND deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?"_s,
                                  {ref.store.id, lastId, m_options.batchSize}, u"listing files in progress"_s);
            if (!files) {
                fail(u"refresh_store"_s, &ref, files.error().message());
                listedAll = false;
                break;
            }
            qsizetype read = 0;
            while (files.value().next()) {
                inProgress << rows::fileFromRow(files.value());
                ++read;
            }
            files.value().finish();
            if (read > 0)
                lastId = inProgress.constLast().id;
            if (read < m_options.batchSize)
                break;
        }
        if (!listedAll)
            continue;
        QHash<qint64, QString> filenames;
        for (const StoreFile &f : std::as_const(inProgress))
            filenames.insert(f.id, f.filename);
        auto state = backend->refresh(ref.tenant, ref.store, inProgress);
        if (!state) {
            fail(u"refresh_store"_s, &ref, state.error().message());
            continue;
        }
        if (state->missing) {
            SyncItem item = itemFor(ref, u"missing_store"_s, u"reported"_s);
            item.detail = u"Store '%1' (%2) no longer exists on %3; it was deleted outside VectorDesk. It is not "
                          u"re-created: delete it here (vectordesk store delete) or create a new store."_s.arg(
                              ref.store.name, ref.store.remoteId, backendName(ref.store.backend));
            item.extra.insert(u"remote_id"_s, ref.store.remoteId);
            record(item);
            continue;
        }
        storeState = state.value();
        for (qsizetype from = 0; from < state->files.size(); from += m_options.batchSize) {
            if (!proceed())
                return;
            // Files whose remote status moved on, in one short transaction per batch.
            QList<SyncItem> changed;
            std::optional<Transaction> transaction;
            if (!m_options.dryRun)
                transaction.emplace(m_db);
            bool ok = true;
            for (const RemoteFileState &fs : state->files.mid(from, m_options.batchSize)) {
                const QString filename = filenames.value(fs.fileId);
                SyncItem item = itemFor(ref);
                item.fileId = fs.fileId;
                item.file = filename;
                if (fs.missing) {
                    item.action = u"missing_file"_s;
                    item.outcome = u"reported"_s;
                    item.detail = u"File %1 no longer exists on %2; it was removed outside VectorDesk. It is not "
                                  u"re-uploaded: detach it or attach the file again."_s.arg(
                                      filename, backendName(ref.store.backend));
                    changed << item;
                    continue;
                }
                if (fs.status == u"in_progress"_s || fs.status.isEmpty())
                    continue;
                item.action = u"refresh_file"_s;
                item.outcome = m_options.dryRun ? u"planned"_s : u"done"_s;
                item.detail = u"in_progress -> %1"_s.arg(fs.status);
                item.extra.insert(u"status"_s, fs.status);
                if (!fs.lastErrorCode.isEmpty())
                    item.extra.insert(u"last_error"_s,
                                      QJsonObject{{u"code"_s, fs.lastErrorCode}, {u"message"_s, fs.lastErrorMessage}});
                if (!m_options.dryRun && ok) {
                    const bool failed = fs.status == u"failed"_s;
                    auto update = runQuery(
                        m_db,
                        u"UPDATE vector_store_files SET status = ?, last_error_code = ?, last_error_message = ?, "
                        u"usage_bytes = ?, status_changed_at = ?, updated_at = ?, ingest_claimed_by = NULL, "
                        u"ingest_claimed_at = NULL WHERE id = ? AND status = 'in_progress' AND deleted_at IS NULL"_s,
                        {fs.status,
                         sql::nullableText(!failed                          ? QString()
                                               : fs.lastErrorCode.isEmpty() ? u"server_error"_s
                                                                            : fs.lastErrorCode),
                         sql::nullableText(!failed ? QString()
                                               : fs.lastErrorMessage.isEmpty()
                                               ? u"The remote backend reported a failure."_s
                                               : fs.lastErrorMessage.left(2000)),
                         fs.usageBytes, now(), now(), fs.fileId},
                        u"recording the remote status of a file"_s);
                    if (!update) {
                        item.outcome = u"failed"_s;
                        item.error = update.error().message();
                        ok = false;
                    } else if (update.value().numRowsAffected() == 1) {
                        std::optional<ServiceError> problem =
                            adjustStoreCounters(m_db, ref.store.id, FileStatus::InProgress, -1, 0, 0);
                        if (!problem)
                            // The UPDATE above admitted only a known status (the schema's CHECK).
                            problem = adjustStoreCounters(m_db, ref.store.id,
                                                          fileStatusFromName(fs.status).value_or(FileStatus::Failed), 1,
                                                          fs.usageBytes, 0);
                        if (!problem)
                            problem = audit(ref.tenant.id, u"file.refresh"_s, u"file:%1"_s.arg(fs.fileId),
                                            {{u"status"_s, fs.status}, {u"usage_bytes"_s, fs.usageBytes}});
                        if (problem) {
                            item.outcome = u"failed"_s;
                            item.error = problem->message();
                            ok = false;
                        }
                    } else {
                        continue; // changed meanwhile (cancelled, detached): nothing to record
                    }
                }
                changed << item;
            }
            if (transaction && ok && !transaction->commit()) {
                ok = false;
                for (SyncItem &item : changed)
                    if (item.action == u"refresh_file"_s) {
                        item.outcome = u"failed"_s;
                        item.error = u"Cannot commit the file states: %1"_s.arg(transaction->error());
                    }
            }
            if (!ok)
                for (SyncItem &item : changed)
                    if (item.action == u"refresh_file"_s && item.outcome == u"done"_s) {
                        item.outcome = u"failed"_s;
                        item.error = u"Rolled back with the rest of its batch."_s;
                    }
            for (const SyncItem &item : std::as_const(changed))
                record(item);
        }
        if (!storeState)
            continue;
        // The store's own state: status, usage, counts, expiry.
        const RemoteStoreState &st = *storeState;
        QStringList changes;
        auto row = runQuery(m_db, u"SELECT "_s + rows::kStoreColumns + u" FROM vector_stores WHERE id = ?"_s,
                            {ref.store.id}, u"reading a remote store"_s);
        if (!row || !row.value().next()) {
            fail(u"refresh_store"_s, &ref, row ? u"The store disappeared during the pass."_s : row.error().message());
            continue;
        }
        const VectorStore current = rows::storeFromRow(row.value());
        row.value().finish();
        const QString currentStatus = storeStatusName(current.status);
        if (currentStatus != st.status && !st.status.isEmpty())
            changes << u"status %1 -> %2"_s.arg(currentStatus, st.status);
        if (current.usageBytes != st.usageBytes)
            changes << u"usage_bytes %1 -> %2"_s.arg(current.usageBytes).arg(st.usageBytes);
        const FileCounts &local = current.fileCounts;
        if (local.inProgress != st.fileCounts.inProgress || local.completed != st.fileCounts.completed
            || local.failed != st.fileCounts.failed || local.cancelled != st.fileCounts.cancelled)
            changes << u"file_counts %1/%2/%3/%4 -> %5/%6/%7/%8"_s.arg(local.inProgress)
                           .arg(local.completed)
                           .arg(local.failed)
                           .arg(local.cancelled)
                           .arg(st.fileCounts.inProgress)
                           .arg(st.fileCounts.completed)
                           .arg(st.fileCounts.failed)
                           .arg(st.fileCounts.cancelled);
        if (current.expiresAt != st.expiresAt)
            changes << u"expires_at %1 -> %2"_s.arg(current.expiresAt ? isoTime(*current.expiresAt) : u"none"_s,
                                                    st.expiresAt ? isoTime(*st.expiresAt) : u"none"_s);
        const bool lastActiveChanged = st.lastActiveAt && current.lastActiveAt != st.lastActiveAt;
        SyncItem item = itemFor(ref, u"refresh_store"_s, m_options.dryRun ? u"planned"_s : u"done"_s);
        item.detail = changes.isEmpty() ? u"unchanged"_s : changes.join(u", "_s);
        item.extra.insert(u"remote_status"_s, st.status);
        if (!m_options.dryRun && (!changes.isEmpty() || lastActiveChanged)) {
            const bool expiredRemotely = st.status == u"expired"_s;
            Transaction transaction(m_db);
            auto update =
                runQuery(m_db,
                         u"UPDATE vector_stores SET usage_bytes = ?, files_in_progress = ?, files_completed = ?, "
                         u"files_failed = ?, files_cancelled = ?, expires_at = ?, "
                         u"last_active_at = coalesce(?, last_active_at), updated_at = ?, status = ? "
                         u"WHERE id = ? AND deleted_at IS NULL"_s,
                         {st.usageBytes, st.fileCounts.inProgress, st.fileCounts.completed, st.fileCounts.failed,
                          st.fileCounts.cancelled, sql::nullableInt(st.expiresAt), sql::nullableInt(st.lastActiveAt),
                          now(), expiredRemotely || st.status.isEmpty() ? currentStatus : st.status, ref.store.id},
                         u"recording the remote state of a store"_s);
            std::optional<ServiceError> problem;
            if (!update)
                problem = update.error();
            if (!problem)
                problem = audit(ref.tenant.id, u"store.refresh"_s, u"store:%1"_s.arg(ref.store.id),
                                {{u"changes"_s, QJsonArray::fromStringList(changes)}});
            if (!problem && !transaction.commit())
                problem = ServiceError::unavailable(u"Cannot commit the store state: %1"_s.arg(transaction.error()));
            if (problem) {
                item.outcome = u"failed"_s;
                item.error = problem->message();
            }
            record(item);
            // Expired remotely: the same local consequences as an expiry computed here.
            if (!problem && expiredRemotely)
                if (auto r = lifecycle().expireStore(ref.tenant, ref.store, Lifecycle::Expiry::Remote,
                                                     u"expired on %1"_s.arg(backendName(ref.store.backend)));
                    !r)
                    fail(u"expire"_s, &ref, r.error().message());
        } else {
            record(item);
        }
    }
    progress(u"refresh"_s, done, stores.size(), QString());
}

} // namespace vd
