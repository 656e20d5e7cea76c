// The OpenAI client and backend against an in-test fake server (loopback only): processing that
// takes several polls, every failure code, retries, timeouts, errors, pagination, batches and
// recovery after a crash.

#include "awaitanswer.h"
#include "backendfixture.h"
#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/openai/credentialstore.h"
#include "core/openai/openaibackend.h"
#include "core/openai/openaiclient.h"
#include "core/openai/openaisettings.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "fakeopenaiserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace vd;
using namespace vd::openai;
using vd::test::answer;
using vd::test::await;
using vd::test::awaitJson;
using vd::test::BackendFixture;
using vd::test::FakeOpenAIServer;

class TestOpenAIClient : public QObject
{
    Q_OBJECT

private:
    FakeOpenAIServer *m_server = nullptr;
    std::unique_ptr<OpenAIClient> m_client;

    ClientConfig config() const { return vd::test::fakeServerConfig(*m_server); }

private slots:
    void init()
    {
        qputenv("no_proxy", "127.0.0.1,localhost"); // loopback never goes through an http_proxy
        m_server = new FakeOpenAIServer(this);
        QVERIFY(m_server->listen());
        m_client = std::make_unique<OpenAIClient>(config());
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }
    void cleanup()
    {
        m_client.reset();
        delete m_server;
        m_server = nullptr;
    }

    void sends_headers_and_base_url()
    {
        ClientConfig c = config();
        c.organization = u"org-123"_s;
        c.project = u"proj_456"_s;
        c.baseUrl = QUrl(m_server->baseUrl().toString() + u"/"_s); // a trailing slash is tolerated
        OpenAIClient client(c);
        auto created = awaitJson([&](JsonCallback d) { client.createVectorStore({{u"name"_s, u"docs"_s}}, d); });
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message()));
        QCOMPARE(created->value(u"name"_s).toString(), u"docs"_s);
        const auto r = m_server->requests().constLast();
        QCOMPARE(r.path, u"/v1/vector_stores"_s);
        QCOMPARE(r.headers.value("openai-beta"), QByteArray("assistants=v2"));
        QCOMPARE(r.headers.value("openai-organization"), QByteArray("org-123"));
        QCOMPARE(r.headers.value("openai-project"), QByteArray("proj_456"));
        QCOMPARE(r.headers.value("authorization"), "Bearer " + m_server->apiKey().toUtf8());
        // Files calls carry no OpenAI-Beta header.
        auto files = awaitJson([&](JsonCallback d) { client.listFiles({}, d); });
        QVERIFY(files);
        QVERIFY(!m_server->requests().constLast().headers.contains("openai-beta"));
        QCOMPARE(m_server->requests().constLast().query.queryItemValue(u"purpose"_s), u"assistants"_s);
    }

    void uploads_multipart_with_progress()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"notes.txt"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray content = QByteArray("woodchucks per passenger: two\n").repeated(2000);
        f.write(content);
        f.close();
        QSignalSpy progress(m_client.get(), &OpenAIClient::uploadProgress);
        auto uploaded = awaitJson([&](JsonCallback d) { m_client->uploadFile(path, {}, d); });
        QVERIFY2(uploaded, qPrintable(uploaded ? QString() : uploaded.error().message()));
        QCOMPARE(uploaded->value(u"filename"_s).toString(), u"notes.txt"_s);
        QCOMPARE(uploaded->value(u"bytes"_s).toInteger(), content.size());
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.constLast().at(1).toLongLong(), progress.constLast().at(2).toLongLong());
        QVERIFY(m_server->requests().constLast().headers.value("content-type").startsWith("multipart/form-data"));
    }

    void retries_429_honouring_retry_after_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<int>("minimumMs");
        QTest::newRow("retry-after-ms 300") << QByteArray("retry-after-ms") << QByteArray("300") << 300;
        QTest::newRow("Retry-After 1 second") << QByteArray("Retry-After") << QByteArray("1") << 1000;
    }
    void retries_429_honouring_retry_after()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        QFETCH(int, minimumMs);
        m_server->inject("POST", u"/v1/vector_stores"_s,
                         answer(429,
                                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,"
                                "\"code\":\"rate_limit_exceeded\"}}",
                                {{header, value}}));
        QElapsedTimer t;
        t.start();
        auto created = awaitJson([&](JsonCallback d) { m_client->createVectorStore({{u"name"_s, u"x"_s}}, d); });
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message()));
        QCOMPARE(m_server->count("POST", u"/v1/vector_stores"_s), 2);
        QVERIFY2(t.elapsed() >= minimumMs - 20, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(m_server->storeCount(), 1);
    }

    void does_not_wait_when_retry_after_exceeds_two_minutes()
    {
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(429, {}, {{"Retry-After", "600"}}));
        auto listed = awaitJson([&](JsonCallback d) { m_client->listVectorStores({}, d); });
        QVERIFY(!listed);
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 1);
        QVERIFY2(listed.error().message().contains(u"asked to wait 600 s"_s), qPrintable(listed.error().message()));
    }

    void retries_transient_failures_then_succeeds_data()
    {
        QTest::addColumn<int>("status");
        for (int s : {500, 502, 503, 408, 409})
            QTest::newRow(qPrintable(u"HTTP %1"_s.arg(s))) << s;
    }
    void retries_transient_failures_then_succeeds()
    {
        QFETCH(int, status);
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(status), 2);
        auto listed = awaitJson([&](JsonCallback d) { m_client->listVectorStores({}, d); });
        QVERIFY2(listed, qPrintable(listed ? QString() : listed.error().message()));
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 3);
    }

    void gives_up_after_bounded_attempts()
    {
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(503), 10);
        auto listed = awaitJson([&](JsonCallback d) { m_client->listVectorStores({}, d); });
        QVERIFY(!listed);
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), config().maxAttempts);
        QCOMPARE(listed.error().kind(), ServiceError::Kind::Unavailable);
        QVERIFY2(listed.error().message().contains(u"HTTP 503 after 4 attempts"_s),
                 qPrintable(listed.error().message()));
        QVERIFY(listed.error().message().contains(u"injected failure"_s));
        QVERIFY(listed.error().details().value(u"request_id"_s).toString().startsWith(u"req_fake_"_s));
    }

    void slow_response_hits_the_timeout()
    {
        ClientConfig c = config();
        c.totalTimeoutMs = 200;
        c.maxAttempts = 2;
        OpenAIClient client(c);
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(200, "{}", {}, 3000), 2);
        QElapsedTimer t;
        t.start();
        auto listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY(!listed);
        QVERIFY2(t.elapsed() < 2500, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 2);
        QVERIFY2(listed.error().message().contains(u"did not answer GET /vector_stores for tenant acme in time"_s),
                 qPrintable(listed.error().message()));
    }

    void rejected_key_gives_an_actionable_message()
    {
        ClientConfig c = config();
        c.apiKey = u"sk-wrong-key-000000"_s;
        OpenAIClient client(c);
        auto listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY(!listed);
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 1); // never retried
        QCOMPARE(listed.error().kind(), ServiceError::Kind::PermissionDenied);
        QVERIFY2(listed.error().message().startsWith(u"The API key for tenant acme was rejected"_s),
                 qPrintable(listed.error().message()));
        QVERIFY(listed.error().message().contains(u"set a new one with `vectordesk key set --tenant acme`"_s));
        QCOMPARE(listed.error().details().value(u"openai_code"_s).toString(), u"invalid_api_key"_s);
        QVERIFY(!listed.error().message().contains(u"sk-wrong"_s));
    }

    void malformed_json_is_an_error()
    {
        m_server->inject("GET", u"/v1/vector_stores/vs_"_s, answer(200, "{\"id\": \"vs_1\", oops"));
        auto got = awaitJson([&](JsonCallback d) { m_client->getVectorStore(u"vs_1"_s, d); });
        QVERIFY(!got);
        QVERIFY2(got.error().message().contains(u"not a JSON object"_s), qPrintable(got.error().message()));
        // A malformed search page is refused too.
        QVERIFY(!OpenAIClient::parseSearch(QJsonObject{{u"data"_s, QJsonArray{QJsonObject{{u"x"_s, 1}}}}}));
    }

    void not_found_and_invalid_map_to_typed_errors()
    {
        auto got = awaitJson([&](JsonCallback d) { m_client->getVectorStore(u"vs_missing"_s, d); });
        QVERIFY(!got);
        QCOMPARE(got.error().kind(), ServiceError::Kind::NotFound);
        QVERIFY(got.error().message().contains(u"deleted outside VectorDesk"_s));
        m_server->inject("POST", u"/v1/vector_stores"_s,
                         answer(400,
                                "{\"error\":{\"message\":\"Invalid metadata\",\"type\":\"invalid_request_error\","
                                "\"param\":\"metadata\",\"code\":null}}"));
        auto created = awaitJson([&](JsonCallback d) { m_client->createVectorStore({}, d); });
        QVERIFY(!created);
        QCOMPARE(created.error().kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(created.error().message().contains(u"field metadata"_s), qPrintable(created.error().message()));
        m_server->inject("POST", u"/v1/vector_stores"_s,
                         answer(429,
                                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":"
                                "\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}"));
        created = awaitJson([&](JsonCallback d) { m_client->createVectorStore({}, d); });
        QVERIFY(!created);
        QCOMPARE(created.error().kind(), ServiceError::Kind::QuotaExceeded);
    }

    void unreachable_server_names_the_url()
    {
        ClientConfig c = config();
        c.maxAttempts = 2;
        const QUrl url = m_server->baseUrl();
        delete m_server; // nothing listens on that port any more
        m_server = nullptr;
        c.baseUrl = url;
        OpenAIClient client(c);
        auto listed = awaitJson([&](JsonCallback d) { client.listVectorStores({}, d); });
        QVERIFY(!listed);
        QVERIFY2(listed.error().message().startsWith(u"Cannot reach OpenAI at "_s + url.toString()),
                 qPrintable(listed.error().message()));
        m_server = new FakeOpenAIServer(this);
    }

    void paginates_across_three_pages()
    {
        for (int i = 0; i < 250; ++i)
            m_server->addStore(u"store %1"_s.arg(i));
        auto all = await<QList<QJsonObject>>([&](auto done) {
            OpenAIClient::listAll([this](const ListQuery &q, JsonCallback cb) { m_client->listVectorStores(q, cb); },
                                  ListQuery{}, 100, done);
        });
        QVERIFY(all);
        QCOMPARE(all->size(), 250);
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 3);
        QSet<QString> ids;
        for (const QJsonObject &o : all.value())
            ids.insert(o.value(u"id"_s).toString());
        QCOMPARE(ids.size(), 250);
        QVERIFY(m_server->requests()[0].query.queryItemValue(u"after"_s).isEmpty());
        QCOMPARE(m_server->requests()[1].query.queryItemValue(u"after"_s), all->at(99).value(u"id"_s).toString());
        QCOMPARE(m_server->requests()[2].query.queryItemValue(u"after"_s), all->at(199).value(u"id"_s).toString());
    }

    void store_file_list_filters_by_status()
    {
        const QString store = m_server->addStore(u"docs"_s);
        const QString a = m_server->addFile(u"a.txt"_s, "alpha");
        const QString b = m_server->addFile(u"fail-invalid_file.txt"_s, "beta");
        for (const QString &id : {a, b})
            QVERIFY(awaitJson(
                [&](JsonCallback d) { m_client->createVectorStoreFile(store, id, {}, ChunkingStrategy{}, d); }));
        for (const QString &id : {a, b})
            QVERIFY(awaitJson([&](JsonCallback d) { m_client->getVectorStoreFile(store, id, d); }));
        auto failed = awaitJson([&](JsonCallback d) {
            m_client->listVectorStoreFiles(store, ListQuery{10, {}, {}, {}, u"failed"_s}, d);
        });
        QVERIFY(failed);
        QCOMPARE(failed->value(u"data"_s).toArray().size(), 1);
        QCOMPARE(failed->value(u"data"_s).toArray().at(0)[u"id"_s].toString(), b);
        QCOMPARE(m_server->requests().constLast().query.queryItemValue(u"filter"_s), u"failed"_s);
        auto content = awaitJson([&](JsonCallback d) { m_client->vectorStoreFileContent(store, a, d); });
        QVERIFY(content);
        QCOMPARE(content->value(u"data"_s).toArray().at(0)[u"text"_s].toString(), u"alpha"_s);
    }

    void batch_of_1200_files_is_split_500_500_200()
    {
        const QString store = m_server->addStore(u"docs"_s);
        QStringList ids;
        for (int i = 0; i < 1200; ++i)
            ids << m_server->addFile(u"f%1.txt"_s.arg(i), "x");
        ChunkingStrategy chunking;
        chunking.type = u"static"_s;
        chunking.maxChunkSizeTokens = 300;
        chunking.chunkOverlapTokens = 100;
        auto batches = await<QList<QJsonObject>>([&](auto done) {
            m_client->createFileBatches(store, ids, {{u"team"_s, u"docs"_s}}, chunking, done);
        });
        QVERIFY2(batches, qPrintable(batches ? QString() : batches.error().message()));
        QCOMPARE(batches->size(), 3);
        QCOMPARE(m_server->batchSizes(), (QList<int>{500, 500, 200}));
        QCOMPARE(m_server->storeFileIds(store).size(), 1200);
        const QJsonObject body = QJsonDocument::fromJson(m_server->requests().constLast().body).object();
        QCOMPARE(body[u"chunking_strategy"_s][u"static"_s][u"max_chunk_size_tokens"_s].toInt(), 300);
        const QString batchId = batches->at(0).value(u"id"_s).toString();
        QVERIFY(awaitJson([&](JsonCallback d) { m_client->getFileBatch(store, batchId, d); }));
        auto cancelled = awaitJson([&](JsonCallback d) { m_client->cancelFileBatch(store, batchId, d); });
        QVERIFY(cancelled);
        QCOMPARE(cancelled->value(u"status"_s).toString(), u"cancelled"_s);
        QCOMPARE(m_server->requests().constLast().path,
                 u"/v1/vector_stores/%1/file_batches/%2/cancel"_s.arg(store, batchId));
    }

    void concurrency_is_limited_per_client()
    {
        ClientConfig c = config();
        c.maxConcurrent = 2;
        OpenAIClient client(c);
        m_server->setDelayAllMs(50);
        int done = 0;
        for (int i = 0; i < 6; ++i)
            client.listVectorStores({}, [&](Result<QJsonObject> r) {
                QVERIFY(r);
                ++done;
            });
        // With two at a time, six 50 ms requests take three rounds.
        QElapsedTimer t;
        t.start();
        QTRY_COMPARE_WITH_TIMEOUT(done, 6, 5000);
        QVERIFY2(t.elapsed() >= 140, qPrintable(QString::number(t.elapsed())));
    }

    void attaches_per_store_are_rate_limited()
    {
        ClientConfig c = config();
        c.attachesPerMinute = 2;
        c.attachWindowMs = 300;
        OpenAIClient client(c);
        const QString a = m_server->addStore(u"a"_s);
        const QString b = m_server->addStore(u"b"_s);
        QStringList files;
        for (int i = 0; i < 5; ++i)
            files << m_server->addFile(u"f%1.txt"_s.arg(i), "x");
        int done = 0;
        QElapsedTimer t;
        t.start();
        for (const QString &id : files)
            client.createVectorStoreFile(a, id, {}, ChunkingStrategy{}, [&](Result<QJsonObject> r) {
                QVERIFY(r);
                ++done;
            });
        // Another store is not held up by the first one's limit.
        client.createVectorStoreFile(b, files.first(), {}, ChunkingStrategy{}, [&](Result<QJsonObject> r) {
            QVERIFY(r);
            ++done;
        });
        QTRY_COMPARE_WITH_TIMEOUT(done, 6, 5000);
        // 2 in the first window, 2 in the second, 1 in the third: at least two windows.
        QVERIFY2(t.elapsed() >= 590, qPrintable(QString::number(t.elapsed())));
        qsizetype storeBAt = -1;
        const auto requests = m_server->requests();
        for (qsizetype i = 0; i < requests.size(); ++i)
            if (requests[i].path.contains(b))
                storeBAt = i;
        QVERIFY2(storeBAt >= 0 && storeBAt <= 2, qPrintable(QString::number(storeBAt)));
    }

    // ----- the backend

    void attach_uploads_then_completes_after_processing()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        m_server->setPollsUntilDone(3);
        StoreDraft draft;
        draft.name = u"docs"_s;
        draft.metadata = {{u"team"_s, u"support"_s}};
        draft.expiresAfterDays = 7;
        auto store = f.service->createStore(u"acme"_s, draft);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message()));
        QVERIFY(store->remoteId.startsWith(u"vs_"_s));
        const QJsonObject created = QJsonDocument::fromJson(m_server->requests().constLast().body).object();
        QCOMPARE(created[u"expires_after"_s][u"days"_s].toInt(), 7);
        QCOMPARE(created[u"metadata"_s][u"team"_s].toString(), u"support"_s);
        auto file = f.service->attachPath(
            u"acme"_s, u"docs"_s,
            f.writeFile(u"woodchucks.txt"_s, "How many woodchucks are allowed per passenger? Two."),
            {{u"region"_s, u"eu"_s}});
        QVERIFY2(file, qPrintable(file ? QString() : file.error().message()));
        auto summary = f.ingest();
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message()));
        QCOMPARE(summary->completed, 1);
        auto after = f.service->file(u"acme"_s, u"docs"_s, QString::number(file->id));
        QVERIFY(after);
        QCOMPARE(after->status, FileStatus::Completed);
        const QString remoteId = f.remoteFileId(file->id);
        QVERIFY(remoteId.startsWith(u"file-"_s));
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores/%1/files/%2"_s.arg(store->remoteId, remoteId)), 3);
        const auto requests = m_server->requests();
        const auto attach = std::find_if(requests.cbegin(), requests.cend(), [](const auto &r) {
            return r.method == "POST" && r.path.endsWith(u"/files"_s) && r.path.contains(u"vector_stores"_s);
        });
        QVERIFY(attach != requests.cend());
        QCOMPARE(QJsonDocument::fromJson(attach->body).object()[u"attributes"_s][u"region"_s].toString(), u"eu"_s);

        // Search proxies, mapping OpenAI's ids to ours.
        SearchRequest request;
        request.queries = {u"woodchucks"_s};
        auto found = f.service->search(u"acme"_s, {u"docs"_s}, request);
        QVERIFY2(found, qPrintable(found ? QString() : found.error().message()));
        QCOMPARE(found->data.size(), 1);
        QCOMPARE(found->data[0].fileId, file->id);
        QCOMPARE(found->data[0].filename, u"woodchucks.txt"_s);
        QVERIFY(found->data[0].content.join(u' ').contains(u"Two."_s));

        // Attributes follow; detach hides the file from search at once, remote objects stay.
        QVERIFY(
            f.service->setFileAttributes(u"acme"_s, u"docs"_s, QString::number(file->id), {{u"region"_s, u"us"_s}}));
        QCOMPARE(QJsonDocument::fromJson(m_server->requests().constLast().body).object()[u"attributes"_s][u"region"_s],
                 QJsonValue(u"us"_s));
        QVERIFY(f.service->detachFile(u"acme"_s, u"docs"_s, QString::number(file->id)));
        found = f.service->search(u"acme"_s, {u"docs"_s}, request);
        QVERIFY(found);
        QCOMPARE(found->data.size(), 0);
        QCOMPARE(m_server->storeFileIds(store->remoteId).size(), 1);
        QCOMPARE(QJsonDocument::fromJson(m_server->requests().constLast().body).object()[u"max_num_results"_s].toInt(),
                 11);

        // Purge of the file deletes the store file and the upload.
        auto detached = f.service->file(u"acme"_s, u"docs"_s, QString::number(file->id), Visibility::Deleted);
        QVERIFY(detached);
        StoreFile purged = detached.value();
        purged.remoteFileId = remoteId;
        QVERIFY(f.backend->purgeFile(f.service->tenant(u"acme"_s).value(), store.value(), purged, true));
        QCOMPARE(m_server->storeFileIds(store->remoteId).size(), 0);
        QCOMPARE(m_server->fileCount(), 0);
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }

    void failed_processing_records_each_error_code_data()
    {
        QTest::addColumn<QString>("code");
        for (const char *code : {"invalid_file", "unsupported_file", "server_error"})
            QTest::newRow(code) << QString::fromLatin1(code);
    }
    void failed_processing_records_each_error_code()
    {
        QFETCH(QString, code);
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        QVERIFY(f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}}));
        auto file = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"fail-%1.txt"_s.arg(code), "some text"));
        QVERIFY(file);
        auto summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->failed, 1);
        auto after = f.service->file(u"acme"_s, u"docs"_s, QString::number(file->id));
        QCOMPARE(after->status, FileStatus::Failed);
        QCOMPARE(after->lastErrorCode, code);
        QVERIFY2(after->lastErrorMessage.contains(u"Fake failure: "_s + code), qPrintable(after->lastErrorMessage));
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }

    void crash_between_upload_and_attach_creates_no_duplicates()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        const QByteArray content = "crash recovery text";
        auto file = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"recover.txt"_s, content));
        QVERIFY(file);
        // An earlier run uploaded the file and died before recording its id or attaching it.
        const QString orphan = m_server->addFile(u"recover.txt"_s, content);
        const int uploadsBefore = m_server->count("POST", u"/v1/files"_s);
        auto summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->completed, 1);
        QCOMPARE(m_server->count("POST", u"/v1/files"_s), uploadsBefore); // no second upload
        QCOMPARE(m_server->fileCount(), 1);
        QCOMPARE(f.remoteFileId(file->id), orphan);
        QCOMPARE(m_server->storeFileIds(store->remoteId), QStringList{orphan});

        // An earlier run uploaded and recorded the id, then died before attaching: attach that one.
        auto second = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"second.txt"_s, "second text"));
        QVERIFY(second);
        const QString recorded = m_server->addFile(u"second.txt"_s, "second text");
        QSqlQuery q(f.db->connection());
        q.prepare(u"UPDATE vector_store_files SET remote_file_id = ? WHERE id = ?"_s);
        q.addBindValue(recorded);
        q.addBindValue(second->id);
        QVERIFY(q.exec());
        QVERIFY(f.ingest());
        QCOMPARE(m_server->fileCount(), 2);
        QCOMPARE(m_server->storeFileIds(store->remoteId).size(), 2);
        QVERIFY(m_server->storeFileIds(store->remoteId).contains(recorded));

        // A store created remotely whose record was rolled back is adopted, not created again.
        const Tenant acme = f.service->tenant(u"acme"_s).value();
        VectorStore again = store.value();
        auto adopted = f.backend->createStore(acme, again);
        QVERIFY(adopted);
        QCOMPARE(adopted.value(), store->remoteId);
        QCOMPARE(m_server->storeCount(), 1);
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }

    void deleted_upload_is_made_again_deleted_store_is_reported()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        auto file = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"again.txt"_s, "uploaded again"));
        QVERIFY(file);
        QSqlQuery q(f.db->connection());
        q.prepare(u"UPDATE vector_store_files SET remote_file_id = 'file-deleted-elsewhere' WHERE id = ?"_s);
        q.addBindValue(file->id);
        QVERIFY(q.exec());
        auto summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->completed, 1);
        QCOMPARE(m_server->count("POST", u"/v1/files"_s), 1);
        const QString fresh = f.remoteFileId(file->id);
        QVERIFY(fresh.startsWith(u"file-"_s) && fresh != u"file-deleted-elsewhere"_s);
        QCOMPARE(m_server->storeFileIds(store->remoteId), QStringList{fresh});

        m_server->removeStore(store->remoteId); // deleted outside VectorDesk
        auto second = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"orphan.txt"_s, "no store"));
        QVERIFY(second);
        summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->failed, 1);
        auto after = f.service->file(u"acme"_s, u"docs"_s, QString::number(second->id));
        QCOMPARE(after->lastErrorCode, u"server_error"_s);
        QVERIFY2(after->lastErrorMessage.contains(u"deleted outside VectorDesk"_s),
                 qPrintable(after->lastErrorMessage));
        QCOMPARE(m_server->storeCount(), 0); // never re-created
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }

    void slow_remote_processing_is_handed_to_the_sync_worker()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        f.backend->setIngestWaitMs(0); // do not wait for OpenAI's processing at all
        m_server->setPollsUntilDone(2);
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        auto file = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"slow.txt"_s, "slow to process"));
        QVERIFY(file);
        auto summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->pending, 1);
        QCOMPARE(summary->completed, 0);
        auto after = f.service->file(u"acme"_s, u"docs"_s, QString::number(file->id));
        QCOMPARE(after->status, FileStatus::InProgress);
        const QString remoteId = f.remoteFileId(file->id);
        QVERIFY(remoteId.startsWith(u"file-"_s));
        // Parked: a second drain does not take it again (only the lease does), so nothing is
        // uploaded or attached twice.
        summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->pending + summary->completed + summary->failed, 0);
        QCOMPARE(m_server->count("POST", u"/v1/files"_s), 1);
        // The sync worker's refresh sees it finish.
        const Tenant acme = f.service->tenant(u"acme"_s).value();
        auto files = f.service->listFiles(u"acme"_s, u"docs"_s);
        QVERIFY(files);
        auto state = f.backend->refresh(acme, store.value(), files.value());
        QVERIFY(state);
        QCOMPARE(state->files.size(), 1);
        QCOMPARE(state->files[0].status, u"in_progress"_s); // first poll: still processing
        QCOMPARE(state->status, u"in_progress"_s);
        state = f.backend->refresh(acme, store.value(), files.value());
        QVERIFY(state);
        QCOMPARE(state->files[0].status, u"completed"_s);
        QCOMPARE(state->files[0].fileId, file->id);
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }

    void lost_answers_to_creates_make_no_duplicates()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        // The store is created, but the answer is a 502: the backend finds it instead of creating
        // another.
        FakeOpenAIServer::Injected lost = answer(502);
        lost.processFirst = true;
        m_server->inject("POST", u"/v1/vector_stores"_s, lost);
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message()));
        QCOMPARE(m_server->storeCount(), 1);
        QCOMPARE(m_server->count("POST", u"/v1/vector_stores"_s), 1);
        QVERIFY(!store->remoteId.isEmpty());
        // Same for an upload whose answer is lost.
        m_server->inject("POST", u"/v1/files"_s, lost);
        auto file = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"lost.txt"_s, "answer lost"));
        QVERIFY(file);
        auto summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->completed, 1);
        QCOMPARE(m_server->count("POST", u"/v1/files"_s), 1);
        QCOMPARE(m_server->fileCount(), 1);
        QCOMPARE(m_server->storeFileIds(store->remoteId), QStringList{f.remoteFileId(file->id)});
        // A create that did not happen (500 before anything was done) is tried again.
        m_server->inject("POST", u"/v1/vector_stores"_s, answer(500));
        auto second = f.service->createStore(u"acme"_s, StoreDraft{u"second"_s, {}, {}, {}, {}});
        QVERIFY2(second, qPrintable(second ? QString() : second.error().message()));
        QCOMPARE(m_server->storeCount(), 2);
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }

    // Refresh reads the files in progress from the store's list of files in progress, a request
    // per page of 100 files, not a request per file; the files that left it come from the lists of
    // completed, failed and cancelled files when that takes fewer requests, and a file in no list
    // is asked for on its own (gone: missing).
    void refresh_lists_files_by_status_a_page_per_100_files()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        const QString vs = store->remoteId;
        QList<StoreFile> files;
        QHash<qint64, QString> expected; // after the first refresh
        for (int i = 0; i < 251; ++i) {
            // 100 finish at the first look, 30 fail at it, 120 take three looks, 1 is deleted.
            const QString name = i >= 100 && i < 130 ? u"f%1-fail-invalid_file.txt"_s.arg(i) : u"f%1.txt"_s.arg(i);
            StoreFile file;
            file.id = 1000 + i;
            file.filename = name;
            file.remoteFileId = m_server->addFile(name, "text " + QByteArray::number(i));
            m_server->attachInProgress(vs, file.remoteFileId, i < 130 ? 1 : 3);
            files << file;
            expected.insert(file.id, i < 100 ? u"completed"_s : i < 130 ? u"failed"_s : u"in_progress"_s);
        }
        m_server->removeFile(files.constLast().remoteFileId);
        const auto requests = [&](qsizetype from, int *lists, int *singles) {
            *lists = 0;
            *singles = 0;
            const auto all = m_server->requests();
            for (qsizetype i = from; i < all.size(); ++i) {
                if (all[i].path == u"/v1/vector_stores/%1/files"_s.arg(vs)) {
                    ++*lists;
                    QVERIFY(all[i].query.hasQueryItem(u"filter"_s));
                } else if (all[i].path.startsWith(u"/v1/vector_stores/%1/files/"_s.arg(vs))) {
                    ++*singles;
                }
            }
        };
        const Tenant acme = f.service->tenant(u"acme"_s).value();
        int lists = 0;
        int singles = 0;

        qsizetype before = m_server->requests().size();
        auto state = f.backend->refresh(acme, store.value(), files);
        QVERIFY2(state, qPrintable(state ? QString() : state.error().message()));
        requests(before, &lists, &singles);
        // In progress: 2 pages (120 files); then completed, failed, cancelled: 1 page each; the
        // deleted file alone.
        QCOMPARE(lists, 5);
        QCOMPARE(singles, 1);
        QCOMPARE(state->files.size(), files.size());
        QList<StoreFile> still;
        for (qsizetype i = 0; i < files.size(); ++i) {
            const RemoteFileState &fs = state->files[i];
            QCOMPARE(fs.fileId, files[i].id);
            if (i == files.size() - 1) {
                QVERIFY(fs.missing);
                continue;
            }
            QVERIFY(!fs.missing);
            QCOMPARE(fs.status, expected.value(fs.fileId));
            if (fs.status == u"failed"_s)
                QCOMPARE(fs.lastErrorCode, u"invalid_file"_s);
            if (fs.status == u"in_progress"_s)
                still << files[i];
        }
        QCOMPARE(still.size(), 120);

        // Still processing: the two pages of the list in progress, nothing else.
        before = m_server->requests().size();
        state = f.backend->refresh(acme, store.value(), still);
        QVERIFY(state);
        requests(before, &lists, &singles);
        QCOMPARE(lists, 2);
        QCOMPARE(singles, 0);
        for (const RemoteFileState &fs : std::as_const(state->files))
            QCOMPARE(fs.status, u"in_progress"_s);

        // Done: an empty list in progress, then the lists of the files that finished.
        before = m_server->requests().size();
        state = f.backend->refresh(acme, store.value(), still);
        QVERIFY(state);
        requests(before, &lists, &singles);
        QCOMPARE(lists, 1 + 3 + 1 + 1); // 220 completed: 3 pages
        QCOMPARE(singles, 0);
        for (const RemoteFileState &fs : std::as_const(state->files))
            QCOMPARE(fs.status, u"completed"_s);
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }

    void refresh_reports_state_and_remote_deletions()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        auto a = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"a.txt"_s, "alpha text"));
        auto b = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"b.txt"_s, "beta text"));
        QVERIFY(a && b);
        QVERIFY(f.ingest());
        const Tenant acme = f.service->tenant(u"acme"_s).value();
        auto files = f.service->listFiles(u"acme"_s, u"docs"_s);
        QVERIFY(files);
        m_server->removeFile(f.remoteFileId(b->id)); // deleted outside VectorDesk
        auto state = f.backend->refresh(acme, store.value(), files.value());
        QVERIFY2(state, qPrintable(state ? QString() : state.error().message()));
        QVERIFY(!state->missing);
        QCOMPARE(state->status, u"completed"_s);
        QCOMPARE(state->fileCounts.completed, 1);
        QCOMPARE(state->usageBytes, qint64(QByteArray("alpha text").size()));
        QCOMPARE(state->files.size(), 2);
        for (const RemoteFileState &s : state->files)
            QCOMPARE(s.missing, s.fileId == b->id);
        m_server->removeStore(store->remoteId);
        state = f.backend->refresh(acme, store.value(), {});
        QVERIFY(state);
        QVERIFY(state->missing);
        QCOMPARE(m_server->storeCount(), 0); // reported, never re-created
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }

    void backend_calls_never_reenter_the_callers_event_loop()
    {
        // The backend blocks this thread on futures while its network thread does the work: the
        // key look-up, the requests, a retry after its backoff timer, the waits between polls.
        // Events queued for this thread before the calls run only once it is back in its loop.
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        m_server->setPollsUntilDone(3);
        m_server->setDelayAllMs(20);
        m_server->inject("GET", u"/v1/vector_stores"_s, answer(503)); // retried after a backoff
        int delivered = 0;
        QTimer::singleShot(0, this, [&] { ++delivered; });
        QMetaObject::invokeMethod(
            this, [&] { ++delivered; }, Qt::QueuedConnection);

        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message()));
        auto file = f.service->attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"loop.txt"_s, "woodchucks in a loop"));
        QVERIFY(file);
        auto summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->completed, 1);
        SearchRequest request;
        request.queries = {u"woodchucks"_s};
        auto found = f.service->search(u"acme"_s, {u"docs"_s}, request);
        QVERIFY2(found, qPrintable(found ? QString() : found.error().message()));
        QCOMPARE(found->data.size(), 1);
        const Tenant acme = f.service->tenant(u"acme"_s).value();
        QVERIFY(f.backend->refresh(acme, store.value(), {}));
        auto works = f.backend->checkConnection(acme);
        QVERIFY(works);
        QCOMPARE(works.value(), m_server->baseUrl().toString());
        QCOMPARE(m_server->count("GET", u"/v1/vector_stores"_s), 1 + 1 + 3 + 1 + 1); // retry, polls, refresh, key

        QCOMPARE(delivered, 0); // no call ran this thread's event loop
        QTRY_COMPARE(delivered, 2); // they are delivered once it runs again
        f.backend.reset(); // stops the network thread (joined, its objects deleted there)
        qunsetenv(CredentialStore::kEnvironmentVariable);
    }

    void missing_key_lists_every_option()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qunsetenv(CredentialStore::kEnvironmentVariable);
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vectordesk-test-bus");
        auto store = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        QVERIFY(!store);
        const QString message = store.error().message();
        QVERIFY2(message.startsWith(u"No OpenAI API key for tenant acme"_s), qPrintable(message));
        QVERIFY(message.contains(u"vectordesk key set --tenant acme"_s));
        QVERIFY(message.contains(u"--openai-key-file PATH"_s));
        QVERIFY(message.contains(u"VECTORDESK_OPENAI_API_KEY"_s));
        QCOMPARE(m_server->requests().size(), 0);
        auto stores = f.service->listStores(u"acme"_s);
        QVERIFY(stores);
        QVERIFY(stores->isEmpty()); // refused: nothing left behind
    }
};

QTEST_GUILESS_MAIN(TestOpenAIClient)
#include "tst_openai_client.moc"
