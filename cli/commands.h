#pragma once

#include "cli/cli.h"

namespace vd::cli {

// Builds the list returned by commands(): tenants, stores, files, members, plans, audit, migrate.
QList<std::shared_ptr<Command>> makeCommands();

} // namespace vd::cli
