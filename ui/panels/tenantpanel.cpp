#include "ui/panels/tenantpanel.h"

#include "ui/data/servicerunner.h"
#include "ui/models/modelroles.h"
#include "ui/models/tenanttablemodel.h"
#include "ui/widgets/placeholdertableview.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLocale>
#include <QSortFilterProxyModel>

using namespace Qt::StringLiterals;

namespace vd::ui {

TenantPanel::TenantPanel(ServiceRunner *runner, QWidget *parent)
    : TablePanel(QIcon(u":/icons/actions/tenant.svg"_s), tr("Tenants"), parent)
    , m_model(new TenantTableModel(runner, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_operatorName(runner->operatorName())
{
    setObjectName(u"tenantPanel"_s);
    m_proxy->setObjectName(u"tenantProxy"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortLocaleAware(true);

    PlaceholderTableView *table = view();
    table->setObjectName(u"tenantTable"_s);
    table->setAccessibleDescription(tr("The tenants you may see, with their plan and use of its limits"));
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setModel(m_proxy);
    table->sortByColumn(TenantTableModel::NameColumn, Qt::AscendingOrder);
    table->resizeColumnsToContents(); // the headers, until rows arrive (fitColumns)
    // How close a tenant is to its plan and what the operator may do there matter most after its
    // name: shown next to it, so a narrow window still shows them (the user may move columns).
    QHeaderView *header = table->horizontalHeader();
    header->moveSection(header->visualIndex(TenantTableModel::QuotaColumn), 1);
    header->moveSection(header->visualIndex(TenantTableModel::RoleColumn), 2);

    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentRowChanged(current); });
    connect(m_model, &ServiceTableModel::loadingChanged, this, [this](bool loading) {
        setBusy(loading);
        updatePlaceholder();
    });
    connect(m_model, &ServiceTableModel::loadFinished, this, [this] { onLoadFinished(); });
    connect(this, &TablePanel::retryRequested, this, [this] { reload(); });
}

void TenantPanel::reload()
{
    m_model->reload();
}

void TenantPanel::selectTenant(qint64 tenantId)
{
    m_wantedTenantId = tenantId;
    const int row = m_model->rowOfTenant(tenantId);
    if (row >= 0)
        selectViewRow(m_proxy->mapFromSource(m_model->index(row, 0)));
}

void TenantPanel::onLoadFinished()
{
    m_loadedOnce = true;
    if (m_model->errorMessage().isEmpty())
        clearError();
    else
        showError(m_model->errorMessage());
    const int count = m_model->rowCount();
    setSummary(tr("%Ln tenant(s)", nullptr, count));
    updatePlaceholder();
    fitColumns();

    // Keep the tenant the user was looking at; else the first one, so the window is never idle.
    const qint64 wanted = m_wantedTenantId != 0 ? m_wantedTenantId : m_currentTenantId;
    const int row = m_model->rowOfTenant(wanted);
    const QModelIndex index = row >= 0 ? m_proxy->mapFromSource(m_model->index(row, 0)) : m_proxy->index(0, 0);
    if (index.isValid()) {
        selectViewRow(index);
    } else if (m_currentTenantId != 0) {
        m_currentTenantId = 0;
        Q_EMIT currentTenantChanged(0, {}, {});
    }
}

void TenantPanel::onCurrentRowChanged(const QModelIndex &current)
{
    if (!current.isValid())
        return;
    const qint64 id = current.data(IdRole).toLongLong();
    m_wantedTenantId = id;
    if (id == m_currentTenantId)
        return;
    m_currentTenantId = id;
    const TenantTableModel::Row *row = m_model->rowAt(m_proxy->mapToSource(current).row());
    Q_EMIT currentTenantChanged(id, row ? row->tenant.slug : QString(), row ? row->tenant.displayName : QString());
}

void TenantPanel::updatePlaceholder()
{
    QString text;
    if (m_model->isLoading())
        text = tr("Loading tenants…");
    else if (!m_model->errorMessage().isEmpty())
        text = tr("The tenants could not be loaded.");
    else if (!m_loadedOnce)
        text.clear();
    else if (m_model->isInstanceAdmin())
        text = tr("No tenants yet.\nCreate one with:\nvectordesk tenant create SLUG");
    else
        text = tr("You are not a member of any tenant yet.\nA tenant owner can add you with:\n"
                  "vectordesk member add --tenant SLUG %1 --role viewer")
                   .arg(m_operatorName);
    view()->setPlaceholderText(text);
}

} // namespace vd::ui
