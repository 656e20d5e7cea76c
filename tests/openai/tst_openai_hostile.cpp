// The OpenAI client and backend against servers that misbehave (issue #14): redirects to other
// origins, answers lost after a create, endless pagination, statuses the API does not define,
// truncated, stalled and oversized bodies, errors inside 200 answers, rate-limit headers, wrong
// types, TLS failures, half-done imports; and servers that quote the key back (issue #13).
// Loopback only; every test is bounded in seconds.

#include "awaitanswer.h"
#include "backendfixture.h"
#include "core/openai/credentialstore.h"
#include "core/service/storeimport.h"
#include "fakeopenaiserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSqlQuery>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace vd;
using namespace vd::openai;
using vd::test::answer;
using vd::test::await;
using vd::test::awaitJson;
using vd::test::BackendFixture;
using vd::test::FakeOpenAIServer;

namespace {

qint64 residentBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    return -1;
}

QString message(const ServiceError &e)
{
    return e.message();
}

const QByteArray kListOfOne = "{\"object\":\"list\",\"data\":[{\"id\":\"vs_a\",\"object\":\"vector_store\"}],"
                              "\"first_id\":\"vs_a\",\"last_id\":\"vs_a\",\"has_more\":true}";

} // namespace

class TestOpenAIHostile : public QObject
{
    Q_OBJECT

private:
    FakeOpenAIServer *m_server = nullptr;

    ClientConfig config() const { return vd::test::fakeServerConfig(*m_server); }

private slots:
    void init()
    {
        qputenv("no_proxy", "127.0.0.1,localhost");
        m_server = new FakeOpenAIServer(this);
        QVERIFY(m_server->listen());
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
    }
    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }

    // ----- 1. redirects

    void redirect_to_another_origin_never_gets_the_key_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<int>("status");
        for (const char *method : {"GET", "POST"})
            for (int status : {301, 302, 303, 307, 308})
                QTest::newRow(qPrintable(u"%1 %2"_s.arg(QLatin1StringView(method)).arg(status)))
                    << QByteArray(method) << status;
    }
    void redirect_to_another_origin_never_gets_the_key()
    {
        QFETCH(QByteArray, method);
        QFETCH(int, status);
        FakeOpenAIServer other; // another port: another origin
        QVERIFY(other.listen());
        const QByteArray target = other.baseUrl().toString().toUtf8() + "/vector_stores";
        m_server->inject(method, u"/v1/vector_stores"_s, answer(status, "{}", {{"Location", target}}));
        OpenAIClient client(config());
        auto result = awaitJson([&](JsonCallback d) {
            if (method == "GET")
                client.listVectorStores({}, d);
            else
                client.createVectorStore({{u"name"_s, u"docs"_s}}, d);
        });
        QVERIFY(!result);
        QVERIFY2(other.requests().isEmpty(), "the other origin was contacted");
        QVERIFY2(message(result.error()).contains(QString::fromUtf8(target)), qPrintable(message(result.error())));
        QVERIFY2(message(result.error()).contains(u"another origin"_s), qPrintable(message(result.error())));
        QCOMPARE(m_server->count(method, u"/v1/vector_stores"_s), 1); // refused, not retried
        QCOMPARE(m_server->storeCount(), 0);
    }

    void key_test_fails_on_a_redirect_to_another_origin()
    {
        FakeOpenAIServer other;
        QVERIFY(other.listen());
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        m_server->inject("GET", u"/v1/vector_stores"_s,
                         answer(307, "{}", {{"Location", other.baseUrl().toString().toUtf8() + "/vector_stores"}}));
        auto works = f.backend->checkConnection(f.service->tenant(u"acme"_s).value());
        QVERIFY(!works);
        QVERIFY(other.requests().isEmpty());
        QVERIFY2(message(works.error()).contains(other.baseUrl().authority()), qPrintable(message(works.error())));
    }

    void same_origin_redirect_is_followed_and_a_loop_is_named()
    {
        OpenAIClient client(config());
        const QByteArray same = m_server->baseUrl().toString().toUtf8() + "/vector_stores?limit=5";
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(307, "{}", {{"Location", same}}));
        auto listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY2(listed, qPrintable(listed ? QString() : message(listed.error())));
        QCOMPARE(m_server->requests().constLast().headers.value("authorization"),
                 "Bearer " + m_server->apiKey().toUtf8());

        // A POST answered 302 on the same origin would become a GET: refused.
        m_server->inject("POST", u"/v1/vector_stores"_s,
                         answer(302, "{}", {{"Location", m_server->baseUrl().toString().toUtf8() + "/vector_stores"}}));
        auto created = awaitJson([&](JsonCallback d) { client.createVectorStore({{u"name"_s, u"x"_s}}, d); });
        QVERIFY(!created);
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 2);
        QVERIFY2(message(created.error()).contains(u"302"_s), qPrintable(message(created.error())));

        // A loop: every answer redirects to itself.
        m_server->inject("GET", u"/v1/vector_stores"_s,
                         answer(302, "{}", {{"Location", m_server->baseUrl().toString().toUtf8() + "/vector_stores"}}),
                         1000);
        listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY(!listed);
        QVERIFY2(message(listed.error()).contains(u"redirect loop"_s), qPrintable(message(listed.error())));
        // Bounded: the redirects of all attempts together stop after maxRedirects (QtNetwork itself
        // may send a GET again on a connection the server closed: at most 3 times each).
        const int gets = m_server->count("GET", u"/v1/vector_stores"_s) - 2;
        QVERIFY2(gets <= 3 * config().maxAttempts * (config().maxRedirects + 1), qPrintable(QString::number(gets)));
    }

    // ----- 2. no duplicates after a dropped connection

    void post_processed_then_dropped_leaves_one_object()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        FakeOpenAIServer::Injected dropped;
        dropped.processFirst = true;
        dropped.drop = true;
        m_server->inject("POST", u"/v1/vector_stores"_s, dropped);
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY2(store, qPrintable(store ? QString() : message(store.error())));
        QCOMPARE(m_server->storeCount(), 1);
        QCOMPARE(m_server->count("POST", u"/v1/vector_stores"_s), 1);

        m_server->inject("POST", u"/v1/files"_s, dropped);
        auto file = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"dropped.txt"_s, "dropped answer"));
        QVERIFY(file);
        auto summary = f.ingest();
        QVERIFY2(summary, qPrintable(summary ? QString() : message(summary.error())));
        QCOMPARE(summary->completed, 1);
        QCOMPARE(m_server->fileCount(), 1);
        QCOMPARE(m_server->count("POST", u"/v1/files"_s), 1);

        // The attach itself: processed, then dropped; reconciled, attached once.
        m_server->inject("POST", u"/v1/vector_stores/%1/files"_s.arg(store->remoteId), dropped);
        auto second = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"second.txt"_s, "second answer"));
        QVERIFY(second);
        summary = f.ingest();
        QVERIFY2(summary, qPrintable(summary ? QString() : message(summary.error())));
        QCOMPARE(summary->completed, 1);
        QCOMPARE(m_server->storeFileIds(store->remoteId).size(), 2);
        QCOMPARE(m_server->count("POST", u"/v1/vector_stores/%1/files"_s.arg(store->remoteId)), 2); // one per file
    }

    void every_post_carries_an_idempotency_key_kept_across_retries()
    {
        OpenAIClient client(config());
        m_server->inject("POST", u"/v1/vector_stores"_s, answer(429, {}, {{"retry-after-ms", "10"}}));
        QVERIFY(awaitJson([&](JsonCallback d) { client.createVectorStore({{u"name"_s, u"a"_s}}, d); }));
        QVERIFY(awaitJson([&](JsonCallback d) { client.createVectorStore({{u"name"_s, u"b"_s}}, d); }));
        QVERIFY(awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); }));
        const auto requests = m_server->requests();
        QCOMPARE(requests.size(), 4);
        const QByteArray first = requests[0].headers.value("idempotency-key");
        QVERIFY(first.size() >= 16);
        QCOMPARE(requests[1].headers.value("idempotency-key"), first); // the retry of the same create
        QVERIFY(!requests[2].headers.value("idempotency-key").isEmpty());
        QVERIFY(requests[2].headers.value("idempotency-key") != first); // another create
        QVERIFY(!requests[3].headers.contains("idempotency-key")); // a GET has none
    }

    // ----- issue #13: a server that quotes the key back

    void server_text_quoting_the_key_is_redacted()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        const QByteArray echo =
            "{\"error\":{\"message\":\"Gateway refused request with headers {Authorization: {{authorization}}}\","
            "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}";
        m_server->inject("POST", u"/v1/vector_stores"_s, answer(400, echo));
        auto refused = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(!refused);
        QVERIFY2(!message(refused.error()).contains(m_server->apiKey()), qPrintable(message(refused.error())));
        QVERIFY(message(refused.error()).contains(u"Gateway refused request"_s));
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        // Processing fails with a message quoting the key: recorded without it.
        m_server->inject("POST", u"/v1/vector_stores/%1/files"_s.arg(store->remoteId), answer(400, echo));
        auto file = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"echo.txt"_s, "echo"));
        QVERIFY(file);
        auto summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->failed, 1);
        auto after = f.service->file(u"acme"_s, u"docs"_s, QString::number(file->id));
        QVERIFY(after);
        QVERIFY2(after->lastErrorMessage.contains(u"Gateway refused request"_s), qPrintable(after->lastErrorMessage));
        QVERIFY2(!after->lastErrorMessage.contains(m_server->apiKey()), qPrintable(after->lastErrorMessage));
        // Refresh: a failed file's last_error quoting the key.
        m_server->inject("GET", u"/v1/vector_stores/"_s, answer(500, echo), 4); // every attempt
        auto state = f.backend->refresh(f.service->tenant(u"acme"_s).value(), store.value(), {});
        QVERIFY(!state);
        QVERIFY2(!message(state.error()).contains(m_server->apiKey()), qPrintable(message(state.error())));
        QVERIFY(message(state.error()).contains(u"Gateway refused"_s));
        QVERIFY(!QJsonDocument(state.error().details()).toJson().contains(m_server->apiKey().toUtf8()));
        // Nothing in the database holds the key.
        f.db.reset();
        for (const QString &name : QDir(f.dir.path()).entryList({u"meta.sqlite*"_s}, QDir::Files)) {
            QFile db(f.dir.filePath(name));
            QVERIFY(db.open(QIODevice::ReadOnly));
            QVERIFY2(!db.readAll().contains(m_server->apiKey().toUtf8()), qPrintable(name));
        }
    }

    // ----- 7. body caps

    void oversized_body_is_refused_without_buffering_data()
    {
        QTest::addColumn<bool>("declared");
        QTest::newRow("Content-Length over the cap") << true;
        QTest::newRow("no Content-Length, streamed") << false;
    }
    void oversized_body_is_refused_without_buffering()
    {
        QFETCH(bool, declared);
        ClientConfig c = config();
        c.maxPageBytes = 1024 * 1024;
        c.maxAttempts = 1;
        OpenAIClient client(c);
        FakeOpenAIServer::Injected huge = answer(200);
        huge.streamBytes = 512LL * 1024 * 1024;
        huge.omitLength = !declared;
        m_server->inject("GET", u"/v1/vector_stores"_s, huge);
        const qint64 before = residentBytes();
        QElapsedTimer t;
        t.start();
        auto listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        const qint64 grown = residentBytes() - before;
        QVERIFY(!listed);
        QVERIFY2(t.elapsed() < 10'000, qPrintable(QString::number(t.elapsed())));
        QVERIFY2(message(listed.error()).contains(u"larger than"_s) && message(listed.error()).contains(u"1 MiB"_s),
                 qPrintable(message(listed.error())));
        QVERIFY2(grown < 64LL * 1024 * 1024, qPrintable(u"RSS grew by %1 bytes"_s.arg(grown)));
    }

    // ----- 4. pagination

    void endless_pagination_stops_with_an_error()
    {
        OpenAIClient client(config());
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(200, kListOfOne), 1000);
        auto all = await<QList<QJsonObject>>([&](auto done) {
            OpenAIClient::listAll([&](const ListQuery &q, JsonCallback cb) { client.listVectorStores(q, cb); },
                                  ListQuery{}, 1000, done);
        });
        QVERIFY(!all);
        QVERIFY2(m_server->count("GET", u"/v1/vector_stores"_s) <= 2,
                 qPrintable(QString::number(m_server->count("GET", u"/v1/vector_stores"_s))));
        QVERIFY2(message(all.error()).contains(u"vs_a"_s) && message(all.error()).contains(u"repeat"_s),
                 qPrintable(message(all.error())));
    }

    void pagination_beyond_the_page_bound_is_an_error()
    {
        OpenAIClient client(config());
        for (int i = 0; i < 250; ++i)
            m_server->addStore(u"store %1"_s.arg(i));
        auto all = await<QList<QJsonObject>>([&](auto done) {
            OpenAIClient::listAll([&](const ListQuery &q, JsonCallback cb) { client.listVectorStores(q, cb); },
                                  ListQuery{}, 2, done);
        });
        QVERIFY(!all);
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 2);
        QVERIFY2(message(all.error()).contains(u"more than 2 pages"_s), qPrintable(message(all.error())));
    }

    void purge_never_acts_twice_on_one_id()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        const QByteArray repeating = "{\"object\":\"list\",\"data\":[{\"id\":\"file-1\"},{\"id\":\"file-2\"}],"
                                     "\"first_id\":\"file-1\",\"last_id\":\"file-2\",\"has_more\":true}";
        m_server->inject("GET", u"/v1/vector_stores/%1/files"_s.arg(store->remoteId), answer(200, repeating), 1000);
        auto purged = f.backend->purgeStore(f.service->tenant(u"acme"_s).value(), store.value());
        QVERIFY(!purged);
        QCOMPARE(m_server->count("DELETE", u"/v1/files/"_s), 0);
        QVERIFY(m_server->count("GET", u"/v1/vector_stores/%1/files"_s.arg(store->remoteId)) <= 2);
    }

    // ----- 5. statuses the API does not define

    void unknown_status_fails_only_its_item()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        f.backend->setIngestWaitMs(3000); // before the fix these were polled until this ran out
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        QHash<QString, qint64> ids;
        for (const QString &name :
             {u"fine.txt"_s, u"status-processing.txt"_s, u"status-Completed.txt"_s, u"status-object.txt"_s}) {
            auto file = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(name, "text of " + name.toUtf8()));
            QVERIFY(file);
            ids.insert(name, file->id);
        }
        QElapsedTimer t;
        t.start();
        auto summary = f.ingest();
        QVERIFY(summary);
        QVERIFY2(t.elapsed() < 2500, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(summary->completed, 1);
        QCOMPARE(summary->failed, 3);
        QCOMPARE(f.service->file(u"acme"_s, u"docs"_s, QString::number(ids[u"fine.txt"_s]))->status,
                 FileStatus::Completed);
        const auto failed = [&](const QString &name) {
            return f.service->file(u"acme"_s, u"docs"_s, QString::number(ids[name])).value();
        };
        QVERIFY2(failed(u"status-processing.txt"_s).lastErrorMessage.contains(u"'processing'"_s),
                 qPrintable(failed(u"status-processing.txt"_s).lastErrorMessage));
        QVERIFY(failed(u"status-Completed.txt"_s).lastErrorMessage.contains(u"'Completed'"_s));
        QVERIFY2(failed(u"status-object.txt"_s).lastErrorMessage.contains(u"not a string"_s),
                 qPrintable(failed(u"status-object.txt"_s).lastErrorMessage));

        // The sync worker's refresh: the unknown status is an error on that file only.
        const QString remote = f.remoteFileId(ids[u"status-processing.txt"_s]);
        QVERIFY(!remote.isEmpty());
        auto files = f.service->listFiles(u"acme"_s, u"docs"_s);
        QVERIFY(files);
        auto state = f.backend->refresh(f.service->tenant(u"acme"_s).value(), store.value(), files.value());
        QVERIFY2(state, qPrintable(state ? QString() : message(state.error())));
        int known = 0;
        for (const RemoteFileState &s : state->files) {
            if (s.fileId == ids[u"status-processing.txt"_s]) {
                QCOMPARE(s.status, u"failed"_s);
                QVERIFY2(s.lastErrorMessage.contains(u"'processing'"_s), qPrintable(s.lastErrorMessage));
            } else if (s.fileId == ids[u"fine.txt"_s]) {
                QCOMPARE(s.status, u"completed"_s);
                ++known;
            }
        }
        QCOMPARE(known, 1);
    }

    // ----- 8. errors inside 2xx answers

    void ok_status_with_an_error_body_is_an_error()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        m_server->inject("GET", u"/v1/vector_stores"_s,
                         answer(200,
                                "{\"error\":{\"message\":\"Upstream quota exhausted\",\"type\":\"gateway_error\","
                                "\"code\":\"upstream_quota\"}}"));
        auto works = f.backend->checkConnection(f.service->tenant(u"acme"_s).value());
        QVERIFY(!works);
        QVERIFY2(message(works.error()).contains(u"Upstream quota exhausted"_s), qPrintable(message(works.error())));
        QCOMPARE(works.error().details().value(u"openai_code"_s).toString(), u"upstream_quota"_s);
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(200, "{\"error\":\"bad gateway config\"}"));
        works = f.backend->checkConnection(f.service->tenant(u"acme"_s).value());
        QVERIFY(!works);
        QVERIFY2(message(works.error()).contains(u"bad gateway config"_s), qPrintable(message(works.error())));
    }

    // ----- 6. truncated or stalled bodies

    void truncated_or_stalled_body_is_a_network_error_and_retried_data()
    {
        QTest::addColumn<bool>("trickle");
        QTest::newRow("reset mid-body") << false;
        QTest::newRow("trickling bytes") << true;
    }
    void truncated_or_stalled_body_is_a_network_error_and_retried()
    {
        QFETCH(bool, trickle);
        ClientConfig c = config();
        c.totalTimeoutMs = 400;
        OpenAIClient client(c);
        FakeOpenAIServer::Injected bad = answer(200, QByteArray(kListOfOne).replace("true", "false"));
        if (trickle)
            bad.trickleMs = 50;
        else
            bad.truncateAfter = 20;
        m_server->inject("GET", u"/v1/vector_stores"_s, bad);
        QElapsedTimer t;
        t.start();
        auto listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY2(listed, qPrintable(listed ? QString() : message(listed.error())));
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 2);
        // When it persists: a network error, not "not a JSON object".
        m_server->inject("GET", u"/v1/vector_stores"_s, bad, 10);
        listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY(!listed);
        QVERIFY2(!message(listed.error()).contains(u"not a JSON object"_s), qPrintable(message(listed.error())));
        QVERIFY2(message(listed.error()).contains(trickle ? u"in time"_s : u"broke off"_s),
                 qPrintable(message(listed.error())));
        QVERIFY(t.elapsed() < 8000);
    }

    // ----- 9. rate-limit headers

    void rate_limit_headers_are_honoured_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("minimumMs");
        QTest::addColumn<int>("maximumMs");
        QTest::newRow("x-ratelimit-reset-requests 250ms")
            << QByteArray("x-ratelimit-reset-requests") << QByteArray("250ms") << 250 << 1500;
        QTest::newRow("x-ratelimit-reset-requests 1s")
            << QByteArray("x-ratelimit-reset-requests") << QByteArray("1s") << 1000 << 2500;
        QTest::newRow("x-ratelimit-reset-tokens 0.6s")
            << QByteArray("x-ratelimit-reset-tokens") << QByteArray("0.6s") << 600 << 2000;
        QTest::newRow("Retry-After HTTP-date") << QByteArray("Retry-After") << QByteArray("in 2 s") << 900 << 3500;
    }
    void rate_limit_headers_are_honoured()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(int, minimumMs);
        QFETCH(int, maximumMs);
        if (value == "in 2 s") // an HTTP-date 2 s from now (IMF-fixdate, whole seconds: 1..2 s)
            value = QLocale::c()
                        .toString(QDateTime::currentDateTimeUtc().addSecs(2), u"ddd, dd MMM yyyy hh:mm:ss"_s)
                        .toLatin1()
                + " GMT";
        OpenAIClient client(config());
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(429, {}, {{header, value}}));
        QElapsedTimer t;
        t.start();
        auto listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY2(listed, qPrintable(listed ? QString() : message(listed.error())));
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 2);
        QVERIFY2(t.elapsed() >= minimumMs - 20 && t.elapsed() <= maximumMs, qPrintable(QString::number(t.elapsed())));
    }

    void too_long_or_absurd_waits_are_refused_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("reset 1m30s") << QByteArray("x-ratelimit-reset-requests") << QByteArray("1m30s")
                                     << u"asked to wait 90 s"_s;
        QTest::newRow("Retry-After absurd")
            << QByteArray("Retry-After") << QByteArray("99999999999999999999999") << u"asked to wait"_s;
        QTest::newRow("retry-after-ms absurd")
            << QByteArray("retry-after-ms") << QByteArray("1e300") << u"asked to wait"_s;
        QTest::newRow("HTTP-date far ahead")
            << QByteArray("Retry-After") << QByteArray("Fri, 01 Jan 2100 00:00:00 GMT") << u"asked to wait"_s;
    }
    void too_long_or_absurd_waits_are_refused()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(QString, expected);
        ClientConfig c = config();
        c.maxRetryAfterMs = 60'000;
        OpenAIClient client(c);
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(429, {}, {{header, value}}), 10);
        QElapsedTimer t;
        t.start();
        auto listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY(!listed);
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 1);
        QVERIFY2(message(listed.error()).contains(expected), qPrintable(message(listed.error())));
        QVERIFY(t.elapsed() < 2000);
    }

    void total_wait_is_capped()
    {
        ClientConfig c = config();
        c.maxAttempts = 10;
        c.maxTotalWaitMs = 700;
        OpenAIClient client(c);
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(429, {}, {{"retry-after-ms", "300"}}), 20);
        QElapsedTimer t;
        t.start();
        auto listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY(!listed);
        QVERIFY2(t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 3); // waits 300 + 300; a third would pass 700
        QVERIFY2(message(listed.error()).contains(u"0.7 s in all"_s), qPrintable(message(listed.error())));
    }

    // ----- 10. wrong types, TLS

    void usage_bytes_of_the_wrong_type_is_refused()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        auto file = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"usage-string.txt"_s, "usage text"));
        QVERIFY(file);
        auto summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->failed, 1);
        auto after = f.service->file(u"acme"_s, u"docs"_s, QString::number(file->id));
        QVERIFY2(after->lastErrorMessage.contains(u"usage_bytes"_s) && after->lastErrorMessage.contains(u"string"_s),
                 qPrintable(after->lastErrorMessage));
        m_server->inject(
            "GET", u"/v1/vector_stores/"_s,
            answer(200,
                   "{\"id\":\"" + store->remoteId.toUtf8()
                       + "\",\"object\":\"vector_store\",\"status\":\"completed\",\"usage_bytes\":\"12\"}"));
        auto state = f.backend->refresh(f.service->tenant(u"acme"_s).value(), store.value(), {});
        QVERIFY(!state);
        QVERIFY2(message(state.error()).contains(u"usage_bytes"_s), qPrintable(message(state.error())));
    }

    void tls_failure_is_not_retried()
    {
        ClientConfig c = config();
        QUrl url = m_server->baseUrl();
        url.setScheme(u"https"_s);
        c.baseUrl = url;
        OpenAIClient client(c);
        auto listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY(!listed);
        QCOMPARE(m_server->count("TLS", {}), 1);
        QVERIFY2(message(listed.error()).contains(u"TLS"_s), qPrintable(message(listed.error())));
    }

    // ----- 3. import: all or nothing per store

    void failed_file_listing_leaves_nothing_half_imported_data()
    {
        QTest::addColumn<int>("failure");
        QTest::newRow("store files listing fails") << 0;
        QTest::newRow("a file's details fail") << 1;
        QTest::newRow("listing ends without a cursor") << 2;
    }
    void failed_file_listing_leaves_nothing_half_imported()
    {
        QFETCH(int, failure);
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        const QString legacy = m_server->addStore(u"legacy"_s);
        for (int i = 0; i < 2; ++i) {
            const QString id = m_server->addFile(u"f%1.txt"_s.arg(i), "imported text");
            m_server->attachProcessed(legacy, id, {});
        }
        if (failure == 0)
            m_server->inject("GET", u"/v1/vector_stores/%1/files"_s.arg(legacy), answer(500), 4); // every attempt
        else if (failure == 1)
            m_server->inject("GET", u"/v1/files/"_s, answer(503), 4);
        else
            m_server->inject("GET", u"/v1/vector_stores/%1/files"_s.arg(legacy),
                             answer(200, "{\"object\":\"list\",\"data\":[],\"has_more\":true}"));
        auto first = importStores(*f.service, *f.backend, u"acme"_s, {legacy});
        if (first) // reported per store
            QVERIFY2(first->size() == 1 && first->at(0).storeId == 0 && !first->at(0).skipped.isEmpty(),
                     QJsonDocument(first->at(0).toJson()).toJson().constData());
        auto stores = f.service->listStores(u"acme"_s);
        QVERIFY(stores);
        QVERIFY(stores->isEmpty());
        // Run again once the server behaves: the whole store comes in.
        auto second = importStores(*f.service, *f.backend, u"acme"_s, {legacy});
        QVERIFY2(second, qPrintable(second ? QString() : message(second.error())));
        QCOMPARE(second->size(), 1);
        QCOMPARE(second->at(0).files, 2);
    }
};

QTEST_GUILESS_MAIN(TestOpenAIHostile)
#include "tst_openai_hostile.moc"
