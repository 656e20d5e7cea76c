#pragma once

#include "core/domain/serviceerror.h"
#include "core/domain/status.h"

#include <QString>

#include <optional>

namespace vd {

class Database;

// A store keeps counters of its live files: how many per status, the usage of their content
// and the sum of their sizes (quotas read these instead of scanning files). Every change of a
// file's state adjusts them in the same transaction, so they stay exact.
//
// Adds `files` to the count of `status` and the given byte deltas.
std::optional<ServiceError> adjustStoreCounters(Database &db, qint64 storeId, FileStatus status, int files,
                                                qint64 usageBytes, qint64 sizeBytes);

// Sets every counter of the store from its live files (after many files changed at once).
std::optional<ServiceError> recountStoreCounters(Database &db, qint64 storeId, const QString &doing);

} // namespace vd
