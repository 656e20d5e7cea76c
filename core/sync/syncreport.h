#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace vd {

// What a sync pass is asked to do (docs/sync.md).
struct SyncOptions
{
    QString triggeredBy = QStringLiteral("manual"); // gui | headless | manual
    QString tenant; // slug or id; empty: every tenant
    bool dryRun = false; // report what would be done, change nothing
    qint64 stuckAfterMs = 60LL * 60 * 1000; // files in_progress longer than this are flagged
    int expiryWarningDays = 3; // stores expiring within this many days are reported
    qint64 retentionMs = 7LL * 24 * 60 * 60 * 1000; // soft-deleted items older than this are purged
    int batchSize = 200; // rows per batch (and per write transaction)
    qint64 leaseMs = 60'000; // how long the lease lasts without a heartbeat
};

// One thing a pass did, would do (dry run), failed to do, or reports.
struct SyncItem
{
    // ingest | refresh_store | refresh_file | missing_store | missing_file | expire | expiry_fixed |
    // expiry_warning | stuck | purge_file | purge_store | purge_tenant | pass
    QString action;
    QString outcome; // done | planned | failed | reported
    qint64 tenantId = 0;
    QString tenant;
    qint64 storeId = 0;
    QString store;
    qint64 fileId = 0;
    QString file;
    QString detail; // one line for people
    QString error; // failed only
    QJsonObject extra; // machine-readable facts (expires_at, waited_ms, ...)
    QString requestId; // the work's request id: sync-run:<run>/<n> (docs/observability.md)

    QString target() const; // "tenant acme / store docs / file 12 (a.pdf)"
    QJsonObject toJson() const;
};

// The record of one pass: what sync_runs keeps, plus every item.
struct SyncReport
{
    qint64 runId = 0; // sync_runs.id (0 for a dry run, which records nothing)
    QString host;
    qint64 pid = 0;
    QString triggeredBy;
    bool dryRun = false;
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
    QString status; // succeeded | failed | cancelled
    QList<SyncItem> items;

    int failures() const;
    // {"ingest": {"done": 3, "failed": 1}, "purge_file": {"planned": 2}, ...}
    QJsonObject counts() const;
    QJsonObject toJson() const;
};

} // namespace vd
