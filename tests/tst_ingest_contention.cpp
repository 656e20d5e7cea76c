// Ingestion under contention (#13 defect 4): another writer holding a store's index is not the
// file's fault. The file goes back to the queue with a back-off and completes once the index is
// free; it is never marked failed with "database is locked".

#include "core/engine/index/localindex.h"
#include "enginefixture.h"

#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

// Holds the write lock of the SQLite file at `path` from its own connection, on its own thread,
// for `holdMs`, the way a second process ingesting into the same store does.
class IndexLockHolder
{
public:
    IndexLockHolder(const QString &path, int holdMs)
    {
        m_thread.reset(QThread::create([this, path, holdMs] {
            const QString name = u"index-lock-holder"_s;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
                db.setDatabaseName(path);
                QSqlQuery q(db);
                m_locked = db.open() && q.exec(u"BEGIN IMMEDIATE"_s)
                    && q.exec(u"INSERT INTO meta (key, value) VALUES ('held-by-test', 1)"_s);
                if (!m_locked)
                    m_error = q.lastError().text() + db.lastError().text();
                m_ready.release();
                QThread::msleep(holdMs);
                q.exec(u"ROLLBACK"_s);
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }));
        m_thread->start();
        m_ready.acquire();
    }
    ~IndexLockHolder() { m_thread->wait(); }

    bool locked() const { return m_locked; }
    const QString &error() const { return m_error; }

private:
    std::unique_ptr<QThread> m_thread;
    QSemaphore m_ready;
    bool m_locked = false;
    QString m_error;
};

} // namespace

class TestIngestContention : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::EngineFixture> m_f;

    VectorStoreService &svc() { return m_f->service(); }

private slots:
    void init()
    {
        // A second writer is noticed quickly, so that the test does not wait 30 s per attempt.
        engine::LocalIndex::setBusyTimeoutMs(150);
        m_f = std::make_unique<test::EngineFixture>();
        QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
        QVERIFY(svc().createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(svc().createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
    }

    void cleanup() { engine::LocalIndex::setBusyTimeoutMs(30'000); }

    void aLockedIndexPutsTheFileBackAndItCompletes()
    {
        const QString path = m_f->writeFile(
            u"wing.md"_s, "# Wing flutter\n\nFlutter of swept wings was measured at transonic speeds.\n");
        auto file = svc().attachPath(u"acme"_s, u"docs"_s, path);
        QVERIFY2(file, file ? "" : qPrintable(file.error().message()));
        const QString index = m_f->engine().indexPath(file->tenantId, file->storeId);
        QVERIFY(QFile::exists(index)); // made when the store was created

        QStringList outcomes;
        engine::Ingestor::Observer observer;
        observer.finished = [&](const StoreFile &f, const QString &error) {
            outcomes << u"%1 %2 %3"_s.arg(f.filename, fileStatusName(f.status), error);
        };
        Result<engine::Ingestor::Summary> summary = ServiceError::unavailable(u"not run"_s);
        {
            // Longer than the busy timeout and than the first back-off: the file meets the lock
            // on at least two claims before it gets through.
            IndexLockHolder holder(index, 1200);
            QVERIFY2(holder.locked(), qPrintable(holder.error()));
            engine::Ingestor ingestor(m_f->database(), [this](BackendKind kind) -> VectorStoreBackend * {
                return kind == BackendKind::Local ? &m_f->engine() : nullptr;
            });
            summary = ingestor.drain({}, observer);
        }
        QVERIFY2(summary, summary ? "" : qPrintable(summary.error().message()));
        QVERIFY2(summary->failed == 0, qPrintable(outcomes.join(u"\n"_s)));
        QCOMPARE(summary->completed, 1);
        QVERIFY(summary->requeued >= 1);
        QCOMPARE(outcomes, QStringList{u"wing.md completed "_s});

        auto done = svc().file(u"acme"_s, u"docs"_s, QString::number(file->id));
        QVERIFY(done);
        QCOMPARE(done->status, FileStatus::Completed);
        QVERIFY(done->lastErrorMessage.isEmpty());
        QSqlQuery q(m_f->database().connection());
        QVERIFY(
            q.exec(u"SELECT ingest_attempts, ingest_claimed_by FROM vector_store_files WHERE id = %1"_s.arg(file->id))
            && q.next());
        QVERIFY2(q.value(0).toInt() >= 2, qPrintable(q.value(0).toString()));
        QVERIFY(q.value(1).isNull());
        auto store = svc().store(u"acme"_s, u"docs"_s);
        QCOMPARE(store->fileCounts.completed, 1);
        QCOMPARE(store->fileCounts.inProgress, 0);
        QCOMPARE(store->fileCounts.failed, 0);
        SearchRequest request;
        request.queries = {u"transonic flutter"_s};
        QCOMPARE(svc().search(u"acme"_s, {u"docs"_s}, request)->data.size(), 1);
    }

    void aFilePutBackIsNotClaimedBeforeItsTime()
    {
        // A second worker sees the file put back, but leaves it until its back-off has passed.
        const QString path = m_f->writeFile(u"a.txt"_s, "the first file of the store\n");
        auto file = svc().attachPath(u"acme"_s, u"docs"_s, path);
        QVERIFY(file);
        qint64 clock = 1'000'000;
        IngestionQueue first(m_f->database(), u"host:1"_s);
        first.setClock([&clock] { return clock; });
        auto job = first.claimNext(u"local"_s, m_f->engine().holderId());
        QVERIFY(job && job->has_value());
        QCOMPARE((*job)->attempts, 1);
        QVERIFY(first.retryLater(**job, 5'000));

        IngestionQueue second(m_f->database(), u"other-host:2"_s);
        second.setClock([&clock] { return clock; });
        clock += 4'999;
        auto early = second.claimNext(u"local"_s, m_f->engine().holderId());
        QVERIFY(early);
        QVERIFY(!early->has_value());
        clock += 1;
        auto due = second.claimNext(u"local"_s, m_f->engine().holderId());
        QVERIFY(due && due->has_value());
        QCOMPARE((*due)->file.id, file->id);
        QCOMPARE((*due)->attempts, 2);
    }

    void aRetryStartsTheAttemptsAgain()
    {
        const QString path = m_f->writeFile(u"b.txt"_s, "a file that failed once\n");
        auto file = svc().attachPath(u"acme"_s, u"docs"_s, path);
        QVERIFY(file);
        IngestionQueue queue(m_f->database(), u"host:1"_s);
        auto job = queue.claimNext(u"local"_s, m_f->engine().holderId());
        QVERIFY(job && job->has_value());
        QVERIFY(queue.fail(**job, u"server_error"_s, u"broken for the test"_s));
        QVERIFY(svc().retryFile(u"acme"_s, u"docs"_s, QString::number(file->id)));
        auto again = queue.claimNext(u"local"_s, m_f->engine().holderId());
        QVERIFY(again && again->has_value());
        QCOMPARE((*again)->attempts, 1);
    }
};

QTEST_GUILESS_MAIN(TestIngestContention)
#include "tst_ingest_contention.moc"
