#pragma once

#include "core/domain/serviceerror.h"
#include "core/logging/logging.h"

#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QPromise>

#include <functional>
#include <memory>

class QThread;

namespace vd::openai {

// A thread with an event loop of its own, where the OpenAI backend's network and keychain work
// lives (its OpenAIClient objects, their QNetworkAccessManager, timers and replies, and the
// QtKeychain jobs). Work is posted to it as a `launch(answer)` function that starts something
// asynchronous there; what `answer` is given comes back through a QPromise/QFuture. A synchronous
// caller on another thread waits with QFuture::result(): only that thread blocks, and no event
// loop is ever entered on it (docs/openai.md, "Threads").
//
// The thread starts on first use. Objects living there are made there (inside posted work) and
// deleted there: children of context() when the thread finishes, others through deleteLater().
// The destructor stops the event loop and joins the thread.
class NetworkThread
{
public:
    template<typename T> using Answer = std::function<void(T)>;

    NetworkThread();
    ~NetworkThread();
    NetworkThread(const NetworkThread &) = delete;
    NetworkThread &operator=(const NetworkThread &) = delete;

    // The object that lives on the network thread (parent for objects living there, context for
    // timers); starts the thread on first use.
    QObject *context();
    // True on the network thread itself, where nothing may wait for it.
    bool isCurrentThread() const;

    // Runs launch(answer) on the network thread, with the caller's log context (request id,
    // tenant). The future finishes with the first value `answer` is given; when `answer` is
    // dropped without being called (its owner destroyed, the thread stopping), it finishes
    // cancelled, without a result.
    template<typename T> QFuture<T> post(std::function<void(Answer<T>)> launch)
    {
        auto promise = std::make_shared<QPromise<T>>();
        promise->start();
        QFuture<T> future = promise->future();
        QMetaObject::invokeMethod(
            context(),
            [promise, launch = std::move(launch), log = logging::current()]() mutable {
                adoptLogContext(log);
                launch([promise](T value) {
                    promise->addResult(std::move(value));
                    promise->finish();
                });
            },
            Qt::QueuedConnection);
        return future;
    }

    // post() and wait for the answer on the calling thread (never the network thread itself):
    // the calling thread blocks on the future; its event loop is not entered.
    template<typename T> Result<T> call(std::function<void(Answer<Result<T>>)> launch)
    {
        if (isCurrentThread())
            return deadlock();
        return wait(post<Result<T>>(std::move(launch)));
    }

    // Waits on the calling thread (never the network thread itself) for work post()ed before: an
    // answer dropped without a value is an `unavailable` error.
    template<typename T> Result<T> wait(QFuture<Result<T>> future) const
    {
        if (isCurrentThread())
            return deadlock();
        future.waitForFinished();
        if (future.resultCount() == 0)
            return abandoned();
        return future.result();
    }

private:
    static void adoptLogContext(const logging::Context &context);
    static ServiceError abandoned();
    static ServiceError deadlock();

    mutable QMutex m_mutex; // guards the lazy start
    std::unique_ptr<QThread> m_thread;
    QObject *m_context = nullptr; // lives on m_thread; deleted there when it finishes
};

} // namespace vd::openai
