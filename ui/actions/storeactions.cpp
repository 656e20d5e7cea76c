#include "ui/actions/storeactions.h"

#include "ui/data/ingestionrunner.h"
#include "ui/data/servicerunner.h"
#include "ui/dialogs/keyvalueeditor.h"
#include "ui/dialogs/storedialog.h"
#include "ui/dialogs/trashdialog.h"
#include "ui/files/filepage.h"
#include "ui/models/displayformat.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/storetablemodel.h"
#include "ui/models/tenanttablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/tokens/tokensdialog.h"
#include "ui/widgets/placeholdertableview.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

StoreActions::StoreActions(ServiceRunner *runner, TenantPanel *tenants, StorePanel *stores, FilePanel *files,
                           QWidget *window)
    : QObject(window)
    , m_runner(runner)
    , m_tenants(tenants)
    , m_stores(stores)
    , m_files(files)
    , m_window(window)
{
    auto make = [this](const QString &name, const QString &icon, const QString &text) {
        auto *action = new QAction(icon.isEmpty() ? QIcon() : QIcon(u":/icons/actions/%1.svg"_s.arg(icon)), text, this);
        action->setObjectName(name);
        return action;
    };
    m_newStore = make(u"newStoreAction"_s, u"store"_s, tr("&New store…"));
    m_newStore->setShortcut(QKeySequence::New);
    m_editStore = make(u"editStoreAction"_s, u"settings"_s, tr("&Edit store…"));
    m_setPrimary = make(u"setPrimaryAction"_s, u"primary"_s, tr("Set as &primary"));
    m_deleteStore = make(u"deleteStoreAction"_s, u"delete"_s, tr("&Delete store…"));
    m_deleteStore->setShortcut(QKeySequence::Delete);
    m_deleteStore->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    stores->addAction(m_deleteStore);
    m_trash = make(u"trashAction"_s, u"restore"_s, tr("&Trash…"));
    m_apiTokens = make(u"apiTokensAction"_s, u"tenant"_s, tr("API to&kens…"));
    m_detachFiles = make(u"detachFilesAction"_s, u"delete"_s, tr("Detac&h files"));
    m_detachFiles->setShortcut(QKeySequence::Delete);
    m_detachFiles->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    files->addAction(m_detachFiles);
    m_editAttributes = make(u"editAttributesAction"_s, u"settings"_s, tr("Edit &attributes…"));
    connect(m_editAttributes, &QAction::triggered, this, [this] { openAttributesDialog(); });
    m_retryFiles = make(u"retryFilesAction"_s, u"refresh"_s, tr("&Retry files"));
    m_cancelFiles = make(u"cancelFilesAction"_s, u"error"_s, tr("&Cancel processing"));
    connect(m_retryFiles, &QAction::triggered, this, [this] { retryOrCancelSelected(true); });
    connect(m_cancelFiles, &QAction::triggered, this, [this] { retryOrCancelSelected(false); });
    m_retryAllFailed = make(u"retryAllFailedAction"_s, u"refresh"_s, tr("Retry all fa&iled files"));
    m_retryAllFailed->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_retryAllFailed, &QAction::triggered, this, [this] { retryAllFailedFiles(); });
    m_undoDetach = make(u"undoDetachAction"_s, u"restore"_s, tr("&Undo detach"));
    m_undoDetach->setShortcut(QKeySequence::Undo);
    connect(m_undoDetach, &QAction::triggered, this, [this] { undoLastDetach(); });
    m_openFile = make(u"openFileAction"_s, u"file"_s, tr("&Open file page"));
    auto openCurrent = [this] {
        const QModelIndex current = m_files->view()->currentIndex();
        if (const StoreFile *file = current.isValid() ? m_files->model()->fileAt(current.row()) : nullptr)
            openFilePage(m_tenants->currentTenantId(), file->storeId, file->id);
    };
    connect(m_openFile, &QAction::triggered, this, openCurrent);
    // Enter or double-click on a row opens its page.
    connect(files->view(), &QAbstractItemView::activated, this, openCurrent);

    connect(m_newStore, &QAction::triggered, this, [this] { openStoreDialog(false); });
    connect(m_editStore, &QAction::triggered, this, [this] { openStoreDialog(true); });
    connect(m_setPrimary, &QAction::triggered, this, [this] { makePrimary(); });
    connect(m_deleteStore, &QAction::triggered, this, [this] { confirmDeleteStore(); });
    connect(m_trash, &QAction::triggered, this, [this] { openTrash(); });
    connect(m_apiTokens, &QAction::triggered, this, [this] { openTokens(); });
    connect(m_detachFiles, &QAction::triggered, this, [this] { detachSelectedFiles(); });
    connect(tenants->model(), &ServiceTableModel::loadFinished, this, [this] { update(); });
    connect(stores->model(), &ServiceTableModel::loadFinished, this, [this] { update(); });
    connect(files->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { update(); });
    connect(files->model(), &QAbstractItemModel::modelReset, this, [this] { update(); });
    connect(files->model(), &QAbstractItemModel::dataChanged, this, [this] { update(); });
    update();
}

std::optional<Role> StoreActions::currentRole() const
{
    const int row = m_tenants->model()->rowOfTenant(m_tenants->currentTenantId());
    const TenantTableModel::Row *r = m_tenants->model()->rowAt(row);
    if (!r)
        return std::nullopt;
    return r->tenant.myRole;
}

QString StoreActions::roleProblem(Role needed) const
{
    const int row = m_tenants->model()->rowOfTenant(m_tenants->currentTenantId());
    const TenantTableModel::Row *r = m_tenants->model()->rowAt(row);
    if (!r)
        return tr("Select a tenant first.");
    return roleProblem(needed, r->tenant);
}

QString StoreActions::roleProblem(Role needed, const Tenant &tenant)
{
    if (tenant.myRole && *tenant.myRole >= needed)
        return {};
    return tr("Needs the %1 role in %2; you are %3.")
        .arg(format::roleWord(needed), tenant.slug,
             tenant.myRole ? format::roleWord(*tenant.myRole) : tr("not a member"));
}

void StoreActions::setAllowed(QAction *action, Role needed, const QString &missingTarget, const QString &allowedTip)
{
    const QString problem = roleProblem(needed);
    const bool ok = problem.isEmpty() && missingTarget.isEmpty();
    action->setEnabled(ok);
    action->setToolTip(!problem.isEmpty() ? problem : !missingTarget.isEmpty() ? missingTarget : allowedTip);
    action->setStatusTip(action->toolTip());
}

void StoreActions::update()
{
    const VectorStore *store = m_stores->currentStore();
    const QString noStore = store ? QString() : tr("Select a store first.");
    setAllowed(m_newStore, Role::Admin, {}, tr("Create a store in this tenant (Ctrl+N)"));
    setAllowed(m_editStore, Role::Admin, noStore, tr("Rename the store, change its expiry or metadata"));
    setAllowed(m_setPrimary, Role::Admin,
               !noStore.isEmpty()     ? noStore
                   : store->isPrimary ? tr("%1 is already the primary store.").arg(store->name)
                                      : QString(),
               tr("Make this the tenant's primary store"));
    setAllowed(m_deleteStore, Role::Admin, noStore, tr("Move the store to the trash (Del)"));
    setAllowed(m_trash, Role::Viewer, {}, tr("Deleted stores, restorable until purged"));
    setAllowed(m_apiTokens, Role::Admin, {},
               tr("Create, list and revoke the tokens applications use with vectordesk serve"));
    const bool filesSelected = m_files->view()->selectionModel()->hasSelection();
    setAllowed(m_detachFiles, Role::Editor, filesSelected ? QString() : tr("Select files first."),
               tr("Remove the selected files from the store (Del)"));
    const int selectedCount = int(m_files->view()->selectionModel()->selectedRows().size());
    setAllowed(m_editAttributes, Role::Editor, selectedCount == 1 ? QString() : tr("Select one file first."),
               tr("Edit the selected file's attributes (also on its page: Enter or double-click)"));
    const bool canRetry =
        !selectedFilesWithStatus({FileStatus::Failed, FileStatus::Cancelled, FileStatus::InProgress}).isEmpty();
    setAllowed(m_retryFiles, Role::Editor, canRetry ? QString() : tr("Select failed, cancelled or stuck files first."),
               tr("Put the selected failed, cancelled or stuck files back in the indexing queue"));
    const bool canCancel = !selectedFilesWithStatus({FileStatus::InProgress}).isEmpty();
    setAllowed(m_cancelFiles, Role::Editor, canCancel ? QString() : tr("Select files in progress first."),
               tr("Stop processing the selected files in progress"));
    setAllowed(m_retryAllFailed, Role::Editor,
               !noStore.isEmpty()                  ? noStore
                   : store->fileCounts.failed == 0 ? tr("%1 has no failed files.").arg(store->name)
                                                   : QString(),
               tr("Put every failed file of the store back in the indexing queue (Ctrl+Shift+R)"));
    setAllowed(m_undoDetach, Role::Editor,
               m_undoFiles.isEmpty() || m_undoTenant != m_tenants->currentTenantId() ? tr("Nothing detached to undo.")
                                                                                     : QString(),
               tr("Attach the files of the last detach again (Ctrl+Z)"));
    m_openFile->setEnabled(m_files->view()->currentIndex().isValid());
    m_openFile->setToolTip(tr("Metadata, chunks and actions of the file (Enter or double-click)"));
    Q_EMIT updated();
}

QStringList StoreActions::selectedFilesWithStatus(const QList<FileStatus> &statuses) const
{
    QStringList ids;
    const QModelIndexList rows = m_files->view()->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        if (const StoreFile *file = m_files->model()->fileAt(index.row()); file && statuses.contains(file->status))
            ids << QString::number(file->id);
    return ids;
}

void StoreActions::retryOrCancelSelected(bool retry)
{
    if (!roleProblem(Role::Editor).isEmpty())
        return;
    const QStringList ids = retry
        ? selectedFilesWithStatus({FileStatus::Failed, FileStatus::Cancelled, FileStatus::InProgress})
        : selectedFilesWithStatus({FileStatus::InProgress});
    if (ids.isEmpty())
        return;
    const qint64 tenantId = m_tenants->currentTenantId();
    const qint64 storeId = m_files->model()->storeId();
    const QString tenantRef = QString::number(tenantId);
    const QString storeRef = QString::number(storeId);
    m_runner->run(
        this,
        [tenantRef, storeRef, ids, retry](VectorStoreService &s) -> Result<int> {
            int done = 0;
            for (const QString &id : ids) {
                auto changedFile = retry ? s.retryFile(tenantRef, storeRef, id) : s.cancelFile(tenantRef, storeRef, id);
                if (!changedFile)
                    return changedFile.error();
                ++done;
            }
            return done;
        },
        [this, retry, tenantId, storeId](Result<int> done) {
            if (!done) {
                m_files->showError(done.error());
                m_files->reload();
                return;
            }
            m_files->reload();
            m_stores->reload();
            if (retry && m_ingestion)
                m_ingestion->drain(tenantId, storeId); // indexed (or uploaded) again now
            const QString files = tr("%Ln file(s)", nullptr, int(done.value()));
            Q_EMIT changed(retry ? tr("Retrying %1").arg(files) : tr("Cancelled %1").arg(files));
        });
}

void StoreActions::openStoreDialog(bool edit)
{
    const VectorStore *store = edit ? m_stores->currentStore() : nullptr;
    if (edit && !store)
        return;
    auto *dialog = new StoreDialog(m_runner, m_tenants->currentTenantId(), m_stores->tenantSlug(), store, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // No OpenAI key for the backend chosen: Settings › OpenAI keys, over this dialog.
    connect(dialog, &StoreDialog::openAIKeysRequested, this, [this] {
        if (auto *settings = m_window->findChild<QAction *>(u"settingsAction"_s))
            settings->trigger();
    });
    connect(dialog, &StoreDialog::saved, this, [this, edit](const VectorStore &saved) {
        m_stores->selectStore(saved.id);
        m_stores->reload();
        Q_EMIT changed(edit ? tr("Saved store %1").arg(saved.name) : tr("Created store %1").arg(saved.name));
    });
    dialog->open();
}

void StoreActions::makePrimary()
{
    const VectorStore *store = m_stores->currentStore();
    if (!store)
        return;
    const QString tenantRef = QString::number(m_tenants->currentTenantId());
    const QString storeRef = QString::number(store->id);
    m_runner->run(
        this, [tenantRef, storeRef](VectorStoreService &s) { return s.setPrimary(tenantRef, storeRef); },
        [this](Result<VectorStore> result) {
            if (!result) {
                m_stores->showError(result.error());
                return;
            }
            m_stores->reload();
            Q_EMIT changed(tr("%1 is now the primary store").arg(result->name));
        });
}

void StoreActions::confirmDeleteStore()
{
    const VectorStore *store = m_stores->currentStore();
    if (!store || !roleProblem(Role::Admin).isEmpty())
        return;
    const qint64 tenantId = m_tenants->currentTenantId();
    const VectorStore shown = *store;
    const QString tenantSlug = m_stores->tenantSlug();
    // The agents that lose the store, by the rule `vectordesk store delete` names them with
    // (docs/agents.md); the question waits for that answer, asked off the GUI thread.
    const QString tenantRef = QString::number(tenantId);
    const QString storeRef = QString::number(shown.id);
    m_runner->run(
        this, [tenantRef, storeRef](VectorStoreService &s) { return s.agentsUsingStore(tenantRef, storeRef); },
        [this, tenantId, shown, tenantSlug](Result<QStringList> agents) {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete store %1?").arg(shown.name),
                                        tr("Delete store %1 of %2?").arg(shown.name, tenantSlug), QMessageBox::Cancel,
                                        m_window);
            box->setObjectName(u"deleteStoreConfirmation"_s);
            box->setAttribute(Qt::WA_DeleteOnClose);
            QString detail =
                tr("Its %1 (%2 indexed) stop being searchable at once.")
                    .arg(tr("%Ln file(s)", nullptr, int(shown.fileCounts.total())), format::bytes(shown.usageBytes));
            if (shown.isPrimary)
                detail += u' ' + tr("It is the tenant's primary store; choose another primary afterwards.");
            if (!agents)
                detail += u' ' + tr("Which agents search it is unknown: %1").arg(agents.error().message());
            else if (!agents->isEmpty())
                detail += u"\n\n"_s
                    + tr("Agents that lose store %1: %2. Check them afterwards in Tenant › Agents.")
                          .arg(shown.name, agents->join(u", "_s));
            detail += u"\n\n"_s
                + tr("The store goes to the trash: restore it from View › Trash until the purge removes it for "
                     "good.");
            box->setInformativeText(detail);
            QPushButton *remove = box->addButton(tr("Delete store"), QMessageBox::DestructiveRole);
            remove->setObjectName(u"confirmDeleteButton"_s);
            box->setDefaultButton(QMessageBox::Cancel);
            const qint64 storeId = shown.id;
            const QString name = shown.name;
            connect(remove, &QPushButton::clicked, this,
                    [this, tenantId, storeId, name] { runDeleteStore(tenantId, storeId, name); });
            box->open();
        });
}

void StoreActions::runDeleteStore(qint64 tenantId, qint64 storeId, const QString &name)
{
    const QString tenantRef = QString::number(tenantId);
    const QString storeRef = QString::number(storeId);
    m_runner->run(
        this, [tenantRef, storeRef](VectorStoreService &s) { return s.deleteStore(tenantRef, storeRef); },
        [this, name](Result<VectorStore> result) {
            if (!result) {
                m_stores->showError(result.error());
                return;
            }
            m_stores->reload();
            Q_EMIT changed(tr("Deleted store %1; restore it from the trash").arg(name));
        });
}

void StoreActions::openTrash()
{
    if (m_trashDialog) {
        m_trashDialog->raise();
        m_trashDialog->activateWindow();
        return;
    }
    const QString problem = roleProblem(Role::Admin);
    const QString fileProblem = roleProblem(Role::Editor);
    m_trashDialog = new TrashDialog(m_runner, m_tenants->currentTenantId(), m_stores->tenantSlug(), problem.isEmpty(),
                                    problem, fileProblem.isEmpty(), fileProblem, m_window);
    m_trashDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_trashDialog, &TrashDialog::restored, this, [this](const QString &message) {
        m_stores->reload();
        m_files->reload(); // a restored file keeps its status and chunks: nothing to index
        Q_EMIT changed(message);
    });
    m_trashDialog->show();
}

void StoreActions::openTokens()
{
    const qint64 tenantId = m_tenants->currentTenantId();
    if (m_tokensDialog) {
        if (m_tokensDialog->tenantId() == tenantId) {
            m_tokensDialog->raise();
            m_tokensDialog->activateWindow();
            return;
        }
        m_tokensDialog->close(); // another tenant's tokens: its dialog goes, with any secret shown
    }
    const QString problem = roleProblem(Role::Admin);
    if (!problem.isEmpty())
        return;
    m_tokensDialog = new TokensDialog(m_runner, tenantId, m_stores->tenantSlug(), true, {}, m_window);
    m_tokensDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_tokensDialog, &TokensDialog::changed, this, &StoreActions::changed);
    m_tokensDialog->show();
}

void StoreActions::detachSelectedFiles()
{
    if (!roleProblem(Role::Editor).isEmpty())
        return;
    const QModelIndexList rows = m_files->view()->selectionModel()->selectedRows();
    QList<StoreFile> files;
    for (const QModelIndex &index : rows)
        if (const StoreFile *file = m_files->model()->fileAt(index.row()))
            files << *file;
    const VectorStore *store = m_stores->currentStore();
    confirmDetach(m_tenants->currentTenantId(), m_files->model()->storeId(), store ? store->name : QString(), files,
                  m_window);
}

void StoreActions::confirmDetach(qint64 tenantId, qint64 storeId, const QString &storeName,
                                 const QList<StoreFile> &files, QWidget *parent, const std::function<void()> &done)
{
    if (files.isEmpty() || !roleProblem(Role::Editor).isEmpty())
        return;
    const QString what = files.size() == 1 ? files.first().filename : tr("%Ln file(s)", nullptr, int(files.size()));
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Detach %1?").arg(what),
                                tr("Detach %1 from store %2?").arg(what, storeName), QMessageBox::Cancel, parent);
    box->setObjectName(u"detachFilesConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Their chunks stop being searchable at once. Detached files go to the trash: undo "
                               "with Ctrl+Z, or restore them from View › Trash until the purge removes them."));
    QPushButton *detach = box->addButton(tr("Detach"), QMessageBox::DestructiveRole);
    detach->setObjectName(u"confirmDetachButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    QList<qint64> ids;
    for (const StoreFile &f : files)
        ids << f.id;
    connect(detach, &QPushButton::clicked, this, [this, tenantId, storeId, ids, done] {
        const QString tenantRef = QString::number(tenantId);
        const QString storeRef = QString::number(storeId);
        m_runner->run(
            this,
            [tenantRef, storeRef, ids](VectorStoreService &s) -> Result<QList<qint64>> {
                QList<qint64> detached;
                for (qint64 id : ids) {
                    auto result = s.detachFile(tenantRef, storeRef, QString::number(id));
                    if (!result)
                        return result.error();
                    detached << id;
                }
                return detached;
            },
            [this, tenantId, storeId, done](Result<QList<qint64>> detached) {
                if (!detached) {
                    m_files->showError(detached.error());
                    m_files->reload();
                    return;
                }
                m_undoTenant = tenantId;
                m_undoStore = storeId;
                m_undoFiles = detached.value();
                m_files->reload();
                m_stores->reload();
                update();
                if (done)
                    done();
                Q_EMIT changed(tr("Detached %1; Ctrl+Z brings them back")
                                   .arg(tr("%Ln file(s)", nullptr, int(m_undoFiles.size()))));
            });
    });
    box->open();
}

void StoreActions::undoLastDetach()
{
    if (m_undoFiles.isEmpty() || !roleProblem(Role::Editor).isEmpty() || m_undoTenant != m_tenants->currentTenantId())
        return;
    const QString tenantRef = QString::number(m_undoTenant);
    const QString storeRef = QString::number(m_undoStore);
    const QList<qint64> ids = std::exchange(m_undoFiles, {});
    const qint64 storeId = m_undoStore;
    update();
    m_runner->run(
        this,
        [tenantRef, storeRef, ids](VectorStoreService &s) -> Result<int> {
            int done = 0;
            for (qint64 id : ids) {
                auto restored = s.restoreFile(tenantRef, storeRef, QString::number(id));
                if (!restored)
                    return restored.error();
                ++done;
            }
            return done;
        },
        [this, storeId](Result<int> done) {
            m_files->reload();
            m_stores->reload();
            if (!done) {
                m_files->showError(done.error());
                return;
            }
            if (m_filePage && m_filePage->storeId() == storeId)
                m_filePage->reload();
            Q_EMIT changed(tr("Restored %1").arg(tr("%Ln file(s)", nullptr, int(done.value()))));
        });
}

void StoreActions::retryAllFailedFiles()
{
    const VectorStore *store = m_stores->currentStore();
    if (!store || !roleProblem(Role::Editor).isEmpty())
        return;
    const qint64 tenantId = m_tenants->currentTenantId();
    const qint64 storeId = store->id;
    const QString tenantRef = QString::number(tenantId);
    const QString storeRef = QString::number(storeId);
    m_runner->run(
        this,
        [tenantRef, storeRef](VectorStoreService &s) -> Result<int> {
            int done = 0;
            // Pages of failed files; each retried one leaves the failed set.
            for (;;) {
                FileQuery query;
                query.status = u"failed"_s;
                query.limit = 500;
                auto failed = s.listFiles(tenantRef, storeRef, query);
                if (!failed)
                    return failed.error();
                if (failed->isEmpty())
                    return done;
                for (const StoreFile &f : failed.value()) {
                    auto retried = s.retryFile(tenantRef, storeRef, QString::number(f.id));
                    if (!retried)
                        return retried.error();
                    ++done;
                }
            }
        },
        [this, tenantId, storeId](Result<int> done) {
            m_files->reload();
            m_stores->reload();
            if (!done) {
                m_files->showError(done.error());
                return;
            }
            if (m_ingestion)
                m_ingestion->drain(tenantId, storeId);
            Q_EMIT changed(tr("Retrying %1").arg(tr("%Ln failed file(s)", nullptr, int(done.value()))));
        });
}

FilePage *StoreActions::openFilePage(qint64 tenantId, qint64 storeId, qint64 fileId, int ordinal)
{
    if (m_filePage && m_filePage->fileId() == fileId && m_filePage->tenantId() == tenantId) {
        if (ordinal >= 0)
            m_filePage->showChunk(ordinal);
        m_filePage->raise();
        m_filePage->activateWindow();
        return m_filePage;
    }
    if (m_filePage)
        m_filePage->close();
    const QString problem = roleProblem(Role::Editor);
    auto *page = new FilePage(m_runner, tenantId, storeId, fileId, problem.isEmpty(), problem, m_window);
    page->setAttribute(Qt::WA_DeleteOnClose);
    m_filePage = page;
    connect(page, &FilePage::changed, this, [this, page](const QString &message) {
        m_files->reload();
        m_stores->reload();
        if (m_ingestion)
            m_ingestion->drain(page->tenantId(), page->storeId()); // a retried file is indexed again now
        Q_EMIT changed(message);
    });
    connect(page, &FilePage::detachRequested, this, [this, page](const StoreFile &file) {
        confirmDetach(page->tenantId(), page->storeId(), page->storeName(), {file}, page,
                      [page = QPointer<FilePage>(page)] {
                          if (page)
                              page->reload();
                      });
    });
    connect(page, &FilePage::editAttributesRequested, this, [this, page](const StoreFile &file) {
        openAttributesDialog(file, page, [page = QPointer<FilePage>(page)] {
            if (page)
                page->reload(false);
        });
    });
    if (ordinal >= 0)
        page->showChunk(ordinal);
    page->show();
    return page;
}

} // namespace vd::ui

namespace vd::ui {

void StoreActions::openAttributesDialog()
{
    const QModelIndexList rows = m_files->view()->selectionModel()->selectedRows();
    const StoreFile *file = rows.size() == 1 ? m_files->model()->fileAt(rows.first().row()) : nullptr;
    if (file)
        openAttributesDialog(*file, m_window, {});
}

void StoreActions::openAttributesDialog(const StoreFile &fileRow, QWidget *parent, const std::function<void()> &then)
{
    if (!roleProblem(Role::Editor).isEmpty())
        return;
    const StoreFile *file = &fileRow;
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(u"attributesDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Attributes of %1").arg(file->filename));
    dialog->resize(520, 380);
    auto *layout = new QVBoxLayout(dialog);
    auto *intro =
        new QLabel(tr("Search filters match these values. Text, numbers and true/false are allowed."), dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *editor = new KeyValueEditor(KeyValueEditor::Kind::Attributes, dialog);
    editor->setObject(file->attributes);
    layout->addWidget(editor, 1);
    auto *error = new QLabel(dialog);
    error->setObjectName(u"attributesError"_s);
    error->setWordWrap(true);
    error->setStyleSheet(u"color: #b02a37;"_s);
    layout->addWidget(error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, dialog);
    layout->addWidget(buttons);
    QPushButton *save = buttons->button(QDialogButtonBox::Save);
    connect(editor, &KeyValueEditor::validityChanged, save, &QPushButton::setEnabled);
    save->setEnabled(editor->isValid());
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    const QString tenantRef = QString::number(m_tenants->currentTenantId());
    const QString storeRef = QString::number(file->storeId);
    const QString fileRef = QString::number(file->id);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [=, this] {
        save->setEnabled(false);
        const QJsonObject attributes = editor->object();
        m_runner->run(
            dialog,
            [tenantRef, storeRef, fileRef, attributes](VectorStoreService &s) {
                return s.setFileAttributes(tenantRef, storeRef, fileRef, attributes);
            },
            [this, dialog, error, save, then](Result<StoreFile> saved) {
                if (!saved) {
                    error->setText(saved.error().message());
                    save->setEnabled(true);
                    return;
                }
                m_files->reload();
                if (then)
                    then();
                Q_EMIT changed(tr("Saved the attributes of %1").arg(saved->filename));
                dialog->accept();
            });
    });
    dialog->open();
}

} // namespace vd::ui
