#include "core/domain/agentresolver.h"
#include "core/domain/searchrequest.h"
#include "core/logging/logging.h"
#include "core/service/agentstore.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/rows.h"
#include "core/storage/sqlvalues.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

// Agents: their specs (migrations/0012_agents.sql), explicit bindings (agent_vector_stores), and
// their resolution into the `file_search` tool (core/domain/agentresolver.cpp). docs/agents.md.

namespace vd {

namespace {

QJsonObject auditDetail(const Agent &agent)
{
    return {{u"binding_mode"_s, agentBindingName(agent.binding)},
            {u"consumer"_s, agentConsumerName(agent.consumer)},
            {u"file_search_options"_s, agent.options.toJson()}};
}

} // namespace

Result<Agent> VectorStoreService::findAgent(const Tenant &tenant, const QString &agentRef)
{
    const QString ref = agentRef.trimmed();
    if (ref.isEmpty())
        return ServiceError::invalid(u"Name the agent."_s, u"agent"_s);
    auto found = agentstore::read(m_db, tenant.id, ref);
    if (!found)
        return found.error();
    if (found->isEmpty())
        return ServiceError::notFound(u"No agent '%1' in tenant %2. List its agents with: vectordesk agent list "
                                      u"--tenant %2"_s.arg(ref, tenant.slug));
    return found->first();
}

Result<Agent> VectorStoreService::createAgent(const QString &tenantRef, const AgentDraft &draft,
                                              const QStringList &storeRefs)
{
    auto a = access(tenantRef, Role::Admin, u"Creating an agent"_s);
    if (!a)
        return a.error();
    if (auto p = validateAgentName(draft.name))
        return *p;
    if (draft.description.size() > kMaxAgentDescriptionLength)
        return ServiceError::invalid(
            u"An agent's description is at most %1 characters (got %2)."_s.arg(kMaxAgentDescriptionLength)
                .arg(draft.description.size()),
            u"description"_s);
    if (!storeRefs.isEmpty() && draft.binding != AgentBinding::Explicit)
        return ServiceError::invalid(u"Stores are bound only to an agent with the explicit binding; give --binding "
                                     u"explicit, or leave the stores out to follow the tenant's primary store."_s,
                                     u"binding_mode"_s);
    const Tenant &t = a->tenant;
    const QString doing = u"creating agent '%1' in tenant %2"_s.arg(draft.name, t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto clash = runQuery(m_db, u"SELECT id FROM agents WHERE tenant_id = ? AND lower(name) = lower(?)"_s,
                          {t.id, draft.name}, doing);
    if (!clash)
        return clash.error();
    if (clash.value().next())
        return ServiceError::conflict(
            u"Tenant %1 already has an agent named '%2'; choose another name or change that one (vectordesk agent "
            u"update --tenant %1 %2)."_s.arg(t.slug, draft.name));
    clash.value().finish();
    QList<VectorStore> stores;
    for (const QString &ref : storeRefs) {
        auto s = findStore(t, ref, Visibility::Live);
        if (!s)
            return s.error();
        if (std::none_of(stores.cbegin(), stores.cend(), [&](const VectorStore &x) { return x.id == s->id; }))
            stores.append(s.value());
    }
    const qint64 at = now();
    auto insert = runQuery(
        m_db,
        u"INSERT INTO agents (tenant_id, name, description, binding_mode, consumer, "
        u"file_search_options, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {t.id, draft.name, draft.description.isNull() ? u""_s : draft.description, agentBindingName(draft.binding),
         agentConsumerName(draft.consumer), sql::toJsonText(draft.options.toJson()), m_operator, at, at},
        doing);
    if (!insert)
        return insert.error();
    insert.value().finish();
    for (const VectorStore &s : std::as_const(stores)) {
        auto bind =
            runQuery(m_db,
                     u"INSERT INTO agent_vector_stores (agent_id, tenant_id, store_id, binding_mode, created_at, "
                     u"updated_at) VALUES (?, ?, ?, 'explicit', ?, ?)"_s,
                     {draft.name, t.id, s.id, at, at}, doing);
        if (!bind)
            return bind.error();
    }
    Agent created;
    created.name = draft.name;
    created.binding = draft.binding;
    created.consumer = draft.consumer;
    created.options = draft.options;
    QJsonObject detail = auditDetail(created);
    QJsonArray names;
    for (const VectorStore &s : std::as_const(stores))
        names.append(s.name);
    detail.insert(u"stores"_s, names);
    if (auto p = audit(t.id, u"agent.create"_s, u"agent:"_s + draft.name, detail))
        return *p;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return findAgent(t, draft.name);
}

Result<QList<Agent>> VectorStoreService::listAgents(const QString &tenantRef)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing agents"_s);
    if (!a)
        return a.error();
    return agentstore::read(m_db, a->tenant.id);
}

Result<Agent> VectorStoreService::agent(const QString &tenantRef, const QString &agentRef)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing an agent"_s);
    if (!a)
        return a.error();
    return findAgent(a->tenant, agentRef);
}

Result<Agent> VectorStoreService::updateAgent(const QString &tenantRef, const QString &agentRef,
                                              const AgentUpdate &update)
{
    auto a = access(tenantRef, Role::Editor, u"Changing an agent"_s);
    if (!a)
        return a.error();
    if (update.description && update.description->size() > kMaxAgentDescriptionLength)
        return ServiceError::invalid(
            u"An agent's description is at most %1 characters (got %2)."_s.arg(kMaxAgentDescriptionLength)
                .arg(update.description->size()),
            u"description"_s);
    const Tenant &t = a->tenant;
    Transaction transaction(m_db);
    const QString doing = u"changing agent '%1' of tenant %2"_s.arg(agentRef, t.slug);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto found = findAgent(t, agentRef); // re-read under the lock
    if (!found)
        return found.error();
    Agent agent = found.value();
    if (update.description)
        agent.description = *update.description;
    if (update.consumer)
        agent.consumer = *update.consumer;
    if (update.options)
        agent.options = *update.options;
    QJsonObject detail;
    if (update.binding && *update.binding != agent.binding) {
        detail.insert(u"previous_binding_mode"_s, agentBindingName(agent.binding));
        agent.binding = *update.binding;
        if (agent.binding == AgentBinding::TenantDefault && !agent.storeIds.isEmpty()) {
            // Following the primary store drops the explicit list (the audit row keeps it).
            detail.insert(u"unbound"_s, QJsonArray::fromStringList(agent.storeNames));
            auto drop =
                runQuery(m_db, u"DELETE FROM agent_vector_stores WHERE tenant_id = ? AND lower(agent_id) = lower(?)"_s,
                         {t.id, agent.name}, doing);
            if (!drop)
                return drop.error();
        }
    }
    auto write =
        runQuery(m_db,
                 u"UPDATE agents SET description = ?, binding_mode = ?, consumer = ?, file_search_options = ?, "
                 u"updated_at = ? WHERE id = ?"_s,
                 {agent.description.isNull() ? u""_s : agent.description, agentBindingName(agent.binding),
                  agentConsumerName(agent.consumer), sql::toJsonText(agent.options.toJson()), now(), agent.id},
                 doing);
    if (!write)
        return write.error();
    const QJsonObject current = auditDetail(agent);
    for (auto it = current.begin(); it != current.end(); ++it)
        detail.insert(it.key(), it.value());
    if (auto p = audit(t.id, u"agent.update"_s, u"agent:"_s + agent.name, detail))
        return *p;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return findAgent(t, agent.name);
}

Result<Agent> VectorStoreService::bindAgentStore(const QString &tenantRef, const QString &agentRef,
                                                 const QString &storeRef)
{
    auto a = access(tenantRef, Role::Editor, u"Binding a store to an agent"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    const QString doing = u"binding store '%1' to agent '%2' of tenant %3"_s.arg(storeRef, agentRef, t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto agent = findAgent(t, agentRef);
    if (!agent)
        return agent.error();
    if (agent->binding != AgentBinding::Explicit)
        return ServiceError::conflict(
            u"Agent '%1' follows the primary store of tenant %2; switch it to an explicit list first (vectordesk "
            u"agent update --tenant %2 %1 --binding explicit), then bind stores."_s.arg(agent->name, t.slug));
    auto s = findStore(t, storeRef, Visibility::Live);
    if (!s)
        return s.error();
    if (agent->storeIds.contains(s->id))
        return ServiceError::conflict(u"Store '%1' is already bound to agent '%2'."_s.arg(s->name, agent->name));
    const qint64 at = now();
    auto bind = runQuery(m_db,
                         u"INSERT INTO agent_vector_stores (agent_id, tenant_id, store_id, binding_mode, created_at, "
                         u"updated_at) VALUES (?, ?, ?, 'explicit', ?, ?)"_s,
                         {agent->name, t.id, s->id, at, at}, doing);
    if (!bind)
        return bind.error();
    if (auto p =
            audit(t.id, u"agent.bind"_s, u"agent:"_s + agent->name, {{u"store"_s, s->name}, {u"store_id"_s, s->id}}))
        return *p;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return findAgent(t, agent->name);
}

Result<Agent> VectorStoreService::unbindAgentStore(const QString &tenantRef, const QString &agentRef,
                                                   const QString &storeRef)
{
    auto a = access(tenantRef, Role::Editor, u"Unbinding a store from an agent"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    const QString doing = u"unbinding store '%1' from agent '%2' of tenant %3"_s.arg(storeRef, agentRef, t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto agent = findAgent(t, agentRef);
    if (!agent)
        return agent.error();
    // A bound store may be deleted since: match the bindings by id or by name, whatever the store's state.
    const QString ref = storeRef.trimmed();
    qsizetype index = -1;
    for (qsizetype i = 0; i < agent->storeIds.size() && index < 0; ++i)
        if (QString::number(agent->storeIds[i]) == ref)
            index = i;
    for (qsizetype i = 0; i < agent->storeNames.size() && index < 0; ++i)
        if (agent->storeNames[i].compare(ref, Qt::CaseInsensitive) == 0)
            index = i;
    if (index < 0)
        return ServiceError::notFound(u"Store '%1' is not bound to agent '%2'; its stores are: %3."_s.arg(
            ref, agent->name, agent->storeNames.isEmpty() ? u"none"_s : agent->storeNames.join(u", "_s)));
    auto drop = runQuery(m_db,
                         u"DELETE FROM agent_vector_stores WHERE tenant_id = ? AND lower(agent_id) = lower(?) AND "
                         u"store_id = ?"_s,
                         {t.id, agent->name, agent->storeIds[index]}, doing);
    if (!drop)
        return drop.error();
    if (auto p = audit(t.id, u"agent.unbind"_s, u"agent:"_s + agent->name,
                       {{u"store"_s, agent->storeNames[index]}, {u"store_id"_s, agent->storeIds[index]}}))
        return *p;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return findAgent(t, agent->name);
}

Result<Agent> VectorStoreService::deleteAgent(const QString &tenantRef, const QString &agentRef)
{
    auto a = access(tenantRef, Role::Admin, u"Deleting an agent"_s);
    if (!a)
        return a.error();
    const Tenant &t = a->tenant;
    const QString doing = u"deleting agent '%1' of tenant %2"_s.arg(agentRef, t.slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    if (auto p = lockTenant(t.id))
        return *p;
    auto agent = findAgent(t, agentRef);
    if (!agent)
        return agent.error();
    auto bindings =
        runQuery(m_db, u"DELETE FROM agent_vector_stores WHERE tenant_id = ? AND lower(agent_id) = lower(?)"_s,
                 {t.id, agent->name}, doing);
    if (!bindings)
        return bindings.error();
    auto row = runQuery(m_db, u"DELETE FROM agents WHERE id = ?"_s, {agent->id}, doing);
    if (!row)
        return row.error();
    QJsonObject detail = auditDetail(agent.value());
    detail.insert(u"stores"_s, QJsonArray::fromStringList(agent->storeNames));
    if (auto p = audit(t.id, u"agent.delete"_s, u"agent:"_s + agent->name, detail))
        return *p;
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return agent.value();
}

Result<AgentResolution> VectorStoreService::resolveFound(const Tenant &tenant, const Agent &agent, bool createPrimary)
{
    auto bound = agentstore::boundStores(m_db, tenant, agent);
    if (!bound)
        return bound.error();
    QString primaryFailure;
    if (agent.binding == AgentBinding::TenantDefault && bound->isEmpty() && createPrimary) {
        // ensure_primary does the creating, with its own rules (admin role, the plan's store limit).
        auto made = ensurePrimary(QString::number(tenant.id));
        if (made) {
            bound = agentstore::boundStores(m_db, tenant, agent);
            if (!bound)
                return bound.error();
        } else {
            primaryFailure = made.error().message();
        }
    }
    AgentResolution r = resolveFileSearchTool(agent, tenant.slug, bound.value(), now());
    if (!primaryFailure.isEmpty() && !r.problems.isEmpty())
        r.problems.first().message += u" Making one failed: %1"_s.arg(primaryFailure);
    return r;
}

Result<AgentResolution> VectorStoreService::resolveAgent(const QString &tenantRef, const QString &agentRef,
                                                         bool createPrimary)
{
    auto a = access(tenantRef, Role::Viewer, u"Resolving an agent"_s);
    if (!a)
        return a.error();
    auto agent = findAgent(a->tenant, agentRef);
    if (!agent)
        return agent.error();
    return resolveFound(a->tenant, agent.value(), createPrimary);
}

Result<QList<AgentResolution>> VectorStoreService::checkAgents(const std::optional<QString> &tenantRef)
{
    QStringList tenants;
    if (tenantRef) {
        tenants << *tenantRef;
    } else {
        auto all = listTenants();
        if (!all)
            return all.error();
        for (const Tenant &t : all.value())
            tenants << QString::number(t.id);
    }
    QList<AgentResolution> out;
    for (const QString &ref : std::as_const(tenants)) {
        auto a = access(ref, Role::Viewer, u"Checking agents"_s);
        if (!a)
            return a.error();
        auto checked = agentstore::checkTenant(m_db, a->tenant, now());
        if (!checked)
            return checked.error();
        out += checked.value();
    }
    return out;
}

Result<QStringList> VectorStoreService::agentsUsingStore(const QString &tenantRef, const QString &storeRef)
{
    auto a = access(tenantRef, Role::Viewer, u"Listing the agents of a store"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, Visibility::All);
    if (!s)
        return s.error();
    return agentstore::usingStore(m_db, a->tenant.id, s->id, s->isPrimary);
}

Result<VectorStoreService::AgentSearch> VectorStoreService::searchAsAgent(const QString &tenantRef,
                                                                          const QString &agentRef, const QString &query)
{
    auto resolution = resolveAgent(tenantRef, agentRef, false);
    if (!resolution)
        return resolution.error();
    AgentSearch out;
    out.resolution = resolution.value();
    if (!out.resolution.ok())
        return out;
    auto found = agent(tenantRef, agentRef);
    if (!found)
        return found.error();
    const FileSearchOptions &o = found->options;
    SearchRequest request;
    request.queries = {query};
    request.filters = o.filters;
    request.maxNumResults = o.maxNumResults;
    request.ranker = o.ranker.value_or(u"auto"_s);
    request.scoreThreshold = o.scoreThreshold.value_or(0.0);
    QStringList refs;
    for (const VectorStore &s : std::as_const(out.resolution.stores))
        refs << QString::number(s.id);
    auto response = search(tenantRef, refs, request);
    if (!response)
        return response.error();
    QList<qint64> fileIds;
    for (const SearchHit &hit : std::as_const(response->data))
        fileIds << hit.fileId;
    auto apiIds = fileApiIds(fileIds);
    if (!apiIds)
        return apiIds.error();
    QJsonArray results;
    for (const SearchHit &hit : std::as_const(response->data))
        results.append(QJsonObject{{u"file_id"_s, apiIds->value(hit.fileId)},
                                   {u"filename"_s, hit.filename},
                                   {u"score"_s, hit.score},
                                   {u"attributes"_s, hit.attributes},
                                   {u"text"_s, hit.content.join(u"\n\n"_s)}});
    QJsonArray notes;
    if (o.hybridSearch)
        notes.append(u"hybrid_search weights are passed to OpenAI; VectorDesk's local engine ranks by text only."_s);
    out.received = {
        {u"tool"_s, out.resolution.tool}, {u"query"_s, query}, {u"results"_s, results}, {u"notes"_s, notes}};
    return out;
}

} // namespace vd
