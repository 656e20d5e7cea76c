#pragma once

#include "core/domain/serviceerror.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/databaseurl.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace vd::ui {

// Runs service calls off the GUI thread, so the window never waits on the database.
//
// Each call opens its own CoreSession (database, backends, service) in the worker thread (a Qt
// SQL connection belongs to the thread that made it) and closes it there before the result is
// handed back. The result reaches `done` on the GUI thread, and only while `receiver` still
// exists: models may be destroyed while a call is in flight.
//
// A finished call posts its result to the runner, which hands it to `done` if the receiver
// still exists; the runner's destructor drops queued calls and waits for running ones, so no
// call outlives it.
class ServiceRunner : public QObject
{
    Q_OBJECT

public:
    ServiceRunner(DatabaseUrl url, QString operatorName, QObject *parent = nullptr);
    ~ServiceRunner() override;

    const DatabaseUrl &url() const { return m_url; }
    const QString &operatorName() const { return m_operatorName; }

    // Blocks until no call is running (tests; never from a running GUI). Results still arrive
    // through the event loop afterwards.
    bool waitForIdle(int msecs = -1) { return m_pool.waitForDone(msecs); }

    // Calls work(VectorStoreService &) -> Result<T> on a worker thread, then done(Result<T>) on
    // this object's thread if receiver is still alive. The service has both backends, made in
    // that thread, so attach, search and chunks work as in the CLI.
    template<typename Work, typename Done> void run(QObject *receiver, Work work, Done done)
    {
        using R = std::invoke_result_t<Work &, VectorStoreService &>;
        // Shared, so the job stays copyable (std::function) whatever `done` captures; handed back
        // to this thread with the result, so it is released here, not on the worker.
        auto callback = std::make_shared<Done>(std::move(done));
        start([this, guard = QPointer<QObject>(receiver), work,
               callback = std::move(callback)](Result<VectorStoreService *> service) mutable {
            R result = service ? work(*service.value()) : R(service.error());
            // A failure names the job's request id, which the window shows with the error.
            if (!result)
                result = R(withRequestId(result.error()));
            // Posted to the runner, which outlives every running job (its destructor waits for
            // them): the answer arrives from the event loop, never while the receiver is still
            // asking (e.g. inside fetchMore()), and only while the receiver exists. Not a
            // QFuture::then(context) continuation: with Qt 6.4 one crashed now and then starting
            // its promise (tst_ui_admin, CI of 2026-12-05).
            QMetaObject::invokeMethod(
                this,
                [guard = std::move(guard), result = std::move(result), callback = std::move(callback)]() mutable {
                    if (guard)
                        (*callback)(std::move(result));
                },
                Qt::QueuedConnection);
        });
    }

private:
    // `error` with the calling job's request id in its details ("request_id").
    static ServiceError withRequestId(const ServiceError &error);
    // Runs job on a worker thread with a service over a fresh connection, or with the error that
    // kept the database from opening.
    void start(std::function<void(Result<VectorStoreService *>)> job);

    DatabaseUrl m_url;
    QString m_operatorName;
    QThreadPool m_pool;
};

} // namespace vd::ui
