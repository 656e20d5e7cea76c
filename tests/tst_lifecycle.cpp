// Purge and the content lock (core/service/lifecycle.h) on SQLite and PostgreSQL: a store purged
// by the service and by the sync pass leaves the same rows, index files and blobs; bytes go only
// when no file of any tenant, live or in the trash, refers to them; an attach and a removal of
// the same bytes never interleave.

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/service/lifecycle.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/sync/syncpass.h"
#include "enginefixture.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

constexpr qint64 kDay = 24LL * 60 * 60 * 1000;

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// One database with the local engine in its own folder, and alice's session over it.
struct World
{
    std::unique_ptr<Database> db;
    std::unique_ptr<CoreSession> session;
    QString engineRoot;
    qint64 now = 1'700'000'000'000;

    VectorStoreService &alice() { return session->service(); }
    engine::LocalEngine &engine() { return session->backends().local(); }

    QStringList column(const QString &sql) const
    {
        QSqlQuery q(db->connection());
        QStringList values;
        if (!q.exec(sql))
            qWarning().noquote() << sql << q.lastError().text();
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i).toString();
            values << row.join(u'|');
        }
        return values;
    }
};

} // namespace

class TestLifecycle : public QObject
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

    // A fresh database; alice (its instance administrator) creates tenants acme and beta.
    std::unique_ptr<World> world(const QString &engine)
    {
        auto w = std::make_unique<World>();
        const QString name = u"life_%1"_s.arg(++m_counter);
        w->db = test::freshDatabase(engine, m_dir, name);
        if (!w->db)
            return nullptr;
        w->engineRoot = m_dir.filePath(name + u".engine"_s);
        w->session = std::make_unique<CoreSession>(*w->db, u"alice"_s, w->engineRoot);
        World *raw = w.get();
        w->alice().setClock([raw] { return raw->now; });
        if (!w->alice().createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s})
            || !w->alice().createTenant({u"beta"_s, {}, u"pro"_s, u"local"_s}))
            return nullptr;
        return w;
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        return test::writeFileAt(m_dir.filePath(u"files/%1/%2"_s.arg(m_counter).arg(name)), content);
    }

    static bool ingest(World &w)
    {
        engine::Ingestor ingestor(*w.db, w.session->backends().resolver());
        auto drained = ingestor.drain({});
        return drained && drained->failed == 0;
    }

    SyncReport syncPass(World &w)
    {
        SyncPass pass(*w.db, w.session->backends().resolver(), {});
        pass.setClock([&w] { return w.now; });
        auto report = pass.run({});
        if (!report) {
            qWarning().noquote() << report.error().message();
            return {};
        }
        return report.value();
    }

    // acme/old holds four files: X (also live in tenant beta), Y (also in the trash of acme/docs),
    // Z (only here) and W (only here, itself in the trash). acme/old is deleted at the start,
    // docs' copy of Y detached 8 days later; an agent is bound to acme/old.
    struct Scenario
    {
        QByteArray x = "shared with another tenant\n", y = "shared with a file in the trash\n",
                   z = "only in the old store\n", w = "only in the old store, detached\n";
        qint64 oldStoreId = 0;
        qint64 tenantId = 0;
    };
    bool build(World &w, Scenario &s)
    {
        auto old = w.alice().createStore(u"acme"_s, {u"old"_s, {}, {}, {}, {}});
        if (!old || !w.alice().createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}})
            || !w.alice().createStore(u"beta"_s, {u"b"_s, {}, {}, {}, {}}))
            return false;
        s.oldStoreId = old->id;
        s.tenantId = old->tenantId;
        auto docsY = w.alice().attachPath(u"acme"_s, u"docs"_s, writeFile(u"docs-y.txt"_s, s.y));
        auto oldW = w.alice().attachPath(u"acme"_s, u"old"_s, writeFile(u"w.txt"_s, s.w));
        if (!w.alice().attachPath(u"acme"_s, u"old"_s, writeFile(u"x.txt"_s, s.x))
            || !w.alice().attachPath(u"beta"_s, u"b"_s, writeFile(u"beta-x.txt"_s, s.x))
            || !w.alice().attachPath(u"acme"_s, u"old"_s, writeFile(u"y.txt"_s, s.y))
            || !w.alice().attachPath(u"acme"_s, u"old"_s, writeFile(u"z.txt"_s, s.z)) || !docsY || !oldW || !ingest(w))
            return false;
        QSqlQuery bind(w.db->connection());
        bind.prepare(u"INSERT INTO agent_vector_stores (agent_id, tenant_id, store_id, binding_mode, created_at, "
                     u"updated_at) VALUES ('agent-1', ?, ?, 'explicit', ?, ?)"_s);
        for (const QVariant &v : QVariantList{s.tenantId, s.oldStoreId, w.now, w.now})
            bind.addBindValue(v);
        if (!bind.exec())
            return false;
        if (!w.alice().detachFile(u"acme"_s, u"old"_s, QString::number(oldW->id))
            || !w.alice().deleteStore(u"acme"_s, u"old"_s))
            return false;
        w.now += 8 * kDay; // the store is past the retention; docs' Y is detached now, within it
        return w.alice().detachFile(u"acme"_s, u"docs"_s, QString::number(docsY->id)).ok();
    }

    // What a purge leaves: the rows of every table it touches and the files of the engine.
    QStringList leftover(World &w, const Scenario &s)
    {
        QStringList state;
        state << w.column(u"SELECT id, tenant_id, name, deleted_at FROM vector_stores ORDER BY id"_s);
        state << w.column(u"SELECT id, store_id, tenant_id, sha256, deleted_at FROM vector_store_files ORDER BY id"_s);
        state << w.column(u"SELECT agent_id, store_id FROM agent_vector_stores ORDER BY id"_s);
        for (const QByteArray &bytes : {s.x, s.y, s.z, s.w})
            state << u"blob %1: %2"_s.arg(QString::fromLatin1(bytes).trimmed())
                         .arg(w.engine().blobs().contains(sha256Of(bytes)) ? u"kept"_s : u"removed"_s);
        state << u"old index: %1"_s.arg(QFile::exists(w.engine().indexPath(s.tenantId, s.oldStoreId)) ? u"kept"_s
                                                                                                      : u"removed"_s);
        return state;
    }

    // Runs `work` on a thread of its own with its own connection and session: another process,
    // in effect. The caller waits for the thread and deletes it.
    static QThread *elsewhere(const World &w, std::function<void(CoreSession &)> work)
    {
        QThread *thread = QThread::create([url = w.db->url(), root = w.engineRoot, work = std::move(work)] {
            Database db(url);
            QString error;
            if (!db.open(&error)) {
                qWarning().noquote() << error;
                return;
            }
            CoreSession session(db, u"alice"_s, root);
            work(session);
        });
        thread->start();
        return thread;
    }

    // PostgreSQL: true once another connection waits for a content lock. SQLite shows nothing
    // of the kind (its BEGIN IMMEDIATE makes every writer wait for the one holding the lock).
    static bool othersWaitForTheLock(const World &w)
    {
        return !w.db->isPostgres()
            || QTest::qWaitFor(
                [&] {
                    return w.column(u"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"_s)
                        == QStringList{u"1"_s};
                },
                5000);
    }

private slots:
    void purgedStoreLeavesTheSameByServiceAndBySync_data() { engines(); }
    void purgedStoreLeavesTheSameByServiceAndBySync()
    {
        QFETCH(QString, engine);
        auto byService = world(engine);
        auto bySync = world(engine);
        QVERIFY(byService && bySync);
        Scenario s;
        QVERIFY(build(*byService, s));
        QVERIFY(build(*bySync, s));
        QVERIFY(QFile::exists(byService->engine().indexPath(s.tenantId, s.oldStoreId)));

        QVERIFY(byService->alice().purgeStore(u"acme"_s, u"old"_s));
        const SyncReport report = syncPass(*bySync);
        QCOMPARE(report.status, u"succeeded"_s);
        QCOMPARE(report.counts().value(u"purge_store"_s).toObject().value(u"done"_s).toInt(), 1);
        // W, detached past the retention, goes as a file before its store; docs' Y is within it.
        QCOMPARE(report.counts().value(u"purge_file"_s).toObject().value(u"done"_s).toInt(), 1);

        const QStringList after = leftover(*byService, s);
        QCOMPARE(leftover(*bySync, s), after);
        QVERIFY2(after.contains(u"blob shared with another tenant: kept"_s), qPrintable(after.join(u'\n')));
        QVERIFY(after.contains(u"blob shared with a file in the trash: kept"_s));
        QVERIFY(after.contains(u"blob only in the old store: removed"_s));
        QVERIFY(after.contains(u"blob only in the old store, detached: removed"_s));
        QVERIFY(after.contains(u"old index: removed"_s));
        for (World *w : {byService.get(), bySync.get()}) {
            QCOMPARE(w->column(u"SELECT count(*) FROM vector_store_files WHERE store_id = %1"_s.arg(s.oldStoreId)),
                     QStringList{u"0"_s});
            QCOMPARE(w->column(u"SELECT count(*) FROM agent_vector_stores"_s), QStringList{u"0"_s});
            QCOMPARE(w->column(u"SELECT count(*) FROM audit_log WHERE action = 'store.purge'"_s), QStringList{u"1"_s});
            QCOMPARE(w->column(u"SELECT count(*) FROM audit_log WHERE action = 'store.purge_files'"_s),
                     QStringList{u"1"_s});
        }
        QCOMPARE(byService->column(u"SELECT operator FROM audit_log WHERE action = 'store.purge'"_s),
                 QStringList{u"alice"_s});
        QCOMPARE(bySync->column(u"SELECT operator FROM audit_log WHERE action = 'store.purge'"_s),
                 QStringList{u"system:sync"_s});

        // Once the last file with Y is purged too, Y's bytes go.
        bySync->now += 8 * kDay;
        const SyncReport later = syncPass(*bySync);
        QCOMPARE(later.counts().value(u"purge_file"_s).toObject().value(u"done"_s).toInt(), 1);
        QVERIFY(!bySync->engine().blobs().contains(sha256Of(s.y)));
        QVERIFY(bySync->engine().blobs().contains(sha256Of(s.x)));
    }

    // Two detached files with the same bytes purged in one batch: the first keeps the bytes for
    // the second, the second removes them (each asks after the rows before it are gone).
    void sameBytesTwiceInOneBatchAreRemovedOnce_data() { engines(); }
    void sameBytesTwiceInOneBatchAreRemovedOnce()
    {
        QFETCH(QString, engine);
        auto w = world(engine);
        QVERIFY(w);
        QVERIFY(w->alice().createStore(u"acme"_s, {u"one"_s, {}, {}, {}, {}}));
        QVERIFY(w->alice().createStore(u"beta"_s, {u"two"_s, {}, {}, {}, {}}));
        const QString path = writeFile(u"same.txt"_s, "the same bytes, twice\n");
        auto a = w->alice().attachPath(u"acme"_s, u"one"_s, path);
        auto b = w->alice().attachPath(u"beta"_s, u"two"_s, path);
        QVERIFY(a && b && ingest(*w));
        QVERIFY(w->alice().detachFile(u"acme"_s, u"one"_s, QString::number(a->id)));
        QVERIFY(w->alice().detachFile(u"beta"_s, u"two"_s, QString::number(b->id)));
        QVERIFY(w->engine().blobs().contains(a->sha256));
        w->now += 8 * kDay;
        const SyncReport report = syncPass(*w);
        QCOMPARE(report.status, u"succeeded"_s);
        QList<bool> removed;
        for (const SyncItem &item : report.items)
            if (item.action == u"purge_file"_s)
                removed << item.extra.value(u"blob_removed"_s).toBool();
        QCOMPARE(removed, (QList<bool>{false, true}));
        QVERIFY(!w->engine().blobs().contains(a->sha256));
        QCOMPARE(w->column(u"SELECT count(*) FROM vector_store_files"_s), QStringList{u"0"_s});
    }

    // An attach whose bytes a purge removed after they were staged (the purge held the content
    // lock first) finds them gone under the lock and stages them again.
    void anAttachAfterARemovalStagesItsBytesAgain_data() { engines(); }
    void anAttachAfterARemovalStagesItsBytesAgain()
    {
        QFETCH(QString, engine);
        auto w = world(engine);
        QVERIFY(w);
        QVERIFY(w->alice().createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        const QByteArray bytes = "bytes a purge removes meanwhile\n";
        const QString sha = sha256Of(bytes);
        const QString path = writeFile(u"late.txt"_s, bytes);

        // The purge's side: the lock, then (once the attach has staged) the removal.
        auto purge = std::make_unique<Transaction>(*w->db);
        QVERIFY(purge->isActive());
        QVERIFY(!lockContent(*w->db, {sha}));

        std::atomic<bool> attached = false;
        QString attachError;
        QThread *attacher = elsewhere(*w, [&](CoreSession &session) {
            auto r = session.service().attachPath(u"acme"_s, u"docs"_s, path);
            if (!r)
                attachError = r.error().message();
            attached = r.ok();
        });
        QTRY_VERIFY_WITH_TIMEOUT(w->engine().blobs().contains(sha), 5000); // staged, then waits for the lock
        QVERIFY(othersWaitForTheLock(*w));
        // No row refers to the bytes yet: the purge removes them and commits.
        QVERIFY(w->engine().discardStaged({}, StagedFile{sha, 0, true}));
        QVERIFY(purge->commit());
        QVERIFY(attacher->wait(20000));
        delete attacher;
        QVERIFY2(attached, qPrintable(attachError));
        QVERIFY(w->engine().blobs().contains(sha)); // staged again
        QCOMPARE(w->column(u"SELECT count(*) FROM vector_store_files WHERE sha256 = '%1'"_s.arg(sha)),
                 QStringList{u"1"_s});
    }

    // A removal waiting for an attach's lock sees the attach's row and keeps the bytes.
    void aRemovalWaitingForAnAttachKeepsTheBytes_data() { engines(); }
    void aRemovalWaitingForAnAttachKeepsTheBytes()
    {
        QFETCH(QString, engine);
        auto w = world(engine);
        QVERIFY(w);
        auto docs = w->alice().createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}});
        QVERIFY(docs);
        const QByteArray bytes = "bytes an attach is adding\n";
        const QString sha = sha256Of(bytes);
        auto staged = w->engine().stageFile({}, writeFile(u"adding.txt"_s, bytes));
        QVERIFY(staged && staged->wasNew);

        // The attach's side: the lock and its row, not yet committed.
        auto attach = std::make_unique<Transaction>(*w->db);
        QVERIFY(attach->isActive());
        QVERIFY(!lockContent(*w->db, {sha}));
        QSqlQuery insert(w->db->connection());
        insert.prepare(u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, sha256, "
                       u"status, created_at, updated_at, status_changed_at) "
                       u"VALUES (?, ?, 'adding.txt', 'text/plain', ?, ?, 'in_progress', 0, 0, 0)"_s);
        for (const QVariant &v : QVariantList{docs->id, docs->tenantId, bytes.size(), sha})
            insert.addBindValue(v);
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));

        std::atomic<int> removed = -1;
        QThread *remover = elsewhere(*w, [&](CoreSession &session) {
            Lifecycle lifecycle(session.database(), session.backends().resolver(), {u"alice"_s, {}, {}});
            auto r = lifecycle.discardStaged(session.backends().local(), {}, sha);
            removed = r ? int(r.value()) : -2;
        });
        QVERIFY(othersWaitForTheLock(*w));
        QCOMPARE(removed.load(), -1); // still waiting for the attach
        QVERIFY(attach->commit());
        QVERIFY(remover->wait(20000));
        delete remover;
        QCOMPARE(removed.load(), 0);
        QVERIFY(w->engine().blobs().contains(sha));
    }
};

QTEST_GUILESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
