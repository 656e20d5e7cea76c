#pragma once

#include "core/backend/vectorstorebackend.h"
#include "core/openai/blockingclient.h"
#include "core/openai/networkthread.h"
#include "core/openai/openaiclient.h"
#include "core/storage/blobstore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QString>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace vd {
class Database;
}

namespace vd::openai {

class CredentialStore;

// Stores whose content lives in OpenAI's hosted vector stores (docs/openai.md).
// - stageFile keeps a content-addressed copy of the bytes in the engine folder's blob store
//   (shared with the local engine), so a file can be uploaded (again) after the source moved;
// - ingest uploads the copy (purpose=assistants), records the remote file id at once, attaches it
//   with its attributes and chunking strategy, and polls until OpenAI finished processing it
//   (up to ingestWaitMs; longer: remotePending). Retried or resumed after a crash, it first looks
//   for what an earlier attempt created (recorded id, else a matching upload) so nothing is
//   created twice;
// - detach (setFileVisible false) keeps the remote objects: VectorDesk's own search filter hides
//   the file at once and restore needs no re-processing; purgeFile deletes the store file and the
//   uploaded file;
// - search proxies to POST /vector_stores/{id}/search and maps OpenAI's file ids to VectorDesk's.
// One object per thread: it reads the tenant's settings and the file id mapping through `db`,
// a connection of that thread. Its clients and keychain look-ups live on a NetworkThread of its
// own (started on first use); each remote step is posted there and the calling thread blocks on
// its future, never running an event loop (worker threads and the headless CLI only; never the
// GUI thread).
class OpenAIBackend final : public VectorStoreBackend
{
public:
    OpenAIBackend(Database &db, QString engineRoot);
    ~OpenAIBackend() override;

    // Adjusts each tenant's client configuration (tests: short timeouts) after settings and key.
    void setConfigHook(std::function<void(ClientConfig &)> hook) { m_configHook = std::move(hook); }
    void setPollIntervalMs(int ms) { m_pollMs = ms; }
    void setIngestWaitMs(qint64 ms) { m_ingestWaitMs = ms; }
    // Files attached with one file batch (at most OpenAIClient::kMaxBatchFiles, the documented
    // limit; 1: each file on its own, POST /vector_stores/{id}/files).
    void setBatchLimit(int files) { m_batchLimit = std::clamp(files, 1, OpenAIClient::kMaxBatchFiles); }
    // Refresh reads the files in progress from the store's lists of files by status (a request per
    // page of 100, the default) or asks for each file on its own (the benchmark's baseline).
    void setRefreshByList(bool on) { m_refreshByList = on; }

    QString name() const override { return QStringLiteral("openai"); }
    bool isRemote() const override { return true; }
    Result<QString> createStore(const Tenant &tenant, const VectorStore &store) override;
    Result<void> purgeStore(const Tenant &tenant, const VectorStore &store) override;
    Result<StagedFile> stageFile(const Tenant &tenant, const QString &path) override;
    bool isStaged(const QString &sha256) const override { return m_blobs.contains(sha256); }
    Result<void> discardStaged(const Tenant &tenant, const StagedFile &staged) override;
    Result<IngestOutcome> ingest(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                 const std::function<bool()> &cancelled) override;
    // Several files of one store (openaibatch.cpp): each uploaded (side by side, up to the client's
    // maxConcurrent), then attached together with one file batch, which is polled until OpenAI has
    // processed them; an outcome per file.
    int ingestBatchLimit() const override { return m_batchLimit; }
    QList<Result<IngestOutcome>> ingestBatch(const Tenant &tenant, const VectorStore &store,
                                             const QList<StoreFile> &files,
                                             const std::function<bool()> &cancelled) override;
    Result<void> setFileVisible(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                bool visible) override;
    Result<void> setFileAttributes(const Tenant &tenant, const VectorStore &store, const StoreFile &file) override;
    Result<void> purgeFile(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                           bool lastReference) override;
    Result<QList<Chunk>> chunks(const Tenant &tenant, const VectorStore &store, const StoreFile &file, int first,
                                int count) override;
    Result<SearchResponse> search(const Tenant &tenant, const QList<VectorStore> &stores,
                                  const SearchRequest &request) override;
    Result<RemoteStoreState> refresh(const Tenant &tenant, const VectorStore &store,
                                     const QList<StoreFile> &files) override;

    // The tenant's client, as blocking calls (settings and key are read on every call; the client,
    // its queue and rate-limit state, is kept while they stay the same). Store import uses it.
    Result<BlockingClient> client(const Tenant &tenant);
    // The tenant's key (any source) against the API: one list call of one item. The base URL
    // it works with, or why it does not (`vectordesk key test`, the settings' Test button).
    Result<QString> checkConnection(const Tenant &tenant) override;

private:
    Result<QString> resolveKey(const Tenant &tenant);
    Result<QString> recordedRemoteId(qint64 fileId);
    Result<void> recordRemoteId(const StoreFile &file, const QString &fileId);
    Result<QString> findEarlierUpload(const BlockingClient &api, const StoreFile &file);
    // In a listing of GET /files: an upload of `file` never recorded, not used by another record nor `taken`.
    Result<QString> matchEarlierUpload(const QJsonObject &uploads, const StoreFile &file, const QSet<QString> &taken);
    Result<QString> upload(const BlockingClient &api, const StoreFile &file, const QString &path);
    // The upload's id from its first answer, looking for it (and uploading again, 3 attempts in
    // all) when that answer was lost; recorded at once.
    Result<QString> finishUpload(const BlockingClient &api, const StoreFile &file, const QString &path,
                                 Result<QJsonObject> uploaded);
    // What a store file's state means for its ingestion: nullopt while in_progress.
    std::optional<Result<IngestOutcome>> settled(const VectorStore &store, const StoreFile &file, const QString &fileId,
                                                 const QJsonObject &state) const;
    // Polls an attached file until settled(), or ingestWaitMs since `waited` (remotePending).
    Result<IngestOutcome> pollFile(const BlockingClient &api, const VectorStore &store, const StoreFile &file,
                                   const QString &fileId, QJsonObject state, const std::function<bool()> &cancelled,
                                   const QElapsedTimer &waited);
    // One file batch of `items` (indexes into `files`), polled; fills their outcomes (openaibatch.cpp).
    void attachBatch(const BlockingClient &api, const Tenant &tenant, const VectorStore &store,
                     const QList<StoreFile> &files, const QStringList &fileIds, QList<qsizetype> items,
                     const std::function<bool()> &cancelled, const QElapsedTimer &waited,
                     std::vector<std::optional<Result<IngestOutcome>>> &outcomes,
                     QHash<qsizetype, QJsonObject> &attachedAlready);
    Result<QString> adoptEarlierStore(const BlockingClient &api, const Tenant &tenant, const VectorStore &store);

    Database &m_db;
    engine::BlobStore m_blobs;
    std::function<void(ClientConfig &)> m_configHook;
    int m_pollMs = 1000;
    qint64 m_ingestWaitMs = 10 * 60 * 1000;
    bool m_refreshByList = true;
    int m_batchLimit = OpenAIClient::kMaxBatchFiles;
    // Declared before what lives on it: its destructor joins the thread after the clients below
    // were handed to deleteLater() there.
    NetworkThread m_network;
    CredentialStore *m_credentials = nullptr; // lives on m_network; touched only there
    std::map<qint64, std::shared_ptr<OpenAIClient>> m_clients; // tenant id -> client living on m_network
};

// Unix seconds (OpenAI) to unix milliseconds (VectorDesk); nullopt for null or absent.
std::optional<qint64> secondsToMs(const QJsonValue &value);

} // namespace vd::openai
