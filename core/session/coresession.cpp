#include "core/session/coresession.h"

#include "core/domain/units.h"
#include "core/engine/localengine.h"
#include "core/logging/logging.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/migrator.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

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
    std::unique_ptr<CoreSession> session(new CoreSession(std::move(db), options));
    if (options.migrate) {
        // A front end opening the database: local stores made before holders were recorded are
        // claimed by the engine that has their index (docs/teams.md).
        if (auto claimed = session->service().claimUnrecordedStores(); !claimed)
            return claimed.error();
    }
    return session;
}

Result<std::unique_ptr<CoreSession>> CoreSession::open(const DatabaseUrl &url, const QString &operatorName,
                                                       bool migrate)
{
    Options options;
    options.operatorName = operatorName;
    options.migrate = migrate;
    return open(url, options);
}

Result<QString> CoreSession::probe(const DatabaseUrl &url)
{
    if (url.isSqlite()) {
        // Opening a SQLite file that is not there would create it: say so instead.
        const QFileInfo file(url.sqlitePath);
        if (!file.exists()) {
            if (!QFileInfo(file.absolutePath()).isDir())
                return ServiceError::unavailable(
                    u"The folder %1 does not exist; create it or choose another place for the database."_s.arg(
                        QDir::toNativeSeparators(file.absolutePath())));
            return u"No database at %1 yet; VectorDesk creates it when it starts with this setting."_s.arg(
                QDir::toNativeSeparators(url.sqlitePath));
        }
    }
    Database db(url);
    QString error;
    if (!db.open(&error))
        return ServiceError::unavailable(error);
    Migrator migrator(db);
    QList<int> pending;
    if (!migrator.verify(&pending, &error))
        return ServiceError::unavailable(error);
    if (pending.isEmpty())
        return u"Connected; the schema is ready."_s;
    if (pending.size() == migrator.available().size())
        return u"Connected to an empty database; VectorDesk sets up its schema when it starts with it."_s;
    return u"Connected; %1 up to version %2 %3 applied when VectorDesk starts with it."_s
        .arg(plural(pending.size(), u"migration", u"migrations"))
        .arg(migrator.latestVersion())
        .arg(pending.size() == 1 ? u"is"_s : u"are"_s);
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

QString CoreSession::defaultOperator()
{
    for (const char *name : {"USER", "LOGNAME"})
        if (const QString user = qEnvironmentVariable(name).trimmed(); !user.isEmpty())
            return user;
    return QStringLiteral("local");
}

} // namespace vd
