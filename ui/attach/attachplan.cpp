#include "ui/attach/attachplan.h"

#include "core/domain/filetypes.h"
#include "core/service/vectorstoreservice.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QSet>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

QString bytesText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

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

struct Candidate
{
    QString path;
    QString name;
};

// Files first in the order given; a folder's files sorted, named relative to the folder's parent.
QList<Candidate> expand(const QStringList &paths, QStringList *missing)
{
    QList<Candidate> files;
    QSet<QString> seen;
    auto add = [&](const QString &path, const QString &name) {
        const QString canonical = QFileInfo(path).canonicalFilePath();
        if (canonical.isEmpty() || seen.contains(canonical))
            return;
        seen.insert(canonical);
        files.append({QFileInfo(path).absoluteFilePath(), name});
    };
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (info.isDir()) {
            const QDir base = QDir(info.absoluteFilePath() + u"/.."_s);
            QDirIterator it(info.absoluteFilePath(), QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            QStringList found;
            while (it.hasNext())
                found << it.next();
            found.sort();
            for (const QString &file : std::as_const(found))
                add(file, QDir::cleanPath(base.relativeFilePath(file)));
        } else if (info.isFile()) {
            add(path, info.fileName());
        } else {
            missing->append(path);
        }
    }
    return files;
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
    auto usage = service.quotaUsage(tenantRef);
    if (!usage)
        return usage.error();
    auto role = service.roleIn(tenantRef);
    if (!role)
        return role.error();

    AttachPlan plan;
    plan.tenantId = tenantId;
    plan.storeId = storeId;
    plan.tenantSlug = tenant->slug;
    plan.storeName = store->name;
    plan.backend = store->backend;
    plan.storeChunking = store->chunking;

    // What the store holds now: names and contents, to refuse duplicates before copying anything.
    QHash<QString, QString> namesByHash;
    QSet<QString> names;
    FileQuery query;
    query.limit = 5000;
    query.sortColumn = u"created_at"_s;
    for (;;) {
        auto page = service.listFiles(tenantRef, storeRef, query);
        if (!page)
            return page.error();
        for (const StoreFile &f : page.value()) {
            namesByHash.insert(f.sha256, f.filename);
            names.insert(f.filename.toLower());
        }
        if (page->size() < query.limit || cancelled)
            break;
        query.offset += page->size();
    }

    const PlanLimits &limits = usage->limits;
    qint64 storeFiles = store->fileCounts.total();
    qint64 tenantBytes = usage->totalBytes;
    const bool mayAttach = *role >= Role::Editor;
    const QString roleText = roleName(*role);

    QStringList missing;
    const QList<Candidate> candidates = expand(paths, &missing);
    QHash<QString, QString> plannedByHash;
    QSet<QString> plannedNames;
    for (const QString &path : std::as_const(missing)) {
        AttachItem item;
        item.path = path;
        item.name = QFileInfo(path).fileName();
        item.state = AttachItem::State::Refused;
        item.reason = QObject::tr("Not found or not a regular file.");
        plan.items.append(item);
    }
    for (const Candidate &c : candidates) {
        if (cancelled)
            return ServiceError::unavailable(QObject::tr("Checking the dropped files was cancelled."));
        AttachItem item;
        item.path = c.path;
        item.name = c.name;
        const QFileInfo info(c.path);
        item.sizeBytes = info.size();
        const QString fileName = info.fileName();
        const QString extension = FileTypes::extensionOf(fileName);
        auto refuse = [&](const QString &reason) {
            item.state = AttachItem::State::Refused;
            item.reason = reason;
        };
        if (!mayAttach) {
            refuse(QObject::tr("Your role in %1 is %2; attaching files needs editor.").arg(tenant->slug, roleText));
        } else if (!FileTypes::isKnownExtension(extension)) {
            refuse(extension.isEmpty()
                       ? QObject::tr("Unsupported type: the file has no extension.")
                       : QObject::tr("Unsupported type .%1: file search cannot read it.").arg(extension));
        } else if (!FileTypes::isAllowed(extension, limits.allowedTypes)) {
            refuse(QObject::tr("Type .%1 is not allowed by plan %2 (allowed: %3).")
                       .arg(extension, usage->plan, limits.allowedTypes.join(u", "_s)));
        } else if (item.sizeBytes > limits.maxFileBytes) {
            refuse(QObject::tr("Too large: %1; plan %2 allows %3 per file.")
                       .arg(bytesText(item.sizeBytes), usage->plan, bytesText(limits.maxFileBytes)));
        } else if (item.sizeBytes == 0) {
            refuse(QObject::tr("Empty file: there is nothing to index."));
        } else if (plannedNames.contains(fileName.toLower())) {
            refuse(QObject::tr("Duplicate: another file named %1 is in this drop.").arg(fileName));
        } else if (names.contains(fileName.toLower())) {
            refuse(QObject::tr("Duplicate: %1 already has a file named %2.").arg(store->name, fileName));
        } else {
            QString error;
            item.sha256 = sha256Of(c.path, &error);
            if (item.sha256.isEmpty()) {
                refuse(QObject::tr("Cannot be read: %1").arg(error));
            } else if (namesByHash.contains(item.sha256)) {
                refuse(QObject::tr("Duplicate: the same content is already in %1 as %2.")
                           .arg(store->name, namesByHash.value(item.sha256)));
            } else if (plannedByHash.contains(item.sha256)) {
                refuse(
                    QObject::tr("Duplicate: same content as %1 in this drop.").arg(plannedByHash.value(item.sha256)));
            } else if (storeFiles >= limits.maxFilesPerStore) {
                refuse(QObject::tr("Over quota: %1 would exceed %2 files per store (plan %3).")
                           .arg(store->name)
                           .arg(limits.maxFilesPerStore)
                           .arg(usage->plan));
            } else if (tenantBytes + item.sizeBytes > limits.maxTotalBytes) {
                refuse(QObject::tr("Over quota: %1 would exceed its %2 of storage (plan %3).")
                           .arg(tenant->slug, bytesText(limits.maxTotalBytes), usage->plan));
            } else {
                ++storeFiles;
                tenantBytes += item.sizeBytes;
                plannedByHash.insert(item.sha256, item.name);
                plannedNames.insert(fileName.toLower());
            }
        }
        plan.items.append(item);
    }
    return plan;
}

} // namespace vd::ui
