// Figures for docs/benchmarks.md: ingestion throughput against plain FTS5 inserts of the same
// chunks, peak memory while ingesting one large file, and search latency at 100k / 1M chunks.
//
//   bench_engine ingest  [--mb 200] [--pairs 3] [--dir D]
//                                                attach + ingest mixed text files (one at a time, then
//                                                with the prepare pipeline), then the baselines; the
//                                                pipeline and the tokenize-and-write baseline again,
//                                                in pairs, for the median of their ratio
//   bench_engine bigfile [--mb 200] [--dir D]    one file; prints peak RSS (VmHWM) of this process
//   bench_engine search  [--chunks 100000] [--queries 300] [--dir D]

#include "bench/support/textgenerator.h"
#include "core/engine/chunking/chunker.h"
#include "core/engine/index/indextokenizer.h"
#include "core/engine/index/localindex.h"
#include "core/engine/localengine.h"
#include "core/engine/tokenizer/bpetokenizer.h"
#include "core/ingestion/ingestor.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sqlite3.h>
#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace vd;
using vd::bench::TextGenerator;

namespace {

qint64 peakRssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

// CPU time, user and system, of the whole process (every thread) or of the calling thread.
double cpuSeconds(int who = RUSAGE_SELF)
{
    rusage usage{};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Setup
{
    std::unique_ptr<Database> db;
    std::unique_ptr<engine::LocalEngine> engine;
    std::unique_ptr<VectorStoreService> service;
};

bool setUp(const QString &dir, Setup *s)
{
    QString error;
    const auto url = DatabaseUrl::parse(dir + u"/bench.sqlite"_s, &error);
    s->db = std::make_unique<Database>(*url);
    if (!Database::openAndMigrate(*s->db, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    s->engine = std::make_unique<engine::LocalEngine>(engine::LocalEngine::rootFor(*url));
    s->service = std::make_unique<VectorStoreService>(
        *s->db, u"bench"_s, [s](BackendKind) -> VectorStoreBackend * { return s->engine.get(); });
    return s->service->createTenant({u"bench"_s, {}, u"enterprise"_s, u"local"_s}).ok()
        && s->service->createStore(u"bench"_s, {u"docs"_s, {}, {}, {}, {}}).ok();
}

// The baseline of issue #20 with FTS5 off the write path: the same files merely tokenized
// (cl100k BPE, the stores' 800/400 windows, as ingestion cuts them) and their chunk texts written
// to a plain table in one transaction, on one thread. Seconds, or -1 on a failure.
double tokenizeAndWrite(const QString &dir, const QStringList &inputs, int pageSize, qint64 *chunkCount)
{
    const engine::BpeTokenizer &tokenizer = engine::BpeTokenizer::get(engine::Encoding::Cl100kBase);
    double seconds = -1;
    // A new file each time, as the index is: the pages of an earlier run would be written over,
    // not appended.
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
        QFile::remove(dir + u"/plain-chunks.sqlite"_s + suffix);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"plain-chunks"_s);
        db.setDatabaseName(dir + u"/plain-chunks.sqlite"_s);
        QString why;
        sqlite3 *sqlite = db.open() ? engine::sqliteConnection(db, &why) : nullptr;
        sqlite3_stmt *insert = nullptr;
        if (!sqlite
            || sqlite3_exec(sqlite,
                            QByteArray("PRAGMA page_size=" + QByteArray::number(pageSize)
                                       + "; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; DROP TABLE IF EXISTS "
                                         "chunks; CREATE TABLE chunks (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
                                .constData(),
                            nullptr, nullptr, nullptr)
                != SQLITE_OK
            || sqlite3_prepare_v2(sqlite, "INSERT INTO chunks (text) VALUES (?1)", -1, &insert, nullptr) != SQLITE_OK)
            return -1;
        QElapsedTimer timer;
        timer.start();
        bool ok = sqlite3_exec(sqlite, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
        for (const QString &name : inputs) {
            QFile f(name);
            if (!ok || !f.open(QIODevice::ReadOnly))
                break;
            engine::Chunker chunker(
                engine::Chunker::tokenizingWith(tokenizer), 800, 400, [&](const Chunk &chunk) -> Result<void> {
                    sqlite3_bind_text(insert, 1, chunk.text.constData(), int(chunk.text.size()), SQLITE_STATIC);
                    ok = ok && sqlite3_step(insert) == SQLITE_DONE;
                    sqlite3_reset(insert);
                    ++*chunkCount;
                    return {};
                });
            ok = ok && chunker.append(f.readAll()).ok() && chunker.finish().ok();
        }
        sqlite3_finalize(insert);
        ok = ok && sqlite3_exec(sqlite, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
        if (ok)
            seconds = timer.elapsed() / 1000.0;
    }
    QSqlDatabase::removeDatabase(u"plain-chunks"_s);
    return seconds;
}

int ingestMixed(const QString &dir, int megabytes, int pairs)
{
    Setup s;
    if (!setUp(dir, &s))
        return 1;
    TextGenerator gen(42);
    QDir().mkpath(dir + u"/input"_s);
    qint64 bytes = 0;
    int files = 0;
    QStringList inputs;
    QElapsedTimer writing;
    writing.start();
    while (bytes < qint64(megabytes) << 20) {
        const QString name = u"%1/input/doc-%2.%3"_s.arg(dir).arg(files).arg(
            files % 5 == 0 ? u"py"_s : (files % 3 == 0 ? u"md"_s : u"txt"_s));
        inputs << name;
        QFile f(name);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        const int size = 20'000 + int(gen.random().bounded(400'000)); // 20 KB .. 420 KB
        QByteArray content;
        while (content.size() < size)
            content += files % 5 == 0 ? gen.codeLine() : gen.paragraph(40 + int(gen.random().bounded(120)));
        f.write(content);
        bytes += content.size();
        ++files;
    }
    std::printf("generated %d files, %.1f MB in %.1f s\n", files, bytes / 1048576.0, writing.elapsed() / 1000.0);
    // The same files go to two stores: "docs" is ingested one file at a time (the one-core
    // figure), "docs2" with the prepare pipeline (the next files read, tokenized and chunked on
    // other threads while one is written: both cores). Attaching to docs2 finds the bytes stored
    // already, so both figures count the attach to docs.
    if (!s.service->createStore(u"bench"_s, {u"docs2"_s, {}, {}, {}, {}}).ok())
        return 1;
    const auto attachAll = [&](const QString &store) {
        for (const QString &input : std::as_const(inputs))
            if (!s.service->attachPath(u"bench"_s, store, input)) {
                std::fprintf(stderr, "attach failed: %s\n", qPrintable(input));
                return false;
            }
        return true;
    };
    // Seconds to drain a store's queue, or -1 when not every file completed.
    const auto drain = [&](const QString &name, int prepareAhead) {
        auto store = s.service->store(u"bench"_s, name);
        engine::Ingestor ingestor(*s.db, [&](BackendKind) -> VectorStoreBackend * { return s.engine.get(); });
        ingestor.setPrepareAhead(prepareAhead);
        QElapsedTimer timer;
        timer.start();
        auto summary = ingestor.drain({}, {}, store->tenantId, store->id);
        const double seconds = timer.elapsed() / 1000.0;
        if (!summary || summary->completed != files) {
            std::fprintf(stderr, "ingestion failed\n");
            return -1.0;
        }
        return seconds;
    };
    double attachSeconds[2] = {0, 0};
    for (int pass = 0; pass < 2; ++pass) {
        QElapsedTimer timer;
        timer.start();
        if (!attachAll(pass == 0 ? u"docs"_s : u"docs2"_s))
            return 1;
        attachSeconds[pass] = timer.elapsed() / 1000.0;
    }
    std::printf("attach (copy + hash + record): %.1f s (the same files to a second store: %.1f s)\n", attachSeconds[0],
                attachSeconds[1]);
    double totalSeconds = 0;
    double drainSeconds[2] = {0, 0};
    for (int pass = 0; pass < 2; ++pass) {
        const bool pipelined = pass == 1;
        const double cpuBefore = cpuSeconds();
        const double threadBefore = cpuSeconds(RUSAGE_THREAD);
        drainSeconds[pass] = drain(pipelined ? u"docs2"_s : u"docs"_s, pipelined ? engine::Ingestor::kPrepareAhead : 0);
        if (drainSeconds[pass] < 0)
            return 1;
        const double cpu = cpuSeconds() - cpuBefore;
        // The drain's thread claims, writes every index and records; the pipeline prepares on
        // other threads. On a machine whose other processes leave the cores idle the drain can
        // take no less than this thread's CPU time, nor less than the process's spread over 2 cores.
        const double writer = cpuSeconds(RUSAGE_THREAD) - threadBefore;
        const double seconds = attachSeconds[0] + drainSeconds[pass];
        if (!pipelined)
            totalSeconds = seconds;
        std::printf("%s: ingestion %.1f s, attach -> completed: %d files, %.1f MB in %.1f s = %.1f MB/s "
                    "(CPU %.1f s = %.2f cores busy)\n",
                    pipelined ? "pipeline, both cores" : "one file at a time, one core", drainSeconds[pass], files,
                    bytes / 1048576.0, seconds, bytes / 1048576.0 / seconds, cpu, cpu / drainSeconds[pass]);
        const double idleBound = std::max(writer, pipelined ? cpu / 2 : cpu);
        std::printf("  CPU: process %.1f s, drain thread (claims, index writes) %.1f s; on idle cores ingestion "
                    "would take at least %.1f s = %.1f MB/s\n",
                    cpu, writer, idleBound, bytes / 1048576.0 / idleBound);
    }
    std::printf("pipeline / one at a time: ingestion %.2f, attach -> completed %.2f\n",
                drainSeconds[1] / drainSeconds[0], (attachSeconds[0] + drainSeconds[1]) / totalSeconds);
    auto store = s.service->store(u"bench"_s, u"docs"_s);

    // Baseline: the very same chunks inserted into a plain FTS5 table, one transaction.
    int pageSize = 4096;
    const QString indexPath = s.engine->indexPath(store->tenantId, store->id);
    {
        QSqlDatabase source = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"source"_s);
        source.setDatabaseName(indexPath);
        source.open();
        // The baselines write pages of the index's size (the chunk texts fill them as they fill the
        // index's), so the figures compare the work, not the page size.
        if (QSqlQuery size(source); size.exec(u"PRAGMA page_size"_s) && size.next())
            pageSize = size.value(0).toInt();
        QSqlDatabase plain = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"plain"_s);
        plain.setDatabaseName(dir + u"/plain-fts5.sqlite"_s);
        plain.open();
        QSqlQuery p(plain);
        p.exec(u"PRAGMA page_size=%1"_s.arg(pageSize));
        p.exec(u"PRAGMA journal_mode=WAL"_s);
        p.exec(u"PRAGMA synchronous=NORMAL"_s);
        p.exec(u"CREATE VIRTUAL TABLE plain USING fts5(text)"_s);
        QSqlQuery read(source);
        read.setForwardOnly(true);
        read.exec(u"SELECT text FROM chunks ORDER BY id"_s);
        QList<QString> chunks;
        while (read.next())
            chunks << read.value(0).toString();
        QElapsedTimer baseline;
        baseline.start();
        p.exec(u"BEGIN"_s);
        p.prepare(u"INSERT INTO plain (text) VALUES (?)"_s);
        for (const QString &c : std::as_const(chunks)) {
            p.addBindValue(c);
            p.exec();
        }
        QSqlQuery(plain).exec(u"COMMIT"_s);
        const double baselineSeconds = baseline.elapsed() / 1000.0;
        std::printf("plain FTS5 inserts of the same %lld chunks (pages of %d bytes): %.1f s = %.1f MB/s of source "
                    "text\n",
                    qlonglong(chunks.size()), pageSize, baselineSeconds, bytes / 1048576.0 / baselineSeconds);
        std::printf("ratio (attach -> completed / plain FTS5 insert time): one at a time %.2f, pipeline %.2f\n",
                    totalSeconds / baselineSeconds, (attachSeconds[0] + drainSeconds[1]) / baselineSeconds);
    }
    QSqlDatabase::removeDatabase(u"source"_s);
    QSqlDatabase::removeDatabase(u"plain"_s);
    qint64 plainChunks = 0;
    const double plainSeconds = tokenizeAndWrite(dir, inputs, pageSize, &plainChunks);
    if (plainSeconds < 0) {
        std::fprintf(stderr, "the tokenize-and-write baseline failed\n");
        return 1;
    }
    std::printf("tokenize (cl100k, 800/400 windows) and write the chunk texts, one thread, no index, pages of %d "
                "bytes as the index's: %lld chunks in %.1f s = %.1f MB/s of source text\n",
                pageSize, plainChunks, plainSeconds, bytes / 1048576.0 / plainSeconds);
    std::printf("ratio (ingestion / tokenize and write): one at a time %.2f, pipeline %.2f; (attach -> completed / "
                "tokenize and write): one at a time %.2f, pipeline %.2f\n",
                drainSeconds[0] / plainSeconds, drainSeconds[1] / plainSeconds, totalSeconds / plainSeconds,
                (attachSeconds[0] + drainSeconds[1]) / plainSeconds);
    std::printf("peak RSS: %lld MiB\n", peakRssKiB() / 1024);

    // Issue #20's ratio again, in pairs: the pipeline into a new store of the same files, then
    // the baseline, one after the other, so that a slower stretch of a shared machine weighs on
    // both sides of a pair. Each pair's ratio, then their median (the first pair is the run above).
    std::vector<double> ratios{drainSeconds[1] / plainSeconds};
    for (int pair = 2; pair <= pairs; ++pair) {
        const QString name = u"docs-pair-%1"_s.arg(pair);
        if (!s.service->createStore(u"bench"_s, {name, {}, {}, {}, {}}).ok() || !attachAll(name))
            return 1;
        const double ingestion = drain(name, engine::Ingestor::kPrepareAhead);
        if (ingestion < 0)
            return 1;
        qint64 chunks = 0;
        const double baseline = tokenizeAndWrite(dir, inputs, pageSize, &chunks);
        if (baseline < 0 || chunks != plainChunks) {
            std::fprintf(stderr, "the tokenize-and-write baseline failed\n");
            return 1;
        }
        ratios.push_back(ingestion / baseline);
        std::printf("pair %d: pipeline ingestion %.1f s, tokenize and write %.1f s, ratio %.2f\n", pair, ingestion,
                    baseline, ratios.back());
    }
    QStringList each;
    for (const double r : ratios)
        each << QString::number(r, 'f', 2);
    std::vector<double> sorted = ratios;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    std::printf("ratio (pipeline ingestion / tokenize and write), %zu pairs: median %.2f, each %s (target <= 1.5)\n", n,
                median, qPrintable(each.join(u", "_s)));
    return 0;
}

int ingestBigFile(const QString &dir, int megabytes)
{
    Setup s;
    if (!setUp(dir, &s))
        return 1;
    TextGenerator gen(7);
    const QString name = dir + u"/big.txt"_s;
    {
        QFile f(name);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        qint64 written = 0;
        while (written < qint64(megabytes) << 20) {
            const QByteArray p = gen.paragraph(80);
            f.write(p);
            written += p.size();
        }
    }
    const qint64 before = peakRssKiB();
    QElapsedTimer timer;
    timer.start();
    if (!s.service->attachPath(u"bench"_s, u"docs"_s, name))
        return 1;
    engine::Ingestor ingestor(*s.db, [&](BackendKind) -> VectorStoreBackend * { return s.engine.get(); });
    auto summary = ingestor.drain({});
    if (!summary || summary->completed != 1) {
        std::fprintf(stderr, "ingestion failed\n");
        return 1;
    }
    const double seconds = timer.elapsed() / 1000.0;
    auto file = s.service->listFiles(u"bench"_s, u"docs"_s)->first();
    QSqlQuery q(s.db->connection());
    q.exec(u"SELECT chunk_count, token_count FROM vector_store_files"_s);
    q.next();
    std::printf("one %d MB file: %.1f s = %.1f MB/s, %lld chunks, %lld tokens\n", megabytes, seconds,
                megabytes / seconds, q.value(0).toLongLong(), q.value(1).toLongLong());
    std::printf("peak RSS before ingesting: %lld MiB, after: %lld MiB\n", before / 1024, peakRssKiB() / 1024);
    return 0;
}

int searchLatency(const QString &dir, int chunks, int queries)
{
    const QString path = u"%1/search-%2.index"_s.arg(dir).arg(chunks);
    TextGenerator gen(99);
    QElapsedTimer build;
    build.start();
    {
        engine::LocalIndex index(path);
        if (!index.open())
            return 1;
        // An index of the same size from an earlier run (same seed, same text) is reused.
        const auto existing = index.chunkCount();
        const bool reuse = existing && *existing == chunks;
        const int perFile = 100;
        for (int file = 0; !reuse && file * perFile < chunks; ++file) {
            const QJsonObject attributes{{u"group"_s, file % 10}, {u"lang"_s, file % 3 == 0 ? u"de"_s : u"en"_s}};
            if (!index.beginFile(file + 1, u"file-%1.txt"_s.arg(file), attributes))
                return 1;
            for (int c = 0; c < perFile && file * perFile + c < chunks; ++c)
                if (!index.addChunk({c, 0, 0, 80, gen.paragraph(60)}))
                    return 1;
            if (!index.commitFile(0))
                return 1;
        }
    }
    std::printf("built (or reused) an index of %d chunks in %.1f s (%.0f MB)\n", chunks, build.elapsed() / 1000.0,
                QFileInfo(path).size() / 1048576.0);
    engine::LocalIndex index(path);
    if (!index.open())
        return 1;
    // The baseline, timed in the same run on the same queries: FTS5 ranks every chunk matching
    // any word, then the best rows are joined to their files (what LocalIndex::search did before
    // it read its own postings).
    // The index keeps no FTS5 table: the baseline's is built beside it, from its chunks, once.
    QSqlDatabase baseline = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"baseline"_s);
    baseline.setDatabaseName(path);
    if (!baseline.open())
        return 1;
    {
        QSqlQuery b(baseline);
        const QString file = dir + u"/fts5-baseline.sqlite"_s;
        b.exec(u"ATTACH DATABASE '%1' AS b"_s.arg(QString(file).replace(u'\'', u"''"_s)));
        b.exec(u"CREATE VIRTUAL TABLE IF NOT EXISTS b.chunks_fts USING fts5(title, text, "
               u"tokenize='porter unicode61 remove_diacritics 2')"_s);
        const auto count = [&](const QString &sql) {
            return b.exec(sql) && b.next() ? b.value(0).toLongLong() : -1;
        };
        if (count(u"SELECT count(*) FROM b.chunks_fts"_s) != count(u"SELECT count(*) FROM main.chunks"_s)) {
            QElapsedTimer building;
            building.start();
            if (!b.exec(u"DELETE FROM b.chunks_fts"_s)
                || !b.exec(u"INSERT INTO b.chunks_fts (rowid, title, text) SELECT id, title, text FROM main.chunks"_s)
                || !b.exec(u"INSERT INTO b.chunks_fts (chunks_fts, rank) VALUES ('rank', 'bm25(4, 1)')"_s)) {
                std::fprintf(stderr, "cannot build the FTS5 baseline: %s\n", qPrintable(b.lastError().text()));
                return 1;
            }
            std::printf("built the FTS5 baseline table in %.1f s\n", building.elapsed() / 1000.0);
        }
    }
    auto filter =
        Filter::fromJson(QJsonDocument::fromJson("{\"type\":\"eq\",\"key\":\"lang\",\"value\":\"en\"}").object());
    auto percentile = [](QList<double> ms, double p) {
        std::sort(ms.begin(), ms.end());
        return ms[std::min<qsizetype>(ms.size() - 1, qsizetype(ms.size() * p))];
    };
    TextGenerator questions(99); // the same vocabulary; its own random sequence, so reuse does not change the queries
    for (const bool filtered : {false, true}) {
        QList<double> ms;
        QList<double> exhaustiveMs;
        QList<double> baselineMs;
        qint64 postings = 0;
        qint64 candidates = 0;
        qint64 exhaustiveCandidates = 0;
        int identical = 0;
        for (int i = 0; i < queries; ++i) {
            QStringList words;
            const int n = 2 + int(questions.random().bounded(3));
            // Content words, as people type them: not the head of the Zipf curve, which plays the
            // part of stop words in this synthetic text (the engine drops real stop words).
            for (int k = 0; k < n; ++k)
                words << QString::fromLatin1(questions.queryWord());
            const QStringList terms = engine::analyzeQuery(words.join(u' '));
            const std::optional<Filter> f = filtered ? std::optional(filter.value()) : std::nullopt;
            // Pruned and exhaustive ranking of the same query, in alternating order so that
            // neither always finds the pages the other has just read.
            QList<engine::LocalIndex::Candidate> results[2];
            for (int pass = 0; pass < 2; ++pass) {
                const bool pruned = (pass == 0) == (i % 2 == 0);
                engine::LocalIndex::setSearchPruning(pruned);
                QElapsedTimer t;
                t.start();
                auto r = index.search(terms, f, 10);
                (pruned ? ms : exhaustiveMs) << t.nsecsElapsed() / 1e6;
                if (!r) {
                    std::fprintf(stderr, "search failed: %s\n", qPrintable(r.error().message()));
                    return 1;
                }
                results[pruned ? 0 : 1] = *r;
                (pruned ? candidates : exhaustiveCandidates) += index.lastSearchStats().candidates;
                if (pruned)
                    postings += index.lastSearchStats().postings;
            }
            engine::LocalIndex::setSearchPruning(true);
            bool same = results[0].size() == results[1].size();
            for (qsizetype k = 0; same && k < results[0].size(); ++k)
                same = results[0][k].chunkId == results[1][k].chunkId && results[0][k].bm25 == results[1][k].bm25;
            identical += same ? 1 : 0;

            QStringList phrases;
            for (const QString &term : terms)
                phrases << u'"' + term + u'"';
            QElapsedTimer t;
            t.start();
            QSqlQuery q(baseline);
            q.setForwardOnly(true);
            q.prepare(u"SELECT c.id, f.filename, f.attributes, -t.rank FROM (SELECT rowid, rank FROM b.chunks_fts "
                      u"WHERE chunks_fts MATCH ? ORDER BY rank LIMIT 40) t JOIN chunks c ON c.id = t.rowid "
                      u"JOIN files f ON f.file_id = c.file_id WHERE f.visible = 1 "_s
                      + (filtered ? u"AND json_extract(f.attributes, '$.lang') = 'en' "_s : QString())
                      + u"ORDER BY t.rank LIMIT 10"_s);
            q.addBindValue(phrases.join(u" OR "_s));
            if (!q.exec()) {
                std::fprintf(stderr, "baseline failed: %s\n", qPrintable(q.lastError().text()));
                return 1;
            }
            while (q.next()) { }
            baselineMs << t.nsecsElapsed() / 1e6;
        }
        const char *what = filtered ? "with filter lang=en" : "no filter";
        std::printf("%d chunks, top-10, %s, pruned (block-max): p50 %.2f ms, p99 %.2f ms (%d queries of 2-4 content "
                    "words; %.0f postings, %.0f chunks scored per query)\n",
                    chunks, what, percentile(ms, 0.5), percentile(ms, 0.99), queries, double(postings) / queries,
                    double(candidates) / queries);
        std::printf("%d chunks, top-10, %s, baseline exhaustive (every posting scored): p50 %.2f ms, p99 %.2f ms "
                    "(%.0f chunks scored per query)\n",
                    chunks, what, percentile(exhaustiveMs, 0.5), percentile(exhaustiveMs, 0.99),
                    double(exhaustiveCandidates) / queries);
        std::printf("%d chunks, top-10, %s, pruned / exhaustive: p50 %.2f, p99 %.2f; top-10 identical (ids and "
                    "scores) on %d of %d queries\n",
                    chunks, what, percentile(ms, 0.5) / percentile(exhaustiveMs, 0.5),
                    percentile(ms, 0.99) / percentile(exhaustiveMs, 0.99), identical, queries);
        std::printf("%d chunks, top-10, %s, baseline FTS5 (ranks every match): p50 %.2f ms, p99 %.2f ms\n", chunks,
                    what, percentile(baselineMs, 0.5), percentile(baselineMs, 0.99));
        if (identical != queries) {
            std::fprintf(stderr, "pruned search differs from exhaustive scoring on %d queries\n", queries - identical);
            return 1;
        }
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(u"mode"_s, u"ingest, bigfile or search"_s);
    parser.addOption({u"mb"_s, u"Megabytes of text."_s, u"n"_s, u"200"_s});
    parser.addOption({u"chunks"_s, u"Chunks in the search index."_s, u"n"_s, u"100000"_s});
    parser.addOption({u"queries"_s, u"Queries to time."_s, u"n"_s, u"300"_s});
    parser.addOption({u"dir"_s, u"Working folder (default: a temporary one)."_s, u"dir"_s});
    parser.addOption({u"pairs"_s, u"Ingestion and baseline runs for the median ratio."_s, u"n"_s, u"3"_s});
    parser.addHelpOption();
    parser.process(app);
    QTemporaryDir temp;
    const QString dir = parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) : temp.path();
    QDir().mkpath(dir);
    const QString mode = parser.positionalArguments().value(0);
    if (mode == u"ingest"_s)
        return ingestMixed(dir, parser.value(u"mb"_s).toInt(), std::max(1, parser.value(u"pairs"_s).toInt()));
    if (mode == u"bigfile"_s)
        return ingestBigFile(dir, parser.value(u"mb"_s).toInt());
    if (mode == u"search"_s)
        return searchLatency(dir, parser.value(u"chunks"_s).toInt(), parser.value(u"queries"_s).toInt());
    parser.showHelp(2);
}
