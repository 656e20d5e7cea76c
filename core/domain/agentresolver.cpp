#include "core/domain/agentresolver.h"

#include "core/domain/units.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace vd {

QJsonObject AgentIssue::toJson() const
{
    QJsonObject json{{u"code"_s, code}, {u"message"_s, message}};
    if (!store.isEmpty())
        json.insert(u"store"_s, store);
    return json;
}

QString AgentResolution::status() const
{
    if (!problems.isEmpty())
        return u"broken"_s;
    return warnings.isEmpty() ? u"ok"_s : u"warning"_s;
}

QJsonObject AgentResolution::toJson() const
{
    QJsonArray p;
    for (const AgentIssue &issue : problems)
        p.append(issue.toJson());
    QJsonArray w;
    for (const AgentIssue &issue : warnings)
        w.append(issue.toJson());
    return {{u"agent"_s, agent},     {u"tenant"_s, tenant},
            {u"status"_s, status()}, {u"tool"_s, tool.isEmpty() ? QJsonValue() : QJsonValue(tool)},
            {u"problems"_s, p},      {u"warnings"_s, w}};
}

QJsonObject fileSearchTool(const QStringList &vectorStoreIds, const FileSearchOptions &options)
{
    QJsonObject tool = options.toJson();
    tool.insert(u"type"_s, u"file_search"_s);
    tool.insert(u"vector_store_ids"_s, QJsonArray::fromStringList(vectorStoreIds));
    return tool;
}

QString fileSearchToolText(const QJsonObject &tool)
{
    return QString::fromUtf8(QJsonDocument(tool).toJson(QJsonDocument::Indented));
}

namespace {

QString day(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).date().toString(Qt::ISODate);
}

} // namespace

AgentResolution resolveFileSearchTool(const Agent &agent, const QString &tenantSlug, const QList<BoundStore> &stores,
                                      qint64 now)
{
    AgentResolution r;
    r.agent = agent.name;
    r.tenant = tenantSlug;
    const QString &a = agent.name;
    const QString &t = tenantSlug;
    const auto problem = [&r](const QString &code, const QString &store, const QString &message) {
        r.problems.append({code, store, message});
    };
    if (stores.isEmpty()) {
        if (agent.binding == AgentBinding::Explicit)
            problem(u"no_stores"_s, {},
                    u"Agent '%1' of tenant %2 searches an explicit list of stores but none is bound; bind one "
                    u"(vectordesk agent bind --tenant %2 %1 STORE) or make it follow the tenant's primary store "
                    u"(vectordesk agent update --tenant %2 %1 --binding tenant_default)."_s.arg(a, t));
        else
            problem(u"no_primary_store"_s, {},
                    u"Agent '%1' follows the primary store of tenant %2, which has none; an admin makes it with "
                    u"vectordesk store ensure-primary --tenant %2 (or resolving the agent as an admin does), or "
                    u"bind stores explicitly."_s.arg(a, t));
        return r;
    }
    QStringList ids;
    for (const BoundStore &bound : stores) {
        const VectorStore &s = bound.store;
        const QString &n = s.name;
        if (s.tenantId != agent.tenantId) {
            problem(u"store_other_tenant"_s, n,
                    u"Store '%1' (id %2) bound to agent '%3' belongs to another tenant; an agent searches only the "
                    u"stores of its own tenant %4. Unbind it (vectordesk agent unbind --tenant %4 %3 %2)."_s.arg(n)
                        .arg(s.id)
                        .arg(a, t));
            continue;
        }
        if (s.deletedAt) {
            problem(u"store_deleted"_s, n,
                    u"Store '%1' bound to agent '%2' was deleted on %3; the agent cannot search it. Restore it "
                    u"(vectordesk store restore --tenant %4 %1) or unbind it (vectordesk agent unbind --tenant %4 %2 "
                    u"%1)."_s.arg(n, a, day(*s.deletedAt), t));
            continue;
        }
        if (s.status == StoreStatus::Expired || (s.expiresAt && *s.expiresAt <= now)) {
            problem(u"store_expired"_s, n,
                    u"Store '%1' bound to agent '%2' expired on %3 after %4 without activity; an expired store "
                    u"cannot be searched. Bind a new store with the same files, then unbind this one "
                    u"(vectordesk agent unbind --tenant %5 %2 %1)."_s.arg(
                        n, a, day(s.expiresAt.value_or(now)),
                        plural(s.expiresAfter ? s.expiresAfter->days : 0, u"day", u"days"), t));
            continue;
        }
        if (!consumerReaches(agent.consumer, s.backend)) {
            problem(u"backend_unreachable"_s, n,
                    agent.consumer == AgentConsumer::OpenAI
                        ? u"Store '%1' is a local store, but agent '%2' runs on OpenAI's Responses API (consumer "
                          u"openai), which cannot reach VectorDesk's local stores. Bind an OpenAI store instead, "
                          u"or set the consumer to vectordesk or any (vectordesk agent update --tenant %3 %2 "
                          u"--consumer any)."_s.arg(n, a, t)
                        : u"Store '%1' is an OpenAI store, but agent '%2' searches through vectordesk serve "
                          u"(consumer vectordesk), which answers for local stores only. Bind a local store instead, "
                          u"or set the consumer to openai or any (vectordesk agent update --tenant %3 %2 "
                          u"--consumer any)."_s.arg(n, a, t));
            continue;
        }
        if (bound.servedId.isEmpty()) {
            problem(u"store_not_on_openai"_s, n,
                    u"OpenAI store '%1' of agent '%2' has no OpenAI id yet (it was never created on OpenAI); check "
                    u"the tenant's key (vectordesk key test --tenant %3) and run a sync pass."_s.arg(n, a, t));
            continue;
        }
        ids.append(bound.servedId);
        r.stores.append(s);
        if (s.fileCounts.inProgress > 0 || s.status == StoreStatus::InProgress)
            r.warnings.append({u"store_ingesting"_s, n,
                               u"Store '%1' of agent '%2' is still ingesting %3; searches miss what is not completed "
                               u"yet."_s.arg(n, a, plural(s.fileCounts.inProgress, u"file", u"files"))});
        else if (s.fileCounts.completed == 0)
            r.warnings.append(
                {u"store_empty"_s, n,
                 u"Store '%1' of agent '%2' has no searchable files; the agent finds nothing there "
                 u"until files are attached (vectordesk file attach --tenant %3 --store %1 PATH)."_s.arg(n, a, t)});
    }
    if (stores.size() > kMaxStoresPerFileSearchTool)
        problem(u"too_many_stores"_s, {},
                u"Agent '%1' is bound to %2 stores; one OpenAI file_search tool takes at most %3 (docs/agents.md "
                u"says where that limit comes from). Unbind %4 of them (vectordesk agent unbind --tenant %5 %1 "
                u"STORE) or merge their files into fewer stores."_s.arg(a)
                    .arg(stores.size())
                    .arg(kMaxStoresPerFileSearchTool)
                    .arg(stores.size() - kMaxStoresPerFileSearchTool)
                    .arg(t));
    if (r.ok())
        r.tool = fileSearchTool(ids, agent.options);
    return r;
}

} // namespace vd
