#include "core/session/holderclient.h"

#include "core/openai/blockingclient.h"
#include "core/openai/credentialstore.h"
#include "core/openai/openaiclient.h"
#include "core/service/storeapiid.h"
#include "core/storage/database.h"
#include "core/storage/engineholders.h"
#include "core/storage/query.h"
#include "core/storage/sqlvalues.h"

#include <QDir>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace vd {

namespace {
Q_LOGGING_CATEGORY(lcHolder, "vectordesk.core.session", QtInfoMsg)
}

HolderClient::HolderClient(Database &db, const engine::LocalEngine &engine)
    : m_db(db)
    , m_engine(engine)
{ }

HolderClient::~HolderClient() = default;

QString HolderClient::tokenFile(const QString &tenantSlug)
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/VectorDesk/api-tokens/"_s
        + tenantSlug;
}

Result<QString> HolderClient::token(const QString &tenantSlug)
{
    const QString fromEnvironment = qEnvironmentVariable(kTokenVariable).trimmed();
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString path = tokenFile(tenantSlug);
    if (!QFile::exists(path))
        return ServiceError::unavailable(
            u"this machine has no API token of tenant %1. Make one on any machine with `vectordesk token create "
            u"--tenant %1 --role viewer --name %2` and give it to this machine "
            u"with `vectordesk token use --tenant %1`, or set %3"_s.arg(tenantSlug, QSysInfo::machineHostName(),
                                                                        QLatin1StringView(kTokenVariable)));
    // The same rules as an OpenAI key file: a regular file, the user's own, mode 0600.
    auto read = openai::CredentialStore::readKeyFile(path);
    if (!read)
        return ServiceError::unavailable(
            u"the API token file %1 cannot be used: %2"_s.arg(QDir::toNativeSeparators(path), read.error().message()));
    return read.value();
}

Result<HolderClient::Holder> HolderClient::holderOf(const VectorStore &store)
{
    if (store.engineHolder.isEmpty())
        return Holder{};
    auto row = readEngineHolder(m_db, store.engineHolder);
    if (!row)
        return row.error();
    if (!row.value())
        return Holder{store.engineHolder, {}, {}, {}};
    return Holder{row.value()->id, row.value()->host, row.value()->folder, row.value()->apiUrl};
}

QString HolderClient::where(const Holder &holder) const
{
    if (holder.id.isEmpty())
        return u"it is a local store whose index is not in this machine's engine folder (%1), and which machine "
               u"holds it was never recorded: start VectorDesk once on the machine that made the store, which "
               u"records itself"_s.arg(QDir::toNativeSeparators(m_engine.root()));
    const QString host = holder.host.isEmpty() ? u"an unknown machine"_s : holder.host;
    return u"it is a local store whose index is held by %1 (engine folder %2), not by this machine (%3, engine "
           u"folder %4)"_s.arg(host, holder.folder, QSysInfo::machineHostName(),
                               QDir::toNativeSeparators(m_engine.root()));
}

QString HolderClient::insteadText(const Holder &holder)
{
    if (holder.id.isEmpty())
        return QString();
    if (holder.apiUrl.isEmpty())
        return u" Do it on %1; to reach the store from other machines, run `vectordesk serve --advertise URL` there "
               u"(docs/teams.md)."_s.arg(holder.host);
    return u" Do it on %1, or through its API at %2 (docs/api.md)."_s.arg(holder.host, holder.apiUrl);
}

ServiceError HolderClient::refusal(const Tenant &tenant, const VectorStore &store, const QString &action)
{
    Q_UNUSED(tenant);
    auto holder = holderOf(store);
    if (!holder)
        return holder.error();
    return ServiceError::unavailable(u"%1 store '%2' is not possible on this machine: %3.%4 Nothing was changed."_s.arg(
        action, store.name, where(holder.value()), insteadText(holder.value())));
}

Result<HolderClient::Reach> HolderClient::reach(const Tenant &tenant, const VectorStore &store, const QString &action)
{
    auto holder = holderOf(store);
    if (!holder)
        return holder.error();
    const QString located = where(holder.value());
    if (holder->id.isEmpty())
        return ServiceError::unavailable(
            u"%1 store '%2' is not possible on this machine: %3."_s.arg(action, store.name, located));
    if (holder->apiUrl.isEmpty())
        return ServiceError::unavailable(u"%1 store '%2' is not possible on this machine: %3, and %4 does not serve "
                                         u"it. Run `vectordesk serve --advertise URL` there (docs/teams.md), or do "
                                         u"it on %4."_s.arg(action, store.name, located, holder->host));
    auto secret = token(tenant.slug);
    if (!secret)
        return ServiceError::unavailable(u"%1 store '%2' goes through %3 at %4 (%5), but %6."_s.arg(
            action, store.name, holder->host, holder->apiUrl, located, secret.error().message()));
    auto apiId = ensureStoreApiId(m_db, store);
    if (!apiId)
        return apiId.error();
    const QString key = holder->apiUrl + u'\n' + tenant.slug;
    auto it = m_clients.find(key);
    if (it != m_clients.end() && it->second->config().apiKey != secret.value()) {
        m_clients.erase(it);
        it = m_clients.end();
    }
    if (it == m_clients.end()) {
        openai::ClientConfig config;
        config.tenant = tenant.slug;
        config.baseUrl = QUrl(holder->apiUrl + u"/v1"_s);
        config.apiKey = secret.value();
        auto made = m_network.call<openai::OpenAIClient *>(
            [config = std::move(config)](auto answer) { answer(new openai::OpenAIClient(config)); });
        if (!made)
            return made.error();
        std::shared_ptr<openai::OpenAIClient> created(made.value(), [](openai::OpenAIClient *c) { c->deleteLater(); });
        it = m_clients.emplace(key, std::move(created)).first;
    }
    return Reach{holder.value(), it->second, apiId.value()};
}

Result<void> HolderClient::reachable(const Tenant &tenant, const VectorStore &store, const QString &action)
{
    auto to = reach(tenant, store, action);
    if (!to)
        return to.error();
    return {};
}

ServiceError HolderClient::failed(const Reach &to, const VectorStore &store, const QString &action,
                                  const ServiceError &error) const
{
    return ServiceError(error.kind(),
                        u"%1 store '%2' through %3 at %4, which holds its index, failed: %5"_s.arg(
                            action, store.name, to.holder.host, to.holder.apiUrl, error.message()),
                        error.details());
}

Result<QList<Chunk>> HolderClient::chunks(const Tenant &tenant, const VectorStore &store, const QString &fileApiId,
                                          int first, int count)
{
    const QString action = u"Reading chunks in"_s;
    auto to = reach(tenant, store, action);
    if (!to)
        return to.error();
    const openai::BlockingClient api(m_network, to->client);
    QList<Chunk> chunks;
    for (int next = first;;) {
        const int limit = count < 0 ? 1000 : std::min(1000, first + count - next);
        if (limit <= 0)
            break;
        auto page = api.request(&openai::OpenAIClient::vectorStoreFileChunks, to->storeApiId, fileApiId, next, limit);
        if (!page)
            return failed(to.value(), store, action, page.error());
        const QJsonArray data = page->value(u"data"_s).toArray();
        for (const QJsonValue &value : data) {
            auto chunk = Chunk::fromJson(value.toObject());
            if (!chunk)
                return failed(to.value(), store, action,
                              ServiceError::unavailable(u"its answer has a chunk this VectorDesk cannot read; do "
                                                        u"both machines run the same version?"_s));
            chunks << *chunk;
        }
        if (!page->value(u"has_more"_s).toBool() || data.isEmpty())
            break;
        next = chunks.last().ordinal + 1;
    }
    return chunks;
}

Result<QString> HolderClient::attach(const Tenant &tenant, const VectorStore &store, const FileDraft &draft)
{
    const QString action = u"Attaching '%1' to"_s.arg(draft.filename);
    auto to = reach(tenant, store, action);
    if (!to)
        return to.error();
    const openai::BlockingClient api(m_network, to->client);
    auto uploaded = api.request(&openai::OpenAIClient::uploadFile, draft.sourcePath, draft.filename);
    if (!uploaded)
        return failed(to.value(), store, action, uploaded.error());
    const QString fileApiId = uploaded->value(u"id"_s).toString();
    const ChunkingStrategy chunking = draft.chunking.value_or(store.chunking);
    auto attached = api.request(&openai::OpenAIClient::createVectorStoreFile, to->storeApiId, fileApiId,
                                draft.attributes, chunking);
    if (!attached) {
        // The upload alone would be a File of the tenant that nobody asked for.
        auto removed = api.request(&openai::OpenAIClient::deleteFile, fileApiId);
        if (!removed)
            qCWarning(lcHolder).noquote() << "removing the upload" << fileApiId
                                          << "after the attach failed, failed too:" << removed.error().message();
        return failed(to.value(), store, action, attached.error());
    }
    return fileApiId;
}

Result<void> HolderClient::change(
    const Tenant &tenant, const VectorStore &store, const QString &action,
    const std::function<Result<QJsonObject>(const openai::BlockingClient &, const QString &storeApiId)> &call)
{
    auto to = reach(tenant, store, action);
    if (!to)
        return to.error();
    auto sent = call(openai::BlockingClient(m_network, to->client), to->storeApiId);
    if (!sent)
        return failed(to.value(), store, action, sent.error());
    return {};
}

Result<void> HolderClient::setAttributes(const Tenant &tenant, const VectorStore &store, const QString &fileApiId,
                                         const QJsonObject &attributes)
{
    return change(tenant, store, u"Changing file attributes in"_s, [&](const auto &api, const QString &storeApiId) {
        return api.request(&openai::OpenAIClient::updateVectorStoreFileAttributes, storeApiId, fileApiId, attributes);
    });
}

Result<void> HolderClient::detach(const Tenant &tenant, const VectorStore &store, const QString &fileApiId)
{
    return change(tenant, store, u"Detaching a file from"_s, [&](const auto &api, const QString &storeApiId) {
        return api.request(&openai::OpenAIClient::deleteVectorStoreFile, storeApiId, fileApiId);
    });
}

Result<void> HolderClient::restore(const Tenant &tenant, const VectorStore &store, const QString &fileApiId)
{
    return change(tenant, store, u"Restoring a file to"_s, [&](const auto &api, const QString &storeApiId) {
        return api.request(&openai::OpenAIClient::restoreVectorStoreFile, storeApiId, fileApiId);
    });
}

Result<SearchResponse> HolderClient::search(const Tenant &tenant, const QList<VectorStore> &stores,
                                            const SearchRequest &request)
{
    SearchResponse merged;
    merged.searchQuery = request.queries;
    for (const VectorStore &store : stores) {
        auto to = reach(tenant, store, u"Searching"_s);
        if (!to)
            return to.error();
        const Holder *holder = &to->holder;
        const openai::BlockingClient api(m_network, to->client);
        auto found = api.search(to->storeApiId, request, true); // with the matched words, as a local search has
        if (!found)
            return failed(to.value(), store, u"Searching"_s, found.error());
        // The holder answers with the files' public ids; this database maps them back (only the
        // ones answered: a search must not read every file of a large store).
        QHash<QString, qint64> ids;
        if (!found->remoteFileIds.isEmpty()) {
            QVariantList binds{store.id};
            for (const QString &answered : std::as_const(found->remoteFileIds))
                binds << answered;
            auto map = runQuery(m_db,
                                u"SELECT f.id, u.api_id FROM vector_store_files f JOIN uploaded_files u ON u.id = "
                                u"f.upload_id WHERE f.store_id = ? AND u.api_id IN ("_s
                                    + sql::placeholders(found->remoteFileIds.size()) + u')',
                                binds, u"mapping the files of store '%1'"_s.arg(store.name));
            if (!map)
                return map.error();
            while (map.value().next())
                ids.insert(map.value().value(1).toString(), map.value().value(0).toLongLong());
        }
        for (qsizetype i = 0; i < found->response.data.size(); ++i) {
            const qint64 fileId = ids.value(found->remoteFileIds.value(i), 0);
            if (fileId == 0)
                return ServiceError::unavailable(
                    u"%1 at %2 answered a search of store '%3' with a file (%4) this database does not know; is it "
                    u"on the same database?"_s.arg(holder->host, holder->apiUrl, store.name,
                                                   found->remoteFileIds.value(i)));
            SearchHit hit = found->response.data.at(i);
            hit.fileId = fileId;
            hit.storeId = store.id;
            merged.data << hit;
        }
    }
    std::stable_sort(merged.data.begin(), merged.data.end(),
                     [](const SearchHit &a, const SearchHit &b) { return a.score > b.score; });
    merged.explain = QJsonObject{{u"engine"_s, u"local, searched on the machine that holds the index"_s},
                                 {u"ranker"_s, request.ranker},
                                 {u"score_threshold"_s, request.scoreThreshold}};
    return merged;
}

} // namespace vd
