#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace vd::engine {

// Checkpoints the WAL of one index on a thread and connection of its own, so that the writer
// never waits for the copy into the database file and its fsyncs. The writer's connection asks
// for a checkpoint after a commit leaves kAskPages or more in the WAL; only past kForcePages (the
// thread fell behind) does the writer checkpoint itself, as SQLite's automatic checkpoint would,
// so the WAL stays bounded. Checkpoints are PASSIVE: they never block the writer or a reader.
class WalCheckpointer
{
public:
    static constexpr int kAskPages = 1024; // 16 MiB of 16 KiB pages
    static constexpr int kForcePages = 16384; // 256 MiB

    // Starts the thread, which opens its own connection to `path`, and hooks the writer's
    // connection (replacing its automatic checkpoint).
    WalCheckpointer(const QString &path, sqlite3 *writer);
    // Stops the thread (after the checkpoint in progress, if any) and unhooks the writer.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer &) = delete;
    WalCheckpointer &operator=(const WalCheckpointer &) = delete;

    // Checkpoints done on the thread so far (tests).
    int checkpoints() const;

private:
    static int committed(void *self, sqlite3 *db, const char *name, int pages);
    void run(QByteArray path);

    sqlite3 *m_writer;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_asked = false;
    bool m_stop = false;
    bool m_failed = false; // the thread could not open its connection
    int m_checkpoints = 0;
    std::thread m_thread;
};

} // namespace vd::engine
