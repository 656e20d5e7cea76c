#pragma once

#include "cli/cli.h"

namespace vd::cli {

// `vectordesk --sync [--once | --watch SECONDS] [--dry-run] [--json] [--tenant T] [--wait]`
// (docs/sync.md): one sync pass, or one every SECONDS, under the sync lease.
QList<std::shared_ptr<Command>> syncCommands();

} // namespace vd::cli
