#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/domain/agentresolver.h"
#include "core/domain/units.h"
#include "core/service/vectorstoreservice.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

// agent create, list, show, update, bind, unbind, delete, tool, search, check (docs/agents.md).

namespace vd::cli {

namespace {

void printAgent(Context &c, const Agent &a)
{
    if (c.json()) {
        printJson(c, a.toJson());
        return;
    }
    c.out() << u"Agent %1 (%2)\n"_s.arg(terminalText(a.name), agentBindingName(a.binding));
    if (!a.description.isEmpty())
        c.out() << u"  description: %1\n"_s.arg(terminalText(a.description));
    c.out() << u"  consumer:    %1\n"_s.arg(agentConsumerName(a.consumer));
    c.out() << u"  stores:      %1\n"_s.arg(
        a.binding == AgentBinding::TenantDefault
            ? u"the tenant's primary store"_s
            : terminalText(a.storeNames.isEmpty() ? u"none"_s : a.storeNames.join(u", "_s)));
    c.out() << u"  options:     %1\n"_s.arg(shownJson(a.options.toJson()));
}

// Problems and warnings, one line each, on err.
void printIssues(Context &c, const AgentResolution &r)
{
    for (const AgentIssue &i : r.problems)
        c.err() << u"error: "_s << terminalText(i.message) << '\n';
    for (const AgentIssue &i : r.warnings)
        c.err() << u"warning: "_s << terminalText(i.message) << '\n';
}

// --binding, --consumer and --options into an update; Ok or the exit code of the error printed.
int readAgentOptions(Context &c, const Invocation &in, AgentUpdate *u)
{
    if (in.isSet(u"binding"_s)) {
        u->binding = agentBindingFromName(in.value(u"binding"_s));
        if (!u->binding)
            return c.usage(u"--binding must be tenant_default or explicit."_s);
    }
    if (in.isSet(u"consumer"_s)) {
        u->consumer = agentConsumerFromName(in.value(u"consumer"_s));
        if (!u->consumer)
            return c.usage(u"--consumer must be any, openai or vectordesk."_s);
    }
    if (in.isSet(u"description"_s))
        u->description = in.value(u"description"_s);
    if (in.isSet(u"options"_s)) {
        QJsonObject json;
        if (int code = readJsonObject(c, in.parser, u"options"_s, u"The file_search options"_s, &json); code != Ok)
            return code;
        auto options = FileSearchOptions::fromJson(json);
        if (!options)
            return c.fail(options.error());
        u->options = options.value();
    }
    return Ok;
}

int createAgent(Context &c, const Invocation &in)
{
    AgentUpdate u;
    if (int code = readAgentOptions(c, in, &u); code != Ok)
        return code;
    const QStringList stores = in.parser.values(u"store"_s);
    AgentDraft d;
    d.name = in.args[0];
    d.description = u.description.value_or(QString());
    d.binding = u.binding.value_or(stores.isEmpty() ? AgentBinding::TenantDefault : AgentBinding::Explicit);
    d.consumer = u.consumer.value_or(AgentConsumer::Any);
    d.options = u.options.value_or(FileSearchOptions{});
    return report<Agent>(c, c.service().createAgent(in.tenant, d, stores), printAgent);
}

int listAgents(Context &c, const Invocation &in)
{
    auto agents = c.service().listAgents(in.tenant);
    if (!agents)
        return c.fail(agents.error());
    auto checked = c.service().checkAgents(in.tenant);
    if (!checked)
        return c.fail(checked.error());
    QHash<QString, QString> status;
    for (const AgentResolution &r : checked.value())
        status.insert(r.agent, r.status());
    if (c.json()) {
        QJsonArray data;
        for (const Agent &a : agents.value()) {
            QJsonObject json = a.toJson();
            json.insert(u"status"_s, status.value(a.name));
            data.append(json);
        }
        printJson(c, QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, data}});
        return Ok;
    }
    QList<QStringList> rows;
    for (const Agent &a : agents.value())
        rows << QStringList{a.name, agentBindingName(a.binding), agentConsumerName(a.consumer),
                            a.binding == AgentBinding::TenantDefault ? u"(primary)"_s : a.storeNames.join(u", "_s),
                            status.value(a.name)};
    printTable(c, {u"NAME"_s, u"BINDING"_s, u"CONSUMER"_s, u"STORES"_s, u"STATUS"_s}, rows);
    return Ok;
}

int showAgent(Context &c, const Invocation &in)
{
    auto agent = c.service().agent(in.tenant, in.args[0]);
    if (!agent)
        return c.fail(agent.error());
    auto r = c.service().resolveAgent(in.tenant, in.args[0]);
    if (!r)
        return c.fail(r.error());
    if (c.json()) {
        QJsonObject json = agent->toJson();
        json.insert(u"resolution"_s, r->toJson());
        printJson(c, json);
        return Ok;
    }
    printAgent(c, agent.value());
    c.out() << u"  status:      %1\n"_s.arg(r->status());
    printIssues(c, r.value());
    return Ok;
}

int updateAgent(Context &c, const Invocation &in)
{
    AgentUpdate u;
    if (int code = readAgentOptions(c, in, &u); code != Ok)
        return code;
    if (!u.binding && !u.consumer && !u.description && !u.options)
        return c.usage(u"Nothing to change: give --description, --binding, --consumer or --options."_s);
    return report<Agent>(c, c.service().updateAgent(in.tenant, in.args[0], u), printAgent);
}

int bindAgent(Context &c, const Invocation &in)
{
    return report<Agent>(c, c.service().bindAgentStore(in.tenant, in.args[0], in.args[1]), printAgent);
}

int unbindAgent(Context &c, const Invocation &in)
{
    return report<Agent>(c, c.service().unbindAgentStore(in.tenant, in.args[0], in.args[1]), printAgent);
}

int deleteAgent(Context &c, const Invocation &in)
{
    auto deleted = c.service().deleteAgent(in.tenant, in.args[0]);
    if (!deleted)
        return c.fail(deleted.error());
    return printOutcome(c, deleted->toJson(),
                        u"Agent '%1' of %2 is deleted, with its bindings.\n"_s.arg(deleted->name, in.tenant));
}

// The tool on out (and nothing else, so that it can be piped); problems and warnings on err.
int agentTool(Context &c, const Invocation &in)
{
    auto r = c.service().resolveAgent(in.tenant, in.args[0], true);
    if (!r)
        return c.fail(r.error());
    printIssues(c, r.value());
    if (!r->ok())
        return Failed;
    c.out() << fileSearchToolText(r->tool);
    return Ok;
}

int agentSearch(Context &c, const Invocation &in)
{
    auto found = c.service().searchAsAgent(in.tenant, in.args[0], in.args[1]);
    if (!found)
        return c.fail(found.error());
    printIssues(c, found->resolution);
    if (!found->resolution.ok())
        return Failed;
    if (c.json()) {
        printJson(c, found->received);
        return Ok;
    }
    const QJsonArray results = found->received[u"results"_s].toArray();
    c.out() << u"The model receives %1 from file_search:\n"_s.arg(plural(results.size(), u"result", u"results"));
    for (const QJsonValue &hit : results)
        c.out() << u"- %1 (%2, score %3) %4\n  %5\n"_s
                       .arg(terminalText(hit[u"filename"_s].toString()), hit[u"file_id"_s].toString())
                       .arg(hit[u"score"_s].toDouble(), 0, 'f', 3)
                       .arg(shownJson(hit[u"attributes"_s].toObject()),
                            terminalText(hit[u"text"_s].toString().left(300)));
    for (const QJsonValue &note : found->received[u"notes"_s].toArray())
        c.out() << u"note: "_s << note.toString() << '\n';
    return Ok;
}

// Every agent of the tenant (or all); exits 1 when any is broken.
int agentCheck(Context &c, const Invocation &in)
{
    std::optional<QString> tenant;
    if (in.isSet(u"tenant"_s))
        tenant = in.value(u"tenant"_s);
    auto checked = c.service().checkAgents(tenant);
    if (!checked)
        return c.fail(checked.error());
    int broken = 0;
    QJsonArray data;
    for (const AgentResolution &r : checked.value()) {
        broken += r.ok() ? 0 : 1;
        data.append(r.toJson());
        if (c.json())
            continue;
        c.out() << u"%1/%2: %3\n"_s.arg(terminalText(r.tenant), terminalText(r.agent), r.status());
        for (const AgentIssue &i : r.problems + r.warnings)
            c.out() << u"  %1: %2\n"_s.arg(i.code, terminalText(i.message));
    }
    if (c.json())
        printJson(c, QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, data}, {u"broken"_s, broken}});
    else
        c.out() << u"%1 checked, %2 broken.\n"_s.arg(plural(checked->size(), u"agent", u"agents")).arg(broken);
    return broken > 0 ? Failed : Ok;
}

QList<QCommandLineOption> editOptions()
{
    return {{u"description"_s, u"What the agent is for."_s, u"text"_s},
            {u"binding"_s, u"tenant_default (the primary store) or explicit (bound stores)."_s, u"mode"_s},
            {u"consumer"_s, u"What runs the tool: any, openai (Responses API) or vectordesk (vectordesk serve)."_s,
             u"consumer"_s},
            {u"options"_s, u"file_search options as JSON: max_num_results, ranking_options, filters."_s, u"JSON"_s}};
}

} // namespace

QList<std::shared_ptr<Command>> agentCommands()
{
    return {
        command(
            {.name = u"agent create"_s,
             .syntax = u"--tenant T NAME [--store S]... [--binding M] [--consumer C] [--description D] "
                       u"[--options JSON]"_s,
             .summary = u"Create an agent (admin); with --store it searches those stores, else the primary store."_s,
             .positionals = {u"NAME"_s},
             .scope = Scope::Tenant,
             .options =
                 editOptions() + QList<QCommandLineOption>{{u"store"_s, u"Bind this store (repeat)."_s, u"store"_s}}},
            createAgent),
        command({.name = u"agent list"_s,
                 .syntax = u"--tenant T"_s,
                 .summary = u"List a tenant's agents with their status: ok, warning or broken."_s,
                 .scope = Scope::Tenant},
                listAgents),
        command({.name = u"agent show"_s,
                 .syntax = u"--tenant T AGENT"_s,
                 .summary = u"Show an agent, its stores, options and problems."_s,
                 .positionals = {u"AGENT"_s},
                 .scope = Scope::Tenant},
                showAgent),
        command({.name = u"agent update"_s,
                 .syntax = u"--tenant T AGENT [--binding M] [--consumer C] [--description D] [--options JSON]"_s,
                 .summary = u"Change an agent's binding mode, consumer, description or options (editor)."_s,
                 .positionals = {u"AGENT"_s},
                 .scope = Scope::Tenant,
                 .options = editOptions()},
                updateAgent),
        command({.name = u"agent bind"_s,
                 .syntax = u"--tenant T AGENT STORE"_s,
                 .summary = u"Bind a store to an explicit agent (editor)."_s,
                 .positionals = {u"AGENT"_s, u"STORE"_s},
                 .scope = Scope::Tenant},
                bindAgent),
        command({.name = u"agent unbind"_s,
                 .syntax = u"--tenant T AGENT STORE"_s,
                 .summary = u"Unbind a store from an agent, even a deleted one (editor)."_s,
                 .positionals = {u"AGENT"_s, u"STORE"_s},
                 .scope = Scope::Tenant},
                unbindAgent),
        command({.name = u"agent delete"_s,
                 .syntax = u"--tenant T AGENT"_s,
                 .summary = u"Delete an agent and its bindings (admin)."_s,
                 .positionals = {u"AGENT"_s},
                 .scope = Scope::Tenant},
                deleteAgent),
        command({.name = u"agent tool"_s,
                 .syntax = u"--tenant T AGENT"_s,
                 .summary = u"Print the agent's file_search tool JSON for the Responses API; fails with one message "
                            u"per problem."_s,
                 .positionals = {u"AGENT"_s},
                 .scope = Scope::Tenant},
                agentTool),
        command({.name = u"agent search"_s,
                 .syntax = u"--tenant T AGENT QUERY"_s,
                 .summary = u"Search as the agent (its stores, options and filters): what the model would receive."_s,
                 .positionals = {u"AGENT"_s, u"QUERY"_s},
                 .scope = Scope::Tenant},
                agentSearch),
        command({.name = u"agent check"_s,
                 .syntax = u"[--tenant T]"_s,
                 .summary = u"Resolve every agent of a tenant (or of all tenants) and list their problems; exits 1 "
                            u"when any agent is broken."_s,
                 .options = {tenantOption()}},
                agentCheck),
    };
}

} // namespace vd::cli
