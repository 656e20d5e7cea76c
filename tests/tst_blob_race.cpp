// No attach loses its stored copy to a removal of the same bytes (#13 defect 2), on SQLite and
// PostgreSQL, with real threads on their own connections and sessions:
// - a refused attach (its store is full) of new content, at the same time as attaches of the
//   same content to another tenant: every file of the other tenant completes;
// - a sync pass purging detached files (retention 0) beside attaches of the same content to
//   other stores: no copy is lost, every file completes.
// The bytes may only go when no row refers to them, decided under the lock that adds references
// (core/service/lifecycle.h, lockContent).

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/sync/syncpass.h"
#include "enginefixture.h"
#include "testdatabase.h"

#include <QFile>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <barrier>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

// Runs `rounds` rounds of work(session, thread, round) on `threads` threads, each with its own
// connection and session, every round started together; prepare(round) runs on the calling
// thread before each round, while the workers wait.
void rounds(const DatabaseUrl &url, const QString &engineRoot, int threads, int count,
            const std::function<void(int round)> &prepare,
            const std::function<void(CoreSession &, int thread, int round)> &work)
{
    std::barrier sync(threads + 1);
    QList<QThread *> workers;
    for (int t = 0; t < threads; ++t) {
        workers << QThread::create([&, t] {
            Database db(url);
            QString error;
            const bool opened = db.open(&error);
            if (!opened)
                qWarning().noquote() << error;
            std::unique_ptr<CoreSession> session =
                opened ? std::make_unique<CoreSession>(db, u"alice"_s, engineRoot) : nullptr;
            for (int r = 0; r < count; ++r) {
                sync.arrive_and_wait(); // prepared
                if (session)
                    work(*session, t, r);
                sync.arrive_and_wait(); // done
            }
        });
        workers.last()->start();
    }
    for (int r = 0; r < count; ++r) {
        prepare(r);
        sync.arrive_and_wait();
        sync.arrive_and_wait();
    }
    for (QThread *w : std::as_const(workers)) {
        w->wait();
        delete w;
    }
}

} // namespace

class TestBlobRace : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        return test::writeFileAt(m_dir.filePath(u"files/%1/%2"_s.arg(m_counter).arg(name)), content);
    }

    static QStringList column(Database &db, const QString &sql)
    {
        QSqlQuery q(db.connection());
        QStringList values;
        if (!q.exec(sql))
            qWarning().noquote() << sql << q.lastError().text();
        while (q.next())
            values << q.value(0).toString();
        return values;
    }

    // Ingests what waits; then every live or detached file's bytes exist, no file failed, and
    // every store's counters equal the sums of its rows. Empty when all holds, else what broke.
    static QString settle(Database &db, CoreSession &session)
    {
        QStringList problems;
        engine::Ingestor ingestor(db, session.backends().resolver());
        QStringList failures;
        engine::Ingestor::Observer observer;
        observer.finished = [&](const StoreFile &f, const QString &error) {
            if (!error.isEmpty())
                failures << u"%1: %2"_s.arg(f.filename, error);
        };
        auto drained = ingestor.drain({}, observer);
        if (!drained)
            problems << drained.error().message();
        problems += failures;
        problems += column(db,
                           u"SELECT filename || ' ' || status || ' ' || coalesce(last_error_message, '') FROM "
                           u"vector_store_files WHERE status <> 'completed' AND deleted_at IS NULL ORDER BY id"_s);
        const engine::BlobStore &blobs = session.backends().local().blobs();
        for (const QString &sha : column(db, u"SELECT DISTINCT sha256 FROM vector_store_files"_s))
            if (!blobs.contains(sha))
                problems << u"the bytes %1 of a file are missing"_s.arg(sha);
        for (const QString &id : column(db, u"SELECT id FROM vector_stores ORDER BY id"_s))
            if (const QString m = test::storeCounterMismatch(db, id.toLongLong()); !m.isEmpty())
                problems << u"store %1: %2"_s.arg(id, m);
        return problems.join(u'\n');
    }

private slots:
    void aRefusedAttachLeavesTheCopyAnotherTenantNeeds_data() { engines(); }
    void aRefusedAttachLeavesTheCopyAnotherTenantNeeds()
    {
        QFETCH(QString, engine);
        const QString name = u"blobs_%1"_s.arg(++m_counter);
        auto db = test::freshDatabase(engine, m_dir, name);
        QVERIFY(db);
        const QString root = m_dir.filePath(name + u".engine"_s);
        CoreSession session(*db, u"alice"_s, root);
        VectorStoreService &alice = session.service();
        // full: its one store holds as many files as its plan allows, so every attach is refused.
        QVERIFY(alice.createTenant({u"full"_s, {}, u"starter"_s, u"local"_s}));
        QVERIFY(alice.setPlan(u"full"_s, u"starter"_s, QJsonObject{{u"max_files_per_store"_s, 1}}));
        QVERIFY(alice.createStore(u"full"_s, {u"docs"_s, {}, {}, {}, {}}));
        QVERIFY(alice.attachPath(u"full"_s, u"docs"_s, writeFile(u"first.txt"_s, "the one file it may hold\n")));
        QVERIFY(alice.createTenant({u"other"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(alice.createStore(u"other"_s, {u"a"_s, {}, {}, {}, {}}));
        QVERIFY(alice.createStore(u"other"_s, {u"b"_s, {}, {}, {}, {}}));

        constexpr int kRounds = 40;
        QStringList paths;
        for (int r = 0; r < kRounds; ++r)
            paths << writeFile(u"r%1.txt"_s.arg(r), u"content new in round %1 of the race\n"_s.arg(r).toUtf8());
        QMutex mutex;
        QStringList unexpected;
        int refused = 0;
        // Two threads attach the round's new file to the full store (refused), two to other's.
        rounds(
            db->url(), root, 4, kRounds, [](int) {},
            [&](CoreSession &s, int t, int r) {
                const QString tenant = t < 2 ? u"full"_s : u"other"_s;
                const QString store = t < 2 ? u"docs"_s : (t == 2 ? u"a"_s : u"b"_s);
                auto result = s.service().attachPath(tenant, store, paths.at(r));
                QMutexLocker lock(&mutex);
                if (t < 2 && !result && result.error().kind() == ServiceError::Kind::QuotaExceeded)
                    ++refused;
                else if (t < 2 || !result)
                    unexpected << u"%1/%2 round %3: %4"_s.arg(tenant, store)
                                      .arg(r)
                                      .arg(result ? u"attached"_s : result.error().message());
            });
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(u'\n')));
        QCOMPARE(refused, 2 * kRounds);
        QCOMPARE(column(*db,
                        u"SELECT count(*) FROM vector_store_files WHERE tenant_id = (SELECT id FROM tenants "
                        u"WHERE slug = 'other')"_s),
                 QStringList{QString::number(2 * kRounds)});
        const QString problems = settle(*db, session);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }

    void aPurgeBesideAttachesOfTheSameBytesLosesNoCopy_data() { engines(); }
    void aPurgeBesideAttachesOfTheSameBytesLosesNoCopy()
    {
        QFETCH(QString, engine);
        const QString name = u"blobs_%1"_s.arg(++m_counter);
        auto db = test::freshDatabase(engine, m_dir, name);
        QVERIFY(db);
        const QString root = m_dir.filePath(name + u".engine"_s);
        CoreSession session(*db, u"alice"_s, root);
        VectorStoreService &alice = session.service();
        QVERIFY(alice.createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(alice.createTenant({u"beta"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(alice.createStore(u"acme"_s, {u"old"_s, {}, {}, {}, {}}));
        QVERIFY(alice.createStore(u"acme"_s, {u"new"_s, {}, {}, {}, {}}));
        QVERIFY(alice.createStore(u"beta"_s, {u"new"_s, {}, {}, {}, {}}));

        // Each round: files attached to acme/old and detached (only the trash refers to their
        // bytes); then a sync pass purging with retention 0 while two threads attach the same
        // files to acme/new and beta/new.
        constexpr int kRounds = 6;
        constexpr int kFiles = 20;
        QStringList paths;
        for (int r = 0; r < kRounds; ++r)
            for (int i = 0; i < kFiles; ++i)
                paths << writeFile(
                    u"r%1-%2.txt"_s.arg(r).arg(i),
                    u"round %1 file %2: bytes that are purged and attached at once\n"_s.arg(r).arg(i).toUtf8());
        QString setupError;
        QMutex mutex;
        QStringList unexpected;
        int purged = 0;
        rounds(
            db->url(), root, 3, kRounds,
            [&](int r) {
                for (int i = 0; i < kFiles; ++i) {
                    auto f = alice.attachPath(u"acme"_s, u"old"_s, paths.at(r * kFiles + i));
                    auto d = f ? alice.detachFile(u"acme"_s, u"old"_s, QString::number(f->id)) : f;
                    if (!d)
                        setupError = d.error().message();
                }
            },
            [&](CoreSession &s, int t, int r) {
                if (t == 0) {
                    SyncOptions options;
                    options.retentionMs = 0;
                    SyncPass pass(s.database(), s.backends().resolver(), options);
                    auto report = pass.run({});
                    QMutexLocker lock(&mutex);
                    if (!report) {
                        unexpected << u"sync pass round %1: %2"_s.arg(r).arg(report.error().message());
                        return;
                    }
                    for (const SyncItem &item : std::as_const(report->items)) {
                        if (item.action == u"purge_file"_s && item.outcome == u"done"_s)
                            ++purged;
                        if (item.outcome == u"failed"_s)
                            unexpected << u"sync pass round %1: %2 %3: %4"_s.arg(r).arg(item.action, item.target(),
                                                                                        item.error);
                    }
                    return;
                }
                const QString tenant = t == 1 ? u"acme"_s : u"beta"_s;
                for (int i = 0; i < kFiles; ++i) {
                    auto result = s.service().attachPath(tenant, u"new"_s, paths.at(r * kFiles + i));
                    if (!result) {
                        QMutexLocker lock(&mutex);
                        unexpected << u"%1/new round %2 file %3: %4"_s.arg(tenant).arg(r).arg(i).arg(
                            result.error().message());
                    }
                }
            });
        QVERIFY2(setupError.isEmpty(), qPrintable(setupError));
        QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(u'\n')));
        QVERIFY(purged > 0); // the purge really ran beside the attaches
        QCOMPARE(column(*db, u"SELECT count(*) FROM vector_store_files WHERE deleted_at IS NULL"_s),
                 QStringList{QString::number(2 * kRounds * kFiles)});
        const QString problems = settle(*db, session);
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
    }
};

QTEST_GUILESS_MAIN(TestBlobRace)
#include "tst_blob_race.moc"
