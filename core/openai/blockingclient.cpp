#include "core/openai/blockingclient.h"

#include <QTimer>

namespace vd::openai {

BlockingClient::BlockingClient(NetworkThread &thread, std::shared_ptr<OpenAIClient> client)
    : m_thread(&thread)
    , m_client(std::move(client))
{ }

Result<QJsonObject> BlockingClient::pollVectorStoreFile(const QString &storeId, const QString &fileId,
                                                        int afterMs) const
{
    return call<QJsonObject>([storeId, fileId, afterMs](OpenAIClient &api, JsonCallback done) {
        // The request is the timer's continuation. Should the client go first, the timer goes
        // with it and the caller gets "abandoned" instead of waiting forever.
        QTimer::singleShot(afterMs, &api, [client = &api, storeId, fileId, done = std::move(done)]() mutable {
            client->getVectorStoreFile(storeId, fileId, std::move(done));
        });
    });
}

Result<QJsonObject> BlockingClient::pollFileBatch(const QString &storeId, const QString &batchId, int afterMs) const
{
    return call<QJsonObject>([storeId, batchId, afterMs](OpenAIClient &api, JsonCallback done) {
        QTimer::singleShot(afterMs, &api, [client = &api, storeId, batchId, done = std::move(done)]() mutable {
            client->getFileBatch(storeId, batchId, std::move(done));
        });
    });
}

Result<QList<QJsonObject>>
BlockingClient::all(std::function<void(OpenAIClient &, const ListQuery &, JsonCallback)> page, const ListQuery &first,
                    int maxPages, bool upToMaxPages) const
{
    return call<QList<QJsonObject>>([page = std::move(page), first, maxPages, upToMaxPages](OpenAIClient &api,
                                                                                            auto answer) {
        OpenAIClient::listAll([&api, page](const ListQuery &q, JsonCallback done) { page(api, q, std::move(done)); },
                              first, maxPages, std::move(answer), upToMaxPages);
    });
}

Result<QList<QJsonObject>> BlockingClient::allVectorStores(const ListQuery &first, int maxPages,
                                                           bool upToMaxPages) const
{
    return all(
        [](OpenAIClient &api, const ListQuery &q, JsonCallback done) { api.listVectorStores(q, std::move(done)); },
        first, maxPages, upToMaxPages);
}

Result<QList<QJsonObject>> BlockingClient::allVectorStoreFiles(const QString &storeId, const ListQuery &first,
                                                               int maxPages) const
{
    return all([storeId](OpenAIClient &api, const ListQuery &q,
                         JsonCallback done) { api.listVectorStoreFiles(storeId, q, std::move(done)); },
               first, maxPages, false);
}

Result<QList<QJsonObject>> BlockingClient::allFileBatchFiles(const QString &storeId, const QString &batchId,
                                                             const ListQuery &first, int maxPages) const
{
    return all([storeId, batchId](OpenAIClient &api, const ListQuery &q,
                                  JsonCallback done) { api.listFileBatchFiles(storeId, batchId, q, std::move(done)); },
               first, maxPages, false);
}

Result<RemoteSearchResult> BlockingClient::search(const QString &storeId, const SearchRequest &request,
                                                  bool withMatches) const
{
    return call<RemoteSearchResult>([storeId, request, withMatches](OpenAIClient &api, auto answer) {
        api.search(storeId, request, std::move(answer), withMatches);
    });
}

} // namespace vd::openai
