#include "ui/mainwindow.h"

#include "ui/actions/storeactions.h"
#include "ui/activity/activitydialog.h"
#include "ui/admin/adminactions.h"
#include "ui/agents/agentsdialog.h"
#include "ui/data/ingestionrunner.h"
#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"
#include "ui/models/storetablemodel.h"
#include "ui/models/tenanttablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/quota/quotapanel.h"
#include "ui/search/searchpanel.h"
#include "ui/settings/settingsdialog.h"
#include "ui/sync/syncpanel.h"
#include "ui/welcome/welcomedialog.h"
#include "ui/widgets/placeholdertableview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

// Every setting of the window, in one place; all keys live under ui/.
namespace keys {
const QString geometry = u"ui/mainWindow/geometry"_s;
const QString state = u"ui/mainWindow/state"_s;
const QString mainSplitter = u"ui/mainWindow/mainSplitter"_s;
const QString rightSplitter = u"ui/mainWindow/rightSplitter"_s;
const QString leftSplitter = u"ui/mainWindow/leftSplitter"_s;
const QString tab = u"ui/mainWindow/tab"_s;
const QString tenant = u"ui/selection/tenant"_s;
const QString store = u"ui/selection/store"_s;
} // namespace keys

constexpr QSize kDefaultSize(1280, 800);

} // namespace

MainWindow::MainWindow(const DatabaseUrl &url, const QString &operatorName, QWidget *parent)
    : QMainWindow(parent)
    , m_runner(new ServiceRunner(url, operatorName, this))
    , m_ingestion(new IngestionRunner(url, this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(u"VectorDesk"_s);
    setWindowIcon(QIcon(u":/icons/org.vectordesk.VectorDesk.svg"_s));

    m_tenantPanel = new TenantPanel(m_runner, this);
    m_storePanel = new StorePanel(m_runner, this);
    m_filePanel = new FilePanel(m_runner, this);
    m_filePanel->setIngestionRunner(m_ingestion);

    m_rightSplitter = new QSplitter(Qt::Vertical, this);
    m_rightSplitter->setObjectName(u"rightSplitter"_s);
    m_rightSplitter->addWidget(m_storePanel);
    m_rightSplitter->addWidget(m_filePanel);
    // A taller window gives its height to the files; the stores keep what their rows need.
    m_rightSplitter->setStretchFactor(0, 0);
    m_rightSplitter->setStretchFactor(1, 1);
    m_rightSplitter->setChildrenCollapsible(false);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(u"mainSplitter"_s);
    m_quotaPanel = new QuotaPanel(m_runner, this);
    m_leftSplitter = new QSplitter(Qt::Vertical, this);
    m_leftSplitter->setObjectName(u"leftSplitter"_s);
    m_leftSplitter->addWidget(m_tenantPanel);
    m_leftSplitter->addWidget(m_quotaPanel);
    m_leftSplitter->setStretchFactor(0, 1);
    m_leftSplitter->setStretchFactor(1, 0);
    m_leftSplitter->setChildrenCollapsible(false);
    m_mainSplitter->addWidget(m_leftSplitter);
    m_mainSplitter->addWidget(m_rightSplitter);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setChildrenCollapsible(false);
    m_searchPanel = new SearchPanel(m_runner, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"mainTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_mainSplitter, QIcon(u":/icons/actions/store.svg"_s), tr("Stores and files"));
    m_tabs->addTab(m_searchPanel, QIcon(u":/icons/actions/search.svg"_s), tr("Search playground"));
    m_tabs->setTabToolTip(1, tr("Try queries, filters and thresholds against the stores of a tenant (Ctrl+F)"));
    m_syncPanel = new SyncPanel(url, this);
    m_syncPanel->setRunner(m_runner);
    m_tabs->addTab(m_syncPanel, QIcon(u":/icons/actions/sync.svg"_s), tr("Sync"));
    m_tabs->setTabToolTip(2, tr("The background sync: last run, next run, warnings and errors"));
    setCentralWidget(m_tabs);

    m_operatorName = operatorName;
    m_url = url;
    m_storeActions = new StoreActions(m_runner, m_tenantPanel, m_storePanel, m_filePanel, this);
    m_storeActions->setIngestionRunner(m_ingestion);
    createActions();
    createStatusBar(url, operatorName);
    connect(m_storeActions, &StoreActions::changed, this, [this](const QString &message) {
        statusBar()->showMessage(message, 8000);
        m_tenantPanel->reload();
        m_quotaPanel->reload();
        m_searchPanel->reloadStores();
    });
    connect(m_storeActions, &StoreActions::updated, this, [this] { updateActions(); });

    connect(m_tenantPanel, &TenantPanel::currentTenantChanged, this,
            [this](qint64 tenantId, const QString &slug, const QString &displayName) {
                m_storePanel->setTenant(tenantId, slug, displayName);
                m_searchPanel->setTenant(tenantId, slug, 0);
                m_quotaPanel->setTenant(tenantId, displayName.isEmpty() ? slug : displayName);
                m_storeActions->update();
            });
    connect(m_storePanel, &StorePanel::currentStoreChanged, this,
            [this](qint64 tenantId, qint64 storeId, const QString &storeName) {
                m_filePanel->setStore(tenantId, storeId, m_storePanel->tenantSlug(), storeName);
                if (tenantId != 0)
                    m_searchPanel->setTenant(tenantId, m_storePanel->tenantSlug(), storeId);
                m_storeActions->update();
            });
    connect(m_storePanel, &StorePanel::pathsDropped, this,
            [this](qint64 tenantId, qint64 storeId, const QStringList &paths) {
                m_filePanel->attachPaths(paths, tenantId, storeId);
            });
    // The playground shows its own status; the status bar repeats it only when the playground is hidden.
    connect(m_searchPanel, &SearchPanel::searchFinished, this, [this](const QString &message) {
        if (!m_searchPanel->isVisible())
            statusBar()->showMessage(message, 8000);
    });
    connect(m_searchPanel, &SearchPanel::openFileRequested, this,
            [this](qint64 tenantId, qint64 storeId, qint64 fileId, int ordinal) {
                m_storeActions->openFilePage(tenantId, storeId, fileId, ordinal);
            });
    connect(m_filePanel, &FilePanel::statusMessage, this, [this](const QString &message) {
        statusBar()->showMessage(message, 8000);
        // An attach ended: counts and quota changed, in the tenant row too.
        m_tenantPanel->reload();
        m_storePanel->reload();
        m_quotaPanel->reload();
    });
    connect(m_filePanel, &FilePanel::exported, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_ingestion, &IngestionRunner::idle, this, [this](int completed, int failed) {
        if (completed + failed == 0)
            return;
        statusBar()->showMessage(failed == 0 ? tr("Indexed %1").arg(tr("%Ln file(s)", nullptr, int(completed)))
                                             : tr("Indexed %1; %2 failed (see the Last error column)")
                                                   .arg(tr("%Ln file(s)", nullptr, int(completed + failed)))
                                                   .arg(failed),
                                 8000);
        m_tenantPanel->reload();
        m_storePanel->reload();
        m_quotaPanel->reload();
    });

    connect(m_syncPanel, &SyncPanel::passEnded, this, [this](const QString &message) {
        if (!message.isEmpty())
            statusBar()->showMessage(message, 8000);
        // Statuses changed: reload in place, keeping selection and scroll position.
        m_tenantPanel->reload();
        m_storePanel->reload();
        m_filePanel->reload();
        m_quotaPanel->reload();
    });

    // A warning or error of the sync panel leads to its tenant, store and file.
    connect(m_syncPanel, &SyncPanel::showRequested, this,
            [this](qint64 tenantId, qint64 storeId, const QString &fileName) {
                m_tabs->setCurrentWidget(m_mainSplitter);
                m_tenantPanel->selectTenant(tenantId);
                if (storeId != 0)
                    m_storePanel->selectStore(storeId);
                if (!fileName.isEmpty())
                    m_filePanel->filterField()->setText(fileName);
            });

    // The panes follow what their tables need until the user moves a splitter.
    for (QSplitter *splitter : {m_mainSplitter, m_rightSplitter, m_leftSplitter})
        connect(splitter, &QSplitter::splitterMoved, this, [this] { m_userPanes = true; });
    connect(m_tenantPanel->model(), &ServiceTableModel::loadFinished, this, [this] {
        fitPanes();
        offerWelcome();
    });
    connect(m_storePanel->model(), &ServiceTableModel::loadFinished, this, [this] { fitPanes(); });

    m_storeActions->update();
    restoreSettings();
    m_tenantPanel->reload();
}

void MainWindow::fitPanes()
{
    if (m_userPanes)
        return;
    const int width = m_mainSplitter->width();
    if (width > 0) {
        const int left = qBound(260, m_tenantPanel->naturalWidth(), width * 2 / 5);
        m_mainSplitter->setSizes({left, qMax(0, width - left - m_mainSplitter->handleWidth())});
    }
    const int height = m_rightSplitter->height();
    if (height > 0) {
        const int top = qBound(140, m_storePanel->heightForRows(8), height * 45 / 100);
        m_rightSplitter->setSizes({top, qMax(0, height - top - m_rightSplitter->handleWidth())});
    }
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_userPanes || m_fitQueued)
        return;
    // After the layouts have given the splitters their new size.
    m_fitQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_fitQueued = false;
        fitPanes();
    });
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_refreshAction = new QAction(QIcon(u":/icons/actions/refresh.svg"_s), tr("&Refresh"), this);
    m_refreshAction->setObjectName(u"refreshAction"_s);
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setToolTip(tr("Reload tenants, stores and files from the database (F5)"));
    connect(m_refreshAction, &QAction::triggered, this, [this] { refresh(); });

    m_addFilesAction = new QAction(QIcon(u":/icons/actions/add-file.svg"_s), tr("Add &files…"), this);
    m_addFilesAction->setObjectName(u"addFilesAction"_s);
    m_addFilesAction->setShortcut(QKeySequence::Open);
    connect(m_addFilesAction, &QAction::triggered, this, [this] { chooseFiles(); });
    m_addFolderAction = new QAction(QIcon(u":/icons/actions/add-folder.svg"_s), tr("Add fo&lder…"), this);
    m_addFolderAction->setObjectName(u"addFolderAction"_s);
    m_addFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connect(m_addFolderAction, &QAction::triggered, this, [this] { chooseFolder(); });

    auto *searchAction = new QAction(QIcon(u":/icons/actions/search.svg"_s), tr("&Search playground"), this);
    searchAction->setObjectName(u"searchAction"_s);
    searchAction->setShortcut(QKeySequence::Find);
    searchAction->setToolTip(tr("Search the stores of the current tenant (Ctrl+F)"));
    connect(searchAction, &QAction::triggered, this, [this] { showSearch(); });

    auto *settingsAction = new QAction(QIcon(u":/icons/actions/settings.svg"_s), tr("S&ettings…"), this);
    settingsAction->setObjectName(u"settingsAction"_s);
    settingsAction->setShortcut(QKeySequence::Preferences);
    settingsAction->setMenuRole(QAction::PreferencesRole);
    connect(settingsAction, &QAction::triggered, this, [this] {
        auto *dialog = new SettingsDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->showDatabaseInUse(m_url);
        // Every tenant in the list, the current one first; changing a key needs admin there.
        QList<OpenAIKeyBox::Tenant> keyTenants;
        const TenantTableModel *tenants = m_tenantPanel->model();
        for (int row = 0; row < tenants->rowCount(); ++row) {
            const Tenant &t = tenants->rowAt(row)->tenant;
            keyTenants.append({t.id, t.slug, t.displayName, StoreActions::roleProblem(Role::Admin, t)});
        }
        dialog->addOpenAIKeys(m_url, m_operatorName, keyTenants, m_tenantPanel->currentTenantId());
        connect(dialog, &QDialog::accepted, this, [this] {
            m_syncPanel->reschedule();
            statusBar()->showMessage(tr("Settings saved; a new database is used from the next start"), 8000);
        });
        dialog->open();
    });

    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setObjectName(u"quitAction"_s);
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, [this] { close(); });

    auto *aboutAction = new QAction(QIcon(u":/icons/org.vectordesk.VectorDesk.svg"_s), tr("&About VectorDesk"), this);
    aboutAction->setMenuRole(QAction::AboutRole);
    connect(aboutAction, &QAction::triggered, this, [this] { showAbout(); });
    auto *aboutQtAction = new QAction(tr("About &Qt"), this);
    aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);

    auto *toolBar = addToolBar(tr("Main toolbar"));
    toolBar->setObjectName(u"mainToolBar"_s);
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_refreshAction);
    toolBar->addSeparator();
    toolBar->addAction(m_addFilesAction);
    toolBar->addAction(m_addFolderAction);
    toolBar->addSeparator();
    toolBar->addAction(searchAction);
    toolBar->addSeparator();
    toolBar->addAction(m_storeActions->newStore());
    toolBar->addAction(m_storeActions->deleteStore());

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_addFilesAction);
    fileMenu->addAction(m_addFolderAction);
    fileMenu->addSeparator();
    fileMenu->addAction(settingsAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction);
    // The same actions on right-click in the tables.
    auto separator = [this] {
        auto *action = new QAction(this);
        action->setSeparator(true);
        return action;
    };
    QTableView *storeTable = m_storePanel->view();
    storeTable->setContextMenuPolicy(Qt::ActionsContextMenu);
    storeTable->addActions({m_storeActions->newStore(), m_storeActions->editStore(), m_storeActions->setPrimary(),
                            separator(), m_storeActions->deleteStore(), m_storeActions->trash()});
    QTableView *fileTable = m_filePanel->view();
    fileTable->setContextMenuPolicy(Qt::ActionsContextMenu);
    fileTable->addActions({m_storeActions->openFile(), separator(), m_addFilesAction, m_addFolderAction, separator(),
                           m_storeActions->editAttributes(), m_storeActions->retryFiles(),
                           m_storeActions->retryAllFailed(), m_storeActions->cancelFiles(), separator(),
                           m_storeActions->detachFiles(), m_storeActions->undoDetach(), separator(),
                           m_filePanel->exportAction()});

    QMenu *storeMenu = menuBar()->addMenu(tr("&Store"));
    storeMenu->addAction(m_storeActions->newStore());
    storeMenu->addAction(m_storeActions->editStore());
    storeMenu->addAction(m_storeActions->setPrimary());
    storeMenu->addSeparator();
    storeMenu->addAction(m_addFilesAction);
    storeMenu->addAction(m_addFolderAction);
    storeMenu->addAction(m_storeActions->editAttributes());
    storeMenu->addAction(m_storeActions->retryFiles());
    storeMenu->addAction(m_storeActions->openFile());
    storeMenu->addAction(m_storeActions->retryAllFailed());
    storeMenu->addAction(m_storeActions->cancelFiles());
    storeMenu->addAction(m_storeActions->detachFiles());
    storeMenu->addAction(m_storeActions->undoDetach());
    storeMenu->addAction(m_filePanel->exportAction());
    storeMenu->addSeparator();
    storeMenu->addAction(m_storeActions->deleteStore());
    storeMenu->addAction(m_storeActions->trash());
    QMenu *tenantMenu = menuBar()->addMenu(tr("&Tenant"));
    tenantMenu->addAction(m_storeActions->apiTokens());
    // The tenant's agents and their file_search tools (docs/agents.md).
    auto *agentsAction = tenantMenu->addAction(tr("&Agents…"));
    agentsAction->setObjectName(u"agentsAction"_s);
    connect(agentsAction, &QAction::triggered, this, [this] {
        if (m_storePanel->tenantSlug().isEmpty())
            return;
        auto *dialog = new AgentsDialog(m_runner, m_storePanel->tenantSlug(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    // Members, tenants and plans, the audit log (ui/admin).
    m_adminActions = new AdminActions(m_runner, m_tenantPanel, this);
    tenantMenu->addSeparator();
    tenantMenu->addAction(m_adminActions->members());
    tenantMenu->addAction(m_adminActions->tenants());
    tenantMenu->addAction(m_adminActions->audit());
    connect(m_adminActions, &AdminActions::changed, this, [this](const QString &message) {
        statusBar()->showMessage(message, 8000);
        m_tenantPanel->reload();
        m_quotaPanel->reload();
    });
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_refreshAction);
    viewMenu->addAction(searchAction);
    viewMenu->addAction(m_storeActions->trash());
    // Recent operations, latencies and the log tail of this process (docs/observability.md).
    auto *activityAction = viewMenu->addAction(tr("&Activity…"));
    activityAction->setObjectName(u"activityAction"_s);
    connect(activityAction, &QAction::triggered, this, [this] {
        auto *activity = new ActivityDialog(this);
        activity->setAttribute(Qt::WA_DeleteOnClose);
        connect(activity, &ActivityDialog::stateWanted, this, [this, activity] {
            m_runner->run(
                activity,
                [](VectorStoreService &service) {
                    return service.refreshStateMetrics(QDateTime::currentMSecsSinceEpoch());
                },
                [activity](Result<void> read) { activity->stateRead(read ? QString() : read.error().message()); });
        });
        activity->show();
    });
    viewMenu->addAction(m_syncPanel->historyAction());
    viewMenu->addSeparator();
    viewMenu->addAction(toolBar->toggleViewAction());
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(aboutAction);
    helpMenu->addAction(aboutQtAction);
}

void MainWindow::createStatusBar(const DatabaseUrl &url, const QString &operatorName)
{
    auto *databaseLabel = new QLabel(format::databaseText(url), this);
    databaseLabel->setObjectName(u"databaseLabel"_s);
    databaseLabel->setToolTip(tr("Metadata database: %1").arg(url.redacted()));
    databaseLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_operatorLabel = new QLabel(tr("Operator: %1").arg(operatorName), this);
    m_operatorLabel->setObjectName(u"operatorLabel"_s);
    m_operatorLabel->setToolTip(tr("Every change is recorded in the audit log under this name"));
    statusBar()->addPermanentWidget(databaseLabel);
    statusBar()->addPermanentWidget(m_operatorLabel);
}

void MainWindow::updateActions()
{
    const bool haveStore = m_storePanel->currentStoreId() != 0;
    const QString problem = m_storeActions->roleProblem(Role::Editor);
    for (QAction *action : {m_addFilesAction, m_addFolderAction}) {
        action->setEnabled(haveStore && problem.isEmpty());
        action->setToolTip(
            !problem.isEmpty() ? problem
                : haveStore
                ? tr("%1 to the selected store (a preview comes first)").arg(action->text().remove(u'&').remove(u'…'))
                : tr("Select a store first"));
    }
    // Who acts, and with which role in the current tenant.
    const auto role = m_storeActions->currentRole();
    const QString slug = m_storePanel->tenantSlug();
    m_operatorLabel->setText(role && !slug.isEmpty()
                                 ? tr("Operator: %1 · %2 in %3").arg(m_operatorName, format::roleText(*role), slug)
                                 : tr("Operator: %1").arg(m_operatorName));
}

void MainWindow::chooseFiles()
{
    auto *dialog = new QFileDialog(this, tr("Add files to the store"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    connect(dialog, &QFileDialog::filesSelected, this,
            [this](const QStringList &files) { m_filePanel->attachPaths(files); });
    dialog->open();
}

void MainWindow::chooseFolder()
{
    auto *dialog = new QFileDialog(this, tr("Add a folder to the store"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::filesSelected, this,
            [this](const QStringList &folders) { m_filePanel->attachPaths(folders); });
    dialog->open();
}

void MainWindow::showSearch()
{
    m_tabs->setCurrentWidget(m_searchPanel);
    m_searchPanel->focusQuery();
}

void MainWindow::refresh()
{
    m_tenantPanel->reload();
    m_storePanel->reload();
    m_filePanel->reload();
    m_searchPanel->reloadStores();
    m_quotaPanel->reload();
    statusBar()->showMessage(tr("Reloaded from the database"), 3000);
}

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(keys::geometry).toByteArray()))
        resize(kDefaultSize);
    restoreState(settings.value(keys::state).toByteArray());
    // Splitters the user arranged stay so; otherwise fitPanes() sizes them to the tables.
    bool restored = m_mainSplitter->restoreState(settings.value(keys::mainSplitter).toByteArray());
    if (!restored)
        m_mainSplitter->setSizes({440, kDefaultSize.width() - 440});
    if (!m_leftSplitter->restoreState(settings.value(keys::leftSplitter).toByteArray()))
        m_leftSplitter->setSizes({500, 200});
    m_tabs->setCurrentIndex(settings.value(keys::tab, 0).toInt());
    if (m_rightSplitter->restoreState(settings.value(keys::rightSplitter).toByteArray()))
        restored = true;
    else
        m_rightSplitter->setSizes({220, 480});
    m_userPanes = restored;
    m_tenantPanel->restoreHeaderState(settings);
    m_storePanel->restoreHeaderState(settings);
    m_filePanel->restoreHeaderState(settings);
    m_tenantPanel->selectTenant(settings.value(keys::tenant).toLongLong());
    m_storePanel->selectStore(settings.value(keys::store).toLongLong());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(keys::geometry, saveGeometry());
    settings.setValue(keys::state, saveState());
    settings.setValue(keys::mainSplitter, m_mainSplitter->saveState());
    settings.setValue(keys::rightSplitter, m_rightSplitter->saveState());
    settings.setValue(keys::leftSplitter, m_leftSplitter->saveState());
    settings.setValue(keys::tab, m_tabs->currentIndex());
    m_tenantPanel->saveHeaderState(settings);
    m_storePanel->saveHeaderState(settings);
    m_filePanel->saveHeaderState(settings);
    settings.setValue(keys::tenant, m_tenantPanel->currentTenantId());
    settings.setValue(keys::store, m_storePanel->currentStoreId());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    m_syncPanel->shutdown(); // cancels a running pass after its current item
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About VectorDesk"),
                       tr("<h3>VectorDesk %1</h3>"
                          "<p>Admin console for tenant-scoped vector stores and file search.</p>"
                          "<p>Hosted and local stores side by side, per tenant, with quotas, expiry and an "
                          "audit trail.</p>")
                           .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
}

void MainWindow::offerWelcome()
{
    // Once per window, on a database where this instance administrator sees no tenant at all.
    const TenantTableModel *tenants = m_tenantPanel->model();
    if (m_welcomeOffered || !tenants->errorMessage().isEmpty() || tenants->rowCount() > 0
        || !tenants->isInstanceAdmin())
        return;
    m_welcomeOffered = true;
    auto *welcome = new WelcomeDialog(m_runner, m_operatorName, this);
    welcome->setAttribute(Qt::WA_DeleteOnClose);
    connect(welcome, &WelcomeDialog::created, this, [this](qint64 tenantId, qint64 storeId, const QString &store) {
        m_tenantPanel->reload();
        m_tenantPanel->selectTenant(tenantId);
        m_storePanel->selectStore(storeId);
        statusBar()->showMessage(
            tr("Store %1 is ready: drop documents on it (or on the files table) to index them").arg(store));
    });
    connect(welcome, &WelcomeDialog::openAIChosen, this, [this](qint64 tenantId, const QString &slug) {
        m_tenantPanel->reload();
        m_tenantPanel->selectTenant(tenantId);
        // The key box lists the tenants the panel has: open it when the new one is there.
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(m_tenantPanel->model(), &ServiceTableModel::loadFinished, this, [this, once, slug] {
            disconnect(*once);
            if (auto *settings = findChild<QAction *>(u"settingsAction"_s))
                settings->trigger();
            statusBar()->showMessage(tr("Set the OpenAI key of tenant %1 under OpenAI keys; then import its "
                                        "stores with: vectordesk store import --tenant %1 --all")
                                         .arg(slug));
        });
    });
    welcome->show(); // not modal: the empty window stays usable behind it
}

} // namespace vd::ui
