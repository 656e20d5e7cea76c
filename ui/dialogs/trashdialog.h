#pragma once

#include "core/domain/types.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace vd::ui {

class ServiceRunner;

// The trash of a tenant: its deleted stores and the files detached from its live stores, each
// restorable until the purge removes it for good. Two tabs; Restore acts on the tab shown.
class TrashDialog : public QDialog
{
    Q_OBJECT

public:
    // mayRestore false: the stores show, Restore is disabled with `whyNot` as its tooltip; the
    // same for files with mayRestoreFiles (editor) and whyNotFiles.
    TrashDialog(ServiceRunner *runner, qint64 tenantId, const QString &tenantSlug, bool mayRestore,
                const QString &whyNot, bool mayRestoreFiles, const QString &whyNotFiles, QWidget *parent = nullptr);

    void reload();
    void restoreSelected();
    // The deleted stores and the detached files (columns File, Store, Size, Detached).
    QTreeWidget *list() const { return m_list; }
    QTreeWidget *fileList() const { return m_fileList; }
    QTabWidget *tabs() const { return m_tabs; }
    void showFiles();
    QPushButton *restoreButton() const { return m_restore; }
    QString statusText() const;
    bool isLoading() const { return m_loading > 0; }

Q_SIGNALS:
    void restored(const QString &message);

private:
    struct DeletedFile
    {
        StoreFile file;
        QString storeName;
    };
    void restoreStore(QTreeWidgetItem *item);
    void restoreFiles();
    void updateButtons();
    void updateStatus();
    void loaded();
    bool filesShown() const;

    ServiceRunner *m_runner = nullptr;
    qint64 m_tenantId = 0;
    QString m_tenantSlug;
    bool m_mayRestore = false;
    QString m_whyNot;
    bool m_mayRestoreFiles = false;
    QString m_whyNotFiles;
    int m_loading = 0;
    bool m_shownOnce = false;
    QString m_error;
    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_list = nullptr;
    QTreeWidget *m_fileList = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_restore = nullptr;
};

} // namespace vd::ui
