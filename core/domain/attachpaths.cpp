#include "core/domain/attachpaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <dirent.h>

using namespace Qt::StringLiterals;

namespace vd {

namespace {

// The entries of `folder` whose names are not valid UTF-8. QDir does not list them at all (Qt
// skips a name it cannot decode), so they are read from the directory itself: otherwise a folder
// attach would drop them without a word.
QStringList undecodableEntries(const QString &folder)
{
    QStringList names;
    DIR *dir = ::opendir(QFile::encodeName(folder).constData());
    if (!dir)
        return names;
    while (const dirent *entry = ::readdir(dir)) {
        const QByteArrayView name(entry->d_name);
        if (!name.isValidUtf8())
            names << QString::fromUtf8(name); // shown with U+FFFD for the bad bytes
    }
    ::closedir(dir);
    names.sort();
    return names;
}

class Expander
{
public:
    AttachExpansion result;

    void chosen(const QString &path)
    {
        const QFileInfo info(path);
        if (info.isSymLink() && !info.exists()) {
            skip(path, u"is a symbolic link whose target does not exist"_s);
        } else if (!info.exists()) {
            skip(path, u"does not exist"_s);
        } else if (info.isDir()) {
            const QDir base(info.absoluteFilePath() + u"/.."_s);
            walk(info.absoluteFilePath(), base);
        } else {
            take(info, info.fileName());
        }
    }

private:
    QSet<QString> m_seen;

    void skip(const QString &path, const QString &reason) { result.skipped.append({path, reason}); }

    void take(const QFileInfo &info, const QString &name)
    {
        if (!info.isFile()) {
            skip(info.absoluteFilePath(), u"is not a regular file (a FIFO, socket or device)"_s);
            return;
        }
        const QString canonical = info.canonicalFilePath();
        if (canonical.isEmpty()) {
            skip(info.absoluteFilePath(), u"cannot be resolved (it vanished, or a link points nowhere)"_s);
            return;
        }
        if (m_seen.contains(canonical))
            return;
        m_seen.insert(canonical);
        result.files.append({info.absoluteFilePath(), name});
    }

    void walk(const QString &folder, const QDir &base)
    {
        for (const QString &name : undecodableEntries(folder))
            skip(folder + u'/' + name, u"has a name that is not valid UTF-8; rename it"_s);
        const QFileInfoList entries = QDir(folder).entryInfoList(
            QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name | QDir::DirsLast);
        for (const QFileInfo &entry : entries) {
            const QString path = entry.absoluteFilePath();
            // A name the file system returned in bytes that are not valid UTF-8 comes back with
            // replacement characters: that path cannot be opened again.
            if (entry.fileName().contains(QChar::ReplacementCharacter) || (!entry.exists() && !entry.isSymLink())) {
                skip(path, u"has a name that is not valid UTF-8; rename it"_s);
                continue;
            }
            if (entry.isHidden() || entry.fileName().startsWith(u'.')) {
                skip(path, entry.isDir() ? u"is a hidden folder"_s : u"is a hidden file"_s);
                continue;
            }
            if (entry.isSymLink() && !entry.exists()) {
                skip(path, u"is a symbolic link whose target does not exist"_s);
                continue;
            }
            if (entry.isDir() && entry.isSymLink()) {
                skip(path, u"is a link to a folder (not followed: it could loop)"_s);
                continue;
            }
            if (entry.isDir()) {
                walk(path, base);
                continue;
            }
            take(entry, QDir::cleanPath(base.relativeFilePath(path)));
        }
    }
};

} // namespace

AttachExpansion expandAttachPaths(const QStringList &paths)
{
    Expander expander;
    for (const QString &path : paths)
        expander.chosen(path);
    return std::move(expander.result);
}

} // namespace vd
