#include "core/storage/auditlog.h"

#include "core/storage/query.h"
#include "core/storage/sqlvalues.h"

using namespace Qt::StringLiterals;

namespace vd {

Result<void> writeAudit(Database &db, const AuditRecord &record)
{
    auto inserted = runQuery(db,
                             u"INSERT INTO audit_log (at, operator, tenant_id, action, target, request_id, detail) "
                             u"VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                             {record.at, record.operatorName, sql::nullableInt(record.tenantId), record.action,
                              record.target, record.requestId, sql::toJsonText(record.detail)},
                             u"writing the audit log"_s);
    if (!inserted)
        return inserted.error();
    return {};
}

} // namespace vd
