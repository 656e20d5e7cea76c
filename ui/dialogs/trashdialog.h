#pragma once

#include "core/domain/types.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace vd::ui {

class ServiceRunner;

// The deleted stores of a tenant, restorable until the purge removes them for good.
class TrashDialog : public QDialog
{
    Q_OBJECT

public:
    // mayRestore false: the list shows, Restore is disabled with `whyNot` as its tooltip.
    TrashDialog(ServiceRunner *runner, qint64 tenantId, const QString &tenantSlug, bool mayRestore,
                const QString &whyNot, QWidget *parent = nullptr);

    void reload();
    void restoreSelected();
    QTreeWidget *list() const { return m_list; }
    QPushButton *restoreButton() const { return m_restore; }
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void restored(const QString &message);

private:
    void updateButtons();

    ServiceRunner *m_runner = nullptr;
    qint64 m_tenantId = 0;
    QString m_tenantSlug;
    bool m_mayRestore = false;
    QString m_whyNot;
    bool m_loading = false;
    QTreeWidget *m_list = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_restore = nullptr;
};

} // namespace vd::ui
