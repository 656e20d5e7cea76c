// Figures for docs/benchmarks.md, "API": `vectordesk serve` under load.
//
// 1. A store of about 100,000 chunks, made as users make one: text files attached through the
//    service and indexed by the ingestion worker (reused by later runs in the same --dir).
// 2. The same search requests timed in-process (VectorStoreService::search and the file ids the
//    route adds, one session, as the server's handler calls them) ...
// 3. ... and over HTTP against the real `vectordesk serve` with autocannon (tools/autocannon,
//    bench/api/search-load.mjs) at 1, 16 and 64 concurrent clients: requests per second, p50, p99.
// 4. Upload throughput: POST /v1/files of a large file with curl (streamed from disk), MB/s.
//
//   bench_api [--dir D] [--chunks 100000] [--queries 300] [--duration 10] [--connections 1,16,64]
//             [--upload-mb 200] [--uploads 3] [--binary vectordesk] [--source-dir REPO]
//
// Needs Node.js with `npm ci --prefix tools/autocannon` (scripts/deps --bench) and curl.

#include "bench/support/textgenerator.h"
#include "core/engine/index/localindex.h"
#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSysInfo>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <numeric>

using namespace Qt::StringLiterals;
using namespace vd;
using vd::bench::TextGenerator;

namespace {

const QString kTenant = u"bench"_s;
const QString kStore = u"corpus"_s;
constexpr quint32 kSeed = 42;

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min<qsizetype>(values.size() - 1, qsizetype(values.size() * p))];
}

void fail(const QString &what)
{
    std::fprintf(stderr, "bench_api: %s\n", qPrintable(what));
}

qint64 peakRssKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

qint64 chunksIn(engine::LocalEngine &engine, const VectorStore &store)
{
    engine::LocalIndex index(engine.indexPath(store.tenantId, store.id));
    if (!index.open())
        return -1;
    auto count = index.chunkCount();
    return count ? count.value() : -1;
}

// The tenant and store, and files attached and indexed until the store holds `chunks` chunks.
// Files are mixed text of 20 KB to 420 KB from the seeded generator, attached with the default
// chunking (800 tokens, 400 overlap), so the store looks like one filled by hand.
bool buildCorpus(CoreSession &session, int chunks, VectorStore *out)
{
    VectorStoreService &service = session.service();
    if (!service.tenant(kTenant))
        if (auto made = service.createTenant({kTenant, u"Benchmark"_s, u"enterprise"_s, u"local"_s}); !made) {
            fail(made.error().message());
            return false;
        }
    auto store = service.store(kTenant, kStore);
    if (!store) {
        store = service.createStore(kTenant, {kStore, {}, {}, {}, {}});
        if (!store) {
            fail(store.error().message());
            return false;
        }
    }
    engine::LocalEngine &engine = session.backends().local();
    qint64 have = chunksIn(engine, store.value());
    if (have >= chunks) {
        std::printf("corpus: reused store %s with %lld chunks in %lld files\n", qPrintable(kStore), qlonglong(have),
                    qlonglong(store->fileCounts.completed));
        *out = store.value();
        return true;
    }
    const QString input = QFileInfo(session.database().url().sqlitePath).absolutePath() + u"/input"_s;
    QDir().mkpath(input);
    TextGenerator gen(kSeed);
    // Skip the text of files already attached (same seed, same sequence).
    int files = int(store->fileCounts.total());
    auto makeFile = [&gen](const QString &path, int index) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return qint64(-1);
        const int size = 20'000 + int(gen.random().bounded(400'000));
        QByteArray content;
        while (content.size() < size)
            content += index % 5 == 0 ? gen.codeLine() : gen.paragraph(40 + int(gen.random().bounded(120)));
        return f.write(content);
    };
    for (int i = 0; i < files; ++i)
        makeFile(u"%1/skip.txt"_s.arg(input), i);
    QElapsedTimer timer;
    timer.start();
    qint64 bytes = 0;
    engine::Ingestor ingestor(session.database(), session.backends().resolver());
    while (have < chunks) {
        // 50 files (about 11 MB) at a time, then index them and count.
        for (int k = 0; k < 50; ++k, ++files) {
            const QString path = u"%1/doc-%2.%3"_s.arg(input).arg(files).arg(files % 5 == 0 ? u"py"_s : u"txt"_s);
            const qint64 written = makeFile(path, files);
            if (written < 0) {
                fail(u"cannot write "_s + path);
                return false;
            }
            bytes += written;
            if (auto attached = service.attachPath(kTenant, kStore, path); !attached) {
                fail(attached.error().message());
                return false;
            }
            QFile::remove(path);
        }
        auto drained = ingestor.drain({});
        if (!drained || drained->failed > 0) {
            fail(drained ? u"%1 files failed to index"_s.arg(drained->failed) : drained.error().message());
            return false;
        }
        have = chunksIn(engine, store.value());
        std::printf("corpus: %d files, %lld chunks (%.0f s)\n", files, qlonglong(have), timer.elapsed() / 1000.0);
        std::fflush(stdout);
    }
    QFile::remove(input + u"/skip.txt"_s);
    std::printf("corpus: built %lld chunks from %.1f MB of text in %.1f s\n", qlonglong(have), bytes / 1048576.0,
                timer.elapsed() / 1000.0);
    *out = service.store(kTenant, kStore).value();
    return true;
}

// Search bodies of 2 to 4 content words from the corpus's vocabulary, top 10, as an SDK sends them.
QList<QJsonObject> makeQueries(int count)
{
    TextGenerator questions(kSeed); // the corpus's vocabulary; queries use their own draws
    QList<QJsonObject> bodies;
    for (int i = 0; i < count; ++i) {
        QStringList words;
        const int n = 2 + int(questions.random().bounded(3));
        for (int k = 0; k < n; ++k)
            words << QString::fromLatin1(questions.queryWord());
        bodies << QJsonObject{{u"query"_s, words.join(u' ')}, {u"max_num_results"_s, 10}};
    }
    return bodies;
}

// The search route's work without HTTP: parse, search, map row ids to file ids.
bool searchInProcess(VectorStoreService &service, const VectorStore &store, const QList<QJsonObject> &bodies)
{
    for (int pass = 0; pass < 2; ++pass) { // the first pass warms caches, as the HTTP runs do for each other
        QList<double> ms;
        qint64 hits = 0;
        for (const QJsonObject &body : bodies) {
            QElapsedTimer t;
            t.start();
            auto request = SearchRequest::fromJson(body);
            auto response = request ? service.search(kTenant, {QString::number(store.id)}, request.value())
                                    : Result<SearchResponse>(request.error());
            if (!response) {
                fail(response.error().message());
                return false;
            }
            QList<qint64> rows;
            for (const SearchHit &hit : response->data)
                rows << hit.fileId;
            if (auto ids = service.fileApiIds(rows); !ids) {
                fail(ids.error().message());
                return false;
            }
            ms << t.nsecsElapsed() / 1e6;
            hits += response->data.size();
        }
        if (pass == 1)
            std::printf("in-process search, %lld queries, one thread: p50 %.2f ms, p99 %.2f ms, %.0f per second "
                        "(%.1f files per answer)\n",
                        qlonglong(bodies.size()), percentile(ms, 0.5), percentile(ms, 0.99),
                        1000.0 * bodies.size() / std::accumulate(ms.cbegin(), ms.cend(), 0.0),
                        double(hits) / bodies.size());
    }
    return true;
}

class Server
{
public:
    // The server writes its log to `logFile`, not to a pipe: a pipe nobody reads while this
    // thread waits for autocannon or curl fills up, and the server's threads then block on
    // their next log line (that stalled the 64-client load and the uploads).
    bool start(const QString &binary, const QString &db, const QString &logFile, const QStringList &extra)
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.setStandardOutputFile(logFile, QIODevice::Truncate);
        m_process.start(
            binary, QStringList{u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s, db, u"--no-sync"_s} + extra);
        if (!m_process.waitForStarted(10000))
            return false;
        static const QRegularExpression listening(u"listening on (http://127\\.0\\.0\\.1:\\d+)/v1"_s);
        QFile log(logFile);
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 30000 && m_process.state() == QProcess::Running) {
            if (log.open(QIODevice::ReadOnly)) {
                const auto match = listening.match(QString::fromUtf8(log.readAll()));
                log.close();
                if (match.hasMatch()) {
                    m_base = match.captured(1);
                    return true;
                }
            }
            QThread::msleep(50);
        }
        log.open(QIODevice::ReadOnly);
        fail(u"the server did not start: "_s + QString::fromUtf8(log.readAll()));
        return false;
    }
    ~Server()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(m_process.processId()), SIGTERM);
        if (!m_process.waitForFinished(20000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
    const QString &base() const { return m_base; }
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    QString m_base;
};

// Runs a program to the end; its standard output, or nullopt (with its error output printed).
std::optional<QByteArray> run(const QString &program, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        fail(u"%1 failed: %2 %3"_s.arg(program, QString::fromUtf8(process.readAllStandardError()),
                                       QString::fromUtf8(process.readAllStandardOutput())));
        process.kill();
        process.waitForFinished(5000);
        return std::nullopt;
    }
    return process.readAllStandardOutput();
}

bool searchOverHttp(const QString &script, const Server &server, const QString &token, const QString &storeApiId,
                    const QString &queriesFile, const QList<int> &connections, int duration)
{
    for (int c : connections) {
        auto output =
            run(u"node"_s,
                {script, u"--url"_s, server.base(), u"--token"_s, token, u"--store"_s, storeApiId, u"--queries"_s,
                 queriesFile, u"--connections"_s, QString::number(c), u"--duration"_s, QString::number(duration)},
                (duration + 60) * 1000);
        if (!output)
            return false;
        const QJsonObject r = QJsonDocument::fromJson(output->trimmed().split('\n').last()).object();
        std::printf("HTTP search, %2d concurrent clients, %d s: %7.1f requests/s, p50 %6.2f ms, p99 %6.2f ms "
                    "(%lld requests, %lld non-2xx, %lld errors)\n",
                    c, duration, r.value(u"rps"_s).toDouble(), r.value(u"p50"_s).toDouble(),
                    r.value(u"p99"_s).toDouble(), qlonglong(r.value(u"requests"_s).toInteger()),
                    qlonglong(r.value(u"non2xx"_s).toInteger()), qlonglong(r.value(u"errors"_s).toInteger()));
        std::fflush(stdout);
    }
    return true;
}

bool uploads(const Server &server, const QString &token, const QString &dir, int megabytes, int count)
{
    TextGenerator gen(7);
    QByteArray block;
    while (block.size() < (1 << 20))
        block += gen.paragraph(80);
    block.truncate(1 << 20);
    QList<double> rates;
    for (int i = 0; i < count; ++i) {
        // Each upload differs from the first byte, so the blob store keeps no earlier copy of it.
        const QString path = u"%1/upload-%2.txt"_s.arg(dir).arg(i);
        {
            QFile f(path);
            if (!f.open(QIODevice::WriteOnly))
                return false;
            f.write("upload " + QByteArray::number(i) + " of " + QByteArray::number(QDateTime::currentMSecsSinceEpoch())
                    + "\n");
            for (int mb = 0; mb < megabytes; ++mb)
                f.write(block);
        }
        const double size = QFileInfo(path).size() / 1048576.0;
        auto output = run(u"curl"_s,
                          {u"-sS"_s, u"--fail-with-body"_s, u"-H"_s, u"Authorization: Bearer "_s + token, u"-F"_s,
                           u"purpose=assistants"_s, u"-F"_s, u"file=@"_s + path, u"-w"_s, u"\\n%{time_total}"_s,
                           server.base() + u"/v1/files"_s},
                          600'000);
        QFile::remove(path);
        if (!output)
            return false;
        const QList<QByteArray> lines = output->trimmed().split('\n');
        const double seconds = lines.last().toDouble();
        const QString fileId = QJsonDocument::fromJson(lines.first()).object().value(u"id"_s).toString();
        if (fileId.isEmpty() || seconds <= 0) {
            fail(u"unexpected upload answer: "_s + QString::fromUtf8(*output));
            return false;
        }
        rates << size / seconds;
        std::printf("upload %d: %.0f MB in %.2f s = %.1f MB/s (%s)\n", i + 1, size, seconds, size / seconds,
                    qPrintable(fileId));
        std::fflush(stdout);
        if (!run(u"curl"_s,
                 {u"-sS"_s, u"--fail-with-body"_s, u"-X"_s, u"DELETE"_s, u"-H"_s, u"Authorization: Bearer "_s + token,
                  server.base() + u"/v1/files/"_s + fileId},
                 60'000))
            return false;
    }
    std::printf("upload throughput, %d uploads of %d MB: median %.1f MB/s\n", count, megabytes, percentile(rates, 0.5));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"dir"_s, u"Working folder (the corpus is kept and reused)."_s, u"dir"_s,
                      QDir::tempPath() + u"/vectordesk-bench-api"_s});
    parser.addOption({u"chunks"_s, u"Chunks in the searched store."_s, u"n"_s, u"100000"_s});
    parser.addOption({u"queries"_s, u"Distinct search requests."_s, u"n"_s, u"300"_s});
    parser.addOption({u"duration"_s, u"Seconds of load per concurrency."_s, u"s"_s, u"10"_s});
    parser.addOption({u"connections"_s, u"Concurrent clients, comma-separated."_s, u"list"_s, u"1,16,64"_s});
    parser.addOption({u"upload-mb"_s, u"Size of each uploaded file."_s, u"mb"_s, u"200"_s});
    parser.addOption({u"uploads"_s, u"Uploads to time."_s, u"n"_s, u"3"_s});
    parser.addOption({u"binary"_s, u"The vectordesk binary."_s, u"path"_s, QStringLiteral(VECTORDESK_BINARY_DEFAULT)});
    parser.addOption({u"source-dir"_s, u"The repository (for bench/api/search-load.mjs)."_s, u"dir"_s,
                      QStringLiteral(VECTORDESK_SOURCE_DIR_DEFAULT)});
    parser.process(app);
    const QString dir = QDir(parser.value(u"dir"_s)).absolutePath();
    QDir().mkpath(dir);
    QList<int> connections;
    for (const QString &c : parser.value(u"connections"_s).split(u',', Qt::SkipEmptyParts))
        connections << c.toInt();
    const int maxConnections = *std::max_element(connections.cbegin(), connections.cend());
    const QString script = parser.value(u"source-dir"_s) + u"/bench/api/search-load.mjs"_s;

    std::printf("machine: %s, %d logical CPUs; %s\n", qPrintable(QSysInfo::prettyProductName()),
                QThread::idealThreadCount(), qPrintable(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
    QString error;
    const auto url = DatabaseUrl::parse(dir + u"/bench.sqlite"_s, &error);
    auto session = CoreSession::open(url.value(), u"bench"_s, true);
    if (!session) {
        fail(session.error().message());
        return 1;
    }
    VectorStore store;
    if (!buildCorpus(*session.value(), parser.value(u"chunks"_s).toInt(), &store))
        return 1;
    VectorStoreService &service = session.value()->service();
    auto storeApiId = service.storeApiId(store);
    // An editor token (uploads need it), revoked at the end.
    auto token =
        service.createApiToken(kTenant, u"bench-%1"_s.arg(QDateTime::currentSecsSinceEpoch()), Role::Editor, 1);
    if (!storeApiId || !token) {
        fail(!storeApiId ? storeApiId.error().message() : token.error().message());
        return 1;
    }

    const QList<QJsonObject> bodies = makeQueries(parser.value(u"queries"_s).toInt());
    QJsonArray array;
    for (const QJsonObject &body : bodies)
        array << body;
    const QString queriesFile = dir + u"/queries.json"_s;
    {
        QFile f(queriesFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(array).toJson(QJsonDocument::Compact)) < 0)
            return 1;
    }
    if (!searchInProcess(service, store, bodies))
        return 1;

    bool ok = true;
    {
        Server server;
        // Every client is served at once: the bound on requests in flight is raised to the most
        // concurrent clients (default 32, beyond which the server answers 429).
        if (!server.start(parser.value(u"binary"_s), url->sqlitePath, dir + u"/serve.log"_s,
                          {u"--max-concurrent-requests"_s, QString::number(std::max(32, maxConnections))}))
            return 1;
        ok = searchOverHttp(script, server, token->secret, storeApiId.value(), queriesFile, connections,
                            parser.value(u"duration"_s).toInt());
        std::printf("server peak memory after the search load: %.0f MB\n", peakRssKiB(server.pid()) / 1024.0);
        ok = ok
            && uploads(server, token->secret, dir, parser.value(u"upload-mb"_s).toInt(),
                       parser.value(u"uploads"_s).toInt());
        std::printf("server peak memory after the uploads: %.0f MB\n", peakRssKiB(server.pid()) / 1024.0);
    }
    [[maybe_unused]] auto revoked = service.revokeApiToken(kTenant, QString::number(token->token.id));
    return ok ? 0 : 1;
}
