#pragma once

#include "ui/admin/admindialog.h"

class QSpinBox;
class QLineEdit;

namespace vd::ui {

// A tenant's audit trail (docs/gui.md), as `vectordesk audit`: the newest entries (admin), shown
// with filters by operator, action and time over the entries loaded. Without the admin role
// nothing is loaded and the controls say why.
class AuditDialog : public AdminDialog
{
    Q_OBJECT

public:
    AuditDialog(ServiceRunner *runner, const QList<Tenant> &tenants, qint64 currentTenantId, QWidget *parent = nullptr);

    QLineEdit *operatorFilter() const { return m_operator; }
    QComboBox *actionFilter() const { return m_action; }
    // "Any time", "Last hour", "Last 24 hours", "Last 7 days", "Last 30 days"; data: hours (0 any).
    QComboBox *timeFilter() const { return m_since; }
    QSpinBox *limitBox() const { return m_limit; }
    // Rows shown after the filters.
    int visibleRows() const;

protected:
    void load() override;
    void updateControls() override;

private:
    void applyFilters();

    QLineEdit *m_operator = nullptr;
    QComboBox *m_action = nullptr;
    QComboBox *m_since = nullptr;
    QSpinBox *m_limit = nullptr;
    QList<AuditEntry> m_entries;
};

} // namespace vd::ui
