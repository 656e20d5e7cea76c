#include "ui/panels/storepanel.h"

#include "ui/attach/droppaths.h"
#include "ui/data/servicerunner.h"
#include "ui/models/modelroles.h"
#include "ui/models/storetablemodel.h"
#include "ui/widgets/placeholdertableview.h"

#include <QDropEvent>
#include <QItemSelectionModel>
#include <QLocale>
#include <QSortFilterProxyModel>

using namespace Qt::StringLiterals;

namespace vd::ui {

StorePanel::StorePanel(ServiceRunner *runner, QWidget *parent)
    : TablePanel(QIcon(u":/icons/actions/store.svg"_s), tr("Stores"), parent)
    , m_model(new StoreTableModel(runner, this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(u"storePanel"_s);
    m_proxy->setObjectName(u"storeProxy"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortLocaleAware(true);

    PlaceholderTableView *table = view();
    table->setObjectName(u"storeTable"_s);
    table->setAccessibleDescription(tr("The vector stores of the selected tenant"));
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setModel(m_proxy);
    table->sortByColumn(StoreTableModel::NameColumn, Qt::AscendingOrder);
    table->resizeColumnsToContents(); // the headers, until rows arrive (fitColumns)
    // Files dropped on a store's row are attached to that store (after a preview).
    table->setAcceptDrops(true);
    table->viewport()->setAcceptDrops(true);
    table->setDragDropMode(QAbstractItemView::DropOnly);
    table->viewport()->installEventFilter(this);

    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentRowChanged(current); });
    connect(m_model, &ServiceTableModel::loadingChanged, this, [this](bool loading) {
        setBusy(loading);
        updatePlaceholder();
    });
    connect(m_model, &ServiceTableModel::loadFinished, this, [this] { onLoadFinished(); });
    connect(this, &TablePanel::retryRequested, this, [this] { reload(); });
    updatePlaceholder();
}

void StorePanel::setTenant(qint64 tenantId, const QString &slug, const QString &displayName)
{
    m_tenantSlug = slug;
    m_tenantName = displayName.isEmpty() ? slug : displayName;
    if (tenantId == m_model->tenantId())
        return;
    clearError();
    setSummary(m_tenantName);
    // The files of the previous tenant's store go away now, not when the new stores arrive.
    setCurrentStore(0, {});
    m_model->setTenant(tenantId);
    updatePlaceholder();
}

qint64 StorePanel::tenantId() const
{
    return m_model->tenantId();
}

const VectorStore *StorePanel::currentStore() const
{
    const int row = m_model->rowOfStore(m_currentStoreId);
    return row >= 0 ? m_model->storeAt(row) : nullptr;
}

qint64 StorePanel::storeIdAt(const QPoint &viewportPos) const
{
    const QModelIndex index = view()->indexAt(viewportPos);
    return index.isValid() ? index.data(IdRole).toLongLong() : 0;
}

bool StorePanel::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        const bool onStore = storeIdAt(drag->position().toPoint()) != 0;
        if (onStore && !localPathsOf(drag->mimeData()).isEmpty()) {
            drag->setDropAction(Qt::CopyAction);
            drag->accept();
        } else if (event->type() == QEvent::DragEnter && !localPathsOf(drag->mimeData()).isEmpty()) {
            drag->accept(); // keep receiving moves: the pointer may reach a row
        } else {
            drag->ignore();
        }
        return true;
    }
    if (event->type() == QEvent::Drop) {
        auto *drop = static_cast<QDropEvent *>(event);
        const qint64 storeId = storeIdAt(drop->position().toPoint());
        const QStringList paths = localPathsOf(drop->mimeData());
        if (storeId == 0 || paths.isEmpty()) {
            drop->ignore();
            return true;
        }
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        selectStore(storeId);
        Q_EMIT pathsDropped(m_model->tenantId(), storeId, paths);
        return true;
    }
    return TablePanel::eventFilter(watched, event);
}

void StorePanel::reload()
{
    m_model->reload();
}

void StorePanel::selectStore(qint64 storeId)
{
    m_wantedStoreId = storeId;
    const int row = m_model->rowOfStore(storeId);
    if (row >= 0)
        selectViewRow(m_proxy->mapFromSource(m_model->index(row, 0)));
}

void StorePanel::onLoadFinished()
{
    if (m_model->errorMessage().isEmpty())
        clearError();
    else
        showError(m_model->errorMessage());
    updateSummary();
    updatePlaceholder();
    fitColumns();

    const qint64 wanted = m_wantedStoreId != 0 ? m_wantedStoreId : m_currentStoreId;
    const int row = m_model->rowOfStore(wanted);
    const QModelIndex index = row >= 0 ? m_proxy->mapFromSource(m_model->index(row, 0)) : m_proxy->index(0, 0);
    if (index.isValid())
        selectViewRow(index);
    else
        setCurrentStore(0, {});
}

void StorePanel::onCurrentRowChanged(const QModelIndex &current)
{
    if (!current.isValid())
        return;
    const qint64 id = current.data(IdRole).toLongLong();
    m_wantedStoreId = id;
    const VectorStore *store = m_model->storeAt(m_proxy->mapToSource(current).row());
    setCurrentStore(id, store ? store->name : QString());
}

void StorePanel::setCurrentStore(qint64 storeId, const QString &name)
{
    if (storeId == m_currentStoreId)
        return;
    m_currentStoreId = storeId;
    Q_EMIT currentStoreChanged(storeId != 0 ? m_model->tenantId() : 0, storeId, name);
}

void StorePanel::updateSummary()
{
    if (m_model->tenantId() == 0) {
        setSummary({});
        return;
    }
    const int count = m_model->rowCount();
    const QString stores = tr("%Ln store(s)", nullptr, count);
    setSummary(m_tenantName + u" · "_s + stores);
}

void StorePanel::updatePlaceholder()
{
    QString text;
    if (m_model->tenantId() == 0)
        text = tr("Select a tenant to see its stores.");
    else if (m_model->isLoading())
        text = tr("Loading the stores of %1…").arg(m_tenantName);
    else if (!m_model->errorMessage().isEmpty())
        text = tr("The stores of %1 could not be loaded.").arg(m_tenantName);
    else
        text = tr("%1 has no stores yet.\nCreate one with Store › New store… (Ctrl+N), or from a shell:\n"
                  "vectordesk store create --tenant %2 NAME")
                   .arg(m_tenantName, m_tenantSlug);
    view()->setPlaceholderText(text);
}

} // namespace vd::ui
