#include "core/ingestion/ingestor.h"

#include "core/engine/localengine.h"
#include "core/logging/logging.h"
#include "core/metrics/metrics.h"
#include "core/session/backends.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/tracing/tracing.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QMultiMap>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <chrono>
#include <deque>
#include <future>
#include <memory>

using namespace Qt::StringLiterals;

namespace vd::engine {

Q_LOGGING_CATEGORY(lcIngest, "vectordesk.engine.ingest", QtInfoMsg)

Ingestor::Ingestor(Database &db, BackendFor backendFor, QString owner)
    : m_db(db)
    , m_backendFor(std::move(backendFor))
    , m_queue(db, std::move(owner))
{ }

Result<Ingestor::Summary> Ingestor::drain(const std::function<bool()> &cancelled, const Observer &observer,
                                          std::optional<qint64> tenantId, std::optional<qint64> storeId)
{
    Summary summary;
    // Each backend's queue in turn: the local engine's, then OpenAI's (when this thread has it).
    QList<VectorStoreBackend *> backends;
    for (BackendKind kind : {BackendKind::Local, BackendKind::OpenAI})
        if (VectorStoreBackend *b = m_backendFor(kind))
            backends << b;
    if (backends.isEmpty())
        return ServiceError::unavailable(u"No local engine is available for ingestion."_s);
    for (VectorStoreBackend *backend : std::as_const(backends)) {
        auto drained = drainBackend(backend, cancelled, observer, tenantId, storeId, summary);
        if (!drained)
            return drained.error();
        if (summary.cancelled)
            break;
    }
    return summary;
}

namespace {

// The wait before claim `attempts` + 1 of a file that met contention: doubling, at most 30 s.
qint64 contentionBackoffMs(int attempts)
{
    return std::min<qint64>(Ingestor::kContentionBackoffMs << std::clamp(attempts - 1, 0, 16), 30'000);
}

// The code a file that failed ingestion is recorded with: the backend's, else server_error.
QString failureCode(const ServiceError &error)
{
    return error.details().value(u"last_error_code"_s).toString(u"server_error"_s);
}

// The metrics of a file whose ingestion ended here (docs/observability.md): how long it waited
// and took since it was queued, and what it added.
void recordIngestion(const QString &backend, const IngestionQueue::Job &job, const Result<IngestOutcome> &outcome,
                     const QString &requestId, double seconds)
{
    const QString code = outcome ? QString() : failureCode(outcome.error());
    const qint64 queuedAt = job.file.statusChangedAt > 0 ? job.file.statusChangedAt : job.file.createdAt;
    metrics::observe(metrics::Metric::IngestionSeconds, {backend, job.tenant.slug, metrics::outcome(code)},
                     double(std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - queuedAt)) / 1000.0);
    metrics::recordOperation({QDateTime::currentMSecsSinceEpoch(), u"ingest"_s, job.tenant.slug, requestId, seconds,
                              metrics::outcome(code), job.file.id});
    if (!outcome)
        return;
    metrics::add(metrics::Metric::IngestedBytes, {backend, job.tenant.slug}, double(job.file.sizeBytes));
    metrics::add(metrics::Metric::IngestedChunks, {backend, job.tenant.slug}, double(outcome->chunkCount));
}

} // namespace

bool Ingestor::waitForRetry(QMultiMap<qint64, qint64> &retries, const std::function<bool()> &cancelled)
{
    // Nothing else to do: wait for the earliest file put back (another worker may have taken it
    // meanwhile; then the next look finds nothing and the wait moves on).
    const qint64 due = retries.firstKey();
    retries.erase(retries.begin());
    while (QDateTime::currentMSecsSinceEpoch() < due) {
        if (cancelled && cancelled())
            return false;
        QThread::msleep(quint64(std::clamp<qint64>(due - QDateTime::currentMSecsSinceEpoch(), 1, 100)));
    }
    return true;
}

Result<void> Ingestor::drainBackend(VectorStoreBackend *backend, const std::function<bool()> &cancelled,
                                    const Observer &observer, std::optional<qint64> tenantId,
                                    std::optional<qint64> storeId, Summary &summary)
{
    if (auto *local = dynamic_cast<LocalEngine *>(backend); local && m_prepareAhead > 0)
        return drainPipelined(local, cancelled, observer, tenantId, storeId, summary);
    // Files this drain put back after contention, by the time they may be claimed again.
    QMultiMap<qint64, qint64> retries;
    while (true) {
        if (cancelled && cancelled()) {
            summary.cancelled = true;
            return {};
        }
        auto claimed = m_queue.claimNext(backend->name(), backend->holderId(), tenantId, storeId);
        if (!claimed)
            return claimed.error();
        if (!claimed->has_value()) {
            if (retries.isEmpty())
                return {};
            if (!waitForRetry(retries, cancelled)) {
                summary.cancelled = true;
                return {};
            }
            continue;
        }
        for (auto it = retries.begin(); it != retries.end();)
            it = it.value() == (*claimed)->file.id ? retries.erase(it) : std::next(it);
        // A backend that attaches many files in one request (OpenAI's file batches) gets more
        // waiting files of the same store with it.
        QList<IngestionQueue::Job> jobs{**claimed};
        if (const int limit = backend->ingestBatchLimit(); limit > 1) {
            auto more = m_queue.claimMore(jobs.constFirst(), limit - 1);
            if (!more)
                return more.error();
            jobs += more.value();
        }
        QList<StoreFile> files;
        for (const IngestionQueue::Job &job : std::as_const(jobs)) {
            files << job.file;
            if (observer.started)
                observer.started(job.file);
        }
        QElapsedTimer beat;
        beat.start();
        // Between blocks: stop when asked, and renew the claims so no one takes them over.
        auto stop = [&] {
            if (beat.elapsed() > 30'000) {
                renewClaims(jobs);
                beat.restart();
            }
            return cancelled && cancelled();
        };
        QList<Result<IngestOutcome>> outcomes;
        const QString requestId = observer.requestId ? observer.requestId() : logging::newRequestId();
        QElapsedTimer took;
        took.start();
        {
            // Each file's ingestion has a request id of its own (its log lines), and continues the
            // trace of the attach or retry that queued it (docs/observability.md).
            logging::ContextScope scope(requestId, jobs.constFirst().tenant.slug);
            // Without a recorded parent (tracing was off at attach) it is a child of what runs
            // it here: a sync pass, or nothing.
            if (auto parent = tracing::parseTraceparent(jobs.constFirst().traceParent))
                tracing::adoptParent(*parent);
            tracing::Span span(jobs.size() == 1 ? u"ingest"_s : u"ingest.batch"_s);
            span.setAttribute(u"vectordesk.backend"_s, backend->name());
            span.setAttribute(u"vectordesk.store_id"_s, jobs.constFirst().store.id);
            span.setAttribute(u"vectordesk.files"_s, int(jobs.size()));
            if (jobs.size() == 1)
                span.setAttribute(u"vectordesk.file_id"_s, jobs.constFirst().file.id);
            outcomes = backend->ingestBatch(jobs.constFirst().tenant, jobs.constFirst().store, files, stop);
            for (const Result<IngestOutcome> &outcome : std::as_const(outcomes))
                if (!outcome) {
                    span.setError(failureCode(outcome.error()), outcome.error().message());
                    break;
                }
        }
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            const IngestionQueue::Job &job = jobs.at(i);
            const Result<IngestOutcome> outcome = i < outcomes.size()
                ? outcomes.at(i)
                : Result<IngestOutcome>(ServiceError::unavailable(
                    u"Internal error: the %1 backend gave no outcome for %2; retry the file."_s.arg(
                        backend->name(), job.file.filename)));
            if (auto r = record(backend, job, outcome, requestId, double(took.nsecsElapsed()) / 1e9, observer, summary,
                                retries);
                !r)
                return r;
        }
        if (summary.cancelled)
            return {};
    }
}

void Ingestor::renewClaims(const QList<IngestionQueue::Job> &jobs)
{
    for (const IngestionQueue::Job &job : jobs)
        if (auto r = m_queue.heartbeat(job); !r)
            qCWarning(lcIngest).noquote()
                << "renewing the claim on" << job.file.filename << "failed:" << r.error().message();
}

Result<void> Ingestor::record(VectorStoreBackend *backend, const IngestionQueue::Job &job,
                              const Result<IngestOutcome> &outcome, const QString &requestId, double seconds,
                              const Observer &observer, Summary &summary, QMultiMap<qint64, qint64> &retries)
{
    // The outcome is recorded (its audit row, log lines, the observer) on the ingestion's request id.
    logging::ContextScope scope(requestId, job.tenant.slug);
    if (!outcome && outcome.error().details().value(u"cancelled"_s).toBool()) {
        if (auto r = m_queue.release(job); !r)
            qCWarning(lcIngest).noquote() << "releasing" << job.file.filename << "failed:" << r.error().message();
        summary.cancelled = true;
        return {};
    }
    // Another writer held the store's index: the file goes back to the queue, unless
    // it met that on every claim so far.
    if (!outcome && outcome.error().details().value(u"contention"_s).toBool() && job.attempts < kMaxIngestAttempts) {
        const qint64 delay = contentionBackoffMs(job.attempts);
        if (auto r = m_queue.retryLater(job, delay); !r)
            return r.error();
        retries.insert(QDateTime::currentMSecsSinceEpoch() + delay, job.file.id);
        ++summary.requeued;
        qCInfo(lcIngest).noquote() << u"%1 goes back to the queue for %2 ms (attempt %3 of %4): %5"_s
                                          .arg(job.file.filename)
                                          .arg(delay)
                                          .arg(job.attempts)
                                          .arg(kMaxIngestAttempts)
                                          .arg(outcome.error().message());
        return {};
    }
    const QString failure = !outcome && outcome.error().details().value(u"contention"_s).toBool()
        ? u"%1 It stayed busy through %2 attempts; retry the file when the other writer is done "
          u"(vectordesk file retry)."_s.arg(outcome.error().message())
              .arg(job.attempts)
        : (outcome ? QString() : outcome.error().message());
    Result<StoreFile> recorded =
        outcome ? m_queue.complete(job, outcome.value()) : m_queue.fail(job, failureCode(outcome.error()), failure);
    if (!recorded)
        return recorded.error();
    if (outcome && recorded->deletedAt) // detached while it was being indexed
        if (auto r = backend->setFileVisible(job.tenant, job.store, job.file, false); !r)
            qCWarning(lcIngest).noquote() << "hiding detached" << job.file.filename << "failed:" << r.error().message();
    if (!outcome || !outcome->remotePending)
        recordIngestion(backend->name(), job, outcome, requestId, seconds);
    if (outcome && outcome->remotePending)
        ++summary.pending; // handed over; the sync worker's refresh brings the final status
    else if (outcome)
        ++summary.completed;
    else
        ++summary.failed;
    if (!outcome) // on the ingestion's request id, so that the window's Activity view finds it
        qCInfo(lcIngest).noquote() << job.file.filename << "failed:" << failure;
    if (observer.finished)
        observer.finished(recorded.value(), failure);
    return {};
}

namespace {

// A local file claimed and waiting to be prepared, being prepared (on a thread of the drain's
// pool) or prepared, waiting for its write on the drain's thread.
struct InHand
{
    IngestionQueue::Job job;
    QString requestId;
    std::optional<tracing::AsyncSpan> span; // the file's "ingest" span, from claim to record
    QElapsedTimer took;
    std::future<Result<PreparedFile>> prepared;
};

} // namespace

Result<void> Ingestor::drainPipelined(LocalEngine *engine, const std::function<bool()> &cancelled,
                                      const Observer &observer, std::optional<qint64> tenantId,
                                      std::optional<qint64> storeId, Summary &summary)
{
    QMultiMap<qint64, qint64> retries;
    // Read by the preparing threads: stop at the next block (the drain was cancelled or failed).
    std::atomic<bool> stopPreparing = false;
    // The preparations run in claim order (the pool's queue is first in, first out), as many at a
    // time as there are cores: more files can then wait in hand than there are cores to prepare
    // them, and the file written next never waits for a core behind later ones. Declared after the
    // flag its tasks read; its destructor waits for them.
    QThreadPool preparing;
    preparing.setMaxThreadCount(std::min(m_prepareAhead + 1, std::max(1, QThread::idealThreadCount())));
    // The front is written next.
    std::deque<std::unique_ptr<InHand>> inHand;
    const auto jobsInHand = [&inHand] {
        QList<IngestionQueue::Job> jobs;
        for (const auto &p : inHand)
            jobs << p->job;
        return jobs;
    };
    // Stops the preparations and gives their files back to the queue, unstarted.
    const auto giveBack = [&] {
        stopPreparing = true;
        for (const auto &p : inHand) {
            p->prepared.wait();
            if (auto r = m_queue.release(p->job); !r)
                qCWarning(lcIngest).noquote()
                    << "releasing" << p->job.file.filename << "failed:" << r.error().message();
            if (p->span)
                p->span->end();
        }
        inHand.clear();
    };
    QElapsedTimer beat;
    beat.start();
    const auto keepClaims = [&] {
        if (beat.elapsed() > 30'000) {
            renewClaims(jobsInHand());
            beat.restart();
        }
    };
    while (true) {
        if (cancelled && cancelled()) {
            giveBack();
            summary.cancelled = true;
            return {};
        }
        // Claim and start preparing files until m_prepareAhead wait behind the one written next.
        while (qsizetype(inHand.size()) < 1 + m_prepareAhead) {
            QList<qint64> held;
            for (const auto &p : inHand)
                held << p->job.file.id;
            auto claimed = m_queue.claimNext(engine->name(), engine->holderId(), tenantId, storeId, held);
            if (!claimed) {
                giveBack();
                return claimed.error();
            }
            if (!claimed->has_value())
                break;
            for (auto it = retries.begin(); it != retries.end();)
                it = it.value() == (*claimed)->file.id ? retries.erase(it) : std::next(it);
            auto p = std::make_unique<InHand>();
            p->job = **claimed;
            p->requestId = observer.requestId ? observer.requestId() : logging::newRequestId();
            p->took.start();
            if (observer.started)
                observer.started(p->job.file);
            {
                // As in drainBackend: the file's own request id, in the trace of its attach.
                logging::ContextScope scope(p->requestId, p->job.tenant.slug);
                const auto parent = tracing::parseTraceparent(p->job.traceParent);
                p->span.emplace(u"ingest"_s, tracing::Kind::Internal, parent ? *parent : tracing::current());
                p->span->setAttribute(u"vectordesk.backend"_s, engine->name());
                p->span->setAttribute(u"vectordesk.store_id"_s, p->job.store.id);
                p->span->setAttribute(u"vectordesk.files"_s, 1);
                p->span->setAttribute(u"vectordesk.file_id"_s, p->job.file.id);
            }
            if (!inHand.empty())
                ++summary.preparedAhead;
            auto task = std::make_shared<std::packaged_task<Result<PreparedFile>()>>(
                [engine, file = p->job.file, requestId = p->requestId, tenant = p->job.tenant.slug,
                 parent = p->span->context(), &stopPreparing, writer = QThread::currentThread()] {
                    // Not started before the drain stopped: nothing to prepare (the file goes back to
                    // the queue; giveBack() does not read this result).
                    if (stopPreparing)
                        return Result<PreparedFile>(
                            ServiceError(ServiceError::Kind::Conflict,
                                         u"Preparing %1 did not start: the ingestion stopped."_s.arg(file.filename),
                                         QJsonObject{{u"cancelled"_s, true}}));
                    logging::ContextScope scope(requestId, tenant);
                    tracing::adoptParent(parent);
                    auto prepared = engine->prepare(file, [&stopPreparing] { return stopPreparing.load(); });
                    if (prepared) { // read and closed there
                        prepared.value().chunks->moveToThread(writer);
                        prepared.value().postings->moveToThread(writer);
                    }
                    return prepared;
                });
            p->prepared = task->get_future();
            preparing.start([task] { (*task)(); });
            inHand.push_back(std::move(p));
        }
        if (inHand.empty()) {
            if (retries.isEmpty())
                return {};
            if (!waitForRetry(retries, cancelled)) {
                summary.cancelled = true;
                return {};
            }
            continue;
        }
        // The oldest file: wait for its preparation (stopping when asked, renewing the claims),
        // then write it here while the others are prepared.
        InHand &next = *inHand.front();
        while (next.prepared.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
            if (cancelled && cancelled()) {
                giveBack();
                summary.cancelled = true;
                return {};
            }
            keepClaims();
        }
        Result<PreparedFile> prepared = next.prepared.get();
        const Result<IngestOutcome> outcome = [&]() -> Result<IngestOutcome> {
            if (!prepared)
                return prepared.error();
            logging::ContextScope scope(next.requestId, next.job.tenant.slug);
            tracing::adoptParent(next.span->context());
            return engine->write(next.job.tenant, next.job.store, next.job.file, prepared.value(), keepClaims);
        }();
        if (outcome)
            next.span->end();
        else
            next.span->end(failureCode(outcome.error()), outcome.error().message());
        const std::unique_ptr<InHand> done = std::move(inHand.front());
        inHand.pop_front();
        if (auto r = record(engine, done->job, outcome, done->requestId, double(done->took.nsecsElapsed()) / 1e9,
                            observer, summary, retries);
            !r) {
            giveBack();
            return r;
        }
        if (summary.cancelled) {
            giveBack();
            return {};
        }
    }
}

IngestionWorker::IngestionWorker(DatabaseUrl url, QString engineRoot, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
    , m_engineRoot(std::move(engineRoot))
{ }

IngestionWorker::~IngestionWorker() = default;

void IngestionWorker::drain(qint64 tenantId, qint64 storeId)
{
    m_cancelled = false;
    CoreSession::Options options;
    options.operatorName = u"system:ingestion"_s;
    options.engineRoot = m_engineRoot;
    auto session = CoreSession::open(m_url, options);
    if (!session) {
        emit failed(session.error().message());
        return;
    }
    Ingestor ingestor(session.value()->database(), session.value()->backends().resolver());
    Ingestor::Observer observer;
    observer.started = [this](const StoreFile &f) {
        emit fileStarted(f.id, f.filename);
    };
    observer.finished = [this](const StoreFile &f, const QString &message) {
        emit fileFinished(f.id, f.filename, f.status, message);
    };
    auto summary = ingestor.drain([this] { return m_cancelled.load(); }, observer,
                                  tenantId > 0 ? std::optional<qint64>(tenantId) : std::nullopt,
                                  storeId > 0 ? std::optional<qint64>(storeId) : std::nullopt);
    if (!summary) {
        emit failed(summary.error().message());
        return;
    }
    emit drained(summary->completed, summary->failed, summary->cancelled);
}

} // namespace vd::engine
