#pragma once

#include "ui/admin/admindialog.h"

class QSpinBox;
class QLineEdit;
class QTimer;

namespace vd::ui {

// A tenant's audit trail (docs/gui.md), as `vectordesk audit`: the newest entries (admin) that
// match the filters by operator, action and time, filtered by the service over the whole trail.
// Without the admin role nothing is loaded and the controls say why.
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
    // Rows shown: the entries matching the filters.
    int visibleRows() const;

protected:
    void load() override;
    void updateControls() override;

private:
    QLineEdit *m_operator = nullptr;
    QComboBox *m_action = nullptr;
    QComboBox *m_since = nullptr;
    QSpinBox *m_limit = nullptr;
    QList<AuditEntry> m_entries;
    QTimer *m_typing = nullptr; // the operator filter asks once typing pauses
    quint64 m_generation = 0; // answers to older filters are dropped
};

} // namespace vd::ui
