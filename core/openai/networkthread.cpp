#include "core/openai/networkthread.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace vd::openai {

NetworkThread::NetworkThread() = default;

NetworkThread::~NetworkThread()
{
    QMutexLocker locker(&m_mutex);
    if (!m_thread)
        return;
    // The context and its children are deleted in the thread (finished -> deleteLater), as are
    // the objects given to deleteLater() before: QThread runs deferred deletes as it finishes.
    m_thread->quit();
    m_thread->wait();
}

QObject *NetworkThread::context()
{
    QMutexLocker locker(&m_mutex);
    if (!m_thread) {
        m_thread = std::make_unique<QThread>();
        m_thread->setObjectName(u"vectordesk-openai-network"_s);
        m_context = new QObject;
        m_context->moveToThread(m_thread.get());
        QObject::connect(m_thread.get(), &QThread::finished, m_context, &QObject::deleteLater);
        m_thread->start();
    }
    return m_context;
}

bool NetworkThread::isCurrentThread() const
{
    QMutexLocker locker(&m_mutex);
    return QThread::currentThread() == m_thread.get();
}

void NetworkThread::adoptLogContext(const logging::Context &context)
{
    logging::setRequestId(context.requestId);
    logging::setTenant(context.tenant);
    logging::setSpan(context.traceId, context.spanId);
}

ServiceError NetworkThread::abandoned()
{
    return ServiceError::unavailable(
        u"The OpenAI request was abandoned before it was answered (VectorDesk is shutting the connection down); "
        u"try again."_s);
}

ServiceError NetworkThread::deadlock()
{
    return ServiceError::unavailable(
        u"Internal error: an OpenAI call was made on the backend's own network thread, which cannot wait for "
        u"itself."_s);
}

} // namespace vd::openai
