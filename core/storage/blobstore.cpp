#include "core/storage/blobstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace vd::engine {

BlobStore::BlobStore(QString root)
    : m_root(std::move(root))
{ }

QString BlobStore::pathFor(const QString &sha256) const
{
    return u"%1/%2/%3/%4"_s.arg(m_root, sha256.left(2), sha256.mid(2, 2), sha256);
}

bool BlobStore::contains(const QString &sha256) const
{
    return QFileInfo::exists(pathFor(sha256));
}

Result<BlobStore::Stored> BlobStore::store(const QString &source) const
{
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return ServiceError::invalid(u"Cannot read %1: %2."_s.arg(source, in.errorString()), u"path"_s);
    const QString incoming = m_root + u"/incoming"_s;
    if (!QDir().mkpath(incoming))
        return ServiceError::unavailable(
            u"Cannot create the blob folder %1; check its permissions and free space."_s.arg(incoming));
    QTemporaryFile out(incoming + u"/upload-XXXXXX"_s);
    if (!out.open())
        return ServiceError::unavailable(u"Cannot write to the blob folder %1: %2."_s.arg(incoming, out.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 size = 0;
    while (true) {
        const qint64 n = in.read(buffer.data(), buffer.size());
        if (n < 0)
            return ServiceError::invalid(u"Reading %1 failed: %2."_s.arg(source, in.errorString()), u"path"_s);
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.constData(), n));
        if (out.write(buffer.constData(), n) != n)
            return ServiceError::unavailable(
                u"Writing the copy of %1 failed: %2 (is the disk full?)."_s.arg(source, out.errorString()));
        size += n;
    }
    if (!out.flush() || ::fsync(out.handle()) != 0)
        return ServiceError::unavailable(u"Cannot flush the copy of %1 to disk."_s.arg(source));
    Stored stored{QString::fromLatin1(hash.result().toHex()), size, false};
    const QString target = pathFor(stored.sha256);
    if (QFileInfo::exists(target)) {
        stored.alreadyPresent = true;
        return stored; // QTemporaryFile removes the copy
    }
    if (!QDir().mkpath(QFileInfo(target).absolutePath()))
        return ServiceError::unavailable(u"Cannot create the blob folder for %1."_s.arg(target));
    // rename(2) within one file system is atomic, and it replaces a file of the same name: the blob
    // appears whole or not at all, and another writer's identical bytes put there meanwhile are
    // simply replaced. (QFile::rename refuses an existing target, and checking again after its
    // refusal lost to a removal of unused bytes in between: "File exists", yet nothing was there.)
    // A removal may still take the bytes right after; the attach checks them under its content
    // lock (lifecycle.h).
    if (::rename(QFile::encodeName(out.fileName()).constData(), QFile::encodeName(target).constData()) != 0)
        return ServiceError::unavailable(
            u"Cannot store the copy of %1 as %2: %3."_s.arg(source, target, QString::fromLocal8Bit(strerror(errno))));
    out.setAutoRemove(false);
    return stored;
}

Result<void> BlobStore::remove(const QString &sha256) const
{
    const QString path = pathFor(sha256);
    if (QFileInfo::exists(path) && !QFile::remove(path))
        return ServiceError::unavailable(u"Cannot remove the blob %1."_s.arg(path));
    return {};
}

} // namespace vd::engine
