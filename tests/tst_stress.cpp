// The acceptance stress test of #13: several `vectordesk` processes at once attach, detach,
// restore, cancel, retry, ingest and purge (`--sync --once --retention-days 0`) the same files of
// the same stores, on one database (SQLite, then PostgreSQL), in waves of six started together. Afterwards every
// store's counters equal the sums recomputed from its rows, so does every tenant's use, every blob a row refers to
// exists, no good file failed, no process reported lock contention or a lost copy, and a sync
// pass exits 0.
//
// It runs VECTORDESK_STRESS_SECONDS per database (default 25; 10 when CI is set), so the whole
// test stays around a minute.

#include "core/engine/localengine.h"
#include "core/storage/blobstore.h"
#include "core/storage/database.h"
#include "testdatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

struct Run
{
    int code = -1;
    bool crashed = false;
    QString out;
    QString err;
};

// What a process may never say, whatever it raced with.
const QStringList kForbidden = {
    u"database is locked"_s, u"is busy"_s,  u"stored copy"_s,       u"is missing"_s,
    u"CHECK constraint"_s,   u"violates"_s, u"constraint failed"_s,
};

} // namespace

class TestStress : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_binary;
    QString m_db;
    QString m_engineRoot;
    int m_counter = 0;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"VECTORDESK_ENGINE_DIR"_s, m_engineRoot);
        return env;
    }

    QStringList withDb(const QStringList &args) const
    {
        return args + QStringList{u"--db"_s, m_db, u"--as"_s, u"alice"_s};
    }

    Run run(const QStringList &args)
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(m_binary, withDb(args));
        Run r;
        if (!p.waitForFinished(120000)) {
            p.kill();
            p.waitForFinished();
        }
        r.crashed = p.exitStatus() != QProcess::NormalExit;
        r.code = r.crashed ? -1 : p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

    bool useEngine(const QString &engine)
    {
        const QString name = u"stress_%1"_s.arg(++m_counter);
        m_engineRoot = m_dir.filePath(name + u".engine"_s);
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

    static int seconds()
    {
        bool ok = false;
        const int given = qEnvironmentVariableIntValue("VECTORDESK_STRESS_SECONDS", &ok);
        if (ok && given > 0)
            return given;
        return qEnvironmentVariableIsSet("CI") ? 10 : 25;
    }

    static QStringList column(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        QStringList values;
        if (!q.exec(sql))
            values << u"query failed: %1: %2"_s.arg(sql, q.lastError().text());
        while (q.next())
            values << q.value(0).toString();
        return values;
    }

private slots:
    void initTestCase()
    {
        m_binary = qEnvironmentVariable("VECTORDESK_BINARY");
        QVERIFY2(!m_binary.isEmpty() && QFile::exists(m_binary),
                 "VECTORDESK_BINARY must name the vectordesk binary (ctest sets it)");
    }

    void manyProcessesOnTheSameFiles_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }
    void manyProcessesOnTheSameFiles()
    {
        QFETCH(QString, engine);
        QVERIFY(useEngine(engine));

        // Two tenants, three stores, the same twelve files for all of them (so the same bytes are
        // attached, detached and purged in several stores at once).
        const QString folder = m_dir.filePath(u"files%1"_s.arg(m_counter));
        QVERIFY(QDir().mkpath(folder));
        QStringList paths;
        for (int i = 0; i < 12; ++i) {
            const QString path = u"%1/doc%2.md"_s.arg(folder).arg(i);
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray text = "# Report " + QByteArray::number(i) + "\n\n";
            for (int line = 0; line < 40 + 30 * i; ++line)
                text += "Line " + QByteArray::number(line) + " of report " + QByteArray::number(i)
                    + " about wings, flutter and the boundary layer at transonic speeds.\n";
            f.write(text);
            paths << path;
        }
        for (const QStringList &setup : {QStringList{u"tenant"_s, u"create"_s, u"acme"_s, u"--plan"_s, u"pro"_s},
                                         QStringList{u"tenant"_s, u"create"_s, u"beta"_s, u"--plan"_s, u"pro"_s},
                                         QStringList{u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s},
                                         QStringList{u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"more"_s},
                                         QStringList{u"store"_s, u"create"_s, u"--tenant"_s, u"beta"_s, u"docs"_s}}) {
            const Run r = run(setup);
            QVERIFY2(r.code == 0, qPrintable(setup.join(u' ') + u": "_s + r.err));
        }
        const QList<QPair<QString, QString>> stores = {
            {u"acme"_s, u"docs"_s}, {u"acme"_s, u"more"_s}, {u"beta"_s, u"docs"_s}};

        QString error;
        auto url = DatabaseUrl::parse(m_db, &error);
        QVERIFY2(url, qPrintable(error));
        Database db(*url);
        QVERIFY2(db.open(&error), qPrintable(error));

        // Waves of six processes started together, like `for k in 1 2 3; do ... & done`: two
        // operations, each run three times at once, on the same file of the same store (a real
        // row of it, live or in the trash) or the same bytes.
        QRandomGenerator random(20261203u + quint32(m_counter));
        const auto nextWave = [&]() -> QList<QStringList> {
            const auto &[tenant, store] = stores.at(random.bounded(int(stores.size())));
            const QStringList where{u"--tenant"_s, tenant, u"--store"_s, store};
            const QStringList ids = column(db,
                                           u"SELECT f.id FROM vector_store_files f JOIN vector_stores s ON s.id = "
                                           u"f.store_id JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = '%1' "
                                           u"AND s.name = '%2' ORDER BY f.id"_s.arg(tenant, store));
            const QString id = ids.isEmpty() ? u"1"_s : ids.at(random.bounded(int(ids.size())));
            const QString path = paths.at(random.bounded(int(paths.size())));
            const auto command = [&](int kind) -> QStringList {
                switch (kind) {
                case 0:
                    return QStringList{u"file"_s, u"attach"_s} + where + QStringList{path};
                case 1:
                    return QStringList{u"file"_s, u"attach"_s} + where + QStringList{folder, u"--wait"_s};
                case 2:
                    return QStringList{u"file"_s, u"detach"_s} + where + QStringList{id};
                case 3:
                    return QStringList{u"file"_s, u"restore"_s} + where + QStringList{id};
                case 4:
                    return QStringList{u"file"_s, u"retry"_s} + where + QStringList{id};
                case 5:
                    return QStringList{u"file"_s, u"cancel"_s} + where + QStringList{id};
                case 6:
                    return QStringList{u"file"_s, u"wait"_s} + where;
                default:
                    return {u"--sync"_s, u"--once"_s, u"--retention-days"_s, u"0"_s};
                }
            };
            const QStringList first = command(random.bounded(8));
            const QStringList second = command(random.bounded(8));
            return {first, first, first, second, second, second};
        };

        QStringList problems;
        QHash<QString, int> ran;
        int running = 0;
        int waves = 0;
        QElapsedTimer clock;
        clock.start();
        const qint64 durationMs = seconds() * 1000LL;
        QEventLoop loop;
        std::function<void()> startWave = [&] {
            ++waves;
            for (const QStringList &command : nextWave()) {
                auto *p = new QProcess(this);
                p->setProcessEnvironment(environment());
                ++running;
                connect(p, &QProcess::finished, this, [&, p, command](int code, QProcess::ExitStatus status) {
                    --running;
                    const QString err = QString::fromUtf8(p->readAllStandardError());
                    p->readAllStandardOutput();
                    p->deleteLater();
                    ++ran[command.mid(0, 2).join(u' ')];
                    if (status != QProcess::NormalExit || code == 2 || code >= 4 || code < 0)
                        problems << u"%1 ended with %2: %3"_s.arg(command.join(u' ')).arg(code).arg(err.trimmed());
                    for (const QString &word : kForbidden)
                        if (err.contains(word, Qt::CaseInsensitive))
                            problems << u"%1 said '%2': %3"_s.arg(command.join(u' '), word, err.trimmed());
                    if (running > 0)
                        return;
                    if (clock.elapsed() < durationMs)
                        startWave();
                    else
                        loop.quit();
                });
                p->start(m_binary, withDb(command));
            }
        };
        startWave();
        QTimer guard;
        guard.setSingleShot(true);
        connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        guard.start(durationMs + 180'000);
        loop.exec();
        QCOMPARE(running, 0);
        qInfo().noquote() << waves << "waves; processes run:" << ran;
        QVERIFY(ran.value(u"file attach"_s) > 0 && ran.value(u"--sync --once"_s) > 0);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

        // A sync pass after the storm ingests what still waits and succeeds.
        const Run sync = run({u"--sync"_s, u"--once"_s});
        QVERIFY2(sync.code == 0, qPrintable(sync.out + sync.err));

        for (const QString &id : column(db, u"SELECT id FROM vector_stores ORDER BY id"_s)) {
            const QString mismatch = test::storeCounterMismatch(db, id.toLongLong());
            QVERIFY2(mismatch.isEmpty(), qPrintable(u"store %1: %2"_s.arg(id, mismatch)));
        }
        // A tenant's use is its live stores' counters; it must equal the sizes of their live files.
        QCOMPARE(column(db,
                        u"SELECT t.slug || ' ' || (SELECT coalesce(sum(s.files_size_bytes), 0) FROM "
                        u"vector_stores s WHERE s.tenant_id = t.id AND s.deleted_at IS NULL) FROM tenants t "
                        u"ORDER BY t.id"_s),
                 column(db,
                        u"SELECT t.slug || ' ' || (SELECT coalesce(sum(f.size_bytes), 0) FROM vector_store_files "
                        u"f JOIN vector_stores s ON s.id = f.store_id WHERE f.tenant_id = t.id AND "
                        u"f.deleted_at IS NULL AND s.deleted_at IS NULL) FROM tenants t ORDER BY t.id"_s));
        const engine::BlobStore blobs(m_engineRoot + u"/blobs"_s);
        const QStringList shas = column(db,
                                        u"SELECT DISTINCT sha256 FROM vector_store_files UNION "
                                        u"SELECT DISTINCT sha256 FROM uploaded_files"_s);
        QVERIFY(!shas.isEmpty());
        for (const QString &sha : shas)
            QVERIFY2(blobs.contains(sha), qPrintable(u"a row refers to %1, whose bytes are gone"_s.arg(sha)));
        // Good files never fail; after the sync pass nothing live waits.
        QCOMPARE(column(db,
                        u"SELECT filename || ': ' || coalesce(last_error_message, '') FROM vector_store_files "
                        u"WHERE status = 'failed' ORDER BY id"_s),
                 QStringList());
        QCOMPARE(column(db,
                        u"SELECT count(*) FROM vector_store_files WHERE status = 'in_progress' AND "
                        u"deleted_at IS NULL"_s),
                 QStringList{u"0"_s});
    }
};

QTEST_GUILESS_MAIN(TestStress)
#include "tst_stress.moc"
