#pragma once

#include "core/openai/networkthread.h"
#include "core/openai/openaiclient.h"

#include <memory>

namespace vd::openai {

// The synchronous face of one tenant's OpenAIClient, for worker threads and the headless CLI.
// The client lives on the backend's NetworkThread; each call posts the request there and waits
// for its future on the calling thread (QFuture::result(): the caller blocks, its event loop is
// never entered). Retries, backoff, timeouts and rate limits are the client's, driven by timers
// on the network thread. Cheap to copy; valid while the OpenAIBackend that made it lives.
class BlockingClient
{
public:
    BlockingClient(NetworkThread &thread, std::shared_ptr<OpenAIClient> client);

    // Set when the client was made and never changed after, so readable from any thread.
    const ClientConfig &config() const { return m_client->config(); }

    // One JSON request: (client.*method)(args..., answer) on the network thread, the arguments
    // copied there; e.g. request(&OpenAIClient::getFile, fileId).
    template<typename Method, typename... Args> Result<QJsonObject> request(Method method, Args... args) const
    {
        return call<QJsonObject>(
            [method, args...](OpenAIClient &api, JsonCallback done) { (api.*method)(args..., std::move(done)); });
    }

    // Starts one JSON request without waiting for it, so that several run side by side (the
    // client still keeps at most maxConcurrent in flight); wait() gives its answer.
    template<typename Method, typename... Args> QFuture<Result<QJsonObject>> start(Method method, Args... args) const
    {
        return m_thread->post<Result<QJsonObject>>(
            [client = m_client, method, args...](auto answer) { ((*client).*method)(args..., std::move(answer)); });
    }
    Result<QJsonObject> wait(QFuture<Result<QJsonObject>> started) const { return m_thread->wait(std::move(started)); }

    // GET /vector_stores/{id}/files/{file} asked afterMs from now, timed by a QTimer on the network
    // thread (the wait between polls); the calling thread just waits for the answer.
    Result<QJsonObject> pollVectorStoreFile(const QString &storeId, const QString &fileId, int afterMs) const;
    // Every page from `first` on, following `after` (OpenAIClient::listAll: more than maxPages pages is
    // an error unless upToMaxPages).
    Result<QList<QJsonObject>> allVectorStores(const ListQuery &first, int maxPages, bool upToMaxPages = false) const;
    Result<QList<QJsonObject>> allVectorStoreFiles(const QString &storeId, const ListQuery &first, int maxPages) const;
    // GET /vector_stores/{id}/file_batches/{batch} asked afterMs from now (as pollVectorStoreFile),
    // and every page of the batch's files.
    Result<QJsonObject> pollFileBatch(const QString &storeId, const QString &batchId, int afterMs) const;
    Result<QList<QJsonObject>> allFileBatchFiles(const QString &storeId, const QString &batchId, const ListQuery &first,
                                                 int maxPages) const;
    Result<RemoteSearchResult> search(const QString &storeId, const SearchRequest &request,
                                      bool withMatches = false) const;

private:
    // Runs launch(client, answer) on the network thread and waits for the answer.
    template<typename T>
    Result<T> call(std::function<void(OpenAIClient &, NetworkThread::Answer<Result<T>>)> launch) const
    {
        return m_thread->call<T>(
            [client = m_client, launch = std::move(launch)](auto answer) { launch(*client, std::move(answer)); });
    }
    Result<QList<QJsonObject>> all(std::function<void(OpenAIClient &, const ListQuery &, JsonCallback)> page,
                                   const ListQuery &first, int maxPages, bool upToMaxPages) const;

    NetworkThread *m_thread;
    std::shared_ptr<OpenAIClient> m_client; // deleted on the network thread (deleteLater) after the last copy
};

} // namespace vd::openai
