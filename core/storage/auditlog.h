#pragma once

#include "core/domain/serviceerror.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace vd {

class Database;

// One row of the audit trail: who did what to which object, in which request.
struct AuditRecord
{
    qint64 at = 0; // unix milliseconds
    QString operatorName; // an operator, or a system actor such as "system:sync"
    std::optional<qint64> tenantId;
    QString action; // e.g. "store.create", "file.detach"
    QString target; // e.g. "store:12"
    QString requestId;
    QJsonObject detail;
};

// The one audit writer: inserts the row on the thread's connection, inside the caller's
// transaction, so the change and its audit row are committed (or rolled back) together.
Result<void> writeAudit(Database &db, const AuditRecord &record);

} // namespace vd
