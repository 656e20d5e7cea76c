#include "core/storage/engineholders.h"

#include "core/storage/database.h"
#include "core/storage/query.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace vd {

Result<std::optional<EngineHolder>> readEngineHolder(Database &db, const QString &id)
{
    auto row = runQuery(db, u"SELECT id, host, folder, api_url, seen_at FROM engine_holders WHERE id = ?"_s, {id},
                        u"looking up the machine that holds engine folder %1"_s.arg(id));
    if (!row)
        return row.error();
    if (!row.value().next())
        return std::optional<EngineHolder>();
    return std::optional<EngineHolder>(EngineHolder{row.value().value(0).toString(), row.value().value(1).toString(),
                                                    row.value().value(2).toString(), row.value().value(3).toString(),
                                                    row.value().value(4).toLongLong()});
}

} // namespace vd
