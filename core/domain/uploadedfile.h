#pragma once

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

// One page of a keyset-ordered list: by (created_at, id), ascending or descending, after or
// before the object with the public id given.
struct ApiPageQuery
{
    int limit = 20;
    bool ascending = false;
    QString after;
    QString before;
    QString status; // store files only: in_progress | completed | failed | cancelled; empty: any
};

} // namespace vd
