#include "query.h"

#include "database.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace vd {

Result<QSqlQuery> runQuery(Database &db, const QString &sql, const QVariantList &binds, const QString &doing)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    bool ok = q.prepare(sql);
    if (ok) {
        for (const QVariant &v : binds)
            q.addBindValue(v);
        ok = q.exec();
    }
    if (!ok)
        return ServiceError::unavailable(
            u"The database %1 failed while %2: %3"_s.arg(db.url().describe(), doing, q.lastError().text()));
    return q;
}

} // namespace vd
