#pragma once

#include <QObject>

class QAction;
class QWidget;

namespace vd::ui {

class AuditDialog;
class MembersDialog;
class ServiceRunner;
class TenantPanel;
class TenantsDialog;

// The Administration menu's actions: members and roles, tenants and plans, the audit log. Each
// opens its dialog (one at a time) over the tenants of the tenant panel, the current one first.
class AdminActions : public QObject
{
    Q_OBJECT

public:
    AdminActions(ServiceRunner *runner, TenantPanel *tenants, QWidget *window);

    QAction *members() const { return m_members; }
    QAction *tenants() const { return m_tenantsAction; }
    QAction *audit() const { return m_audit; }

    // The open dialogs, or nullptr (tests).
    MembersDialog *membersDialog() const { return m_membersDialog; }
    TenantsDialog *tenantsDialog() const { return m_tenantsDialog; }
    AuditDialog *auditDialog() const { return m_auditDialog; }

Q_SIGNALS:
    // A dialog changed something; the window reloads and shows the message.
    void changed(const QString &message);

private:
    ServiceRunner *m_runner = nullptr;
    TenantPanel *m_tenantPanel = nullptr;
    QWidget *m_window = nullptr;
    QAction *m_members = nullptr;
    QAction *m_tenantsAction = nullptr;
    QAction *m_audit = nullptr;
    MembersDialog *m_membersDialog = nullptr;
    TenantsDialog *m_tenantsDialog = nullptr;
    AuditDialog *m_auditDialog = nullptr;
};

} // namespace vd::ui
