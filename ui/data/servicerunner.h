#pragma once

#include "core/domain/serviceerror.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/databaseurl.h"

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>
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
// The runner itself is the context of QFuture::then(): Qt 6.4 requires that context to outlive
// the chain, so the runner's destructor drops queued calls and waits for running ones. Results
// are then posted to the receiver, so they are dropped with it when it is destroyed first.
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
        // Written by the worker before the future finishes, read here after: the future orders it.
        auto result = std::make_shared<std::optional<R>>();
        QFuture<void> future = start([result, work](Result<VectorStoreService *> service) mutable {
            if (service)
                result->emplace(work(*service.value()));
            else
                result->emplace(service.error());
            // A failure names the job's request id, which the window shows with the error.
            if (!result->value())
                *result = R(withRequestId(result->value().error()));
        });
        future.then(this, [guard = QPointer<QObject>(receiver), result, done = std::move(done)]() mutable {
            // then() calls this at once, inside run(), when the call finished before it was
            // attached. Results always arrive later, from the event loop, so a model never sees
            // its answer while it is still asking (e.g. inside fetchMore()).
            if (!guard || !result->has_value())
                return;
            QMetaObject::invokeMethod(
                guard.data(), [result, done = std::move(done)]() mutable { done(std::move(**result)); },
                Qt::QueuedConnection);
        });
    }

private:
    // `error` with the calling job's request id in its details ("request_id").
    static ServiceError withRequestId(const ServiceError &error);
    // Runs job on a worker thread with a service over a fresh connection, or with the error that
    // kept the database from opening.
    QFuture<void> start(std::function<void(Result<VectorStoreService *>)> job);

    DatabaseUrl m_url;
    QString m_operatorName;
    QThreadPool m_pool;
};

} // namespace vd::ui
