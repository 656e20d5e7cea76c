#pragma once

#include "core/domain/drafts.h"
#include "core/domain/searchrequest.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

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
    // Remote backends: the file was handed over (uploaded and attached) but the remote side is
    // still processing it. The file stays in_progress, released from the ingestion queue, and
    // the sync worker's refresh() brings its final status back.
    bool remotePending = false;
    QString remoteFileId; // the backend's id for the file, when it has one
};

// What a remote backend reports about one of a store's files (refresh()).
struct RemoteFileState
{
    qint64 fileId = 0; // StoreFile::id
    bool missing = false; // deleted remotely, outside VectorDesk
    QString status; // in_progress | completed | cancelled | failed
    QString lastErrorCode; // server_error | unsupported_file | invalid_file (failed only)
    QString lastErrorMessage;
    qint64 usageBytes = 0;
};

// What a remote backend reports about a store (refresh()).
struct RemoteStoreState
{
    bool missing = false; // deleted remotely, outside VectorDesk; nothing below is set
    QString status; // in_progress | completed | expired
    qint64 usageBytes = 0;
    FileCounts fileCounts;
    std::optional<qint64> expiresAt; // unix milliseconds
    std::optional<qint64> lastActiveAt; // unix milliseconds
    QList<RemoteFileState> files; // one per file passed to refresh()
};

// The machine that holds a store's content, seen from a process that does not (a team on one
// database, docs/teams.md). A change to that store goes to the holder whole, through its API, and
// the holder writes it to the shared database with its own checks; this process then reads the
// outcome from there. Every call fails with a message naming the holder when it cannot be reached.
class StoreHolderLink
{
public:
    virtual ~StoreHolderLink() = default;
    // Whether the holder can be asked now (its address is known and this machine has a token of
    // the tenant), before anything is written here; `action`: "Detaching a file from".
    virtual Result<void> reachable(const Tenant &tenant, const VectorStore &store, const QString &action) = 0;
    // Sends the file's bytes (draft.sourcePath) and attaches them with the draft's attributes and
    // chunking; answers the file's public id (file-...).
    virtual Result<QString> attach(const Tenant &tenant, const VectorStore &store, const FileDraft &draft) = 0;
    virtual Result<void> setAttributes(const Tenant &tenant, const VectorStore &store, const QString &fileApiId,
                                       const QJsonObject &attributes) = 0;
    virtual Result<void> detach(const Tenant &tenant, const VectorStore &store, const QString &fileApiId) = 0;
    virtual Result<void> restore(const Tenant &tenant, const VectorStore &store, const QString &fileApiId) = 0;
    // `count` chunks of the file from ordinal `first` (-1: all), as the holder indexed them.
    virtual Result<QList<Chunk>> chunks(const Tenant &tenant, const VectorStore &store, const QString &fileApiId,
                                        int first, int count) = 0;
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
    // Backends whose stores' content lives on one machine (the local engine): the id recorded as
    // vector_stores.engine_holder for the stores held here. Empty for the others.
    virtual QString holderId() const { return {}; }
    // The machine to send changes of `store` to when this process does not hold its content
    // (nullptr: it does, or the backend has no holders).
    virtual StoreHolderLink *holderElsewhere(const VectorStore &store)
    {
        Q_UNUSED(store);
        return nullptr;
    }
    // Whether this process may change `store`'s content itself: nullopt, or why not. The local
    // engine refuses a store whose index another machine holds, naming it (docs/teams.md); front
    // ends that can, send the change to holderElsewhere() instead. Asked before anything is written.
    virtual std::optional<ServiceError> changeRefused(const Tenant &tenant, const VectorStore &store,
                                                      const QString &action) const
    {
        Q_UNUSED(tenant);
        Q_UNUSED(store);
        Q_UNUSED(action);
        return std::nullopt;
    }

    // Store lifecycle. createStore returns the backend's id for it (empty when it has none).
    virtual Result<QString> createStore(const Tenant &tenant, const VectorStore &store) = 0;
    // Removes everything the backend keeps for the store, for good (purge).
    virtual Result<void> purgeStore(const Tenant &tenant, const VectorStore &store) = 0;

    // Keeps a copy of the file's bytes until ingestion; the bytes are read in blocks.
    virtual Result<StagedFile> stageFile(const Tenant &tenant, const QString &path) = 0;
    // Drops a staged copy that no file record refers to (a refused attach, a purge; the caller
    // decides that under the content lock, core/service/lifecycle.h).
    virtual Result<void> discardStaged(const Tenant &tenant, const StagedFile &staged) = 0;
    // Whether the bytes `sha256` are still staged: an attach asks under the content lock, since a
    // purge may have removed them after stageFile().
    virtual bool isStaged(const QString &sha256) const = 0;

    // Makes a staged file searchable: extract, chunk, index (or upload and attach remotely).
    // `cancelled` is polled between steps; returning a ServiceError with code invalid_file /
    // unsupported_file / server_error in its details marks the file failed.
    virtual Result<IngestOutcome> ingest(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                         const std::function<bool()> &cancelled) = 0;

    // How many waiting files of one store ingestBatch() takes at once (1: one at a time).
    virtual int ingestBatchLimit() const { return 1; }
    // Ingests several waiting files of one store (at most ingestBatchLimit()): one outcome per file,
    // in the order given, each what ingest() would return for that file (a failure is that file's
    // only). Backends whose API attaches many files in one request (OpenAI's file batches) override
    // it; by default each file is ingested in turn, and once `cancelled` turns true the files not
    // started yet are given back with ingest()'s cancellation.
    virtual QList<Result<IngestOutcome>> ingestBatch(const Tenant &tenant, const VectorStore &store,
                                                     const QList<StoreFile> &files,
                                                     const std::function<bool()> &cancelled)
    {
        QList<Result<IngestOutcome>> outcomes;
        for (const StoreFile &file : files) {
            if (!outcomes.isEmpty() && cancelled && cancelled())
                outcomes << cancelledIngestion(file);
            else
                outcomes << ingest(tenant, store, file, cancelled);
        }
        return outcomes;
    }
    // The error ingest() returns when `cancelled` stopped it: the file goes back to the queue.
    static ServiceError cancelledIngestion(const StoreFile &file)
    {
        return ServiceError(
            ServiceError::Kind::Conflict,
            QStringLiteral("Ingestion of %1 was cancelled; it is picked up again on the next run.").arg(file.filename),
            QJsonObject{{QStringLiteral("cancelled"), true}});
    }

    // Detach hides a file from search at once; restore shows it again.
    virtual Result<void> setFileVisible(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                        bool visible) = 0;
    virtual Result<void> setFileAttributes(const Tenant &tenant, const VectorStore &store, const StoreFile &file) = 0;
    // Removes the file's content for good; `lastReference` says no other file uses its bytes.
    virtual Result<void> purgeFile(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                   bool lastReference) = 0;

    // Searches stores of one tenant together; results merged before max_num_results applies.
    virtual Result<SearchResponse> search(const Tenant &tenant, const QList<VectorStore> &stores,
                                          const SearchRequest &request) = 0;

    // The chunks of a file as indexed: `count` of them from ordinal `first` (-1: all). Backends
    // that do not expose chunks (OpenAI returns only matching text) say so with an error.
    virtual Result<QList<Chunk>> chunks(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                        int first, int count) = 0;
    // Whether this tenant can use the backend now, and where: OpenAI makes one list call with the
    // tenant's key and answers the base URL it works with; the local engine answers its folder.
    virtual Result<QString> checkConnection(const Tenant &tenant) = 0;
    // True when the store's truth lives elsewhere (OpenAI) and the sync worker must refresh it.
    virtual bool isRemote() const { return false; }
    // Remote backends: the store's remote state plus that of the given files (typically those
    // still in_progress). The local engine is its own truth and has nothing to refresh.
    virtual Result<RemoteStoreState> refresh(const Tenant &tenant, const VectorStore &store,
                                             const QList<StoreFile> &files)
    {
        Q_UNUSED(tenant);
        Q_UNUSED(files);
        return ServiceError::invalid(QStringLiteral("Store '%1' uses the %2 backend, which keeps its own state; "
                                                    "there is nothing to refresh.")
                                         .arg(store.name, name()));
    }
};

// The backend that holds a kind of store (the session's Backends answer it; nullptr: this process
// has no connection for that kind).
using BackendFor = std::function<VectorStoreBackend *(BackendKind kind)>;

} // namespace vd
