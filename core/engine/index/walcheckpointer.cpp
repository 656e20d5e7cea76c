#include "core/engine/index/walcheckpointer.h"

#include <QLoggingCategory>

#include <sqlite3.h>

namespace vd::engine {

Q_LOGGING_CATEGORY(lcCheckpoint, "vectordesk.engine.checkpoint", QtInfoMsg)

WalCheckpointer::WalCheckpointer(const QString &path, sqlite3 *writer)
    : m_writer(writer)
    , m_thread(&WalCheckpointer::run, this, path.toUtf8())
{
    sqlite3_wal_hook(m_writer, &WalCheckpointer::committed, this);
}

WalCheckpointer::~WalCheckpointer()
{
    sqlite3_wal_hook(m_writer, nullptr, nullptr);
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

int WalCheckpointer::checkpoints() const
{
    const std::lock_guard lock(m_mutex);
    return m_checkpoints;
}

int WalCheckpointer::committed(void *self, sqlite3 *db, const char *name, int pages)
{
    auto *checkpointer = static_cast<WalCheckpointer *>(self);
    bool threadWorks = false;
    {
        const std::lock_guard lock(checkpointer->m_mutex);
        threadWorks = !checkpointer->m_failed;
        checkpointer->m_asked = checkpointer->m_asked || (threadWorks && pages >= kAskPages);
    }
    // The thread fell behind (or has no connection): bound the WAL here, as the automatic
    // checkpoint would.
    if (pages >= kForcePages || (!threadWorks && pages >= kAskPages))
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    else if (pages >= kAskPages)
        checkpointer->m_wake.notify_one();
    return SQLITE_OK;
}

void WalCheckpointer::run(QByteArray path)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        qCWarning(lcCheckpoint).noquote()
            << "cannot open" << QString::fromUtf8(path) << "to checkpoint it:" << QString::fromUtf8(sqlite3_errmsg(db))
            << "(the writer checkpoints it itself)";
        sqlite3_close(db);
        const std::lock_guard lock(m_mutex);
        m_failed = true;
        return;
    }
    // The same durability as the writer's (synchronous=NORMAL: the WAL and then the database
    // are synced by each checkpoint).
    sqlite3_exec(db, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_asked || m_stop; });
        if (m_stop)
            break;
        m_asked = false;
        lock.unlock();
        const int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
        if (rc == SQLITE_OK)
            ++m_checkpoints;
    }
    lock.unlock();
    sqlite3_close(db);
}

} // namespace vd::engine
