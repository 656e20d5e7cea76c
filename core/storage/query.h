#pragma once

#include "core/domain/serviceerror.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

class QSqlError;

namespace vd {

class Database;

// The one statement wrapper. Prepares and runs one statement on the thread's connection with its
// values bound (never spliced into the SQL). On failure: a Conflict error when a unique index
// refused the change (another writer got there first), else an Unavailable error naming the
// database, what was being done (`doing`, e.g. "reading the sync lease") and the driver's reason.
Result<QSqlQuery> runQuery(Database &db, const QString &sql, const QVariantList &binds, const QString &doing);

// True when the driver reports a unique or primary key violation (SQLite and PostgreSQL).
bool isUniqueViolation(const QSqlError &error);

// The error for a commit the database refused.
ServiceError commitError(Database &db, const QString &doing, const QString &driverText);

} // namespace vd
