#pragma once

#include "core/domain/agent.h"
#include "core/domain/agentresolver.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Agents as the database keeps them (migrations/0012_agents.sql), read without an operator: the
// service (serviceagents.cpp, which checks roles first) and the sync pass (its agents report)
// share these, so that both resolve an agent the same way.

namespace vd {

class Database;

namespace agentstore {

// The agents of a tenant with their explicit bindings, by name; `name` empty: all of them.
Result<QList<Agent>> read(Database &db, qint64 tenantId, const QString &name = {});
// The agents that search a store: bound to it, or following it as the tenant's primary store.
Result<QStringList> usingStore(Database &db, qint64 tenantId, qint64 storeId, bool isPrimary);
// The stores an agent searches now, with the ids its consumer knows them by. Local stores get
// their "vs_…" id on first use; with `assignIds` false (a sync dry run, which writes nothing) a
// local store without one is named "vs_unassigned".
Result<QList<BoundStore>> boundStores(Database &db, const Tenant &tenant, const Agent &agent, bool assignIds = true);
// Every agent of a tenant, resolved (no store is created).
Result<QList<AgentResolution>> checkTenant(Database &db, const Tenant &tenant, qint64 now, bool assignIds = true);

} // namespace agentstore

} // namespace vd
