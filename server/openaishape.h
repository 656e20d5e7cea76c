#pragma once

#include "core/domain/searchrequest.h"
#include "core/domain/types.h"
#include "core/domain/uploadedfile.h"
#include "server/apierror.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

// VectorDesk's entities in the shapes of OpenAI's API (openapi.yaml): the one place that knows
// them. Times become unix seconds, ids the public "vs_…"/"file-…" strings, and fields OpenAI does
// not have stay out (several of its schemas are additionalProperties: false).
namespace vd::server::shape {

qint64 seconds(qint64 unixMs);

QJsonObject vectorStore(const VectorStore &store, const QString &apiId);
// OpenAI's File object (status "processed": an upload is usable at once).
QJsonObject file(const UploadedFile &file);
// A vector_store.file; `fileId` is its "file-…" id (its upload's), `storeId` its store's "vs_…".
QJsonObject storeFile(const StoreFile &file, const QString &fileId, const QString &storeId);
// A vector_store.files_batch (the object name openapi.yaml's enum has).
QJsonObject fileBatch(const FileBatch &batch, const QString &storeId);
QJsonObject deleted(const QString &id, const QString &object);
// The search page; `fileIds` maps each hit's store-file row to its "file-…" id.
// withMatches: each result also carries {"vectordesk": {matched_terms, chunk_ordinals}}, for a
// VectorDesk peer that asked (kSearchMatchesInclude).
QJsonObject searchPage(const SearchResponse &response, const QHash<qint64, QString> &fileIds, bool withMatches = false);

// A request's chunking_strategy: {"type": "auto"} or {"type": "static", "static":
// {"max_chunk_size_tokens", "chunk_overlap_tokens"}}. The numbers' limits are the service's rule.
std::optional<ApiError> readChunking(const QJsonValue &value, ChunkingStrategy *chunking);
// A request's expires_after: {"anchor": "last_active_at", "days": N}. The days' range is the
// service's rule.
std::optional<ApiError> readExpiresAfter(const QJsonValue &value, int *days);

// Refuses a body field the request schema does not have, as OpenAI does
// ("Unrecognized request argument supplied: x").
std::optional<ApiError> onlyKnownFields(const QJsonObject &body, const QStringList &known);

// A cursor page of a list (limit, order, after, before), as every OpenAI list takes it.
struct PageQuery
{
    int limit = 20;
    bool ascending = false; // order=asc; OpenAI's default is desc (newest first)
    QString after;
    QString before;
};
// limit (1..maxLimit), order (asc|desc), after, before from the query string; errors name the
// parameter. `query(name)`: the parameter's value, unset when absent.
std::optional<ApiError> readPage(const std::function<std::optional<QString>(const char *)> &query, int maxLimit,
                                 int defaultLimit, PageQuery *page);

// One item of a list in list order: its public id and the key it is ordered by.
struct Keyed
{
    QString id;
    qint64 createdAt = 0;
    qint64 rowId = 0; // ties on created_at are ordered by the row
};
// The items of one page, from `items` in ascending (created_at, row) order: after the cursor
// `after`, or before `before`, in the page's order. A cursor's key comes from `cursorKey` (it may
// name an object that is no longer listed, e.g. deleted meanwhile); nullopt: unknown cursor.
struct Page
{
    QList<int> indexes; // into `items`, in the order to show
    bool hasMore = false;
};
Page pageOf(const QList<Keyed> &items, const PageQuery &query, const std::optional<Keyed> &afterKey,
            const std::optional<Keyed> &beforeKey);
// {"object": "list", "data": [...], "first_id", "last_id", "has_more"}
QJsonObject list(const QJsonArray &data, const QString &firstId, const QString &lastId, bool hasMore);

} // namespace vd::server::shape
