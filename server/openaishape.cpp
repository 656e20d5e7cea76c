#include "server/openaishape.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace vd::server::shape {

namespace {
QJsonValue optionalSeconds(const std::optional<qint64> &ms)
{
    return ms ? QJsonValue(seconds(*ms)) : QJsonValue(QJsonValue::Null);
}

bool keyLess(const Keyed &a, const Keyed &b)
{
    return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.rowId < b.rowId;
}
} // namespace

qint64 seconds(qint64 unixMs)
{
    return unixMs / 1000;
}

QJsonObject vectorStore(const VectorStore &store, const QString &apiId)
{
    QJsonObject object{{u"id"_s, apiId},
                       {u"object"_s, u"vector_store"_s},
                       {u"created_at"_s, seconds(store.createdAt)},
                       {u"name"_s, store.name},
                       {u"usage_bytes"_s, store.usageBytes},
                       {u"file_counts"_s, store.fileCounts.toJson()},
                       {u"status"_s, storeStatusName(store.status)},
                       {u"expires_at"_s, optionalSeconds(store.expiresAt)},
                       {u"last_active_at"_s, optionalSeconds(store.lastActiveAt)},
                       {u"metadata"_s, store.metadata}};
    if (store.expiresAfter)
        object.insert(u"expires_after"_s,
                      QJsonObject{{u"anchor"_s, store.expiresAfter->anchor}, {u"days"_s, store.expiresAfter->days}});
    return object;
}

QJsonObject file(const UploadedFile &file)
{
    return {{u"id"_s, file.apiId},          {u"object"_s, u"file"_s},
            {u"bytes"_s, file.sizeBytes},   {u"created_at"_s, seconds(file.createdAt)},
            {u"filename"_s, file.filename}, {u"purpose"_s, file.purpose},
            {u"status"_s, u"processed"_s}};
}

QJsonObject storeFile(const StoreFile &file, const QString &fileId, const QString &storeId)
{
    QJsonObject object{{u"id"_s, fileId},
                       {u"object"_s, u"vector_store.file"_s},
                       {u"usage_bytes"_s, file.usageBytes},
                       {u"created_at"_s, seconds(file.createdAt)},
                       {u"vector_store_id"_s, storeId},
                       {u"status"_s, fileStatusName(file.status)},
                       {u"attributes"_s, file.attributes}};
    object.insert(u"last_error"_s,
                  file.lastErrorCode.isEmpty() ? QJsonValue(QJsonValue::Null)
                                               : QJsonValue(QJsonObject{{u"code"_s, file.lastErrorCode},
                                                                        {u"message"_s, file.lastErrorMessage}}));
    // OpenAI answers auto with the sizes it resolved to: the response has only static or other.
    ChunkingStrategy chunking = file.chunking;
    if (chunking.type == u"auto"_s)
        chunking.type = u"static"_s;
    object.insert(u"chunking_strategy"_s, chunking.toJson());
    return object;
}

QJsonObject fileBatch(const FileBatch &batch, const QString &storeId)
{
    return {{u"id"_s, batch.apiId},
            {u"object"_s, u"vector_store.files_batch"_s},
            {u"created_at"_s, seconds(batch.createdAt)},
            {u"vector_store_id"_s, storeId},
            {u"status"_s, batch.status()},
            {u"file_counts"_s,
             QJsonObject{{u"in_progress"_s, batch.inProgress},
                         {u"completed"_s, batch.completed},
                         {u"failed"_s, batch.failed},
                         {u"cancelled"_s, batch.cancelled},
                         {u"total"_s, batch.total()}}}};
}

QJsonObject deleted(const QString &id, const QString &object)
{
    return {{u"id"_s, id}, {u"object"_s, object}, {u"deleted"_s, true}};
}

QJsonObject searchPage(const SearchResponse &response, const QHash<qint64, QString> &fileIds, bool withMatches)
{
    QJsonArray items;
    for (const SearchHit &hit : response.data) {
        QJsonArray content;
        for (const QString &text : hit.content)
            content.append(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text}});
        QJsonObject item{{u"file_id"_s, fileIds.value(hit.fileId)},
                         {u"filename"_s, hit.filename},
                         {u"score"_s, hit.score},
                         {u"attributes"_s, hit.attributes},
                         {u"content"_s, content}};
        if (withMatches) {
            QJsonArray ordinals;
            for (const int o : hit.chunkOrdinals)
                ordinals.append(o);
            item.insert(u"vectordesk"_s,
                        QJsonObject{{u"matched_terms"_s, QJsonArray::fromStringList(hit.matchedTerms)},
                                    {u"chunk_ordinals"_s, ordinals}});
        }
        items.append(item);
    }
    return {{u"object"_s, u"vector_store.search_results.page"_s},
            {u"search_query"_s, QJsonArray::fromStringList(response.searchQuery)},
            {u"data"_s, items},
            {u"has_more"_s, false},
            {u"next_page"_s, QJsonValue::Null}};
}

std::optional<ApiError> readChunking(const QJsonValue &value, ChunkingStrategy *chunking)
{
    const QString param = u"chunking_strategy"_s;
    if (!value.isObject())
        return ApiError::invalid(u"chunking_strategy must be an object: {\"type\": \"auto\"} or {\"type\": "
                                 u"\"static\", \"static\": {...}}."_s,
                                 param);
    const QJsonObject object = value.toObject();
    const QString type = object.value(u"type"_s).toString();
    if (type == u"auto"_s) {
        if (auto p = onlyKnownFields(object, {u"type"_s}))
            return p;
        *chunking = ChunkingStrategy();
        return std::nullopt;
    }
    if (type != u"static"_s)
        return ApiError::invalid(u"chunking_strategy.type must be 'auto' or 'static'."_s, u"chunking_strategy.type"_s);
    if (auto p = onlyKnownFields(object, {u"type"_s, u"static"_s}))
        return p;
    const QJsonObject sizes = object.value(u"static"_s).toObject();
    const QJsonValue max = sizes.value(u"max_chunk_size_tokens"_s);
    const QJsonValue overlap = sizes.value(u"chunk_overlap_tokens"_s);
    auto whole = [](const QJsonValue &v) {
        return v.isDouble() && v.toDouble() == double(qint64(v.toDouble())) && std::abs(v.toDouble()) < 1e9;
    };
    if (!whole(max) || !whole(overlap))
        return ApiError::invalid(u"chunking_strategy.static needs whole numbers max_chunk_size_tokens and "
                                 u"chunk_overlap_tokens."_s,
                                 u"chunking_strategy.static"_s);
    if (auto p = onlyKnownFields(sizes, {u"max_chunk_size_tokens"_s, u"chunk_overlap_tokens"_s}))
        return p;
    chunking->type = u"static"_s;
    chunking->maxChunkSizeTokens = int(max.toDouble());
    chunking->chunkOverlapTokens = int(overlap.toDouble());
    return std::nullopt;
}

std::optional<ApiError> readExpiresAfter(const QJsonValue &value, int *days)
{
    const QJsonObject object = value.toObject();
    if (!value.isObject() || object.value(u"anchor"_s).toString() != u"last_active_at"_s)
        return ApiError::invalid(
            u"expires_after must be {\"anchor\": \"last_active_at\", \"days\": N}; last_active_at is the only anchor."_s,
            u"expires_after"_s);
    if (auto p = onlyKnownFields(object, {u"anchor"_s, u"days"_s}))
        return p;
    const QJsonValue d = object.value(u"days"_s);
    if (!d.isDouble() || d.toDouble() != double(qint64(d.toDouble())) || std::abs(d.toDouble()) > 1e6)
        return ApiError::invalid(u"expires_after.days must be a whole number of days."_s, u"expires_after.days"_s);
    *days = int(d.toDouble());
    return std::nullopt;
}

std::optional<ApiError> onlyKnownFields(const QJsonObject &body, const QStringList &known)
{
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!known.contains(it.key()))
            return ApiError::invalid(
                u"Unrecognized request argument supplied: %1 (known: %2)."_s.arg(it.key(), known.join(u", "_s)),
                it.key());
    return std::nullopt;
}

std::optional<ApiError> readPage(const std::function<std::optional<QString>(const char *)> &query, int maxLimit,
                                 int defaultLimit, PageQuery *page)
{
    page->limit = defaultLimit;
    if (const auto limit = query("limit")) {
        bool ok = false;
        const int value = limit->toInt(&ok);
        if (!ok || value < 1 || value > maxLimit)
            return ApiError::invalid(
                u"Invalid 'limit': expected an integer from 1 to %1, got '%2'."_s.arg(maxLimit).arg(*limit),
                u"limit"_s);
        page->limit = value;
    }
    if (const auto order = query("order")) {
        if (*order != u"asc"_s && *order != u"desc"_s)
            return ApiError::invalid(u"Invalid 'order': expected 'asc' or 'desc', got '%1'."_s.arg(*order), u"order"_s);
        page->ascending = *order == u"asc"_s;
    }
    page->after = query("after").value_or(QString());
    page->before = query("before").value_or(QString());
    return std::nullopt;
}

Page pageOf(const QList<Keyed> &items, const PageQuery &query, const std::optional<Keyed> &afterKey,
            const std::optional<Keyed> &beforeKey)
{
    // Positions in list order (asc or desc) of the items that lie strictly between the cursors.
    QList<int> order(items.size());
    for (int i = 0; i < items.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return query.ascending ? keyLess(items[a], items[b]) : keyLess(items[b], items[a]);
    });
    // "Comes after `key` in list order".
    auto follows = [&](const Keyed &item, const Keyed &key) {
        return query.ascending ? keyLess(key, item) : keyLess(item, key);
    };
    QList<int> window;
    for (int index : std::as_const(order)) {
        if (afterKey && !follows(items[index], *afterKey))
            continue;
        if (beforeKey && !follows(*beforeKey, items[index]))
            continue;
        window << index;
    }
    Page page;
    if (!query.after.isEmpty() || query.before.isEmpty()) {
        page.indexes = window.mid(0, query.limit);
        page.hasMore = window.size() > query.limit;
    } else {
        // `before` alone: the page that ends just before the cursor.
        const qsizetype start = std::max<qsizetype>(0, window.size() - query.limit);
        page.indexes = window.mid(start);
        page.hasMore = start > 0;
    }
    return page;
}

QJsonObject list(const QJsonArray &data, const QString &firstId, const QString &lastId, bool hasMore)
{
    return {{u"object"_s, u"list"_s},
            {u"data"_s, data},
            {u"first_id"_s, firstId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(firstId)},
            {u"last_id"_s, lastId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(lastId)},
            {u"has_more"_s, hasMore}};
}

} // namespace vd::server::shape
