// End to end through the vectordesk binary: a tenant whose base URL is the in-test fake server,
// `store create --backend openai`, `file attach --wait`, `search`, `key test`, and the headless
// key sources (environment variable, key file and its refusals).

#include "fakeopenaiserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using vd::test::FakeOpenAIServer;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

} // namespace

class TestOpenAICli : public QObject
{
    Q_OBJECT

private:
    FakeOpenAIServer *m_server = nullptr;
    QTemporaryDir m_dir;
    QString m_db;

    // Runs the binary without blocking this thread's event loop, which serves the fake server.
    Run run(const QStringList &arguments, const QProcessEnvironment &extra = {}, const QByteArray &input = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"VECTORDESK_OPENAI_API_KEY"_s, m_server->apiKey());
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/vectordesk-test-bus"_s);
        env.remove(u"http_proxy"_s);
        env.remove(u"https_proxy"_s);
        for (const QString &key : extra.keys())
            if (extra.value(key).isEmpty())
                env.remove(key);
            else
                env.insert(key, extra.value(key));
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("VECTORDESK_BINARY"), QStringList{u"--db"_s, m_db} + arguments);
        if (!p.waitForStarted())
            return {};
        if (!input.isEmpty())
            p.write(input);
        p.closeWriteChannel();
        bool finished = false;
        connect(&p, &QProcess::finished, this, [&] { finished = true; });
        QElapsedTimer t;
        t.start();
        while (!finished && t.elapsed() < 60'000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        if (!finished) {
            p.kill();
            p.waitForFinished();
        }
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private slots:
    void initTestCase()
    {
        qputenv("no_proxy", "127.0.0.1,localhost"); // loopback never goes through an http_proxy
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(u"cli.sqlite"_s);
        m_server = new FakeOpenAIServer(this);
        QVERIFY(m_server->listen());
        Run r = run({u"tenant"_s, u"create"_s, u"acme"_s, u"--plan"_s, u"pro"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({u"tenant"_s, u"openai"_s, u"acme"_s, u"--base-url"_s, m_server->baseUrl().toString(), u"--project"_s,
                 u"proj_e2e"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(m_server->baseUrl().toString()));
    }

    void create_attach_search_end_to_end()
    {
        Run r = run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"--backend"_s, u"openai"_s, u"docs"_s});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(m_server->storeCount(), 1);
        QCOMPARE(m_server->requests().constLast().headers.value("openai-project"), QByteArray("proj_e2e"));

        const QString path = m_dir.filePath(u"policy.md"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# Woodchuck policy\n\nEach passenger may bring two woodchucks.\n");
        f.close();
        r = run({u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"--attributes"_s,
                 u"{\"region\":\"eu\"}"_s, u"--wait"_s, path});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"policy.md: completed"_s), qPrintable(r.out));
        QCOMPARE(m_server->count("POST", u"/v1/files"_s), 1);

        r = run({u"--json"_s, u"search"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"woodchucks"_s});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QJsonObject page = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonArray data = page.value(u"data"_s).toArray();
        QCOMPARE(data.size(), 1);
        QCOMPARE(data.at(0)[u"filename"_s].toString(), u"policy.md"_s);
        QCOMPARE(data.at(0)[u"attributes"_s][u"region"_s].toString(), u"eu"_s);
        QVERIFY(data.at(0)[u"content"_s].toArray().at(0)[u"text"_s].toString().contains(u"two woodchucks"_s));
        QCOMPARE(page.value(u"explain"_s)[u"engine"_s].toString(), u"openai"_s);
    }

    void attaching_a_folder_uses_one_file_batch()
    {
        Run r = run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"--backend"_s, u"openai"_s, u"folder"_s});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QString folder = m_dir.filePath(u"folder"_s);
        QVERIFY(QDir().mkpath(folder));
        for (int i = 0; i < 3; ++i) {
            QFile f(folder + u"/note%1.txt"_s.arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("Note " + QByteArray::number(i) + " on woodchucks.\n");
        }
        const auto attaches = [this](const QString &tail) {
            int n = 0;
            for (const auto &q : m_server->requests())
                if (q.method == "POST" && q.path.startsWith(u"/v1/vector_stores/"_s) && q.path.endsWith(tail))
                    ++n;
            return n;
        };
        const int batchesBefore = attaches(u"/file_batches"_s);
        const int singlesBefore = attaches(u"/files"_s);
        r = run({u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"folder"_s, u"--wait"_s, folder});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        for (int i = 0; i < 3; ++i)
            QVERIFY2(r.out.contains(u"note%1.txt: completed"_s.arg(i)), qPrintable(r.out));
        QCOMPARE(attaches(u"/file_batches"_s) - batchesBefore, 1);
        QCOMPARE(attaches(u"/files"_s) - singlesBefore, 0);
        QCOMPARE(m_server->batchSizes().constLast(), 3);
    }

    void import_adopts_remote_stores_once()
    {
        const QString legacy = m_server->addStore(u"legacy"_s, {{u"owner"_s, u"ops"_s}});
        const QString good = m_server->addFile(u"handbook.txt"_s, "The handbook covers woodchuck care.");
        const QString bad = m_server->addFile(u"scan.pdf"_s, "%PDF broken");
        m_server->attachProcessed(legacy, good, {{u"kind"_s, u"guide"_s}});
        m_server->attachProcessed(legacy, bad, {}, u"invalid_file"_s);
        Run r = run({u"store"_s, u"import"_s, u"--tenant"_s, u"acme"_s, u"--all"_s});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"imported %1 as store 'legacy'"_s.arg(legacy)), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"with 2 files"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"already in VectorDesk as store 'docs' of tenant acme"_s), qPrintable(r.out));
        QVERIFY(m_server->count("GET", u"/v1/files/"_s + good) >= 1); // names come from GET /files/{id}

        r = run({u"--json"_s, u"file"_s, u"list"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"legacy"_s});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QJsonArray files = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"data"_s).toArray();
        QCOMPARE(files.size(), 2);
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue &v : files)
            byName.insert(v[u"filename"_s].toString(), v.toObject());
        QCOMPARE(byName[u"handbook.txt"_s][u"status"_s].toString(), u"completed"_s);
        QCOMPARE(byName[u"scan.pdf"_s][u"status"_s].toString(), u"failed"_s);
        QCOMPARE(byName[u"scan.pdf"_s][u"last_error"_s][u"code"_s].toString(), u"invalid_file"_s);

        r = run({u"--json"_s, u"search"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"legacy"_s, u"handbook"_s});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"data"_s).toArray().size(), 1);

        // Again: nothing is imported twice.
        const int storesBefore = m_server->storeCount();
        r = run({u"store"_s, u"import"_s, u"--tenant"_s, u"acme"_s, legacy});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(u"0 stores imported, 1 skipped."_s));
        QCOMPARE(m_server->storeCount(), storesBefore);
        r = run({u"store"_s, u"import"_s, u"--tenant"_s, u"acme"_s, u"vs_nope"_s});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"deleted outside VectorDesk"_s), qPrintable(r.err));
        r = run({u"store"_s, u"import"_s, u"--tenant"_s, u"acme"_s});
        QCOMPARE(r.code, 2);
    }

    void key_test_prints_ok_or_the_reason()
    {
        Run r = run({u"key"_s, u"test"_s, u"--tenant"_s, u"acme"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(u"ok: "_s), qPrintable(r.out));
        QProcessEnvironment wrong;
        wrong.insert(u"VECTORDESK_OPENAI_API_KEY"_s, u"sk-not-the-right-key-123"_s);
        r = run({u"key"_s, u"test"_s, u"--tenant"_s, u"acme"_s}, wrong);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"The API key for tenant acme was rejected"_s), qPrintable(r.err));
        QVERIFY(r.err.contains(u"vectordesk key set --tenant acme"_s));
        QVERIFY(!r.err.contains(u"sk-not-the-right-key-123"_s));
    }

    void key_file_must_be_private_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("0600 accepted") << 0600 << 0 << u"ok: "_s;
        QTest::newRow("0400 accepted") << 0400 << 0 << u"ok: "_s;
        QTest::newRow("0644 refused") << 0644 << 1 << u"has mode 644, so other users can read it; refusing it"_s;
        QTest::newRow("0640 refused") << 0640 << 1 << u"has mode 640"_s;
    }
    void key_file_must_be_private()
    {
        QFETCH(int, mode);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(u"key-%1"_s.arg(mode, 0, 8));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_server->apiKey().toUtf8() + "\n");
        f.close();
        QVERIFY(QFile::setPermissions(
            path,
            QFileDevice::Permissions(((mode & 0400) ? QFileDevice::ReadOwner : QFileDevice::Permissions())
                                     | ((mode & 0200) ? QFileDevice::WriteOwner : QFileDevice::Permissions())
                                     | ((mode & 040) ? QFileDevice::ReadGroup : QFileDevice::Permissions())
                                     | ((mode & 04) ? QFileDevice::ReadOther : QFileDevice::Permissions()))));
        QProcessEnvironment noEnv;
        noEnv.insert(u"VECTORDESK_OPENAI_API_KEY"_s, QString()); // removed: the file is the only source
        Run r = run({u"key"_s, u"test"_s, u"--tenant"_s, u"acme"_s, u"--openai-key-file"_s, path}, noEnv);
        QCOMPARE(r.code, exitCode);
        const QString all = r.out + r.err;
        QVERIFY2(all.contains(expected), qPrintable(all));
    }

    void no_key_anywhere_lists_the_options()
    {
        QProcessEnvironment noEnv;
        noEnv.insert(u"VECTORDESK_OPENAI_API_KEY"_s, QString());
        Run r =
            run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"--backend"_s, u"openai"_s, u"other"_s}, noEnv);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"No OpenAI API key for tenant acme"_s), qPrintable(r.err));
        QVERIFY(r.err.contains(u"vectordesk key set --tenant acme"_s));
        QVERIFY(r.err.contains(u"--openai-key-file PATH"_s));
        QVERIFY(r.err.contains(u"VECTORDESK_OPENAI_API_KEY"_s));
    }

    void server_quoting_the_key_never_shows_it()
    {
        // A gateway that quotes the Authorization header it received in its error messages.
        const QByteArray key = m_server->apiKey().toUtf8();
        const QByteArray echo =
            "{\"error\":{\"message\":\"Gateway refused request with headers {Authorization: "
            "{{authorization}}}\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}";
        const auto quoting = [&echo](int status) {
            FakeOpenAIServer::Injected a;
            a.status = status;
            a.body = echo;
            return a;
        };
        QString seen;
        m_server->inject("POST", u"/v1/vector_stores"_s, quoting(400), 2);
        Run r = run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"--backend"_s, u"openai"_s, u"leaky"_s});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"Gateway refused request"_s), qPrintable(r.err));
        seen += r.out + r.err;
        r = run(
            {u"--json"_s, u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"--backend"_s, u"openai"_s, u"leaky"_s});
        QCOMPARE(r.code, 1);
        QVERIFY2(QString(r.out + r.err).contains(u"Gateway refused request"_s), qPrintable(r.out + r.err));
        seen += r.out + r.err;

        r = run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"--backend"_s, u"openai"_s, u"leaky"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        m_server->inject("POST", u"/v1/vector_stores/vs_"_s, quoting(400));
        const QString path = m_dir.filePath(u"leak.txt"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("text that the gateway refuses");
        f.close();
        r = run({u"--json"_s, u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"leaky"_s, u"--wait"_s,
                 path});
        seen += r.out + r.err;
        QVERIFY2(seen.contains(u"Gateway refused request"_s), qPrintable(r.out + r.err));
        r = run({u"member"_s, u"add"_s, u"--tenant"_s, u"acme"_s, u"victor"_s, u"--role"_s, u"viewer"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({u"--as"_s, u"victor"_s, u"--json"_s, u"file"_s, u"list"_s, u"--tenant"_s, u"acme"_s, u"--store"_s,
                 u"leaky"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray files = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"data"_s).toArray();
        QCOMPARE(files.size(), 1);
        r = run({u"--as"_s, u"victor"_s, u"file"_s, u"show"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"leaky"_s,
                 QString::number(files.at(0)[u"id"_s].toInteger())});
        QVERIFY2(r.out.contains(u"Gateway refused request"_s), qPrintable(r.out + r.err));
        seen += r.out + r.err;

        // The sync worker's refresh fails the same way: its run records the (redacted) error.
        m_server->inject("GET", u"/v1/vector_stores/vs_"_s, quoting(500), 100);
        r = run({u"sync"_s});
        seen += r.out + r.err;
        QVERIFY2(!seen.contains(QString::fromUtf8(key)), qPrintable(seen));
        // Neither the database (last_error_message, sync_runs.errors, audit_log) nor any output holds the key.
        for (const QString &name : QDir(m_dir.path()).entryList({u"cli.sqlite*"_s}, QDir::Files)) {
            QFile db(m_dir.filePath(name));
            QVERIFY(db.open(QIODevice::ReadOnly));
            const QByteArray bytes = db.readAll();
            QVERIFY2(!bytes.contains(key), qPrintable(name));
            if (name == u"cli.sqlite"_s)
                QVERIFY(bytes.contains("Gateway refused request")); // the messages are there, without the key
        }
    }

    void bad_base_url_is_refused()
    {
        Run r = run({u"tenant"_s, u"openai"_s, u"acme"_s, u"--base-url"_s, u"ftp://example.com"_s});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"is not a usable base URL"_s), qPrintable(r.err));
        r = run({u"tenant"_s, u"openai"_s, u"acme"_s, u"--base-url"_s, u"https://user:secret@example.com/v1"_s});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(u"must not carry a query, a fragment or credentials"_s));
    }
};

QTEST_GUILESS_MAIN(TestOpenAICli)
#include "tst_openai_cli.moc"
