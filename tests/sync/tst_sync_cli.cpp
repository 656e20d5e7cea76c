// `vectordesk --sync` as a real process: exit codes, dry runs that leave the database
// byte-identical, two runners at once (exactly one runs, the other exits 3 naming the holder),
// and kill -9 in the middle of a pass (the next pass completes everything, nothing done twice).

#include "core/storage/database.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

constexpr qint64 kDay = 24LL * 60 * 60 * 1000;

struct Run
{
    int code = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

} // namespace

class TestSyncCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_binary;
    QString m_db; // --db value
    int m_counter = 0;

    QStringList withDb(const QStringList &args) const
    {
        return args + QStringList{u"--db"_s, m_db, u"--as"_s, u"alice"_s};
    }

    Run run(const QStringList &args, int timeoutMs = 300000)
    {
        QProcess p;
        p.start(m_binary, withDb(args));
        Run r;
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished();
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    bool useEngine(const QString &engine)
    {
        const QString name = u"synccli_%1"_s.arg(++m_counter);
        if (engine == u"sqlite"_s) {
            m_db = m_dir.filePath(name + u".sqlite"_s);
            return true;
        }
        QString why;
        m_db = test::freshPostgresUrl(name, &why);
        if (m_db.isEmpty())
            qWarning().noquote() << why;
        return !m_db.isEmpty();
    }

    std::unique_ptr<Database> open()
    {
        QString error;
        auto url = DatabaseUrl::parse(m_db, &error);
        if (!url)
            return nullptr;
        auto db = std::make_unique<Database>(*url);
        if (!db->open(&error)) {
            qWarning().noquote() << error;
            return nullptr;
        }
        return db;
    }

    static qint64 scalar(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql) || !q.next()) {
            qWarning().noquote() << sql << q.lastError().text();
            return -1;
        }
        return q.value(0).toLongLong();
    }

    static bool exec(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        if (!q.exec(sql)) {
            qWarning().noquote() << sql << q.lastError().text();
            return false;
        }
        return true;
    }

    QString writeFile(const QString &relative, const QByteArray &content)
    {
        const QString path = m_dir.filePath(u"files%1/"_s.arg(m_counter) + relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(content);
        return path;
    }

    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

private slots:
    void initTestCase()
    {
        m_binary = qEnvironmentVariable("VECTORDESK_BINARY");
        if (m_binary.isEmpty() || !QFile::exists(m_binary))
            QSKIP("needs the vectordesk binary (run through ctest)");
    }

    void exitCodes()
    {
        QVERIFY(useEngine(u"sqlite"_s));
        QCOMPARE(run({u"tenant"_s, u"create"_s, u"acme"_s}).code, 0);
        Run r = run({u"--sync"_s, u"--watch"_s, u"0"_s});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--watch must be a whole number"_s), qPrintable(r.err));
        QCOMPARE(run({u"--sync"_s, u"--once"_s, u"--watch"_s, u"5"_s}).code, 2);
        r = run({u"--sync"_s, u"--tenant"_s, u"nope"_s});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"Tenant 'nope' does not exist"_s), qPrintable(r.err));
        r = run({u"--sync"_s, u"--bogus"_s});
        QCOMPARE(r.code, 2);
        r = run({u"--sync"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"Nothing to do."_s), qPrintable(r.out));
        QVERIFY(run({u"--sync"_s, u"--tenant"_s, u"acme"_s, u"--json"_s}).json().value(u"status"_s) == u"succeeded"_s);

        // The database cannot be reached: 4, with the reason.
        QProcess p;
        p.start(m_binary, {u"--sync"_s, u"--db"_s, u"postgresql://nobody@127.0.0.1:1/none"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 4);
        QVERIFY(!p.readAllStandardError().isEmpty());
        QProcess q;
        q.start(m_binary, {u"--sync"_s, u"--json"_s, u"--db"_s, u"/proc/no/such/dir/x.sqlite"_s});
        QVERIFY(q.waitForFinished(60000));
        QCOMPARE(q.exitCode(), 4);
        QCOMPARE(
            QJsonDocument::fromJson(q.readAllStandardOutput()).object().value(u"error"_s).toObject().value(u"code"_s),
            u"unavailable"_s);
    }

    void retryAndCancelFromTheCommandLine()
    {
        QVERIFY(useEngine(u"sqlite"_s));
        QCOMPARE(run({u"tenant"_s, u"create"_s, u"acme"_s}).code, 0);
        QCOMPARE(run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}).code, 0);
        QCOMPARE(run({u"member"_s, u"add"_s, u"--tenant"_s, u"acme"_s, u"vic"_s, u"--role"_s, u"viewer"_s}).code, 0);
        QCOMPARE(run({u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s,
                      writeFile(u"a.txt"_s, "alpha\n")})
                     .code,
                 0);
        const QStringList where{u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"1"_s, u"--json"_s};
        Run r = run(QStringList{u"file"_s, u"cancel"_s} + where);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"status"_s).toString(), u"cancelled"_s);
        r = run(QStringList{u"file"_s, u"cancel"_s} + where);
        QCOMPARE(r.code, 1);
        QCOMPARE(r.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"conflict"_s);
        QProcess viewer;
        viewer.start(m_binary,
                     QStringList{u"file"_s, u"retry"_s} + where + QStringList{u"--db"_s, m_db, u"--as"_s, u"vic"_s});
        QVERIFY(viewer.waitForFinished(60000));
        QCOMPARE(viewer.exitCode(), 1);
        QVERIFY(QString::fromUtf8(viewer.readAllStandardOutput()).contains(u"permission_denied"_s));
        r = run(QStringList{u"file"_s, u"retry"_s} + where);
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"status"_s).toString(), u"in_progress"_s);
        QCOMPARE(run({u"--sync"_s}).code, 0);
        r = run(QStringList{u"file"_s, u"show"_s} + where);
        QCOMPARE(r.json().value(u"status"_s).toString(), u"completed"_s);
        auto db = open();
        QVERIFY(db);
        QCOMPARE(
            scalar(*db,
                   u"SELECT files_completed + 10 * files_in_progress + 100 * files_cancelled FROM vector_stores"_s),
            1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM audit_log WHERE action IN ('file.cancel', 'file.retry')"_s), 2);
    }

    // --sync --metrics-file for node_exporter, and `vectordesk metrics` (docs/observability.md).
    void metricsFileAndCommand()
    {
        QVERIFY(useEngine(u"sqlite"_s));
        QCOMPARE(run({u"tenant"_s, u"create"_s, u"acme"_s}).code, 0);
        QCOMPARE(run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}).code, 0);
        QCOMPARE(run({u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s,
                      writeFile(u"a.txt"_s, "alpha beta\n"), writeFile(u"b.txt"_s, "gamma delta\n")})
                     .code,
                 0);
        Run r = run({u"metrics"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"vectordesk_ingestion_queue_files{backend=\"local\",tenant=\"acme\"} 2\n"_s),
                 qPrintable(r.out));
        r = run({u"metrics"_s, u"--tenant"_s, u"nope"_s, u"--json"_s});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.json()[u"error"_s][u"code"_s].toString(), u"not_found"_s);
        // A failing command's JSON error names its request id.
        QVERIFY2(r.json()[u"error"_s][u"request_id"_s].toString().startsWith(u"req_"_s), qPrintable(r.out));

        const QString file = m_dir.filePath(u"textfile/vectordesk.prom"_s);
        r = run({u"--sync"_s, u"--metrics-file"_s, file});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--metrics-file"_s) && r.err.contains(file), qPrintable(r.err));
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        r = run({u"--sync"_s, u"--metrics-file"_s, file});
        QCOMPARE(r.code, 0);
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(written.readAll());
        QVERIFY2(text.contains(u"vectordesk_sync_pass_seconds_count{outcome=\"succeeded\"} 1\n"_s), qPrintable(text));
        QVERIFY2(text.contains(u"vectordesk_sync_items_total{action=\"ingest\",outcome=\"done\"} 2\n"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"vectordesk_store_files{backend=\"local\",tenant=\"acme\",status=\"completed\"} 2\n"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"vectordesk_ingestion_queue_files{backend=\"local\",tenant=\"acme\"} 0\n"_s),
                 qPrintable(text));
        QCOMPARE(QDir(QFileInfo(file).absolutePath()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{u"vectordesk.prom"_s});
    }

    void watchRunsAPassEverySeconds()
    {
        QVERIFY(useEngine(u"sqlite"_s));
        QCOMPARE(run({u"tenant"_s, u"create"_s, u"acme"_s}).code, 0);
        QProcess watcher;
        watcher.start(m_binary, withDb({u"--sync"_s, u"--watch"_s, u"1"_s, u"--json"_s}));
        QVERIFY(watcher.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += watcher.readAllStandardOutput()).count('\n') >= 2, 60000);
        ::kill(pid_t(watcher.processId()), SIGTERM);
        QVERIFY(watcher.waitForFinished(60000));
        const QList<QByteArray> lines = out.trimmed().split('\n');
        QVERIFY(lines.size() >= 2);
        // One JSON object per line and pass, one sync_runs row each.
        for (const QByteArray &line : lines) {
            const QJsonObject pass = QJsonDocument::fromJson(line).object();
            QCOMPARE(pass.value(u"status"_s).toString(), u"succeeded"_s);
        }
        auto db = open();
        QVERIFY(db);
        QVERIFY(scalar(*db, u"SELECT count(*) FROM sync_runs WHERE status = 'succeeded'"_s) >= lines.size());
        // Stopped between or during passes, it never blocks the next runner.
        QCOMPARE(run({u"--sync"_s}, 60000).code, 0);
    }

    void dryRunLeavesTheDatabaseByteIdentical_data() { engines(); }
    void dryRunLeavesTheDatabaseByteIdentical()
    {
        QFETCH(QString, engine);
        QVERIFY(useEngine(engine));
        QCOMPARE(run({u"tenant"_s, u"create"_s, u"acme"_s, u"--plan"_s, u"pro"_s}).code, 0);
        QCOMPARE(run({u"tenant"_s, u"create"_s, u"old"_s}).code, 0);
        QCOMPARE(run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}).code, 0);
        QCOMPARE(run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"short"_s, u"--expires-after-days"_s, u"1"_s})
                     .code,
                 0);
        QCOMPARE(
            run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"soon"_s, u"--expires-after-days"_s, u"2"_s}).code,
            0);
        QCOMPARE(run({u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s,
                      writeFile(u"a.txt"_s, "alpha bravo\n"), writeFile(u"b.txt"_s, "charlie delta\n")})
                     .code,
                 0);
        QCOMPARE(run({u"--sync"_s}).code, 0); // ingests both
        QCOMPARE(run({u"file"_s, u"detach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"1"_s}).code, 0);
        QCOMPARE(run({u"tenant"_s, u"delete"_s, u"old"_s}).code, 0);
        QCOMPARE(run({u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s,
                      writeFile(u"c.txt"_s, "echo foxtrot\n")})
                     .code,
                 0);
        {
            auto db = open();
            QVERIFY(db);
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            // Age things as if days had passed: purge due, one store past expiry, one file stuck.
            QVERIFY(exec(*db, u"UPDATE vector_store_files SET deleted_at = %1 WHERE id = 1"_s.arg(now - 8 * kDay)));
            QVERIFY(exec(*db, u"UPDATE tenants SET deleted_at = %1 WHERE slug = 'old'"_s.arg(now - 8 * kDay)));
            QVERIFY(exec(*db,
                         u"UPDATE vector_stores SET last_active_at = %1, expires_at = %2 WHERE name = 'short'"_s
                             .arg(now - 2 * kDay)
                             .arg(now - kDay)));
            QVERIFY(exec(
                *db,
                u"UPDATE vector_stores SET last_active_at = %1, expires_at = %2 WHERE name = 'soon'"_s.arg(now - kDay)
                    .arg(now + kDay)));
            QVERIFY(exec(
                *db, u"UPDATE vector_store_files SET status_changed_at = %1 WHERE id = 3"_s.arg(now - 2 * 3600000)));
        }
        auto db = open();
        QVERIFY(db);
        const QString before = test::dumpRows(*db);
        Run dry = run({u"--sync"_s, u"--dry-run"_s, u"--json"_s});
        QCOMPARE(dry.code, 0);
        QCOMPARE(test::dumpRows(*db), before);
        const QJsonObject planned = dry.json();
        QCOMPARE(planned.value(u"dry_run"_s).toBool(), true);
        QVERIFY(planned.value(u"id"_s).isNull());
        const QJsonObject counts = planned.value(u"counts"_s).toObject();
        QCOMPARE(counts.value(u"expire"_s).toObject().value(u"planned"_s).toInt(), 1);
        QCOMPARE(counts.value(u"expiry_warning"_s).toObject().value(u"reported"_s).toInt(), 1);
        QCOMPARE(counts.value(u"stuck"_s).toObject().value(u"reported"_s).toInt(), 1);
        QCOMPARE(counts.value(u"ingest"_s).toObject().value(u"planned"_s).toInt(), 1);
        QCOMPARE(counts.value(u"purge_file"_s).toObject().value(u"planned"_s).toInt(), 1);
        QCOMPARE(counts.value(u"purge_tenant"_s).toObject().value(u"planned"_s).toInt(), 1);
        // Human output names the same things, and still changes nothing.
        Run human = run({u"--sync"_s, u"--dry-run"_s});
        QCOMPARE(human.code, 0);
        QVERIFY2(human.out.contains(u"Would expire: 1"_s) && human.out.contains(u"Would purge files: 1"_s),
                 qPrintable(human.out));
        QCOMPARE(test::dumpRows(*db), before);

        // The real pass does exactly that.
        Run real = run({u"--sync"_s, u"--json"_s});
        QCOMPARE(real.code, 0);
        const QJsonObject doneCounts = real.json().value(u"counts"_s).toObject();
        for (const QString &action : counts.keys()) {
            const QJsonObject a = counts.value(action).toObject();
            const QJsonObject b = doneCounts.value(action).toObject();
            QCOMPARE(b.value(u"done"_s).toInt() + b.value(u"reported"_s).toInt(),
                     a.value(u"planned"_s).toInt() + a.value(u"reported"_s).toInt());
        }
        QVERIFY(test::dumpRows(*db) != before);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM sync_runs WHERE triggered_by = 'headless'"_s), 2);
    }

    void twoRunnersAtOnce_data() { engines(); }
    void twoRunnersAtOnce()
    {
        QFETCH(QString, engine);
        QVERIFY(useEngine(engine));
        QCOMPARE(run({u"tenant"_s, u"create"_s, u"acme"_s, u"--plan"_s, u"pro"_s}).code, 0);
        QCOMPARE(run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}).code, 0);
        QByteArray big;
        for (int i = 0; big.size() < (12 << 20); ++i)
            big += "Line " + QByteArray::number(i) + " of the log mentions runway " + QByteArray::number(i % 97)
                + " and heading " + QByteArray::number(i % 360) + ".\n";
        QCOMPARE(run({u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s,
                      writeFile(u"big.txt"_s, big)})
                     .code,
                 0);
        auto db = open();
        QVERIFY(db);

        QProcess first;
        first.start(m_binary, withDb({u"--sync"_s}));
        QVERIFY(first.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(scalar(*db, u"SELECT count(*) FROM sync_lease"_s), 1, 60000);
        QCOMPARE(scalar(*db, u"SELECT pid FROM sync_lease"_s), first.processId());

        // The second runner does nothing and says who runs.
        Run second = run({u"--sync"_s}, 60000);
        QCOMPARE(second.code, 3);
        QVERIFY2(second.err.contains(u"Another sync runner holds the lease"_s)
                     && second.err.contains(
                         u"%1 (pid %2, headless) since "_s.arg(QSysInfo::machineHostName()).arg(first.processId())),
                 qPrintable(second.err));
        Run secondJson = run({u"--sync"_s, u"--json"_s}, 60000);
        QCOMPARE(secondJson.code, 3);
        const QJsonObject error = secondJson.json().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"code"_s).toString(), u"lease_held"_s);
        QCOMPARE(error.value(u"holder"_s).toObject().value(u"pid"_s).toInteger(), first.processId());
        // With --wait it runs once the first is done.
        QProcess waiter;
        waiter.start(m_binary, withDb({u"--sync"_s, u"--wait"_s, u"--json"_s}));
        QVERIFY(waiter.waitForStarted());

        QVERIFY(first.waitForFinished(300000));
        QCOMPARE(first.exitCode(), 0);
        QVERIFY(waiter.waitForFinished(300000));
        QCOMPARE(waiter.exitCode(), 0);
        QCOMPARE(QJsonDocument::fromJson(waiter.readAllStandardOutput()).object().value(u"status"_s).toString(),
                 u"succeeded"_s);
        // Only the first ingested; exactly two passes ran; the lease is free again.
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM audit_log WHERE action = 'file.ingest'"_s), 1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM sync_runs WHERE status = 'succeeded'"_s), 2);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM sync_lease"_s), 0);
    }

    void killedMidPassCompletesNothingTwice()
    {
        QVERIFY(useEngine(u"sqlite"_s));
        QCOMPARE(run({u"tenant"_s, u"create"_s, u"acme"_s, u"--plan"_s, u"pro"_s}).code, 0);
        QCOMPARE(run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}).code, 0);
        const int files = 300;
        for (int i = 0; i < files; ++i) {
            QByteArray text;
            for (int k = 0; k < 200; ++k)
                text += "Document " + QByteArray::number(i) + " paragraph " + QByteArray::number(k)
                    + " about wing loading and stall speed.\n";
            writeFile(u"docs/f%1.txt"_s.arg(i, 3, 10, QChar(u'0')), text);
        }
        QCOMPARE(run({u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s,
                      m_dir.filePath(u"files%1/docs"_s.arg(m_counter))})
                     .code,
                 0);
        auto db = open();
        QVERIFY(db);
        // 50 detached files past the retention, for the purge after the ingestion.
        const qint64 old = QDateTime::currentMSecsSinceEpoch() - 30 * kDay;
        for (int i = 0; i < 50; ++i)
            QVERIFY(exec(*db,
                         u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, "
                         u"sha256, status, created_at, updated_at, status_changed_at, deleted_at) VALUES "
                         u"(1, 1, 'gone%1.txt', 'text/plain', 1, '%2', 'completed', %3, %3, %3, %3)"_s.arg(i)
                             .arg(QString::number(i).rightJustified(64, u'e'))
                             .arg(old)));

        QProcess victim;
        victim.start(m_binary, withDb({u"--sync"_s}));
        QVERIFY(victim.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            scalar(*db, u"SELECT count(*) FROM vector_store_files WHERE status = 'completed' AND deleted_at IS NULL"_s)
                >= 20,
            120000);
        ::kill(pid_t(victim.processId()), SIGKILL);
        QVERIFY(victim.waitForFinished());
        const qint64 doneBefore =
            scalar(*db, u"SELECT count(*) FROM vector_store_files WHERE status = 'completed' AND deleted_at IS NULL"_s);
        QVERIFY2(doneBefore < files, "the pass finished before it was killed; make it longer");
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM sync_lease"_s), 1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM sync_runs WHERE status = 'running'"_s), 1);

        // The dead runner's lease is taken over at once (same host), and the pass completes.
        Run next = run({u"--sync"_s, u"--json"_s});
        QCOMPARE(next.code, 0);
        const QJsonObject counts = next.json().value(u"counts"_s).toObject();
        QCOMPARE(counts.value(u"ingest"_s).toObject().value(u"done"_s).toInt(), files - doneBefore);
        QCOMPARE(counts.value(u"purge_file"_s).toObject().value(u"done"_s).toInt(), 50);

        QCOMPARE(scalar(*db, u"SELECT count(*) FROM vector_store_files WHERE status = 'completed'"_s), files);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM vector_store_files"_s), files);
        QCOMPARE(scalar(*db, u"SELECT files_completed FROM vector_stores WHERE id = 1"_s), files);
        QCOMPARE(scalar(*db, u"SELECT files_in_progress FROM vector_stores WHERE id = 1"_s), 0);
        QCOMPARE(scalar(*db,
                        u"SELECT usage_bytes - (SELECT sum(usage_bytes) FROM vector_store_files) FROM "
                        u"vector_stores WHERE id = 1"_s),
                 0);
        // Each file ingested and each purge done exactly once.
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM audit_log WHERE action = 'file.ingest'"_s), files);
        QCOMPARE(scalar(*db, u"SELECT count(DISTINCT target) FROM audit_log WHERE action = 'file.ingest'"_s), files);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM audit_log WHERE action = 'file.purge'"_s), 50);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM sync_runs WHERE status = 'failed'"_s), 1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM sync_runs WHERE status = 'succeeded'"_s), 1);
        QCOMPARE(scalar(*db, u"SELECT count(*) FROM sync_lease"_s), 0);
        // The index holds every file's chunks once.
        QString error;
        const QString indexPath = m_db.chopped(u".sqlite"_s.size()) + u".engine/tenants/1/1.index"_s;
        Database index(*DatabaseUrl::parse(indexPath, &error));
        QVERIFY2(index.open(&error), qPrintable(error));
        QSqlQuery q(index.connection());
        QVERIFY(q.exec(u"SELECT file_id, count(*), count(DISTINCT ordinal) FROM chunks GROUP BY file_id"_s));
        QHash<qint64, qint64> chunks;
        while (q.next()) {
            QCOMPARE(q.value(1).toLongLong(), q.value(2).toLongLong());
            chunks.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
        }
        QCOMPARE(chunks.size(), files);
        QSqlQuery m(db->connection());
        QVERIFY(m.exec(u"SELECT id, chunk_count FROM vector_store_files"_s));
        while (m.next())
            QCOMPARE(chunks.value(m.value(0).toLongLong()), m.value(1).toLongLong());
    }
};

QTEST_GUILESS_MAIN(TestSyncCli)
#include "tst_sync_cli.moc"
