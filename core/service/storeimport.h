#pragma once

#include "core/domain/serviceerror.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace vd {
class Database;
class VectorStoreService;
} // namespace vd

namespace vd::openai {

class OpenAIBackend;

// One remote vector store and what importing it did.
struct ImportedStore
{
    QString remoteId;
    QString name; // the store's name in VectorDesk (empty when not imported)
    qint64 storeId = 0;
    int files = 0; // file records created
    QStringList skippedFiles; // "file-abc: why"
    QString skipped; // why the store was not imported (already there, refused, ...)

    QJsonObject toJson() const;
};

// Adopts existing OpenAI vector stores of the tenant's API key into the tenant (admin): a store
// record with the remote id, status, expiry and metadata, and a file record per remote file with
// its name and size (GET /files/{id}), attributes, chunking, status and last error. Stores already
// known to VectorDesk (in any tenant) are skipped, never duplicated. `remoteIds` empty: every
// store the key can list. Files have no local copy (their sha256 is a stand-in derived from the
// OpenAI file id): VectorDesk cannot upload them again, only use what OpenAI holds.
Result<QList<ImportedStore>> importStores(VectorStoreService &service, OpenAIBackend &backend, const QString &tenantRef,
                                          const QStringList &remoteIds);

} // namespace vd::openai
