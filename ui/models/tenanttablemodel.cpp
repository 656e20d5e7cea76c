#include "ui/models/tenanttablemodel.h"

#include "ui/data/servicerunner.h"
#include "ui/models/modelroles.h"

#include <QHash>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

struct TenantSnapshot
{
    QList<TenantTableModel::Row> rows;
    bool instanceAdmin = false;
};

// Runs on a worker thread.
Result<TenantSnapshot> loadTenants(VectorStoreService &service)
{
    auto op = service.currentOperator();
    if (!op)
        return op.error();
    auto tenants = service.listTenants();
    if (!tenants)
        return tenants.error();
    QHash<QString, QString> planNames;
    if (auto plans = service.plans()) {
        for (const Plan &plan : plans.value())
            planNames.insert(plan.name, plan.displayName);
    }
    TenantSnapshot snapshot;
    snapshot.instanceAdmin = op->isInstanceAdmin;
    snapshot.rows.reserve(tenants->size());
    for (const Tenant &tenant : tenants.value()) {
        TenantTableModel::Row row;
        row.tenant = tenant;
        row.planName = planNames.value(tenant.plan, tenant.plan);
        if (auto quota = service.quotaUsage(QString::number(tenant.id)))
            row.quota = quota.value();
        snapshot.rows.append(std::move(row));
    }
    return snapshot;
}

int rightAligned()
{
    return int(Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace

TenantTableModel::TenantTableModel(ServiceRunner *runner, QObject *parent)
    : ServiceTableModel(runner, parent)
{ }

void TenantTableModel::reload()
{
    const quint64 generation = startRequest();
    runner()->run(this, &loadTenants, [this, generation](Result<TenantSnapshot> result) {
        if (!isCurrent(generation))
            return;
        if (!result) {
            beginResetModel();
            m_rows.clear();
            endResetModel();
            finishFailure(result.error());
            return;
        }
        beginResetModel();
        m_rows = std::move(result.value().rows);
        m_instanceAdmin = result.value().instanceAdmin;
        endResetModel();
        finishSuccess();
    });
}

const TenantTableModel::Row *TenantTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int TenantTableModel::rowOfTenant(qint64 tenantId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).tenant.id == tenantId)
            return i;
    return -1;
}

int TenantTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TenantTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TenantTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, column);
    case Qt::ToolTipRole:
        return toolTipData(row, column);
    case Qt::ForegroundRole:
        return foregroundData(row, column);
    case Qt::DecorationRole:
        if (column == QuotaColumn && row.quota && row.quota->worstPercent() >= 80.0)
            return QIcon(u":/icons/actions/warning.svg"_s);
        return {};
    case Qt::TextAlignmentRole:
        if (column != NameColumn && column != PlanColumn && column != RoleColumn)
            return rightAligned();
        return {};
    case Qt::AccessibleTextRole:
        return displayData(row, column);
    case SortRole:
        return sortData(row, column);
    case IdRole:
        return row.tenant.id;
    case RefRole:
        return QString::number(row.tenant.id);
    default:
        return {};
    }
}

QVariant TenantTableModel::displayData(const Row &row, int column) const
{
    const Tenant &t = row.tenant;
    switch (column) {
    case NameColumn:
        if (t.displayName.isEmpty() || t.displayName == t.slug)
            return t.slug;
        return u"%1 (%2)"_s.arg(t.displayName, t.slug);
    case PlanColumn:
        return row.planName;
    case StoresColumn:
        return row.quota ? QVariant(QLocale().toString(row.quota->stores)) : QVariant(u"–"_s);
    case FilesColumn:
        return row.quota ? QVariant(QLocale().toString(row.quota->files)) : QVariant(u"–"_s);
    case BytesColumn:
        return row.quota ? QVariant(format::bytes(row.quota->totalBytes)) : QVariant(u"–"_s);
    case QuotaColumn:
        return row.quota ? QVariant(format::percent(row.quota->worstPercent())) : QVariant(u"–"_s);
    case RoleColumn:
        return t.myRole ? format::roleText(*t.myRole) : tr("None");
    default:
        return {};
    }
}

QVariant TenantTableModel::sortData(const Row &row, int column) const
{
    const Tenant &t = row.tenant;
    const qint64 missing = -1; // unknown quotas sort first ascending
    switch (column) {
    case NameColumn:
        return (t.displayName.isEmpty() ? t.slug : t.displayName).toLower();
    case PlanColumn:
        // Plans sort by their size, not alphabetically.
        return row.quota ? QVariant(row.quota->limits.maxTotalBytes) : QVariant(missing);
    case StoresColumn:
        return row.quota ? row.quota->stores : missing;
    case FilesColumn:
        return row.quota ? row.quota->files : missing;
    case BytesColumn:
        return row.quota ? row.quota->totalBytes : missing;
    case QuotaColumn:
        return row.quota ? row.quota->worstPercent() : -1.0;
    case RoleColumn:
        return t.myRole ? int(*t.myRole) : 0;
    default:
        return {};
    }
}

QVariant TenantTableModel::toolTipData(const Row &row, int column) const
{
    const Tenant &t = row.tenant;
    switch (column) {
    case NameColumn:
        return tr("%1\nSlug: %2 · id %3\nNew stores use the %4 backend\nCreated %5")
            .arg(t.displayName, t.slug)
            .arg(t.id)
            .arg(format::backendText(t.defaultBackend), format::dateTime(t.createdAt));
    case PlanColumn:
    case StoresColumn:
    case FilesColumn:
    case BytesColumn:
    case QuotaColumn: {
        if (!row.quota)
            return tr("The quota of %1 could not be read.").arg(t.slug);
        const QuotaUsage &q = row.quota.value();
        return tr("Plan %1\nStores: %2 of %3\nFiles in the largest store: %4 of %5\nStorage: %6 of %7\n"
                  "The quota column shows the most used of these limits.")
            .arg(row.planName)
            .arg(q.stores)
            .arg(q.limits.maxStores)
            .arg(q.largestStoreFiles)
            .arg(q.limits.maxFilesPerStore)
            .arg(format::bytes(q.totalBytes), format::bytes(q.limits.maxTotalBytes));
    }
    case RoleColumn:
        if (m_instanceAdmin)
            return tr("You administer this VectorDesk instance and act as owner of every tenant.");
        return t.myRole ? tr("Your role in %1: %2").arg(t.slug, format::roleText(*t.myRole)) : QVariant();
    default:
        return {};
    }
}

QVariant TenantTableModel::foregroundData(const Row &row, int column) const
{
    if (column != QuotaColumn || !row.quota)
        return {};
    const double worst = row.quota->worstPercent();
    if (worst >= 100.0)
        return m_badges.color(format::Tone::Bad);
    if (worst >= 80.0)
        return m_badges.color(format::Tone::Busy);
    return {};
}

QVariant TenantTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return ServiceTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Tenant");
        case PlanColumn:
            return tr("Plan");
        case StoresColumn:
            return tr("Stores");
        case FilesColumn:
            return tr("Files");
        case BytesColumn:
            return tr("File bytes");
        case QuotaColumn:
            return tr("Quota");
        case RoleColumn:
            return tr("Your role");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case BytesColumn:
            return tr("Total size of the tenant's live files, as uploaded (the storage limit counts these)");
        case QuotaColumn:
            return tr("The most used plan limit: stores, files per store or storage");
        default:
            return {};
        }
    }
    return {};
}

} // namespace vd::ui
