#include "ui/data/ingestionrunner.h"

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"

using namespace Qt::StringLiterals;

namespace vd::ui {

IngestionRunner::IngestionRunner(const DatabaseUrl &url, QObject *parent)
    : QObject(parent)
    , m_worker(new engine::IngestionWorker(url, engine::LocalEngine::rootFor(url)))
{
    m_thread.setObjectName(u"vectordesk-ui-ingestion"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &engine::IngestionWorker::fileStarted, this, &IngestionRunner::fileStarted);
    connect(m_worker, &engine::IngestionWorker::fileFinished, this,
            [this](qint64 fileId, const QString &filename, FileStatus status, const QString &error) {
                if (status == FileStatus::Completed)
                    ++m_completed;
                else
                    ++m_failed;
                Q_EMIT fileFinished(fileId, filename, status, error);
            });
    connect(m_worker, &engine::IngestionWorker::drained, this, [this] {
        m_busy = false;
        startNext();
    });
    connect(m_worker, &engine::IngestionWorker::failed, this, [this](const QString &message) {
        m_busy = false;
        Q_EMIT failed(message);
        startNext();
    });
    m_thread.start();
}

IngestionRunner::~IngestionRunner()
{
    m_worker->cancel();
    m_thread.quit();
    m_thread.wait();
}

void IngestionRunner::drain(qint64 tenantId, qint64 storeId)
{
    const QPair<qint64, qint64> request(tenantId, storeId);
    if (!m_queue.contains(request))
        m_queue.append(request);
    if (!m_busy)
        startNext();
}

void IngestionRunner::startNext()
{
    if (m_queue.isEmpty()) {
        const int completed = std::exchange(m_completed, 0);
        const int failedCount = std::exchange(m_failed, 0);
        Q_EMIT idle(completed, failedCount);
        return;
    }
    const auto [tenantId, storeId] = m_queue.takeFirst();
    m_busy = true;
    engine::IngestionWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker, tenantId, storeId] { worker->drain(tenantId, storeId); }, Qt::QueuedConnection);
}

} // namespace vd::ui
