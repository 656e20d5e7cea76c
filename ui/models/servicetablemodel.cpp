#include "ui/models/servicetablemodel.h"

#include "ui/data/servicerunner.h"

namespace vd::ui {

ServiceTableModel::ServiceTableModel(ServiceRunner *runner, QObject *parent)
    : QAbstractTableModel(parent)
    , m_runner(runner)
{
    Q_ASSERT(runner);
}

quint64 ServiceTableModel::startRequest()
{
    ++m_generation;
    setLoading(true);
    return m_generation;
}

void ServiceTableModel::abandonRequests()
{
    ++m_generation;
    m_errorMessage.clear();
    setLoading(false);
}

void ServiceTableModel::finishSuccess()
{
    m_errorMessage.clear();
    setLoading(false);
    Q_EMIT loadFinished();
}

void ServiceTableModel::finishFailure(const ServiceError &error)
{
    m_errorMessage = error.message();
    setLoading(false);
    Q_EMIT loadFailed(m_errorMessage);
    Q_EMIT loadFinished();
}

void ServiceTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

} // namespace vd::ui
