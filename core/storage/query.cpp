#include "core/storage/query.h"

#include "core/storage/database.h"

#include <QLoggingCategory>
#include <QSqlError>

using namespace Qt::StringLiterals;

namespace vd {

Q_LOGGING_CATEGORY(lcQuery, "vectordesk.core.storage", QtInfoMsg)

bool isUniqueViolation(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    // SQLite: 2067 SQLITE_CONSTRAINT_UNIQUE, 1555 PRIMARYKEY; PostgreSQL: 23505.
    return code == u"2067"_s || code == u"1555"_s || code == u"23505"_s
        || error.databaseText().contains(u"UNIQUE constraint failed"_s);
}

Result<QSqlQuery> runQuery(Database &db, const QString &sql, const QVariantList &binds, const QString &doing)
{
    QSqlQuery query(db.connection());
    query.setForwardOnly(true);
    // Statements without parameters run as they are: PostgreSQL cannot prepare LOCK and the like.
    bool ok = binds.isEmpty() ? query.exec(sql) : query.prepare(sql);
    if (ok && !binds.isEmpty()) {
        for (const QVariant &value : binds)
            query.addBindValue(value);
        ok = query.exec();
    }
    if (ok)
        return query;
    const QSqlError error = query.lastError();
    if (isUniqueViolation(error))
        return ServiceError::conflict(u"That conflicts with a change made at the same time while %1; "
                                      u"reload and try again."_s.arg(doing));
    qCWarning(lcQuery) << "query failed while" << doing << ":" << error.text();
    return ServiceError::unavailable(
        u"The database %1 failed while %2: %3"_s.arg(db.url().describe(), doing, error.text()));
}

ServiceError commitError(Database &db, const QString &doing, const QString &driverText)
{
    return ServiceError::unavailable(
        u"The database %1 could not save the change while %2: %3"_s.arg(db.url().describe(), doing, driverText));
}

} // namespace vd
