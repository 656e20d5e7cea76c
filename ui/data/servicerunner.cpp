#include "ui/data/servicerunner.h"

#include "core/logging/logging.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"

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

ServiceError ServiceRunner::withRequestId(const ServiceError &error)
{
    QJsonObject details = error.details();
    details.insert(u"request_id"_s, logging::current().requestId);
    return ServiceError(error.kind(), error.message(), details);
}

void ServiceRunner::start(std::function<void(Result<VectorStoreService *>)> job)
{
    m_pool.start([url = m_url, name = m_operatorName, job = std::move(job)] {
        // The connection is made, used and closed in this worker thread; the log context of
        // the job (request id, tenant) does not leak into the pool thread's next job. Each job
        // is one user action: its own request id on its log lines, audit rows, spans and in
        // View › Activity (docs/observability.md).
        const logging::ContextScope logContext(logging::newRequestId());
        auto session = CoreSession::open(url, name);
        if (!session) {
            job(session.error());
            return;
        }
        job(&session.value()->service());
    });
}

} // namespace vd::ui
