#include "cli/commands.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/domain/units.h"
#include "core/service/vectorstoreservice.h"

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

int listPlans(Context &c, const Invocation &)
{
    return reportList(c, c.service().plans(), {u"PLAN"_s, u"STORES"_s, u"FILES/STORE"_s, u"MAX FILE"_s, u"STORAGE"_s},
                      [](const Plan &plan) {
                          return QStringList{plan.name, QString::number(plan.limits.maxStores),
                                             QString::number(plan.limits.maxFilesPerStore),
                                             formatBytes(plan.limits.maxFileBytes),
                                             formatBytes(plan.limits.maxTotalBytes)};
                      });
}

} // namespace

QList<std::shared_ptr<Command>> planCommands()
{
    return {command({.name = u"plan list"_s, .summary = u"List the plans and their limits."_s}, listPlans)};
}

} // namespace vd::cli
