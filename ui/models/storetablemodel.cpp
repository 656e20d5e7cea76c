#include "ui/models/storetablemodel.h"

#include "ui/data/servicerunner.h"
#include "ui/models/modelroles.h"

#include <QDateTime>
#include <QLocale>

#include <limits>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

int rightAligned()
{
    return int(Qt::AlignRight | Qt::AlignVCenter);
}

format::Tone filesTone(const FileCounts &counts)
{
    if (counts.failed > 0)
        return format::Tone::Bad;
    if (counts.inProgress > 0)
        return format::Tone::Busy;
    return format::Tone::Neutral;
}

// A completed store with failed files is not all good: its status says so, in the failure's tone.
format::Tone statusTone(const VectorStore &store)
{
    if (store.status == StoreStatus::Completed && store.fileCounts.failed > 0)
        return format::Tone::Bad;
    return format::toneOf(store.status);
}

} // namespace

StoreTableModel::StoreTableModel(ServiceRunner *runner, QObject *parent)
    : ServiceTableModel(runner, parent)
    , m_primaryIcon(u":/icons/actions/primary.svg"_s)
{ }

qint64 StoreTableModel::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void StoreTableModel::setTenant(qint64 tenantId)
{
    if (tenantId == m_tenantId)
        return;
    m_tenantId = tenantId;
    // Another tenant's stores must not stay visible while this tenant's load.
    beginResetModel();
    m_stores.clear();
    endResetModel();
    if (tenantId == 0) {
        abandonRequests();
        Q_EMIT loadFinished();
        return;
    }
    reload();
}

void StoreTableModel::reload()
{
    if (m_tenantId == 0)
        return;
    const quint64 generation = startRequest();
    const QString tenantRef = QString::number(m_tenantId);
    runner()->run(
        this, [tenantRef](VectorStoreService &service) { return service.listStores(tenantRef); },
        [this, generation](Result<QList<VectorStore>> result) {
            if (!isCurrent(generation))
                return;
            beginResetModel();
            if (result)
                m_stores = std::move(result).value();
            else
                m_stores.clear();
            endResetModel();
            if (result)
                finishSuccess();
            else
                finishFailure(result.error());
        });
}

const VectorStore *StoreTableModel::storeAt(int row) const
{
    return row >= 0 && row < m_stores.size() ? &m_stores.at(row) : nullptr;
}

int StoreTableModel::rowOfStore(qint64 storeId) const
{
    for (int i = 0; i < m_stores.size(); ++i)
        if (m_stores.at(i).id == storeId)
            return i;
    return -1;
}

int StoreTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stores.size());
}

int StoreTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StoreTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const VectorStore &store = m_stores.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return displayData(store, column);
    case Qt::ToolTipRole:
        return toolTipData(store, column);
    case Qt::ForegroundRole:
        if (column == StatusColumn)
            return m_badges.color(statusTone(store));
        if (column == FilesColumn)
            return m_badges.color(filesTone(store.fileCounts));
        if (column == ExpiresColumn && store.expiresAt && *store.expiresAt - now() < 7LL * 24 * 3600 * 1000)
            return m_badges.color(*store.expiresAt <= now() ? format::Tone::Bad : format::Tone::Busy);
        return {};
    case Qt::DecorationRole:
        if (column == StatusColumn)
            return m_badges.icon(statusTone(store));
        if (column == PrimaryColumn && store.isPrimary)
            return m_primaryIcon;
        return {};
    case Qt::TextAlignmentRole:
        if (column == FilesColumn || column == UsageColumn)
            return rightAligned();
        return {};
    case SortRole:
        return sortData(store, column);
    case StatusRole:
        return storeStatusName(store.status);
    case IdRole:
        return store.id;
    case RefRole:
        return QString::number(store.id);
    default:
        return {};
    }
}

QVariant StoreTableModel::displayData(const VectorStore &store, int column) const
{
    switch (column) {
    case NameColumn:
        return store.name;
    case BackendColumn:
        return format::backendText(store.backend);
    case StatusColumn:
        if (store.status == StoreStatus::Completed && store.fileCounts.failed > 0)
            return tr("Completed, %1 failed").arg(QLocale().toString(store.fileCounts.failed));
        return format::statusText(store.status);
    case FilesColumn:
        return format::fileCountsText(store.fileCounts);
    case UsageColumn:
        return format::bytes(store.usageBytes);
    case ExpiresColumn:
        return format::expiresIn(store.expiresAt, now());
    case PrimaryColumn:
        return store.isPrimary ? tr("Primary") : QString();
    case LastActiveColumn:
        return store.lastActiveAt ? format::relativeTime(*store.lastActiveAt, now()) : tr("never");
    default:
        return {};
    }
}

QVariant StoreTableModel::sortData(const VectorStore &store, int column) const
{
    constexpr qint64 never = std::numeric_limits<qint64>::max();
    switch (column) {
    case NameColumn:
        return store.name.toLower();
    case BackendColumn:
        return backendName(store.backend);
    case StatusColumn:
        return storeStatusName(store.status);
    case FilesColumn:
        return store.fileCounts.total();
    case UsageColumn:
        return store.usageBytes;
    case ExpiresColumn:
        return store.expiresAt.value_or(never);
    case PrimaryColumn:
        return store.isPrimary ? 1 : 0;
    case LastActiveColumn:
        return store.lastActiveAt.value_or(-1);
    default:
        return {};
    }
}

QVariant StoreTableModel::toolTipData(const VectorStore &store, int column) const
{
    switch (column) {
    case NameColumn:
        return tr("%1\nid %2%3\nCreated %4")
            .arg(store.name)
            .arg(store.id)
            .arg(store.remoteId.isEmpty() ? QString() : tr(" · remote id %1").arg(store.remoteId),
                 format::dateTime(store.createdAt));
    case FilesColumn:
        return format::fileCountsToolTip(store.fileCounts);
    case UsageColumn:
        return tr("%1 bytes of processed content").arg(store.usageBytes);
    case ExpiresColumn: {
        const QString policy = store.expiresAfter
            ? tr("Expires %1 days after its last activity.").arg(store.expiresAfter->days)
            : tr("No expiry policy: the store is kept until deleted.");
        return store.expiresAt ? policy + u'\n' + format::dateTime(*store.expiresAt) : policy;
    }
    case PrimaryColumn:
        return store.isPrimary ? tr("The tenant's primary store") : QVariant();
    case LastActiveColumn:
        return store.lastActiveAt ? QVariant(format::dateTime(*store.lastActiveAt)) : QVariant();
    default:
        return {};
    }
}

QVariant StoreTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return ServiceTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Store");
        case BackendColumn:
            return tr("Backend");
        case StatusColumn:
            return tr("Status");
        case FilesColumn:
            return tr("Files");
        case UsageColumn:
            return tr("Indexed text");
        case ExpiresColumn:
            return tr("Expires");
        case PrimaryColumn:
            return tr("Primary");
        case LastActiveColumn:
            return tr("Last active");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && section == FilesColumn)
        return tr("Files by status: ✓ completed · ◷ in progress · ✗ failed · ⊘ cancelled");
    if (role == Qt::ToolTipRole && section == UsageColumn)
        return tr("Size of the text the store indexed from its files (what OpenAI bills), not of the files");
    return {};
}

} // namespace vd::ui
