#include "core/domain/agent.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace vd {

QString agentBindingName(AgentBinding binding)
{
    return binding == AgentBinding::Explicit ? u"explicit"_s : u"tenant_default"_s;
}

std::optional<AgentBinding> agentBindingFromName(const QString &name)
{
    if (name == u"tenant_default"_s)
        return AgentBinding::TenantDefault;
    if (name == u"explicit"_s)
        return AgentBinding::Explicit;
    return std::nullopt;
}

QString agentConsumerName(AgentConsumer consumer)
{
    switch (consumer) {
    case AgentConsumer::OpenAI:
        return u"openai"_s;
    case AgentConsumer::VectorDesk:
        return u"vectordesk"_s;
    case AgentConsumer::Any:
        break;
    }
    return u"any"_s;
}

std::optional<AgentConsumer> agentConsumerFromName(const QString &name)
{
    if (name == u"any"_s)
        return AgentConsumer::Any;
    if (name == u"openai"_s)
        return AgentConsumer::OpenAI;
    if (name == u"vectordesk"_s)
        return AgentConsumer::VectorDesk;
    return std::nullopt;
}

bool consumerReaches(AgentConsumer consumer, BackendKind backend)
{
    switch (consumer) {
    case AgentConsumer::OpenAI:
        return backend == BackendKind::OpenAI;
    case AgentConsumer::VectorDesk:
        return backend == BackendKind::Local;
    case AgentConsumer::Any:
        break;
    }
    return true;
}

namespace {

bool isNumberIn(const QJsonValue &v, double low, double high)
{
    return v.isDouble() && std::isfinite(v.toDouble()) && v.toDouble() >= low && v.toDouble() <= high;
}

} // namespace

Result<FileSearchOptions> FileSearchOptions::fromJson(const QJsonObject &json)
{
    static const QStringList known = {u"max_num_results"_s, u"ranking_options"_s, u"filters"_s};
    for (const QString &key : json.keys())
        if (!known.contains(key))
            return ServiceError::invalid(u"Unknown file_search option '%1'; known: %2."_s.arg(key, known.join(u", "_s)),
                                         key);
    FileSearchOptions options;
    if (json.contains(u"max_num_results"_s)) {
        const QJsonValue max = json.value(u"max_num_results"_s);
        if (!isNumberIn(max, 1, 50) || max.toDouble() != std::floor(max.toDouble()))
            return ServiceError::invalid(u"max_num_results must be a whole number from 1 to 50."_s,
                                         u"max_num_results"_s);
        options.maxNumResults = max.toInt();
    }
    if (json.contains(u"ranking_options"_s)) {
        if (!json.value(u"ranking_options"_s).isObject())
            return ServiceError::invalid(
                u"ranking_options must be an object with ranker, score_threshold and hybrid_search."_s,
                u"ranking_options"_s);
        const QJsonObject ranking = json.value(u"ranking_options"_s).toObject();
        for (const QString &key : ranking.keys())
            if (key != u"ranker"_s && key != u"score_threshold"_s && key != u"hybrid_search"_s)
                return ServiceError::invalid(
                    u"Unknown ranking option '%1' (known: ranker, score_threshold, hybrid_search)."_s.arg(key),
                    u"ranking_options"_s);
        if (ranking.contains(u"ranker"_s)) {
            const QString ranker = ranking.value(u"ranker"_s).toString();
            if (ranker != u"auto"_s && ranker != u"default-2024-11-15"_s)
                return ServiceError::invalid(u"ranker must be auto or default-2024-11-15."_s,
                                             u"ranking_options.ranker"_s);
            options.ranker = ranker;
        }
        if (ranking.contains(u"score_threshold"_s)) {
            if (!isNumberIn(ranking.value(u"score_threshold"_s), 0, 1))
                return ServiceError::invalid(u"score_threshold must be a number from 0 to 1."_s,
                                             u"ranking_options.score_threshold"_s);
            options.scoreThreshold = ranking.value(u"score_threshold"_s).toDouble();
        }
        if (ranking.contains(u"hybrid_search"_s)) {
            const QJsonObject hybrid = ranking.value(u"hybrid_search"_s).toObject();
            const QJsonValue e = hybrid.value(u"embedding_weight"_s);
            const QJsonValue t = hybrid.value(u"text_weight"_s);
            if (!ranking.value(u"hybrid_search"_s).isObject() || hybrid.size() != 2 || !isNumberIn(e, 0, 1e6)
                || !isNumberIn(t, 0, 1e6) || e.toDouble() + t.toDouble() <= 0)
                return ServiceError::invalid(
                    u"hybrid_search must be {\"embedding_weight\": W, \"text_weight\": W} with both weights numbers "
                    u"of 0 or more, not both 0."_s,
                    u"ranking_options.hybrid_search"_s);
            options.hybridSearch = Hybrid{e.toDouble(), t.toDouble()};
        }
    }
    if (json.contains(u"filters"_s) && !json.value(u"filters"_s).isNull()) {
        auto filter = Filter::fromJson(json.value(u"filters"_s));
        if (!filter)
            return ServiceError::invalid(u"filters: "_s + filter.error().message(), u"filters"_s);
        options.filters = filter.value();
    }
    return options;
}

QJsonObject FileSearchOptions::rankingJson() const
{
    QJsonObject ranking;
    if (ranker)
        ranking.insert(u"ranker"_s, *ranker);
    if (scoreThreshold)
        ranking.insert(u"score_threshold"_s, *scoreThreshold);
    if (hybridSearch)
        ranking.insert(u"hybrid_search"_s,
                       QJsonObject{{u"embedding_weight"_s, hybridSearch->embeddingWeight},
                                   {u"text_weight"_s, hybridSearch->textWeight}});
    return ranking;
}

QJsonObject FileSearchOptions::toJson() const
{
    QJsonObject json{{u"max_num_results"_s, maxNumResults}};
    if (const QJsonObject ranking = rankingJson(); !ranking.isEmpty())
        json.insert(u"ranking_options"_s, ranking);
    if (filters)
        json.insert(u"filters"_s, filters->toJson());
    return json;
}

QJsonObject Agent::toJson() const
{
    return {{u"object"_s, u"vectordesk.agent"_s},
            {u"name"_s, name},
            {u"description"_s, description},
            {u"binding_mode"_s, agentBindingName(binding)},
            {u"consumer"_s, agentConsumerName(consumer)},
            {u"vector_stores"_s, QJsonArray::fromStringList(storeNames)},
            {u"file_search_options"_s, options.toJson()},
            {u"created_by"_s, createdBy},
            {u"created_at"_s, createdAt / 1000},
            {u"updated_at"_s, updatedAt / 1000}};
}

std::optional<ServiceError> validateAgentName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"_s);
    if (!pattern.match(name).hasMatch())
        return ServiceError::invalid(u"Agent name '%1' is not valid: use 1 to 128 letters, digits, '-', '_' and '.', "
                                     u"starting with a letter or digit (support-bot)."_s.arg(name.left(140)),
                                     u"name"_s);
    return std::nullopt;
}

} // namespace vd
