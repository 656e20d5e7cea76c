#pragma once

#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace vd {

// What callers hand to VectorStoreService to create, change and query tenants, stores and files.

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

// A file of a remote (OpenAI) store, as VectorDesk records it on import.
struct RemoteFileAdoption
{
    QString remoteFileId; // file-…
    QString filename;
    qint64 sizeBytes = 0;
    QJsonObject attributes;
    ChunkingStrategy chunking; // as the remote side chunked it
    QString status; // in_progress | completed | failed | cancelled
    qint64 usageBytes = 0;
    QString lastErrorCode; // failed only
    QString lastErrorMessage;
};

// A remote (OpenAI) vector store to record in a tenant, with its files (adoptRemoteStore).
struct RemoteStoreAdoption
{
    QString remoteId; // vs_…
    QString name;
    QString status; // in_progress | completed
    QJsonObject metadata;
    std::optional<int> expiresAfterDays;
    std::optional<qint64> expiresAt; // unix milliseconds
    std::optional<qint64> lastActiveAt;
    QList<RemoteFileAdoption> files;
};

} // namespace vd
