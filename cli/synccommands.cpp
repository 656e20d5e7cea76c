#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/domain/units.h"
#include "core/engine/localengine.h"
#include "core/metrics/metrics.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/sync/syncworker.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QThread>

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

constexpr int kShownPerAction = 50;

QString actionTitle(const QString &action, bool dryRun)
{
    static const QHash<QString, std::pair<QString, QString>> titles = {
        {u"ingest"_s, {u"Ingested"_s, u"Would ingest (or resume)"_s}},
        {u"refresh_store"_s, {u"Refreshed stores"_s, u"Would refresh stores"_s}},
        {u"refresh_file"_s, {u"Refreshed files"_s, u"Would refresh files"_s}},
        {u"missing_store"_s, {u"Missing remotely (not re-created)"_s, u"Missing remotely (not re-created)"_s}},
        {u"missing_file"_s, {u"Files missing remotely"_s, u"Files missing remotely"_s}},
        {u"expire"_s, {u"Expired"_s, u"Would expire"_s}},
        {u"expiry_fixed"_s, {u"Expiry dates corrected"_s, u"Would correct expiry dates"_s}},
        {u"expiry_warning"_s, {u"Expiring soon"_s, u"Expiring soon"_s}},
        {u"stuck"_s, {u"Stuck in progress"_s, u"Stuck in progress"_s}},
        {u"purge_file"_s, {u"Purged files"_s, u"Would purge files"_s}},
        {u"purge_store"_s, {u"Purged stores"_s, u"Would purge stores"_s}},
        {u"purge_tenant"_s, {u"Purged tenants"_s, u"Would purge tenants"_s}},
        {u"pass"_s, {u"Pass"_s, u"Pass"_s}},
    };
    const auto it = titles.constFind(action);
    if (it == titles.cend())
        return action;
    return dryRun ? it->second : it->first;
}

void printHuman(Context &c, const SyncReport &r)
{
    const double seconds = double(r.finishedAt - r.startedAt) / 1000.0;
    if (r.dryRun)
        c.out() << u"Dry run on %1 (pid %2): nothing was changed. A real pass would do this:\n"_s.arg(r.host).arg(
            r.pid);
    else
        c.out() << u"Sync pass %1 (%2) on %3, pid %4: %5 in %6 s.\n"_s.arg(r.runId)
                       .arg(r.triggeredBy, r.host)
                       .arg(r.pid)
                       .arg(r.status)
                       .arg(seconds, 0, 'f', 1);
    const QStringList order = {u"refresh_store"_s, u"refresh_file"_s, u"missing_store"_s,  u"missing_file"_s,
                               u"expire"_s,        u"expiry_fixed"_s, u"expiry_warning"_s, u"stuck"_s,
                               u"ingest"_s,        u"purge_file"_s,   u"purge_store"_s,    u"purge_tenant"_s,
                               u"pass"_s};
    bool any = false;
    for (const QString &action : order) {
        QList<const SyncItem *> items;
        for (const SyncItem &item : r.items)
            if (item.action == action && item.outcome != u"failed"_s)
                items << &item;
        if (items.isEmpty())
            continue;
        any = true;
        c.out() << u"  %1: %2\n"_s.arg(actionTitle(action, r.dryRun)).arg(items.size());
        for (qsizetype i = 0; i < items.size() && i < kShownPerAction; ++i)
            c.out() << u"    %1%2\n"_s.arg(terminalText(items[i]->target()),
                                           items[i]->detail.isEmpty() ? QString()
                                                                      : u": "_s + terminalText(items[i]->detail));
        if (items.size() > kShownPerAction)
            c.out() << u"    ... and %1 more (--json lists every item)\n"_s.arg(items.size() - kShownPerAction);
    }
    if (!any)
        c.out() << u"  Nothing to do.\n"_s;
    const int failures = r.failures();
    if (failures > 0) {
        c.out() << u"  Failed: %1\n"_s.arg(failures);
        for (const SyncItem &item : r.items)
            if (item.outcome == u"failed"_s)
                c.out() << u"    %1 %2: %3\n"_s.arg(item.action, terminalText(item.target()), terminalText(item.error));
    }
}

// With --watch, one line per pass (JSON Lines); else an indented document.
// With --json, a pass's report (or error) is one JSON object on one line, for one pass or many
// (--watch): appended to a log file (cron, docs/sync.md), the file stays one object per line.
int runOnce(Context &c, SyncWorker &worker, bool wait)
{
    bool announced = false;
    while (true) {
        worker.runPass();
        if (worker.outcome() != SyncWorker::Outcome::LeaseHeld || !wait)
            break;
        if (!announced && !c.json()) {
            c.err() << u"vectordesk: waiting for the sync lease, held by %1\n"_s.arg(worker.message());
            c.err().flush();
        }
        announced = true;
        QThread::msleep(1000);
    }
    switch (worker.outcome()) {
    case SyncWorker::Outcome::Completed: {
        const SyncReport &report = worker.report();
        if (c.json())
            printJsonLine(c, report.toJson());
        else
            printHuman(c, report);
        c.out().flush();
        return report.failures() > 0 ? int(Failed) : int(Ok);
    }
    case SyncWorker::Outcome::LeaseHeld: {
        const QString message = u"Another sync runner holds the lease: %1. This runner did nothing; try again later "
                                u"or use --wait."_s.arg(worker.message());
        if (c.json()) {
            printJsonLine(c,
                          QJsonObject{{u"error"_s,
                                       QJsonObject{{u"code"_s, u"lease_held"_s},
                                                   {u"message"_s, message},
                                                   {u"holder"_s, worker.leaseHolder()}}}});
            c.out().flush();
        } else {
            c.err() << u"vectordesk: "_s << terminalText(message) << u'\n';
            c.err().flush();
        }
        return LeaseHeld;
    }
    case SyncWorker::Outcome::Unavailable:
        c.fail(ServiceError::unavailable(worker.message()));
        return DatabaseUnavailable;
    case SyncWorker::Outcome::Invalid:
        return c.usage(worker.message());
    }
    return Failed;
}

// --metrics-file: the pass's metrics and the database's state, replacing the file at once (a
// temporary file renamed over it) so that node_exporter never reads half of it.
bool writeMetricsFile(Context &c, const DatabaseUrl &url, const QString &path)
{
    QString error;
    Database db(url);
    if (!Database::openAndMigrate(db, &error)) {
        c.fail(ServiceError::unavailable(error));
        return false;
    }
    if (auto refreshed = VectorStoreService::refreshStateMetrics(db, QDateTime::currentMSecsSinceEpoch()); !refreshed) {
        c.fail(refreshed.error());
        return false;
    }
    if (!metrics::writeTextfile(path, &error)) {
        c.failText(error);
        return false;
    }
    return true;
}

int sync(Context &c, const Invocation &in)
{
    const QCommandLineParser &p = in.parser;
    SyncOptions options;
    options.triggeredBy = u"headless"_s;
    options.dryRun = p.isSet(u"dry-run"_s);
    options.tenant = p.value(u"tenant"_s).trimmed();
    if (p.isSet(u"tenant"_s) && options.tenant.isEmpty())
        return c.usage(u"--tenant needs a tenant slug or id."_s);
    if (p.isSet(u"once"_s) && p.isSet(u"watch"_s))
        return c.usage(u"Use either --once or --watch SECONDS, not both."_s);
    qint64 watch = 0;
    qint64 retentionDays = 7;
    qint64 stuckMinutes = 60;
    qint64 warnDays = options.expiryWarningDays;
    if (readWholeNumber(c, p, u"watch"_s, 1, 7 * 24 * 3600, &watch) != Ok
        || readWholeNumber(c, p, u"retention-days"_s, 0, 3650, &retentionDays) != Ok
        || readWholeNumber(c, p, u"stuck-after-minutes"_s, 1, 7 * 24 * 60, &stuckMinutes) != Ok
        || readWholeNumber(c, p, u"warn-days"_s, 0, 365, &warnDays) != Ok)
        return Usage;
    options.retentionMs = retentionDays * kDayMs;
    options.stuckAfterMs = stuckMinutes * kMinuteMs;
    options.expiryWarningDays = int(warnDays);

    const auto url = c.resolveDatabaseUrl();
    if (!url)
        return Usage;
    {
        QString error;
        Database db(url.value());
        if (!Database::openAndMigrate(db, &error)) {
            c.fail(ServiceError::unavailable(error));
            return DatabaseUnavailable;
        }
    }
    const QString metricsFile = p.value(u"metrics-file"_s);
    if (p.isSet(u"metrics-file"_s)) {
        const QFileInfo folder(QFileInfo(metricsFile).absolutePath());
        if (metricsFile.isEmpty() || !folder.isDir() || !folder.isWritable())
            return c.usage(
                u"--metrics-file needs a file in a writable folder (node_exporter's textfile directory, "
                u"for example /var/lib/prometheus/node-exporter/vectordesk.prom), not '%1'."_s.arg(metricsFile));
    }
    SyncWorker worker(url.value(), engine::LocalEngine::rootFor(url.value()), options);
    if (watch == 0) {
        const int code = runOnce(c, worker, p.isSet(u"wait"_s));
        if (!metricsFile.isEmpty() && !writeMetricsFile(c, url.value(), metricsFile))
            return code == Ok ? int(Failed) : code;
        return code;
    }
    // Watching: a pass every `watch` seconds; a held lease or an unavailable database is
    // reported and tried again next time.
    while (true) {
        const qint64 started = QDateTime::currentMSecsSinceEpoch();
        runOnce(c, worker, false);
        if (!metricsFile.isEmpty())
            writeMetricsFile(c, url.value(), metricsFile);
        const qint64 left = watch * kSecondMs - (QDateTime::currentMSecsSinceEpoch() - started);
        if (left > 0)
            QThread::msleep(static_cast<unsigned long>(left));
    }
}

} // namespace

QList<std::shared_ptr<Command>> syncCommands()
{
    return {command(
        {.name = u"sync"_s,
         .syntax = u"[--once | --watch SECONDS] [--dry-run] [--tenant T] [--wait] [--retention-days N] "
                   u"[--stuck-after-minutes N] [--warn-days N] [--metrics-file PATH]"_s,
         .summary = u"Run the sync worker (as vectordesk --sync): ingest waiting files, refresh remote stores, expire "
                    u"stores, flag stuck files, purge what was deleted before the retention. One runner at a time; "
                    u"exit 3 when another holds the lease, 4 when the database is unavailable (docs/sync.md)."_s,
         .options =
             {
                 {u"once"_s, u"One pass, then exit (the default)."_s},
                 {u"watch"_s, u"A pass every SECONDS until stopped."_s, u"seconds"_s},
                 {u"dry-run"_s, u"Print what a pass would expire, purge, retry and refresh; change nothing."_s},
                 {u"tenant"_s, u"Only this tenant, by slug or id."_s, u"tenant"_s},
                 {u"wait"_s, u"When another runner holds the lease, wait for it instead of exiting with 3."_s},
                 {u"retention-days"_s, u"Purge items deleted at least this many days ago (default 7)."_s, u"days"_s},
                 {u"stuck-after-minutes"_s, u"Flag files in progress for longer (default 60)."_s, u"minutes"_s},
                 {u"warn-days"_s, u"Warn about stores expiring within this many days (default 3)."_s, u"days"_s},
                 {u"metrics-file"_s,
                  u"After each pass, write its metrics and the database's state to PATH in Prometheus's text "
                  u"format, replaced atomically (node_exporter's textfile collector; docs/observability.md)."_s,
                  u"path"_s},
             },
         .needsDatabase = false},
        sync)};
}

} // namespace vd::cli
