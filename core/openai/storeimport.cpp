#include "storeimport.h"

#include "openaibackend.h"
#include "service/storecounters.h"
#include "service/validation.h"
#include "service/vectorstoreservice.h"
#include "storage/database.h"
#include "storage/query.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace vd::openai {

namespace {

constexpr auto &run = runQuery; // one statement, values bound (storage/query.h)

QVariant nullableText(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant nullableMs(const std::optional<qint64> &ms)
{
    return ms ? QVariant(*ms) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

QJsonObject ImportedStore::toJson() const
{
    QJsonObject o{{u"remote_id"_s, remoteId},
                  {u"files"_s, files},
                  {u"skipped_files"_s, QJsonArray::fromStringList(skippedFiles)}};
    if (storeId > 0) {
        o.insert(u"id"_s, storeId);
        o.insert(u"name"_s, name);
    }
    if (!skipped.isEmpty())
        o.insert(u"skipped"_s, skipped);
    return o;
}

Result<QList<ImportedStore>> importStores(Database &db, VectorStoreService &service, OpenAIBackend &backend,
                                          const QString &tenantRef, const QStringList &remoteIds)
{
    auto tenant = service.tenant(tenantRef);
    if (!tenant)
        return tenant.error();
    auto role = service.roleIn(tenantRef);
    if (!role)
        return role.error();
    if (int(role.value()) < int(Role::Admin))
        return ServiceError::denied(u"Importing OpenAI stores into tenant %1 needs the admin role; you are %2."_s.arg(
                                        tenant->slug, roleName(role.value())),
                                    u"admin"_s);
    auto c = backend.client(tenant.value());
    if (!c)
        return c.error();
    OpenAIClient &api = **c;

    QList<QJsonObject> remotes;
    if (remoteIds.isEmpty()) {
        auto all = OpenAIBackend::waitList([&](auto done) {
            OpenAIClient::listAll(
                [&api](const ListQuery &q, JsonCallback cb) { api.listVectorStores(q, std::move(cb)); },
                ListQuery{100, u"asc"_s, {}, {}, {}}, 1000, std::move(done));
        });
        if (!all)
            return all.error();
        remotes = all.value();
    } else {
        for (const QString &id : remoteIds) {
            auto one =
                OpenAIBackend::wait([&](JsonCallback done) { api.getVectorStore(id.trimmed(), std::move(done)); });
            if (!one)
                return one.error();
            remotes << one.value();
        }
    }

    // Stores are created through a service without backends: metadata only, no remote calls.
    VectorStoreService meta(db, service.operatorName());
    meta.setRequestId(service.requestId());
    QList<ImportedStore> report;
    for (const QJsonObject &remote : std::as_const(remotes)) {
        ImportedStore item;
        item.remoteId = remote.value(u"id"_s).toString();
        auto known = run(db,
                         u"SELECT s.name, t.slug FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id "
                         u"WHERE s.backend = 'openai' AND s.remote_id = ?"_s,
                         {item.remoteId}, u"looking for an earlier import"_s);
        if (!known)
            return known.error();
        if (known.value().next()) {
            item.skipped = u"already in VectorDesk as store '%1' of tenant %2"_s.arg(known.value().value(0).toString(),
                                                                                     known.value().value(1).toString());
            report << item;
            continue;
        }
        if (remote.value(u"status"_s).toString() == u"expired"_s) {
            item.skipped = u"expired on OpenAI; its files are gone"_s;
            report << item;
            continue;
        }
        StoreDraft draft;
        draft.backend = u"openai"_s;
        draft.name = remote.value(u"name"_s).toString().simplified().left(100);
        if (draft.name.isEmpty())
            draft.name = item.remoteId;
        if (meta.store(tenantRef, draft.name))
            draft.name = u"%1 (%2)"_s.arg(draft.name.left(60), item.remoteId);
        draft.metadata = remote.value(u"metadata"_s).toObject();
        const QJsonObject expiry = remote.value(u"expires_after"_s).toObject();
        if (expiry.contains(u"days"_s))
            draft.expiresAfterDays = expiry.value(u"days"_s).toInt();
        auto created = meta.createStore(tenantRef, draft);
        if (!created) {
            item.skipped = created.error().message();
            report << item;
            continue;
        }
        item.storeId = created->id;
        item.name = created->name;
        auto adopted =
            run(db,
                u"UPDATE vector_stores SET remote_id = ?, status = ?, expires_at = ?, last_active_at = "
                u"coalesce(?, last_active_at) WHERE id = ?"_s,
                {item.remoteId,
                 remote.value(u"status"_s).toString() == u"in_progress"_s ? u"in_progress"_s : u"completed"_s,
                 nullableMs(secondsToMs(remote.value(u"expires_at"_s))),
                 nullableMs(secondsToMs(remote.value(u"last_active_at"_s))), item.storeId},
                u"recording the OpenAI id of store '%1'"_s.arg(item.name));
        if (!adopted) {
            // No store without its remote id: take the record back out.
            if (meta.deleteStore(tenantRef, QString::number(item.storeId)))
                (void)meta.purgeStore(tenantRef, QString::number(item.storeId));
            return adopted.error();
        }

        auto files = OpenAIBackend::waitList([&](auto done) {
            OpenAIClient::listAll(
                [&](const ListQuery &q, JsonCallback cb) { api.listVectorStoreFiles(item.remoteId, q, std::move(cb)); },
                ListQuery{100, u"asc"_s, {}, {}, {}}, 10000, std::move(done));
        });
        if (!files)
            return files.error();
        for (const QJsonObject &f : files.value()) {
            const QString fileId = f.value(u"id"_s).toString();
            auto info = OpenAIBackend::wait([&](JsonCallback done) { api.getFile(fileId, std::move(done)); });
            if (!info) {
                item.skippedFiles << u"%1: %2"_s.arg(fileId, info.error().message());
                continue;
            }
            FileDraft fileDraft;
            fileDraft.filename = info->value(u"filename"_s).toString();
            fileDraft.sizeBytes = info->value(u"bytes"_s).toInteger();
            // No local copy: a stand-in hash derived from the OpenAI file id keeps records distinct.
            fileDraft.sha256 = QString::fromLatin1(
                QCryptographicHash::hash(QByteArray("openai-file:" + fileId.toUtf8()), QCryptographicHash::Sha256)
                    .toHex());
            fileDraft.attributes = f.value(u"attributes"_s).toObject();
            const QJsonObject chunking = f.value(u"chunking_strategy"_s).toObject();
            ChunkingStrategy used; // as OpenAI chunked it, whatever the store says
            if (chunking.value(u"type"_s).toString() == u"static"_s) {
                const QJsonObject s = chunking.value(u"static"_s).toObject();
                used.type = u"static"_s;
                used.maxChunkSizeTokens = s.value(u"max_chunk_size_tokens"_s).toInt(800);
                used.chunkOverlapTokens = s.value(u"chunk_overlap_tokens"_s).toInt(400);
            }
            fileDraft.chunking = used;
            auto attached = meta.attachFile(tenantRef, QString::number(item.storeId), fileDraft);
            if (!attached) {
                item.skippedFiles << u"%1 (%2): %3"_s.arg(fileId, fileDraft.filename, attached.error().message());
                continue;
            }
            QString status = f.value(u"status"_s).toString();
            if (status != u"completed"_s && status != u"failed"_s && status != u"cancelled"_s)
                status = u"in_progress"_s;
            const qint64 usage = status == u"completed"_s ? f.value(u"usage_bytes"_s).toInteger() : 0;
            const QJsonObject error = f.value(u"last_error"_s).toObject();
            const QString doing = u"recording the imported file %1"_s.arg(fileDraft.filename);
            Transaction transaction(db);
            if (!transaction.isActive())
                return ServiceError::unavailable(
                    u"Cannot start a transaction while %1: %2"_s.arg(doing, transaction.error()));
            auto updated =
                run(db,
                    u"UPDATE vector_store_files SET remote_file_id = ?, status = ?, usage_bytes = ?, "
                    u"last_error_code = ?, last_error_message = ? WHERE id = ?"_s,
                    {fileId, status, usage,
                     nullableText(status == u"failed"_s ? error.value(u"code"_s).toString() : QString()),
                     nullableText(status == u"failed"_s ? error.value(u"message"_s).toString().left(2000) : QString()),
                     attached->id},
                    doing);
            if (!updated)
                return updated.error();
            if (status != u"in_progress"_s) {
                if (auto p = adjustStoreCounters(db, item.storeId, u"in_progress"_s, -1, 0, 0))
                    return *p;
                if (auto p = adjustStoreCounters(db, item.storeId, status, 1, usage, 0))
                    return *p;
            }
            if (!transaction.commit())
                return ServiceError::unavailable(u"Cannot commit while %1: %2"_s.arg(doing, transaction.error()));
            ++item.files;
        }
        report << item;
    }
    return report;
}

} // namespace vd::openai
