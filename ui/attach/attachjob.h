#pragma once

#include "core/storage/databaseurl.h"
#include "ui/attach/attachplan.h"

#include <QList>
#include <QObject>

#include <atomic>
#include <optional>

namespace vd::ui {

// Attaches the ready files of a plan, one VectorStoreService::attachPath per file, on the
// thread it was moved to (it opens its own Database and backends there). Results reach the
// GUI in batches (at most every 100 ms), so thousands of files cost a few dozen model updates.
class AttachJob : public QObject
{
    Q_OBJECT

public:
    struct Update
    {
        int row = 0;
        AttachItem::State state = AttachItem::State::Ready;
        QString reason;
        qint64 fileId = 0;
        std::optional<FileStatus> fileStatus;
    };

    AttachJob(DatabaseUrl url, QString operatorName, QObject *parent = nullptr);

    // Thread-safe: stops after the file being attached; the rest are reported as skipped.
    void cancel() { m_cancelled = true; }

    // rows: the plan rows to attach, with their paths; chunking unset: the store's. Call through a
    // queued connection.
    void run(qint64 tenantId, qint64 storeId, const QList<int> &rows, const QStringList &paths,
             const std::optional<ChunkingStrategy> &chunking, const QJsonObject &attributes = {});

Q_SIGNALS:
    void progressed(const QList<vd::ui::AttachJob::Update> &updates);
    void finished(int attached, int failed, int skipped);

private:
    DatabaseUrl m_url;
    QString m_operatorName;
    std::atomic<bool> m_cancelled = false;
};

} // namespace vd::ui
