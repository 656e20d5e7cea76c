#include "ui/attach/attachjob.h"

#include "core/logging/logging.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace vd::ui {

AttachJob::AttachJob(DatabaseUrl url, QString operatorName, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_operatorName(std::move(operatorName))
{ }

void AttachJob::run(qint64 tenantId, qint64 storeId, const QList<int> &rows, const QStringList &paths,
                    const std::optional<ChunkingStrategy> &chunking, const QJsonObject &attributes)
{
    QList<Update> pending;
    int attached = 0;
    int failed = 0;
    int skipped = 0;
    const logging::ContextScope logContext;
    auto session = CoreSession::open(m_url, m_operatorName);
    if (!session) {
        for (int row : rows)
            pending.append({row,
                            AttachItem::State::Failed,
                            tr("The database did not open: %1").arg(session.error().message()),
                            0,
                            {}});
        Q_EMIT progressed(pending);
        Q_EMIT finished(0, int(rows.size()), 0);
        return;
    }
    VectorStoreService &service = session.value()->service();

    const QString tenantRef = QString::number(tenantId);
    const QString storeRef = QString::number(storeId);
    QElapsedTimer sinceFlush;
    sinceFlush.start();
    auto flush = [&] {
        if (pending.isEmpty())
            return;
        Q_EMIT progressed(pending);
        pending.clear();
        sinceFlush.restart();
    };
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const int row = rows.at(i);
        if (m_cancelled) {
            pending.append({row, AttachItem::State::Skipped, tr("Cancelled before its turn."), 0, {}});
            ++skipped;
            continue;
        }
        // The row being worked on shows as such when the batch before it goes out.
        if (sinceFlush.elapsed() >= 100) {
            pending.append({row, AttachItem::State::Attaching, {}, 0, {}});
            flush();
        }
        auto file = service.attachPath(tenantRef, storeRef, paths.at(i), attributes, chunking);
        if (file) {
            ++attached;
            pending.append({row, AttachItem::State::Attached, {}, file->id, file->status});
        } else {
            ++failed;
            pending.append({row, AttachItem::State::Failed, file.error().message(), 0, {}});
        }
        if (sinceFlush.elapsed() >= 100)
            flush();
    }
    flush();
    Q_EMIT finished(attached, failed, skipped);
}

} // namespace vd::ui
