// Figures for docs/benchmarks.md: attaching N small files to an OpenAI store on the fake OpenAI
// server of the tests (loopback, HTTP/1.1), through the service and the ingestion queue as
// `file attach DIR --wait` does, once with each file attached on its own and once with file
// batches. Prints the requests the server received, by kind, and the times.
//
//   bench_openai_attach [--files 1000] [--latency-ms 0] [--poll-ms 5] [--dir D]
//
// --latency-ms delays every answer of the server (a network and an API farther than loopback);
// --poll-ms is the backend's first wait between polls of a processing file or batch (1000 in
// VectorDesk; the fake server finishes a file at its first poll, so a short wait keeps the run
// about requests rather than sleeping).

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/openai/openaibackend.h"
#include "core/openai/openaiclient.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "fakeopenaiserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

struct Figures
{
    qint64 attachMs = 0; // service.attachPath for every file (staging, rows)
    qint64 ingestMs = 0; // the ingestion queue drained: uploads, attaches, polls
    int completed = 0;
    int failed = 0;
    QMap<QString, int> requests; // kind -> count
    int total = 0;
};

QString kind(const test::FakeOpenAIServer::Received &r)
{
    const QString m = QString::fromLatin1(r.method);
    const QStringList parts = r.path.split(u'/', Qt::SkipEmptyParts); // v1, ...
    if (parts.value(1) == u"files"_s)
        return m == u"POST"_s ? u"POST /files (upload)"_s : m + u" /files"_s;
    if (parts.size() == 2)
        return m + u" /vector_stores"_s;
    if (parts.size() == 3)
        return m + u" /vector_stores/{id}"_s;
    if (parts.value(3) == u"file_batches"_s) {
        if (parts.size() == 4)
            return m + u" /vector_stores/{id}/file_batches"_s;
        if (parts.size() == 5)
            return m + u" /vector_stores/{id}/file_batches/{batch} (poll)"_s;
        return m + u" /vector_stores/{id}/file_batches/{batch}/"_s + parts.value(5);
    }
    if (parts.size() == 4)
        return m + u" /vector_stores/{id}/files"_s + (m == u"POST"_s ? u" (attach one)"_s : QString());
    return m + u" /vector_stores/{id}/files/{file}"_s + (m == u"GET"_s ? u" (poll)"_s : QString());
}

bool run(const QString &dir, int files, int batchLimit, int latencyMs, int pollMs, Figures *out)
{
    test::FakeOpenAIServer server;
    if (!server.listen())
        return false;
    qputenv("VECTORDESK_OPENAI_API_KEY", server.apiKey().toUtf8());
    QDir().mkpath(dir);
    QString error;
    Database db(*DatabaseUrl::parse(dir + u"/meta.sqlite"_s, &error));
    if (!Database::openAndMigrate(db, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    engine::LocalEngine local(dir + u"/engine"_s);
    openai::OpenAIBackend backend(db, local.root());
    backend.setPollIntervalMs(pollMs);
    backend.setBatchLimit(batchLimit);
    BackendFor backends = [&](BackendKind k) -> VectorStoreBackend * {
        return k == BackendKind::OpenAI ? static_cast<VectorStoreBackend *>(&backend)
            : k == BackendKind::Local   ? &local
                                        : nullptr;
    };
    VectorStoreService svc(db, u"bench"_s, backends);
    if (!svc.createTenant({u"bench"_s, {}, u"enterprise"_s, u"openai"_s}))
        return false;
    openai::TenantOpenAIUpdate settings;
    settings.baseUrl = server.baseUrl().toString();
    if (!svc.updateOpenAISettings(u"bench"_s, settings))
        return false;
    auto store = svc.createStore(u"bench"_s, {u"docs"_s, u"openai"_s, {}, {}, {}});
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().message()));
        return false;
    }
    QDir().mkpath(dir + u"/files"_s);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < files; ++i) {
        const QString path = dir + u"/files/f%1.txt"_s.arg(i);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write("File " + QByteArray::number(i) + " reports altitude " + QByteArray::number(i % 9000) + ".\n");
        f.close();
        if (auto r = svc.attachPath(u"bench"_s, u"docs"_s, path); !r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().message()));
            return false;
        }
    }
    out->attachMs = timer.elapsed();
    const qsizetype before = server.requests().size();
    server.setDelayAllMs(latencyMs);
    engine::Ingestor ingestor(db, backends);
    timer.restart();
    auto summary = ingestor.drain({});
    out->ingestMs = timer.elapsed();
    if (!summary) {
        std::fprintf(stderr, "%s\n", qPrintable(summary.error().message()));
        return false;
    }
    out->completed = summary->completed;
    out->failed = summary->failed;
    const auto requests = server.requests();
    for (qsizetype i = before; i < requests.size(); ++i)
        ++out->requests[kind(requests.at(i))];
    out->total = int(requests.size() - before);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(u"vectordesk.*.info=false"_s);
    qputenv("no_proxy", "127.0.0.1,localhost");
    QCommandLineParser parser;
    parser.addOptions({{u"files"_s, u"Files (default 1000)."_s, u"n"_s, u"1000"_s},
                       {u"latency-ms"_s, u"Delay of every answer of the fake server (default 0)."_s, u"ms"_s, u"0"_s},
                       {u"poll-ms"_s, u"The backend's first wait between polls (default 5)."_s, u"ms"_s, u"5"_s},
                       {u"dir"_s, u"Work folder (default: a temporary one)."_s, u"dir"_s}});
    parser.process(app);
    const int files = parser.value(u"files"_s).toInt();
    const int latencyMs = parser.value(u"latency-ms"_s).toInt();
    const int pollMs = parser.value(u"poll-ms"_s).toInt();
    QTemporaryDir temp;
    const QString root = parser.isSet(u"dir"_s) ? parser.value(u"dir"_s) : temp.path();

    Figures single;
    Figures batched;
    if (!run(root + u"/single"_s, files, 1, latencyMs, pollMs, &single)
        || !run(root + u"/batched"_s, files, openai::OpenAIClient::kMaxBatchFiles, latencyMs, pollMs, &batched))
        return 1;

    std::printf("%d files attached to one OpenAI store on the fake server (loopback), answers delayed %d ms, "
                "first poll after %d ms\n\n",
                files, latencyMs, pollMs);
    std::printf("| | one by one | file batches (500) |\n|---|---|---|\n");
    std::printf("| attach (service: stage, rows) | %.2f s | %.2f s |\n", double(single.attachMs) / 1000.0,
                double(batched.attachMs) / 1000.0);
    std::printf("| ingestion (queue drained) | %.2f s | %.2f s |\n", double(single.ingestMs) / 1000.0,
                double(batched.ingestMs) / 1000.0);
    std::printf("| files completed / failed | %d / %d | %d / %d |\n", single.completed, single.failed,
                batched.completed, batched.failed);
    std::printf("| requests in all | %d | %d |\n", single.total, batched.total);
    QStringList kinds = single.requests.keys() + batched.requests.keys();
    kinds.removeDuplicates();
    kinds.sort();
    for (const QString &k : std::as_const(kinds))
        std::printf("| %s | %d | %d |\n", qPrintable(k), single.requests.value(k), batched.requests.value(k));
    return single.completed == files && batched.completed == files ? 0 : 1;
}
