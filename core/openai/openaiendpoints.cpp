#include "core/openai/clientrequest.h"
#include "core/openai/openaiclient.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

// The endpoints of OpenAIClient: each call's path, query and body, and the list and search
// answers read into VectorDesk's shapes. The transport (queue, retries, limits) is openaiclient.cpp.

namespace vd::openai {

QUrlQuery OpenAIClient::listQuery(const ListQuery &q)
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, QString::number(std::clamp(q.limit, 1, 100)));
    if (!q.order.isEmpty())
        query.addQueryItem(u"order"_s, q.order);
    if (!q.after.isEmpty())
        query.addQueryItem(u"after"_s, q.after);
    if (!q.before.isEmpty())
        query.addQueryItem(u"before"_s, q.before);
    if (!q.filter.isEmpty())
        query.addQueryItem(u"filter"_s, q.filter);
    return query;
}

QJsonObject OpenAIClient::chunkingJson(const ChunkingStrategy &chunking)
{
    if (chunking.type == u"static"_s)
        return QJsonObject{{u"type"_s, u"static"_s},
                           {u"static"_s,
                            QJsonObject{{u"max_chunk_size_tokens"_s, chunking.maxChunkSizeTokens},
                                        {u"chunk_overlap_tokens"_s, chunking.chunkOverlapTokens}}}};
    return QJsonObject{{u"type"_s, u"auto"_s}};
}

// ----- Files

void OpenAIClient::uploadFile(const QString &path, const QString &filename, JsonCallback done)
{
    auto r = std::make_shared<Request>();
    r->method = "POST";
    r->path = u"/files"_s;
    r->uploadPath = path;
    r->uploadName = filename.isEmpty() ? QFileInfo(path).fileName() : filename;
    r->createsObject = true;
    r->done = std::move(done);
    enqueue(std::move(r));
}

void OpenAIClient::getFile(const QString &fileId, JsonCallback done)
{
    request("GET", u"/files/"_s + fileId, {}, nullptr, false, std::move(done));
}

void OpenAIClient::deleteFile(const QString &fileId, JsonCallback done)
{
    request("DELETE", u"/files/"_s + fileId, {}, nullptr, false, std::move(done));
}

void OpenAIClient::listFiles(const ListQuery &query, JsonCallback done)
{
    QUrlQuery q;
    q.addQueryItem(u"purpose"_s, u"assistants"_s);
    q.addQueryItem(u"limit"_s, QString::number(std::clamp(query.limit, 1, 10000)));
    if (!query.order.isEmpty())
        q.addQueryItem(u"order"_s, query.order);
    if (!query.after.isEmpty())
        q.addQueryItem(u"after"_s, query.after);
    request("GET", u"/files"_s, q, nullptr, false, std::move(done));
}

// ----- Vector stores

void OpenAIClient::createVectorStore(const QJsonObject &body, JsonCallback done)
{
    request("POST", u"/vector_stores"_s, {}, &body, true, std::move(done), {}, true);
}

void OpenAIClient::listVectorStores(const ListQuery &query, JsonCallback done)
{
    request("GET", u"/vector_stores"_s, listQuery(query), nullptr, true, std::move(done));
}

void OpenAIClient::getVectorStore(const QString &storeId, JsonCallback done)
{
    request("GET", u"/vector_stores/"_s + storeId, {}, nullptr, true, std::move(done));
}

void OpenAIClient::modifyVectorStore(const QString &storeId, const QJsonObject &body, JsonCallback done)
{
    request("POST", u"/vector_stores/"_s + storeId, {}, &body, true, std::move(done));
}

void OpenAIClient::deleteVectorStore(const QString &storeId, JsonCallback done)
{
    request("DELETE", u"/vector_stores/"_s + storeId, {}, nullptr, true, std::move(done));
}

// ----- Vector store files

void OpenAIClient::createVectorStoreFile(const QString &storeId, const QString &fileId, const QJsonObject &attributes,
                                         const ChunkingStrategy &chunking, JsonCallback done)
{
    QJsonObject body{{u"file_id"_s, fileId}, {u"chunking_strategy"_s, chunkingJson(chunking)}};
    if (!attributes.isEmpty())
        body.insert(u"attributes"_s, attributes);
    request("POST", u"/vector_stores/%1/files"_s.arg(storeId), {}, &body, true, std::move(done), storeId, true);
}

void OpenAIClient::listVectorStoreFiles(const QString &storeId, const ListQuery &query, JsonCallback done)
{
    request("GET", u"/vector_stores/%1/files"_s.arg(storeId), listQuery(query), nullptr, true, std::move(done));
}

void OpenAIClient::getVectorStoreFile(const QString &storeId, const QString &fileId, JsonCallback done)
{
    request("GET", u"/vector_stores/%1/files/%2"_s.arg(storeId, fileId), {}, nullptr, true, std::move(done));
}

void OpenAIClient::updateVectorStoreFileAttributes(const QString &storeId, const QString &fileId,
                                                   const QJsonObject &attributes, JsonCallback done)
{
    const QJsonObject body{{u"attributes"_s, attributes}};
    request("POST", u"/vector_stores/%1/files/%2"_s.arg(storeId, fileId), {}, &body, true, std::move(done));
}

void OpenAIClient::deleteVectorStoreFile(const QString &storeId, const QString &fileId, JsonCallback done)
{
    request("DELETE", u"/vector_stores/%1/files/%2"_s.arg(storeId, fileId), {}, nullptr, true, std::move(done));
}

void OpenAIClient::vectorStoreFileContent(const QString &storeId, const QString &fileId, JsonCallback done)
{
    request("GET", u"/vector_stores/%1/files/%2/content"_s.arg(storeId, fileId), {}, nullptr, true, std::move(done));
}

void OpenAIClient::restoreVectorStoreFile(const QString &storeId, const QString &fileId, JsonCallback done)
{
    const QJsonObject body;
    request("POST", u"/vector_stores/%1/files/%2/restore"_s.arg(storeId, fileId), {}, &body, true, std::move(done));
}

void OpenAIClient::vectorStoreFileChunks(const QString &storeId, const QString &fileId, int first, int limit,
                                         JsonCallback done)
{
    QUrlQuery query;
    query.addQueryItem(u"first"_s, QString::number(first));
    query.addQueryItem(u"limit"_s, QString::number(limit));
    request("GET", u"/vector_stores/%1/files/%2/chunks"_s.arg(storeId, fileId), query, nullptr, true, std::move(done));
}

// ----- File batches

void OpenAIClient::createFileBatches(const QString &storeId, const QStringList &fileIds, const QJsonObject &attributes,
                                     const ChunkingStrategy &chunking,
                                     std::function<void(Result<QList<QJsonObject>>)> done)
{
    if (fileIds.isEmpty()) {
        done(ServiceError::invalid(u"A file batch needs at least one file."_s, u"file_ids"_s));
        return;
    }
    struct State
    {
        QList<QJsonObject> batches;
        int pending = 0;
        bool failed = false;
        std::function<void(Result<QList<QJsonObject>>)> done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    const qsizetype count = (fileIds.size() + kMaxBatchFiles - 1) / kMaxBatchFiles;
    state->batches.resize(count);
    state->pending = int(count);
    for (qsizetype i = 0; i < count; ++i) {
        QJsonObject body{{u"file_ids"_s, QJsonArray::fromStringList(fileIds.mid(i * kMaxBatchFiles, kMaxBatchFiles))},
                         {u"chunking_strategy"_s, chunkingJson(chunking)}};
        if (!attributes.isEmpty())
            body.insert(u"attributes"_s, attributes);
        request(
            "POST", u"/vector_stores/%1/file_batches"_s.arg(storeId), {}, &body, true,
            [state, i](Result<QJsonObject> result) {
                if (state->failed)
                    return;
                if (!result) {
                    state->failed = true;
                    state->done(result.error());
                    return;
                }
                state->batches[i] = result.value();
                if (--state->pending == 0)
                    state->done(state->batches);
            },
            storeId, true);
    }
}

void OpenAIClient::createFileBatch(const QString &storeId, const QList<BatchFile> &files, JsonCallback done)
{
    if (files.isEmpty() || files.size() > kMaxBatchFiles) {
        done(ServiceError::invalid(u"A file batch holds 1 to %1 files, not %2."_s.arg(kMaxBatchFiles).arg(files.size()),
                                   u"files"_s));
        return;
    }
    QJsonArray items;
    for (const BatchFile &f : files) {
        QJsonObject item{{u"file_id"_s, f.fileId}, {u"chunking_strategy"_s, chunkingJson(f.chunking)}};
        if (!f.attributes.isEmpty())
            item.insert(u"attributes"_s, f.attributes);
        items.append(item);
    }
    const QJsonObject body{{u"files"_s, items}};
    request("POST", u"/vector_stores/%1/file_batches"_s.arg(storeId), {}, &body, true, std::move(done), storeId, true);
}

void OpenAIClient::getFileBatch(const QString &storeId, const QString &batchId, JsonCallback done)
{
    request("GET", u"/vector_stores/%1/file_batches/%2"_s.arg(storeId, batchId), {}, nullptr, true, std::move(done));
}

void OpenAIClient::cancelFileBatch(const QString &storeId, const QString &batchId, JsonCallback done)
{
    request("POST", u"/vector_stores/%1/file_batches/%2/cancel"_s.arg(storeId, batchId), {}, nullptr, true,
            std::move(done));
}

void OpenAIClient::listFileBatchFiles(const QString &storeId, const QString &batchId, const ListQuery &query,
                                      JsonCallback done)
{
    request("GET", u"/vector_stores/%1/file_batches/%2/files"_s.arg(storeId, batchId), listQuery(query), nullptr, true,
            std::move(done));
}

// ----- Search

void OpenAIClient::search(const QString &storeId, const SearchRequest &searchRequest,
                          std::function<void(Result<RemoteSearchResult>)> done, bool withMatches)
{
    const QJsonObject body = searchRequest.toJson();
    QUrlQuery query;
    if (withMatches)
        query.addQueryItem(u"include"_s, QString::fromLatin1(kSearchMatchesInclude));
    request("POST", u"/vector_stores/%1/search"_s.arg(storeId), query, &body, true,
            [done = std::move(done)](Result<QJsonObject> page) {
                if (!page) {
                    done(page.error());
                    return;
                }
                done(parseSearch(page.value()));
            });
}

Result<RemoteSearchResult> OpenAIClient::parseSearch(const QJsonObject &page)
{
    const auto malformed = [](const QString &what) {
        return ServiceError::unavailable(u"OpenAI's search answer is malformed: %1."_s.arg(what));
    };
    if (!page.value(u"data"_s).isArray())
        return malformed(u"it has no 'data' list"_s);
    RemoteSearchResult result;
    const QJsonValue query = page.value(u"search_query"_s);
    if (query.isArray()) {
        for (const QJsonValue &q : query.toArray())
            result.response.searchQuery << q.toString();
    } else if (query.isString()) {
        result.response.searchQuery << query.toString(); // older examples: a single string
    }
    for (const QJsonValue &value : page.value(u"data"_s).toArray()) {
        const QJsonObject item = value.toObject();
        if (!item.value(u"file_id"_s).isString() || !item.value(u"score"_s).isDouble())
            return malformed(u"a result lacks file_id or score"_s);
        SearchHit hit;
        hit.filename = item.value(u"filename"_s).toString();
        hit.score = item.value(u"score"_s).toDouble();
        hit.attributes = item.value(u"attributes"_s).toObject();
        int ordinal = 0;
        for (const QJsonValue &c : item.value(u"content"_s).toArray()) {
            hit.content << c.toObject().value(u"text"_s).toString();
            hit.chunkOrdinals << ordinal++;
        }
        // A VectorDesk holder's answer to withMatches: the words and the chunks' real ordinals.
        if (const QJsonObject matches = item.value(u"vectordesk"_s).toObject(); !matches.isEmpty()) {
            for (const QJsonValue &t : matches.value(u"matched_terms"_s).toArray())
                hit.matchedTerms << t.toString();
            const QJsonArray ordinals = matches.value(u"chunk_ordinals"_s).toArray();
            if (ordinals.size() == hit.content.size()) {
                hit.chunkOrdinals.clear();
                for (const QJsonValue &o : ordinals)
                    hit.chunkOrdinals << o.toInt();
            }
        }
        result.response.data << hit;
        result.remoteFileIds << item.value(u"file_id"_s).toString();
    }
    result.response.explain = QJsonObject{{u"engine"_s, u"openai"_s}};
    return result;
}

void OpenAIClient::listAll(const Lister &lister, ListQuery first, int maxPages,
                           std::function<void(Result<QList<QJsonObject>>)> done, bool upToMaxPages)
{
    struct State
    {
        Lister lister;
        QList<QJsonObject> items;
        QSet<QString> ids; // every object id seen, and every cursor used
        QSet<QString> cursors;
        int pages = 0;
        int maxPages = 0;
        bool upToMaxPages = false;
        std::function<void(Result<QList<QJsonObject>>)> done;
        std::function<void(const ListQuery &)> next;
    };
    auto state = std::make_shared<State>();
    state->lister = lister;
    state->maxPages = std::max(1, maxPages);
    state->upToMaxPages = upToMaxPages;
    state->done = std::move(done);
    std::weak_ptr<State> weak = state;
    state->next = [weak](const ListQuery &query) {
        auto s = weak.lock();
        if (!s)
            return;
        s->lister(query, [s, query](Result<QJsonObject> page) {
            const auto finish = [&s](Result<QList<QJsonObject>> result) {
                auto finished = std::move(s->done);
                s->next = nullptr; // breaks the cycle
                finished(std::move(result));
            };
            const auto broken = [&](const QString &what) {
                finish(ServiceError::unavailable(
                    u"OpenAI's list answer %1 (page %2); VectorDesk stopped reading the list so that nothing is done "
                    u"twice or forever. The server's pagination is broken: try again later, or check the tenant's "
                    u"base URL."_s.arg(what)
                        .arg(s->pages + 1)));
            };
            if (!page) {
                finish(page.error());
                return;
            }
            if (!page->value(u"data"_s).isArray()) {
                finish(ServiceError::unavailable(u"OpenAI's list answer is malformed: it has no 'data' list."_s));
                return;
            }
            QString last;
            for (const QJsonValue &v : page->value(u"data"_s).toArray()) {
                const QString id = v.toObject().value(u"id"_s).toString();
                if (!id.isEmpty() && s->ids.contains(id)) {
                    broken(u"repeats object '%1'"_s.arg(OpenAIClient::serverText(id.left(100))));
                    return;
                }
                s->ids.insert(id);
                s->items << v.toObject();
                last = id;
            }
            if (page->value(u"last_id"_s).isString())
                last = page->value(u"last_id"_s).toString();
            ++s->pages;
            if (!page->value(u"has_more"_s).toBool()) {
                finish(std::move(s->items));
                return;
            }
            if (last.isEmpty()) {
                broken(u"says it has more but gives no cursor (no last_id, no objects)"_s);
                return;
            }
            if (s->cursors.contains(last)) {
                broken(u"repeats the cursor '%1'"_s.arg(OpenAIClient::serverText(last.left(100))));
                return;
            }
            s->cursors.insert(last);
            if (s->pages >= s->maxPages) {
                if (s->upToMaxPages)
                    finish(std::move(s->items));
                else
                    finish(ServiceError::unavailable(
                        u"OpenAI's list has more than %1 pages (of up to %2 objects each), more than VectorDesk reads "
                        u"in one go; it stopped there and did nothing with the part it read."_s.arg(s->maxPages)
                            .arg(query.limit)));
                return;
            }
            ListQuery following = query;
            following.after = last;
            s->next(following);
        });
    };
    // The state lives as long as a request holds it; `next` only holds it weakly.
    auto keep = state;
    keep->next(first);
}

} // namespace vd::openai
