// Contract test: every request type OpenAIClient sends goes to Prism mocking the official OpenAPI
// spec (../shared/data/openai/openapi.yaml). Prism validates each request against the spec and
// answers 422 with the reason when it does not match; every response (static examples, then
// generated ones with Prefer: dynamic=true) must parse.

#include "awaitanswer.h"
#include "core/openai/openaiclient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace vd;
using namespace vd::openai;
using vd::test::await;
using vd::test::awaitJson;

class TestOpenAIContract : public QObject
{
    Q_OBJECT

private:
    QProcess m_prism;
    QByteArray m_prismOutput;
    int m_port = 0;
    QTemporaryDir m_dir;

    ClientConfig config(bool dynamic) const
    {
        ClientConfig c;
        c.tenant = u"contract"_s;
        c.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(m_port)); // Prism serves the spec's paths at the root
        c.apiKey = u"sk-contract-test-key-000"_s;
        c.organization = u"org-contract"_s;
        c.project = u"proj_contract"_s;
        c.maxAttempts = 1; // a failure must show, not be retried away
        if (dynamic)
            c.extraHeaders = {{"Prefer", "dynamic=true"}};
        return c;
    }

private slots:
    void initTestCase()
    {
        qputenv("no_proxy", "127.0.0.1,localhost"); // loopback never goes through an http_proxy
        const QString source = qEnvironmentVariable("VECTORDESK_SOURCE_DIR");
        QVERIFY2(!source.isEmpty(), "VECTORDESK_SOURCE_DIR is not set (run through ctest)");
        const QString prism = source + u"/tools/prism/node_modules/.bin/prism"_s;
        QVERIFY2(QFile::exists(prism),
                 qPrintable(u"Prism is not installed (%1). Install the test dependencies with: scripts/deps --test "
                            u"(it runs npm ci --prefix tools/prism)."_s.arg(prism)));
        QString spec = qEnvironmentVariable("VECTORDESK_OPENAI_SPEC");
        if (spec.isEmpty())
            spec = QDir(source + u"/../shared/data/openai"_s).absoluteFilePath(u"openapi.yaml"_s);
        QVERIFY2(QFile::exists(spec),
                 qPrintable(u"The OpenAI spec is missing at %1: the shared folder must be the repository's sibling "
                            u"(../shared), or set VECTORDESK_OPENAI_SPEC."_s.arg(spec)));
        {
            QTcpServer probe; // a free loopback port
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            m_port = probe.serverPort();
        }
        m_prism.setProcessChannelMode(QProcess::MergedChannels);
        connect(&m_prism, &QProcess::readyRead, this, [this] { m_prismOutput += m_prism.readAll(); });
        m_prism.start(prism, {u"mock"_s, u"-h"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port), spec});
        QVERIFY2(m_prism.waitForStarted(), qPrintable(m_prism.errorString()));
        // Prism reads the 3 MB spec first: allow it a few minutes on a busy machine.
        QTRY_VERIFY2_WITH_TIMEOUT(m_prismOutput.contains("Prism is listening")
                                      || m_prism.state() == QProcess::NotRunning,
                                  "Prism did not start", 240'000);
        QVERIFY2(m_prism.state() == QProcess::Running, m_prismOutput.right(2000).constData());
        const QString path = m_dir.filePath(u"contract.txt"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("contract test content\n");
    }

    void cleanupTestCase()
    {
        if (m_prism.state() != QProcess::NotRunning) {
            m_prism.terminate();
            if (!m_prism.waitForFinished(10'000)) {
                m_prism.kill();
                m_prism.waitForFinished();
            }
        }
    }

    void every_request_passes_validation_data()
    {
        QTest::addColumn<bool>("dynamic");
        QTest::newRow("static examples") << false;
        QTest::newRow("dynamic responses") << true;
    }
    void every_request_passes_validation()
    {
        QFETCH(bool, dynamic);
        OpenAIClient client(config(dynamic));
        const auto check = [](const char *what, const Result<QJsonObject> &r) {
            QVERIFY2(r, qPrintable(u"%1: %2"_s.arg(QString::fromLatin1(what), r ? QString() : r.error().message())));
        };
        // Files
        check("upload", awaitJson([&](auto d) { client.uploadFile(m_dir.filePath(u"contract.txt"_s), {}, d); }));
        check("get file", awaitJson([&](auto d) { client.getFile(u"file-abc123"_s, d); }));
        check("list files", awaitJson([&](auto d) {
                  client.listFiles(ListQuery{100, u"desc"_s, u"file-a"_s, {}, {}}, d);
              }));
        check("delete file", awaitJson([&](auto d) { client.deleteFile(u"file-abc123"_s, d); }));
        // Vector stores
        const QJsonObject create{{u"name"_s, u"docs"_s},
                                 {u"metadata"_s, QJsonObject{{u"vectordesk_store_id"_s, u"1"_s}}},
                                 {u"expires_after"_s, QJsonObject{{u"anchor"_s, u"last_active_at"_s}, {u"days"_s, 7}}}};
        check("create store", awaitJson([&](auto d) { client.createVectorStore(create, d); }));
        check("list stores", awaitJson([&](auto d) {
                  client.listVectorStores(ListQuery{100, u"desc"_s, u"vs_a"_s, {}, {}}, d);
              }));
        check("get store", awaitJson([&](auto d) { client.getVectorStore(u"vs_abc"_s, d); }));
        check("modify store", awaitJson([&](auto d) {
                  client.modifyVectorStore(u"vs_abc"_s,
                                           {{u"name"_s, u"renamed"_s}, {u"expires_after"_s, QJsonValue::Null}}, d);
              }));
        check("delete store", awaitJson([&](auto d) { client.deleteVectorStore(u"vs_abc"_s, d); }));
        // Store files
        ChunkingStrategy fixed;
        fixed.type = u"static"_s;
        fixed.maxChunkSizeTokens = 600;
        fixed.chunkOverlapTokens = 200;
        const QJsonObject attributes{{u"region"_s, u"eu"_s}, {u"year"_s, 2024}, {u"public"_s, true}};
        check("attach (static chunking)", awaitJson([&](auto d) {
                  client.createVectorStoreFile(u"vs_abc"_s, u"file-abc"_s, attributes, fixed, d);
              }));
        check("attach (auto chunking)", awaitJson([&](auto d) {
                  client.createVectorStoreFile(u"vs_abc"_s, u"file-abc"_s, {}, ChunkingStrategy{}, d);
              }));
        check("list store files", awaitJson([&](auto d) {
                  client.listVectorStoreFiles(u"vs_abc"_s, ListQuery{50, u"asc"_s, u"file-a"_s, {}, u"completed"_s}, d);
              }));
        check("get store file", awaitJson([&](auto d) { client.getVectorStoreFile(u"vs_abc"_s, u"file-abc"_s, d); }));
        check("update attributes", awaitJson([&](auto d) {
                  client.updateVectorStoreFileAttributes(u"vs_abc"_s, u"file-abc"_s, attributes, d);
              }));
        check("file content", awaitJson([&](auto d) { client.vectorStoreFileContent(u"vs_abc"_s, u"file-abc"_s, d); }));
        check("detach", awaitJson([&](auto d) { client.deleteVectorStoreFile(u"vs_abc"_s, u"file-abc"_s, d); }));
        // File batches
        auto batches = await<QList<QJsonObject>>([&](auto d) {
            client.createFileBatches(u"vs_abc"_s, {u"file-a"_s, u"file-b"_s, u"file-c"_s}, attributes, fixed, d);
        });
        QVERIFY2(batches, qPrintable(batches ? QString() : batches.error().message()));
        // The form ingestion sends: files[], each with its own attributes and chunking strategy.
        check("create batch (files)", awaitJson([&](auto d) {
                  client.createFileBatch(u"vs_abc"_s,
                                         {OpenAIClient::BatchFile{u"file-a"_s, attributes, fixed},
                                          OpenAIClient::BatchFile{u"file-b"_s, {}, ChunkingStrategy{}}},
                                         d);
              }));
        check("get batch", awaitJson([&](auto d) { client.getFileBatch(u"vs_abc"_s, u"vsfb_abc"_s, d); }));
        check("cancel batch", awaitJson([&](auto d) { client.cancelFileBatch(u"vs_abc"_s, u"vsfb_abc"_s, d); }));
        check("list batch files", awaitJson([&](auto d) {
                  client.listFileBatchFiles(u"vs_abc"_s, u"vsfb_abc"_s, ListQuery{20, {}, {}, {}, u"failed"_s}, d);
              }));
        // Search: a filter, several queries, every ranking option.
        auto request = SearchRequest::fromJson(QJsonObject{
            {u"query"_s, QJsonArray{u"woodchucks"_s, u"passengers"_s}},
            {u"max_num_results"_s, 5},
            {u"rewrite_query"_s, true},
            {u"ranking_options"_s, QJsonObject{{u"ranker"_s, u"auto"_s}, {u"score_threshold"_s, 0.2}}},
            // A comparison filter. Compound filters cannot be checked here: the spec defines their
            // items with $recursiveRef, which Prism's validator reads as an empty schema, so every
            // child matches both branches of the oneOf and Prism refuses any compound filter.
            {u"filters"_s,
             QJsonObject{{u"type"_s, u"in"_s}, {u"key"_s, u"region"_s}, {u"value"_s, QJsonArray{u"eu"_s, u"us"_s}}}}});
        QVERIFY2(request, qPrintable(request ? QString() : request.error().message()));
        auto found = await<RemoteSearchResult>([&](auto d) { client.search(u"vs_abc"_s, request.value(), d); });
        QVERIFY2(found, qPrintable(found ? QString() : found.error().message()));
        QCOMPARE(found->remoteFileIds.size(), found->response.data.size());
        // Pagination over generated pages stays bounded. Prism makes each page up at random: has_more
        // may stay true, or an id or cursor may come back on a later page (a word of its lorem
        // ipsum, say). listAll ends either way: with the list, or with its own refusal ("OpenAI's
        // list ...": too many pages, a repeated object or cursor), never after more than 3 pages.
        // Any other error (transport, validation) fails.
        int pagesAsked = 0;
        auto all = await<QList<QJsonObject>>([&](auto d) {
            OpenAIClient::listAll(
                [&](const ListQuery &q, JsonCallback cb) {
                    ++pagesAsked;
                    client.listVectorStores(q, cb);
                },
                ListQuery{}, 3, d);
        });
        QVERIFY2(pagesAsked >= 1 && pagesAsked <= 3, qPrintable(QString::number(pagesAsked)));
        QVERIFY2(all || all.error().message().startsWith(u"OpenAI's list "_s),
                 qPrintable(all ? QString() : all.error().message()));
        QVERIFY2(!m_prismOutput.contains("UNPROCESSABLE_ENTITY"), m_prismOutput.right(3000).constData());
    }

    void prism_rejects_what_the_spec_forbids()
    {
        // Proof that validation is on: a body the spec forbids comes back 422 with the reason.
        OpenAIClient client(config(false));
        auto r = awaitJson([&](auto d) { client.createVectorStore({{u"no_such_field"_s, 1}}, d); });
        QVERIFY(!r);
        QCOMPARE(r.error().details().value(u"http_status"_s).toInt(), 422);
        QVERIFY2(r.error().message().contains(u"no_such_field"_s), qPrintable(r.error().message()));
    }
};

QTEST_GUILESS_MAIN(TestOpenAIContract)
#include "tst_openai_contract.moc"
