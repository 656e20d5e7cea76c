#pragma once

#include "core/session/backends.h"
#include "core/storage/databaseurl.h"
#include "core/sync/syncreport.h"

#include <QJsonObject>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace vd {

// The sync worker (docs/sync.md): one pass = take the lease, SyncPass::run, release the lease.
// The GUI moves it to an owned QThread and invokes runPass() through a queued connection; the
// headless `vectordesk --sync` calls runPass() directly. Each pass opens its own CoreSession
// (database connection and both backends) in the thread that runs it, and respects the same lease
// as every other runner.
class SyncWorker : public QObject
{
    Q_OBJECT

public:
    enum class Outcome {
        Completed, // the pass ran (its report may still list failed items)
        LeaseHeld, // another runner holds the lease; holder() names it
        Unavailable, // the database could not be opened or used
        Invalid, // the options are wrong (unknown tenant)
    };

    // Backends to use instead of the built-in ones (tests: a fake remote), made in the worker's
    // thread through its CoreSession: asked once per name and pass; nullptr keeps the built-in.
    using BackendFactory = Backends::Substitute;

    SyncWorker(DatabaseUrl url, QString engineRoot, SyncOptions options, QObject *parent = nullptr);
    ~SyncWorker() override;

    void setOptions(const SyncOptions &options) { m_options = options; }
    const SyncOptions &options() const { return m_options; }
    // Other backends for refresh and purge; called once per pass in the pass's thread.
    void setBackendFactory(BackendFactory factory) { m_factory = std::move(factory); }
    // Tests: the clock of the pass and the lease, unix milliseconds.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    // Thread-safe: asks a running pass to stop after the current item.
    void cancel() { m_cancelled = true; }

    // Results of the last runPass() (read them from the thread that ran it, or after finished()).
    Outcome outcome() const { return m_outcome; }
    const SyncReport &report() const { return m_report; }
    const QString &message() const { return m_message; }
    // LeaseHeld: the holder as {"host", "pid", "triggered_by", "since", "heartbeat_at", "expires_at"}.
    const QJsonObject &leaseHolder() const { return m_holder; }

public slots:
    // One pass. Emits passStarted/progress/itemFailed and then exactly one of passFinished,
    // leaseHeld or failed; finished() last in every case.
    void runPass();

signals:
    void passStarted(const QString &triggeredBy, bool dryRun);
    void progress(const QString &phase, qint64 done, qint64 total, const QString &item);
    void itemFailed(const QString &action, const QString &target, const QString &error);
    void passFinished(const QJsonObject &report); // SyncReport::toJson()
    void leaseHeld(const QString &holder); // who runs instead, and since when
    void failed(const QString &message);
    void finished();

private:
    DatabaseUrl m_url;
    QString m_engineRoot;
    SyncOptions m_options;
    BackendFactory m_factory;
    std::function<qint64()> m_clock;
    std::atomic<bool> m_cancelled = false;
    Outcome m_outcome = Outcome::Completed;
    SyncReport m_report;
    QString m_message;
    QJsonObject m_holder;
};

} // namespace vd
