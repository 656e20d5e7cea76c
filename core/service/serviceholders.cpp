#include "core/engine/localengine.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/query.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QSysInfo>

using namespace Qt::StringLiterals;

// Which engine folder holds each local store's index (migrations/0011_engine_holders.sql,
// docs/teams.md).

namespace vd {

namespace {

engine::LocalEngine *localEngine(const BackendFor &backendFor)
{
    return backendFor ? dynamic_cast<engine::LocalEngine *>(backendFor(BackendKind::Local)) : nullptr;
}

} // namespace

Result<QString> VectorStoreService::recordLocalHolder(const QString &doing)
{
    const engine::LocalEngine *engine = localEngine(m_backendFor);
    if (!engine)
        return QString(); // a substitute engine (tests) holds nothing on disk
    auto id = engine->engineId();
    if (!id)
        return id.error();
    auto upsert = runQuery(
        m_db,
        u"INSERT INTO engine_holders (id, host, folder, seen_at) VALUES (?, ?, ?, ?) "
        u"ON CONFLICT (id) DO UPDATE SET host = excluded.host, folder = excluded.folder, "
        u"seen_at = excluded.seen_at"_s,
        {id.value(), QSysInfo::machineHostName().left(255), QDir::toNativeSeparators(engine->root()).left(4096), now()},
        doing);
    if (!upsert)
        return upsert.error();
    return id.value();
}

Result<int> VectorStoreService::claimUnrecordedStores()
{
    const engine::LocalEngine *engine = localEngine(m_backendFor);
    if (!engine)
        return 0;
    const QString doing = u"recording which local stores this engine holds"_s;
    auto unrecorded =
        runQuery(m_db, u"SELECT id, tenant_id FROM vector_stores WHERE backend = 'local' AND engine_holder IS NULL"_s,
                 {}, doing);
    if (!unrecorded)
        return unrecorded.error();
    // Made before holders were recorded: a store is this engine's when its index is here. A SQLite
    // database is one machine's, so there every such store is.
    QList<qint64> mine;
    while (unrecorded.value().next()) {
        const qint64 storeId = unrecorded.value().value(0).toLongLong();
        if (!m_db.isPostgres() || QFile::exists(engine->indexPath(unrecorded.value().value(1).toLongLong(), storeId)))
            mine << storeId;
    }
    unrecorded.value().finish();
    if (mine.isEmpty())
        return 0;
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    auto holder = recordLocalHolder(doing);
    if (!holder)
        return holder.error();
    int claimed = 0;
    for (qint64 storeId : std::as_const(mine)) {
        auto set =
            runQuery(m_db, u"UPDATE vector_stores SET engine_holder = ? WHERE id = ? AND engine_holder IS NULL"_s,
                     {holder.value(), storeId}, doing);
        if (!set)
            return set.error();
        claimed += set.value().numRowsAffected();
    }
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return claimed;
}

Result<void> VectorStoreService::advertiseLocalEngine(const QUrl &apiUrl)
{
    if (!apiUrl.isEmpty()
        && (!apiUrl.isValid() || (apiUrl.scheme() != u"http"_s && apiUrl.scheme() != u"https"_s)
            || apiUrl.host().isEmpty() || !apiUrl.path().remove(u'/').isEmpty()))
        return ServiceError::invalid(u"'%1' is not an address other machines can reach this one at; give a URL such "
                                     u"as https://vectordesk.example.net:8443."_s.arg(apiUrl.toString()),
                                     u"advertise"_s);
    const QString doing = u"recording where this machine serves its local stores"_s;
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return vd::commitError(m_db, doing, transaction.error());
    auto holder = recordLocalHolder(doing);
    if (!holder)
        return holder.error();
    if (holder->isEmpty())
        return ServiceError::unavailable(u"This VectorDesk has no local engine of its own to serve."_s);
    QString url = apiUrl.toString(QUrl::StripTrailingSlash);
    auto set =
        runQuery(m_db, u"UPDATE engine_holders SET api_url = ? WHERE id = ?"_s,
                 {url.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(url), holder.value()}, doing);
    if (!set)
        return set.error();
    if (!transaction.commit())
        return vd::commitError(m_db, doing, transaction.error());
    return {};
}

Result<std::optional<VectorStoreService::StoreHolder>>
VectorStoreService::storeHolder(const QString &tenantRef, const QString &storeRef, Visibility visibility)
{
    auto a = access(tenantRef, Role::Viewer, u"Viewing a store"_s);
    if (!a)
        return a.error();
    auto s = findStore(a->tenant, storeRef, visibility);
    if (!s)
        return s.error();
    if (s->backend != BackendKind::Local || s->engineHolder.isEmpty())
        return std::optional<StoreHolder>();
    auto row = readEngineHolder(m_db, s->engineHolder);
    if (!row)
        return row.error();
    StoreHolder found{row.value().value_or(EngineHolder{s->engineHolder, {}, {}, {}, 0}), false};
    const engine::LocalEngine *engine = localEngine(m_backendFor);
    found.here = engine && engine->holds(s.value());
    return std::optional<StoreHolder>(found);
}

} // namespace vd
