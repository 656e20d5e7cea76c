#include "core/domain/validation.h"
#include "core/service/vectorstoreservice.h"
#include "server/apiserver.h"
#include "server/openaishape.h"

#include <QJsonArray>

#include <limits>
#include <tuple>

using namespace Qt::StringLiterals;

// /v1/vector_stores/{id}/files: attach, list (filter), retrieve, update attributes, detach,
// content (openapi.yaml).

namespace vd::server {

namespace {

struct Target
{
    VectorStore store;
    QString storeRef; // the service's name for it (its row id)
};

Result<Target> pathStore(Call &call)
{
    auto store = call.service.storeByApiId(call.tenant(), call.pathArg(0));
    if (!store)
        return store.error();
    return Target{store.value(), QString::number(store->id)};
}

struct FileTarget : Target
{
    StoreFile file;
    QString fileRef; // the service's name for it (its row id)
};

// The store file of /v1/vector_stores/{id}/files/{file_id}: a live one, or a detached one.
Result<FileTarget> pathFile(Call &call, Visibility visibility = Visibility::Live)
{
    auto target = pathStore(call);
    if (!target)
        return target.error();
    auto file = call.service.storeFileByApiId(call.tenant(), target->storeRef, call.pathArg(1), visibility);
    if (!file)
        return file.error();
    return FileTarget{{target.value()}, file.value(), QString::number(file->id)};
}

// A store file; while it is in progress, the SDKs' poll helpers are told to ask again soon
// (openai-poll-after-ms; they wait 5 s otherwise).
Reply fileReply(const StoreFile &file, const QString &fileId, const QString &storeId)
{
    Reply reply = Reply::json(shape::storeFile(file, fileId, storeId));
    if (file.status == FileStatus::InProgress)
        reply.headers.append(std::pair<QByteArray, QByteArray>("openai-poll-after-ms", "500"));
    return reply;
}

Reply fileReply(Call &call, const StoreFile &file)
{
    auto ids = call.service.fileApiIds({file.id});
    if (!ids)
        return Reply::fail(ids.error());
    return fileReply(file, ids->value(file.id), call.pathArg(0));
}

std::optional<ApiError> readAttributes(const QJsonObject &body, QJsonObject *attributes)
{
    const QJsonValue value = body.value(u"attributes"_s);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isObject())
        return ApiError::invalid(u"attributes must be an object of strings, numbers and booleans."_s, u"attributes"_s);
    *attributes = value.toObject();
    return std::nullopt;
}

Reply createStoreFile(Call &call)
{
    const QJsonObject &body = call.body;
    if (auto p = shape::onlyKnownFields(body, {u"file_id"_s, u"chunking_strategy"_s, u"attributes"_s}))
        return Reply::fail(*p);
    if (!body.value(u"file_id"_s).isString())
        return Reply::fail(ApiError::invalid(u"Missing required parameter: 'file_id'."_s, u"file_id"_s));
    auto target = pathStore(call);
    if (!target)
        return Reply::fail(target.error());
    QJsonObject attributes;
    if (auto p = readAttributes(body, &attributes))
        return Reply::fail(*p);
    std::optional<ChunkingStrategy> chunking;
    if (body.contains(u"chunking_strategy"_s) && !body.value(u"chunking_strategy"_s).isNull()) {
        ChunkingStrategy parsed;
        if (auto p = shape::readChunking(body.value(u"chunking_strategy"_s), &parsed))
            return Reply::fail(*p);
        chunking = parsed;
    }
    const QString fileId = body.value(u"file_id"_s).toString();
    auto attached = call.service.attachUpload(call.tenant(), target->storeRef, fileId, attributes, chunking);
    if (!attached) {
        // OpenAI names the missing file in the field the client sent.
        ApiError error = ApiError::fromService(attached.error());
        if (attached.error().kind() == ServiceError::Kind::NotFound && error.message.contains(fileId)) {
            error.status = 400;
            error.param = u"file_id"_s;
        }
        return Reply::fail(error);
    }
    if (call.config.filesQueued)
        call.config.filesQueued();
    return fileReply(call, attached.value());
}

Reply listStoreFiles(Call &call)
{
    shape::PageQuery page;
    if (auto p = shape::readPage([&call](const char *name) { return call.query(name); }, 100, 20, &page))
        return Reply::fail(*p);
    auto target = pathStore(call);
    if (!target)
        return Reply::fail(target.error());
    ApiPageQuery query;
    query.limit = page.limit;
    query.ascending = page.ascending;
    query.after = page.after;
    query.before = page.before;
    query.status = call.query("filter").value_or(QString());
    auto files = call.service.storeFilePage(call.tenant(), target->storeRef, query);
    if (!files)
        return Reply::fail(files.error());
    QJsonArray data;
    for (const StoreFile &file : std::as_const(files->files))
        data.append(shape::storeFile(file, files->apiIds.value(file.id), call.pathArg(0)));
    const QString first = files->files.isEmpty() ? QString() : files->apiIds.value(files->files.first().id);
    const QString last = files->files.isEmpty() ? QString() : files->apiIds.value(files->files.last().id);
    return Reply::json(shape::list(data, first, last, files->hasMore));
}

Reply retrieveStoreFile(Call &call)
{
    auto target = pathFile(call);
    if (!target)
        return Reply::fail(target.error());
    return fileReply(target->file, call.pathArg(1), call.pathArg(0));
}

Reply updateStoreFile(Call &call)
{
    if (auto p = shape::onlyKnownFields(call.body, {u"attributes"_s}))
        return Reply::fail(*p);
    if (!call.body.contains(u"attributes"_s))
        return Reply::fail(ApiError::invalid(u"Missing required parameter: 'attributes'."_s, u"attributes"_s));
    QJsonObject attributes;
    if (auto p = readAttributes(call.body, &attributes))
        return Reply::fail(*p);
    auto target = pathFile(call);
    if (!target)
        return Reply::fail(target.error());
    auto updated = call.service.setFileAttributes(call.tenant(), target->storeRef, target->fileRef, attributes);
    if (!updated)
        return Reply::fail(updated.error());
    return fileReply(updated.value(), call.pathArg(1), call.pathArg(0));
}

Reply deleteStoreFile(Call &call)
{
    auto target = pathFile(call);
    if (!target)
        return Reply::fail(target.error());
    auto detached = call.service.detachFile(call.tenant(), target->storeRef, target->fileRef);
    if (!detached)
        return Reply::fail(detached.error());
    return Reply::json(shape::deleted(call.pathArg(1), u"vector_store.file.deleted"_s));
}

// The file's parsed text as the store's backend indexed it: its chunks without their overlap,
// in order, so that the pieces joined are the text (docs/api.md).
Reply storeFileContent(Call &call)
{
    auto target = pathFile(call);
    if (!target)
        return Reply::fail(target.error());
    auto chunks = call.service.fileChunks(call.tenant(), target->storeRef, target->fileRef);
    if (!chunks)
        return Reply::fail(chunks.error());
    QJsonArray data;
    qint64 covered = 0;
    for (const Chunk &chunk : chunks.value()) {
        if (chunk.endOffset <= covered)
            continue;
        const qint64 skip = std::max<qint64>(0, covered - chunk.startOffset);
        data.append(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, QString::fromUtf8(chunk.text.mid(skip))}});
        covered = chunk.endOffset;
    }
    return Reply::json({{u"object"_s, u"vector_store.file_content.page"_s},
                        {u"data"_s, data},
                        {u"has_more"_s, false},
                        {u"next_page"_s, QJsonValue::Null}});
}

// VectorDesk's own (docs/api.md): what another VectorDesk on the same database asks of the machine
// that holds a local store's index (docs/teams.md), which OpenAI's API has no call for.

// Restores a detached file (editor), as `vectordesk file restore` does.
Reply restoreStoreFile(Call &call)
{
    auto target = pathFile(call, Visibility::Deleted);
    if (!target)
        return Reply::fail(target.error());
    auto restored = call.service.restoreFile(call.tenant(), target->storeRef, target->fileRef);
    if (!restored)
        return Reply::fail(restored.error());
    return fileReply(restored.value(), call.pathArg(1), call.pathArg(0));
}

// The file's chunks as indexed, with their overlap: `limit` (1..1000, default 100) from ordinal
// `first` (default 0), and has_more.
Reply storeFileChunks(Call &call)
{
    int first = 0;
    int limit = 100;
    for (auto [name, value, low, high] :
         {std::tuple{"first", &first, 0, std::numeric_limits<int>::max()}, std::tuple{"limit", &limit, 1, 1000}}) {
        const auto text = call.query(name);
        if (!text)
            continue;
        bool ok = false;
        const int parsed = text->toInt(&ok);
        if (!ok || parsed < low || parsed > high)
            return Reply::fail(
                ApiError::invalid(u"%1 must be a whole number from %2 to %3, not '%4'."_s.arg(QLatin1StringView(name))
                                      .arg(low)
                                      .arg(high)
                                      .arg(*text),
                                  QString::fromLatin1(name)));
        *value = parsed;
    }
    auto target = pathFile(call);
    if (!target)
        return Reply::fail(target.error());
    auto chunks = call.service.fileChunks(call.tenant(), target->storeRef, target->fileRef, first, limit + 1);
    if (!chunks)
        return Reply::fail(chunks.error());
    QJsonArray data;
    for (const Chunk &chunk : chunks.value().mid(0, limit))
        data.append(chunk.toJson());
    return Reply::json({{u"object"_s, u"list"_s}, {u"data"_s, data}, {u"has_more"_s, chunks->size() > limit}});
}

} // namespace

void addStoreFileRoutes(ApiServer &server)
{
    using B = ApiServer::Body;
    server.route("POST", "/v1/vector_stores/([^/]+)/files", B::Json, createStoreFile);
    server.route("GET", "/v1/vector_stores/([^/]+)/files", B::None, listStoreFiles);
    server.route("GET", "/v1/vector_stores/([^/]+)/files/([^/]+)", B::None, retrieveStoreFile);
    server.route("POST", "/v1/vector_stores/([^/]+)/files/([^/]+)", B::Json, updateStoreFile);
    server.route("DELETE", "/v1/vector_stores/([^/]+)/files/([^/]+)", B::None, deleteStoreFile);
    server.route("GET", "/v1/vector_stores/([^/]+)/files/([^/]+)/content", B::None, storeFileContent);
    server.route("POST", "/v1/vector_stores/([^/]+)/files/([^/]+)/restore", B::Json, restoreStoreFile);
    server.route("GET", "/v1/vector_stores/([^/]+)/files/([^/]+)/chunks", B::None, storeFileChunks);
}

} // namespace vd::server
