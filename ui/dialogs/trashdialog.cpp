#include "ui/dialogs/trashdialog.h"

#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

TrashDialog::TrashDialog(ServiceRunner *runner, qint64 tenantId, const QString &tenantSlug, bool mayRestore,
                         const QString &whyNot, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_tenantId(tenantId)
    , m_tenantSlug(tenantSlug)
    , m_mayRestore(mayRestore)
    , m_whyNot(whyNot)
{
    setObjectName(u"trashDialog"_s);
    setWindowTitle(tr("Trash · %1").arg(tenantSlug));
    resize(620, 360);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Deleted stores of %1. A restored store comes back with its files and index; the "
                                "purge removes deleted stores for good after the retention period.")
                                 .arg(tenantSlug),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"trashList"_s);
    m_list->setAccessibleName(tr("Deleted stores"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Store"), tr("Backend"), tr("Files"), tr("Deleted")});
    m_list->header()->resizeSection(0, 220);
    layout->addWidget(m_list, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("Restore"), QDialogButtonBox::ActionRole);
    m_restore->setObjectName(u"restoreButton"_s);
    m_restore->setIcon(QIcon(u":/icons/actions/restore.svg"_s));
    m_restore->setAccessibleName(tr("Restore the selected store"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, [this] { restoreSelected(); });
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] { updateButtons(); });
    reload();
}

void TrashDialog::reload()
{
    m_loading = true;
    m_status->setText(tr("Loading…"));
    const QString tenantRef = QString::number(m_tenantId);
    m_runner->run(
        this, [tenantRef](VectorStoreService &s) { return s.listStores(tenantRef, Visibility::Deleted); },
        [this](Result<QList<VectorStore>> stores) {
            m_loading = false;
            m_list->clear();
            if (!stores) {
                m_status->setText(stores.error().message());
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
            m_status->setText(stores->isEmpty() ? tr("The trash is empty.") : QString());
            if (m_list->topLevelItemCount() > 0)
                m_list->setCurrentItem(m_list->topLevelItem(0));
            updateButtons();
        });
}

void TrashDialog::updateButtons()
{
    const bool selected = m_list->currentItem() != nullptr;
    m_restore->setEnabled(m_mayRestore && selected);
    m_restore->setToolTip(!m_mayRestore  ? m_whyNot
                              : selected ? tr("Bring the store back with its files")
                                         : tr("Select a deleted store"));
}

void TrashDialog::restoreSelected()
{
    QTreeWidgetItem *item = m_list->currentItem();
    if (!item || !m_mayRestore)
        return;
    const QString tenantRef = QString::number(m_tenantId);
    const QString storeRef = QString::number(item->data(0, Qt::UserRole).toLongLong());
    m_restore->setEnabled(false);
    m_runner->run(
        this, [tenantRef, storeRef](VectorStoreService &s) { return s.restoreStore(tenantRef, storeRef); },
        [this](Result<VectorStore> store) {
            if (!store) {
                m_status->setText(store.error().message());
                updateButtons();
                return;
            }
            Q_EMIT restored(tr("Restored store %1").arg(store->name));
            reload();
        });
}

} // namespace vd::ui
