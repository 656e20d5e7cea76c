#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/service/vectorstoreservice.h"

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

int addMember(Context &c, const Invocation &in)
{
    const auto role = roleFromName(in.value(u"role"_s));
    if (!role)
        return c.usage(u"--role must be viewer, editor, admin or owner."_s);
    auto result = c.service().addMember(in.tenant, in.args[0], *role);
    if (!result)
        return c.fail(result.error());
    return printOutcome(c, result->toJson(),
                        u"%1 is now %2 of %3.\n"_s.arg(result->operatorName, roleName(result->role), in.tenant));
}

int listMembers(Context &c, const Invocation &in)
{
    return reportList(c, c.service().listMembers(in.tenant), {u"OPERATOR"_s, u"ROLE"_s, u"SINCE"_s},
                      [](const Membership &m) {
                          return QStringList{m.operatorName, roleName(m.role), formatTime(m.createdAt)};
                      });
}

int removeMember(Context &c, const Invocation &in)
{
    auto result = c.service().removeMember(in.tenant, in.args[0]);
    if (!result)
        return c.fail(result.error());
    return printOutcome(c, QJsonObject{{u"operator"_s, in.args[0]}, {u"removed"_s, true}},
                        u"%1 is no longer a member of %2.\n"_s.arg(in.args[0], in.tenant));
}

} // namespace

QList<std::shared_ptr<Command>> memberCommands()
{
    return {
        command({.name = u"member add"_s,
                 .syntax = u"--tenant T OPERATOR --role viewer|editor|admin|owner"_s,
                 .summary = u"Give an operator a role in a tenant, or change it (owner)."_s,
                 .positionals = {u"OPERATOR"_s},
                 .scope = Scope::Tenant,
                 .options = {{u"role"_s, u"viewer, editor, admin or owner."_s, u"role"_s}}},
                addMember),
        command({.name = u"member list"_s,
                 .syntax = u"--tenant T"_s,
                 .summary = u"List a tenant's members and their roles."_s,
                 .scope = Scope::Tenant},
                listMembers),
        command({.name = u"member remove"_s,
                 .syntax = u"--tenant T OPERATOR"_s,
                 .summary = u"Remove an operator from a tenant (owner)."_s,
                 .positionals = {u"OPERATOR"_s},
                 .scope = Scope::Tenant},
                removeMember),
    };
}

} // namespace vd::cli
