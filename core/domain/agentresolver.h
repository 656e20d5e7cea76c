#pragma once

#include "core/domain/agent.h"
#include "core/domain/types.h"

#include <QJsonObject>
#include <QList>
#include <QString>

// The resolver (docs/agents.md): an agent and the stores it is bound to become the Responses
// API's `file_search` tool, or the reasons it cannot, one message per problem. A pure function
// of its inputs; the service reads them (core/service/serviceagents.cpp).

namespace vd {

// One thing wrong (a problem: no tool) or worth knowing (a warning) about an agent's stores.
struct AgentIssue
{
    QString code; // no_stores, no_primary_store, store_deleted, store_expired, store_other_tenant,
                  // backend_unreachable, store_not_on_openai, too_many_stores; warnings: store_empty,
                  // store_ingesting
    QString store; // the store's name, empty for the agent as a whole
    QString message;
    QJsonObject toJson() const;
};

// A store the agent searches, with the id its consumer knows it by: the "vs_…" id that
// `vectordesk serve` gives a local store; OpenAI stores use their remote id.
struct BoundStore
{
    VectorStore store;
    QString servedId;
};

struct AgentResolution
{
    QString agent;
    QString tenant; // slug
    QJsonObject tool; // empty when there are problems
    QList<AgentIssue> problems;
    QList<AgentIssue> warnings;
    QList<VectorStore> stores; // in the tool's order

    bool ok() const { return problems.isEmpty(); }
    QString status() const; // ok, warning or broken
    QJsonObject toJson() const; // {agent, tenant, status, tool, problems, warnings}
};

// `stores`: the explicit bindings of an explicit agent, or the primary store of a tenant_default
// one (none: the tenant has no primary store). `tenantSlug` names the tenant in messages. `now`
// in unix milliseconds.
AgentResolution resolveFileSearchTool(const Agent &agent, const QString &tenantSlug, const QList<BoundStore> &stores,
                                      qint64 now);

// The tool itself, for stores already known good.
QJsonObject fileSearchTool(const QStringList &vectorStoreIds, const FileSearchOptions &options);
// The tool as `vectordesk agent tool` prints it and docs/agents.md shows it: indented JSON, keys
// sorted, ending with a newline.
QString fileSearchToolText(const QJsonObject &tool);

} // namespace vd
