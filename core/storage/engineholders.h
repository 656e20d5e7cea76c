#pragma once

#include "core/domain/serviceerror.h"

#include <QString>

#include <optional>

namespace vd {

class Database;

// One row of engine_holders (migrations/0011_engine_holders.sql, docs/teams.md): the engine
// folder that holds local stores' indexes, on which machine, and where it serves them.
struct EngineHolder
{
    QString id;
    QString host;
    QString folder;
    QString apiUrl; // empty: it does not serve
    qint64 seenAt = 0; // unix milliseconds
};

// The holder recorded under `id`; nullopt when there is no such row.
Result<std::optional<EngineHolder>> readEngineHolder(Database &db, const QString &id);

} // namespace vd
