#pragma once

#include "core/domain/filter.h"
#include "core/domain/serviceerror.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace vd {

// POST /vector_stores/{id}/search, as OpenAI defines it (openai-vector-stores.md §3.1).
struct SearchRequest
{
    QStringList queries; // "query": a string or an array of strings
    std::optional<Filter> filters; // comparison or compound filter on file attributes
    int maxNumResults = 10; // 1..50
    QString ranker = QStringLiteral("auto"); // auto | none | default-2024-11-15
    double scoreThreshold = 0.0; // 0..1
    bool rewriteQuery = false; // accepted; reported as not applied

    // Parses and validates the request body; errors name the field and the allowed values.
    static Result<SearchRequest> fromJson(const QJsonObject &body);
    // The rules of the fields, however the request was made (parsed by fromJson, which ends with
    // this, or filled in by a form): 1 to 10 queries of at most 4096 characters, max_num_results
    // 1 to 50, a known ranker, a finite score_threshold from 0 to 1 (NaN and infinities are
    // refused). The service checks every request with it before searching.
    std::optional<ServiceError> check() const;
    QJsonObject toJson() const;
};

struct SearchHit
{
    qint64 fileId = 0;
    qint64 storeId = 0;
    QString filename;
    double score = 0;
    QJsonObject attributes;
    QStringList content; // chunk texts, best first
    QList<int> chunkOrdinals;
    QList<qint64> chunkIds; // the index's ids of the chunks in `content`, same order
    QStringList matchedTerms; // query terms found in the file's returned chunks
};

// VectorDesk peers (a machine searching a store another holds, docs/teams.md) ask a VectorDesk
// server for each result's matched words and chunk ordinals with this query parameter
// (`?include=vectordesk.matches`); each result then carries them in a "vectordesk" object. OpenAI's
// result object allows no other field, so nothing else asks for it.
inline constexpr char kSearchMatchesInclude[] = "vectordesk.matches";

struct SearchResponse
{
    QStringList searchQuery;
    QList<SearchHit> data;
    bool rewriteApplied = false;
    // Extra explanations (not in OpenAI's object): threshold, ranker, terms used.
    QJsonObject explain;

    // The OpenAI shape, as `vectordesk search --json` prints it: {object, search_query, data[{file_id,
    // filename, score, attributes, content[], matched_terms[]}], has_more, next_page}, plus explain.
    // matched_terms (the words the index matched, for support staff) is VectorDesk's: the API
    // (server/openaishape.cpp) leaves it out, as OpenAI's result object allows no other field.
    QJsonObject toJson() const;
};

} // namespace vd
