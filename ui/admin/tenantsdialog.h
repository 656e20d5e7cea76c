#pragma once

#include "ui/admin/admindialog.h"

class QLineEdit;
class QPushButton;

namespace vd::ui {

// Tenants and plans (docs/gui.md), as `vectordesk tenant create|update|set-plan` and
// `vectordesk plan list`: the plans and their limits, and for the chosen tenant its name, plan
// and overrides. Renaming and changing the plan need the admin role in the tenant; creating a
// tenant needs an instance administrator.
class TenantsDialog : public AdminDialog
{
    Q_OBJECT

public:
    // instanceAdmin: whether the operator administers the whole instance (may create tenants).
    TenantsDialog(ServiceRunner *runner, const QList<Tenant> &tenants, qint64 currentTenantId, bool instanceAdmin,
                  QWidget *parent = nullptr);

    QLineEdit *nameField() const { return m_name; }
    QPushButton *renameButton() const { return m_rename; }
    QComboBox *planBox() const { return m_plan; }
    // Plan overrides as a JSON object, e.g. {"max_stores": 10}; empty: none.
    QLineEdit *overridesField() const { return m_overrides; }
    QPushButton *setPlanButton() const { return m_setPlan; }
    QLineEdit *newSlugField() const { return m_newSlug; }
    QLineEdit *newNameField() const { return m_newName; }
    QComboBox *newPlanBox() const { return m_newPlan; }
    QPushButton *createButton() const { return m_create; }

    void rename();
    void changePlan();
    void createTenant();

protected:
    void load() override;
    void updateControls() override;

private:
    void showTenant();
    // Replaces (or adds) a tenant in the picker after a change.
    void keep(const Tenant &tenant);

    bool m_instanceAdmin = false;
    QList<Plan> m_plans;
    QLineEdit *m_name = nullptr;
    QPushButton *m_rename = nullptr;
    QComboBox *m_plan = nullptr;
    QLineEdit *m_overrides = nullptr;
    QPushButton *m_setPlan = nullptr;
    QLineEdit *m_newSlug = nullptr;
    QLineEdit *m_newName = nullptr;
    QComboBox *m_newPlan = nullptr;
    QPushButton *m_create = nullptr;
};

} // namespace vd::ui
