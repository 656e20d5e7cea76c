#include "ui/dialogs/trashdialog.h"

#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

QTreeWidget *makeList(QWidget *parent, const QString &name, const QString &accessible, const QStringList &headers)
{
    auto *list = new QTreeWidget(parent);
    list->setObjectName(name);
    list->setAccessibleName(accessible);
    list->setRootIsDecorated(false);
    list->setHeaderLabels(headers);
    list->header()->resizeSection(0, 220);
    return list;
}

} // namespace

TrashDialog::TrashDialog(ServiceRunner *runner, qint64 tenantId, const QString &tenantSlug, bool mayRestore,
                         const QString &whyNot, bool mayRestoreFiles, const QString &whyNotFiles, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_tenantId(tenantId)
    , m_tenantSlug(tenantSlug)
    , m_mayRestore(mayRestore)
    , m_whyNot(whyNot)
    , m_mayRestoreFiles(mayRestoreFiles)
    , m_whyNotFiles(whyNotFiles)
{
    setObjectName(u"trashDialog"_s);
    setWindowTitle(tr("Trash · %1").arg(tenantSlug));
    resize(720, 420);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Deleted stores and detached files of %1. A restored store comes back with its files "
                                "and index, a restored file with its chunks searchable again; the purge removes them "
                                "for good after the retention period.")
                                 .arg(tenantSlug),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"trashTabs"_s);
    m_list = makeList(m_tabs, u"trashList"_s, tr("Deleted stores"),
                      {tr("Store"), tr("Backend"), tr("Files"), tr("Deleted")});
    m_fileList = makeList(m_tabs, u"trashFileList"_s, tr("Detached files"),
                          {tr("File"), tr("Store"), tr("Size"), tr("Detached")});
    m_fileList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tabs->addTab(m_list, QIcon(u":/icons/actions/store.svg"_s), tr("&Stores"));
    m_tabs->addTab(m_fileList, QIcon(u":/icons/actions/file.svg"_s), tr("&Files"));
    layout->addWidget(m_tabs, 1);
    m_status = new QLabel(this);
    m_status->setObjectName(u"trashStatus"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("&Restore"), QDialogButtonBox::ActionRole);
    m_restore->setObjectName(u"restoreButton"_s);
    m_restore->setIcon(QIcon(u":/icons/actions/restore.svg"_s));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, [this] { restoreSelected(); });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this] { updateButtons(); });
    connect(m_fileList, &QTreeWidget::itemSelectionChanged, this, [this] { updateButtons(); });
    connect(m_list, &QTreeWidget::itemActivated, this, [this] { restoreSelected(); });
    connect(m_fileList, &QTreeWidget::itemActivated, this, [this] { restoreSelected(); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateButtons();
        updateStatus();
    });
    reload();
}

bool TrashDialog::filesShown() const
{
    return m_tabs->currentWidget() == m_fileList;
}

void TrashDialog::showFiles()
{
    m_tabs->setCurrentWidget(m_fileList);
}

QString TrashDialog::statusText() const
{
    return m_status->text();
}

void TrashDialog::reload()
{
    m_loading = 2;
    m_error.clear();
    updateStatus();
    const QString tenantRef = QString::number(m_tenantId);
    m_runner->run(
        this, [tenantRef](VectorStoreService &s) { return s.listStores(tenantRef, Visibility::Deleted); },
        [this](Result<QList<VectorStore>> stores) {
            --m_loading;
            m_list->clear();
            if (!stores) {
                m_error = stores.error().message();
                updateStatus();
                updateButtons();
                return;
            }
            for (const VectorStore &s : stores.value()) {
                auto *item = new QTreeWidgetItem(m_list);
                item->setText(0, s.name);
                item->setIcon(0, QIcon(u":/icons/actions/store.svg"_s));
                item->setText(1, format::backendText(s.backend));
                item->setText(2, QString::number(s.fileCounts.total()));
                item->setText(3, s.deletedAt ? format::dateTime(*s.deletedAt) : QString());
                item->setData(0, Qt::UserRole, s.id);
            }
            if (m_list->topLevelItemCount() > 0)
                m_list->setCurrentItem(m_list->topLevelItem(0));
            loaded();
            updateStatus();
            updateButtons();
        });
    // The detached files of every live store, the latest first (the files of a deleted store
    // come back with their store).
    m_runner->run(
        this,
        [tenantRef](VectorStoreService &s) -> Result<QList<DeletedFile>> {
            auto stores = s.listStores(tenantRef, Visibility::Live);
            if (!stores)
                return stores.error();
            QList<DeletedFile> files;
            for (const VectorStore &store : stores.value()) {
                FileQuery query;
                query.visibility = Visibility::Deleted;
                query.sortColumn = u"updated_at"_s;
                query.descending = true;
                auto deleted = s.listFiles(tenantRef, QString::number(store.id), query);
                if (!deleted)
                    return deleted.error();
                for (const StoreFile &f : deleted.value())
                    files.append({f, store.name});
            }
            std::stable_sort(files.begin(), files.end(), [](const DeletedFile &a, const DeletedFile &b) {
                return a.file.deletedAt.value_or(0) > b.file.deletedAt.value_or(0);
            });
            return files;
        },
        [this](Result<QList<DeletedFile>> files) {
            --m_loading;
            m_fileList->clear();
            if (!files) {
                m_error = files.error().message();
                updateStatus();
                updateButtons();
                return;
            }
            for (const DeletedFile &d : files.value()) {
                auto *item = new QTreeWidgetItem(m_fileList);
                item->setText(0, d.file.filename);
                item->setIcon(0, QIcon(u":/icons/actions/file.svg"_s));
                item->setText(1, d.storeName);
                item->setText(2, format::bytes(d.file.sizeBytes));
                item->setText(3, d.file.deletedAt ? format::dateTime(*d.file.deletedAt) : QString());
                item->setData(0, Qt::UserRole, d.file.id);
                item->setData(1, Qt::UserRole, d.file.storeId);
            }
            if (m_fileList->topLevelItemCount() > 0)
                m_fileList->setCurrentItem(m_fileList->topLevelItem(0));
            loaded();
            updateStatus();
            updateButtons();
        });
}

void TrashDialog::loaded()
{
    // When both lists are in for the first time: only files in the trash shows them rather than
    // an empty stores tab (whichever list arrived last).
    if (m_loading > 0 || m_shownOnce)
        return;
    m_shownOnce = true;
    if (m_list->topLevelItemCount() == 0 && m_fileList->topLevelItemCount() > 0)
        showFiles();
}

void TrashDialog::updateStatus()
{
    if (m_loading > 0) {
        m_status->setText(tr("Loading…"));
        return;
    }
    if (!m_error.isEmpty()) {
        m_status->setText(m_error);
        return;
    }
    const int stores = m_list->topLevelItemCount();
    const int files = m_fileList->topLevelItemCount();
    m_tabs->setTabText(0, tr("&Stores (%1)").arg(stores));
    m_tabs->setTabText(1, tr("&Files (%1)").arg(files));
    if (stores + files == 0)
        m_status->setText(tr("The trash is empty."));
    else if (filesShown())
        m_status->setText(
            files == 0
                ? tr("No detached files; %1 in the Stores tab.").arg(tr("%Ln deleted store(s)", nullptr, int(stores)))
                : tr("Select files and press Restore (or Enter) to attach them again."));
    else
        m_status->setText(
            stores == 0
                ? tr("No deleted stores; %1 in the Files tab.").arg(tr("%Ln detached file(s)", nullptr, int(files)))
                : QString());
}

void TrashDialog::updateButtons()
{
    const bool files = filesShown();
    QTreeWidget *list = files ? m_fileList : m_list;
    const bool selected = !list->selectedItems().isEmpty();
    const bool may = files ? m_mayRestoreFiles : m_mayRestore;
    m_restore->setEnabled(may && selected);
    m_restore->setToolTip(!may            ? (files ? m_whyNotFiles : m_whyNot)
                              : !selected ? (files ? tr("Select detached files") : tr("Select a deleted store"))
                              : files     ? tr("Attach the selected files again, their chunks searchable (Enter)")
                                          : tr("Bring the store back with its files (Enter)"));
    m_restore->setAccessibleName(files ? tr("Restore the selected files") : tr("Restore the selected store"));
}

void TrashDialog::restoreSelected()
{
    if (filesShown()) {
        if (!m_mayRestoreFiles)
            return;
        const QList<QTreeWidgetItem *> items = m_fileList->selectedItems();
        if (!items.isEmpty())
            restoreFiles();
        return;
    }
    if (QTreeWidgetItem *item = m_list->currentItem(); item && m_mayRestore)
        restoreStore(item);
}

void TrashDialog::restoreStore(QTreeWidgetItem *item)
{
    const QString tenantRef = QString::number(m_tenantId);
    const QString storeRef = QString::number(item->data(0, Qt::UserRole).toLongLong());
    m_restore->setEnabled(false);
    m_runner->run(
        this, [tenantRef, storeRef](VectorStoreService &s) { return s.restoreStore(tenantRef, storeRef); },
        [this](Result<VectorStore> store) {
            if (!store) {
                m_error = store.error().message();
                updateStatus();
                updateButtons();
                return;
            }
            Q_EMIT restored(tr("Restored store %1").arg(store->name));
            reload();
        });
}

void TrashDialog::restoreFiles()
{
    QList<QPair<QString, QString>> targets; // store id, file id
    for (QTreeWidgetItem *item : m_fileList->selectedItems())
        targets.append({QString::number(item->data(1, Qt::UserRole).toLongLong()),
                        QString::number(item->data(0, Qt::UserRole).toLongLong())});
    const QString tenantRef = QString::number(m_tenantId);
    m_restore->setEnabled(false);
    m_runner->run(
        this,
        [tenantRef, targets](VectorStoreService &s) -> Result<QStringList> {
            QStringList names;
            for (const auto &[store, file] : targets) {
                auto restored = s.restoreFile(tenantRef, store, file);
                if (!restored)
                    return restored.error();
                names << restored->filename;
            }
            return names;
        },
        [this](Result<QStringList> names) {
            if (!names) {
                reload();
                m_error = names.error().message();
                return;
            }
            Q_EMIT restored(names->size() == 1 ? tr("Restored file %1").arg(names->first())
                                               : tr("Restored %Ln file(s)", nullptr, int(names->size())));
            reload();
        });
}

} // namespace vd::ui
