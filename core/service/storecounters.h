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

// What a file row holds that its store's counters depend on, read inside the transaction that
// changes it: PostgreSQL locks the row until commit, SQLite's write transaction already excludes
// every other writer. A change adjusts the counters from this, never from a copy read earlier,
// which another process may have changed meanwhile (an ingestion finishing, a second detach).
struct FileRowState
{
    FileStatus status = FileStatus::InProgress;
    qint64 usageBytes = 0;
    qint64 sizeBytes = 0;
    bool live = true; // not detached
};
Result<FileRowState> lockFileRow(Database &db, qint64 fileId, const QString &doing);

// Sets every counter of the store from its live files (after many files changed at once).
std::optional<ServiceError> recountStoreCounters(Database &db, qint64 storeId, const QString &doing);

} // namespace vd
