#pragma once

#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <optional>

namespace vd {
class VectorStoreService;
}

namespace vd::ui {

// One file of a drop or an "Add files…" choice, from the preview to the final report.
struct AttachItem
{
    enum class State {
        Ready, // passed every check; will be attached
        Refused, // refused before anything was written; `reason` says why
        Attaching, // being copied and recorded now
        Attached, // recorded; the file's own status (in_progress, completed, failed) is in fileStatus
        Failed, // the attach call failed; `reason` says why (can be retried)
        Skipped, // the user cancelled before this file's turn
    };

    QString path; // absolute
    QString name; // as shown: relative to the dropped folder, or the file name
    qint64 sizeBytes = 0;
    QString sha256;
    State state = State::Ready;
    QString reason;
    QString reasonCode; // refused by the attach rule: its stable reason (AttachPolicy), e.g. "empty_file"
    qint64 fileId = 0;
    std::optional<FileStatus> fileStatus; // once attached: the file's status in the store
};

// What a drop would do to a store, computed off the GUI thread before anything is written.
struct AttachPlan
{
    qint64 tenantId = 0;
    qint64 storeId = 0;
    QString tenantSlug;
    QString storeName;
    ChunkingStrategy storeChunking; // what files attached without their own are chunked with
    QList<AttachItem> items;
    int ready() const;
    int refused() const;
    qint64 readyBytes() const;
};

// Expands files and folders (recursively, sorted) and checks each file with the attach rule the
// service applies (AttachPolicy): the operator's role, the plan's file types and size limit, empty
// files, duplicate content (in the store or earlier in the drop), the store's file quota and the
// tenant's byte quota (counting the files accepted before it). Reads files to hash them, so run it on a worker thread;
// `cancelled` stops it between files.
Result<AttachPlan> planAttach(VectorStoreService &service, qint64 tenantId, qint64 storeId, const QStringList &paths,
                              const std::atomic<bool> &cancelled);

} // namespace vd::ui
