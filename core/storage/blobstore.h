#pragma once

#include "core/domain/serviceerror.h"

#include <QString>

namespace vd::engine {

// Content-addressed storage of attached files: blobs/ab/cd/<sha256>. A file is streamed into a
// temporary file in the same folder, hashed on the way, flushed to disk and renamed into place,
// so a blob is either whole or absent. The same bytes are stored once.
class BlobStore
{
public:
    explicit BlobStore(QString root);

    const QString &root() const { return m_root; }

    struct Stored
    {
        QString sha256;
        qint64 size = 0;
        bool alreadyPresent = false;
    };
    // Copies the file at `source` in blocks (never whole in memory).
    Result<Stored> store(const QString &source) const;

    QString pathFor(const QString &sha256) const;
    bool contains(const QString &sha256) const;
    // Removes a blob; the caller checks that no live or restorable file refers to it.
    Result<void> remove(const QString &sha256) const;

private:
    QString m_root;
};

} // namespace vd::engine
