#include "core/service/storeapiid.h"

#include "core/domain/apiid.h"
#include "core/storage/database.h"
#include "core/storage/query.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace vd {

Result<QString> ensureStoreApiId(Database &db, const VectorStore &store, const QString &preferred)
{
    const QString doing = u"reading the API id of store '%1'"_s.arg(store.name);
    auto read = [&]() -> Result<std::optional<QString>> {
        auto found = runQuery(db, u"SELECT api_id FROM vector_stores WHERE id = ?"_s, {store.id}, doing);
        if (!found)
            return found.error();
        if (!found.value().next())
            return ServiceError::notFound(u"Store '%1' no longer exists."_s.arg(store.name));
        if (found.value().value(0).isNull())
            return std::optional<QString>();
        return std::optional<QString>(found.value().value(0).toString());
    };
    auto current = read();
    if (!current)
        return current.error();
    if (current.value())
        return *current.value();
    // First shown through the API: give it an id. Two threads may race; the row keeps whichever
    // was written first, and both read that one back.
    const QString id =
        apiid::hasShape(preferred, apiid::kStorePrefix) ? preferred : apiid::generate(apiid::kStorePrefix);
    auto set =
        runQuery(db, u"UPDATE vector_stores SET api_id = ? WHERE id = ? AND api_id IS NULL"_s, {id, store.id}, doing);
    if (!set)
        return set.error();
    auto again = read();
    if (!again)
        return again.error();
    if (!again.value())
        return ServiceError::unavailable(u"Store '%1' could not be given an API id; retry."_s.arg(store.name));
    return *again.value();
}

} // namespace vd
