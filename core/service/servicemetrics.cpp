#include "core/domain/status.h"
#include "core/logging/logging.h"
#include "core/metrics/metrics.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/query.h"

#include <QDateTime>
#include <QHash>

using namespace Qt::StringLiterals;

// The service's part of the metrics (docs/observability.md): what each measured call records, and
// the state gauges read from the database.

namespace vd {

void VectorStoreService::recordCall(const QString &span, std::optional<metrics::Metric> histogram, qint64 nsecs,
                                    const ServiceError *error, bool outermost)
{
    // A call refused before its tenant was known (an unknown slug) has no tenant label: the slug
    // typed is free text, not a label.
    const QString tenant = m_call.tenant.isEmpty() ? u"none"_s : m_call.tenant;
    const QString outcome = metrics::outcome(error ? error->code() : QString());
    const double seconds = double(nsecs) / 1e9;
    if (histogram)
        metrics::observe(*histogram, {m_call.backend.isEmpty() ? u"none"_s : m_call.backend, tenant, outcome}, seconds);
    if (outermost)
        metrics::recordOperation({QDateTime::currentMSecsSinceEpoch(), span, m_call.tenant,
                                  logging::current().requestId, seconds, outcome, 0});
    if (outermost && error && error->kind() == ServiceError::Kind::QuotaExceeded)
        metrics::add(metrics::Metric::QuotaRefusals,
                     {tenant, error->details().value(u"limit"_s).toString(u"unknown"_s)});
}

const VectorStore &VectorStoreService::noteStore(const VectorStore &store)
{
    const QString name = backendName(store.backend);
    m_call.backend = m_call.backend.isEmpty() || m_call.backend == name ? name : u"mixed"_s;
    return store;
}

Result<void> VectorStoreService::refreshStateMetrics(Database &db, qint64 now)
{
    const QString doing = u"reading the metrics' state"_s;
    // Per live store: its counters (kept exact by every change, core/service/storecounters.h).
    auto stores = runQuery(db,
                           u"SELECT s.backend, t.slug, sum(s.files_in_progress), sum(s.files_completed), "
                           u"sum(s.files_failed), sum(s.files_cancelled), sum(s.usage_bytes) "
                           u"FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id "
                           u"WHERE s.deleted_at IS NULL AND t.deleted_at IS NULL GROUP BY s.backend, t.slug"_s,
                           {}, doing);
    if (!stores)
        return stores.error();
    // The oldest file waiting, per backend and tenant.
    auto oldest = runQuery(db,
                           u"SELECT s.backend, t.slug, min(f.status_changed_at) FROM vector_store_files f "
                           u"JOIN vector_stores s ON s.id = f.store_id JOIN tenants t ON t.id = s.tenant_id "
                           u"WHERE f.status = 'in_progress' AND f.deleted_at IS NULL AND s.deleted_at IS NULL "
                           u"AND t.deleted_at IS NULL GROUP BY s.backend, t.slug"_s,
                           {}, doing);
    if (!oldest)
        return oldest.error();
    for (metrics::Metric m : {metrics::Metric::QueueFiles, metrics::Metric::QueueOldestSeconds,
                              metrics::Metric::StoreFiles, metrics::Metric::UsageBytes})
        metrics::clear(m);
    const QStringList statuses{u"in_progress"_s, u"completed"_s, u"failed"_s, u"cancelled"_s}; // columns 2..5
    QSqlQuery &s = stores.value();
    while (s.next()) {
        const QString backend = s.value(0).toString();
        const QString tenant = s.value(1).toString();
        metrics::set(metrics::Metric::QueueFiles, {backend, tenant}, s.value(2).toDouble());
        metrics::set(metrics::Metric::QueueOldestSeconds, {backend, tenant}, 0);
        for (qsizetype i = 0; i < statuses.size(); ++i)
            metrics::set(metrics::Metric::StoreFiles, {backend, tenant, statuses.at(i)},
                         s.value(int(2 + i)).toDouble());
        metrics::set(metrics::Metric::UsageBytes, {backend, tenant}, s.value(6).toDouble());
    }
    QSqlQuery &o = oldest.value();
    while (o.next())
        metrics::set(metrics::Metric::QueueOldestSeconds, {o.value(0).toString(), o.value(1).toString()},
                     double(std::max<qint64>(0, now - o.value(2).toLongLong())) / 1000.0);
    return {};
}

} // namespace vd
