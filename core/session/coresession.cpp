#include "core/session/coresession.h"

#include "core/engine/localengine.h"
#include "core/logging/logging.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"

namespace vd {

namespace {

QString rootOr(const QString &engineRoot, const DatabaseUrl &url)
{
    return engineRoot.isEmpty() ? engine::LocalEngine::rootFor(url) : engineRoot;
}

} // namespace

Result<std::unique_ptr<CoreSession>> CoreSession::open(const DatabaseUrl &url, const Options &options)
{
    auto db = std::make_unique<Database>(url);
    QString error;
    const bool opened = options.migrate ? Database::openAndMigrate(*db, &error) : db->open(&error);
    if (!opened)
        return ServiceError::unavailable(error);
    return std::unique_ptr<CoreSession>(new CoreSession(std::move(db), options));
}

Result<std::unique_ptr<CoreSession>> CoreSession::open(const DatabaseUrl &url, const QString &operatorName,
                                                       bool migrate)
{
    Options options;
    options.operatorName = operatorName;
    options.migrate = migrate;
    return open(url, options);
}

CoreSession::CoreSession(Database &db, const QString &operatorName, const QString &engineRoot,
                         Backends::Substitute substitute)
    : m_db(&db)
    , m_engineRoot(rootOr(engineRoot, db.url()))
    , m_backends(std::make_unique<Backends>(db, m_engineRoot, std::move(substitute)))
    , m_service(std::make_unique<VectorStoreService>(db, operatorName, m_backends->resolver()))
{
    m_service->setRequestId(logging::current().requestId.isEmpty() ? m_service->requestId()
                                                                   : logging::current().requestId);
}

CoreSession::CoreSession(std::unique_ptr<Database> owned, const Options &options)
    : CoreSession(*owned, options.operatorName, options.engineRoot, options.substitute)
{
    m_owned = std::move(owned);
}

CoreSession::~CoreSession()
{
    // The service and backends use the connection: they go first.
    m_service.reset();
    m_backends.reset();
}

} // namespace vd
