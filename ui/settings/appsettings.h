#pragma once

#include <QString>

namespace vd::ui {

// The application's settings, one typed accessor per QSettings key. No secrets: a database
// URL with a password is never stored (the password goes in ~/.pgpass or PGPASSWORD).
namespace settings {

// "database/url": the database opened when --db and VECTORDESK_DB are not given
// (DatabaseUrl::resolve reads it). Empty: the default SQLite file.
QString databaseUrl();
void setDatabaseUrl(const QString &url);

// "sync/intervalMinutes": how often the sync worker runs (5..1440, default 15).
int syncIntervalMinutes();
void setSyncIntervalMinutes(int minutes);
inline constexpr int kDefaultSyncIntervalMinutes = 15;

// "purge/retentionDays": how long deleted stores and files stay restorable (1..365, default 30).
int purgeRetentionDays();
void setPurgeRetentionDays(int days);
inline constexpr int kDefaultPurgeRetentionDays = 30;

// "tracing/otlpEndpoint": the OpenTelemetry collector spans are exported to (OTLP/HTTP), used
// when neither --otlp-endpoint nor OTEL_EXPORTER_OTLP_ENDPOINT gives one. Empty: tracing off.
QString otlpEndpoint();
void setOtlpEndpoint(const QString &url);

// "ui/language": the window's language ("en", "de", "fr"). Empty: the system's, when VectorDesk
// speaks it (i18n::resolve). Applies at the next start.
QString language();
void setLanguage(const QString &code);

} // namespace settings

} // namespace vd::ui
