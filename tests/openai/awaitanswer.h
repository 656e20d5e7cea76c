#pragma once

// Waits for an asynchronous OpenAIClient call made on the test's own thread: runs that thread's
// events until the callback came (at most timeoutMs). Test code only; VectorDesk itself never
// spins a loop to wait (OpenAIBackend blocks its caller on a future instead).

#include "core/domain/serviceerror.h"
#include "core/openai/openaiclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <functional>
#include <memory>
#include <optional>

namespace vd::test {

template<typename T>
Result<T> await(const std::function<void(std::function<void(Result<T>)>)> &launch, int timeoutMs = 60'000)
{
    // Shared with the callback: an answer after the time-out must not write into a dead frame.
    auto answer = std::make_shared<std::optional<Result<T>>>();
    launch([answer](Result<T> r) { *answer = std::move(r); });
    QElapsedTimer t;
    t.start();
    while (!*answer && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    if (!*answer)
        return ServiceError::unavailable(QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000));
    return std::move(**answer);
}

inline Result<QJsonObject> awaitJson(const std::function<void(openai::JsonCallback)> &launch)
{
    return await<QJsonObject>(launch);
}

} // namespace vd::test
