#pragma once

#include "core/domain/status.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace vd {

enum class Role { Viewer = 1, Editor = 2, Admin = 3, Owner = 4 };

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);

// Limits a tenant works within: its plan, with per-tenant overrides applied.
struct PlanLimits
{
    qint64 maxStores = 0;
    qint64 maxFilesPerStore = 0;
    qint64 maxFileBytes = 0;
    qint64 maxTotalBytes = 0;
    QStringList allowedTypes; // file extensions without the dot; empty = OpenAI's list

    QJsonObject toJson() const;
};

struct Plan
{
    QString name;
    QString displayName;
    PlanLimits limits;
    QJsonObject toJson() const;
};

struct Tenant
{
    qint64 id = 0;
    QString slug;
    QString displayName;
    QString plan;
    QJsonObject planOverrides;
    BackendKind defaultBackend = BackendKind::Local;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    std::optional<qint64> deletedAt;
    std::optional<Role> myRole; // the acting operator's role (owner for instance administrators)

    QJsonObject toJson() const;
};

struct FileCounts
{
    qint64 inProgress = 0;
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 cancelled = 0;
    qint64 total() const { return inProgress + completed + failed + cancelled; }
    QJsonObject toJson() const;
};

struct ExpiryPolicy
{
    QString anchor = QStringLiteral("last_active_at");
    int days = 0;
};

struct ChunkingStrategy
{
    QString type = QStringLiteral("auto"); // auto | static | other
    int maxChunkSizeTokens = 800;
    int chunkOverlapTokens = 400;
    QJsonObject toJson() const;
    bool operator==(const ChunkingStrategy &) const = default;
};

struct VectorStore
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString name;
    BackendKind backend = BackendKind::Local;
    QString remoteId;
    StoreStatus status = StoreStatus::Completed;
    bool isPrimary = false;
    qint64 usageBytes = 0;
    FileCounts fileCounts;
    std::optional<ExpiryPolicy> expiresAfter;
    std::optional<qint64> expiresAt;
    std::optional<qint64> lastActiveAt;
    QJsonObject metadata;
    // How files attached without a chunking of their own are split (VectorDesk's setting).
    ChunkingStrategy chunking;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    std::optional<qint64> deletedAt;
    // Local stores: the engine folder that holds the index (its engine-id; engine_holders), so that
    // another machine on the same database reaches it there (docs/teams.md). Empty: OpenAI stores,
    // and local stores made before it was recorded, until their engine claims them.
    QString engineHolder;

    QJsonObject toJson() const;
};

struct StoreFile
{
    qint64 id = 0;
    qint64 storeId = 0;
    qint64 tenantId = 0;
    QString filename;
    QString mimeType;
    qint64 sizeBytes = 0;
    QString sha256;
    FileStatus status = FileStatus::InProgress;
    QString lastErrorCode;
    QString lastErrorMessage;
    qint64 usageBytes = 0;
    QJsonObject attributes;
    ChunkingStrategy chunking;
    QString remoteFileId;
    QString sourcePath;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 statusChangedAt = 0;
    std::optional<qint64> deletedAt;

    QJsonObject toJson() const;
};

// One chunk of a file as indexed.
struct Chunk
{
    int ordinal = 0;
    qint64 startOffset = 0; // byte offsets in the extracted UTF-8 text
    qint64 endOffset = 0;
    int tokenCount = 0;
    QByteArray text; // UTF-8

    // {"object":"vector_store.file.chunk","ordinal","token_count","start_offset","end_offset","text"}:
    // the CLI's --json and the holder's chunks endpoint (docs/api.md); fromJson reads it back.
    QJsonObject toJson() const;
    static std::optional<Chunk> fromJson(const QJsonObject &object);
};

// One finished pass of the sync worker, as recorded in sync_runs.
struct SyncRunSummary
{
    qint64 id = 0;
    qint64 startedAt = 0;
    qint64 finishedAt = 0;
    QString host;
    QString triggeredBy;
    QString status;
    QJsonObject counts;
    // [{action, target, message, tenant_id?, store_id?, file_id?, file?}]: the failed items
    QJsonArray errors;
    // The same shape: what the pass reported without doing (expiring stores, stuck files);
    // recorded since migration 0013, empty for older passes.
    QJsonArray warnings;
};

struct Membership
{
    QString operatorName;
    qint64 tenantId = 0;
    Role role = Role::Viewer;
    qint64 createdAt = 0;
    QJsonObject toJson() const;
};

struct AuditEntry
{
    qint64 id = 0;
    qint64 at = 0;
    QString operatorName;
    std::optional<qint64> tenantId;
    QString action;
    QString target;
    QString requestId;
    QJsonObject detail;
    QJsonObject toJson() const;
};

// Which audit entries to read (VectorStoreService::auditLog): the newest `limit` of those that
// match every filter given.
struct AuditQuery
{
    int limit = 100; // 1..10000
    QString operatorName; // contains, case-insensitive; empty: anyone
    QString action; // exact; empty: any
    qint64 since = 0; // unix ms; 0: any time
};

struct QuotaUsage
{
    QString plan;
    PlanLimits limits;
    qint64 stores = 0;
    qint64 files = 0; // live files over all live stores
    qint64 largestStoreFiles = 0;
    qint64 totalBytes = 0; // sum of live files' sizes
    // The highest use of any limit, 0..100 (may exceed 100 after a plan downgrade).
    double worstPercent() const;
    QJsonObject toJson() const;
};

} // namespace vd
