#include "server/serve.h"

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/logging/logging.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/sync/syncworker.h"
#include "core/tracing/tracing.h"
#include "server/apiserver.h"
#include "server/serveoptions.h"

#include <QDir>
#include <QLoggingCategory>
#include <QUrl>

#include <chrono>
#include <condition_variable>
#include <csignal>
#include <fcntl.h>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace vd::server {

Q_LOGGING_CATEGORY(lcServe, "vectordesk.server.serve", QtInfoMsg)

namespace {

// SIGTERM and SIGINT are written to a pipe (the only thing a handler may safely do); the main
// thread waits on its other end.
int g_signalPipe[2] = {-1, -1};

extern "C" void onStopSignal(int signal)
{
    const char byte = char(signal);
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

bool installSignalHandlers(QString *error)
{
    if (::pipe2(g_signalPipe, O_CLOEXEC) != 0) {
        *error = u"Cannot create the signal pipe: %1"_s.arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
    // A client that goes away mid-response must not kill the server.
    ::signal(SIGPIPE, SIG_IGN);
    return true;
}

int waitForStopSignal()
{
    char byte = 0;
    while (::read(g_signalPipe[0], &byte, 1) < 0 && errno == EINTR) { }
    return int(byte);
}

// A background loop on its own thread: runs `step` now, then whenever nudged or `interval` has
// passed, until stopped. The step opens what it needs in this thread.
class Loop
{
public:
    Loop(std::chrono::milliseconds interval, std::function<void(const std::atomic<bool> &stop)> step)
        : m_interval(interval)
        , m_step(std::move(step))
        , m_thread([this] { work(); })
    { }
    ~Loop() { stop(); }
    void nudge()
    {
        std::lock_guard lock(m_mutex);
        m_nudged = true;
        m_wake.notify_one();
    }
    void stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
            m_wake.notify_one();
        }
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    void work()
    {
        while (!m_stop) {
            m_step(m_stop);
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, m_interval, [this] { return m_stop.load() || m_nudged; });
            m_nudged = false;
        }
    }

    std::chrono::milliseconds m_interval;
    std::function<void(const std::atomic<bool> &)> m_step;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_nudged = false;
    std::atomic<bool> m_stop = false;
    std::thread m_thread; // last: starts once everything above exists
};

void ingestOnce(const DatabaseUrl &url, const QString &engineRoot, const std::atomic<bool> &stop)
{
    CoreSession::Options options;
    options.operatorName = u"system:ingestion"_s;
    options.engineRoot = engineRoot;
    auto session = CoreSession::open(url, options);
    if (!session) {
        qCWarning(lcServe).noquote() << "ingestion could not open the database:" << session.error().message();
        return;
    }
    engine::Ingestor ingestor(session.value()->database(), session.value()->backends().resolver());
    auto summary = ingestor.drain([&stop] { return stop.load(); });
    if (!summary)
        qCWarning(lcServe).noquote() << "ingestion stopped:" << summary.error().message();
    else if (summary->completed + summary->failed > 0)
        qCInfo(lcServe).noquote() << "ingested" << summary->completed << "file(s)," << summary->failed << "failed";
}

} // namespace

bool isServe(const QStringList &arguments)
{
    return servePositional(arguments) == u"serve"_s;
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QString error;
    auto options = parseServeOptions(arguments, &error);
    if (!options) {
        err << "vectordesk serve: " << error << '\n';
        return 2;
    }
    if (options->help) {
        out << serveHelp();
        return 0;
    }
    if (!options->logLevel.isEmpty() && !logging::setLevel(options->logLevel, &error)) {
        err << "vectordesk serve: " << error << '\n';
        return 2;
    }
    logging::setRotation(options->logRotateBytes, 5);
    if (!options->logJson.isEmpty() && !logging::install(options->logJson, &error)) {
        err << "vectordesk serve: " << error << '\n';
        return 1;
    }
    if (!tracing::configureEndpoint(options->otlpEndpoint, &error)) {
        err << "vectordesk serve: " << error << '\n';
        return 2;
    }
    QString source;
    const auto url = DatabaseUrl::resolve(options->db, &source, &error);
    if (!url) {
        err << "vectordesk serve: " << error << '\n';
        return 2;
    }
    {
        // Migrate once, here; the worker threads open their own connections afterwards.
        Database db(url.value());
        if (!Database::openAndMigrate(db, &error)) {
            err << "vectordesk serve: " << error << '\n';
            return 1;
        }
    }

    ServerConfig config;
    config.database = url.value();
    config.engineRoot = engine::LocalEngine::rootFor(url.value());
    config.host = options->host;
    config.port = options->port;
    config.tlsCertificate = options->tlsCertificate;
    config.tlsKey = options->tlsKey;
    config.limits = options->limits;
    config.metricsOpen = options->metricsOpen;
    if (!QDir().mkpath(config.engineRoot + u"/incoming"_s)) {
        err << "vectordesk serve: cannot create the upload folder " << config.engineRoot << "/incoming\n";
        return 1;
    }

    Loop ingestion(std::chrono::seconds(5),
                   [&config](const std::atomic<bool> &stop) { ingestOnce(config.database, config.engineRoot, stop); });
    config.filesQueued = [&ingestion] {
        ingestion.nudge();
    };

    std::unique_ptr<Loop> sync;
    if (options->sync) {
        sync = std::make_unique<Loop>(std::chrono::seconds(options->syncIntervalSeconds),
                                      [&config](const std::atomic<bool> &) {
                                          SyncOptions syncOptions;
                                          syncOptions.triggeredBy = u"headless"_s;
                                          SyncWorker worker(config.database, config.engineRoot, syncOptions);
                                          worker.runPass();
                                          if (worker.outcome() == SyncWorker::Outcome::Unavailable)
                                              qCWarning(lcServe).noquote() << "sync pass:" << worker.message();
                                      });
    }

    ApiServer server(config);
    addStoreRoutes(server);
    addFileRoutes(server);
    addStoreFileRoutes(server);
    addBatchRoutes(server);
    addAgentRoutes(server);
    server.addMetricsRoute();
    if (!server.bind(&error)) {
        err << "vectordesk serve: " << error << '\n';
        return 1;
    }
    if (!installSignalHandlers(&error)) {
        err << "vectordesk serve: " << error << '\n';
        return 1;
    }
    // Other machines on the database reach the local stores this engine holds here (docs/teams.md).
    const QString advertised = !options->advertise.isEmpty() ? options->advertise
        : (options->host == u"0.0.0.0"_s || options->host == u"::"_s)
        ? QString()
        : QUrl(server.baseUrl()).adjusted(QUrl::RemovePath).toString();
    {
        CoreSession::Options sessionOptions;
        sessionOptions.operatorName = u"system:serve"_s;
        sessionOptions.engineRoot = config.engineRoot;
        sessionOptions.migrate = true; // migrated above: this claims the stores made before holders
        auto session = CoreSession::open(config.database, sessionOptions);
        auto recorded =
            session ? session.value()->service().advertiseLocalEngine(QUrl(advertised)) : Result<void>(session.error());
        if (!recorded) {
            err << "vectordesk serve: " << recorded.error().message() << '\n';
            return 1;
        }
        if (advertised.isEmpty())
            err << "vectordesk serve: listening on every address without --advertise: other machines on the "
                   "database cannot find this one for the local stores it holds (docs/teams.md)\n";
    }
    std::thread listener([&server] { server.run(); });
    out << "vectordesk serve: listening on " << server.baseUrl() << " (" << url->describe() << ")\n";
    out.flush();

    const int signal = waitForStopSignal();
    qCInfo(lcServe) << "signal" << signal << "received: stopping";
    // Stop accepting, cancel uploads (their spooled parts are removed), let the rest finish.
    server.stop();
    listener.join();
    if (sync)
        sync->stop();
    ingestion.stop();
    {
        // No longer served: other machines say so instead of trying to connect.
        auto session = CoreSession::open(config.database, u"system:serve"_s);
        if (!session || !session.value()->service().advertiseLocalEngine(QUrl()))
            qCWarning(lcServe) << "could not record that this machine no longer serves its local stores";
    }
    tracing::shutdown(2000);
    out << "vectordesk serve: stopped\n";
    out.flush();
    return 0;
}

} // namespace vd::server
