// Figures for docs/benchmarks.md: sync passes over 10,000 files.
//
//   bench_sync local  [--files 10000] [--dir D]   attach N small files, then time the passes that
//                                                 ingest them, re-check them (nothing to do), and
//                                                 purge them once detached past the retention
//   bench_sync remote [--files 10000] [--latency-ms 0] [--batch 200] [--dir D]
//                                                 N files in progress in a remote store, refreshed
//                                                 through an in-process fake remote backend
//                                                 (sequential: concurrency 1)
//   bench_sync remote-http [--files 10000] [--latency-ms 0] [--baseline-sample 10000] [--batch 200] [--dir D]
//                                                 the same through the real OpenAI backend and
//                                                 QtNetwork against the fake OpenAI HTTP server of
//                                                 the tests (loopback), files still processing and
//                                                 files completed remotely; refresh by lists of
//                                                 files by status beside the baseline, a GET per
//                                                 file (on a sample, its time scaled)

#include "core/backend/vectorstorebackend.h"
#include "core/engine/localengine.h"
#include "core/openai/openaibackend.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/sync/syncpass.h"
#include "fakeopenaiserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

constexpr qint64 kDay = 24LL * 60 * 60 * 1000;

// Answers refresh() as a remote service would once processing is done: every file completed.
class FakeRemote final : public VectorStoreBackend
{
public:
    int latencyMs = 0;
    int calls = 0;
    QString name() const override { return u"openai"_s; }
    bool isRemote() const override { return true; }
    Result<QString> createStore(const Tenant &, const VectorStore &s) override { return u"vs_%1"_s.arg(s.id); }
    Result<void> purgeStore(const Tenant &, const VectorStore &) override { return {}; }
    Result<StagedFile> stageFile(const Tenant &, const QString &) override
    {
        return ServiceError::unavailable(u"no staging in the benchmark"_s);
    }
    Result<void> discardStaged(const Tenant &, const StagedFile &) override { return {}; }
    bool isStaged(const QString &) const override { return false; } // stageFile never stages
    Result<IngestOutcome> ingest(const Tenant &, const VectorStore &, const StoreFile &,
                                 const std::function<bool()> &) override
    {
        return ServiceError::unavailable(u"no ingestion in the benchmark"_s);
    }
    Result<void> setFileVisible(const Tenant &, const VectorStore &, const StoreFile &, bool) override { return {}; }
    Result<void> setFileAttributes(const Tenant &, const VectorStore &, const StoreFile &) override { return {}; }
    Result<void> purgeFile(const Tenant &, const VectorStore &, const StoreFile &, bool) override { return {}; }
    Result<SearchResponse> search(const Tenant &, const QList<VectorStore> &, const SearchRequest &) override
    {
        return SearchResponse{};
    }
    Result<QList<Chunk>> chunks(const Tenant &, const VectorStore &, const StoreFile &, int, int) override
    {
        return ServiceError::invalid(u"The fake remote keeps no chunks."_s);
    }
    Result<QString> checkConnection(const Tenant &) override { return u"the fake remote"_s; }
    Result<RemoteStoreState> refresh(const Tenant &, const VectorStore &, const QList<StoreFile> &files) override
    {
        ++calls;
        if (latencyMs > 0)
            QThread::msleep(static_cast<unsigned long>(latencyMs));
        RemoteStoreState state;
        state.status = u"completed"_s;
        for (const StoreFile &f : files)
            state.files << RemoteFileState{f.id, false, u"completed"_s, {}, {}, 100};
        state.fileCounts.completed = files.size();
        return state;
    }
};

struct Timed
{
    qint64 ms = 0;
    SyncReport report;
};

Timed timePass(Database &db, const BackendFor &backends, SyncOptions options)
{
    QElapsedTimer timer;
    timer.start();
    SyncPass pass(db, backends, options);
    auto report = pass.run({});
    Timed t;
    t.ms = timer.elapsed();
    if (!report) {
        std::fprintf(stderr, "pass failed: %s\n", qPrintable(report.error().message()));
        std::exit(1);
    }
    t.report = report.value();
    return t;
}

void row(const char *what, qint64 items, qint64 ms, const QString &extra = {})
{
    std::printf("| %s | %lld | %.3f s | %.0f items/s |%s\n", what, items, double(ms) / 1000.0,
                double(items) * 1000.0 / double(std::max<qint64>(1, ms)),
                extra.isEmpty() ? "" : qPrintable(u" "_s + extra + u" |"_s));
}

bool open(std::unique_ptr<Database> &db, const QString &path)
{
    QString error;
    db = std::make_unique<Database>(*DatabaseUrl::parse(path, &error));
    if (!Database::openAndMigrate(*db, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    return true;
}

int local(const QString &dir, int files)
{
    std::unique_ptr<Database> db;
    if (!open(db, dir + u"/bench.sqlite"_s))
        return 1;
    engine::LocalEngine engine(dir + u"/bench.engine"_s);
    BackendFor backends = [&](BackendKind kind) -> VectorStoreBackend * {
        return kind == BackendKind::Local ? &engine : nullptr;
    };
    VectorStoreService svc(*db, u"bench"_s, backends);
    if (!svc.createTenant({u"bench"_s, {}, u"enterprise"_s, u"local"_s})
        || !svc.createStore(u"bench"_s, {u"s"_s, {}, {}, {}, {}}))
        return 1;
    QDir().mkpath(dir + u"/files"_s);
    QElapsedTimer attach;
    attach.start();
    for (int i = 0; i < files; ++i) {
        const QString path = dir + u"/files/f%1.txt"_s.arg(i);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write("File " + QByteArray::number(i) + " reports altitude " + QByteArray::number(i % 9000) + " and heading "
                + QByteArray::number(i % 360) + ".\n");
        f.close();
        if (auto r = svc.attachPath(u"bench"_s, u"s"_s, path); !r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().message()));
            return 1;
        }
    }
    std::printf("attached %d files in %.1f s\n\n", files, double(attach.elapsed()) / 1000.0);
    std::printf("| pass over %d local files | items | time | throughput |\n|---|---|---|---|\n", files);
    const Timed ingest = timePass(*db, backends, {});
    row("ingest (queue drained)", ingest.report.items.size(), ingest.ms);
    const Timed idle = timePass(*db, backends, {});
    std::printf("| nothing to do (all %d completed) | 0 | %.3f s | - |\n", files, double(idle.ms) / 1000.0);
    QSqlQuery q(db->connection());
    q.prepare(u"UPDATE vector_store_files SET deleted_at = ?"_s);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch() - 8 * kDay);
    if (!q.exec())
        return 1;
    const Timed purge = timePass(*db, backends, {});
    row("purge (detached 8 days ago)", purge.report.items.size(), purge.ms);
    return ingest.report.failures() + purge.report.failures() == 0 ? 0 : 1;
}

int remote(const QString &dir, int files, int latencyMs, int batch)
{
    std::unique_ptr<Database> db;
    if (!open(db, dir + u"/remote.sqlite"_s))
        return 1;
    FakeRemote fake;
    fake.latencyMs = latencyMs;
    BackendFor backends = [&](BackendKind kind) -> VectorStoreBackend * {
        return kind == BackendKind::OpenAI ? &fake : nullptr;
    };
    VectorStoreService svc(*db, u"bench"_s, backends);
    auto s = svc.createTenant({u"bench"_s, {}, u"enterprise"_s, u"openai"_s})
        ? svc.createStore(u"bench"_s, {u"r"_s, u"openai"_s, {}, {}, {}})
        : Result<VectorStore>(ServiceError::unavailable(u"no tenant"_s));
    if (!s)
        return 1;
    {
        Transaction t(*db);
        QSqlQuery q(db->connection());
        q.prepare(u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, sha256, "
                  u"status, remote_file_id, created_at, updated_at, status_changed_at) "
                  u"VALUES (?, ?, ?, 'text/plain', 10, ?, 'in_progress', ?, 0, 0, 0)"_s);
        for (int i = 0; i < files; ++i) {
            q.addBindValue(s->id);
            q.addBindValue(s->tenantId);
            q.addBindValue(u"f%1.txt"_s.arg(i));
            q.addBindValue(QString::number(i).rightJustified(64, u'b'));
            q.addBindValue(u"file-%1"_s.arg(i));
            if (!q.exec())
                return 1;
        }
        QSqlQuery c(db->connection());
        c.prepare(u"UPDATE vector_stores SET files_in_progress = ? WHERE id = ?"_s);
        c.addBindValue(files);
        c.addBindValue(s->id);
        if (!c.exec() || !t.commit())
            return 1;
    }
    SyncOptions options;
    options.batchSize = batch;
    options.stuckAfterMs = 365 * kDay;
    const Timed refresh = timePass(*db, backends, options);
    std::printf("| remote refresh, %d files in progress, batch %d, %d ms per call, concurrency 1 | items | time | "
                "throughput | requests |\n|---|---|---|---|---|\n",
                files, batch, latencyMs);
    row("refresh (all completed remotely)", files, refresh.ms,
        u"%1 calls, %2 calls/s"_s.arg(fake.calls)
            .arg(double(fake.calls) * 1000.0 / double(std::max<qint64>(1, refresh.ms)), 0, 'f', 1));
    return refresh.report.failures() == 0 ? 0 : 1;
}

// The OpenAI backend over HTTP against the fake OpenAI server (loopback, every answer delayed by
// latencyMs): one sync pass refreshing `files` files in progress of one store, either still
// processing remotely or completed there; by lists of the store's files by status (this version)
// or with one GET per file (the previous way, the baseline).
struct HttpPass
{
    qint64 ms = 0;
    int requests = 0;
    qint64 completed = 0;
    int failures = 0;
};

bool remoteHttpPass(const QString &dir, int files, int batch, int latencyMs, bool stillProcessing, bool byList,
                    HttpPass *out)
{
    std::unique_ptr<Database> db;
    QDir().mkpath(dir);
    if (!open(db, dir + u"/remote-http.sqlite"_s))
        return false;
    test::FakeOpenAIServer server;
    if (!server.listen())
        return false;
    qputenv("VECTORDESK_OPENAI_API_KEY", server.apiKey().toUtf8());
    openai::OpenAIBackend backend(*db, dir + u"/remote-http.engine"_s);
    backend.setRefreshByList(byList);
    BackendFor backends = [&](BackendKind kind) -> VectorStoreBackend * {
        return kind == BackendKind::OpenAI ? &backend : nullptr;
    };
    VectorStoreService svc(*db, u"bench"_s, backends);
    auto tenant = svc.createTenant({u"bench"_s, {}, u"enterprise"_s, u"openai"_s});
    if (!tenant)
        return false;
    {
        QSqlQuery q(db->connection());
        q.prepare(u"INSERT INTO tenant_openai_settings (tenant_id, base_url, updated_at) VALUES (?, ?, 0)"_s);
        q.addBindValue(tenant->id);
        q.addBindValue(server.baseUrl().toString());
        if (!q.exec())
            return false;
    }
    auto s = svc.createStore(u"bench"_s, {u"r"_s, u"openai"_s, {}, {}, {}});
    if (!s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message()));
        return false;
    }
    {
        Transaction t(*db);
        QSqlQuery q(db->connection());
        q.prepare(u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, sha256, "
                  u"status, remote_file_id, created_at, updated_at, status_changed_at) "
                  u"VALUES (?, ?, ?, 'text/plain', 10, ?, 'in_progress', ?, 0, 0, 0)"_s);
        for (int i = 0; i < files; ++i) {
            const QString name = u"f%1.txt"_s.arg(i);
            const QString fileId = server.addFile(name, "File " + QByteArray::number(i) + ".\n");
            if (stillProcessing)
                server.attachInProgress(s->remoteId, fileId, 1'000'000);
            else
                server.attachProcessed(s->remoteId, fileId, {});
            q.addBindValue(s->id);
            q.addBindValue(s->tenantId);
            q.addBindValue(name);
            q.addBindValue(QString::number(i).rightJustified(64, u'c'));
            q.addBindValue(fileId);
            if (!q.exec())
                return false;
        }
        QSqlQuery c(db->connection());
        c.prepare(u"UPDATE vector_stores SET files_in_progress = ? WHERE id = ?"_s);
        c.addBindValue(files);
        c.addBindValue(s->id);
        if (!c.exec() || !t.commit())
            return false;
    }
    server.setDelayAllMs(latencyMs);
    SyncOptions options;
    options.batchSize = batch;
    options.stuckAfterMs = 365 * kDay;
    const int before = int(server.requests().size());
    const Timed refresh = timePass(*db, backends, options);
    out->ms = refresh.ms;
    out->requests = int(server.requests().size()) - before;
    out->failures = refresh.report.failures();
    QSqlQuery done(db->connection());
    done.exec(u"SELECT count(*) FROM vector_store_files WHERE status = 'completed'"_s);
    done.next();
    out->completed = done.value(0).toLongLong();
    return true;
}

// This version's refresh of `files` files at latencyMs beside the baseline (a GET per file),
// measured in the same run; at a latency the baseline is timed on `sample` files and its time
// scaled to `files` (it grows with the number of files: one request each).
int remoteHttp(const QString &dir, int files, int batch, int latencyMs, int sample)
{
    std::printf("| remote refresh over HTTP (fake OpenAI server, loopback, %d ms per answer), batch %d, one request "
                "at a time | files | requests | time | time for %d files |\n|---|---|---|---|---|\n",
                latencyMs, batch, files);
    int status = 0;
    for (const bool stillProcessing : {true, false}) {
        const char *state = stillProcessing ? "still processing remotely" : "completed remotely";
        HttpPass listed;
        HttpPass single;
        const int baselineFiles = std::min(files, sample);
        if (!remoteHttpPass(dir + (stillProcessing ? u"/list-p"_s : u"/list-c"_s), files, batch, latencyMs,
                            stillProcessing, true, &listed)
            || !remoteHttpPass(dir + (stillProcessing ? u"/get-p"_s : u"/get-c"_s), baselineFiles, batch, latencyMs,
                               stillProcessing, false, &single))
            return 1;
        const double scaled = double(single.ms) * files / std::max(1, baselineFiles);
        std::printf("| %s, by lists of files by status (this version) | %d | %d | %.2f s | %.2f s |\n", state, files,
                    listed.requests, listed.ms / 1000.0, listed.ms / 1000.0);
        std::printf("| %s, baseline: a GET per file | %d | %d | %.2f s | %.1f s%s |\n", state, baselineFiles,
                    single.requests, single.ms / 1000.0, scaled / 1000.0, baselineFiles < files ? " (scaled)" : "");
        const double baselineRequests = double(single.requests - 1) * files / std::max(1, baselineFiles) + 1;
        std::printf("| %s: this version / baseline | | requests %.4f | | time %.4f |\n", state,
                    listed.requests / baselineRequests, listed.ms / std::max(1.0, scaled));
        const qint64 expected = stillProcessing ? 0 : files;
        const qint64 expectedBaseline = stillProcessing ? 0 : baselineFiles;
        if (listed.failures || single.failures || listed.completed != expected
            || single.completed != expectedBaseline) {
            std::fprintf(stderr, "%s: %d/%d failures, %lld/%lld completed\n", state, listed.failures, single.failures,
                         listed.completed, single.completed);
            status = 1;
        }
    }
    return status;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"vectordesk.*.info=false"_s);
    QCommandLineParser parser;
    parser.addPositionalArgument(u"mode"_s, u"local | remote | remote-http"_s);
    parser.addOptions(
        {{u"files"_s, u"Files (default 10000)."_s, u"n"_s, u"10000"_s},
         {u"latency-ms"_s, u"Fake remote: delay per refresh call; remote-http: per answer of the server."_s, u"ms"_s,
          u"0"_s},
         {u"baseline-sample"_s,
          u"remote-http: files of the one-GET-per-file baseline, timed and scaled (default 10000)."_s, u"n"_s,
          u"10000"_s},
         {u"batch"_s, u"Files per refresh call / transaction (default 200)."_s, u"n"_s, u"200"_s},
         {u"dir"_s, u"Work folder (default: a temporary one)."_s, u"dir"_s}});
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    QTemporaryDir temp;
    const QString dir = parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) : temp.path();
    QDir().mkpath(dir);
    const int files = parser.value(u"files"_s).toInt();
    if (mode == u"local"_s)
        return local(dir, files);
    if (mode == u"remote"_s)
        return remote(dir, files, parser.value(u"latency-ms"_s).toInt(), parser.value(u"batch"_s).toInt());
    if (mode == u"remote-http"_s)
        return remoteHttp(dir, files, parser.value(u"batch"_s).toInt(), parser.value(u"latency-ms"_s).toInt(),
                          parser.value(u"baseline-sample"_s).toInt());
    std::fprintf(stderr,
                 "usage: bench_sync local|remote|remote-http [--files N] [--latency-ms MS] [--batch N] [--dir D]\n");
    return 2;
}
