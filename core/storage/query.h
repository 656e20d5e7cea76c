#pragma once

#include "service/serviceerror.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace vd {

class Database;

// Prepares and runs one statement on the thread's connection with its values bound (never
// spliced into the SQL). On failure: an Unavailable error naming the database, what was being
// done (`doing`, e.g. "reading the sync lease") and the driver's reason.
Result<QSqlQuery> runQuery(Database &db, const QString &sql, const QVariantList &binds, const QString &doing);

} // namespace vd
