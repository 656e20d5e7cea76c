#pragma once

#include "core/backend/vectorstorebackend.h"
#include "core/domain/agent.h"
#include "core/domain/agentresolver.h"
#include "core/domain/apitoken.h"
#include "core/domain/drafts.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"
#include "core/domain/uploadedfile.h"
#include "core/metrics/metrics.h"
#include "core/openai/openaisettings.h"
#include "core/service/attachpolicy.h"
#include "core/storage/engineholders.h"
#include "core/tracing/tracing.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QString>
#include <QUrl>
#include <QVariant>

#include <functional>
#include <optional>

class QSqlQuery;

namespace vd {

Q_DECLARE_LOGGING_CATEGORY(lcService)

class Database;
class Lifecycle;

struct SearchRequest;
struct SearchResponse;

// The one entry point for changing and reading tenants, stores, files and memberships.
// Every call acts as the operator given at construction and checks their role in the tenant.
// Every change runs in one transaction with its audit row; a failed call changes nothing.
// Not thread-safe: make one per thread, each over its own Database.
class VectorStoreService
{
public:
    // The backends that keep stores' content ("local", "openai"), by name; required. A
    // CoreSession wires them; tests may hand their own.
    VectorStoreService(Database &db, QString operatorName, BackendFor backendFor);

    const QString &operatorName() const { return m_operator; }
    void setRequestId(const QString &requestId) { m_requestId = requestId; }
    const QString &requestId() const { return m_requestId; }
    // For tests and the sync worker: the clock in unix milliseconds.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    // The acting operator; on a database with no operators yet, the first one to act becomes
    // its instance administrator (who may create tenants and acts as owner everywhere).
    struct OperatorInfo
    {
        qint64 id = 0;
        QString name;
        bool isInstanceAdmin = false;
    };
    Result<OperatorInfo> currentOperator();
    // The operator's role in a tenant (owner for instance administrators).
    Result<Role> roleIn(const QString &tenantRef);

    // API tokens (core/service/servicetokens.cpp, docs/api.md). Creating, listing and revoking
    // need the admin role in the tenant; a token's role is viewer, editor or admin.
    Result<NewApiToken> createApiToken(const QString &tenantRef, const QString &name, Role role,
                                       std::optional<int> expiresInDays);
    Result<QList<ApiToken>> listApiTokens(const QString &tenantRef, bool includeInactive = false);
    // `tokenRef`: the token's name (case-insensitive, among active tokens) or its id.
    Result<ApiToken> revokeApiToken(const QString &tenantRef, const QString &tokenRef);
    // Who presents `secret`: its token's tenant and role, if the token exists, is not revoked and
    // has not expired. Any failure is the same NotFound, so that a caller learns nothing about
    // which part was wrong. Not operator-scoped: the server calls it before it knows who acts.
    static Result<TokenPrincipal> authenticateToken(Database &db, const QString &secret, qint64 now);
    // From now on this service acts as the token: the operator name becomes "token:NAME", every
    // tenant but the token's answers NotFound, and the token's role replaces membership.
    void actAsToken(const TokenPrincipal &principal);
    const std::optional<TokenPrincipal> &token() const { return m_token; }

    // Holders of local stores (docs/teams.md). Records this engine as the holder of the local
    // stores made before holders were recorded whose index is here (every one, on SQLite);
    // answers how many. CoreSession calls it when a front end opens the database.
    Result<int> claimUnrecordedStores();
    // Where `vectordesk serve` on this machine answers (serve --advertise); other machines on the
    // database search this engine's stores there. An empty URL: it no longer serves.
    Result<void> advertiseLocalEngine(const QUrl &apiUrl);
    // Which machine holds a local store's index (viewer): nullopt for a store of another backend,
    // or one made before holders were recorded and not claimed yet. `here`: this engine.
    struct StoreHolder
    {
        EngineHolder holder;
        bool here = false;
    };
    Result<std::optional<StoreHolder>> storeHolder(const QString &tenantRef, const QString &storeRef,
                                                   Visibility visibility = Visibility::Live);

    // Plans
    Result<QList<Plan>> plans();

    // Tenants: referenced by slug (case-insensitive) or numeric id.
    Result<Tenant> createTenant(const TenantDraft &draft);
    Result<QList<Tenant>> listTenants(Visibility visibility = Visibility::Live);
    Result<Tenant> tenant(const QString &tenantRef);
    Result<Tenant> updateTenant(const QString &tenantRef, const TenantUpdate &update);
    Result<Tenant> setPlan(const QString &tenantRef, const QString &plan, const std::optional<QJsonObject> &overrides);
    Result<Tenant> deleteTenant(const QString &tenantRef);
    Result<QuotaUsage> quotaUsage(const QString &tenantRef);

    // Stores: referenced by name (case-insensitive) or numeric id, within a tenant.
    Result<VectorStore> createStore(const QString &tenantRef, const StoreDraft &draft);
    Result<QList<VectorStore>> listStores(const QString &tenantRef, Visibility visibility = Visibility::Live);
    Result<VectorStore> store(const QString &tenantRef, const QString &storeRef,
                              Visibility visibility = Visibility::Live);
    Result<VectorStore> updateStore(const QString &tenantRef, const QString &storeRef, const StoreUpdate &update);
    Result<VectorStore> deleteStore(const QString &tenantRef, const QString &storeRef);
    Result<VectorStore> restoreStore(const QString &tenantRef, const QString &storeRef);
    Result<void> purgeStore(const QString &tenantRef, const QString &storeRef);
    Result<VectorStore> setPrimary(const QString &tenantRef, const QString &storeRef);
    // The tenant's primary store: the current one, else the oldest live store promoted, else a
    // new store named "primary". Idempotent and safe when called concurrently.
    Result<VectorStore> ensurePrimary(const QString &tenantRef);

    // Records a vector store that already exists on OpenAI (admin), with its files, in one
    // transaction: all of it or nothing. Refused when any tenant already has that remote store.
    // The name is made unique in the tenant ("name (vs_…)") when taken.
    struct Adopted
    {
        VectorStore store;
        int files = 0; // file records created
        QStringList skippedFiles; // "file-abc (name): why", refused by the attach rule
    };
    Result<Adopted> adoptRemoteStore(const QString &tenantRef, const RemoteStoreAdoption &adoption);
    // "store 'docs' of tenant acme" when some tenant already has the OpenAI store `remoteId`.
    Result<std::optional<QString>> importedAs(const QString &remoteId);

    // Files: referenced by numeric id, within a store.
    Result<StoreFile> attachFile(const QString &tenantRef, const QString &storeRef, const FileDraft &draft);
    // Attaches a file on disk: its bytes are staged by the store's backend (read in blocks,
    // hashed on the way), then recorded as in_progress for the ingestion worker. A refused file
    // leaves nothing behind.
    // The attach rule with what the store and tenant hold now, for checking a batch of files
    // before attaching them (the window's drop preview). Nothing is written.
    Result<AttachPolicy> attachPolicy(const QString &tenantRef, const QString &storeRef);
    Result<StoreFile> attachPath(const QString &tenantRef, const QString &storeRef, const QString &path,
                                 const QJsonObject &attributes = {},
                                 const std::optional<ChunkingStrategy> &chunking = std::nullopt);
    Result<QList<StoreFile>> listFiles(const QString &tenantRef, const QString &storeRef, const FileQuery &query = {});
    Result<qint64> countFiles(const QString &tenantRef, const QString &storeRef, const FileQuery &query = {});
    Result<StoreFile> file(const QString &tenantRef, const QString &storeRef, const QString &fileRef,
                           Visibility visibility = Visibility::Live);
    Result<StoreFile> setFileAttributes(const QString &tenantRef, const QString &storeRef, const QString &fileRef,
                                        const QJsonObject &attributes);
    Result<StoreFile> detachFile(const QString &tenantRef, const QString &storeRef, const QString &fileRef);
    Result<StoreFile> restoreFile(const QString &tenantRef, const QString &storeRef, const QString &fileRef);
    // A file in_progress stops waiting: cancelled, its claim dropped (editor). OpenAI semantics:
    // only files still in progress can be cancelled.
    Result<StoreFile> cancelFile(const QString &tenantRef, const QString &storeRef, const QString &fileRef);
    // A failed or cancelled file (or one stuck in_progress) goes back to the ingestion queue with
    // its error cleared and its claim dropped (editor). Marks the store active.
    Result<StoreFile> retryFile(const QString &tenantRef, const QString &storeRef, const QString &fileRef);

    // The chunks of a file as its store's backend indexed them (viewer): `count` from ordinal
    // `first` (-1: all).
    Result<QList<Chunk>> fileChunks(const QString &tenantRef, const QString &storeRef, const QString &fileRef,
                                    int first = 0, int count = -1);

    // The last finished pass of any sync runner on this database, if there was one.
    Result<std::optional<SyncRunSummary>> lastSyncRun();
    // The newest finished passes (at most `limit`, 1..1000), newest first, for an operator who is
    // a member of some tenant (or an instance administrator). Failed items and warnings of tenants
    // the operator does not see are left out of each pass (its counts are the pass's own).
    Result<QList<SyncRunSummary>> syncRuns(int limit = 100);

    // Searches one or more live, unexpired stores of a tenant (viewer). Results of several
    // stores are merged before max_num_results applies; searching marks the stores active.
    Result<SearchResponse> search(const QString &tenantRef, const QStringList &storeRefs, const SearchRequest &request);

    // Public ids of the API (core/service/serviceapi.cpp, migrations/0009_api_objects.sql): the
    // "vs_…" id of each store, given one the first time it is asked for. The stores must come
    // from this service (the caller already had access to them).
    Result<QHash<qint64, QString>> storeApiIds(const QList<VectorStore> &stores);
    // One store's id; a store that has none yet gets `preferred` when given (a store the API has
    // just created and named after the id it will have).
    Result<QString> storeApiId(const VectorStore &store, const QString &preferred = {});
    // The store of a tenant with that public id (viewer), in the given visibility.
    Result<VectorStore> storeByApiId(const QString &tenantRef, const QString &apiId,
                                     Visibility visibility = Visibility::Live);
    // The "file-…" id of each store file (by row id): its upload's id. A file not linked to an
    // upload (attached by the CLI or window, or whose link was never written) is linked to the
    // tenant's oldest upload with the same bytes, else given an upload row of its own, so that it
    // is a File as in OpenAI (not audited: nobody's data changes, only how the API names it).
    Result<QHash<qint64, QString>> fileApiIds(const QList<qint64> &storeFileIds);

    // One page of a store's live files in (created_at, id) order (viewer), with their "file-…"
    // ids; `hasMore` when more follow in that direction. Cursors are "file-…" ids of files of
    // this store.
    struct FilePage
    {
        QList<StoreFile> files;
        QHash<qint64, QString> apiIds;
        bool hasMore = false;
    };
    Result<FilePage> storeFilePage(const QString &tenantRef, const QString &storeRef, const ApiPageQuery &query);
    // The file of a store whose "file-…" id is `apiId` (viewer): a live one, or a detached one.
    Result<StoreFile> storeFileByApiId(const QString &tenantRef, const QString &storeRef, const QString &apiId,
                                       Visibility visibility = Visibility::Live);

    // Uploads: a tenant's files as OpenAI has them (core/service/serviceuploads.cpp). Creating one
    // (editor) stages the bytes at `path` (a spooled upload; removed by the caller) in the blob
    // store; the size must fit the plan's largest file. Deleting one (editor) detaches it from
    // every store first, as OpenAI does, then removes the row and, if nothing else uses them, the
    // bytes.
    Result<UploadedFile> createUpload(const QString &tenantRef, const QString &filename, const QString &purpose,
                                      const QString &path);
    Result<QList<UploadedFile>> listUploads(const QString &tenantRef, const ApiPageQuery &query, bool *hasMore);
    Result<UploadedFile> upload(const QString &tenantRef, const QString &apiId);
    Result<UploadedFile> deleteUpload(const QString &tenantRef, const QString &apiId);
    // Where the bytes of an upload can be read (viewer).
    Result<QString> uploadContentPath(const QString &tenantRef, const QString &apiId);
    // Attaches an upload to a store (editor): the same rule and queue as every attach; the store
    // file's API id is the upload's.
    Result<StoreFile> attachUpload(const QString &tenantRef, const QString &storeRef, const QString &apiId,
                                   const QJsonObject &attributes, const std::optional<ChunkingStrategy> &chunking);

    // File batches (core/service/servicebatches.cpp): attach several uploads to a store at once
    // (editor). Every file is checked by the attach rule first, as one batch; when any would be
    // refused nothing is attached. Reading and cancelling name the batch by its "vsfb_…" id;
    // cancelling (editor) cancels its files still in progress.
    Result<FileBatch> createFileBatch(const QString &tenantRef, const QString &storeRef, const QList<BatchItem> &items);
    Result<FileBatch> fileBatch(const QString &tenantRef, const QString &storeRef, const QString &batchApiId);
    Result<FileBatch> cancelFileBatch(const QString &tenantRef, const QString &storeRef, const QString &batchApiId);

    // Agents (core/service/serviceagents.cpp, docs/agents.md): viewers read and resolve, editors
    // edit and bind, admins create and delete. Agents are named case-insensitively in a tenant.
    Result<Agent> createAgent(const QString &tenantRef, const AgentDraft &draft, const QStringList &storeRefs = {});
    Result<QList<Agent>> listAgents(const QString &tenantRef);
    Result<Agent> agent(const QString &tenantRef, const QString &agentRef);
    Result<Agent> updateAgent(const QString &tenantRef, const QString &agentRef, const AgentUpdate &update);
    Result<Agent> bindAgentStore(const QString &tenantRef, const QString &agentRef, const QString &storeRef);
    Result<Agent> unbindAgentStore(const QString &tenantRef, const QString &agentRef, const QString &storeRef);
    Result<Agent> deleteAgent(const QString &tenantRef, const QString &agentRef);
    // The agent's file_search tool, or its problems (core/domain/agentresolver.h). With
    // `createPrimary`, a tenant_default agent of a tenant without a primary store gets one through
    // ensurePrimary when the operator and the plan allow it; otherwise that is a problem.
    Result<AgentResolution> resolveAgent(const QString &tenantRef, const QString &agentRef, bool createPrimary = false);
    // Every agent of the tenant (or of every tenant the operator sees), resolved without creating.
    Result<QList<AgentResolution>> checkAgents(const std::optional<QString> &tenantRef = std::nullopt);
    // The names of the agents that search the store (bound to it, or following it as the primary
    // store): who loses it when it is deleted or expires.
    Result<QStringList> agentsUsingStore(const QString &tenantRef, const QString &storeRef);
    // "Try as this agent": the agent's search (its stores, options and filters) on `query`, and
    // what the model receives: the file_search_call results.
    struct AgentSearch
    {
        AgentResolution resolution;
        QJsonObject received; // {tool, results: [{file_id, filename, score, attributes, text}], notes}
    };
    Result<AgentSearch> searchAsAgent(const QString &tenantRef, const QString &agentRef, const QString &query);

    // Memberships
    Result<QList<Membership>> listMembers(const QString &tenantRef);
    Result<Membership> addMember(const QString &tenantRef, const QString &operatorName, Role role);
    Result<void> removeMember(const QString &tenantRef, const QString &operatorName);

    // A tenant's OpenAI settings: read (viewer) and changed (admin, audited "tenant.openai").
    Result<openai::TenantOpenAISettings> openAISettings(const QString &tenantRef);
    Result<openai::TenantOpenAISettings> updateOpenAISettings(const QString &tenantRef,
                                                              const openai::TenantOpenAIUpdate &update);

    // Whether the tenant can use a backend now (OpenAI: its key works; local: the engine's folder
    // is writable), and where: the base URL or folder. Viewers may ask; nothing is changed.
    Result<QString> checkBackend(const QString &tenantRef, BackendKind kind);

    // The audit trail of a tenant, newest first.
    Result<QList<AuditEntry>> auditLog(const QString &tenantRef, int limit = 100);
    // The same, filtered in the query by operator, action and time (admin).
    Result<QList<AuditEntry>> auditLog(const QString &tenantRef, const AuditQuery &query);
    // The actions recorded in a tenant's audit trail, sorted (admin): the choices of a filter.
    Result<QStringList> auditActions(const QString &tenantRef);

    // Metrics (core/service/servicemetrics.cpp, docs/observability.md): replaces the state gauges
    // (ingestion queue, files by status, usage) with what the database holds now, for every tenant.
    // Counts only, no names but tenants' slugs; the front end decides who may read them (serve
    // shows a token only its own tenant's series). Not operator-scoped, like authenticateToken.
    static Result<void> refreshStateMetrics(Database &db, qint64 now);
    // The same on this service's database (the window's Activity view, through its runner).
    Result<void> refreshStateMetrics(qint64 now) { return refreshStateMetrics(m_db, now); }

private:
    struct Access
    {
        Tenant tenant;
        Role role = Role::Viewer;
    };

    qint64 now() const;
    Result<Access> access(const QString &tenantRef, Role needed, const QString &action);
    // access() for a token principal: its tenant only, its role (servicetokens.cpp).
    Result<Access> tokenAccess(const QString &tenantRef, Role needed, const QString &action);
    Result<Tenant> findTenant(const QString &tenantRef, Visibility visibility);
    Result<VectorStore> findStore(const Tenant &tenant, const QString &storeRef, Visibility visibility);
    Result<StoreFile> findFile(const VectorStore &store, const QString &fileRef, Visibility visibility);
    Result<PlanLimits> limitsFor(const Tenant &tenant);
    Result<VectorStore> storeById(qint64 id);
    Result<StoreFile> fileById(qint64 id);
    Result<Tenant> tenantById(qint64 id);
    Result<Agent> findAgent(const Tenant &tenant, const QString &agentRef);
    Result<AgentResolution> resolveFound(const Tenant &tenant, const Agent &agent, bool createPrimary);

    std::optional<ServiceError> lockTenant(qint64 tenantId);
    std::optional<ServiceError> audit(std::optional<qint64> tenantId, const QString &action, const QString &target,
                                      const QJsonObject &detail = {});
    // The backend of a store, or an Unavailable error naming it.
    Result<VectorStoreBackend *> backendOf(const VectorStore &store) const;
    // backendOf for a change of the store's content (`action`: "Detaching a file from"), refused
    // when this process cannot make it (a local store held by another machine).
    // The machine to send a change of `store` to, when another one holds its content (docs/teams.md;
    // nullptr: this process changes it itself).
    StoreHolderLink *holderElsewhere(const VectorStore &store) const;
    // The file's public id, which the holder's API knows it by (ensured, so it may write one).
    Result<QString> fileApiId(qint64 storeFileId);
    // The same, once the holder is known to be reachable for `action` (nothing written otherwise).
    Result<QString> fileApiIdFor(StoreHolderLink &holder, const Tenant &tenant, const VectorStore &store,
                                 qint64 storeFileId, const QString &action);
    Result<VectorStoreBackend *> backendToChange(const Tenant &tenant, const VectorStore &store,
                                                 const QString &action) const;
    // The local engine's id, recorded in engine_holders with this host and folder (inside the
    // caller's transaction), for a local store about to be made; empty without a local engine.
    Result<QString> recordLocalHolder(const QString &doing);
    // Purges and content removal, acting as this operator (core/service/lifecycle.h).
    Lifecycle lifecycle();
    // attachFile; `stagedBy`: the backend that staged the bytes, asked under the content lock
    // whether they are still there (a purge may have removed them since).
    Result<StoreFile> attachFile(const QString &tenantRef, const QString &storeRef, const FileDraft &draft,
                                 VectorStoreBackend *stagedBy);
    // A file of a live store, with the operator's access checked for `action` ("Detaching a
    // file"): what most file calls start with.
    struct FileTarget
    {
        Access access;
        VectorStore store;
        StoreFile file;
    };
    Result<FileTarget> fileTarget(const QString &tenantRef, const QString &storeRef, const QString &fileRef,
                                  Role needed, const QString &action, Visibility visibility = Visibility::Live);
    Result<AttachPolicy> attachPolicyFor(const Access &access, const VectorStore &store);
    // A store draft with the tenant's default backend filled in and every field checked.
    Result<StoreDraft> checkedStoreDraft(const Tenant &tenant, const StoreDraft &draft);
    // Inside the caller's transaction and tenant lock: the store limit, the name, the row and its
    // audit row (`action`).
    Result<VectorStore> insertStore(const Tenant &tenant, const StoreDraft &draft, const QString &action,
                                    const QString &doing);
    // The sum of the sizes of a tenant's live files in live stores (what max_total_bytes limits).
    Result<qint64> tenantBytesInUse(qint64 tenantId, const QString &doing);

    // The labels of the call being measured, noted by access() and findStore() on the way.
    struct CallLabels
    {
        QString tenant;
        QString backend;
    };
    // Runs one public call and records its metrics: its time in `histogram` (labels backend,
    // tenant, outcome) when given, and a refusal by a plan limit in vectordesk_quota_refusals.
    // The call is also a trace span named `span` (docs/observability.md).
    template<typename T, typename Call>
    Result<T> measured(std::optional<metrics::Metric> histogram, const QString &span, Call &&call)
    {
        tracing::Span traced(span);
        // A call made by another measured call (a batch's attaches) keeps the outer call's
        // labels and leaves counting its refusal to it.
        const bool outermost = m_callDepth++ == 0;
        if (outermost)
            m_call = {};
        QElapsedTimer timer;
        timer.start();
        Result<T> result = call();
        --m_callDepth;
        recordCall(span, histogram, timer.nsecsElapsed(), result ? nullptr : &result.error(), outermost);
        traced.setAttribute(QStringLiteral("vectordesk.backend"), m_call.backend);
        if (!result)
            traced.setError(result.error().code(), result.error().message());
        return result;
    }
    // Also the operation, for the window's Activity view (metrics::recentOperations).
    void recordCall(const QString &span, std::optional<metrics::Metric> histogram, qint64 nsecs,
                    const ServiceError *error, bool outermost);
    // Notes the store's backend for the call's labels ("mixed" over several backends).
    const VectorStore &noteStore(const VectorStore &store);

    CallLabels m_call;
    int m_callDepth = 0;
    Database &m_db;
    QString m_operator;
    QString m_requestId;
    std::function<qint64()> m_clock;
    BackendFor m_backendFor;
    std::optional<TokenPrincipal> m_token; // set by actAsToken: the API's principal
};

} // namespace vd
