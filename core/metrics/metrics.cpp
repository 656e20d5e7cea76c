#include "core/metrics/metrics.h"

#include "core/logging/logging.h"

#include <QHash>
#include <QJsonArray>
#include <QLocale>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSaveFile>

#include <atomic>
#include <cmath>
#include <deque>
#include <map>

using namespace Qt::Literals::StringLiterals;

namespace vd::metrics {
namespace {

// Latencies from a millisecond to a quarter of an hour (an ingestion of a large PDF).
const QList<double> kSeconds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900};
const QList<double> kResults{0, 1, 2, 5, 10, 20, 50};

QList<Family> makeCatalogue()
{
    const QStringList bto{u"backend"_s, u"tenant"_s, u"outcome"_s};
    const QStringList bt{u"backend"_s, u"tenant"_s};
    const QStringList os{u"operation"_s, u"status"_s};
    return {
        {Metric::AttachSeconds, u"vectordesk_attach_seconds"_s, Type::Histogram,
         u"Time of one attach call: checks, staging the bytes and queueing the file."_s, bto, kSeconds},
        {Metric::IngestionSeconds, u"vectordesk_ingestion_seconds"_s, Type::Histogram,
         u"Time from a file's attach to its ingestion's end (completed or failed)."_s, bto, kSeconds},
        {Metric::IngestStageSeconds,
         u"vectordesk_ingest_stage_seconds"_s,
         Type::Histogram,
         u"Time of one stage of a file's ingestion by the local engine: extract, tokenize, index."_s,
         {u"backend"_s, u"stage"_s},
         kSeconds},
        {Metric::IngestedBytes,
         u"vectordesk_ingested_bytes"_s,
         Type::Counter,
         u"Bytes of files whose ingestion completed."_s,
         bt,
         {}},
        {Metric::IngestedChunks,
         u"vectordesk_ingested_chunks"_s,
         Type::Counter,
         u"Chunks indexed by completed ingestions (local engine)."_s,
         bt,
         {}},
        {Metric::SearchSeconds, u"vectordesk_search_seconds"_s, Type::Histogram,
         u"Time of one search call over one or more stores of a tenant."_s, bto, kSeconds},
        {Metric::SearchResults, u"vectordesk_search_results"_s, Type::Histogram,
         u"Results returned per successful search."_s, bt, kResults},
        {Metric::OpenAIRequestSeconds, u"vectordesk_openai_request_seconds"_s, Type::Histogram,
         u"Time of one HTTP request to the OpenAI API, by operation and HTTP status (0: no answer)."_s, os, kSeconds},
        {Metric::OpenAIRetries,
         u"vectordesk_openai_retries"_s,
         Type::Counter,
         u"Requests to the OpenAI API sent again, by the status that caused the retry."_s,
         os,
         {}},
        {Metric::OpenAIErrors,
         u"vectordesk_openai_errors"_s,
         Type::Counter,
         u"Requests to the OpenAI API that ended in an error, by status (0: no answer)."_s,
         os,
         {}},
        {Metric::QuotaRefusals,
         u"vectordesk_quota_refusals"_s,
         Type::Counter,
         u"Changes refused by a plan limit, by the limit."_s,
         {u"tenant"_s, u"limit"_s},
         {}},
        {Metric::SyncPassSeconds,
         u"vectordesk_sync_pass_seconds"_s,
         Type::Histogram,
         u"Time of one sync pass, by its outcome."_s,
         {u"outcome"_s},
         kSeconds},
        {Metric::SyncItems,
         u"vectordesk_sync_items"_s,
         Type::Counter,
         u"Items sync passes handled, by action and outcome."_s,
         {u"action"_s, u"outcome"_s},
         {}},
        {Metric::ApiRequests,
         u"vectordesk_api_requests"_s,
         Type::Counter,
         u"Requests answered by vectordesk serve, by route and HTTP status."_s,
         {u"route"_s, u"status"_s},
         {}},
        {Metric::ApiRequestSeconds,
         u"vectordesk_api_request_seconds"_s,
         Type::Histogram,
         u"Time vectordesk serve took to answer a request, by route."_s,
         {u"route"_s},
         kSeconds},
        {Metric::SpansDropped,
         u"vectordesk_trace_spans_dropped"_s,
         Type::Counter,
         u"Trace spans not exported: the buffer was full or the collector failed."_s,
         {u"reason"_s},
         {}},
        {Metric::QueueFiles,
         u"vectordesk_ingestion_queue_files"_s,
         Type::Gauge,
         u"Files waiting for ingestion (in_progress), read from the database."_s,
         bt,
         {}},
        {Metric::QueueOldestSeconds,
         u"vectordesk_ingestion_queue_oldest_seconds"_s,
         Type::Gauge,
         u"How long the oldest file waiting for ingestion has waited, read from the database."_s,
         bt,
         {}},
        {Metric::StoreFiles,
         u"vectordesk_store_files"_s,
         Type::Gauge,
         u"Live files of live stores by status, read from the database."_s,
         {u"backend"_s, u"tenant"_s, u"status"_s},
         {}},
        {Metric::UsageBytes,
         u"vectordesk_usage_bytes"_s,
         Type::Gauge,
         u"Indexed bytes of live stores, read from the database."_s,
         bt,
         {}},
    };
}

struct Series
{
    double value = 0; // counter, gauge
    double sum = 0; // histogram
    quint64 count = 0; // histogram
    QList<quint64> buckets; // histogram: per bucket (not cumulative), last one is +Inf
};

struct Registry
{
    QList<Family> families = makeCatalogue();
    QMutex mutex;
    // Per family, its series by label values; std::map keeps the output in a stable order.
    QHash<int, std::map<QStringList, Series>> series;
};

Registry &registry()
{
    static Registry r;
    return r;
}

std::atomic<bool> g_enabled{true};

struct Operations
{
    QMutex mutex;
    std::deque<Operation> list;
};

Operations &operations()
{
    static Operations o;
    return o;
}

QStringList cleanLabels(const Family &f, const QStringList &labels)
{
    QStringList out;
    out.reserve(f.labels.size());
    for (qsizetype i = 0; i < f.labels.size(); ++i)
        out.append(labelValue(i < labels.size() ? labels.at(i) : QString()));
    return out;
}

Series &seriesFor(Registry &r, const Family &f, const QStringList &labels)
{
    Series &s = r.series[int(f.metric)][cleanLabels(f, labels)];
    if (f.type == Type::Histogram && s.buckets.isEmpty())
        s.buckets.fill(0, f.buckets.size() + 1);
    return s;
}

const Series *findSeries(Registry &r, const Family &f, const QStringList &labels)
{
    const auto family = r.series.constFind(int(f.metric));
    if (family == r.series.cend())
        return nullptr;
    const auto it = family->find(cleanLabels(f, labels));
    return it == family->end() ? nullptr : &it->second;
}

QString number(double v)
{
    if (std::isinf(v))
        return v > 0 ? u"+Inf"_s : u"-Inf"_s;
    if (std::isnan(v))
        return u"NaN"_s;
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return QString::number(qint64(v));
    return QString::number(v, 'g', QLocale::FloatingPointShortest);
}

QString escaped(QString v)
{
    return v.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s).replace(u'\n', u"\\n"_s);
}

QString labelText(const Family &f, const QStringList &values, const QString &extraName = {},
                  const QString &extraValue = {})
{
    QStringList parts;
    for (qsizetype i = 0; i < f.labels.size(); ++i)
        parts.append(u"%1=\"%2\""_s.arg(f.labels.at(i), escaped(values.at(i))));
    if (!extraName.isEmpty())
        parts.append(u"%1=\"%2\""_s.arg(extraName, escaped(extraValue)));
    return parts.isEmpty() ? QString() : u"{"_s + parts.join(u',') + u"}"_s;
}

bool keep(const Family &f, const QStringList &values, const QString &tenant)
{
    if (tenant.isEmpty())
        return true;
    const qsizetype at = f.labels.indexOf(u"tenant"_s);
    return at >= 0 && values.at(at).compare(labelValue(tenant), Qt::CaseInsensitive) == 0;
}

} // namespace

const QList<Family> &catalogue()
{
    return registry().families;
}

const Family &family(Metric metric)
{
    return registry().families.at(int(metric));
}

void setEnabled(bool on)
{
    g_enabled.store(on, std::memory_order_relaxed);
}

bool enabled()
{
    return g_enabled.load(std::memory_order_relaxed);
}

void recordOperation(Operation operation)
{
    Operations &o = operations();
    QMutexLocker lock(&o.mutex);
    o.list.push_back(std::move(operation));
    if (o.list.size() > 500)
        o.list.pop_front();
}

QList<Operation> recentOperations()
{
    Operations &o = operations();
    QMutexLocker lock(&o.mutex);
    return QList<Operation>(o.list.cbegin(), o.list.cend());
}

QString labelValue(const QString &value)
{
    // Routes ("post:/v1/vector_stores/{id}/search") are the longest labels.
    static const QRegularExpression token(u"^[A-Za-z0-9_.:/{}-]{1,80}$"_s);
    // A key or token is a token too: whatever the log redaction would hide is no label either.
    return token.match(value).hasMatch() && logging::redactSecrets(value) == value ? value : u"other"_s;
}

QString outcome(const QString &errorCode)
{
    return errorCode.isEmpty() ? u"ok"_s : errorCode;
}

void add(Metric metric, const QStringList &labels, double by)
{
    if (!enabled())
        return;
    Registry &r = registry();
    const Family &f = family(metric);
    QMutexLocker lock(&r.mutex);
    seriesFor(r, f, labels).value += by;
}

void set(Metric metric, const QStringList &labels, double value)
{
    if (!enabled())
        return;
    Registry &r = registry();
    const Family &f = family(metric);
    QMutexLocker lock(&r.mutex);
    seriesFor(r, f, labels).value = value;
}

void observe(Metric metric, const QStringList &labels, double value)
{
    if (!enabled())
        return;
    Registry &r = registry();
    const Family &f = family(metric);
    qsizetype bucket = 0;
    while (bucket < f.buckets.size() && value > f.buckets.at(bucket))
        ++bucket;
    QMutexLocker lock(&r.mutex);
    Series &s = seriesFor(r, f, labels);
    s.sum += value;
    ++s.count;
    ++s.buckets[bucket];
}

void clear(Metric metric)
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    r.series.remove(int(metric));
}

void reset()
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    r.series.clear();
}

double value(Metric metric, const QStringList &labels)
{
    Registry &r = registry();
    const Family &f = family(metric);
    QMutexLocker lock(&r.mutex);
    const Series *s = findSeries(r, f, labels);
    if (!s)
        return 0;
    return f.type == Type::Histogram ? double(s->count) : s->value;
}

double total(Metric metric)
{
    Registry &r = registry();
    const Family &f = family(metric);
    QMutexLocker lock(&r.mutex);
    const auto found = r.series.constFind(int(metric));
    if (found == r.series.cend())
        return 0;
    double all = 0;
    for (const auto &[labels, s] : *found)
        all += f.type == Type::Histogram ? double(s.count) : s.value;
    return all;
}

double maximum(Metric metric)
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    const auto found = r.series.constFind(int(metric));
    if (found == r.series.cend() || family(metric).type == Type::Histogram)
        return 0;
    double most = 0;
    for (const auto &[labels, s] : *found)
        most = std::max(most, s.value);
    return most;
}

double sum(Metric metric, const QStringList &labels)
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    const Series *s = findSeries(r, family(metric), labels);
    return s ? s->sum : 0;
}

std::optional<double> quantile(Metric metric, double q, const QList<std::pair<QString, QString>> &matching)
{
    Registry &r = registry();
    const Family &f = family(metric);
    if (f.type != Type::Histogram)
        return std::nullopt;
    QList<quint64> buckets(f.buckets.size() + 1, 0);
    quint64 count = 0;
    {
        QMutexLocker lock(&r.mutex);
        const auto family = r.series.constFind(int(metric));
        if (family == r.series.cend())
            return std::nullopt;
        for (const auto &[labels, s] : *family) {
            bool matches = true;
            for (const auto &[name, wanted] : matching)
                matches = matches && labels.value(f.labels.indexOf(name)) == wanted;
            if (!matches)
                continue;
            for (qsizetype i = 0; i < s.buckets.size(); ++i)
                buckets[i] += s.buckets.at(i);
            count += s.count;
        }
    }
    if (count == 0)
        return std::nullopt;
    const double rank = q * double(count);
    quint64 below = 0;
    for (qsizetype i = 0; i < buckets.size(); ++i) {
        if (double(below + buckets.at(i)) >= rank && buckets.at(i) > 0) {
            // Beyond the last bound there is no upper edge: answer the last bound, as Prometheus does.
            if (i == f.buckets.size())
                return f.buckets.isEmpty() ? 0.0 : f.buckets.last();
            const double lower = i == 0 ? 0.0 : f.buckets.at(i - 1);
            const double upper = f.buckets.at(i);
            return lower + (upper - lower) * (rank - double(below)) / double(buckets.at(i));
        }
        below += buckets.at(i);
    }
    return f.buckets.isEmpty() ? 0.0 : f.buckets.last();
}

QByteArray prometheusText(const QString &tenant)
{
    Registry &r = registry();
    QString out;
    QMutexLocker lock(&r.mutex);
    for (const Family &f : std::as_const(r.families)) {
        if (!tenant.isEmpty() && !f.labels.contains(u"tenant"_s))
            continue;
        const QString name = f.type == Type::Counter ? f.name + u"_total"_s : f.name;
        out += u"# HELP %1 %2\n"_s.arg(name, f.help);
        out += u"# TYPE %1 %2\n"_s.arg(name,
                                       f.type == Type::Counter     ? u"counter"_s
                                           : f.type == Type::Gauge ? u"gauge"_s
                                                                   : u"histogram"_s);
        const auto family = r.series.constFind(int(f.metric));
        if (family == r.series.cend())
            continue;
        for (const auto &[labels, s] : *family) {
            if (!keep(f, labels, tenant))
                continue;
            if (f.type != Type::Histogram) {
                out += name + labelText(f, labels) + u' ' + number(s.value) + u'\n';
                continue;
            }
            quint64 cumulative = 0;
            for (qsizetype i = 0; i <= f.buckets.size(); ++i) {
                cumulative += s.buckets.at(i);
                const QString le = i < f.buckets.size() ? number(f.buckets.at(i)) : u"+Inf"_s;
                out += f.name + u"_bucket"_s + labelText(f, labels, u"le"_s, le) + u' ' + number(double(cumulative))
                    + u'\n';
            }
            out += f.name + u"_sum"_s + labelText(f, labels) + u' ' + number(s.sum) + u'\n';
            out += f.name + u"_count"_s + labelText(f, labels) + u' ' + number(double(s.count)) + u'\n';
        }
    }
    return out.toUtf8();
}

QJsonObject toJson(const QString &tenant)
{
    Registry &r = registry();
    QJsonArray families;
    QMutexLocker lock(&r.mutex);
    for (const Family &f : std::as_const(r.families)) {
        if (!tenant.isEmpty() && !f.labels.contains(u"tenant"_s))
            continue;
        QJsonArray series;
        const auto family = r.series.constFind(int(f.metric));
        if (family != r.series.cend()) {
            for (const auto &[labels, s] : *family) {
                if (!keep(f, labels, tenant))
                    continue;
                QJsonObject l;
                for (qsizetype i = 0; i < f.labels.size(); ++i)
                    l.insert(f.labels.at(i), labels.at(i));
                QJsonObject one{{u"labels"_s, l}};
                if (f.type == Type::Histogram) {
                    one.insert(u"count"_s, double(s.count));
                    one.insert(u"sum"_s, s.sum);
                    QJsonArray buckets;
                    quint64 cumulative = 0;
                    for (qsizetype i = 0; i <= f.buckets.size(); ++i) {
                        cumulative += s.buckets.at(i);
                        buckets.append(QJsonObject{
                            {u"le"_s, i < f.buckets.size() ? QJsonValue(f.buckets.at(i)) : QJsonValue(u"+Inf"_s)},
                            {u"count"_s, double(cumulative)}});
                    }
                    one.insert(u"buckets"_s, buckets);
                } else {
                    one.insert(u"value"_s, s.value);
                }
                series.append(one);
            }
        }
        families.append(QJsonObject{{u"name"_s, f.type == Type::Counter ? f.name + u"_total"_s : f.name},
                                    {u"type"_s,
                                     f.type == Type::Counter     ? u"counter"_s
                                         : f.type == Type::Gauge ? u"gauge"_s
                                                                 : u"histogram"_s},
                                    {u"help"_s, f.help},
                                    {u"series"_s, series}});
    }
    return QJsonObject{{u"object"_s, u"metrics"_s}, {u"metrics"_s, families}};
}

bool writeTextfile(const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"Cannot write the metrics file %1: %2. Check that its folder exists and is writable."_s.arg(
            path, file.errorString());
        return false;
    }
    const QByteArray text = prometheusText();
    if (file.write(text) != text.size() || !file.commit()) {
        *error = u"Cannot write the metrics file %1: %2."_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace vd::metrics
