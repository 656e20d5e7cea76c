#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The process's metrics (docs/observability.md): counters, gauges and histograms with a fixed
// catalogue of names and label sets, rendered in Prometheus's text format or as JSON.
//
// Why not prometheus-cpp: Debian 12 does not package it, and nothing may be downloaded at build
// time. What VectorDesk needs of it is small: a thread-safe registry and the text format, which
// `promtool check metrics` validates in the suite (tests/tst_metrics.cpp).
//
// Label values are bounded by construction at every call site (backends, tenants' slugs, stable
// error codes, HTTP statuses, fixed stage and action names) and checked again here: a value that
// is not a short lowercase token becomes "other", so no file name or free text ever becomes a
// label. Thread-safe.
namespace vd::metrics {

enum class Type { Counter, Gauge, Histogram };

enum class Metric {
    // Events, counted by the process that did the work.
    AttachSeconds, // {backend, tenant, outcome}: one attach call, check to queued
    IngestionSeconds, // {backend, tenant, outcome}: attach to completed (or failed)
    IngestStageSeconds, // {backend, stage}: extract, tokenize, index of one file
    IngestedBytes, // {backend, tenant}
    IngestedChunks, // {backend, tenant}
    SearchSeconds, // {backend, tenant, outcome}
    SearchResults, // {backend, tenant}: results per search
    OpenAIRequestSeconds, // {operation, status}
    OpenAIRetries, // {operation, status}
    OpenAIErrors, // {operation, status}
    QuotaRefusals, // {tenant, limit}
    SyncPassSeconds, // {outcome}
    SyncItems, // {action, outcome}
    ApiRequests, // {route, status}
    ApiRequestSeconds, // {route}
    SpansDropped, // {reason}
    // State, read from the database when scraped (VectorStoreService::refreshStateMetrics).
    QueueFiles, // {backend, tenant}: files waiting for ingestion
    QueueOldestSeconds, // {backend, tenant}: how long the oldest of them has waited
    StoreFiles, // {backend, tenant, status}: live files of live stores
    UsageBytes, // {backend, tenant}: indexed bytes of live stores
};

struct Family
{
    Metric metric;
    QString name; // without the _total, _bucket, _sum and _count suffixes
    Type type;
    QString help;
    QStringList labels;
    QList<double> buckets; // histograms: upper bounds, ascending (+Inf is implied)
};

// Every family, in the order they are rendered.
const QList<Family> &catalogue();
const Family &family(Metric metric);

// Off: every record call returns at once (the benchmark's "off" run).
void setEnabled(bool enabled);
bool enabled();

// Record. `labels` are the values of the family's labels, in its order.
void add(Metric metric, const QStringList &labels, double by = 1.0);
void observe(Metric metric, const QStringList &labels, double value);
void set(Metric metric, const QStringList &labels, double value);
// Drops every series of a family (state gauges are replaced as a whole when refreshed).
void clear(Metric metric);
// Drops every series of every family (tests).
void reset();

// Read: a counter's or gauge's value, or a histogram's count; 0 for a series never recorded.
double value(Metric metric, const QStringList &labels);
// The sum over every series of a family: values, or a histogram's counts.
double total(Metric metric);
// The largest value of a counter's or gauge's series (0 without any), e.g. the oldest waiting file.
double maximum(Metric metric);
// A histogram's sum of observations.
double sum(Metric metric, const QStringList &labels);
// An estimate of a histogram's quantile (0..1) over all its series whose labels contain
// `matching` (name → value), interpolated within the bucket as Prometheus's
// histogram_quantile does; nullopt without observations.
std::optional<double> quantile(Metric metric, double q, const QList<std::pair<QString, QString>> &matching = {});

// Prometheus text format 0.0.4. `tenant`: only the series of that tenant (families without a
// tenant label are left out); empty: everything.
QByteArray prometheusText(const QString &tenant = {});
// {"metrics":[{"name","type","help","series":[{"labels":{…},"value"|"count","sum","buckets"}]}]}
QJsonObject toJson(const QString &tenant = {});
// Writes prometheusText() to `path` atomically (a temporary file renamed over it), for
// node_exporter's textfile collector.
bool writeTextfile(const QString &path, QString *error);

// One finished operation of this process (a measured service call, a file's ingestion), for the
// window's Activity view: what, for whom, its request id, how long, how it ended.
struct Operation
{
    qint64 atMs = 0; // when it ended
    QString name; // the span's name: "attach", "search", "ingest", …
    QString tenant;
    QString requestId;
    double seconds = 0;
    QString outcome; // "ok" or the error code
    qint64 fileId = 0; // the file an ingestion was about
};
// Keeps the last 500 (thread-safe).
void recordOperation(Operation operation);
// Oldest first.
QList<Operation> recentOperations();

// The label value kept for `value`: itself when it is a token of at most 80 of [A-Za-z0-9_.:/{}-],
// else "other".
QString labelValue(const QString &value);
// The outcome label of a call: "ok", or the stable code of its error.
QString outcome(const QString &errorCode);

} // namespace vd::metrics
