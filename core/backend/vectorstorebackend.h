#pragma once

#include "engine/search/searchrequest.h"
#include "service/serviceerror.h"
#include "service/types.h"

#include <QList>
#include <QString>

#include <functional>

namespace vd {

// Where a file's bytes wait between attach and ingestion.
struct StagedFile
{
    QString sha256;
    qint64 size = 0;
    bool wasNew = false; // false: the same bytes were already staged (discard must not remove them)
};

struct IngestOutcome
{
    qint64 usageBytes = 0; // what the file costs in the store (local: its chunks' text)
    qint64 chunkCount = 0;
    qint64 tokenCount = 0;
};

// What every backend does for a store (the embedded engine and OpenAI's hosted stores alike).
// Calls are synchronous and made from worker threads, never from the GUI thread; one backend
// object per thread. Metadata (the stores and files tables) belongs to VectorStoreService: a
// backend keeps content and the search index.
class VectorStoreBackend
{
public:
    virtual ~VectorStoreBackend() = default;

    virtual QString name() const = 0; // "local" or "openai"

    // Store lifecycle. createStore returns the backend's id for it (empty when it has none).
    virtual Result<QString> createStore(const Tenant &tenant, const VectorStore &store) = 0;
    // Removes everything the backend keeps for the store, for good (purge).
    virtual Result<void> purgeStore(const Tenant &tenant, const VectorStore &store) = 0;

    // Keeps a copy of the file's bytes until ingestion; the bytes are read in blocks.
    virtual Result<StagedFile> stageFile(const Tenant &tenant, const QString &path) = 0;
    // Drops a staged copy that no file record refers to (a refused attach).
    virtual Result<void> discardStaged(const Tenant &tenant, const StagedFile &staged) = 0;

    // Makes a staged file searchable: extract, chunk, index (or upload and attach remotely).
    // `cancelled` is polled between steps; returning a ServiceError with code invalid_file /
    // unsupported_file / server_error in its details marks the file failed.
    virtual Result<IngestOutcome> ingest(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                         const std::function<bool()> &cancelled) = 0;

    // Detach hides a file from search at once; restore shows it again.
    virtual Result<void> setFileVisible(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                        bool visible) = 0;
    virtual Result<void> setFileAttributes(const Tenant &tenant, const VectorStore &store, const StoreFile &file) = 0;
    // Removes the file's content for good; `lastReference` says no other file uses its bytes.
    virtual Result<void> purgeFile(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                   bool lastReference) = 0;

    // Searches stores of one tenant together; results merged before max_num_results applies.
    virtual Result<engine::SearchResponse> search(const Tenant &tenant, const QList<VectorStore> &stores,
                                                  const engine::SearchRequest &request) = 0;
};

} // namespace vd
