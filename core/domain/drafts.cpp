#include "core/domain/drafts.h"

#include "core/domain/filetypes.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vd {

Result<FileDraft> FileDraft::fromLocalFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return ServiceError::invalid(u"File %1 does not exist."_s.arg(path), u"path"_s);
    if (!info.isFile())
        return ServiceError::invalid(u"%1 is not a regular file."_s.arg(path), u"path"_s);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ServiceError::invalid(u"Cannot read %1: %2."_s.arg(path, file.errorString()), u"path"_s);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return ServiceError::invalid(u"Cannot read %1: %2."_s.arg(path, file.errorString()), u"path"_s);
    FileDraft draft;
    draft.filename = info.fileName();
    draft.sizeBytes = info.size();
    draft.sha256 = QString::fromLatin1(hash.result().toHex());
    draft.mimeType = FileTypes::mimeTypeFor(FileTypes::extensionOf(draft.filename));
    draft.sourcePath = info.absoluteFilePath();
    return draft;
}

} // namespace vd
