#include "core/sync/syncworker.h"

#include "core/logging/logging.h"
#include "core/session/coresession.h"
#include "core/sync/synclease.h"
#include "core/sync/syncpass.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace vd {

SyncWorker::SyncWorker(DatabaseUrl url, QString engineRoot, SyncOptions options, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_engineRoot(std::move(engineRoot))
    , m_options(std::move(options))
{ }

SyncWorker::~SyncWorker() = default;

void SyncWorker::runPass()
{
    m_cancelled = false;
    m_report = {};
    m_message.clear();
    m_holder = {};
    auto done = [this](Outcome outcome, const QString &message) {
        m_outcome = outcome;
        m_message = message;
        if (outcome == Outcome::LeaseHeld)
            emit leaseHeld(message);
        else if (outcome != Outcome::Completed)
            emit failed(message);
        emit finished();
    };

    // Every line this pass logs on the worker's thread (opening the database, the lease) carries a
    // request id; the pass sets its own (sync-run:<id>) once it is recorded.
    logging::ContextScope context(logging::newRequestId());

    // The database and both backends, wired once for this thread (OpenAI takes its keys from the
    // headless sources first: key file, environment).
    CoreSession::Options wiring;
    wiring.operatorName = u"system:sync"_s;
    wiring.engineRoot = m_engineRoot;
    wiring.substitute = m_factory;
    auto session = CoreSession::open(m_url, wiring);
    if (!session)
        return done(Outcome::Unavailable, session.error().message());
    Database &db = session.value()->database();

    // A dry run changes nothing, the lease included.
    std::optional<SyncLease> lease;
    if (!m_options.dryRun) {
        lease.emplace(db, m_options.triggeredBy);
        lease->setDurationMs(m_options.leaseMs);
        if (m_clock)
            lease->setClock(m_clock);
        auto taken = lease->acquire();
        if (!taken)
            return done(Outcome::Unavailable, taken.error().message());
        if (taken.value()) {
            const qint64 now = m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
            const SyncLease::Holder &h = *taken.value();
            auto iso = [](qint64 ms) {
                return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
            };
            m_holder = {{u"host"_s, h.host},
                        {u"pid"_s, h.pid},
                        {u"triggered_by"_s, h.triggeredBy},
                        {u"since"_s, iso(h.acquiredAt)},
                        {u"heartbeat_at"_s, iso(h.heartbeatAt)},
                        {u"expires_at"_s, iso(h.expiresAt)}};
            return done(Outcome::LeaseHeld, h.describe(now));
        }
    }

    emit passStarted(m_options.triggeredBy, m_options.dryRun);
    SyncPass pass(db, session.value()->backends().resolver(), m_options);
    if (m_clock)
        pass.setClock(m_clock);
    if (lease)
        pass.setLease(&*lease);
    SyncPass::Observer observer;
    observer.progress = [this](const QString &phase, qint64 doneItems, qint64 total, const QString &item) {
        emit progress(phase, doneItems, total, item);
    };
    observer.item = [this](const SyncItem &item) {
        if (item.outcome == u"failed"_s)
            emit itemFailed(item.action, item.target(), item.error);
    };
    auto report = pass.run([this] { return m_cancelled.load(); }, observer);
    if (!pass.requestId().isEmpty())
        logging::setRequestId(pass.requestId());
    if (lease && lease->held())
        if (auto r = lease->release(); !r)
            qCWarning(lcSync).noquote() << r.error().message();
    if (!report)
        return done(report.error().kind() == ServiceError::Kind::Unavailable ? Outcome::Unavailable : Outcome::Invalid,
                    report.error().message());
    m_report = report.value();
    emit passFinished(m_report.toJson());
    done(Outcome::Completed, QString());
}

} // namespace vd
