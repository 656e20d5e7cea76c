// Keys against a real Secret Service (run by with-keyring.sh: a private D-Bus session with an
// unlocked gnome-keyring): set, read, clear, per-tenant separation, the order of the sources, the
// CLI's key commands, and a final check that no log or output of this suite holds a test key.

#include "core/openai/credentialstore.h"
#include "fakeopenaiserver.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace vd;
using namespace vd::openai;
using vd::test::FakeOpenAIServer;

namespace {

QMutex g_logMutex;
QStringList g_log; // every message this process produced

void recordMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker locker(&g_logMutex);
    g_log << message;
}

const QString kKeyA = u"sk-test-keychain-tenant-one-AAAA1111"_s;
const QString kKeyB = u"sk-test-keychain-tenant-two-BBBB2222"_s;
const QString kKeyEnv = u"sk-test-environment-key-CCCC3333"_s;

template<typename T>
std::optional<Result<T>> awaitResult(const std::function<void(std::function<void(Result<T>)>)> &launch)
{
    std::optional<Result<T>> answer;
    launch([&](Result<T> r) { answer = std::move(r); });
    QElapsedTimer t;
    t.start();
    while (!answer && t.elapsed() < 20'000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return answer;
}

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QStringList m_outputs; // stdout and stderr of every CLI run
    FakeOpenAIServer *m_server = nullptr;

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &arguments, const QByteArray &input = {}, bool withEnvKey = false)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QString::fromLatin1(CredentialStore::kEnvironmentVariable));
        if (withEnvKey)
            env.insert(QString::fromLatin1(CredentialStore::kEnvironmentVariable), kKeyEnv);
        p.setProcessEnvironment(env);
        const QString log = m_dir.filePath(u"log-%1.jsonl"_s.arg(m_outputs.size()));
        p.start(qEnvironmentVariable("VECTORDESK_BINARY"),
                QStringList{u"--db"_s, m_dir.filePath(u"keys.sqlite"_s), u"--verbose"_s, u"--log-json"_s, log}
                    + arguments);
        if (!p.waitForStarted())
            return {};
        p.write(input);
        p.closeWriteChannel();
        bool finished = false;
        connect(&p, &QProcess::finished, this, [&] { finished = true; });
        QElapsedTimer t;
        t.start();
        while (!finished && t.elapsed() < 60'000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        Run r{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
        m_outputs << r.out + r.err;
        return r;
    }

private slots:
    void initTestCase()
    {
        qputenv("no_proxy", "127.0.0.1,localhost"); // loopback never goes through an http_proxy
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
                 "run this test through tests/openai/with-keyring.sh (ctest does)");
        qInstallMessageHandler(recordMessage);
        QLoggingCategory::setFilterRules(u"vectordesk.*.debug=true"_s);
        qunsetenv(CredentialStore::kEnvironmentVariable);
        CredentialStore::setKeyFile({});
        m_server = new FakeOpenAIServer(this);
        QVERIFY(m_server->listen());
        m_server->setApiKey(kKeyA);
    }

    void keychain_set_read_clear_per_tenant()
    {
        CredentialStore store;
        auto w1 = awaitResult<void>([&](auto d) { store.writeKeychain(101, u"one"_s, kKeyA, d); });
        QVERIFY(w1);
        QVERIFY2(*w1, qPrintable(w1->ok() ? QString() : w1->error().message()));
        auto w2 = awaitResult<void>([&](auto d) { store.writeKeychain(102, u"two"_s, kKeyB, d); });
        QVERIFY(w2 && *w2);
        auto r1 = awaitResult<QString>([&](auto d) { store.readKeychain(101, u"one"_s, d); });
        auto r2 = awaitResult<QString>([&](auto d) { store.readKeychain(102, u"two"_s, d); });
        QVERIFY(r1 && *r1 && r2 && *r2);
        QCOMPARE(r1->value(), kKeyA);
        QCOMPARE(r2->value(), kKeyB);
        // Overwrite, then clear one tenant: the other keeps its key.
        auto w3 = awaitResult<void>([&](auto d) { store.writeKeychain(101, u"one"_s, kKeyA + u"X"_s, d); });
        QVERIFY(w3 && *w3);
        r1 = awaitResult<QString>([&](auto d) { store.readKeychain(101, u"one"_s, d); });
        QCOMPARE(r1->value(), kKeyA + u"X"_s);
        auto c1 = awaitResult<void>([&](auto d) { store.clearKeychain(101, u"one"_s, d); });
        QVERIFY(c1 && *c1);
        r1 = awaitResult<QString>([&](auto d) { store.readKeychain(101, u"one"_s, d); });
        QVERIFY(r1 && !*r1);
        QCOMPARE(r1->error().kind(), ServiceError::Kind::NotFound);
        r2 = awaitResult<QString>([&](auto d) { store.readKeychain(102, u"two"_s, d); });
        QCOMPARE(r2->value(), kKeyB);
        // Clearing what is not there is fine.
        c1 = awaitResult<void>([&](auto d) { store.clearKeychain(101, u"one"_s, d); });
        QVERIFY(c1 && *c1);
        // Nothing that is not a key is stored.
        auto bad = awaitResult<void>([&](auto d) { store.writeKeychain(103, u"three"_s, u"not a key"_s, d); });
        QVERIFY(bad && !*bad);
    }

    void sources_are_tried_in_order()
    {
        CredentialStore store;
        // Keychain only.
        auto key = awaitResult<QString>([&](auto d) { store.resolve(102, u"two"_s, d); });
        QCOMPARE(key->value(), kKeyB);
        // The environment variable wins over the keychain.
        qputenv(CredentialStore::kEnvironmentVariable, kKeyEnv.toUtf8());
        key = awaitResult<QString>([&](auto d) { store.resolve(102, u"two"_s, d); });
        QCOMPARE(key->value(), kKeyEnv);
        // A key file named explicitly wins over both; a readable-by-others one is refused.
        const QString path = m_dir.filePath(u"file.key"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kKeyA.toUtf8() + "\n");
        f.close();
        QVERIFY(QFile::setPermissions(
            path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
        CredentialStore::setKeyFile(path);
        key = awaitResult<QString>([&](auto d) { store.resolve(102, u"two"_s, d); });
        QVERIFY(key && !*key);
        QVERIFY2(key->error().message().contains(u"has mode 644"_s), qPrintable(key->error().message()));
        QVERIFY(key->error().message().contains(u"chmod 600 "_s + path));
        QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        key = awaitResult<QString>([&](auto d) { store.resolve(102, u"two"_s, d); });
        QCOMPARE(key->value(), kKeyA);
        CredentialStore::setKeyFile(m_dir.filePath(u"missing.key"_s));
        key = awaitResult<QString>([&](auto d) { store.resolve(102, u"two"_s, d); });
        QVERIFY(key && !*key);
        QVERIFY(key->error().message().contains(u"does not exist"_s));
        CredentialStore::setKeyFile({});
        qunsetenv(CredentialStore::kEnvironmentVariable);
        // Nothing anywhere: the message lists the options.
        key = awaitResult<QString>([&](auto d) { store.resolve(999, u"nobody"_s, d); });
        QVERIFY(key && !*key);
        QVERIFY(key->error().message().contains(u"vectordesk key set --tenant nobody"_s));
        QVERIFY(key->error().message().contains(u"--openai-key-file PATH"_s));
        QVERIFY(key->error().message().contains(u"VECTORDESK_OPENAI_API_KEY"_s));
    }

    void cli_key_set_test_clear()
    {
        Run r = run({u"tenant"_s, u"create"_s, u"acme"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({u"tenant"_s, u"openai"_s, u"acme"_s, u"--base-url"_s, m_server->baseUrl().toString()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({u"key"_s, u"set"_s, u"--tenant"_s, u"acme"_s}, kKeyA.toUtf8() + "\n");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"stored in the keychain"_s));
        r = run({u"key"_s, u"test"_s, u"--tenant"_s, u"acme"_s});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.startsWith(u"ok: "_s));
        QCOMPARE(m_server->requests().constLast().headers.value("authorization"), "Bearer " + kKeyA.toUtf8());
        // The environment variable overrides the keychain (and here is the wrong key).
        r = run({u"key"_s, u"test"_s, u"--tenant"_s, u"acme"_s}, {}, true);
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(u"The API key for tenant acme was rejected"_s));
        r = run({u"key"_s, u"clear"_s, u"--tenant"_s, u"acme"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({u"key"_s, u"test"_s, u"--tenant"_s, u"acme"_s});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"No OpenAI API key for tenant acme"_s), qPrintable(r.err));
        r = run({u"key"_s, u"set"_s, u"--tenant"_s, u"acme"_s}, "   \n");
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(u"The API key is empty"_s));
    }

    // Last: every log line and output of this suite, searched for the test keys.
    void no_log_holds_a_key()
    {
        QStringList texts = m_outputs;
        {
            QMutexLocker locker(&g_logMutex);
            texts += g_log;
        }
        int logFiles = 0;
        QDirIterator it(m_dir.path(), {u"*.jsonl"_s}, QDir::Files);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            texts << QString::fromUtf8(f.readAll());
            ++logFiles;
        }
        QVERIFY2(logFiles >= 5, qPrintable(QString::number(logFiles)));
        const QString all = texts.join(u'\n');
        QVERIFY2(all.contains(u"x-request-id"_s), "the request log lines are there");
        for (const QString &key : {kKeyA, kKeyB, kKeyEnv})
            QVERIFY2(!all.contains(key) && !all.contains(key.mid(3, 20)), qPrintable(u"found %1"_s.arg(key.left(12))));
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
