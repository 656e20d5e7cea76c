#include "core/openai/openaibackend.h"

#include "core/openai/credentialstore.h"
#include "core/openai/ingesterrors.h"
#include "core/openai/openaisettings.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/sqlvalues.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace vd::openai {

namespace {

constexpr auto kStoreIdKey = "vectordesk_store_id";
constexpr auto kTenantKey = "vectordesk_tenant";

constexpr auto &run = runQuery; // one statement, values bound (storage/query.h)

QString jsonText(const QJsonValue &value)
{
    const QString text = value.isString()
        ? u"\"%1\""_s.arg(value.toString())
        : QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    return OpenAIClient::serverText(text.left(100));
}

QString jsonType(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Array:
        return u"a list"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    default:
        return u"null"_s;
    }
}

// A status as the API defines it for `what` (in `allowed`); anything else is an error that names
// it, on that item only. VectorDesk never guesses what an unknown status means.
Result<QString> knownStatus(const QJsonObject &o, const QStringList &allowed, const QString &what)
{
    const QJsonValue v = o.value(u"status"_s);
    if (!v.isString())
        return ServiceError::unavailable(
            u"OpenAI reported a status for %1 that is not a string (%2, %3); VectorDesk cannot tell what state it is "
            u"in. Is the tenant's base URL an OpenAI-compatible API?"_s.arg(what, jsonType(v), jsonText(v)));
    if (!allowed.contains(v.toString()))
        return ServiceError::unavailable(
            u"OpenAI reported status '%1' for %2, which is not one the API defines (%3); "
            u"VectorDesk does not guess what it means. Is the tenant's base URL an "
            u"OpenAI-compatible API?"_s.arg(OpenAIClient::serverText(v.toString().left(100)), what,
                                            allowed.join(u", "_s)));
    return v.toString();
}

const QStringList kFileStatuses{u"in_progress"_s, u"completed"_s, u"failed"_s, u"cancelled"_s};
const QStringList kStoreStatuses{u"in_progress"_s, u"completed"_s, u"expired"_s};

// A count of bytes (usage_bytes): absent or null is 0; anything but a whole number >= 0 is an error.
Result<qint64> byteCount(const QJsonObject &o, const QString &field, const QString &what)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return qint64(0);
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 0 || d != std::floor(d) || d > 9e15)
        return ServiceError::unavailable(
            u"OpenAI's answer for %1 has %2 = %3 (%4), not a whole number of bytes; VectorDesk does not record it. Is "
            u"the tenant's base URL an OpenAI-compatible API?"_s.arg(what, field, jsonText(v), jsonType(v)));
    return qint64(d);
}

FileCounts countsFrom(const QJsonObject &o)
{
    FileCounts c;
    c.inProgress = o.value(u"in_progress"_s).toInteger();
    c.completed = o.value(u"completed"_s).toInteger();
    c.failed = o.value(u"failed"_s).toInteger();
    c.cancelled = o.value(u"cancelled"_s).toInteger();
    return c;
}

} // namespace

std::optional<qint64> secondsToMs(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    return qint64(value.toDouble()) * 1000;
}

OpenAIBackend::OpenAIBackend(Database &db, QString engineRoot)
    : m_db(db)
    , m_blobs(engineRoot + u"/blobs"_s)
{ }

// The clients (and the keychain store) were made on m_network and are deleted there: each
// client through its shared_ptr's deleter (deleteLater), the keychain store with the thread's
// context object, when m_network's destructor stops the thread after this body.
OpenAIBackend::~OpenAIBackend() = default;

Result<QString> OpenAIBackend::resolveKey(const Tenant &tenant)
{
    // The keychain job runs on the network thread (QtKeychain answers through that thread's event
    // loop); this thread only waits for the answer.
    return m_network.call<QString>([this, id = tenant.id, slug = tenant.slug](auto answer) {
        if (!m_credentials)
            m_credentials = new CredentialStore(m_network.context());
        m_credentials->resolve(id, slug, std::move(answer));
    });
}

Result<BlockingClient> OpenAIBackend::client(const Tenant &tenant)
{
    // Settings and key are read for every operation, so a new key or base URL applies at once;
    // the client (its queue and rate-limit state) is kept while they stay the same.
    auto settings = loadSettings(m_db, tenant.id);
    if (!settings)
        return settings.error();
    auto key = resolveKey(tenant);
    if (!key)
        return key.error();
    if (auto it = m_clients.find(tenant.id); it != m_clients.end()) {
        const ClientConfig &current = it->second->config();
        if (current.apiKey == key.value() && current.baseUrl == settings->baseUrl
            && current.organization == settings->organization && current.project == settings->project)
            return BlockingClient(m_network, it->second);
        m_clients.erase(it);
    }
    ClientConfig config;
    config.tenant = tenant.slug;
    config.baseUrl = settings->baseUrl;
    config.organization = settings->organization;
    config.project = settings->project;
    config.apiKey = key.value();
    if (m_configHook)
        m_configHook(config);
    // Made on the network thread, where its QNetworkAccessManager and timers must live.
    auto made =
        m_network.call<OpenAIClient *>([config = std::move(config)](auto answer) { answer(new OpenAIClient(config)); });
    if (!made)
        return made.error();
    std::shared_ptr<OpenAIClient> created(made.value(), [](OpenAIClient *c) { c->deleteLater(); });
    m_clients.emplace(tenant.id, created);
    return BlockingClient(m_network, std::move(created));
}

Result<QString> OpenAIBackend::checkConnection(const Tenant &tenant)
{
    auto api = client(tenant);
    if (!api)
        return api.error();
    auto answer = api->request(&OpenAIClient::listVectorStores, ListQuery{1, {}, {}, {}, {}});
    if (!answer)
        return answer.error();
    return api->config().baseUrl.toString();
}

Result<QString> OpenAIBackend::adoptEarlierStore(const BlockingClient &api, const Tenant &tenant,
                                                 const VectorStore &store)
{
    // An earlier attempt may have created the store and then failed to record it (the database
    // transaction rolled back, the process died, the answer was lost): adopt that one instead.
    auto existing = api.allVectorStores(ListQuery{100, u"desc"_s, {}, {}, {}}, 10, true);
    if (!existing)
        return existing.error();
    const QString storeTag = QString::number(store.id);
    for (const QJsonObject &remote : existing.value()) {
        const QJsonObject metadata = remote.value(u"metadata"_s).toObject();
        if (metadata.value(QLatin1StringView(kStoreIdKey)).toString() == storeTag
            && metadata.value(QLatin1StringView(kTenantKey)).toString() == tenant.slug
            && remote.value(u"name"_s).toString() == store.name) {
            qCInfo(lcOpenAI).noquote() << "adopting remote store" << remote.value(u"id"_s).toString() << "for"
                                       << store.name << "(created by an earlier attempt)";
            return remote.value(u"id"_s).toString();
        }
    }
    return QString();
}

Result<QString> OpenAIBackend::createStore(const Tenant &tenant, const VectorStore &store)
{
    auto c = client(tenant);
    if (!c)
        return c.error();
    const BlockingClient &api = c.value();
    QJsonObject metadata;
    for (auto it = store.metadata.constBegin(); it != store.metadata.constEnd(); ++it)
        metadata.insert(it.key(), it.value().isString() ? it.value() : QJsonValue(it.value().toVariant().toString()));
    if (metadata.size() <= 14) { // OpenAI allows 16 pairs; the tags need two
        metadata.insert(QLatin1StringView(kStoreIdKey), QString::number(store.id));
        metadata.insert(QLatin1StringView(kTenantKey), tenant.slug);
    }
    QJsonObject body{{u"name"_s, store.name}, {u"metadata"_s, metadata}};
    if (store.expiresAfter)
        body.insert(u"expires_after"_s,
                    QJsonObject{{u"anchor"_s, store.expiresAfter->anchor}, {u"days"_s, store.expiresAfter->days}});
    for (int attempt = 1;; ++attempt) {
        auto found = adoptEarlierStore(api, tenant, store);
        if (!found)
            return found.error();
        if (!found->isEmpty())
            return found.value();
        auto created = api.request(&OpenAIClient::createVectorStore, body);
        if (!created) {
            if (created.error().details().value(u"maybe_created"_s).toBool() && attempt < 3)
                continue; // look again before creating again
            return created.error();
        }
        const QString id = created->value(u"id"_s).toString();
        if (id.isEmpty())
            return ServiceError::unavailable(u"OpenAI created store '%1' but its answer has no id."_s.arg(store.name));
        return id;
    }
}

Result<void> OpenAIBackend::purgeStore(const Tenant &tenant, const VectorStore &store)
{
    if (store.remoteId.isEmpty())
        return {};
    auto c = client(tenant);
    if (!c)
        return c.error();
    const BlockingClient &api = c.value();
    // The uploaded files are not part of the store: delete them first, while they can be listed.
    auto files = api.allVectorStoreFiles(store.remoteId, ListQuery{}, 1000);
    if (!files && !isNotFound(files.error()))
        return files.error();
    if (files)
        for (const QJsonObject &f : files.value()) {
            auto r = api.request(&OpenAIClient::deleteFile, f.value(u"id"_s).toString());
            if (!r && !isNotFound(r.error()))
                return r.error();
        }
    auto deleted = api.request(&OpenAIClient::deleteVectorStore, store.remoteId);
    if (!deleted && !isNotFound(deleted.error()))
        return deleted.error();
    return {};
}

Result<StagedFile> OpenAIBackend::stageFile(const Tenant &, const QString &path)
{
    auto stored = m_blobs.store(path);
    if (!stored)
        return stored.error();
    return StagedFile{stored->sha256, stored->size, !stored->alreadyPresent};
}

Result<void> OpenAIBackend::discardStaged(const Tenant &, const StagedFile &staged)
{
    if (!staged.wasNew)
        return {};
    return m_blobs.remove(staged.sha256);
}

Result<QString> OpenAIBackend::recordedRemoteId(qint64 fileId)
{
    auto q = run(m_db, u"SELECT remote_file_id FROM vector_store_files WHERE id = ?"_s, {fileId},
                 u"reading a file's OpenAI id"_s);
    if (!q)
        return q.error();
    return q.value().next() ? q.value().value(0).toString() : QString();
}

Result<QString> OpenAIBackend::findEarlierUpload(const BlockingClient &api, const StoreFile &file)
{
    auto uploads = api.request(&OpenAIClient::listFiles, ListQuery{10000, u"desc"_s, {}, {}, {}});
    if (!uploads)
        return uploads.error();
    return matchEarlierUpload(uploads.value(), file, {});
}

Result<QString> OpenAIBackend::matchEarlierUpload(const QJsonObject &uploads, const StoreFile &file,
                                                  const QSet<QString> &taken)
{
    // An upload whose id was never recorded (the process died in between): same name and size,
    // made after the file was attached, and not used by any other file record (nor `taken`).
    for (const QJsonValue &v : uploads.value(u"data"_s).toArray()) {
        const QJsonObject f = v.toObject();
        const qint64 createdMs = f.value(u"created_at"_s).toInteger() * 1000;
        if (f.value(u"filename"_s).toString() != file.filename || f.value(u"bytes"_s).toInteger() != file.sizeBytes
            || createdMs + 1000 < file.createdAt)
            continue;
        const QString id = f.value(u"id"_s).toString();
        if (taken.contains(id))
            continue;
        auto used = run(m_db, u"SELECT count(*) FROM vector_store_files WHERE remote_file_id = ? AND id <> ?"_s,
                        {id, file.id}, u"checking an earlier upload"_s);
        if (!used)
            return used.error();
        used.value().next();
        if (used.value().value(0).toLongLong() == 0)
            return id;
    }
    return QString();
}

Result<QString> OpenAIBackend::upload(const BlockingClient &api, const StoreFile &file, const QString &path)
{
    return finishUpload(api, file, path, api.request(&OpenAIClient::uploadFile, path, file.filename));
}

Result<QString> OpenAIBackend::finishUpload(const BlockingClient &api, const StoreFile &file, const QString &path,
                                            Result<QJsonObject> uploaded)
{
    QString id;
    for (int attempt = 1; id.isEmpty(); ++attempt) {
        if (uploaded) {
            id = uploaded->value(u"id"_s).toString();
            if (id.isEmpty())
                return ServiceError::unavailable(
                    u"OpenAI accepted the upload of %1 but its answer has no id."_s.arg(file.filename));
            break;
        }
        if (!uploaded.error().details().value(u"maybe_created"_s).toBool() || attempt >= 3)
            return uploaded.error();
        // The upload may have arrived although its answer did not: look before uploading again.
        auto earlier = findEarlierUpload(api, file);
        if (!earlier)
            return earlier.error();
        id = earlier.value();
        if (id.isEmpty())
            uploaded = api.request(&OpenAIClient::uploadFile, path, file.filename);
    }
    // Recorded at once, so a retry or a resumed run attaches this upload instead of uploading again.
    if (auto r = recordRemoteId(file, id); !r)
        return r.error();
    return id;
}

Result<void> OpenAIBackend::recordRemoteId(const StoreFile &file, const QString &fileId)
{
    auto r = run(m_db, u"UPDATE vector_store_files SET remote_file_id = ? WHERE id = ?"_s, {fileId, file.id},
                 u"recording the OpenAI id of %1"_s.arg(file.filename));
    if (!r)
        return r.error();
    return {};
}

Result<IngestOutcome> OpenAIBackend::ingest(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                            const std::function<bool()> &cancelled)
{
    if (store.remoteId.isEmpty())
        return fileError(u"server_error"_s,
                         u"Store '%1' has no OpenAI vector store id; it was not created remotely."_s.arg(store.name));
    auto c = client(tenant);
    if (!c)
        return fileError(u"server_error"_s, c.error().message());
    const BlockingClient &api = c.value();
    const QString blob = m_blobs.pathFor(file.sha256);

    auto recorded = recordedRemoteId(file.id);
    if (!recorded)
        return fileError(u"server_error"_s, recorded.error().message());
    QString fileId = recorded->isEmpty() ? file.remoteFileId : recorded.value();
    if (fileId.isEmpty()) {
        auto earlier = findEarlierUpload(api, file);
        if (!earlier)
            return fileError(u"server_error"_s, earlier.error().message());
        fileId = earlier.value();
        if (!fileId.isEmpty()) {
            qCInfo(lcOpenAI).noquote() << "reusing earlier upload" << fileId << "of" << file.filename;
            if (auto r = recordRemoteId(file, fileId); !r)
                return fileError(u"server_error"_s, r.error().message());
        }
    }
    if (cancelled && cancelled())
        return cancelledError(file);

    // Attached already (by an earlier attempt)?
    Result<QJsonObject> attached = ServiceError::notFound(QString());
    if (!fileId.isEmpty())
        attached = api.request(&OpenAIClient::getVectorStoreFile, store.remoteId, fileId);
    if (!attached && !isNotFound(attached.error()))
        return fileError(u"server_error"_s, attached.error().message());
    for (int round = 0; !attached && round < 2; ++round) {
        if (fileId.isEmpty()) {
            if (!QFile::exists(blob))
                return fileError(
                    u"server_error"_s,
                    u"The stored copy of %1 is missing (%2); attach the file again."_s.arg(file.filename, blob));
            auto uploaded = upload(api, file, blob);
            if (!uploaded)
                return fileError(fileErrorCode(uploaded.error()), uploaded.error().message());
            fileId = uploaded.value();
            if (cancelled && cancelled())
                return cancelledError(file);
        }
        attached =
            api.request(&OpenAIClient::createVectorStoreFile, store.remoteId, fileId, file.attributes, file.chunking);
        if (!attached && attached.error().details().value(u"maybe_created"_s).toBool()) {
            // The attach may have happened although its answer was lost: look before attaching again.
            auto found = api.request(&OpenAIClient::getVectorStoreFile, store.remoteId, fileId);
            if (!found && !isNotFound(found.error()))
                return fileError(u"server_error"_s, found.error().message());
            attached = found ? found
                             : api.request(&OpenAIClient::createVectorStoreFile, store.remoteId, fileId,
                                           file.attributes, file.chunking);
        }
        if (!attached && isNotFound(attached.error()) && round == 0) {
            // The upload or the store was deleted outside VectorDesk. A missing upload is made
            // again (once); a missing store is reported, never re-created here.
            if (api.request(&OpenAIClient::getFile, fileId))
                return storeGone(store);
            qCInfo(lcOpenAI).noquote() << "upload" << fileId << "of" << file.filename << "is gone; uploading again";
            fileId.clear();
            continue;
        }
        if (!attached)
            return fileError(fileErrorCode(attached.error()), attached.error().message());
    }

    QElapsedTimer waited;
    waited.start();
    return pollFile(api, store, file, fileId, attached.value(), cancelled, waited);
}

std::optional<Result<IngestOutcome>> OpenAIBackend::settled(const VectorStore &store, const StoreFile &file,
                                                            const QString &fileId, const QJsonObject &state) const
{
    const QString what = u"%1 (%2 in %3)"_s.arg(file.filename, fileId, store.remoteId);
    auto known = knownStatus(state, kFileStatuses, what);
    if (!known)
        return Result<IngestOutcome>(fileError(u"server_error"_s, known.error().message()));
    const QString status = known.value();
    if (status == u"completed"_s) {
        auto usage = byteCount(state, u"usage_bytes"_s, what);
        if (!usage)
            return Result<IngestOutcome>(fileError(u"server_error"_s, usage.error().message()));
        return Result<IngestOutcome>(IngestOutcome{usage.value(), 0, 0, false, fileId});
    }
    if (status == u"failed"_s) {
        const QJsonObject error = state.value(u"last_error"_s).toObject();
        QString code = error.value(u"code"_s).toString();
        if (code != u"invalid_file"_s && code != u"unsupported_file"_s)
            code = u"server_error"_s;
        const QString message = OpenAIClient::serverText(error.value(u"message"_s).toString());
        return Result<IngestOutcome>(fileError(
            code, u"OpenAI could not process %1: %2"_s.arg(file.filename, message.isEmpty() ? code : message)));
    }
    if (status == u"cancelled"_s)
        return Result<IngestOutcome>(
            fileError(u"server_error"_s,
                      u"OpenAI cancelled the processing of %1 (a file batch was cancelled); retry the file."_s.arg(
                          file.filename)));
    return std::nullopt; // in_progress
}

Result<IngestOutcome> OpenAIBackend::pollFile(const BlockingClient &api, const VectorStore &store,
                                              const StoreFile &file, const QString &fileId, QJsonObject state,
                                              const std::function<bool()> &cancelled, const QElapsedTimer &waited)
{
    int interval = m_pollMs;
    while (true) {
        if (auto done = settled(store, file, fileId, state))
            return *done;
        if (waited.elapsed() >= m_ingestWaitMs) {
            qCInfo(lcOpenAI).noquote() << file.filename << "is still being processed by OpenAI after"
                                       << waited.elapsed() / 1000 << "s; the sync worker picks it up";
            return IngestOutcome{0, 0, 0, true, fileId};
        }
        if (cancelled && cancelled())
            return cancelledError(file);
        // Asked after `interval`, timed on the network thread; this thread just waits for the answer.
        auto polled = api.pollVectorStoreFile(store.remoteId, fileId, interval);
        interval = std::min(interval * 2, std::max(m_pollMs, 5000));
        if (!polled)
            return fileError(u"server_error"_s, polled.error().message());
        state = polled.value();
    }
}

Result<void> OpenAIBackend::setFileVisible(const Tenant &, const VectorStore &, const StoreFile &, bool)
{
    // Detach keeps the remote store file until purge: VectorStoreService::search drops results of
    // detached files, and search() asks OpenAI for extra results to make up for them.
    return {};
}

Result<void> OpenAIBackend::setFileAttributes(const Tenant &tenant, const VectorStore &store, const StoreFile &file)
{
    auto recorded = recordedRemoteId(file.id);
    if (!recorded)
        return recorded.error();
    const QString fileId = recorded->isEmpty() ? file.remoteFileId : recorded.value();
    if (fileId.isEmpty() || store.remoteId.isEmpty())
        return {}; // not attached yet: ingestion attaches it with the attributes of the moment
    auto c = client(tenant);
    if (!c)
        return c.error();
    auto r = c->request(&OpenAIClient::updateVectorStoreFileAttributes, store.remoteId, fileId, file.attributes);
    if (!r && isNotFound(r.error()))
        return {}; // not attached (yet, or any more): nothing to update remotely
    if (!r)
        return r.error();
    return {};
}

Result<void> OpenAIBackend::purgeFile(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                      bool lastReference)
{
    const QString fileId = file.remoteFileId;
    if (!fileId.isEmpty()) {
        auto c = client(tenant);
        if (!c)
            return c.error();
        const BlockingClient &api = c.value();
        if (!store.remoteId.isEmpty()) {
            auto r = api.request(&OpenAIClient::deleteVectorStoreFile, store.remoteId, fileId);
            if (!r && !isNotFound(r.error()))
                return r.error();
        }
        auto r = api.request(&OpenAIClient::deleteFile, fileId);
        if (!r && !isNotFound(r.error()))
            return r.error();
    }
    if (lastReference && m_blobs.contains(file.sha256))
        return m_blobs.remove(file.sha256);
    return {};
}

Result<SearchResponse> OpenAIBackend::search(const Tenant &tenant, const QList<VectorStore> &stores,
                                             const SearchRequest &request)
{
    auto c = client(tenant);
    if (!c)
        return c.error();
    const BlockingClient &api = c.value();
    SearchResponse merged;
    merged.searchQuery = request.queries;
    for (const VectorStore &store : stores) {
        if (store.tenantId != tenant.id)
            return ServiceError::notFound(u"Store %1 does not belong to tenant %2."_s.arg(store.id).arg(tenant.slug));
        if (store.remoteId.isEmpty())
            return ServiceError::unavailable(
                u"Store '%1' has no OpenAI vector store id; it cannot be searched."_s.arg(store.name));
        // Detached files are still attached remotely until purge: ask for that many more results.
        auto hidden = run(m_db,
                          u"SELECT count(*) FROM vector_store_files WHERE store_id = ? AND remote_file_id IS NOT NULL "
                          u"AND (deleted_at IS NOT NULL OR status <> 'completed')"_s,
                          {store.id}, u"counting hidden files"_s);
        if (!hidden)
            return hidden.error();
        hidden.value().next();
        SearchRequest remote = request;
        remote.maxNumResults = int(std::min<qint64>(50, request.maxNumResults + hidden.value().value(0).toLongLong()));
        auto found = api.search(store.remoteId, remote);
        if (!found) {
            if (isNotFound(found.error()))
                return ServiceError::notFound(
                    u"OpenAI no longer has the vector store %1 behind store '%2'; it was deleted outside VectorDesk. "
                    u"The sync worker marks it missing; create a new store and attach the files again."_s.arg(
                        store.remoteId, store.name));
            return found.error();
        }
        QHash<QString, qint64> ids;
        if (!found->remoteFileIds.isEmpty()) {
            // Only the files answered, not every file of the store.
            QVariantList binds{store.id};
            for (const QString &remoteId : std::as_const(found->remoteFileIds))
                binds << remoteId;
            auto map =
                run(m_db,
                    u"SELECT id, remote_file_id FROM vector_store_files WHERE store_id = ? AND remote_file_id IN ("_s
                        + sql::placeholders(found->remoteFileIds.size()) + u')',
                    binds, u"mapping OpenAI file ids"_s);
            if (!map)
                return map.error();
            while (map.value().next())
                ids.insert(map.value().value(1).toString(), map.value().value(0).toLongLong());
        }
        for (qsizetype i = 0; i < found->response.data.size(); ++i) {
            const qint64 local = ids.value(found->remoteFileIds.at(i), 0);
            if (local == 0) {
                qCDebug(lcOpenAI).noquote() << "search result for unknown file" << found->remoteFileIds.at(i);
                continue;
            }
            SearchHit hit = found->response.data.at(i);
            hit.fileId = local;
            hit.storeId = store.id;
            merged.data << hit;
        }
        if (!found->response.searchQuery.isEmpty())
            merged.searchQuery = found->response.searchQuery;
    }
    std::stable_sort(merged.data.begin(), merged.data.end(),
                     [](const SearchHit &a, const SearchHit &b) { return a.score > b.score; });
    merged.explain =
        QJsonObject{{u"engine"_s, u"openai"_s},
                    {u"ranker"_s, request.ranker},
                    {u"score"_s, u"OpenAI's relevance score (0..1)"_s},
                    {u"score_threshold"_s, request.scoreThreshold},
                    {u"rewrite_query"_s, request.rewriteQuery ? u"requested from OpenAI"_s : u"not requested"_s}};
    return merged;
}

Result<RemoteStoreState> OpenAIBackend::refresh(const Tenant &tenant, const VectorStore &store,
                                                const QList<StoreFile> &files)
{
    RemoteStoreState state;
    if (store.remoteId.isEmpty()) {
        state.missing = true;
        return state;
    }
    auto c = client(tenant);
    if (!c)
        return c.error();
    const BlockingClient &api = c.value();
    auto remote = api.request(&OpenAIClient::getVectorStore, store.remoteId);
    if (!remote && isNotFound(remote.error())) {
        state.missing = true;
        return state;
    }
    if (!remote)
        return remote.error();
    const QString storeWhat = u"vector store %1 (store '%2')"_s.arg(store.remoteId, store.name);
    auto storeStatus = knownStatus(remote.value(), kStoreStatuses, storeWhat);
    if (!storeStatus)
        return storeStatus.error();
    auto storeUsage = byteCount(remote.value(), u"usage_bytes"_s, storeWhat);
    if (!storeUsage)
        return storeUsage.error();
    state.status = storeStatus.value();
    state.usageBytes = storeUsage.value();
    state.fileCounts = countsFrom(remote->value(u"file_counts"_s).toObject());
    state.expiresAt = secondsToMs(remote->value(u"expires_at"_s));
    state.lastActiveAt = secondsToMs(remote->value(u"last_active_at"_s));
    // The files still in progress come from the store's list of files in progress, a request per
    // page of 100, not a request per file. A file that left that list is read on its own, or, when
    // fewer requests do it, from the lists of completed, failed and cancelled files (the store's
    // file_counts tell how long they are).
    QHash<QString, qsizetype> remoteIds; // remote file id -> position in state.files
    for (const StoreFile &file : files) {
        RemoteFileState f;
        f.fileId = file.id;
        auto recorded = recordedRemoteId(file.id);
        if (!recorded)
            return recorded.error();
        const QString fileId = recorded->isEmpty() ? file.remoteFileId : recorded.value();
        if (fileId.isEmpty()) // not uploaded yet: ingestion's business
            f.status = fileStatusName(file.status);
        else
            remoteIds.insert(fileId, state.files.size());
        state.files << f;
    }
    const auto pages = [](qint64 count) {
        return (count + 99) / 100;
    };
    QHash<QString, QJsonObject> listed;
    const auto list = [&](const QString &status, qint64 expected) -> Result<void> {
        // Files may finish while the pages are read: a few more pages than counted are allowed.
        auto got = api.allVectorStoreFiles(store.remoteId, ListQuery{100, {}, {}, {}, status},
                                           int(std::min<qint64>(pages(expected) + 10, 100'000)));
        if (!got)
            return got.error();
        for (const QJsonObject &o : got.value())
            listed.insert(o.value(u"id"_s).toString(), o);
        return {};
    };
    if (!remoteIds.isEmpty() && m_refreshByList) {
        if (auto r = list(u"in_progress"_s, state.fileCounts.inProgress); !r)
            return r.error();
        qsizetype left = 0;
        for (auto it = remoteIds.cbegin(); it != remoteIds.cend(); ++it)
            left += listed.contains(it.key()) ? 0 : 1;
        // (The counts were read before the list: files that finished since cost a page more at most.)
        const qint64 terminalPages = std::max<qint64>(1, pages(state.fileCounts.completed))
            + std::max<qint64>(1, pages(state.fileCounts.failed))
            + std::max<qint64>(1, pages(state.fileCounts.cancelled));
        if (left > terminalPages)
            for (const auto &[status, count] : {std::pair{u"completed"_s, state.fileCounts.completed},
                                                std::pair{u"failed"_s, state.fileCounts.failed},
                                                std::pair{u"cancelled"_s, state.fileCounts.cancelled}})
                if (auto r = list(status, count + left); !r)
                    return r.error();
    }
    for (auto it = remoteIds.cbegin(); it != remoteIds.cend(); ++it) {
        RemoteFileState &f = state.files[it.value()];
        const QString &fileId = it.key();
        Result<QJsonObject> got = listed.value(fileId);
        if (!listed.contains(fileId))
            got = api.request(&OpenAIClient::getVectorStoreFile, store.remoteId, fileId);
        if (!got && isNotFound(got.error())) {
            f.missing = true;
        } else if (!got) {
            return got.error();
        } else {
            // A status or size the API does not define is an error on this file only.
            const QString filename = files.at(it.value()).filename;
            const QString what = u"%1 (%2 in %3)"_s.arg(filename, fileId, store.remoteId);
            auto status = knownStatus(got.value(), kFileStatuses, what);
            auto usage = byteCount(got.value(), u"usage_bytes"_s, what);
            if (!status || !usage) {
                f.status = u"failed"_s;
                f.lastErrorCode = u"server_error"_s;
                f.lastErrorMessage = (!status ? status.error() : usage.error()).message();
            } else {
                f.status = status.value();
                f.usageBytes = usage.value();
                const QJsonObject error = got->value(u"last_error"_s).toObject();
                f.lastErrorCode = error.value(u"code"_s).toString();
                f.lastErrorMessage = OpenAIClient::serverText(error.value(u"message"_s).toString());
            }
        }
    }
    return state;
}

Result<QList<Chunk>> OpenAIBackend::chunks(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                           int first, int count)
{
    Q_UNUSED(tenant);
    Q_UNUSED(first);
    Q_UNUSED(count);
    return ServiceError::invalid(
        u"The chunks of '%1' are not available: store '%2' is kept by OpenAI, whose API "
        u"returns only the matching text of a search, never a file's chunks."_s.arg(file.filename, store.name));
}

} // namespace vd::openai
