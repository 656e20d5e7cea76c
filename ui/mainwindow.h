#pragma once

#include "storage/databaseurl.h"

#include <QMainWindow>
#include <QString>

class QAction;
class QLabel;
class QSplitter;

namespace vd::ui {

class FilePanel;
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

    // Reloads tenants, stores and files, keeping the selection.
    void refresh();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createStatusBar(const DatabaseUrl &url, const QString &operatorName);
    void restoreSettings();
    void saveSettings();
    void showAbout();

    ServiceRunner *m_runner = nullptr;
    TenantPanel *m_tenantPanel = nullptr;
    StorePanel *m_storePanel = nullptr;
    FilePanel *m_filePanel = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_rightSplitter = nullptr;
    QAction *m_refreshAction = nullptr;
};

} // namespace vd::ui
