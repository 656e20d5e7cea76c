#pragma once

// The errors OpenAIBackend's ingestion returns for one file (internal to core/openai: shared by
// openaibackend.cpp, one file at a time, and openaibatch.cpp, file batches).

#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QJsonObject>
#include <QString>

namespace vd::openai {

// A file that ends failed with OpenAI's last_error code (server_error, unsupported_file,
// invalid_file): the ingestion queue records the code and the message.
inline ServiceError fileError(const QString &code, const QString &message)
{
    const ServiceError::Kind kind =
        code == QStringLiteral("server_error") ? ServiceError::Kind::Unavailable : ServiceError::Kind::InvalidInput;
    return ServiceError(kind, message, QJsonObject{{QStringLiteral("last_error_code"), code}});
}

// The code a failed request means for the file: a refusal of what was sent (4xx) is the file's
// fault, anything else the server's.
inline QString fileErrorCode(const ServiceError &e)
{
    return e.kind() == ServiceError::Kind::InvalidInput ? QStringLiteral("invalid_file")
                                                        : QStringLiteral("server_error");
}

// The worker was asked to stop: the file goes back to the queue, and what OpenAI already has
// (a recorded upload, an attach) is picked up on the next attempt.
inline ServiceError cancelledError(const StoreFile &file)
{
    return ServiceError(
        ServiceError::Kind::Conflict,
        QStringLiteral("Ingestion of %1 was cancelled; what OpenAI already has is picked up on the next attempt.")
            .arg(file.filename),
        QJsonObject{{QStringLiteral("cancelled"), true}});
}

// The store's remote vector store was deleted outside VectorDesk: reported, never re-created here.
inline ServiceError storeGone(const VectorStore &store)
{
    return fileError(
        QStringLiteral("server_error"),
        QStringLiteral("OpenAI no longer has the vector store %1 behind store '%2'; it was deleted outside "
                       "VectorDesk. Create a new store and attach the files again.")
            .arg(store.remoteId, store.name));
}

inline bool isNotFound(const ServiceError &e)
{
    return e.kind() == ServiceError::Kind::NotFound;
}

} // namespace vd::openai
