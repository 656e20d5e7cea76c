#pragma once

#include "ui/widgets/tablepanel.h"

class QSortFilterProxyModel;

namespace vd {
struct VectorStore;
}

namespace vd::ui {

class ServiceRunner;
class StoreTableModel;

// The stores of the current tenant. Keeps one store current and says which.
class StorePanel : public TablePanel
{
    Q_OBJECT

public:
    explicit StorePanel(ServiceRunner *runner, QWidget *parent = nullptr);

    StoreTableModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

    // Shows the stores of a tenant; tenantId 0 shows none.
    void setTenant(qint64 tenantId, const QString &slug, const QString &displayName);
    void reload();
    // Makes the store current as soon as it is loaded (at once when it already is).
    void selectStore(qint64 storeId);
    qint64 currentStoreId() const { return m_currentStoreId; }
    const QString &tenantSlug() const { return m_tenantSlug; }
    qint64 tenantId() const;
    // The current store as loaded; nullptr when none is current.
    const VectorStore *currentStore() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    // storeId 0: no store is current.
    void currentStoreChanged(qint64 tenantId, qint64 storeId, const QString &storeName);
    // Files or folders were dropped on a store's row.
    void pathsDropped(qint64 tenantId, qint64 storeId, const QStringList &paths);

private:
    qint64 storeIdAt(const QPoint &viewportPos) const;
    void onLoadFinished();
    void onCurrentRowChanged(const QModelIndex &current);
    void setCurrentStore(qint64 storeId, const QString &name);
    void updatePlaceholder();
    void updateSummary();

    StoreTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QString m_tenantSlug;
    QString m_tenantName;
    qint64 m_wantedStoreId = 0;
    qint64 m_currentStoreId = 0;
};

} // namespace vd::ui
