#pragma once

#include "core/domain/types.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace vd {

// A file uploaded to a tenant through the API (POST /v1/files), as OpenAI's File object: it exists
// on its own and may be attached to several stores. Its bytes are in the blob store by sha256.
struct UploadedFile
{
    qint64 id = 0;
    QString apiId; // "file-…"
    qint64 tenantId = 0;
    QString filename;
    QString purpose; // assistants
    qint64 sizeBytes = 0;
    QString sha256;
    QString createdBy;
    qint64 createdAt = 0; // unix milliseconds
};

// A batch of files attached to one store in one request (OpenAI's vector_store.files_batch); its
// counts come from its files.
struct FileBatch
{
    qint64 id = 0;
    QString apiId; // "vsfb_…"
    qint64 storeId = 0;
    qint64 createdAt = 0; // unix milliseconds
    std::optional<qint64> cancelledAt;
    qint64 inProgress = 0;
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 cancelled = 0;

    // in_progress while a file is; then cancelled if the batch was cancelled, else completed.
    QString status() const
    {
        if (inProgress > 0)
            return QStringLiteral("in_progress");
        return cancelledAt ? QStringLiteral("cancelled") : QStringLiteral("completed");
    }
    qint64 total() const { return inProgress + completed + failed + cancelled; }
};

// One item of a batch to attach: an upload and, optionally, its own attributes and chunking.
struct BatchItem
{
    QString fileApiId;
    std::optional<QJsonObject> attributes;
    std::optional<ChunkingStrategy> chunking;
};

// One page of a keyset-ordered list: by (created_at, id), ascending or descending, after or
// before the object with the public id given.
struct ApiPageQuery
{
    int limit = 20;
    bool ascending = false;
    QString after;
    QString before;
    QString status; // store files only: in_progress | completed | failed | cancelled; empty: any
    QString batch; // store files only: the "vsfb_…" batch they must belong to; empty: any
};

} // namespace vd
