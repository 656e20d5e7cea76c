#pragma once

#include "ui/widgets/tablepanel.h"

class QSortFilterProxyModel;

namespace vd::ui {

class ServiceRunner;
class TenantTableModel;

// The tenants the operator may see. Keeps one tenant current and says which.
class TenantPanel : public TablePanel
{
    Q_OBJECT

public:
    explicit TenantPanel(ServiceRunner *runner, QWidget *parent = nullptr);

    TenantTableModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }

    void reload();
    // Makes the tenant current as soon as it is loaded (at once when it already is).
    void selectTenant(qint64 tenantId);
    qint64 currentTenantId() const { return m_currentTenantId; }

Q_SIGNALS:
    // tenantId 0: no tenant is current.
    void currentTenantChanged(qint64 tenantId, const QString &slug, const QString &displayName);

private:
    void onLoadFinished();
    void onCurrentRowChanged(const QModelIndex &current);
    void updatePlaceholder();

    TenantTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QString m_operatorName;
    bool m_loadedOnce = false;
    qint64 m_wantedTenantId = 0;
    qint64 m_currentTenantId = 0;
};

} // namespace vd::ui
