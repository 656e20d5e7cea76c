#pragma once

#include "core/domain/types.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QLabel;
class QTreeWidget;

namespace vd::ui {

class ServiceRunner;

// What the administration dialogs (members, tenants and plans, audit log) share: a tenant picker
// over the tenants the operator sees, a table, a status line, and the role rule of the window
// (a control the operator's role does not allow is disabled, its tooltip says why). Every call
// goes through VectorStoreService on a worker thread (ServiceRunner); GUI thread only.
class AdminDialog : public QDialog
{
    Q_OBJECT

public:
    AdminDialog(ServiceRunner *runner, const QList<Tenant> &tenants, qint64 currentTenantId, QWidget *parent);

    QComboBox *tenantBox() const { return m_tenantBox; }
    QTreeWidget *table() const { return m_table; }
    QLabel *statusLabel() const { return m_status; }
    bool isBusy() const { return m_busy > 0; }
    // The tenant chosen in the picker; nullptr when there is none.
    const Tenant *currentTenant() const;
    void selectTenant(qint64 tenantId);

Q_SIGNALS:
    // Something was changed ("alice is now editor of acme"); the window reloads.
    void changed(const QString &message);
    // A load or change finished (tests wait on it).
    void settled();

protected:
    // Loads the table for the current tenant.
    virtual void load() = 0;
    // Enables the controls for the current tenant's role.
    virtual void updateControls() = 0;
    // "Needs the owner role in acme; you are editor." or empty.
    QString roleProblem(Role needed) const;
    // Counts a running call; the last one to end emits settled().
    void begin();
    void end();
    void showStatus(const QString &text, bool problem);
    QTreeWidget *makeTable(const QStringList &headers, const QString &objectName);

    ServiceRunner *m_runner = nullptr;
    QList<Tenant> m_tenants;
    QComboBox *m_tenantBox = nullptr;
    QTreeWidget *m_table = nullptr;
    QLabel *m_status = nullptr;
    int m_busy = 0;
};

} // namespace vd::ui
