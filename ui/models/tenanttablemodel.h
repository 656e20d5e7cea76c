#pragma once

#include "core/domain/types.h"
#include "ui/models/displayformat.h"
#include "ui/models/servicetablemodel.h"

#include <QList>

#include <optional>

namespace vd::ui {

// The tenants the operator may see, with their use of the plan's limits.
class TenantTableModel : public ServiceTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        PlanColumn,
        StoresColumn,
        FilesColumn,
        BytesColumn,
        QuotaColumn,
        RoleColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    struct Row
    {
        Tenant tenant;
        QString planName; // the plan's display name ("Starter")
        std::optional<QuotaUsage> quota; // missing when it could not be read
    };

    explicit TenantTableModel(ServiceRunner *runner, QObject *parent = nullptr);

    void reload() override;

    // Known after the first load: whether the operator administers the whole instance.
    bool isInstanceAdmin() const { return m_instanceAdmin; }
    const Row *rowAt(int row) const;
    int rowOfTenant(qint64 tenantId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const Row &row, int column) const;
    QVariant sortData(const Row &row, int column) const;
    QVariant toolTipData(const Row &row, int column) const;
    QVariant foregroundData(const Row &row, int column) const;

    QList<Row> m_rows;
    bool m_instanceAdmin = false;
    StatusBadges m_badges;
};

} // namespace vd::ui
