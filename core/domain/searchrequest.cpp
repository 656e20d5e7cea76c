#include "core/domain/searchrequest.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace vd {

Result<SearchRequest> SearchRequest::fromJson(const QJsonObject &body)
{
    static const QStringList known = {u"query"_s, u"filters"_s, u"max_num_results"_s, u"ranking_options"_s,
                                      u"rewrite_query"_s};
    for (const QString &key : body.keys())
        if (!known.contains(key))
            return ServiceError::invalid(u"Unknown search field '%1'; known: %2."_s.arg(key, known.join(u", "_s)), key);

    SearchRequest request;
    const QJsonValue query = body.value(u"query"_s);
    if (query.isString()) {
        request.queries << query.toString();
    } else if (query.isArray()) {
        for (const QJsonValue &q : query.toArray()) {
            if (!q.isString())
                return ServiceError::invalid(u"Every query in the \"query\" list must be a string."_s, u"query"_s);
            request.queries << q.toString();
        }
    } else {
        return ServiceError::invalid(u"The search needs a \"query\": a string or a list of strings."_s, u"query"_s);
    }
    request.queries.removeIf([](const QString &q) { return q.trimmed().isEmpty(); });

    if (body.contains(u"filters"_s) && !body.value(u"filters"_s).isNull()) {
        auto filter = Filter::fromJson(body.value(u"filters"_s));
        if (!filter)
            return filter.error();
        request.filters = filter.value();
    }
    if (body.contains(u"max_num_results"_s)) {
        const QJsonValue max = body.value(u"max_num_results"_s);
        const double value = max.toDouble(-1);
        if (!max.isDouble() || !(value >= 1 && value <= 50) || value != std::floor(value))
            return ServiceError::invalid(u"max_num_results must be a whole number from 1 to 50."_s,
                                         u"max_num_results"_s);
        request.maxNumResults = int(value);
    }
    if (body.contains(u"ranking_options"_s)) {
        const QJsonObject ranking = body.value(u"ranking_options"_s).toObject();
        for (const QString &key : ranking.keys())
            if (key != u"ranker"_s && key != u"score_threshold"_s)
                return ServiceError::invalid(
                    u"Unknown ranking option '%1' (known: ranker, score_threshold)."_s.arg(key), u"ranking_options"_s);
        if (ranking.contains(u"ranker"_s)) {
            if (!ranking.value(u"ranker"_s).isString())
                return ServiceError::invalid(u"ranker must be a string: auto, none or default-2024-11-15."_s,
                                             u"ranking_options.ranker"_s);
            request.ranker = ranking.value(u"ranker"_s).toString();
        }
        if (ranking.contains(u"score_threshold"_s)) {
            const QJsonValue t = ranking.value(u"score_threshold"_s);
            if (!t.isDouble())
                return ServiceError::invalid(u"score_threshold must be a number from 0 to 1."_s,
                                             u"ranking_options.score_threshold"_s);
            request.scoreThreshold = t.toDouble();
        }
    }
    if (body.contains(u"rewrite_query"_s)) {
        if (!body.value(u"rewrite_query"_s).isBool())
            return ServiceError::invalid(u"rewrite_query must be true or false."_s, u"rewrite_query"_s);
        request.rewriteQuery = body.value(u"rewrite_query"_s).toBool();
    }
    if (auto problem = request.check())
        return *problem;
    return request;
}

std::optional<ServiceError> SearchRequest::check() const
{
    if (queries.isEmpty())
        return ServiceError::invalid(u"The query is empty; type what to search for."_s, u"query"_s);
    if (queries.size() > 10)
        return ServiceError::invalid(u"At most 10 queries can be searched at once."_s, u"query"_s);
    for (const QString &q : queries)
        if (q.size() > 4096)
            return ServiceError::invalid(u"A query is %1 characters long; at most 4096 are allowed."_s.arg(q.size()),
                                         u"query"_s);
    if (maxNumResults < 1 || maxNumResults > 50)
        return ServiceError::invalid(
            u"max_num_results must be a whole number from 1 to 50 (got %1)."_s.arg(maxNumResults),
            u"max_num_results"_s);
    static const QStringList rankers = {u"auto"_s, u"none"_s, u"default-2024-11-15"_s};
    if (!rankers.contains(ranker))
        return ServiceError::invalid(u"Unknown ranker '%1'; use auto, none or default-2024-11-15."_s.arg(ranker),
                                     u"ranking_options.ranker"_s);
    // NaN compares false with everything: it would pass "< 0 || > 1" and then let every result
    // through (or none), so the test is written the other way round.
    if (!(std::isfinite(scoreThreshold) && scoreThreshold >= 0 && scoreThreshold <= 1))
        return ServiceError::invalid(
            u"score_threshold must be a number from 0 to 1 (got %1)."_s.arg(QString::number(scoreThreshold)),
            u"ranking_options.score_threshold"_s);
    return std::nullopt;
}

QJsonObject SearchRequest::toJson() const
{
    QJsonObject body{
        {u"query"_s,
         queries.size() == 1 ? QJsonValue(queries.first()) : QJsonValue(QJsonArray::fromStringList(queries))},
        {u"max_num_results"_s, maxNumResults},
        {u"ranking_options"_s, QJsonObject{{u"ranker"_s, ranker}, {u"score_threshold"_s, scoreThreshold}}},
        {u"rewrite_query"_s, rewriteQuery}};
    if (filters)
        body.insert(u"filters"_s, filters->toJson());
    return body;
}

QJsonObject SearchResponse::toJson() const
{
    QJsonArray items;
    for (const SearchHit &hit : data) {
        QJsonArray content;
        for (const QString &text : hit.content)
            content.append(QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text}});
        items.append(QJsonObject{{u"file_id"_s, QString::number(hit.fileId)},
                                 {u"filename"_s, hit.filename},
                                 {u"score"_s, hit.score},
                                 {u"attributes"_s, hit.attributes},
                                 {u"content"_s, content},
                                 {u"matched_terms"_s, QJsonArray::fromStringList(hit.matchedTerms)}});
    }
    QJsonObject page{{u"object"_s, u"vector_store.search_results.page"_s},
                     {u"search_query"_s, QJsonArray::fromStringList(searchQuery)},
                     {u"data"_s, items},
                     {u"has_more"_s, false},
                     {u"next_page"_s, QJsonValue::Null}};
    if (!explain.isEmpty())
        page.insert(u"explain"_s, explain);
    return page;
}

} // namespace vd
