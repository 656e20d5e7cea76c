#pragma once

#include "core/backend/vectorstorebackend.h"
#include "core/openai/openaiclient.h"
#include "core/storage/blobstore.h"

#include <QString>

#include <functional>
#include <map>
#include <memory>

namespace vd {
class Database;
}

namespace vd::openai {

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
// a connection of that thread, and runs its client's requests with a local event loop (worker
// threads and the headless CLI only; never the GUI thread).
class OpenAIBackend final : public VectorStoreBackend
{
public:
    OpenAIBackend(Database &db, QString engineRoot);
    ~OpenAIBackend() override;

    // Adjusts each tenant's client configuration (tests: short timeouts) after settings and key.
    void setConfigHook(std::function<void(ClientConfig &)> hook) { m_configHook = std::move(hook); }
    void setPollIntervalMs(int ms) { m_pollMs = ms; }
    void setIngestWaitMs(qint64 ms) { m_ingestWaitMs = ms; }

    QString name() const override { return QStringLiteral("openai"); }
    bool isRemote() const override { return true; }
    Result<QString> createStore(const Tenant &tenant, const VectorStore &store) override;
    Result<void> purgeStore(const Tenant &tenant, const VectorStore &store) override;
    Result<StagedFile> stageFile(const Tenant &tenant, const QString &path) override;
    Result<void> discardStaged(const Tenant &tenant, const StagedFile &staged) override;
    Result<IngestOutcome> ingest(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
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

    // The tenant's client (settings and key resolved on first use, then kept).
    Result<OpenAIClient *> client(const Tenant &tenant);

    // Waits for an asynchronous client call on this thread.
    static Result<QJsonObject> wait(const std::function<void(JsonCallback)> &launch);
    static Result<QList<QJsonObject>>
    waitList(const std::function<void(std::function<void(Result<QList<QJsonObject>>)>)> &launch);

private:
    Result<QString> recordedRemoteId(qint64 fileId);
    Result<QString> findEarlierUpload(OpenAIClient &client, const StoreFile &file);
    Result<QString> upload(OpenAIClient &client, const StoreFile &file, const QString &path);
    void sleep(int ms);

    Database &m_db;
    engine::BlobStore m_blobs;
    std::function<void(ClientConfig &)> m_configHook;
    std::map<qint64, std::unique_ptr<OpenAIClient>> m_clients;
    int m_pollMs = 1000;
    qint64 m_ingestWaitMs = 10 * 60 * 1000;
};

// Unix seconds (OpenAI) to unix milliseconds (VectorDesk); nullopt for null or absent.
std::optional<qint64> secondsToMs(const QJsonValue &value);

} // namespace vd::openai
