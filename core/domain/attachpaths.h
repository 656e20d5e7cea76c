#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace vd {

// A file chosen for attaching: its absolute path and the name people see (relative to the
// parent of a chosen folder, or the file's own name).
struct AttachCandidate
{
    QString path;
    QString name;
};

// An entry that was not taken, and why (so a folder attach never drops files silently).
struct SkippedPath
{
    QString path;
    QString reason; // completes "<path> ...": "does not exist", "is a hidden file", ...

    // "<path> is a hidden file."
    QString message() const { return path + u' ' + reason + u'.'; }
};

struct AttachExpansion
{
    QList<AttachCandidate> files;
    QList<SkippedPath> skipped;
};

// Turns what a person chose (files and folders, as typed on the command line or dropped on the
// window) into the files to check, the same way everywhere:
// - files in the order given; in a folder, its files sorted by name, then its subfolders';
//   links to folders are not followed (they could loop);
// - each file once, however often it was named (compared by canonical path);
// - hidden entries inside a chosen folder (.git, .DS_Store, ...) are skipped, a hidden folder as
//   one entry; a hidden file named explicitly is taken;
// - what is not a regular file (FIFO, socket, device), a broken symbolic link, a name the file
//   system cannot give back (not valid UTF-8) or a path that does not exist is skipped with its
//   reason.
AttachExpansion expandAttachPaths(const QStringList &paths);

} // namespace vd
