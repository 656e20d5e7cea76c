// Quotas are checked and written in one transaction: concurrent writers on separate
// connections (real threads) can never both take the last slot, on SQLite and PostgreSQL.

#include "core/service/storecounters.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "testdatabase.h"

#include <QMutex>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

FileDraft draft(int n, qint64 size = 100)
{
    FileDraft d;
    d.filename = u"file-%1.txt"_s.arg(n);
    d.sizeBytes = size;
    d.sha256 = QString::number(n).rightJustified(64, u'0');
    return d;
}

// Runs work(i) on `count` threads, each with its own connection, released together.
template<typename Work> void race(const DatabaseUrl &url, int count, Work work)
{
    QSemaphore ready;
    QSemaphore go;
    QList<QThread *> threads;
    for (int i = 0; i < count; ++i) {
        threads << QThread::create([&, i] {
            Database db(url);
            QString error;
            const bool opened = db.open(&error);
            ready.release();
            go.acquire();
            if (opened)
                work(db, i);
            else
                qWarning().noquote() << error;
        });
        threads.last()->start();
    }
    ready.acquire(count);
    go.release(count);
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
}

} // namespace

class TestQuotaRace : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    std::optional<DatabaseUrl> freshUrl(const QString &engine)
    {
        const QString name = u"race_%1"_s.arg(++m_counter);
        if (engine == u"sqlite"_s)
            return test::sqliteIn(m_dir, name + u".sqlite"_s);
        QString why;
        auto url = test::freshPostgres(name, &why);
        if (!url)
            qWarning().noquote() << why;
        return url;
    }

    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

private slots:
    void concurrentAttachesNeverExceedTheFileLimit_data() { engines(); }
    void concurrentAttachesNeverExceedTheFileLimit()
    {
        QFETCH(QString, engine);
        const auto url = freshUrl(engine);
        QVERIFY(url);
        Database db(*url);
        QString error;
        QVERIFY2(Database::openAndMigrate(db, &error), qPrintable(error));
        CoreSession adminSession(db, u"alice"_s);
        VectorStoreService &admin = adminSession.service();
        QVERIFY(admin.createTenant({u"acme"_s, {}, u"starter"_s, u"local"_s}));
        QVERIFY(admin.setPlan(u"acme"_s, u"starter"_s, QJsonObject{{u"max_files_per_store"_s, 5}}));
        QVERIFY(admin.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        for (int i = 0; i < 4; ++i)
            QVERIFY(admin.attachFile(u"acme"_s, u"docs"_s, draft(i)));

        constexpr int kThreads = 8;
        QList<std::optional<ServiceError>> outcomes(kThreads);
        QList<bool> succeeded(kThreads, false);
        race(*url, kThreads, [&](Database &own, int i) {
            CoreSession serviceSession(own, u"alice"_s);
            VectorStoreService &service = serviceSession.service();
            auto result = service.attachFile(u"acme"_s, u"docs"_s, draft(100 + i));
            succeeded[i] = result.ok();
            if (!result.ok())
                outcomes[i] = result.error();
        });

        QCOMPARE(succeeded.count(true), 1);
        for (int i = 0; i < kThreads; ++i) {
            if (succeeded[i])
                continue;
            QVERIFY(outcomes[i]);
            QCOMPARE(outcomes[i]->kind(), ServiceError::Kind::QuotaExceeded);
            QCOMPARE(
                outcomes[i]->message(),
                u"Store 'docs' is at its plan limit of 5 files (plan starter); raise the limit or remove files."_s);
            QCOMPARE(outcomes[i]->details().value(u"limit"_s).toString(), u"max_files_per_store"_s);
            QCOMPARE(outcomes[i]->details().value(u"current"_s).toInteger(), 5);
            QCOMPARE(outcomes[i]->details().value(u"max"_s).toInteger(), 5);
        }
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(u"SELECT count(*) FROM vector_store_files WHERE deleted_at IS NULL"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 5);
        auto store = admin.store(u"acme"_s, u"docs"_s);
        QVERIFY(store);
        QCOMPARE(store->fileCounts.total(), 5);
    }

    void concurrentAttachesNeverExceedTheStorageLimit_data() { engines(); }
    void concurrentAttachesNeverExceedTheStorageLimit()
    {
        QFETCH(QString, engine);
        const auto url = freshUrl(engine);
        QVERIFY(url);
        Database db(*url);
        QString error;
        QVERIFY2(Database::openAndMigrate(db, &error), qPrintable(error));
        CoreSession adminSession(db, u"alice"_s);
        VectorStoreService &admin = adminSession.service();
        QVERIFY(admin.createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(admin.setPlan(u"acme"_s, u"pro"_s, QJsonObject{{u"max_total_bytes"_s, 3000}}));
        QVERIFY(admin.createStore(u"acme"_s, {u"a"_s, {}, {}, {}, {}}));
        QVERIFY(admin.createStore(u"acme"_s, {u"b"_s, {}, {}, {}, {}}));
        // 6 writers over two stores, 1000 bytes each: exactly 3 fit.
        constexpr int kThreads = 6;
        QList<bool> succeeded(kThreads, false);
        race(*url, kThreads, [&](Database &own, int i) {
            CoreSession serviceSession(own, u"alice"_s);
            VectorStoreService &service = serviceSession.service();
            succeeded[i] = service.attachFile(u"acme"_s, i % 2 ? u"a"_s : u"b"_s, draft(i, 1000)).ok();
        });
        QCOMPARE(succeeded.count(true), 3);
        auto usage = admin.quotaUsage(u"acme"_s);
        QVERIFY(usage);
        QCOMPARE(usage->totalBytes, 3000);
        auto refused = admin.attachFile(u"acme"_s, u"a"_s, draft(99, 1));
        QVERIFY(!refused);
        QCOMPARE(refused.error().kind(), ServiceError::Kind::QuotaExceeded);
        QVERIFY2(refused.error().message().contains(u"Tenant acme uses 2.9 KiB of its 2.9 KiB storage (plan pro)"_s),
                 qPrintable(refused.error().message()));
    }

    void concurrentStoreCreationRespectsTheStoreLimit_data() { engines(); }
    void concurrentStoreCreationRespectsTheStoreLimit()
    {
        QFETCH(QString, engine);
        const auto url = freshUrl(engine);
        QVERIFY(url);
        Database db(*url);
        QString error;
        QVERIFY2(Database::openAndMigrate(db, &error), qPrintable(error));
        CoreSession adminSession(db, u"alice"_s);
        VectorStoreService &admin = adminSession.service();
        QVERIFY(admin.createTenant({u"acme"_s, {}, u"free"_s, u"local"_s})); // free: 2 stores
        constexpr int kThreads = 6;
        QList<bool> succeeded(kThreads, false);
        race(*url, kThreads, [&](Database &own, int i) {
            CoreSession serviceSession(own, u"alice"_s);
            VectorStoreService &service = serviceSession.service();
            succeeded[i] = service.createStore(u"acme"_s, {u"store-%1"_s.arg(i), {}, {}, {}, {}}).ok();
        });
        QCOMPARE(succeeded.count(true), 2);
        auto stores = admin.listStores(u"acme"_s);
        QVERIFY(stores);
        QCOMPARE(stores->size(), 2);
        // Exactly one of them became primary.
        QCOMPARE(std::count_if(stores->cbegin(), stores->cend(), [](const VectorStore &s) { return s.isPrimary; }), 1);
    }

    void concurrentEnsurePrimaryMakesOneStore_data() { engines(); }
    void concurrentEnsurePrimaryMakesOneStore()
    {
        QFETCH(QString, engine);
        const auto url = freshUrl(engine);
        QVERIFY(url);
        Database db(*url);
        QString error;
        QVERIFY2(Database::openAndMigrate(db, &error), qPrintable(error));
        CoreSession adminSession(db, u"alice"_s);
        VectorStoreService &admin = adminSession.service();
        QVERIFY(admin.createTenant({u"acme"_s, {}, u"starter"_s, u"local"_s}));
        constexpr int kThreads = 6;
        QList<qint64> ids(kThreads, 0);
        race(*url, kThreads, [&](Database &own, int i) {
            CoreSession serviceSession(own, u"alice"_s);
            VectorStoreService &service = serviceSession.service();
            if (auto store = service.ensurePrimary(u"acme"_s))
                ids[i] = store->id;
        });
        QVERIFY(ids.first() > 0);
        QCOMPARE(ids.count(ids.first()), kThreads);
        auto stores = admin.listStores(u"acme"_s);
        QVERIFY(stores);
        QCOMPARE(stores->size(), 1);
        QVERIFY(stores->first().isPrimary);
        QCOMPARE(stores->first().name, u"primary"_s);
    }

    // #13 defect 1: several writers detach, restore, cancel and retry the same files at once.
    // Each transition happens once (the others are told it already happened) and the counters
    // stay equal to the rows, on SQLite and PostgreSQL.
    void concurrentFileTransitionsKeepCountersExact_data() { engines(); }
    void concurrentFileTransitionsKeepCountersExact()
    {
        QFETCH(QString, engine);
        const auto url = freshUrl(engine);
        QVERIFY(url);
        Database db(*url);
        QString error;
        QVERIFY2(Database::openAndMigrate(db, &error), qPrintable(error));
        CoreSession adminSession(db, u"alice"_s);
        VectorStoreService &admin = adminSession.service();
        QVERIFY(admin.createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        auto store = admin.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        constexpr int kFiles = 12;
        QList<qint64> ids;
        for (int n = 0; n < kFiles; ++n) {
            auto f = admin.attachFile(u"acme"_s, u"docs"_s, draft(n, 100 + n));
            QVERIFY(f);
            ids << f->id;
        }
        // Half of them finished, as an ingestion would have left them.
        QSqlQuery done(db.connection());
        QVERIFY(done.exec(u"UPDATE vector_store_files SET status = 'completed', usage_bytes = 40 WHERE id % 2 = 0"_s));
        QVERIFY(!recountStoreCounters(db, store->id, u"setting up"_s));
        QCOMPARE(test::storeCounterMismatch(db, store->id), QString());

        constexpr int kThreads = 6;
        const auto round = [&](const std::function<Result<StoreFile>(VectorStoreService &, const QString &)> &step) {
            QList<int> succeeded(kFiles, 0);
            QMutex mutex;
            race(*url, kThreads, [&](Database &own, int t) {
                CoreSession session(own, u"alice"_s);
                for (int k = 0; k < kFiles; ++k) {
                    const int n = (k + t * 5) % kFiles; // each thread in its own order
                    if (step(session.service(), QString::number(ids[n]))) {
                        QMutexLocker lock(&mutex);
                        ++succeeded[n];
                    }
                }
            });
            return succeeded;
        };
        auto detached =
            round([](VectorStoreService &s, const QString &id) { return s.detachFile(u"acme"_s, u"docs"_s, id); });
        QCOMPARE(detached, QList<int>(kFiles, 1));
        QCOMPARE(test::storeCounterMismatch(db, store->id), QString());
        auto restored =
            round([](VectorStoreService &s, const QString &id) { return s.restoreFile(u"acme"_s, u"docs"_s, id); });
        QCOMPARE(restored, QList<int>(kFiles, 1));
        QCOMPARE(test::storeCounterMismatch(db, store->id), QString());
        // Cancel and retry at once: every outcome is a real transition, the counters follow.
        round([](VectorStoreService &s, const QString &id) {
            const Result<StoreFile> cancelled = s.cancelFile(u"acme"_s, u"docs"_s, id);
            return cancelled ? cancelled : s.retryFile(u"acme"_s, u"docs"_s, id);
        });
        QCOMPARE(test::storeCounterMismatch(db, store->id), QString());
        auto detachedAgain =
            round([](VectorStoreService &s, const QString &id) { return s.detachFile(u"acme"_s, u"docs"_s, id); });
        QCOMPARE(detachedAgain, QList<int>(kFiles, 1));
        QCOMPARE(test::storeCounterMismatch(db, store->id), QString());
        auto after = admin.store(u"acme"_s, u"docs"_s);
        QVERIFY(after);
        QCOMPARE(after->fileCounts.total(), 0);
        QCOMPARE(after->usageBytes, 0);
    }
};

QTEST_GUILESS_MAIN(TestQuotaRace)
#include "tst_quota_race.moc"
