#include "core/openai/ingesterrors.h"
#include "core/openai/openaibackend.h"

#include <QFile>
#include <QJsonArray>

#include <deque>
#include <utility>

using namespace Qt::StringLiterals;

// Many files of one store at once (docs/openai.md, "File batches"): uploads one per file (OpenAI's
// /files takes one file), side by side; then one POST /vector_stores/{id}/file_batches per
// kMaxBatchFiles files with each file's attributes and chunking strategy; then the batch is polled
// and its files listed, and every file gets the outcome its own status says. A failure of one
// file (its upload, its processing) is that file's alone; a batch refused as a whole fails each of
// its files with the reason.

namespace vd::openai {

QList<Result<IngestOutcome>> OpenAIBackend::ingestBatch(const Tenant &tenant, const VectorStore &store,
                                                        const QList<StoreFile> &files,
                                                        const std::function<bool()> &cancelled)
{
    // One file: one POST /vector_stores/{id}/files is as cheap as a batch and needs no batch poll.
    if (files.size() <= 1)
        return VectorStoreBackend::ingestBatch(tenant, store, files, cancelled);
    std::vector<std::optional<Result<IngestOutcome>>> outcomes(size_t(files.size()));
    const auto outcomeList = [&] {
        QList<Result<IngestOutcome>> list;
        for (qsizetype i = 0; i < files.size(); ++i)
            list << (outcomes[size_t(i)] ? *outcomes[size_t(i)] : Result<IngestOutcome>(cancelledError(files.at(i))));
        return list; // a file left without an outcome was stopped by a cancel: back to the queue
    };
    const auto failAll = [&](const ServiceError &error) {
        for (auto &o : outcomes)
            if (!o)
                o = Result<IngestOutcome>(error);
        return outcomeList();
    };
    if (store.remoteId.isEmpty())
        return failAll(
            fileError(u"server_error"_s,
                      u"Store '%1' has no OpenAI vector store id; it was not created remotely."_s.arg(store.name)));
    auto c = client(tenant);
    if (!c)
        return failAll(fileError(u"server_error"_s, c.error().message()));
    const BlockingClient &api = c.value();
    QElapsedTimer waited;
    waited.start();

    // 1. What earlier attempts left: a recorded upload, maybe attached already.
    QStringList fileIds;
    QList<qsizetype> unrecorded;
    QHash<qsizetype, QJsonObject> attachedAlready; // polled one by one at the end, as ingest() does
    for (qsizetype i = 0; i < files.size(); ++i) {
        auto recorded = recordedRemoteId(files.at(i).id);
        if (!recorded) {
            outcomes[size_t(i)] = fileError(u"server_error"_s, recorded.error().message());
            fileIds << QString();
            continue;
        }
        fileIds << (recorded->isEmpty() ? files.at(i).remoteFileId : recorded.value());
        if (fileIds.at(i).isEmpty()) {
            unrecorded << i;
            continue;
        }
        auto got = api.request(&OpenAIClient::getVectorStoreFile, store.remoteId, fileIds.at(i));
        if (got)
            attachedAlready.insert(i, got.value());
        else if (!isNotFound(got.error()))
            outcomes[size_t(i)] = fileError(u"server_error"_s, got.error().message());
    }
    if (cancelled && cancelled())
        return outcomeList();

    // 2. Uploads whose id was never recorded (the process died in between): one listing for all.
    if (!unrecorded.isEmpty()) {
        auto uploads = api.request(&OpenAIClient::listFiles, ListQuery{10000, u"desc"_s, {}, {}, {}});
        if (!uploads)
            return failAll(fileError(u"server_error"_s, uploads.error().message()));
        QSet<QString> taken;
        for (qsizetype i : std::as_const(unrecorded)) {
            auto earlier = matchEarlierUpload(uploads.value(), files.at(i), taken);
            if (!earlier) {
                outcomes[size_t(i)] = fileError(u"server_error"_s, earlier.error().message());
            } else if (!earlier->isEmpty()) {
                qCInfo(lcOpenAI).noquote()
                    << "reusing earlier upload" << earlier.value() << "of" << files.at(i).filename;
                taken.insert(earlier.value());
                if (auto r = recordRemoteId(files.at(i), earlier.value()); !r)
                    outcomes[size_t(i)] = fileError(u"server_error"_s, r.error().message());
                else
                    fileIds[i] = earlier.value();
            }
        }
    }

    // 3. Upload the rest side by side (the client keeps at most maxConcurrent in flight), each id
    // recorded as its answer comes. A cancel stops new uploads; those in flight are still recorded.
    QList<qsizetype> toUpload;
    for (qsizetype i : std::as_const(unrecorded))
        if (!outcomes[size_t(i)] && fileIds.at(i).isEmpty())
            toUpload << i;
    const size_t window = size_t(std::max(1, api.config().maxConcurrent));
    std::deque<std::pair<qsizetype, QFuture<Result<QJsonObject>>>> inFlight;
    bool stopped = false;
    for (qsizetype next = 0; next < toUpload.size() || !inFlight.empty();) {
        while (!stopped && next < toUpload.size() && inFlight.size() < window) {
            const qsizetype i = toUpload.at(next++);
            const QString blob = m_blobs.pathFor(files.at(i).sha256);
            if (!QFile::exists(blob)) {
                outcomes[size_t(i)] = fileError(
                    u"server_error"_s,
                    u"The stored copy of %1 is missing (%2); attach the file again."_s.arg(files.at(i).filename, blob));
                continue;
            }
            inFlight.emplace_back(i, api.start(&OpenAIClient::uploadFile, blob, files.at(i).filename));
        }
        if (inFlight.empty())
            break;
        auto [i, started] = std::move(inFlight.front());
        inFlight.pop_front();
        auto uploaded =
            finishUpload(api, files.at(i), m_blobs.pathFor(files.at(i).sha256), api.wait(std::move(started)));
        if (uploaded)
            fileIds[i] = uploaded.value();
        else
            outcomes[size_t(i)] = fileError(fileErrorCode(uploaded.error()), uploaded.error().message());
        stopped = stopped || (cancelled && cancelled());
    }
    if (stopped)
        return outcomeList();

    // 4. Attach what is not attached yet: one file batch per kMaxBatchFiles files.
    QList<qsizetype> toAttach;
    for (qsizetype i = 0; i < files.size(); ++i)
        if (!outcomes[size_t(i)] && !fileIds.at(i).isEmpty() && !attachedAlready.contains(i))
            toAttach << i;
    for (qsizetype from = 0; from < toAttach.size() && !(from > 0 && cancelled && cancelled());
         from += OpenAIClient::kMaxBatchFiles)
        attachBatch(api, tenant, store, files, fileIds, toAttach.mid(from, OpenAIClient::kMaxBatchFiles), cancelled,
                    waited, outcomes, attachedAlready);

    // 5. Files attached before (an earlier attempt, or a batch whose answer was lost), polled one by one.
    for (auto it = attachedAlready.cbegin(); it != attachedAlready.cend(); ++it)
        if (!outcomes[size_t(it.key())])
            outcomes[size_t(it.key())] =
                pollFile(api, store, files.at(it.key()), fileIds.at(it.key()), it.value(), cancelled, waited);
    return outcomeList();
}

void OpenAIBackend::attachBatch(const BlockingClient &api, const Tenant &tenant, const VectorStore &store,
                                const QList<StoreFile> &files, const QStringList &fileIds, QList<qsizetype> items,
                                const std::function<bool()> &cancelled, const QElapsedTimer &waited,
                                std::vector<std::optional<Result<IngestOutcome>>> &outcomes,
                                QHash<qsizetype, QJsonObject> &attachedAlready)
{
    const auto fail = [&](const QList<qsizetype> &which, const QString &code, const QString &reason) {
        for (qsizetype i : which)
            outcomes[size_t(i)] =
                fileError(code,
                          u"OpenAI did not attach %1 (a file batch of %2 files): %3"_s.arg(files.at(i).filename)
                              .arg(which.size())
                              .arg(reason));
    };
    // A create: after an attempt that may have created the batch (no answer, 5xx) its files are
    // looked for (OpenAI cannot list batches) and only those not attached go in the next attempt,
    // 3 attempts in all.
    QJsonObject batch;
    for (int attempt = 1; batch.isEmpty(); ++attempt) {
        QList<OpenAIClient::BatchFile> body;
        for (qsizetype i : std::as_const(items))
            body << OpenAIClient::BatchFile{fileIds.at(i), files.at(i).attributes, files.at(i).chunking};
        auto created = api.request(&OpenAIClient::createFileBatch, store.remoteId, body);
        if (created) {
            batch = created.value();
            break;
        }
        const ServiceError &error = created.error();
        if (error.details().value(u"maybe_created"_s).toBool()) {
            QList<qsizetype> missing;
            for (qsizetype i : std::as_const(items)) {
                auto got = api.request(&OpenAIClient::getVectorStoreFile, store.remoteId, fileIds.at(i));
                if (got)
                    attachedAlready.insert(i, got.value());
                else if (isNotFound(got.error()))
                    missing << i;
                else
                    outcomes[size_t(i)] = fileError(u"server_error"_s, got.error().message());
            }
            items = missing;
            if (items.isEmpty())
                return; // the batch was made: its files are polled one by one
            if (attempt >= 3)
                return fail(items, u"server_error"_s, error.message());
            continue;
        }
        if (isNotFound(error)) {
            // The store, or an upload, was deleted outside VectorDesk. A gone store is reported;
            // otherwise each file goes on its own, which uploads a gone upload again (once).
            auto remote = api.request(&OpenAIClient::getVectorStore, store.remoteId);
            for (qsizetype i : std::as_const(items))
                outcomes[size_t(i)] = !remote && isNotFound(remote.error())
                    ? Result<IngestOutcome>(storeGone(store))
                    : ingest(tenant, store, files.at(i), cancelled);
            return;
        }
        return fail(items, fileErrorCode(error), error.message()); // refused as a whole
    }
    const QString batchId = batch.value(u"id"_s).toString();
    if (batchId.isEmpty())
        return fail(items, u"server_error"_s, u"OpenAI accepted the file batch but its answer has no id."_s);
    qCInfo(lcOpenAI).noquote() << "attached" << items.size() << "files to" << store.remoteId << "with file batch"
                               << batchId;

    // Polled while any of its files is in progress (as OpenAI's SDKs do), at most until ingestWaitMs;
    // a file still processing then is handed to the sync worker (remotePending).
    int interval = m_pollMs;
    bool answered = true;
    while (true) {
        const QJsonValue status = batch.value(u"status"_s);
        const qint64 inProgress = batch.value(u"file_counts"_s).toObject().value(u"in_progress"_s).toInteger(-1);
        if ((status.isString() && status.toString() != u"in_progress"_s) || inProgress == 0)
            break;
        if (waited.elapsed() >= m_ingestWaitMs) {
            qCInfo(lcOpenAI).noquote() << "file batch" << batchId << "is still being processed by OpenAI after"
                                       << waited.elapsed() / 1000 << "s; the sync worker picks its files up";
            break;
        }
        if (cancelled && cancelled()) {
            // The batch goes on remotely; each file is back in the queue with its upload recorded,
            // and the next attempt finds it attached.
            for (qsizetype i : std::as_const(items))
                outcomes[size_t(i)] = cancelledError(files.at(i));
            return;
        }
        auto polled = api.pollFileBatch(store.remoteId, batchId, interval);
        interval = std::min(interval * 2, std::max(m_pollMs, 5000));
        if (!polled) {
            qCWarning(lcOpenAI).noquote() << "polling file batch" << batchId << "failed:" << polled.error().message()
                                          << "; the sync worker picks its files up";
            answered = false;
            break;
        }
        batch = polled.value();
    }

    // Each file's own status, from the batch's file list; a file not listed is asked for alone.
    QHash<QString, QJsonObject> states;
    if (answered) {
        auto listed = api.allFileBatchFiles(store.remoteId, batchId, ListQuery{100, u"asc"_s, {}, {}, {}}, 1000);
        if (listed)
            for (const QJsonObject &state : listed.value())
                states.insert(state.value(u"id"_s).toString(), state);
        else
            qCWarning(lcOpenAI).noquote()
                << "listing the files of batch" << batchId << "failed:" << listed.error().message();
        answered = bool(listed);
    }
    for (qsizetype i : std::as_const(items)) {
        const StoreFile &file = files.at(i);
        const QString &fileId = fileIds.at(i);
        const IngestOutcome pending{0, 0, 0, true, fileId}; // accepted, not done: the sync worker's refresh
        if (!answered) {
            outcomes[size_t(i)] = pending;
            continue;
        }
        QJsonObject state = states.value(fileId);
        if (state.isEmpty()) {
            auto got = api.request(&OpenAIClient::getVectorStoreFile, store.remoteId, fileId);
            if (!got && isNotFound(got.error())) {
                outcomes[size_t(i)] = fileError(
                    u"server_error"_s,
                    u"OpenAI accepted %1 (%2) in file batch %3 but no longer has it in %4; it was removed outside "
                    u"VectorDesk. Retry the file."_s.arg(file.filename, fileId, batchId, store.remoteId));
                continue;
            }
            if (!got) {
                outcomes[size_t(i)] = pending;
                continue;
            }
            state = got.value();
        }
        auto done = settled(store, file, fileId, state);
        outcomes[size_t(i)] = done ? *done : Result<IngestOutcome>(pending);
    }
}

} // namespace vd::openai
