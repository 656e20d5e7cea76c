// Tracing (core/tracing, docs/observability.md): W3C traceparent, spans received by an in-test OTLP
// collector with the right names, parents, attributes and request ids (in process and from
// `vectordesk serve`), and, with the collector down or slow, work that still succeeds while the
// dropped count rises. Secrets never reach a span.

#include "core/logging/logging.h"
#include "core/metrics/metrics.h"
#include "core/service/vectorstoreservice.h"
#include "core/sync/syncpass.h"
#include "core/tracing/tracing.h"
#include "enginefixture.h"
#include "server/serverprocess.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTest>

#include <httplib.h>
#include <thread>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

// An OTLP/HTTP collector on loopback that keeps every span it is sent; `delayMs` makes it slow.
class Collector
{
public:
    explicit Collector(int delayMs = 0)
    {
        m_server.Post("/v1/traces", [this, delayMs](const httplib::Request &req, httplib::Response &res) {
            if (delayMs > 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
            const QJsonObject body = QJsonDocument::fromJson(QByteArray::fromStdString(req.body)).object();
            QMutexLocker lock(&m_mutex);
            for (const QJsonValue &resource : body[u"resourceSpans"_s].toArray())
                for (const QJsonValue &scope : resource[u"scopeSpans"_s].toArray())
                    for (const QJsonValue &span : scope[u"spans"_s].toArray())
                        m_spans.append(span.toObject());
            ++m_requests;
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
    QList<QJsonObject> spans()
    {
        QMutexLocker lock(&m_mutex);
        return m_spans;
    }
    QList<QJsonObject> named(const QString &name)
    {
        QList<QJsonObject> found;
        for (const QJsonObject &span : spans())
            if (span[u"name"_s].toString() == name)
                found << span;
        return found;
    }

private:
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = 0;
    QMutex m_mutex;
    QList<QJsonObject> m_spans;
    int m_requests = 0;
};

QString attribute(const QJsonObject &span, const QString &key)
{
    for (const QJsonValue &a : span[u"attributes"_s].toArray())
        if (a[u"key"_s].toString() == key) {
            const QJsonObject v = a[u"value"_s].toObject();
            return v.contains(u"stringValue"_s) ? v[u"stringValue"_s].toString()
                                                : v.begin().value().toVariant().toString();
        }
    return {};
}

bool isChildOf(const QJsonObject &child, const QJsonObject &parent)
{
    return child[u"traceId"_s] == parent[u"traceId"_s] && child[u"parentSpanId"_s] == parent[u"spanId"_s];
}

// A closed port: connections are refused at once.
QString closedPortUrl()
{
    httplib::Server probe;
    const int port = probe.bind_to_any_port("127.0.0.1");
    return u"http://127.0.0.1:%1"_s.arg(port); // closed when `probe` goes
}

double dropped()
{
    double total = 0;
    for (const QString &reason : {u"queue_full"_s, u"export_failed"_s, u"shutdown"_s})
        total += metrics::value(metrics::Metric::SpansDropped, {reason});
    return total;
}

SearchRequest query(const QString &text)
{
    SearchRequest r;
    r.queries = {text};
    return r;
}

} // namespace

class TestTracing : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { tracing::shutdown(0); }

    void traceparentIsReadAndWritten_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("valid");
        QTest::newRow("W3C example") << QByteArray("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") << true;
        QTest::newRow("not sampled") << QByteArray("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00") << true;
        QTest::newRow("upper case") << QByteArray("00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01") << false;
        QTest::newRow("zero trace") << QByteArray("00-00000000000000000000000000000000-b7ad6b7169203331-01") << false;
        QTest::newRow("zero span") << QByteArray("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01") << false;
        QTest::newRow("other version") << QByteArray("ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                                       << false;
        QTest::newRow("short") << QByteArray("00-0af7651916cd43dd-b7ad6b7169203331-01") << false;
        QTest::newRow("garbage") << QByteArray("hello") << false;
    }
    void traceparentIsReadAndWritten()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, valid);
        const auto parsed = tracing::parseTraceparent(header);
        QCOMPARE(parsed.has_value(), valid);
        if (valid) {
            QCOMPARE(parsed->traceId, QByteArray("0af7651916cd43dd8448eb211c80319c"));
            QCOMPARE(tracing::traceparent(*parsed).left(52), header.left(52));
        }
    }

    void offRecordsNothingAndCostsNoContext()
    {
        QVERIFY(!tracing::enabled());
        logging::ContextScope scope;
        {
            tracing::Span span(u"search"_s);
            QVERIFY(!span.context().isValid());
            QVERIFY(!tracing::current().isValid());
        }
        QCOMPARE(tracing::queuedSpans(), 0);
    }

    void badEndpointIsRefusedByName()
    {
        QString error;
        QVERIFY(!tracing::configureEndpoint(u"localhost:4318"_s, &error));
        QVERIFY2(error.contains(u"localhost:4318"_s) && error.contains(u"--otlp-endpoint"_s), qPrintable(error));
        QVERIFY(!tracing::enabled());
    }

    // attach → ingest → extract/chunk/index, and search → per-backend search and merge, in one
    // process: names, parents, request ids and attributes as the collector receives them.
    void spansHaveTheirParentsAndRequestIds()
    {
        Collector collector;
        QString error;
        QVERIFY2(tracing::configureEndpoint(collector.url(), &error), qPrintable(error));
        test::EngineFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VectorStoreService &svc = f.service();
        QVERIFY(svc.createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(svc.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        {
            logging::ContextScope scope(u"req_attach_1"_s);
            QVERIFY(svc.attachPath(u"acme"_s, u"docs"_s,
                                   f.writeFile(u"notes.txt"_s, "Rotor blade icing and de-icing boots.\n")));
        }
        QVERIFY(f.ingest());
        {
            logging::ContextScope scope(u"req_search_1"_s);
            QCOMPARE(svc.search(u"acme"_s, {u"docs"_s}, query(u"rotor"_s))->data.size(), 1);
        }
        tracing::shutdown(10000);

        const auto attaches = collector.named(u"attach"_s);
        QCOMPARE(attaches.size(), 1);
        const QJsonObject attach = attaches.first();
        QVERIFY(!attach.contains(u"parentSpanId"_s));
        QCOMPARE(attribute(attach, u"vectordesk.request_id"_s), u"req_attach_1"_s);
        QCOMPARE(attribute(attach, u"vectordesk.tenant"_s), u"acme"_s);
        QCOMPARE(attribute(attach, u"vectordesk.backend"_s), u"local"_s);
        QCOMPARE(attach[u"status"_s][u"code"_s].toInt(), 1);

        // The ingestion ran later, on its own request id, in the attach's trace.
        const auto ingests = collector.named(u"ingest"_s);
        QCOMPARE(ingests.size(), 1);
        const QJsonObject ingest = ingests.first();
        QVERIFY(isChildOf(ingest, attach));
        QVERIFY(attribute(ingest, u"vectordesk.request_id"_s).startsWith(u"req_"_s));
        QVERIFY(attribute(ingest, u"vectordesk.request_id"_s) != u"req_attach_1"_s);
        for (const QString &stage : {u"ingest.extract"_s, u"ingest.chunk"_s, u"ingest.index"_s}) {
            const auto found = collector.named(stage);
            QCOMPARE(found.size(), 1);
            QVERIFY2(isChildOf(found.first(), ingest), qPrintable(stage));
        }

        const auto searches = collector.named(u"search"_s);
        QCOMPARE(searches.size(), 1);
        const QJsonObject search = searches.first();
        QCOMPARE(attribute(search, u"vectordesk.request_id"_s), u"req_search_1"_s);
        QVERIFY(search[u"traceId"_s] != attach[u"traceId"_s]);
        QVERIFY(isChildOf(collector.named(u"search.stores"_s).value(0), search));
        QCOMPARE(attribute(collector.named(u"search.stores"_s).value(0), u"vectordesk.stores"_s), u"1"_s);
        QVERIFY(isChildOf(collector.named(u"search.merge"_s).value(0), search));
        // Every span's times are in order.
        for (const QJsonObject &span : collector.spans())
            QVERIFY(span[u"startTimeUnixNano"_s].toString().toLongLong()
                    <= span[u"endTimeUnixNano"_s].toString().toLongLong());
    }

    void failuresAreMarkedAndSecretsRedacted()
    {
        Collector collector;
        QString error;
        QVERIFY(tracing::configureEndpoint(collector.url(), &error));
        {
            tracing::Span span(u"openai post:files"_s);
            span.setAttribute(u"note"_s, u"key sk-proj-abcdefghijklmnop in a quoted server text"_s);
            span.setError(u"401"_s, u"Incorrect API key provided: Bearer sk-abcdefghijklmnop"_s);
        }
        tracing::shutdown(10000);
        const QJsonObject span = collector.named(u"openai post:files"_s).value(0);
        QCOMPARE(span[u"status"_s][u"code"_s].toInt(), 2);
        const QByteArray text = QJsonDocument(span).toJson();
        QVERIFY2(!text.contains("abcdefghijklmnop"), text.constData());
        QCOMPARE(attribute(span, u"error.type"_s), u"401"_s);
    }

    // A sync pass: each unit of its work (a store purged, a file ingested) has a request id of its
    // own, sync-run:<run>/<n>, in its report item, its audit row, its log lines and its span,
    // a child of the phase's span.
    void syncItemsHaveRequestIdsOfTheirOwn()
    {
        Collector collector;
        QString error;
        QVERIFY2(tracing::configureEndpoint(collector.url(), &error), qPrintable(error));
        test::EngineFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VectorStoreService &svc = f.service();
        QVERIFY(svc.createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(svc.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        QVERIFY(svc.createStore(u"acme"_s, {u"old"_s, {}, {}, {}, {}}));
        QVERIFY(svc.attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"notes.txt"_s, "Rotor blade icing.\n")));
        QVERIFY(svc.deleteStore(u"acme"_s, u"old"_s));

        QVERIFY2(logging::install(QString(), &error), qPrintable(error)); // keeps recent lines
        SyncOptions options;
        options.retentionMs = 0; // the deleted store is purged now
        SyncPass pass(
            f.database(), [&f](BackendKind) -> VectorStoreBackend * { return &f.engine(); }, options);
        auto report = pass.run({});
        QVERIFY2(report, report ? "" : qPrintable(report.error().message()));
        tracing::shutdown(10000);

        const QString run = u"sync-run:%1/"_s.arg(report->runId);
        QHash<QString, QString> idOf; // action -> request id
        for (const SyncItem &item : std::as_const(report->items))
            if (item.action == u"ingest"_s || item.action == u"purge_store"_s) {
                QVERIFY2(item.requestId.startsWith(run), qPrintable(item.requestId));
                QCOMPARE(item.toJson().value(u"request_id"_s).toString(), item.requestId);
                idOf.insert(item.action, item.requestId);
            }
        QCOMPARE(idOf.size(), 2);
        QVERIFY(idOf.value(u"ingest"_s) != idOf.value(u"purge_store"_s));

        // Audit rows: the ingestion's and the purge's, each on its item's id.
        auto audit = svc.auditLog(u"acme"_s, AuditQuery{});
        QVERIFY(audit);
        QHash<QString, QString> audited; // audit action -> request id
        for (const AuditEntry &e : std::as_const(audit.value()))
            audited.insert(e.action, e.requestId);
        QCOMPARE(audited.value(u"file.ingest"_s), idOf.value(u"ingest"_s));
        QCOMPARE(audited.value(u"store.purge"_s), idOf.value(u"purge_store"_s));

        // Log lines of the purge carry its id.
        bool logged = false;
        for (const logging::LogLine &line : logging::recentLines())
            logged = logged || line.requestId == idOf.value(u"purge_store"_s);
        QVERIFY(logged);

        // The purge's span is a sync.item under sync.purge, in the pass's trace.
        const QJsonObject purgePhase = collector.named(u"sync.purge"_s).value(0);
        QVERIFY(!purgePhase.isEmpty());
        bool found = false;
        for (const QJsonObject &span : collector.named(u"sync.item"_s))
            if (attribute(span, u"vectordesk.sync.item"_s) == u"purge_store"_s) {
                found = true;
                QVERIFY(isChildOf(span, purgePhase));
                QCOMPARE(attribute(span, u"vectordesk.request_id"_s), idOf.value(u"purge_store"_s));
            }
        QVERIFY(found);
    }

    void collectorDownChangesNothingButTheDroppedCount()
    {
        const double before = dropped();
        QString error;
        QVERIFY(tracing::configureEndpoint(closedPortUrl(), &error));
        test::EngineFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VectorStoreService &svc = f.service();
        QVERIFY(svc.createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(svc.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        QVERIFY(svc.attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"a.txt"_s, "Turbine wake.\n")));
        auto summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->completed, 1);
        QCOMPARE(svc.search(u"acme"_s, {u"docs"_s}, query(u"turbine"_s))->data.size(), 1);
        tracing::shutdown(10000);
        // store.create, attach, ingest and its three stages, search and its two children.
        QVERIFY2(dropped() - before >= 9, qPrintable(QString::number(dropped() - before)));
    }

    void aSlowCollectorNeverHoldsTheWorkAndOverflowIsCounted()
    {
        Collector slow(1500);
        tracing::Config config;
        config.endpoint = QUrl(slow.url());
        config.maxQueuedSpans = 2;
        config.batchSize = 2;
        tracing::configure(config);
        const double before = dropped();
        QElapsedTimer took;
        took.start();
        for (int i = 0; i < 100; ++i)
            tracing::Span span(u"tick"_s);
        // A hundred spans against a collector that takes 1.5 s per batch: recording never waited.
        QVERIFY2(took.elapsed() < 1000, qPrintable(QString::number(took.elapsed())));
        tracing::shutdown(10000);
        const double lost = dropped() - before;
        QVERIFY2(lost >= 90, qPrintable(QString::number(lost)));
        QCOMPARE(lost + double(slow.named(u"tick"_s).size()), 100.0);
    }

    // vectordesk serve continues the caller's trace and request id, and sends its spans.
    void serveContinuesTheCallersTrace()
    {
        Collector collector;
        test::EngineFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        QVERIFY(f.service().createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        const QString db = f.dir().filePath(u"meta.sqlite"_s);
        QVERIFY2(QFileInfo::exists(db), qPrintable(db));
        const QString token = test::makeToken(db, u"acme"_s, u"viewer"_s, u"app"_s);
        test::ServerProcess server(db, {u"--otlp-endpoint"_s, collector.url()});
        QVERIFY2(server.start(), qPrintable(server.why()));
        auto client = server.client(token);
        const std::string parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        auto answer = client->Get("/v1/vector_stores", {{"traceparent", parent}, {"x-request-id", "req_from_app_7"}});
        QVERIFY(answer);
        QCOMPARE(answer->status, 200);
        QCOMPARE(answer->get_header_value("x-request-id"), std::string("req_from_app_7"));
        // A request id that is not a plain token is replaced, not echoed.
        auto odd = client->Get("/v1/vector_stores", {{"x-request-id", "two words"}});
        QVERIFY(odd);
        QVERIFY(odd->get_header_value("x-request-id") != "two words");
        QCOMPARE(server.stop(), 0);
        const auto spans = collector.named(u"get:/v1/vector_stores"_s);
        QCOMPARE(spans.size(), 2);
        QJsonObject continued;
        for (const QJsonObject &span : spans)
            if (attribute(span, u"vectordesk.request_id"_s) == u"req_from_app_7"_s)
                continued = span;
        QCOMPARE(continued[u"traceId"_s].toString(), u"4bf92f3577b34da6a3ce929d0e0e4736"_s);
        QCOMPARE(continued[u"parentSpanId"_s].toString(), u"00f067aa0ba902b7"_s);
        QCOMPARE(continued[u"kind"_s].toInt(), int(tracing::Kind::Server));
        QCOMPARE(attribute(continued, u"http.response.status_code"_s), u"200"_s);
    }
};

QTEST_GUILESS_MAIN(TestTracing)
#include "tst_tracing.moc"
