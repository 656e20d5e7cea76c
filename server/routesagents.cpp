#include "core/domain/agentresolver.h"
#include "core/service/vectorstoreservice.h"
#include "server/apiserver.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

// /v1/agents: VectorDesk's own extension, not OpenAI's API (docs/api.md, docs/agents.md). Read
// only, token-scoped like every route: a token sees its tenant's agents.

namespace vd::server {

namespace {

Reply listAgents(Call &call)
{
    auto agents = call.service.listAgents(call.tenant());
    if (!agents)
        return Reply::fail(agents.error());
    auto checked = call.service.checkAgents(call.tenant());
    if (!checked)
        return Reply::fail(checked.error());
    QHash<QString, QString> status;
    for (const AgentResolution &r : checked.value())
        status.insert(r.agent, r.status());
    QJsonArray data;
    for (const Agent &a : agents.value()) {
        QJsonObject json = a.toJson();
        json.insert(u"status"_s, status.value(a.name));
        data.append(json);
    }
    return Reply::json({{u"object"_s, u"list"_s}, {u"data"_s, data}, {u"has_more"_s, false}});
}

Reply retrieveAgent(Call &call)
{
    auto agent = call.service.agent(call.tenant(), call.pathArg(0));
    if (!agent)
        return Reply::fail(agent.error());
    auto r = call.service.resolveAgent(call.tenant(), call.pathArg(0));
    if (!r)
        return Reply::fail(r.error());
    QJsonObject json = agent->toJson();
    json.insert(u"status"_s, r->status());
    json.insert(u"problems"_s, r->toJson().value(u"problems"_s));
    json.insert(u"warnings"_s, r->toJson().value(u"warnings"_s));
    return Reply::json(json);
}

// The tool, ready for the Responses API's `tools` list; an agent with problems answers 400 with
// every problem's message (the same ones `vectordesk agent tool` prints).
Reply fileSearchTool(Call &call)
{
    auto r = call.service.resolveAgent(call.tenant(), call.pathArg(0), false);
    if (!r)
        return Reply::fail(r.error());
    if (!r->ok()) {
        QStringList messages;
        for (const AgentIssue &i : r->problems)
            messages << i.message;
        return Reply::fail(ServiceError::conflict(messages.join(u" "_s)));
    }
    Reply reply = Reply::json(r->tool);
    if (!r->warnings.isEmpty()) {
        QStringList codes;
        for (const AgentIssue &i : r->warnings)
            codes << i.code + u":"_s + i.store;
        reply.headers.append({QByteArray("x-vectordesk-warnings"), codes.join(u", "_s).toUtf8()});
    }
    return reply;
}

} // namespace

void addAgentRoutes(ApiServer &server)
{
    using B = ApiServer::Body;
    server.route("GET", "/v1/agents", B::None, listAgents);
    server.route("GET", "/v1/agents/([^/]+)", B::None, retrieveAgent);
    server.route("GET", "/v1/agents/([^/]+)/file_search_tool", B::None, fileSearchTool);
}

} // namespace vd::server
