#pragma once

#include "cli/cli.h"

namespace vd::cli {

// The OpenAI commands: key set/clear/test, tenant openai (base URL, organization, project),
// store import.
QList<std::shared_ptr<Command>> openaiCommands();

} // namespace vd::cli
