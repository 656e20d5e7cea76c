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

// For joins: `columns` with each name prefixed by `alias.` ("s.id, s.tenant_id, ..."), and how
// many columns a list has. The mappers read their columns from index `first` on, so one query
// can return a tenant, its store and a file side by side.
QString qualified(const QString &columns, const QString &alias);
int columnCount(const QString &columns);

extern const QString kTenantColumns;
Tenant tenantFromRow(const QSqlQuery &q, int first = 0);

extern const QString kStoreColumns;
VectorStore storeFromRow(const QSqlQuery &q, int first = 0);

extern const QString kFileColumns;
StoreFile fileFromRow(const QSqlQuery &q, int first = 0);

} // namespace vd::rows
