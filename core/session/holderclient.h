#pragma once

#include "core/engine/localengine.h"
#include "core/openai/blockingclient.h"
#include "core/openai/networkthread.h"
#include "core/openai/openaiclient.h"

#include <QString>

#include <functional>
#include <map>
#include <memory>

namespace vd {

class Database;

// How an engine reaches a local store whose index another machine holds (docs/teams.md): through
// `vectordesk serve` on that machine, whose address engine_holders records (serve --advertise),
// with an API token of the store's tenant that this machine keeps for itself:
//   1. VECTORDESK_API_TOKEN (any tenant), else
//   2. the token file $XDG_CONFIG_HOME/VectorDesk/api-tokens/<tenant slug>, mode 0600, owned by
//      the user (`vectordesk token use --tenant T` writes it).
// The database never holds a token. When the holder cannot be reached, the operation fails with
// a message naming it; it never answers from this machine's engine, which has no such index.
// Search, chunks and every change (attach, detach, restore, attributes) go through the holder's
// API (docs/api.md lists the calls); the holder checks them as for any client and writes the
// shared database.
class HolderClient final : public engine::HeldElsewhere
{
public:
    HolderClient(Database &db, const engine::LocalEngine &engine);
    ~HolderClient() override;

    Result<SearchResponse> search(const Tenant &tenant, const QList<VectorStore> &stores,
                                  const SearchRequest &request) override;
    Result<QList<Chunk>> chunks(const Tenant &tenant, const VectorStore &store, const QString &fileApiId, int first,
                                int count) override;
    ServiceError refusal(const Tenant &tenant, const VectorStore &store, const QString &action) override;
    Result<void> reachable(const Tenant &tenant, const VectorStore &store, const QString &action) override;
    Result<QString> attach(const Tenant &tenant, const VectorStore &store, const FileDraft &draft) override;
    Result<void> setAttributes(const Tenant &tenant, const VectorStore &store, const QString &fileApiId,
                               const QJsonObject &attributes) override;
    Result<void> detach(const Tenant &tenant, const VectorStore &store, const QString &fileApiId) override;
    Result<void> restore(const Tenant &tenant, const VectorStore &store, const QString &fileApiId) override;

    static constexpr const char *kTokenVariable = "VECTORDESK_API_TOKEN";
    // Where this machine keeps its token for a tenant's stores held elsewhere.
    static QString tokenFile(const QString &tenantSlug);
    // The token from the sources above; an error says how to provide one.
    static Result<QString> token(const QString &tenantSlug);

private:
    struct Holder
    {
        QString id;
        QString host;
        QString folder;
        QString apiUrl; // empty: it does not serve
    };
    Result<Holder> holderOf(const VectorStore &store);
    // The holder's API for `store`, with this machine's token of the tenant; or why `action`
    // ("Searching", "Detaching a file from") cannot reach it.
    struct Reach
    {
        Holder holder;
        std::shared_ptr<openai::OpenAIClient> client;
        QString storeApiId;
    };
    Result<Reach> reach(const Tenant &tenant, const VectorStore &store, const QString &action);
    // One change through the holder's API: `call` with its client and the store's public id.
    Result<void>
    change(const Tenant &tenant, const VectorStore &store, const QString &action,
           const std::function<Result<QJsonObject>(const openai::BlockingClient &, const QString &storeApiId)> &call);
    // A failed call through the holder's API, naming the holder.
    ServiceError failed(const Reach &to, const VectorStore &store, const QString &action,
                        const ServiceError &error) const;
    // "it is a local store whose index is held by HOST (engine folder F), ...": the part of every
    // message that names the holder; insteadText: where to do it instead.
    QString where(const Holder &holder) const;
    static QString insteadText(const Holder &holder);

    Database &m_db;
    const engine::LocalEngine &m_engine;
    // Declared before the clients that live on it (see OpenAIBackend).
    openai::NetworkThread m_network;
    std::map<QString, std::shared_ptr<openai::OpenAIClient>> m_clients; // holder URL + tenant -> client
};

} // namespace vd
