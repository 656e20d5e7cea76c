#pragma once

#include "core/storage/databaseurl.h"

#include <QMainWindow>
#include <QString>

class QAction;
class QLabel;
class QSplitter;
class QTabWidget;

namespace vd::ui {

class AdminActions;
class FilePanel;
class IngestionRunner;
class QuotaPanel;
class StoreActions;
class SearchPanel;
class SyncPanel;
class ServiceRunner;
class StorePanel;
class TenantPanel;

// The main window: tenants on the left, the current tenant's stores top right, the current
// store's files bottom right. It only wires the panels; each panel owns its widgets and model.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // url: a database that opens and is migrated; operatorName: who acts.
    MainWindow(const DatabaseUrl &url, const QString &operatorName, QWidget *parent = nullptr);
    ~MainWindow() override;

    TenantPanel *tenantPanel() const { return m_tenantPanel; }
    StorePanel *storePanel() const { return m_storePanel; }
    FilePanel *filePanel() const { return m_filePanel; }
    IngestionRunner *ingestionRunner() const { return m_ingestion; }
    SearchPanel *searchPanel() const { return m_searchPanel; }
    QuotaPanel *quotaPanel() const { return m_quotaPanel; }
    SyncPanel *syncPanel() const { return m_syncPanel; }
    StoreActions *storeActions() const { return m_storeActions; }
    AdminActions *adminActions() const { return m_adminActions; }
    QTabWidget *tabs() const { return m_tabs; }
    // Shows the search playground with the query field focused (Ctrl+F).
    void showSearch();
    QAction *addFilesAction() const { return m_addFilesAction; }
    QAction *addFolderAction() const { return m_addFolderAction; }

    // Reloads tenants, stores and files, keeping the selection.
    void refresh();

    // Gives the panes the space their tables need (docs/gui.md, Layout): the tenants the width
    // of their columns (at most 40 % of the window), the stores the height of their rows (at
    // most 45 %), the files the rest. Not once the user has moved a splitter.
    void fitPanes();
    // The first run: the welcome that creates the first tenant and store (ui/welcome).
    void offerWelcome();

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void createActions();
    void createStatusBar(const DatabaseUrl &url, const QString &operatorName);
    void restoreSettings();
    void saveSettings();
    void showAbout();
    void chooseFiles();
    void chooseFolder();
    void updateActions();

    ServiceRunner *m_runner = nullptr;
    IngestionRunner *m_ingestion = nullptr;
    QAction *m_addFilesAction = nullptr;
    QAction *m_addFolderAction = nullptr;
    TenantPanel *m_tenantPanel = nullptr;
    StorePanel *m_storePanel = nullptr;
    FilePanel *m_filePanel = nullptr;
    SearchPanel *m_searchPanel = nullptr;
    QuotaPanel *m_quotaPanel = nullptr;
    SyncPanel *m_syncPanel = nullptr;
    StoreActions *m_storeActions = nullptr;
    AdminActions *m_adminActions = nullptr;
    QLabel *m_operatorLabel = nullptr;
    bool m_userPanes = false; // a splitter was moved by the user, or restored
    bool m_fitQueued = false;
    bool m_welcomeOffered = false;
    QString m_operatorName;
    DatabaseUrl m_url;
    QSplitter *m_leftSplitter = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    QAction *m_refreshAction = nullptr;
};

} // namespace vd::ui
