#include "ui/admin/adminactions.h"

#include "ui/admin/auditdialog.h"
#include "ui/admin/membersdialog.h"
#include "ui/admin/tenantsdialog.h"
#include "ui/models/tenanttablemodel.h"
#include "ui/panels/tenantpanel.h"

#include <QAction>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

QList<Tenant> tenantsOf(const TenantPanel *panel)
{
    QList<Tenant> tenants;
    const TenantTableModel *model = panel->model();
    for (int row = 0; row < model->rowCount(); ++row)
        tenants.append(model->rowAt(row)->tenant);
    return tenants;
}

// Opens the dialog `make` builds, or raises the one already open.
template<typename D, typename Make> void openOnce(D *&dialog, AdminActions *owner, Make make)
{
    if (dialog) {
        dialog->raise();
        dialog->activateWindow();
        return;
    }
    dialog = make();
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &AdminDialog::changed, owner, &AdminActions::changed);
    QObject::connect(dialog, &QObject::destroyed, owner, [&dialog] { dialog = nullptr; });
    dialog->show();
}

} // namespace

AdminActions::AdminActions(ServiceRunner *runner, TenantPanel *tenants, QWidget *window)
    : QObject(window)
    , m_runner(runner)
    , m_tenantPanel(tenants)
    , m_window(window)
{
    m_members = new QAction(QIcon(u":/icons/actions/tenant.svg"_s), tr("&Members and roles…"), this);
    m_members->setObjectName(u"membersAction"_s);
    m_members->setToolTip(tr("Who may work in each tenant, and with which role"));
    connect(m_members, &QAction::triggered, this, [this] {
        openOnce(m_membersDialog, this, [this] {
            return new MembersDialog(m_runner, tenantsOf(m_tenantPanel), m_tenantPanel->currentTenantId(), m_window);
        });
    });
    m_tenantsAction = new QAction(tr("&Tenants and plans…"), this);
    m_tenantsAction->setObjectName(u"tenantsAction"_s);
    m_tenantsAction->setToolTip(tr("Create and rename tenants, change their plan and its overrides"));
    connect(m_tenantsAction, &QAction::triggered, this, [this] {
        openOnce(m_tenantsDialog, this, [this] {
            return new TenantsDialog(m_runner, tenantsOf(m_tenantPanel), m_tenantPanel->currentTenantId(),
                                     m_tenantPanel->model()->isInstanceAdmin(), m_window);
        });
    });
    m_audit = new QAction(tr("Au&dit log…"), this);
    m_audit->setObjectName(u"auditAction"_s);
    m_audit->setToolTip(tr("Who changed what in a tenant, and when"));
    connect(m_audit, &QAction::triggered, this, [this] {
        openOnce(m_auditDialog, this, [this] {
            return new AuditDialog(m_runner, tenantsOf(m_tenantPanel), m_tenantPanel->currentTenantId(), m_window);
        });
    });
}

} // namespace vd::ui
