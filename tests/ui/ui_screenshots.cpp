// Drives the real main window through the states the README shows and saves each as a PNG:
// main window with data, the drop preview, search results, quota gauges, the sync panel, the API
// tokens dialog, the agents dialog. Run under Xvfb by
// tests/ui/screenshots.sh over a demo database made with the CLI; not a test.
//
//   vectordesk_ui_screenshots --db DB --as OPERATOR --docs DOCS_DIR --out OUT_DIR [--language de]
//
// In a language other than English it takes the main window and the search playground only.

#include "core/storage/database.h"
#include "ui/actions/storeactions.h"
#include "ui/admin/adminactions.h"
#include "ui/admin/auditdialog.h"
#include "ui/admin/membersdialog.h"
#include "ui/admin/tenantsdialog.h"
#include "ui/agents/agentsdialog.h"
#include "ui/attach/attachsheet.h"
#include "ui/dialogs/keyvalueeditor.h"
#include "ui/dialogs/storedialog.h"
#include "ui/dialogs/trashdialog.h"
#include "ui/files/chunkmodel.h"
#include "ui/files/filepage.h"
#include "ui/i18n/language.h"
#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/tenanttablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/quota/quotapanel.h"
#include "ui/search/filtereditor.h"
#include "ui/search/searchpanel.h"
#include "ui/search/searchresultmodel.h"
#include "ui/settings/openaikeybox.h"
#include "ui/settings/settingsdialog.h"
#include "ui/sync/synchistorydialog.h"
#include "ui/sync/syncpanel.h"
#include "ui/tokens/tokensdialog.h"
#include "ui/tokens/tokentablemodel.h"
#include "ui/widgets/chunkingeditor.h"
#include "ui/widgets/placeholdertableview.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QFrame>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTextStream>
#include <QTimer>
#include <QTreeWidget>

#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

// Processes events until the condition holds (a screenshot tool, not GUI code: it may wait).
bool waitUntil(const std::function<bool()> &condition, int msecs = 15'000)
{
    QDeadlineTimer deadline(msecs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

void settle(int msecs = 400)
{
    QDeadlineTimer deadline(msecs);
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

bool save(QWidget *widget, const QString &path)
{
    settle();
    const bool ok = widget->grab().save(path);
    QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << path << Qt::endl;
    return ok;
}

// The window with a dialog over it, as a user sees them together.
bool saveWithDialog(QWidget *window, QWidget *dialog, const QString &path)
{
    // A dialog never larger than the window it is shown over.
    dialog->resize(dialog->size().boundedTo(window->size() - QSize(40, 60)));
    settle();
    QPixmap image = window->grab();
    QPainter painter(&image);
    const QPoint at((window->width() - dialog->width()) / 2, (window->height() - dialog->height()) / 3);
    painter.fillRect(QRect(at, dialog->size()).adjusted(-1, -1, 1, 1), QColor(0, 0, 0, 90));
    painter.drawPixmap(at, dialog->grab());
    painter.end();
    const bool ok = image.save(path);
    QTextStream(stdout) << (ok ? "wrote " : "FAILED ") << path << Qt::endl;
    return ok;
}

const QList<QSize> &pageSizes()
{
    static const QList<QSize> sizes = {{1600, 1000}, {1024, 700}};
    return sizes;
}

QString sized(const QString &name, const QSize &size)
{
    return u"%1-%2x%3.png"_s.arg(name).arg(size.width()).arg(size.height());
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"VectorDesk"_s);
    QCoreApplication::setApplicationName(u"vectordesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(VECTORDESK_VERSION));
    QCommandLineParser parser;
    const QCommandLineOption db(u"db"_s, u"Database."_s, u"path"_s);
    const QCommandLineOption as(u"as"_s, u"Operator."_s, u"name"_s);
    const QCommandLineOption docs(u"docs"_s, u"Folder with files to drop."_s, u"dir"_s);
    const QCommandLineOption out(u"out"_s, u"Output folder."_s, u"dir"_s);
    const QCommandLineOption language(u"language"_s, u"Window language (en, de, fr)."_s, u"code"_s, u"en"_s);
    parser.addOptions({db, as, docs, out, language});
    parser.process(app);
    QString error;
    const auto url = vd::DatabaseUrl::parse(parser.value(db), &error);
    if (!url) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    const QDir outDir(parser.value(out));
    // The window's language is installed before it is built, as app/main.cpp does.
    if (!vd::ui::i18n::install(parser.value(language), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    const bool fullTour = parser.value(language) == u"en"_s;
    const QDir docsDir(parser.value(docs));

    vd::ui::MainWindow window(*url, parser.value(as));
    window.resize(1280, 800);
    window.show();
    auto *files = window.filePanel();
    if (!waitUntil([&] { return files->model()->rowCount() > 0 && !files->model()->isLoading(); })) {
        std::fprintf(stderr, "the files did not load\n");
        return 1;
    }
    // Select the store with a failed file, so every status shows.
    window.storePanel()->selectStore(0);
    bool ok = save(&window, outDir.filePath(u"main-window.png"_s));
    ok = save(window.quotaPanel(), outDir.filePath(u"quota-gauges.png"_s)) && ok;
    for (const QSize &size : pageSizes()) {
        window.resize(size);
        settle(800);
        ok = save(&window, outDir.filePath(sized(u"main-window"_s, size))) && ok;
    }

    auto *tenants = window.tenantPanel();
    // The full tour in English; in another language the main window and the search playground.
    if (fullTour) {
        // Members, tenants and plans, the audit log (Tenant menu), over the window at both sizes.
        auto adminShot = [&](QAction *action, auto getDialog, const QString &name, const QSize &preferred) {
            action->trigger();
            vd::ui::AdminDialog *dialog = (window.adminActions()->*getDialog)();
            if (!dialog || !waitUntil([&] { return !dialog->isBusy() && dialog->table()->topLevelItemCount() > 0; }))
                return false;
            bool shot = true;
            for (const QSize &size : pageSizes()) {
                window.resize(size);
                dialog->resize(preferred);
                shot = saveWithDialog(&window, dialog, outDir.filePath(sized(name, size))) && shot;
            }
            dialog->close();
            return shot;
        };
        ok = adminShot(window.adminActions()->members(), &vd::ui::AdminActions::membersDialog, u"members"_s,
                       QSize(760, 520))
            && ok;
        ok = adminShot(window.adminActions()->tenants(), &vd::ui::AdminActions::tenantsDialog, u"plans"_s,
                       QSize(980, 640))
            && ok;
        ok = adminShot(window.adminActions()->audit(), &vd::ui::AdminActions::auditDialog, u"audit-log"_s,
                       QSize(1200, 700))
            && ok;
        window.resize(1280, 800);
        settle(400);

        // The drop preview, onto Globex's research store: a folder of new files, a duplicate, a
        // file of the wrong type and an empty one.
        for (int row = 0; row < tenants->proxy()->rowCount(); ++row)
            if (tenants->proxy()->index(row, 0).data().toString().startsWith(u"Globex"_s))
                tenants->selectViewRow(tenants->proxy()->index(row, 0));
        if (!waitUntil([&] {
                return files->model()->storeId() != 0 && files->model()->rowCount() > 0 && !files->model()->isLoading()
                    && files->tenantId() != 0 && window.storePanel()->tenantSlug() == u"globex"_s;
            }))
            return 1;
        files->attachPaths({docsDir.filePath(u"drop/new-contracts"_s), docsDir.filePath(u"research/benchmarks.md"_s),
                            docsDir.filePath(u"drop/scanner-setup.exe"_s), docsDir.filePath(u"drop/empty-notes.txt"_s),
                            docsDir.filePath(u"drop/release-notes.txt"_s)});
        if (!waitUntil([&] { return files->attachSheet()->phase() == vd::ui::AttachSheet::Phase::Preview; }))
            return 1;
        ok = save(&window, outDir.filePath(u"drop-preview.png"_s)) && ok;
        files->attachSheet()->cancelOrClose();

        // The new-store dialog with fixed-size chunking and one metadata value.
        window.storeActions()->newStore()->trigger();
        vd::ui::StoreDialog *dialog = nullptr;
        if (!waitUntil([&] { return (dialog = window.findChild<vd::ui::StoreDialog *>(u"storeDialog"_s)) != nullptr; }))
            return 1;
        dialog->nameField()->setText(u"field-reports"_s);
        dialog->expiryBox()->setChecked(true);
        dialog->chunkingEditor()->setChunking({u"static"_s, 400, 80});
        dialog->metadataEditor()->addRow(u"owner"_s, u"string"_s, u"research"_s);
        ok = save(dialog, outDir.filePath(u"store-dialog.png"_s)) && ok;
        dialog->reject();

        // Settings, with the OpenAI key box on the current tenant (no keychain under Xvfb: it says so).
        window.findChild<QAction *>(u"settingsAction"_s)->trigger();
        vd::ui::SettingsDialog *settingsDialog = nullptr;
        if (!waitUntil([&] { return (settingsDialog = window.findChild<vd::ui::SettingsDialog *>()) != nullptr; }))
            return 1;
        waitUntil([&] { return settingsDialog->openAIKeyBox() && !settingsDialog->openAIKeyBox()->isBusy(); });
        ok = save(settingsDialog, outDir.filePath(u"settings.png"_s)) && ok;
        settingsDialog->reject();
    }

    // Search results with a filter, the first result open, in Acme's stores.
    for (int row = 0; row < tenants->proxy()->rowCount(); ++row)
        if (tenants->proxy()->index(row, 0).data().toString().startsWith(u"Acme"_s))
            tenants->selectViewRow(tenants->proxy()->index(row, 0));
    waitUntil([&] { return window.storePanel()->tenantSlug() == u"acme"_s && files->model()->rowCount() > 0; });

    if (fullTour) {
        // Acme's API tokens: one made earlier, one just created with its secret shown once.
        window.storeActions()->apiTokens()->trigger();
        vd::ui::TokensDialog *tokens = window.storeActions()->tokensDialog();
        if (!tokens || !waitUntil([&] { return !tokens->model()->isLoading(); }))
            return 1;
        auto createToken = [&](const QString &name, const QString &role, bool expires) {
            tokens->nameField()->setText(name);
            tokens->roleBox()->setCurrentIndex(tokens->roleBox()->findData(role));
            tokens->expiresBox()->setChecked(expires);
            const int rows = tokens->model()->rowCount();
            tokens->createToken();
            return waitUntil([&] {
                return tokens->secretPanel()->isVisible() && !tokens->model()->isLoading()
                    && tokens->model()->rowCount() == rows + 1;
            });
        };
        if (!createToken(u"reporting"_s, u"viewer"_s, false))
            return 1;
        tokens->dismissSecretButton()->click();
        if (!createToken(u"ci-pipeline"_s, u"editor"_s, true))
            return 1;
        ok = save(tokens, outDir.filePath(u"api-tokens.png"_s)) && ok;
        tokens->close();
    }

    window.showSearch();
    vd::ui::SearchPanel *search = window.searchPanel();
    if (!waitUntil([&] { return search->storeList()->count() > 0; }))
        return 1;
    for (int i = 0; i < search->storeList()->count(); ++i)
        search->storeList()->item(i)->setCheckState(i < 2 ? Qt::Checked : Qt::Unchecked);
    search->queryField()->setText(u"services delivered"_s);
    search->maxResultsBox()->setValue(10);
    search->filterEditor()->addCondition(u"year"_s, u"gte"_s, u"2024"_s);
    search->search();
    if (!waitUntil([&] { return !search->isSearching() && search->results()->rowCount() > 0; }))
        return 1;
    waitUntil([&] { return !search->chunkView()->toPlainText().isEmpty(); });
    settle(800);
    ok = save(&window, outDir.filePath(u"search-results.png"_s)) && ok;

    // The same search across stores at both window sizes (the Store column shows).
    for (const QSize &size : pageSizes()) {
        window.resize(size);
        settle(600);
        ok = save(&window, outDir.filePath(sized(u"search-across-stores"_s, size))) && ok;
    }
    if (!fullTour)
        return ok ? 0 : 1;

    // The first result's file page, at its chunk.
    const vd::SearchHit *hit = search->results()->hitAt(0);
    vd::ui::FilePage *page = window.storeActions()->openFilePage(window.tenantPanel()->currentTenantId(), hit->storeId,
                                                                 hit->fileId, hit->chunkOrdinals.value(0, -1));
    bool chunkShown = false;
    QObject::connect(page, &vd::ui::FilePage::chunkShown, page, [&chunkShown] { chunkShown = true; });
    waitUntil([&] { return chunkShown || (!page->isLoading() && page->chunks()->rowCount() > 0); });
    for (const QSize &size : pageSizes()) {
        page->resize(size);
        settle(600);
        ok = save(page, outDir.filePath(sized(u"file-page"_s, size))) && ok;
    }
    page->close();

    // A file detached (Del asks first) and the trash listing it.
    window.tabs()->setCurrentIndex(0);
    window.storePanel()->selectStore(0);
    waitUntil([&] { return files->model()->rowCount() > 0 && !files->model()->isLoading(); });
    files->view()->selectRow(0);
    window.storeActions()->detachFiles()->trigger();
    QMessageBox *confirm = nullptr;
    waitUntil([&] { return (confirm = window.findChild<QMessageBox *>(u"detachFilesConfirmation"_s)) != nullptr; });
    if (confirm) {
        for (const QSize &size : pageSizes()) {
            window.resize(size);
            ok = saveWithDialog(&window, confirm, outDir.filePath(sized(u"detach-confirmation"_s, size))) && ok;
        }
        confirm->findChild<QPushButton *>(u"confirmDetachButton"_s)->click();
        waitUntil([&] { return window.statusBar()->currentMessage().startsWith(u"Detached"_s); });
    }
    window.storeActions()->trash()->trigger();
    vd::ui::TrashDialog *trash = window.storeActions()->trashDialog();
    if (!trash || !waitUntil([&] { return !trash->isLoading() && trash->fileList()->topLevelItemCount() > 0; }))
        return 1;
    trash->showFiles();
    for (const QSize &size : pageSizes()) {
        window.resize(size);
        ok = saveWithDialog(&window, trash, outDir.filePath(sized(u"trash-files"_s, size))) && ok;
    }
    trash->close();
    window.resize(1280, 800);

    // Acme's agents: support selected, its tool shown and tried, at both sizes.
    window.findChild<QAction *>(u"agentsAction"_s)->trigger();
    vd::ui::AgentsDialog *agents = nullptr;
    if (!waitUntil([&] {
            return (agents = window.findChild<vd::ui::AgentsDialog *>(u"agentsDialog"_s)) != nullptr
                && agents->agentList()->count() > 0;
        }))
        return 1;
    for (int row = 0; row < agents->agentList()->count(); ++row)
        if (agents->agentList()->item(row)->text().startsWith(u"support"_s))
            agents->agentList()->setCurrentRow(row);
    if (!waitUntil([&] { return !agents->toolView()->toPlainText().isEmpty(); }))
        return 1;
    agents->queryField()->setText(u"services delivered"_s);
    agents->tryAgent();
    waitUntil([&] { return agents->resultsView()->toPlainText().startsWith(u"What the model receives"_s); });
    for (const QSize &size : pageSizes()) {
        agents->resize(size);
        settle(600);
        ok = save(agents, outDir.filePath(sized(u"agents"_s, size))) && ok;
    }
    agents->close();

    // The sync panel after a pass started with "Sync now".
    vd::ui::SyncPanel *sync = window.syncPanel();
    window.tabs()->setCurrentWidget(sync);
    bool ended = false;
    QObject::connect(sync, &vd::ui::SyncPanel::passEnded, sync, [&ended] { ended = true; });
    sync->syncNow();
    if (!waitUntil([&] { return ended; }))
        return 1;
    settle(500);
    ok = save(&window, outDir.filePath(u"sync-panel.png"_s)) && ok;

    // The history of sync passes: this pass (with its failed file) and the CLI's earlier ones.
    sync->showHistory();
    vd::ui::SyncHistoryDialog *history = sync->historyDialog();
    if (!history || !waitUntil([&] { return history->runsTable()->topLevelItemCount() > 0; }))
        return 1;
    for (int i = 0; i < history->runsTable()->topLevelItemCount(); ++i)
        if (!history->runs().at(i).errors.isEmpty() || !history->runs().at(i).warnings.isEmpty()) {
            history->runsTable()->setCurrentItem(history->runsTable()->topLevelItem(i));
            break;
        }
    for (const QSize &size : pageSizes()) {
        window.resize(size);
        history->resize(1300, 760);
        ok = saveWithDialog(&window, history, outDir.filePath(sized(u"sync-history"_s, size))) && ok;
    }
    history->close();
    return ok ? 0 : 1;
}
