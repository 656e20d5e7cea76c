#pragma once

#include "core/backend/vectorstorebackend.h"
#include "core/engine/extract/extractor.h"
#include "core/engine/index/localindex.h"
#include "core/engine/spool.h"
#include "core/storage/blobstore.h"

#include <QLoggingCategory>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace vd {
struct DatabaseUrl;
}

namespace vd::engine {

Q_DECLARE_LOGGING_CATEGORY(lcEngine)

// Local stores whose index another engine holds (a team on one database, docs/teams.md): what an
// engine does for them instead of opening, and so creating, an empty index of its own. Backends
// gives each engine one that reaches the holder through its API (core/session/holderclient.h).
class HeldElsewhere : public StoreHolderLink
{
public:
    // Through the holder's API, or an error naming the holder and what to do.
    virtual Result<SearchResponse> search(const Tenant &tenant, const QList<VectorStore> &stores,
                                          const SearchRequest &request) = 0;
    // Why `action` ("Attaching files to") cannot be done on this machine: names the holder and
    // where to do it instead.
    virtual ServiceError refusal(const Tenant &tenant, const VectorStore &store, const QString &action) = 0;
};

// A file read, tokenized and cut into chunks, its words made into postings, not yet in its
// store's index (LocalEngine::prepare): the chunks and the segments of postings (chunk ids are
// ordinals until written) wait in spools: in memory while they are small and the process's spools
// hold little (Spool::kMemoryLimit, kProcessMemoryLimit), else in unlinked files on disk, so
// prepared files waiting hold no more than that in memory.
struct PreparedFile
{
    std::unique_ptr<Spool> chunks; // positioned at its start
    std::unique_ptr<Spool> postings; // EncodedSegment after EncodedSegment
    int chunkCount = 0;
    int segmentCount = 0;
    qint64 textBytes = 0; // extracted text
    QString title; // the document's own title (LocalIndex::setDocumentTitle)
};

// The embedded engine: the default backend, fully offline, with OpenAI's semantics.
//   <root>/blobs/ab/cd/<sha256>                 attached files, content-addressed
//   <root>/tenants/<tenant id>/<store id>.index the store's index (LocalIndex)
//   <root>/spool/                               extracted text, chunks and postings of a file being
//                                               ingested, when too large for memory (Spool; unlinked
//                                               at once: the index is written only after extraction)
// One object per thread (each LocalIndex holds a connection of that thread).
class LocalEngine final : public VectorStoreBackend
{
public:
    explicit LocalEngine(QString root);

    // The engine folder beside the metadata database: <dir>/<name>.engine for a SQLite file,
    // $XDG_DATA_HOME/VectorDesk/vectordesk/engine/<host>-<port>-<db> for PostgreSQL;
    // VECTORDESK_ENGINE_DIR overrides both.
    static QString rootFor(const DatabaseUrl &url);

    const QString &root() const { return m_root; }
    // This engine folder's id (its engine-id file, made on first use): what vector_stores.engine_holder
    // records for the stores whose index lives here.
    Result<QString> engineId() const;
    // Whether `store`'s index lives in this engine: recorded so, or not recorded (a store made
    // before holders were recorded) and its index file is here.
    bool holds(const VectorStore &store) const;
    void setHeldElsewhere(HeldElsewhere *elsewhere) { m_elsewhere = elsewhere; }
    QString indexPath(qint64 tenantId, qint64 storeId) const;
    const BlobStore &blobs() const { return m_blobs; }
    // Bounds on reading each file (the time limit); the defaults unless a test narrows them.
    void setExtractionLimits(const ExtractionLimits &limits) { m_extractionLimits = limits; }

    QString name() const override { return QStringLiteral("local"); }
    QString holderId() const override
    {
        auto id = engineId();
        return id ? id.value() : QString();
    }
    StoreHolderLink *holderElsewhere(const VectorStore &store) override
    {
        return store.engineHolder.isEmpty() || holds(store) ? nullptr : m_elsewhere;
    }
    std::optional<ServiceError> changeRefused(const Tenant &tenant, const VectorStore &store,
                                              const QString &action) const override
    {
        if (holds(store) || store.engineHolder.isEmpty())
            return std::nullopt;
        return notHeld(tenant, store, action);
    }
    Result<QString> createStore(const Tenant &tenant, const VectorStore &store) override;
    Result<void> purgeStore(const Tenant &tenant, const VectorStore &store) override;
    Result<StagedFile> stageFile(const Tenant &tenant, const QString &path) override;
    Result<void> discardStaged(const Tenant &tenant, const StagedFile &staged) override;
    bool isStaged(const QString &sha256) const override { return m_blobs.contains(sha256); }
    Result<IngestOutcome> ingest(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                 const std::function<bool()> &cancelled) override;
    // ingest() in its two parts, for a pipeline that prepares the next files while one is written
    // (Ingestor). prepare: extraction, tokenizing and cutting windows, into spools; touches
    // no index and nothing of this object that changes, so it may run on any thread, several at
    // once. write: the file's one index transaction, on this engine's thread; `between` (if any)
    // is called every few hundred chunks (to renew queue claims during a long write).
    Result<PreparedFile> prepare(const StoreFile &file, const std::function<bool()> &cancelled) const;
    Result<IngestOutcome> write(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                PreparedFile &prepared, const std::function<void()> &between = {});
    // Why this engine may not ingest into `store` (its index is held elsewhere): the error ingest()
    // returns, marked cancelled so the file goes back to the queue for its holder.
    std::optional<ServiceError> refuseIngest(const Tenant &tenant, const VectorStore &store) const;
    Result<void> setFileVisible(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                bool visible) override;
    Result<void> setFileAttributes(const Tenant &tenant, const VectorStore &store, const StoreFile &file) override;
    Result<void> purgeFile(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                           bool lastReference) override;
    Result<SearchResponse> search(const Tenant &tenant, const QList<VectorStore> &stores,
                                  const SearchRequest &request) override;

    Result<QList<Chunk>> chunks(const Tenant &tenant, const VectorStore &store, const StoreFile &file, int first,
                                int count) override;
    // The engine's folder exists (or can be made) and can be written to; answers its path.
    Result<QString> checkConnection(const Tenant &tenant) override;

private:
    // The store's index, opened once per engine object (that is, per thread) and kept open.
    Result<LocalIndex *> index(qint64 tenantId, qint64 storeId);
    // The refusal for a store this engine does not hold.
    ServiceError notHeld(const Tenant &tenant, const VectorStore &store, const QString &action) const;

    QString m_root;
    BlobStore m_blobs;
    ExtractionLimits m_extractionLimits;
    std::map<std::pair<qint64, qint64>, std::unique_ptr<LocalIndex>> m_indexes;
    mutable QString m_engineId;
    HeldElsewhere *m_elsewhere = nullptr;
};

// Groups chunk candidates into one result per file (score: its best chunk; content: its best
// chunks, up to three), applies the threshold and keeps the best `max` files. With ranker
// "none" every chunk is its own result, in bm25 order.
QList<SearchHit> rollUp(QList<std::pair<qint64, LocalIndex::Candidate>> candidates, const SearchRequest &request);

} // namespace vd::engine
