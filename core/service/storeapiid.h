#pragma once

#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QString>

namespace vd {

class Database;

// A store's public "vs_…" id (migrations/0009_api_objects.sql), given on first use: `preferred`
// when it has the shape, else a random one. Two processes may race; both read back the one the
// row kept. VectorStoreService::storeApiId and the holder client (which names a store to the
// machine holding it) share it.
Result<QString> ensureStoreApiId(Database &db, const VectorStore &store, const QString &preferred = {});

} // namespace vd
