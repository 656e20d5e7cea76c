// What metrics and tracing cost (docs/benchmarks.md, "Observability"; docs/observability.md):
// ingestion throughput and search latency with both off, and with metrics on and every span
// exported to an OTLP collector on loopback, in the same run. Rounds alternate off/on so that a
// warm cache or a busy neighbour favours neither.
//
// bench_observability [--mb 20] [--rounds 4] [--queries 300] [--dir D]

#include "bench/support/textgenerator.h"
#include "core/domain/searchrequest.h"
#include "core/ingestion/ingestor.h"
#include "core/metrics/metrics.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/databaseurl.h"
#include "core/tracing/tracing.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <httplib.h>
#include <thread>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

// Takes every batch and answers at once, as a collector on the same machine would.
class Collector
{
public:
    Collector()
    {
        m_server.Post("/v1/traces", [this](const httplib::Request &req, httplib::Response &res) {
            m_bytes += qint64(req.body.size());
            res.set_content("{}", "application/json");
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
    }
    ~Collector()
    {
        m_server.stop();
        m_thread.join();
    }
    QString url() const { return u"http://127.0.0.1:%1"_s.arg(m_port); }
    qint64 bytes() const { return m_bytes; }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    std::atomic<qint64> m_bytes{0};
};

// --only metrics|tracing: turn on just one of them in the "on" rounds.
QString g_only;

void instrument(bool on, const Collector &collector)
{
    if (on) {
        metrics::setEnabled(g_only != u"tracing"_s);
        if (g_only != u"metrics"_s) {
            tracing::Config config;
            config.endpoint = QUrl(collector.url());
            tracing::configure(config);
        }
    } else {
        tracing::shutdown(5000); // counts what it drops while metrics are still on
        metrics::setEnabled(false);
    }
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size()))));
}

double median(QList<double> values)
{
    return percentile(std::move(values), 0.5);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{u"mb"_s, u"Megabytes ingested per round."_s, u"mb"_s, u"20"_s},
                       {u"rounds"_s, u"Rounds of each (off, on alternating)."_s, u"n"_s, u"4"_s},
                       {u"queries"_s, u"Searches per round."_s, u"n"_s, u"300"_s},
                       {u"dir"_s, u"Work folder (default: a temporary one)."_s, u"dir"_s},
                       {u"only"_s, u"Turn on only metrics or only tracing in the \"on\" rounds."_s, u"which"_s}});
    parser.process(app);
    g_only = parser.value(u"only"_s);
    const int mb = parser.value(u"mb"_s).toInt();
    const int rounds = std::max(2, parser.value(u"rounds"_s).toInt());
    const int queries = parser.value(u"queries"_s).toInt();
    QTextStream out(stdout);

    QTemporaryDir temp;
    const QString dir = parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) : temp.path();
    QDir().mkpath(dir);
    QString error;
    const auto url = DatabaseUrl::parse(dir + u"/bench.sqlite"_s, &error);
    auto session = CoreSession::open(url.value(), u"bench"_s, true);
    if (!session) {
        out << "cannot open the database: " << session.error().message() << '\n';
        return 1;
    }
    VectorStoreService &service = session.value()->service();
    if (!service.tenant(u"bench"_s))
        if (auto made = service.createTenant({u"bench"_s, u"Bench"_s, u"enterprise"_s, u"local"_s}); !made) {
            out << made.error().message() << '\n';
            return 1;
        }
    Collector collector;
    engine::Ingestor ingestor(session.value()->database(), session.value()->backends().resolver());
    bench::TextGenerator text(7);

    // Ingestion: each round attaches fresh files of about 200 KB to a store of its own.
    QList<double> offMBs;
    QList<double> onMBs;
    qint64 spans = 0;
    for (int round = 0; round < 2 * rounds; ++round) {
        const bool on = round % 2 == 1;
        const QString store = u"ingest-%1"_s.arg(round);
        if (auto made = service.createStore(u"bench"_s, {store, {}, {}, {}, {}}); !made) {
            out << made.error().message() << '\n';
            return 1;
        }
        QStringList paths;
        qint64 bytes = 0;
        for (int i = 0; bytes < qint64(mb) * 1024 * 1024; ++i) {
            QByteArray body;
            while (body.size() < 200 * 1024)
                body += text.paragraph(120);
            const QString path = dir + u"/files/%1-%2.txt"_s.arg(round).arg(i);
            QDir().mkpath(dir + u"/files"_s);
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(body) != body.size())
                return 1;
            bytes += body.size();
            paths << path;
        }
        instrument(on, collector);
        const qint64 before = collector.bytes();
        QElapsedTimer took;
        took.start();
        for (const QString &path : std::as_const(paths))
            if (auto attached = service.attachPath(u"bench"_s, store, path); !attached) {
                out << attached.error().message() << '\n';
                return 1;
            }
        auto summary = ingestor.drain({}, {}, std::nullopt, std::nullopt);
        const double seconds = double(took.nsecsElapsed()) / 1e9;
        instrument(false, collector); // flushes the last spans outside the timed part
        if (!summary || summary->failed > 0) {
            out << "ingestion failed\n";
            return 1;
        }
        (on ? onMBs : offMBs) << double(bytes) / 1048576.0 / seconds;
        if (on)
            spans += collector.bytes() - before;
    }

    // Search: every store at once (the merge included); the same queries each round.
    QStringList all;
    for (int round = 0; round < 2 * rounds; ++round)
        all << u"ingest-%1"_s.arg(round);
    QList<SearchRequest> requests;
    for (int i = 0; i < queries; ++i) {
        SearchRequest r;
        r.queries = {QString::fromUtf8(text.queryWord() + ' ' + text.queryWord())};
        requests << r;
    }
    QList<double> offMs;
    QList<double> onMs;
    for (int round = 0; round < 2 * rounds; ++round) {
        const bool on = round % 2 == 1;
        instrument(on, collector);
        for (const SearchRequest &r : std::as_const(requests)) {
            QElapsedTimer took;
            took.start();
            auto found = service.search(u"bench"_s, all, r);
            const double ms = double(took.nsecsElapsed()) / 1e6;
            if (!found) {
                out << found.error().message() << '\n';
                return 1;
            }
            (on ? onMs : offMs) << ms;
        }
        instrument(false, collector);
    }

    const double offIngest = median(offMBs);
    const double onIngest = median(onMBs);
    out << u"Ingestion, %1 MB per round, %2 rounds each, median MB/s: off %3, on %4 (cost %5 %)\n"_s.arg(mb)
               .arg(rounds)
               .arg(offIngest, 0, 'f', 2)
               .arg(onIngest, 0, 'f', 2)
               .arg((offIngest / onIngest - 1.0) * 100.0, 0, 'f', 1);
    const double offP50 = percentile(offMs, 0.5);
    const double onP50 = percentile(onMs, 0.5);
    const double offP99 = percentile(offMs, 0.99);
    const double onP99 = percentile(onMs, 0.99);
    out << u"Search, %1 queries x %2 rounds each: p50 off %3 ms, on %4 ms (cost %5 %); p99 off %6 ms, on %7 ms\n"_s
               .arg(queries)
               .arg(rounds)
               .arg(offP50, 0, 'f', 3)
               .arg(onP50, 0, 'f', 3)
               .arg((onP50 / offP50 - 1.0) * 100.0, 0, 'f', 1)
               .arg(offP99, 0, 'f', 3)
               .arg(onP99, 0, 'f', 3);
    out << u"Spans exported during the ingestion rounds: %1 KB of OTLP JSON; dropped: %2\n"_s.arg(spans / 1024)
               .arg(metrics::value(metrics::Metric::SpansDropped, {u"queue_full"_s})
                    + metrics::value(metrics::Metric::SpansDropped, {u"export_failed"_s}));
    return 0;
}
