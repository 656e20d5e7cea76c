#pragma once

#include "core/domain/filter.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Agents (docs/agents.md, migrations/0012_agents.sql): which stores an agent of a tenant
// searches and with which options, as the Responses API's `file_search` tool takes them.

namespace vd {

// The most vector stores one `file_search` tool accepts. openapi.yaml gives
// FileSearchTool.vector_store_ids no maxItems, but the live API answers 400 "maximum of 2 vector
// stores allowed" above two (../shared/docs/openai-vector-stores.md beside the repository, "Responses API
// file_search tool": dimagi/open-chat-studio PR #3815 and issue #2541). The one place this
// number lives; the resolver refuses more and docs/agents.md quotes it.
inline constexpr int kMaxStoresPerFileSearchTool = 2;

// tenant_default: the tenant's primary store (made by ensure_primary when missing and allowed);
// explicit: the stores bound to the agent.
enum class AgentBinding { TenantDefault, Explicit };
QString agentBindingName(AgentBinding binding);
std::optional<AgentBinding> agentBindingFromName(const QString &name);

// What runs the tool, and so which stores it can reach: OpenAI's Responses API (OpenAI stores
// only), an application searching through `vectordesk serve` (local stores only), or either.
enum class AgentConsumer { Any, OpenAI, VectorDesk };
QString agentConsumerName(AgentConsumer consumer);
std::optional<AgentConsumer> agentConsumerFromName(const QString &name);
// Whether that consumer can search a store of that backend.
bool consumerReaches(AgentConsumer consumer, BackendKind backend);

// The tool's options: max_num_results 1..50, ranking_options {ranker auto|default-2024-11-15,
// score_threshold 0..1, hybrid_search {embedding_weight, text_weight}}, filters (the search
// grammar, core/domain/filter.h). Unset fields are left out of the tool.
struct FileSearchOptions
{
    static constexpr int kDefaultMaxNumResults = 10;
    int maxNumResults = kDefaultMaxNumResults;
    std::optional<QString> ranker;
    std::optional<double> scoreThreshold;
    struct Hybrid
    {
        double embeddingWeight = 0;
        double textWeight = 0;
    };
    std::optional<Hybrid> hybridSearch;
    std::optional<Filter> filters;

    // Parses and checks the object; errors name the field and the allowed values.
    static Result<FileSearchOptions> fromJson(const QJsonObject &json);
    QJsonObject toJson() const; // max_num_results, ranking_options (when any), filters (when set)
    QJsonObject rankingJson() const;
};

struct Agent
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString name;
    QString description;
    AgentBinding binding = AgentBinding::TenantDefault;
    AgentConsumer consumer = AgentConsumer::Any;
    FileSearchOptions options;
    QList<qint64> storeIds; // explicit bindings, in the order they were made
    QStringList storeNames; // their names (a deleted store's too), same order
    QString createdBy;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QJsonObject toJson() const;
};

// Agent names: 1 to 128 letters, digits, '-', '_' and '.', starting with a letter or digit.
std::optional<ServiceError> validateAgentName(const QString &name);
inline constexpr int kMaxAgentDescriptionLength = 2000;

struct AgentDraft
{
    QString name;
    QString description;
    AgentBinding binding = AgentBinding::TenantDefault;
    AgentConsumer consumer = AgentConsumer::Any;
    FileSearchOptions options;
};

struct AgentUpdate
{
    std::optional<QString> description;
    std::optional<AgentBinding> binding;
    std::optional<AgentConsumer> consumer;
    std::optional<FileSearchOptions> options;
};

} // namespace vd
