#pragma once

#include "core/backend/vectorstorebackend.h"
#include "core/service/ingestionqueue.h"
#include "core/storage/databaseurl.h"

#include <QLoggingCategory>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace vd {
class Database;
}

namespace vd::engine {

Q_DECLARE_LOGGING_CATEGORY(lcIngest)

// Drives the ingestion queue: claims a waiting file (with up to ingestBatchLimit() - 1 more of its
// store, for a backend that attaches many at once), has its backend ingest them, records the
// outcome of each. A bad file ends as failed with OpenAI's error code and never stops the others.
// Contention is not the file's fault: when another writer held the store's index (an error with
// details "contention"), the file goes back to the queue (IngestionQueue::retryLater) after a
// back-off that doubles from kContentionBackoffMs up to 30 s, and drain() waits for it; only a
// file that still finds the index busy on its kMaxIngestAttempts-th claim fails, with a message
// that says so.
class Ingestor
{
public:
    static constexpr int kMaxIngestAttempts = 8;
    static constexpr qint64 kContentionBackoffMs = 500;

    struct Summary
    {
        int completed = 0;
        int failed = 0;
        int pending = 0; // remote backends: handed over, still processing remotely
        int requeued = 0; // put back after contention (each time; the file usually completes later)
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

    // Works until nothing waits (in the given tenant/store, if any) or `cancelled` turns true.
    Result<Summary> drain(const std::function<bool()> &cancelled, const Observer &observer = {},
                          std::optional<qint64> tenantId = {}, std::optional<qint64> storeId = {});

private:
    Result<void> drainBackend(VectorStoreBackend *backend, const std::function<bool()> &cancelled,
                              const Observer &observer, std::optional<qint64> tenantId, std::optional<qint64> storeId,
                              Summary &summary);

    Database &m_db;
    BackendFor m_backendFor;
    IngestionQueue m_queue;
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
