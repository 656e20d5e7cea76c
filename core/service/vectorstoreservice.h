#pragma once

#include "serviceerror.h"
#include "types.h"

#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QString>
#include <QVariant>

#include <functional>
#include <optional>

class QSqlQuery;

namespace vd {

Q_DECLARE_LOGGING_CATEGORY(lcService)

class Database;
class VectorStoreBackend;

namespace engine {
struct SearchRequest;
struct SearchResponse;
} // namespace engine

struct TenantDraft
{
    QString slug;
    QString displayName; // defaults to the slug
    QString plan = QStringLiteral("free");
    QString defaultBackend = QStringLiteral("local");
};

struct TenantUpdate
{
    std::optional<QString> displayName;
    std::optional<QString> defaultBackend;
};

struct StoreDraft
{
    QString name;
    QString backend; // empty: the tenant's default backend
    QJsonObject metadata;
    std::optional<int> expiresAfterDays;
    ChunkingStrategy chunking; // for files attached without their own
};

struct StoreUpdate
{
    std::optional<QString> name;
    std::optional<QJsonObject> metadata;
    // Set: a policy of that many days; set to nullopt inside: clear the policy.
    std::optional<std::optional<int>> expiresAfterDays;
    // Applies to files attached from now on; files already attached keep how they were chunked.
    std::optional<ChunkingStrategy> chunking;
};

enum class Visibility { Live, Deleted, All };

struct FileDraft
{
    QString filename;
    QString mimeType; // empty: derived from the extension
    qint64 sizeBytes = 0;
    QString sha256;
    QJsonObject attributes;
    std::optional<ChunkingStrategy> chunking; // unset: the store's chunking
    QString sourcePath;

    // Describes a file on disk (size, sha256 streamed in blocks, type from the extension).
    static Result<FileDraft> fromLocalFile(const QString &path);
};

struct FileQuery
{
    Visibility visibility = Visibility::Live;
    QString status; // empty: any
    QString nameContains; // case-insensitive
    QString sortColumn = QStringLiteral("filename"); // filename|size_bytes|status|updated_at|created_at|mime_type
    bool descending = false;
    int limit = 1000;
    qint64 offset = 0;
};

// The one entry point for changing and reading tenants, stores, files and memberships.
// Every call acts as the operator given at construction and checks their role in the tenant.
// Every change runs in one transaction with its audit row; a failed call changes nothing.
// Not thread-safe: make one per thread, each over its own Database.
class VectorStoreService
{
public:
    VectorStoreService(Database &db, QString operatorName);

    const QString &operatorName() const { return m_operator; }
    void setRequestId(const QString &requestId) { m_requestId = requestId; }
    const QString &requestId() const { return m_requestId; }
    // For tests and the sync worker: the clock in unix milliseconds.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    // The backends that keep stores' content ("local", "openai"). Without them the service
    // manages metadata only (attachFile with a prepared FileDraft).
    using BackendFor = std::function<VectorStoreBackend *(const QString &backend)>;
    void setBackends(BackendFor backendFor) { m_backendFor = std::move(backendFor); }

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

    // Files: referenced by numeric id, within a store.
    Result<StoreFile> attachFile(const QString &tenantRef, const QString &storeRef, const FileDraft &draft);
    // Attaches a file on disk: its bytes are staged by the store's backend (read in blocks,
    // hashed on the way), then recorded as in_progress for the ingestion worker. A refused file
    // leaves nothing behind.
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

    // Searches one or more live, unexpired stores of a tenant (viewer). Results of several
    // stores are merged before max_num_results applies; searching marks the stores active.
    Result<engine::SearchResponse> search(const QString &tenantRef, const QStringList &storeRefs,
                                          const engine::SearchRequest &request);

    // Memberships
    Result<QList<Membership>> listMembers(const QString &tenantRef);
    Result<Membership> addMember(const QString &tenantRef, const QString &operatorName, Role role);
    Result<void> removeMember(const QString &tenantRef, const QString &operatorName);

    // The audit trail of a tenant, newest first.
    Result<QList<AuditEntry>> auditLog(const QString &tenantRef, int limit = 100);

private:
    struct Access
    {
        Tenant tenant;
        Role role = Role::Viewer;
    };

    qint64 now() const;
    Result<Access> access(const QString &tenantRef, Role needed, const QString &action);
    Result<Tenant> findTenant(const QString &tenantRef, Visibility visibility);
    Result<VectorStore> findStore(const Tenant &tenant, const QString &storeRef, Visibility visibility);
    Result<StoreFile> findFile(const VectorStore &store, const QString &fileRef, Visibility visibility);
    Result<PlanLimits> limitsFor(const Tenant &tenant);
    Result<VectorStore> storeById(qint64 id);
    Result<StoreFile> fileById(qint64 id);
    Result<Tenant> tenantById(qint64 id);

    // Runs a statement; on failure returns an Unavailable error saying what was being done.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &binds, const QString &doing);
    std::optional<ServiceError> lockTenant(qint64 tenantId);
    std::optional<ServiceError> audit(std::optional<qint64> tenantId, const QString &action, const QString &target,
                                      const QJsonObject &detail = {});
    ServiceError commitError(const QString &doing, const QString &driverText) const;
    VectorStoreBackend *backendFor(const QString &name) const;
    // The sum of the sizes of a tenant's live files in live stores (what max_total_bytes limits).
    Result<qint64> tenantBytesInUse(qint64 tenantId, const QString &doing);

    Database &m_db;
    QString m_operator;
    QString m_requestId;
    std::function<qint64()> m_clock;
    BackendFor m_backendFor;
};

} // namespace vd
