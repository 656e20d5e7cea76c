#include "servicerunner.h"

#include "backend/backends.h"
#include "storage/database.h"

#include <QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace vd::ui {

ServiceRunner::ServiceRunner(DatabaseUrl url, QString operatorName, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_operatorName(std::move(operatorName))
{
    // Two workers: a slow tenant overview must not hold up the files of the selected store.
    m_pool.setMaxThreadCount(2);
    m_pool.setObjectName(u"vectordesk-ui-loader"_s);
}

ServiceRunner::~ServiceRunner()
{
    m_pool.clear();
    m_pool.waitForDone();
}

QFuture<void> ServiceRunner::start(std::function<void(Result<VectorStoreService *>, engine::LocalEngine *)> job)
{
    return QtConcurrent::run(&m_pool, [url = m_url, name = m_operatorName, job = std::move(job)] {
        // The connection is made, used and closed in this worker thread.
        Database db(url);
        QString error;
        if (!db.open(&error)) {
            job(ServiceError::unavailable(error), nullptr);
            return;
        }
        Backends backends(db, engine::LocalEngine::rootFor(url));
        VectorStoreService service(db, name);
        // Every backend, as in the CLI: OpenAI stores read the tenant's key and settings.
        service.setBackends(backends.resolver());
        job(&service, &backends.local());
    });
}

} // namespace vd::ui
