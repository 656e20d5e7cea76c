#include "core/domain/apiid.h"
#include "core/domain/searchrequest.h"
#include "core/service/vectorstoreservice.h"
#include "server/apiserver.h"
#include "server/openaishape.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

// /v1/vector_stores: create, list, retrieve, update, delete, search (openapi.yaml).

namespace vd::server {

namespace {

const char *const kStoreDeleted = "vector_store.deleted";

Reply storeReply(Call &call, const VectorStore &store, const QString &knownId = {})
{
    QString id = knownId;
    if (id.isEmpty()) {
        auto found = call.service.storeApiId(store);
        if (!found)
            return Reply::fail(found.error());
        id = found.value();
    }
    return Reply::json(shape::vectorStore(store, id));
}

// The store named by the path's first capture, or the error to answer.
Result<VectorStore> pathStore(Call &call)
{
    return call.service.storeByApiId(call.tenant(), call.pathArg(0));
}

Reply createStore(Call &call)
{
    const QJsonObject &body = call.body;
    if (auto p = shape::onlyKnownFields(
            body,
            {u"file_ids"_s, u"name"_s, u"description"_s, u"expires_after"_s, u"chunking_strategy"_s, u"metadata"_s}))
        return Reply::fail(*p);
    StoreDraft draft;
    // OpenAI's stores may be nameless; VectorDesk's have unique names, so a nameless store is
    // named after its id (docs/api.md, differences).
    const QString apiId = apiid::generate(apiid::kStorePrefix);
    const QJsonValue name = body.value(u"name"_s);
    if (!name.isUndefined() && !name.isNull() && !name.isString())
        return Reply::fail(ApiError::invalid(u"name must be a string."_s, u"name"_s));
    draft.name = name.toString().isEmpty() ? apiId : name.toString();
    if (body.contains(u"description"_s) && !body.value(u"description"_s).isString()
        && !body.value(u"description"_s).isNull())
        return Reply::fail(ApiError::invalid(u"description must be a string."_s, u"description"_s));
    if (body.contains(u"metadata"_s) && !body.value(u"metadata"_s).isNull()) {
        if (!body.value(u"metadata"_s).isObject())
            return Reply::fail(ApiError::invalid(u"metadata must be an object of strings."_s, u"metadata"_s));
        draft.metadata = body.value(u"metadata"_s).toObject();
    }
    if (body.contains(u"expires_after"_s) && !body.value(u"expires_after"_s).isNull()) {
        int days = 0;
        if (auto p = shape::readExpiresAfter(body.value(u"expires_after"_s), &days))
            return Reply::fail(*p);
        draft.expiresAfterDays = days;
    }
    if (body.contains(u"chunking_strategy"_s))
        if (auto p = shape::readChunking(body.value(u"chunking_strategy"_s), &draft.chunking))
            return Reply::fail(*p);
    QStringList fileIds;
    if (body.contains(u"file_ids"_s)) {
        if (!body.value(u"file_ids"_s).isArray())
            return Reply::fail(ApiError::invalid(u"file_ids must be a list of file ids."_s, u"file_ids"_s));
        const QJsonArray ids = body.value(u"file_ids"_s).toArray();
        if (ids.size() > 500)
            return Reply::fail(ApiError::invalid(
                u"Invalid 'file_ids': array too long. Expected an array with maximum length 500, but got an array "
                u"with length %1 instead."_s.arg(ids.size()),
                u"file_ids"_s));
        for (const QJsonValue &id : ids) {
            if (!id.isString())
                return Reply::fail(
                    ApiError::invalid(u"Every item of file_ids must be a file id string."_s, u"file_ids"_s));
            fileIds << id.toString();
        }
    }
    // Every file must exist before anything is created.
    for (const QString &fileId : std::as_const(fileIds)) {
        auto file = call.service.upload(call.tenant(), fileId);
        if (!file) {
            ApiError error = ApiError::fromService(file.error());
            if (file.error().kind() == ServiceError::Kind::NotFound) {
                error.status = 400;
                error.param = u"file_ids"_s;
            }
            return Reply::fail(error);
        }
    }
    auto created = call.service.createStore(call.tenant(), draft);
    if (!created)
        return Reply::fail(created.error());
    auto id = call.service.storeApiId(created.value(), apiId);
    if (!id)
        return Reply::fail(id.error());
    const QString storeRef = QString::number(created->id);
    for (const QString &fileId : std::as_const(fileIds)) {
        // Attached with the store's chunking (the request's chunking_strategy became the store's).
        auto attached = call.service.attachUpload(call.tenant(), storeRef, fileId, {}, std::nullopt);
        if (!attached) {
            ApiError error = ApiError::fromService(attached.error());
            error.message = u"Vector store %1 was created, but file %2 could not be attached: %3"_s.arg(
                id.value(), fileId, error.message);
            error.param = u"file_ids"_s;
            return Reply::fail(error);
        }
    }
    if (!fileIds.isEmpty() && call.config.filesQueued)
        call.config.filesQueued();
    auto fresh = call.service.store(call.tenant(), storeRef);
    if (!fresh)
        return Reply::fail(fresh.error());
    Reply reply = storeReply(call, fresh.value(), id.value());
    if (draft.name == apiId)
        reply.differs("name: a store created without a name is named after its id");
    if (body.contains(u"description"_s))
        reply.differs("description: accepted and not kept");
    return reply;
}

Reply listStores(Call &call)
{
    shape::PageQuery query;
    if (auto p = shape::readPage([&call](const char *name) { return call.query(name); }, 100, 20, &query))
        return Reply::fail(*p);
    auto stores = call.service.listStores(call.tenant());
    if (!stores)
        return Reply::fail(stores.error());
    auto ids = call.service.storeApiIds(stores.value());
    if (!ids)
        return Reply::fail(ids.error());
    QList<shape::Keyed> keyed;
    for (const VectorStore &store : stores.value())
        keyed << shape::Keyed{ids->value(store.id), store.createdAt, store.id};
    // A cursor may name a store deleted since the previous page: its place in the order stays.
    auto cursor = [&call](const QString &id,
                          const QString &param) -> std::variant<std::optional<shape::Keyed>, ApiError> {
        if (id.isEmpty())
            return std::optional<shape::Keyed>();
        auto store = call.service.storeByApiId(call.tenant(), id, Visibility::All);
        if (!store)
            return ApiError::invalid(u"Invalid '%1': no vector store '%2' in this project."_s.arg(param, id), param);
        return std::optional<shape::Keyed>(shape::Keyed{id, store->createdAt, store->id});
    };
    auto after = cursor(query.after, u"after"_s);
    if (std::holds_alternative<ApiError>(after))
        return Reply::fail(std::get<ApiError>(after));
    auto before = cursor(query.before, u"before"_s);
    if (std::holds_alternative<ApiError>(before))
        return Reply::fail(std::get<ApiError>(before));
    const shape::Page page = shape::pageOf(keyed, query, std::get<0>(after), std::get<0>(before));
    QJsonArray data;
    for (int index : page.indexes)
        data.append(shape::vectorStore(stores->at(index), keyed[index].id));
    return Reply::json(shape::list(data, page.indexes.isEmpty() ? QString() : keyed[page.indexes.first()].id,
                                   page.indexes.isEmpty() ? QString() : keyed[page.indexes.last()].id, page.hasMore));
}

Reply retrieveStore(Call &call)
{
    auto store = pathStore(call);
    if (!store)
        return Reply::fail(store.error());
    return storeReply(call, store.value(), call.pathArg(0));
}

Reply updateStore(Call &call)
{
    const QJsonObject &body = call.body;
    if (auto p = shape::onlyKnownFields(body, {u"name"_s, u"expires_after"_s, u"metadata"_s}))
        return Reply::fail(*p);
    auto store = pathStore(call);
    if (!store)
        return Reply::fail(store.error());
    StoreUpdate update;
    if (body.contains(u"name"_s) && !body.value(u"name"_s).isNull()) {
        if (!body.value(u"name"_s).isString())
            return Reply::fail(ApiError::invalid(u"name must be a string."_s, u"name"_s));
        update.name = body.value(u"name"_s).toString();
    }
    if (body.contains(u"metadata"_s) && !body.value(u"metadata"_s).isNull()) {
        if (!body.value(u"metadata"_s).isObject())
            return Reply::fail(ApiError::invalid(u"metadata must be an object of strings."_s, u"metadata"_s));
        update.metadata = body.value(u"metadata"_s).toObject();
    }
    if (body.contains(u"expires_after"_s)) {
        if (body.value(u"expires_after"_s).isNull()) {
            update.expiresAfterDays = std::optional<int>();
        } else {
            int days = 0;
            if (auto p = shape::readExpiresAfter(body.value(u"expires_after"_s), &days))
                return Reply::fail(*p);
            update.expiresAfterDays = std::optional<int>(days);
        }
    }
    if (!update.name && !update.metadata && !update.expiresAfterDays)
        return storeReply(call, store.value(), call.pathArg(0));
    auto updated = call.service.updateStore(call.tenant(), QString::number(store->id), update);
    if (!updated)
        return Reply::fail(updated.error());
    return storeReply(call, updated.value(), call.pathArg(0));
}

Reply deleteStore(Call &call)
{
    auto store = pathStore(call);
    if (!store)
        return Reply::fail(store.error());
    auto removed = call.service.deleteStore(call.tenant(), QString::number(store->id));
    if (!removed)
        return Reply::fail(removed.error());
    return Reply::json(shape::deleted(call.pathArg(0), QString::fromLatin1(kStoreDeleted)))
        .differs("delete: the store is in VectorDesk's trash until it is purged");
}

Reply searchStore(Call &call)
{
    auto store = pathStore(call);
    if (!store)
        return Reply::fail(store.error());
    auto request = SearchRequest::fromJson(call.body);
    if (!request)
        return Reply::fail(request.error());
    auto response = call.service.search(call.tenant(), {QString::number(store->id)}, request.value());
    if (!response)
        return Reply::fail(response.error());
    QList<qint64> fileRows;
    for (const SearchHit &hit : response->data)
        fileRows << hit.fileId;
    auto fileIds = call.service.fileApiIds(fileRows);
    if (!fileIds)
        return Reply::fail(fileIds.error());
    const bool withMatches = call.query("include") == QString::fromLatin1(kSearchMatchesInclude);
    Reply reply = Reply::json(shape::searchPage(response.value(), fileIds.value(), withMatches));
    if (request->rewriteQuery)
        reply.differs("rewrite_query: accepted and not applied");
    return reply;
}

} // namespace

void addStoreRoutes(ApiServer &server)
{
    using B = ApiServer::Body;
    server.route("POST", "/v1/vector_stores", B::Json, createStore);
    server.route("GET", "/v1/vector_stores", B::None, listStores);
    server.route("GET", "/v1/vector_stores/([^/]+)", B::None, retrieveStore);
    server.route("POST", "/v1/vector_stores/([^/]+)", B::Json, updateStore);
    server.route("DELETE", "/v1/vector_stores/([^/]+)", B::None, deleteStore);
    server.route("POST", "/v1/vector_stores/([^/]+)/search", B::Json, searchStore);
}

} // namespace vd::server
