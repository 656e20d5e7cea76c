#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/service/vectorstoreservice.h"

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

int showAudit(Context &c, const Invocation &in)
{
    int limit = 50;
    if (const int code = readWholeNumber(c, in.parser, u"limit"_s, 1, 10000, &limit); code != Ok)
        return code;
    return reportList(
        c, c.service().auditLog(in.tenant, limit), {u"TIME"_s, u"OPERATOR"_s, u"ACTION"_s, u"TARGET"_s, u"DETAIL"_s},
        [](const AuditEntry &e) {
            return QStringList{formatTime(e.at), e.operatorName, e.action, e.target, compactJson(e.detail)};
        });
}

} // namespace

QList<std::shared_ptr<Command>> auditCommands()
{
    return {command({.name = u"audit"_s,
                     .syntax = u"--tenant T [--limit N]"_s,
                     .summary = u"Show a tenant's audit trail, newest first (admin)."_s,
                     .scope = Scope::Tenant,
                     .options = {{u"limit"_s, u"At most this many entries (default 50)."_s, u"n"_s}}},
                    showAudit)};
}

} // namespace vd::cli
