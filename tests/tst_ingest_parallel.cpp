// Ingestion with the prepare pipeline (#20): the local engine reads, tokenizes and chunks the next
// files on threads of their own while one file is written. Many files into one store or several
// stores end exactly as a sequential ingestion of the same files (counters, chunks, index rows,
// search results), and a kill -9 of the real binary while several files are in hand leaves no
// partial file; the next run completes them.

#include "core/domain/searchrequest.h"
#include "core/engine/index/localindex.h"
#include "enginefixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

// Deterministic prose of about `bytes` bytes: the same seed gives the same text.
QByteArray prose(quint32 seed, qsizetype bytes)
{
    static const QList<QByteArray> words = {
        "turbine",  "blade",  "cooling",  "flutter", "transonic", "boundary", "layer",   "shock",   "nozzle",
        "pressure", "heat",   "transfer", "wing",    "swept",     "vortex",   "laminar", "thermal", "stress",
        "the",      "of",     "and",      "a",       "measured",  "at",       "speeds",  "drag",    "lift",
        "rotor",    "stator", "inlet",    "wake",    "jet",       "mixing",   "panel",   "skin",    "friction"};
    QRandomGenerator random(seed);
    QByteArray text;
    text.reserve(bytes + 200);
    text += "# Report " + QByteArray::number(seed) + "\n\n";
    while (text.size() < bytes) {
        const int sentence = 6 + int(random.bounded(14));
        for (int i = 0; i < sentence; ++i) {
            text += words.at(random.bounded(int(words.size())));
            text += i + 1 < sentence ? " " : ". ";
        }
        if (random.bounded(6) == 0)
            text += "\n\n";
    }
    return text;
}

// Per file (tenant/store/name): chunks, tokens, usage bytes and status in the metadata.
QMap<QString, QList<qint64>> fileFigures(Database &db)
{
    QMap<QString, QList<qint64>> figures;
    QSqlQuery q(db.connection());
    q.exec(u"SELECT t.slug, s.name, f.filename, f.chunk_count, f.token_count, f.usage_bytes, "
           u"CASE f.status WHEN 'completed' THEN 1 ELSE 0 END FROM vector_store_files f "
           u"JOIN vector_stores s ON s.id = f.store_id JOIN tenants t ON t.id = f.tenant_id"_s);
    while (q.next())
        figures.insert(
            u"%1/%2/%3"_s.arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString()),
            {q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong(), q.value(6).toLongLong()});
    return figures;
}

// Per store: its counters as recorded, and as its live files add up.
QMap<QString, QList<qint64>> storeCounters(Database &db)
{
    QMap<QString, QList<qint64>> counters;
    QSqlQuery q(db.connection());
    q.exec(u"SELECT t.slug, s.name, s.files_completed, s.files_in_progress, s.files_failed, s.usage_bytes, "
           u"(SELECT count(*) FROM vector_store_files f WHERE f.store_id = s.id AND f.status = 'completed' "
           u"AND f.deleted_at IS NULL), "
           u"(SELECT coalesce(sum(f.usage_bytes), 0) FROM vector_store_files f WHERE f.store_id = s.id "
           u"AND f.deleted_at IS NULL) "
           u"FROM vector_stores s JOIN tenants t ON t.id = s.tenant_id"_s);
    while (q.next())
        counters.insert(u"%1/%2"_s.arg(q.value(0).toString(), q.value(1).toString()),
                        {q.value(2).toLongLong(), q.value(3).toLongLong(), q.value(4).toLongLong(),
                         q.value(5).toLongLong(), q.value(6).toLongLong(), q.value(7).toLongLong()});
    return counters;
}

// Per tenant: the usage its stores record.
QMap<QString, qint64> tenantUsage(Database &db)
{
    QMap<QString, qint64> usage;
    QSqlQuery q(db.connection());
    q.exec(u"SELECT t.slug, coalesce(sum(s.usage_bytes), 0) FROM tenants t LEFT JOIN vector_stores s "
           u"ON s.tenant_id = t.id GROUP BY t.slug"_s);
    while (q.next())
        usage.insert(q.value(0).toString(), q.value(1).toLongLong());
    return usage;
}

// What one store's index holds: per file id its chunk rows, whether they are whole (ids and
// ordinals unique, ordinals 0..n-1, as many as the file's row says, no postings of other files) and
// their (ordinal, chunk id) pairs. An empty `error` when the index is consistent.
struct IndexContents
{
    QMap<qint64, qint64> chunksPerFile;
    QMap<qint64, QList<std::pair<int, qint64>>> ids; // file id -> (ordinal, chunk id)
    QString error;
};

IndexContents readIndex(const QString &path)
{
    IndexContents contents;
    const QString name = u"read-index-"_s + path;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (!db.open()) {
            contents.error = db.lastError().text();
            return contents;
        }
        QSqlQuery q(db);
        auto one = [&](const QString &sql) {
            return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
        };
        const qint64 rows = one(u"SELECT count(*) FROM chunks"_s);
        if (one(u"SELECT count(DISTINCT id) FROM chunks"_s) != rows)
            contents.error += u"duplicate chunk ids; "_s;
        if (one(u"SELECT count(*) FROM (SELECT DISTINCT file_id, ordinal FROM chunks)"_s) != rows)
            contents.error += u"duplicate ordinals; "_s;
        if (one(u"SELECT value FROM meta WHERE key = 'chunks'"_s) != rows)
            contents.error +=
                u"meta chunks %1 for %2 rows; "_s.arg(one(u"SELECT value FROM meta WHERE key = 'chunks'"_s)).arg(rows);
        if (one(u"SELECT count(*) FROM postings_segments s WHERE NOT EXISTS (SELECT 1 FROM files f WHERE "
                u"f.file_id = s.file_id)"_s)
            != 0)
            contents.error += u"postings of a file the index does not hold; "_s;
        if (one(u"SELECT count(*) FROM chunks c WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.file_id = "
                u"c.file_id)"_s)
            != 0)
            contents.error += u"chunks without their file; "_s;
        q.exec(u"SELECT f.file_id, f.chunk_count, count(c.id), coalesce(min(c.ordinal), 0), "
               u"coalesce(max(c.ordinal), -1) FROM files f LEFT JOIN chunks c ON c.file_id = f.file_id "
               u"GROUP BY f.file_id"_s);
        while (q.next()) {
            const qint64 file = q.value(0).toLongLong();
            const qint64 recorded = q.value(1).toLongLong();
            const qint64 count = q.value(2).toLongLong();
            if (recorded != count || count == 0 || q.value(3).toLongLong() != 0 || q.value(4).toLongLong() != count - 1)
                contents.error +=
                    u"file %1 is partial (%2 chunks recorded, %3 rows); "_s.arg(file).arg(recorded).arg(count);
            contents.chunksPerFile.insert(file, count);
        }
        q.exec(u"SELECT file_id, ordinal, id FROM chunks ORDER BY file_id, ordinal"_s);
        while (q.next())
            contents.ids[q.value(0).toLongLong()].append({q.value(1).toInt(), q.value(2).toLongLong()});
    }
    QSqlDatabase::removeDatabase(name);
    return contents;
}

Result<engine::Ingestor::Summary> drain(test::EngineFixture &f, int prepareAhead)
{
    engine::Ingestor ingestor(f.database(), [&f](BackendKind kind) -> VectorStoreBackend * {
        return kind == BackendKind::Local ? &f.engine() : nullptr;
    });
    ingestor.setPrepareAhead(prepareAhead);
    return ingestor.drain({});
}

} // namespace

class TestIngestParallel : public QObject
{
    Q_OBJECT

private slots:
    void manyFilesEndAsASequentialIngestion_data()
    {
        QTest::addColumn<QStringList>("stores"); // tenant/store, files placed round-robin
        QTest::addColumn<int>("files");
        QTest::newRow("24 files into one store end with the counters and chunks of a sequential ingestion")
            << QStringList{u"acme/docs"_s} << 24;
        QTest::newRow("24 files into three stores of two tenants end as a sequential ingestion")
            << QStringList{u"acme/docs"_s, u"acme/notes"_s, u"globex/docs"_s} << 24;
    }

    void manyFilesEndAsASequentialIngestion()
    {
        QFETCH(QStringList, stores);
        QFETCH(int, files);
        struct Placement
        {
            QString tenant;
            QString store;
        };
        QList<Placement> placements;
        for (const QString &s : std::as_const(stores))
            placements.append({s.section(u'/', 0, 0), s.section(u'/', 1)});
        // The same files, attached in the same order, ingested by the pipeline and one at a time.
        test::EngineFixture parallel;
        test::EngineFixture sequential;
        for (test::EngineFixture *f : {&parallel, &sequential}) {
            QVERIFY2(f->ok(), qPrintable(f->error()));
            for (const Placement &p : std::as_const(placements)) {
                if (!f->service().tenant(p.tenant))
                    QVERIFY(f->service().createTenant({p.tenant, {}, u"enterprise"_s, u"local"_s}));
                QVERIFY(f->service().createStore(p.tenant, {p.store, {}, {}, {}, {}}));
            }
            for (int i = 0; i < files; ++i) {
                const Placement &p = placements.at(i % placements.size());
                // 8 KB to 200 KB: from one chunk to dozens.
                const QByteArray text = prose(quint32(i + 1), 8'000 + (i * 37'813) % 192'000);
                auto attached =
                    f->service().attachPath(p.tenant, p.store, f->writeFile(u"report-%1.md"_s.arg(i), text));
                QVERIFY2(attached, attached ? "" : qPrintable(attached.error().message()));
            }
        }
        auto piped = drain(parallel, engine::Ingestor::kPrepareAhead);
        QVERIFY2(piped, piped ? "" : qPrintable(piped.error().message()));
        auto alone = drain(sequential, 0);
        QVERIFY2(alone, alone ? "" : qPrintable(alone.error().message()));
        QCOMPARE(piped->completed, files);
        QCOMPARE(piped->failed, 0);
        QCOMPARE(piped->requeued, 0);
        QCOMPARE(alone->completed, files);
        // Every file but the first was prepared while an earlier one was in hand.
        QCOMPARE(piped->preparedAhead, files - 1);
        QCOMPARE(alone->preparedAhead, 0);

        // Files, stores and tenants: the same figures, and the counters agree with the files.
        const auto figures = fileFigures(parallel.database());
        QCOMPARE(figures.size(), files);
        QCOMPARE(figures, fileFigures(sequential.database()));
        for (auto it = figures.cbegin(); it != figures.cend(); ++it) {
            QVERIFY2(it.value().at(0) > 0 && it.value().at(3) == 1, qPrintable(it.key()));
        }
        const auto counters = storeCounters(parallel.database());
        QCOMPARE(counters, storeCounters(sequential.database()));
        for (auto it = counters.cbegin(); it != counters.cend(); ++it) {
            const QList<qint64> &c = it.value();
            QCOMPARE(c.at(0), c.at(4)); // files_completed
            QCOMPARE(c.at(1), 0); // files_in_progress
            QCOMPARE(c.at(2), 0); // files_failed
            QCOMPARE(c.at(3), c.at(5)); // usage_bytes
            QVERIFY(c.at(3) > 0);
        }
        QCOMPARE(tenantUsage(parallel.database()), tenantUsage(sequential.database()));

        // Each store's index: whole files, no duplicate chunk, the very same chunk ids and
        // ordinals as the sequential run, and the same search results.
        for (const Placement &p : std::as_const(placements)) {
            auto store = parallel.service().store(p.tenant, p.store);
            auto reference = sequential.service().store(p.tenant, p.store);
            QVERIFY(store && reference);
            const IndexContents mine = readIndex(parallel.engine().indexPath(store->tenantId, store->id));
            const IndexContents theirs = readIndex(sequential.engine().indexPath(reference->tenantId, reference->id));
            QVERIFY2(mine.error.isEmpty(), qPrintable(mine.error));
            QVERIFY2(theirs.error.isEmpty(), qPrintable(theirs.error));
            QCOMPARE(mine.chunksPerFile.size(), store->fileCounts.completed);
            QCOMPARE(mine.chunksPerFile, theirs.chunksPerFile);
            QCOMPARE(mine.ids, theirs.ids);
            for (const QString &query : {u"turbine blade cooling"_s, u"transonic flutter of swept wings"_s}) {
                SearchRequest request;
                request.queries = {query};
                request.maxNumResults = 20;
                auto a = parallel.service().search(p.tenant, {p.store}, request);
                auto b = sequential.service().search(p.tenant, {p.store}, request);
                QVERIFY(a && b);
                QVERIFY(!a->data.isEmpty());
                QCOMPARE(a->data.size(), b->data.size());
                for (qsizetype i = 0; i < a->data.size(); ++i) {
                    QCOMPARE(a->data[i].filename, b->data[i].filename);
                    QCOMPARE(a->data[i].score, b->data[i].score);
                    QCOMPARE(a->data[i].chunkIds, b->data[i].chunkIds);
                }
            }
        }
    }

    // Cancelled with files in hand, most of them waiting for their turn to be prepared (as many
    // at a time as there are cores, in claim order): the drain returns at once, the files it had not written go back to
    // the queue unstarted, and the index holds only the files written before, whole.
    void cancelledWithFilesWaitingForTheirTurn()
    {
        test::EngineFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        QVERIFY(f.service().createTenant({u"acme"_s, {}, u"enterprise"_s, u"local"_s}));
        QVERIFY(f.service().createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        constexpr int kFiles = 16;
        for (int i = 0; i < kFiles; ++i)
            QVERIFY(f.service().attachPath(u"acme"_s, u"docs"_s,
                                           f.writeFile(u"note-%1.md"_s.arg(i), prose(quint32(i + 1), 30'000))));
        engine::Ingestor ingestor(f.database(), [&f](BackendKind kind) -> VectorStoreBackend * {
            return kind == BackendKind::Local ? &f.engine() : nullptr;
        });
        int finished = 0;
        engine::Ingestor::Observer observer;
        observer.finished = [&finished](const StoreFile &, const QString &) {
            ++finished;
        };
        auto first = ingestor.drain([&finished] { return finished >= 2; }, observer);
        QVERIFY2(first, first ? "" : qPrintable(first.error().message()));
        QVERIFY(first->cancelled);
        QCOMPARE(first->completed, 2);
        auto store = f.service().store(u"acme"_s, u"docs"_s);
        QVERIFY(store);
        QCOMPARE(store->fileCounts.completed, 2);
        QCOMPARE(store->fileCounts.inProgress, kFiles - 2);
        const QString indexPath = f.engine().indexPath(store->tenantId, store->id);
        IndexContents index = readIndex(indexPath);
        QVERIFY2(index.error.isEmpty(), qPrintable(index.error));
        QCOMPARE(index.chunksPerFile.size(), 2);
        // Given back unstarted: the next drain takes and completes every one of them.
        auto second = ingestor.drain({}, observer);
        QVERIFY2(second, second ? "" : qPrintable(second.error().message()));
        QCOMPARE(second->completed, kFiles - 2);
        QCOMPARE(second->failed, 0);
        index = readIndex(indexPath);
        QVERIFY2(index.error.isEmpty(), qPrintable(index.error));
        QCOMPARE(index.chunksPerFile.size(), kFiles);
    }

    void killedDuringParallelIngestionLeavesNoPartialFile()
    {
        const QString binary = qEnvironmentVariable("VECTORDESK_BINARY");
        if (binary.isEmpty() || !QFile::exists(binary))
            QSKIP("needs the vectordesk binary (run through ctest)");
        QTemporaryDir dir;
        const QString db = dir.filePath(u"crash.sqlite"_s);
        auto run = [&](const QStringList &args) {
            QProcess p;
            p.start(binary, args + QStringList{u"--db"_s, db, u"--as"_s, u"alice"_s});
            p.waitForFinished(300000);
            return p.exitCode();
        };
        QCOMPARE(run({u"tenant"_s, u"create"_s, u"acme"_s, u"--plan"_s, u"enterprise"_s}), 0);
        QCOMPARE(run({u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}), 0);
        // Enough files, large enough, that the run is killed with several in hand.
        constexpr int kFiles = 12;
        QStringList paths;
        for (int i = 0; i < kFiles; ++i)
            paths << test::writeFileAt(dir.filePath(u"input/log-%1.txt"_s.arg(i)), prose(quint32(100 + i), 1'200'000));
        QCOMPARE(run(QStringList{u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s} + paths),
                 0);

        QString error;
        Database meta(*DatabaseUrl::parse(db, &error));
        QVERIFY2(meta.open(&error), qPrintable(error));
        auto count = [&](const QString &sql) {
            QSqlQuery q(meta.connection());
            return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
        };

        // Ingest in a child process; kill it once files completed and two or more are in its hands.
        QProcess child;
        child.start(binary,
                    {u"file"_s, u"wait"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"--db"_s, db, u"--as"_s,
                     u"alice"_s});
        QVERIFY(child.waitForStarted());
        const QString owner = u"%"_s + u":%1"_s.arg(child.processId());
        QTRY_VERIFY_WITH_TIMEOUT(count(u"SELECT count(*) FROM vector_store_files WHERE status = 'completed'"_s) >= 2
                                     && count(u"SELECT count(*) FROM vector_store_files WHERE status = 'in_progress' "
                                              u"AND ingest_claimed_by LIKE '%1'"_s.arg(owner))
                                         >= 2,
                                 240000);
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished());
        const qint64 completedBefore = count(u"SELECT count(*) FROM vector_store_files WHERE status = 'completed'"_s);
        QVERIFY2(completedBefore < kFiles, "the run ended before it was killed: make the files larger");

        // No partial file: the index holds whole files only, every completed file among them.
        const QString indexPath = dir.filePath(u"crash.engine/tenants/1/1.index"_s);
        {
            const IndexContents killed = readIndex(indexPath);
            QVERIFY2(killed.error.isEmpty(), qPrintable(killed.error));
            QSqlQuery q(meta.connection());
            QVERIFY(q.exec(u"SELECT id, chunk_count FROM vector_store_files WHERE status = 'completed'"_s));
            while (q.next())
                QCOMPARE(killed.chunksPerFile.value(q.value(0).toLongLong()), q.value(1).toLongLong());
        }

        // The next run completes the survivors, each exactly once.
        QCOMPARE(run({u"file"_s, u"wait"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s}), 0);
        QCOMPARE(count(u"SELECT count(*) FROM vector_store_files WHERE status = 'completed'"_s), kFiles);
        QCOMPARE(count(u"SELECT count(*) FROM vector_store_files WHERE ingest_claimed_by IS NOT NULL"_s), 0);
        QCOMPARE(count(u"SELECT max(ingest_attempts) FROM vector_store_files"_s), 2);
        QVERIFY(count(u"SELECT count(*) FROM vector_store_files WHERE ingest_attempts = 2"_s) >= 2);
        QCOMPARE(count(u"SELECT files_completed FROM vector_stores WHERE id = 1"_s), kFiles);
        QCOMPARE(count(u"SELECT files_in_progress + files_failed FROM vector_stores WHERE id = 1"_s), 0);
        QCOMPARE(count(u"SELECT usage_bytes FROM vector_stores WHERE id = 1"_s),
                 count(u"SELECT sum(usage_bytes) FROM vector_store_files"_s));
        const IndexContents after = readIndex(indexPath);
        QVERIFY2(after.error.isEmpty(), qPrintable(after.error));
        QCOMPARE(after.chunksPerFile.size(), kFiles);

        // The same files ingested one at a time, in this process: the same chunks per file.
        test::EngineFixture reference;
        QVERIFY2(reference.ok(), qPrintable(reference.error()));
        QVERIFY(reference.service().createTenant({u"acme"_s, {}, u"enterprise"_s, u"local"_s}));
        QVERIFY(reference.service().createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        for (const QString &path : std::as_const(paths))
            QVERIFY(reference.service().attachPath(u"acme"_s, u"docs"_s, path));
        auto summary = drain(reference, 0);
        QVERIFY(summary);
        QCOMPARE(summary->completed, kFiles);
        QMap<QString, qint64> expected;
        for (const auto &[key, values] : fileFigures(reference.database()).asKeyValueRange())
            expected.insert(key, values.at(0));
        QMap<QString, qint64> got;
        for (const auto &[key, values] : fileFigures(meta).asKeyValueRange())
            got.insert(key, values.at(0));
        QCOMPARE(got, expected);
        QSqlQuery q(meta.connection());
        QVERIFY(q.exec(u"SELECT id, chunk_count FROM vector_store_files"_s));
        while (q.next())
            QCOMPARE(after.chunksPerFile.value(q.value(0).toLongLong()), q.value(1).toLongLong());
    }
};

QTEST_GUILESS_MAIN(TestIngestParallel)
#include "tst_ingest_parallel.moc"
