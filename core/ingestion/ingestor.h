#pragma once

#include "core/backend/vectorstorebackend.h"
#include "core/service/ingestionqueue.h"
#include "core/storage/databaseurl.h"

#include <QLoggingCategory>
#include <QMultiMap>
#include <QObject>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace vd {
class Database;
}

namespace vd::engine {

class LocalEngine;

Q_DECLARE_LOGGING_CATEGORY(lcIngest)

// Drives the ingestion queue: claims a waiting file (with up to ingestBatchLimit() - 1 more of its
// store, for a backend that attaches many at once), has its backend ingest them, records the
// outcome of each. A bad file ends as failed with OpenAI's error code and never stops the others.
// With the local engine the work of a file is split (LocalEngine::prepare, then write): while one
// file is written into its store's index on the drain's thread, up to prepareAhead() files
// claimed after it are read, tokenized and cut into chunks on a pool of as many threads as there
// are cores, in claim order, so two waiting files keep two cores busy. Writes stay on the one thread, in claim order,
// so each store's index has one writer here; a prepared file keeps its chunks in an unlinked spool file, so the files
// in hand cost memory only while they are being prepared (docs/architecture.md). Contention is not the file's fault:
// when another writer held the store's index (an error with details "contention"), the file goes back to the queue
// (IngestionQueue::retryLater) after a back-off that doubles from kContentionBackoffMs up to 30 s, and drain() waits
// for it; only a file that still finds the index busy on its kMaxIngestAttempts-th claim fails, with a message that
// says so.
class Ingestor
{
public:
    static constexpr int kMaxIngestAttempts = 8;
    static constexpr qint64 kContentionBackoffMs = 500;
    // Local files claimed ahead of the one being written, prepared in claim order, as many at a
    // time as the machine has cores. Deep enough that the preparing threads still have work while
    // the writer merges postings (a few hundred ms): a prepared file waits as spool files on disk,
    // so the depth costs claims, not memory. 200 MB: 2 ahead 18.0 s, 16 ahead 15.5-16.7 s,
    // 48 ahead 14.7 s (docs/benchmarks.md).
    static constexpr int kPrepareAhead = 48;

    struct Summary
    {
        int completed = 0;
        int failed = 0;
        int pending = 0; // remote backends: handed over, still processing remotely
        int requeued = 0; // put back after contention (each time; the file usually completes later)
        int preparedAhead = 0; // local files whose preparation started while an earlier one was in hand
        bool cancelled = false;
    };
    struct Observer
    {
        std::function<void(const StoreFile &)> started;
        std::function<void(const StoreFile &, const QString &error)> finished; // file.status: the outcome
        // The request id of the next file's ingestion (a sync pass: sync-run:<id>/<n>); empty: a new one.
        std::function<QString()> requestId;
    };

    Ingestor(Database &db, BackendFor backendFor, QString owner = IngestionQueue::defaultOwner());

    // How many local files may be prepared ahead of the one being written: kPrepareAhead unless
    // set; 0 ingests one file at a time on the calling thread (the sequential reference).
    void setPrepareAhead(int files) { m_prepareAhead = std::max(0, files); }
    int prepareAhead() const { return m_prepareAhead; }

    // Works until nothing waits (in the given tenant/store, if any) or `cancelled` turns true.
    Result<Summary> drain(const std::function<bool()> &cancelled, const Observer &observer = {},
                          std::optional<qint64> tenantId = {}, std::optional<qint64> storeId = {});

private:
    Result<void> drainBackend(VectorStoreBackend *backend, const std::function<bool()> &cancelled,
                              const Observer &observer, std::optional<qint64> tenantId, std::optional<qint64> storeId,
                              Summary &summary);
    Result<void> drainPipelined(LocalEngine *engine, const std::function<bool()> &cancelled, const Observer &observer,
                                std::optional<qint64> tenantId, std::optional<qint64> storeId, Summary &summary);
    // Records a file's outcome: completed, failed, back to the queue after contention (noted in
    // `retries`), or given back when it was cancelled (summary.cancelled).
    Result<void> record(VectorStoreBackend *backend, const IngestionQueue::Job &job,
                        const Result<IngestOutcome> &outcome, const QString &requestId, double seconds,
                        const Observer &observer, Summary &summary, QMultiMap<qint64, qint64> &retries);
    void renewClaims(const QList<IngestionQueue::Job> &jobs);
    // Waits for the earliest file put back after contention; false when cancelled meanwhile.
    static bool waitForRetry(QMultiMap<qint64, qint64> &retries, const std::function<bool()> &cancelled);

    Database &m_db;
    BackendFor m_backendFor;
    IngestionQueue m_queue;
    int m_prepareAhead = kPrepareAhead;
};

// Ingestion on its own thread: move it to a QThread, call drain() through a queued connection,
// read the outcome from its signals. It opens its own database connection in that thread.
class IngestionWorker : public QObject
{
    Q_OBJECT

public:
    IngestionWorker(DatabaseUrl url, QString engineRoot, QObject *parent = nullptr);
    ~IngestionWorker() override;

    // Thread-safe: asks a running drain to stop after the current file.
    void cancel() { m_cancelled = true; }

public slots:
    void drain(qint64 tenantId = 0, qint64 storeId = 0);

signals:
    void fileStarted(qint64 fileId, const QString &filename);
    void fileFinished(qint64 fileId, const QString &filename, vd::FileStatus status, const QString &error);
    void drained(int completed, int failed, bool cancelled);
    void failed(const QString &message);

private:
    DatabaseUrl m_url;
    QString m_engineRoot;
    std::atomic<bool> m_cancelled = false;
};

} // namespace vd::engine
