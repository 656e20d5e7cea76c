#include "ui/attach/attachplan.h"

#include "core/domain/attachpaths.h"
#include "core/service/vectorstoreservice.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

// The sha256 of a file, read in blocks; empty when it cannot be read.
QString sha256Of(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        *error = file.errorString();
        return {};
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

int AttachPlan::ready() const
{
    return int(std::count_if(items.cbegin(), items.cend(),
                             [](const AttachItem &i) { return i.state == AttachItem::State::Ready; }));
}

int AttachPlan::refused() const
{
    return int(std::count_if(items.cbegin(), items.cend(),
                             [](const AttachItem &i) { return i.state == AttachItem::State::Refused; }));
}

qint64 AttachPlan::readyBytes() const
{
    qint64 sum = 0;
    for (const AttachItem &i : items)
        if (i.state == AttachItem::State::Ready)
            sum += i.sizeBytes;
    return sum;
}

Result<AttachPlan> planAttach(VectorStoreService &service, qint64 tenantId, qint64 storeId, const QStringList &paths,
                              const std::atomic<bool> &cancelled)
{
    const QString tenantRef = QString::number(tenantId);
    const QString storeRef = QString::number(storeId);
    auto tenant = service.tenant(tenantRef);
    if (!tenant)
        return tenant.error();
    auto store = service.store(tenantRef, storeRef);
    if (!store)
        return store.error();
    auto policy = service.attachPolicy(tenantRef, storeRef);
    if (!policy)
        return policy.error();

    AttachPlan plan;
    plan.tenantId = tenantId;
    plan.storeId = storeId;
    plan.tenantSlug = tenant->slug;
    plan.storeName = store->name;
    plan.storeChunking = store->chunking;

    const AttachExpansion expansion = expandAttachPaths(paths);
    for (const SkippedPath &skipped : expansion.skipped) {
        AttachItem item;
        item.path = skipped.path;
        item.name = QFileInfo(skipped.path).fileName();
        item.state = AttachItem::State::Refused;
        item.reason = QObject::tr("Skipped: %1").arg(skipped.message());
        plan.items.append(item);
    }
    // The same rule, in the same order, as `vectordesk file attach` and the service: the checks
    // that need no content first, then (after hashing) duplicates and quotas, counting the files
    // accepted earlier in this drop.
    for (const AttachCandidate &c : expansion.files) {
        if (cancelled)
            return ServiceError::unavailable(QObject::tr("Checking the dropped files was cancelled."));
        AttachItem item;
        item.path = c.path;
        item.name = c.name;
        const QFileInfo info(c.path);
        item.sizeBytes = info.size();
        auto refuse = [&](const ServiceError &error) {
            item.state = AttachItem::State::Refused;
            item.reason = error.message();
            item.reasonCode = attachRefusalReason(error);
        };
        if (auto checked = policy.value().checkFile(info.fileName(), item.sizeBytes); !checked) {
            refuse(checked.error());
        } else if (auto content = policy.value().checkContent(c.path, info.fileName()); !content) {
            // What ingestion would find: a program or an image named .txt, a legacy .doc.
            refuse(content.error());
        } else {
            QString error;
            item.sha256 = sha256Of(c.path, &error);
            if (item.sha256.isEmpty()) {
                item.state = AttachItem::State::Refused;
                item.reason = QObject::tr("Cannot be read: %1").arg(error);
            } else if (auto admitted = policy.value().admit(info.fileName(), item.sizeBytes, item.sha256); !admitted) {
                refuse(admitted.error());
            }
        }
        plan.items.append(item);
    }
    return plan;
}

} // namespace vd::ui
