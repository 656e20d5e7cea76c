#include "core/service/vectorstoreservice.h"
#include "server/apiserver.h"
#include "server/openaishape.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

// /v1/vector_stores/{id}/file_batches: create (file_ids or per-file files[]), retrieve, cancel,
// list files (openapi.yaml).

namespace vd::server {

namespace {

Result<QString> pathStoreRef(Call &call)
{
    auto store = call.service.storeByApiId(call.tenant(), call.pathArg(0));
    if (!store)
        return store.error();
    return QString::number(store->id);
}

Reply batchReply(const FileBatch &batch, const QString &storeId)
{
    Reply reply = Reply::json(shape::fileBatch(batch, storeId));
    if (batch.inProgress > 0)
        reply.headers.append(std::pair<QByteArray, QByteArray>("openai-poll-after-ms", "500"));
    return reply;
}

std::optional<ApiError> readItemOptions(const QJsonObject &object, const QString &where, BatchItem *item)
{
    if (object.contains(u"attributes"_s) && !object.value(u"attributes"_s).isNull()) {
        if (!object.value(u"attributes"_s).isObject())
            return ApiError::invalid(u"%1attributes must be an object."_s.arg(where), where + u"attributes"_s);
        item->attributes = object.value(u"attributes"_s).toObject();
    }
    if (object.contains(u"chunking_strategy"_s) && !object.value(u"chunking_strategy"_s).isNull()) {
        ChunkingStrategy chunking;
        if (auto p = shape::readChunking(object.value(u"chunking_strategy"_s), &chunking))
            return p;
        item->chunking = chunking;
    }
    return std::nullopt;
}

Reply createBatch(Call &call)
{
    const QJsonObject &body = call.body;
    if (auto p = shape::onlyKnownFields(body, {u"file_ids"_s, u"files"_s, u"attributes"_s, u"chunking_strategy"_s}))
        return Reply::fail(*p);
    const bool byIds = body.contains(u"file_ids"_s);
    const bool byFiles = body.contains(u"files"_s);
    if (byIds == byFiles)
        return Reply::fail(ApiError::invalid(u"Give exactly one of 'file_ids' or 'files'."_s, u"file_ids"_s));
    QList<BatchItem> items;
    if (byIds) {
        BatchItem shared;
        if (auto p = readItemOptions(body, QString(), &shared))
            return Reply::fail(*p);
        if (!body.value(u"file_ids"_s).isArray())
            return Reply::fail(ApiError::invalid(u"file_ids must be a list of file ids."_s, u"file_ids"_s));
        for (const QJsonValue &id : body.value(u"file_ids"_s).toArray()) {
            if (!id.isString())
                return Reply::fail(
                    ApiError::invalid(u"Every item of file_ids must be a file id string."_s, u"file_ids"_s));
            BatchItem item = shared;
            item.fileApiId = id.toString();
            items << item;
        }
    } else {
        // Per-file options; the top-level attributes and chunking_strategy are ignored (openapi.yaml).
        if (!body.value(u"files"_s).isArray())
            return Reply::fail(ApiError::invalid(u"files must be a list of {file_id, ...} objects."_s, u"files"_s));
        const QJsonArray files = body.value(u"files"_s).toArray();
        for (qsizetype i = 0; i < files.size(); ++i) {
            const QJsonObject file = files.at(i).toObject();
            const QString where = u"files[%1]."_s.arg(i);
            if (auto p = shape::onlyKnownFields(file, {u"file_id"_s, u"attributes"_s, u"chunking_strategy"_s}))
                return Reply::fail(*p);
            if (!file.value(u"file_id"_s).isString())
                return Reply::fail(
                    ApiError::invalid(u"Missing required parameter: '%1file_id'."_s.arg(where), where + u"file_id"_s));
            BatchItem item;
            item.fileApiId = file.value(u"file_id"_s).toString();
            if (auto p = readItemOptions(file, where, &item))
                return Reply::fail(*p);
            items << item;
        }
    }
    if (items.isEmpty())
        return Reply::fail(
            ApiError::invalid(u"A file batch needs at least one file."_s, byIds ? u"file_ids"_s : u"files"_s));
    auto storeRef = pathStoreRef(call);
    if (!storeRef)
        return Reply::fail(storeRef.error());
    auto batch = call.service.createFileBatch(call.tenant(), storeRef.value(), items);
    if (!batch) {
        ApiError error = ApiError::fromService(batch.error());
        if (batch.error().kind() == ServiceError::Kind::NotFound && error.message.startsWith(u"No such File"_s)) {
            error.status = 400;
            error.param = byIds ? u"file_ids"_s : u"files"_s;
        }
        return Reply::fail(error);
    }
    if (call.config.filesQueued)
        call.config.filesQueued();
    return batchReply(batch.value(), call.pathArg(0));
}

Reply retrieveBatch(Call &call)
{
    auto storeRef = pathStoreRef(call);
    if (!storeRef)
        return Reply::fail(storeRef.error());
    auto batch = call.service.fileBatch(call.tenant(), storeRef.value(), call.pathArg(1));
    if (!batch)
        return Reply::fail(batch.error());
    return batchReply(batch.value(), call.pathArg(0));
}

Reply cancelBatch(Call &call)
{
    auto storeRef = pathStoreRef(call);
    if (!storeRef)
        return Reply::fail(storeRef.error());
    auto batch = call.service.cancelFileBatch(call.tenant(), storeRef.value(), call.pathArg(1));
    if (!batch)
        return Reply::fail(batch.error());
    return batchReply(batch.value(), call.pathArg(0));
}

Reply listBatchFiles(Call &call)
{
    shape::PageQuery page;
    if (auto p = shape::readPage([&call](const char *name) { return call.query(name); }, 100, 20, &page))
        return Reply::fail(*p);
    auto storeRef = pathStoreRef(call);
    if (!storeRef)
        return Reply::fail(storeRef.error());
    ApiPageQuery query;
    query.limit = page.limit;
    query.ascending = page.ascending;
    query.after = page.after;
    query.before = page.before;
    query.status = call.query("filter").value_or(QString());
    query.batch = call.pathArg(1);
    auto files = call.service.storeFilePage(call.tenant(), storeRef.value(), query);
    if (!files)
        return Reply::fail(files.error());
    QJsonArray data;
    for (const StoreFile &file : std::as_const(files->files))
        data.append(shape::storeFile(file, files->apiIds.value(file.id), call.pathArg(0)));
    const QString first = files->files.isEmpty() ? QString() : files->apiIds.value(files->files.first().id);
    const QString last = files->files.isEmpty() ? QString() : files->apiIds.value(files->files.last().id);
    return Reply::json(shape::list(data, first, last, files->hasMore));
}

} // namespace

void addBatchRoutes(ApiServer &server)
{
    using B = ApiServer::Body;
    server.route("POST", "/v1/vector_stores/([^/]+)/file_batches", B::Json, createBatch);
    server.route("GET", "/v1/vector_stores/([^/]+)/file_batches/([^/]+)", B::None, retrieveBatch);
    server.route("POST", "/v1/vector_stores/([^/]+)/file_batches/([^/]+)/cancel", B::Json, cancelBatch);
    server.route("GET", "/v1/vector_stores/([^/]+)/file_batches/([^/]+)/files", B::None, listBatchFiles);
}

} // namespace vd::server
