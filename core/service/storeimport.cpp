#include "core/service/storeimport.h"

#include "core/openai/openaibackend.h"
#include "core/service/vectorstoreservice.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace vd::openai {

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

Result<QList<ImportedStore>> importStores(VectorStoreService &service, OpenAIBackend &backend, const QString &tenantRef,
                                          const QStringList &remoteIds)
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
    // Blocking calls: each waits on this thread for its answer from the backend's network thread.
    auto c = backend.client(tenant.value());
    if (!c)
        return c.error();
    const BlockingClient &api = c.value();

    QList<QJsonObject> remotes;
    if (remoteIds.isEmpty()) {
        auto all = api.allVectorStores(ListQuery{100, u"asc"_s, {}, {}, {}}, 1000);
        if (!all)
            return all.error();
        remotes = all.value();
    } else {
        for (const QString &id : remoteIds) {
            auto one = api.request(&OpenAIClient::getVectorStore, id.trimmed());
            if (!one)
                return one.error();
            remotes << one.value();
        }
    }

    QList<ImportedStore> report;
    for (const QJsonObject &remote : std::as_const(remotes)) {
        ImportedStore item;
        item.remoteId = remote.value(u"id"_s).toString();
        const QString remoteStatus = remote.value(u"status"_s).toString();
        if (remoteStatus == u"expired"_s) {
            item.skipped = u"expired on OpenAI; its files are gone"_s;
            report << item;
            continue;
        }
        auto known = service.importedAs(item.remoteId);
        if (!known)
            return known.error();
        if (known.value()) {
            item.skipped = u"already in VectorDesk as %1"_s.arg(*known.value());
            report << item;
            continue;
        }
        RemoteStoreAdoption adoption;
        adoption.remoteId = item.remoteId;
        adoption.name = remote.value(u"name"_s).toString();
        adoption.status = remoteStatus == u"in_progress"_s ? u"in_progress"_s : u"completed"_s;
        adoption.metadata = remote.value(u"metadata"_s).toObject();
        const QJsonObject expiry = remote.value(u"expires_after"_s).toObject();
        if (expiry.contains(u"days"_s))
            adoption.expiresAfterDays = expiry.value(u"days"_s).toInt();
        adoption.expiresAt = secondsToMs(remote.value(u"expires_at"_s));
        adoption.lastActiveAt = secondsToMs(remote.value(u"last_active_at"_s));

        // Everything the store holds is read first; the store is recorded only when all of it
        // could be read (all or nothing per store), so a failure leaves nothing half imported and
        // the next import takes the store again.
        const auto notNow = [&item, &report](const ServiceError &e) {
            item.skipped = u"not imported: %1 Nothing of it was recorded; run the import again."_s.arg(e.message());
            report << item;
        };
        auto files = api.allVectorStoreFiles(item.remoteId, ListQuery{100, u"asc"_s, {}, {}, {}}, 1000);
        if (!files) {
            notNow(files.error());
            continue;
        }
        bool complete = true;
        for (const QJsonObject &f : files.value()) {
            const QString fileId = f.value(u"id"_s).toString();
            auto info = api.request(&OpenAIClient::getFile, fileId);
            if (!info && info.error().kind() == ServiceError::Kind::NotFound) {
                item.skippedFiles << u"%1: the upload is gone (%2)"_s.arg(fileId, info.error().message());
                continue;
            }
            if (!info) {
                notNow(info.error());
                complete = false;
                break;
            }
            RemoteFileAdoption file;
            file.remoteFileId = fileId;
            file.filename = info->value(u"filename"_s).toString();
            file.sizeBytes = info->value(u"bytes"_s).toInteger();
            file.attributes = f.value(u"attributes"_s).toObject();
            const QJsonObject chunking = f.value(u"chunking_strategy"_s).toObject();
            if (chunking.value(u"type"_s).toString() == u"static"_s) {
                const QJsonObject s = chunking.value(u"static"_s).toObject();
                file.chunking.type = u"static"_s;
                file.chunking.maxChunkSizeTokens = s.value(u"max_chunk_size_tokens"_s).toInt(800);
                file.chunking.chunkOverlapTokens = s.value(u"chunk_overlap_tokens"_s).toInt(400);
            }
            // A status or size the API does not define: that file is left out, named.
            const QJsonValue status = f.value(u"status"_s);
            if (!status.isString()
                || !QStringList{u"in_progress"_s, u"completed"_s, u"failed"_s, u"cancelled"_s}.contains(
                    status.toString())) {
                item.skippedFiles
                    << u"%1 (%2): OpenAI reports status %3, which is not one the API defines "
                       u"(in_progress, completed, failed, cancelled)"_s.arg(
                           fileId, file.filename,
                           OpenAIClient::serverText(
                               status.isString()
                                   ? u"'%1'"_s.arg(status.toString().left(100))
                                   : QString::fromUtf8(
                                       QJsonDocument(QJsonArray{status}).toJson(QJsonDocument::Compact).left(100))));
                continue;
            }
            file.status = status.toString();
            const QJsonValue usage = f.value(u"usage_bytes"_s);
            if (!usage.isUndefined() && !usage.isNull() && (!usage.isDouble() || usage.toDouble() < 0)) {
                item.skippedFiles << u"%1 (%2): OpenAI reports usage_bytes that is not a number of bytes"_s.arg(
                    fileId, file.filename);
                continue;
            }
            file.usageBytes = qint64(usage.toDouble());
            const QJsonObject error = f.value(u"last_error"_s).toObject();
            file.lastErrorCode = error.value(u"code"_s).toString();
            file.lastErrorMessage = OpenAIClient::serverText(error.value(u"message"_s).toString());
            adoption.files << file;
        }
        if (!complete)
            continue;
        auto adopted = service.adoptRemoteStore(tenantRef, adoption);
        if (!adopted) {
            if (adopted.error().kind() != ServiceError::Kind::Conflict
                && adopted.error().kind() != ServiceError::Kind::QuotaExceeded)
                return adopted.error();
            item.skipped = adopted.error().message();
            report << item;
            continue;
        }
        item.storeId = adopted->store.id;
        item.name = adopted->store.name;
        item.files = adopted->files;
        item.skippedFiles << adopted->skippedFiles;
        report << item;
    }
    return report;
}

} // namespace vd::openai
