#pragma once

#include "cli/cli.h"

// The command groups, one file each (cli/<group>commands.cpp); commands() lists them in help order.
namespace vd::cli {

QList<std::shared_ptr<Command>> initCommands(); // init (the first tenant and store)
QList<std::shared_ptr<Command>> tenantCommands(); // tenant create, list, show, update, set-plan, delete, quota
QList<std::shared_ptr<Command>> storeCommands(); // store create, list, show, update, delete, restore, ...
QList<std::shared_ptr<Command>> fileCommands(); // file attach, list, show, set-attributes, ..., wait, chunks
QList<std::shared_ptr<Command>> searchCommands(); // search
QList<std::shared_ptr<Command>> memberCommands(); // member add, list, remove
QList<std::shared_ptr<Command>> tokenCommands(); // token create, list, revoke (API tokens)
QList<std::shared_ptr<Command>> agentCommands(); // agent create, list, ..., tool, search, check (docs/agents.md)
QList<std::shared_ptr<Command>> planCommands(); // plan list
QList<std::shared_ptr<Command>> auditCommands(); // audit
QList<std::shared_ptr<Command>> migrateCommands(); // migrate
// `vectordesk --sync [--once | --watch SECONDS] [--dry-run] [--json] [--tenant T] [--wait]`
// (docs/sync.md): one sync pass, or one every SECONDS, under the sync lease.
QList<std::shared_ptr<Command>> syncCommands();
QList<std::shared_ptr<Command>> metricsCommands(); // metrics
// key set/clear/test, tenant openai (base URL, organization, project), store import.
QList<std::shared_ptr<Command>> openaiCommands();

// Builds the list returned by commands().
QList<std::shared_ptr<Command>> makeCommands();

} // namespace vd::cli
