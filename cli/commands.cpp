#include "cli/commands.h"

namespace vd::cli {

QList<std::shared_ptr<Command>> makeCommands()
{
    return initCommands() + tenantCommands() + storeCommands() + fileCommands() + searchCommands() + memberCommands()
        + tokenCommands() + agentCommands() + planCommands() + auditCommands() + migrateCommands() + syncCommands()
        + openaiCommands() + metricsCommands();
}

const QList<std::shared_ptr<Command>> &commands()
{
    static const QList<std::shared_ptr<Command>> all = makeCommands();
    return all;
}

} // namespace vd::cli
