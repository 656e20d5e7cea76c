#pragma once

#include "core/domain/types.h"
#include "ui/dialogs/trashdialog.h"
#include "ui/files/filepage.h"
#include "ui/tokens/tokensdialog.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QWidget;

namespace vd::ui {

class FilePage;
class FilePanel;
class IngestionRunner;
class ServiceRunner;
class StorePanel;
class TenantPanel;
class TokensDialog;
class TrashDialog;

// The store, file and tenant actions of the main window, enabled by the acting operator's role in the
// current tenant: an action they may not take is disabled, and its tooltip names the role it
// needs. Changes run on worker threads; `changed` reports each one for the status bar.
class StoreActions : public QObject
{
    Q_OBJECT

public:
    StoreActions(ServiceRunner *runner, TenantPanel *tenants, StorePanel *stores, FilePanel *files, QWidget *window);

    QAction *newStore() const { return m_newStore; }
    QAction *editStore() const { return m_editStore; }
    QAction *setPrimary() const { return m_setPrimary; }
    QAction *deleteStore() const { return m_deleteStore; }
    QAction *trash() const { return m_trash; }
    // The current tenant's API tokens for `vectordesk serve` (admin).
    QAction *apiTokens() const { return m_apiTokens; }
    QAction *detachFiles() const { return m_detachFiles; }
    QAction *editAttributes() const { return m_editAttributes; }
    // Failed, cancelled or stuck files go back to the ingestion queue (editor).
    QAction *retryFiles() const { return m_retryFiles; }
    // Files still in progress stop being processed (editor).
    QAction *cancelFiles() const { return m_cancelFiles; }
    // Every failed file of the current store goes back to the queue (editor).
    QAction *retryAllFailed() const { return m_retryAllFailed; }
    // The files of the last detach come back (Ctrl+Z, editor).
    QAction *undoDetach() const { return m_undoDetach; }
    // The page of the selected file (Enter or double-click on a row).
    QAction *openFile() const { return m_openFile; }
    // Opens the page of a file, scrolled to chunk `ordinal` when it is 0 or more.
    FilePage *openFilePage(qint64 tenantId, qint64 storeId, qint64 fileId, int ordinal = -1);
    FilePage *filePage() const { return m_filePage.data(); }
    // Retried local files are indexed by this runner.
    void setIngestionRunner(IngestionRunner *ingestion) { m_ingestion = ingestion; }

    // The operator's role in the current tenant; nullopt when no tenant is current.
    std::optional<Role> currentRole() const;
    // Why an action needing `needed` is not allowed now ("Needs the admin role in acme; you
    // are viewer."); empty when it is.
    QString roleProblem(Role needed) const;
    // The same for any tenant (empty: the operator has the role).
    static QString roleProblem(Role needed, const Tenant &tenant);
    // Re-evaluates every action (tenant, store, selection or role changed).
    void update();

    TrashDialog *trashDialog() const { return m_trashDialog.data(); }
    TokensDialog *tokensDialog() const { return m_tokensDialog.data(); }

Q_SIGNALS:
    void changed(const QString &message);
    // update() ran: the role or the current store may have changed.
    void updated();

private:
    void setAllowed(QAction *action, Role needed, const QString &missingTarget, const QString &allowedTip);
    void confirmDeleteStore();
    void runDeleteStore(qint64 tenantId, qint64 storeId, const QString &name);
    void openStoreDialog(bool edit);
    void makePrimary();
    void openTrash();
    void openTokens();
    void detachSelectedFiles();
    // Asks, then detaches `files` (all of one store); `done` runs after a detach went through.
    void confirmDetach(qint64 tenantId, qint64 storeId, const QString &storeName, const QList<StoreFile> &files,
                       QWidget *parent, const std::function<void()> &done = {});
    void undoLastDetach();
    void retryAllFailedFiles();
    void openAttributesDialog();
    void openAttributesDialog(const StoreFile &file, QWidget *parent, const std::function<void()> &saved);
    // Retry (true) or cancel (false) the selected files that allow it.
    void retryOrCancelSelected(bool retry);
    // The ids of the selected files whose status is one of `statuses`.
    QStringList selectedFilesWithStatus(const QList<FileStatus> &statuses) const;

    ServiceRunner *m_runner = nullptr;
    TenantPanel *m_tenants = nullptr;
    StorePanel *m_stores = nullptr;
    FilePanel *m_files = nullptr;
    QWidget *m_window = nullptr;
    QPointer<TrashDialog> m_trashDialog;
    QPointer<TokensDialog> m_tokensDialog;
    QPointer<FilePage> m_filePage;
    // The last detach, for undo: tenant, store and file ids.
    qint64 m_undoTenant = 0;
    qint64 m_undoStore = 0;
    QList<qint64> m_undoFiles;

    QAction *m_newStore = nullptr;
    QAction *m_editStore = nullptr;
    QAction *m_setPrimary = nullptr;
    QAction *m_deleteStore = nullptr;
    QAction *m_trash = nullptr;
    QAction *m_apiTokens = nullptr;
    QAction *m_detachFiles = nullptr;
    QAction *m_editAttributes = nullptr;
    QAction *m_retryFiles = nullptr;
    QAction *m_cancelFiles = nullptr;
    QAction *m_retryAllFailed = nullptr;
    QAction *m_undoDetach = nullptr;
    QAction *m_openFile = nullptr;
    IngestionRunner *m_ingestion = nullptr;
};

} // namespace vd::ui
