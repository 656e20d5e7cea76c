#pragma once

#include "core/domain/status.h"
#include "core/storage/databaseurl.h"

#include <QObject>
#include <QSet>
#include <QThread>

namespace vd::engine {
class IngestionWorker;
}

namespace vd::ui {

// The ingestion worker on its own thread, for the window's lifetime: it indexes local files and
// uploads and attaches OpenAI ones. drain() asks it to work through what waits in a store;
// requests made while it works are queued and run next, once each.
class IngestionRunner : public QObject
{
    Q_OBJECT

public:
    explicit IngestionRunner(const DatabaseUrl &url, QObject *parent = nullptr);
    ~IngestionRunner() override;

    void drain(qint64 tenantId, qint64 storeId);
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    void fileStarted(qint64 fileId, const QString &filename);
    void fileFinished(qint64 fileId, const QString &filename, vd::FileStatus status, const QString &error);
    // Nothing waits any more in the stores asked for.
    void idle(int completed, int failed);
    void failed(const QString &message);

private:
    void startNext();

    QThread m_thread;
    engine::IngestionWorker *m_worker = nullptr;
    QList<QPair<qint64, qint64>> m_queue;
    bool m_busy = false;
    int m_completed = 0;
    int m_failed = 0;
};

} // namespace vd::ui
