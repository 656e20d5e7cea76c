#include "core/service/agentstore.h"

#include "core/service/storeapiid.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"
#include "core/storage/sqlvalues.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace vd::agentstore {

namespace {

const QString kAgentColumns =
    u"id, tenant_id, name, description, binding_mode, consumer, file_search_options, created_by, created_at, "
    u"updated_at"_s;

Agent agentFromRow(const QSqlQuery &q)
{
    Agent agent;
    agent.id = q.value(0).toLongLong();
    agent.tenantId = q.value(1).toLongLong();
    agent.name = q.value(2).toString();
    agent.description = q.value(3).toString();
    agent.binding = agentBindingFromName(q.value(4).toString()).value_or(AgentBinding::Explicit);
    agent.consumer = agentConsumerFromName(q.value(5).toString()).value_or(AgentConsumer::Any);
    // Checked when written; a row edited by hand keeps the defaults rather than failing reads.
    if (auto options = FileSearchOptions::fromJson(sql::fromJsonText(q.value(6))))
        agent.options = options.value();
    agent.createdBy = q.value(7).toString();
    agent.createdAt = q.value(8).toLongLong();
    agent.updatedAt = q.value(9).toLongLong();
    return agent;
}

} // namespace

Result<QList<Agent>> read(Database &db, qint64 tenantId, const QString &name)
{
    QString sql = u"SELECT "_s + kAgentColumns + u" FROM agents WHERE tenant_id = ?"_s;
    QVariantList binds{tenantId};
    if (!name.isEmpty()) {
        sql += u" AND lower(name) = lower(?)"_s;
        binds << name;
    }
    auto q = runQuery(db, sql + u" ORDER BY lower(name)"_s, binds, u"reading agents"_s);
    if (!q)
        return q.error();
    QList<Agent> agents;
    while (q.value().next())
        agents.append(agentFromRow(q.value()));
    q.value().finish();
    if (agents.isEmpty())
        return agents;
    auto b = runQuery(db,
                      u"SELECT lower(b.agent_id), b.store_id, s.name FROM agent_vector_stores b JOIN vector_stores s "
                      u"ON s.id = b.store_id WHERE b.tenant_id = ? AND b.store_id IS NOT NULL ORDER BY b.id"_s,
                      {tenantId}, u"reading agent bindings"_s);
    if (!b)
        return b.error();
    while (b.value().next())
        for (Agent &agent : agents)
            if (agent.name.toLower() == b.value().value(0).toString()) {
                agent.storeIds.append(b.value().value(1).toLongLong());
                agent.storeNames.append(b.value().value(2).toString());
            }
    return agents;
}

Result<QStringList> usingStore(Database &db, qint64 tenantId, qint64 storeId, bool isPrimary)
{
    auto q = runQuery(db,
                      u"SELECT a.name FROM agents a WHERE a.tenant_id = ? AND ((a.binding_mode = 'tenant_default' AND "
                      u"? = 1) OR (a.binding_mode = 'explicit' AND EXISTS (SELECT 1 FROM agent_vector_stores b "
                      u"WHERE b.tenant_id = a.tenant_id AND lower(b.agent_id) = lower(a.name) AND b.store_id = ?))) "
                      u"ORDER BY lower(a.name)"_s,
                      {tenantId, isPrimary ? 1 : 0, storeId}, u"reading the agents of a store"_s);
    if (!q)
        return q.error();
    QStringList names;
    while (q.value().next())
        names << q.value().value(0).toString();
    return names;
}

Result<QList<BoundStore>> boundStores(Database &db, const Tenant &tenant, const Agent &agent, bool assignIds)
{
    QList<BoundStore> bound;
    if (agent.binding == AgentBinding::Explicit) {
        for (qint64 id : agent.storeIds) {
            auto q = runQuery(db, u"SELECT "_s + rows::kStoreColumns + u" FROM vector_stores WHERE id = ?"_s, {id},
                              u"reading the stores of agent '%1'"_s.arg(agent.name));
            if (!q)
                return q.error();
            if (q.value().next())
                bound.append({rows::storeFromRow(q.value()), {}});
        }
    } else {
        auto q = runQuery(db,
                          u"SELECT "_s + rows::kStoreColumns
                              + u" FROM vector_stores WHERE tenant_id = ? AND is_primary = 1 AND deleted_at IS NULL"_s,
                          {tenant.id}, u"reading the primary store of tenant %1"_s.arg(tenant.slug));
        if (!q)
            return q.error();
        if (q.value().next())
            bound.append({rows::storeFromRow(q.value()), {}});
    }
    for (BoundStore &b : bound) {
        if (b.store.backend == BackendKind::OpenAI) {
            b.servedId = b.store.remoteId;
        } else if (!b.store.deletedAt && b.store.tenantId == tenant.id && !assignIds) {
            auto q = runQuery(db, u"SELECT api_id FROM vector_stores WHERE id = ?"_s, {b.store.id},
                              u"reading the id of store '%1'"_s.arg(b.store.name));
            if (!q)
                return q.error();
            b.servedId =
                q.value().next() && !q.value().value(0).isNull() ? q.value().value(0).toString() : u"vs_unassigned"_s;
        } else if (!b.store.deletedAt && b.store.tenantId == tenant.id) {
            auto id = ensureStoreApiId(db, b.store);
            if (!id)
                return id.error();
            b.servedId = id.value();
        }
    }
    return bound;
}

Result<QList<AgentResolution>> checkTenant(Database &db, const Tenant &tenant, qint64 now, bool assignIds)
{
    auto agents = read(db, tenant.id);
    if (!agents)
        return agents.error();
    QList<AgentResolution> out;
    for (const Agent &agent : agents.value()) {
        auto stores = boundStores(db, tenant, agent, assignIds);
        if (!stores)
            return stores.error();
        out.append(resolveFileSearchTool(agent, tenant.slug, stores.value(), now));
    }
    return out;
}

} // namespace vd::agentstore
