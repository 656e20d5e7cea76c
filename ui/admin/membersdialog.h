#pragma once

#include "ui/admin/admindialog.h"

class QLineEdit;
class QPushButton;

namespace vd::ui {

// The members of a tenant and their roles (docs/gui.md), as `vectordesk member list|add|remove`:
// anyone in the tenant may look; adding, changing a role and removing need the owner role.
class MembersDialog : public AdminDialog
{
    Q_OBJECT

public:
    MembersDialog(ServiceRunner *runner, const QList<Tenant> &tenants, qint64 currentTenantId,
                  QWidget *parent = nullptr);

    QLineEdit *operatorField() const { return m_operator; }
    QComboBox *roleBox() const { return m_role; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

    // Gives the operator in the field the chosen role (adds them, or changes their role).
    void addMember();
    // Removes the selected member.
    void removeSelected();

protected:
    void load() override;
    void updateControls() override;

private:
    QLineEdit *m_operator = nullptr;
    QComboBox *m_role = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace vd::ui
