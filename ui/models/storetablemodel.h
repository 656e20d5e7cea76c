#pragma once

#include "core/domain/types.h"
#include "ui/models/displayformat.h"
#include "ui/models/servicetablemodel.h"

#include <QIcon>
#include <QList>

#include <functional>

namespace vd::ui {

// The live vector stores of one tenant.
class StoreTableModel : public ServiceTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        BackendColumn,
        StatusColumn,
        FilesColumn,
        UsageColumn,
        ExpiresColumn,
        PrimaryColumn,
        LastActiveColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit StoreTableModel(ServiceRunner *runner, QObject *parent = nullptr);

    // Shows the stores of a tenant (by id); 0 shows none. Loads at once.
    void setTenant(qint64 tenantId);
    qint64 tenantId() const { return m_tenantId; }
    void reload() override;

    const VectorStore *storeAt(int row) const;
    int rowOfStore(qint64 storeId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The clock for relative times ("3 h ago"), in unix ms; tests pin it.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

private:
    qint64 now() const;
    QVariant displayData(const VectorStore &store, int column) const;
    QVariant sortData(const VectorStore &store, int column) const;
    QVariant toolTipData(const VectorStore &store, int column) const;

    qint64 m_tenantId = 0;
    QList<VectorStore> m_stores;
    StatusBadges m_badges;
    QIcon m_primaryIcon;
    std::function<qint64()> m_clock;
};

} // namespace vd::ui
