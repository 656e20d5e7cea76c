#pragma once

#include "core/domain/drafts.h"
#include "core/domain/types.h"

#include <QString>

class QSqlQuery;

// The tenants, vector_stores and vector_store_files rows as domain values: one column list and
// one mapper per table, shared by every reader (service, sync pass, ingestion queue, import).
namespace vd::rows {

// `column IS NULL`, `IS NOT NULL` or always true, for a soft-deleted table.
QString visibilityClause(Visibility visibility, const QString &column = QStringLiteral("deleted_at"));

extern const QString kTenantColumns;
Tenant tenantFromRow(const QSqlQuery &q);

extern const QString kStoreColumns;
VectorStore storeFromRow(const QSqlQuery &q);

extern const QString kFileColumns;
StoreFile fileFromRow(const QSqlQuery &q);

} // namespace vd::rows
