#include "cli/commands.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/metrics/metrics.h"
#include "core/service/vectorstoreservice.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

// The database's state as metrics: what any process on it can read (docs/observability.md).
// The counters and latencies of work belong to the process that did it (serve's /metrics,
// --sync --metrics-file); in this command they are empty.
int showMetrics(Context &c, const Invocation &in)
{
    QString tenant;
    if (in.isSet(u"tenant"_s)) {
        // Named through the service, so that a tenant the operator cannot see is refused.
        auto found = c.service().tenant(in.value(u"tenant"_s));
        if (!found)
            return c.fail(found.error());
        tenant = found->slug;
    }
    if (auto refreshed = VectorStoreService::refreshStateMetrics(c.database(), QDateTime::currentMSecsSinceEpoch());
        !refreshed)
        return c.fail(refreshed.error());
    if (c.json())
        printJson(c, metrics::toJson(tenant));
    else
        c.out() << QString::fromUtf8(metrics::prometheusText(tenant));
    return Ok;
}

} // namespace

QList<std::shared_ptr<Command>> metricsCommands()
{
    return {command({.name = u"metrics"_s,
                     .syntax = u"[--tenant T] [--json]"_s,
                     .summary = u"Print the database's state as Prometheus metrics (ingestion queue, files by status, "
                                u"usage; docs/observability.md), or as JSON with --json."_s,
                     .options = {{u"tenant"_s, u"Only this tenant's series, by slug or id."_s, u"tenant"_s}}},
                    showMetrics)};
}

} // namespace vd::cli
