#include "ui/admin/admindialog.h"

#include "ui/actions/storeactions.h"
#include "ui/data/servicerunner.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace vd::ui {

AdminDialog::AdminDialog(ServiceRunner *runner, const QList<Tenant> &tenants, qint64 currentTenantId, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_tenants(tenants)
{
    m_tenantBox = new QComboBox(this);
    m_tenantBox->setObjectName(u"adminTenant"_s);
    m_tenantBox->setAccessibleName(tr("Tenant"));
    m_tenantBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const Tenant &t : m_tenants)
        m_tenantBox->addItem(
            t.displayName.isEmpty() || t.displayName == t.slug ? t.slug : u"%1 (%2)"_s.arg(t.displayName, t.slug),
            t.id);
    const int index = m_tenantBox->findData(currentTenantId);
    m_tenantBox->setCurrentIndex(index >= 0 ? index : 0);
    m_status = new QLabel(this);
    m_status->setObjectName(u"adminStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_tenantBox, &QComboBox::currentIndexChanged, this, [this] {
        showStatus({}, false);
        updateControls();
        load();
    });
}

const Tenant *AdminDialog::currentTenant() const
{
    const qint64 id = m_tenantBox->currentData().toLongLong();
    for (const Tenant &t : m_tenants)
        if (t.id == id)
            return &t;
    return nullptr;
}

void AdminDialog::selectTenant(qint64 tenantId)
{
    const int index = m_tenantBox->findData(tenantId);
    if (index >= 0)
        m_tenantBox->setCurrentIndex(index);
}

QString AdminDialog::roleProblem(Role needed) const
{
    const Tenant *t = currentTenant();
    if (!t)
        return tr("Select a tenant first.");
    return StoreActions::roleProblem(needed, *t);
}

void AdminDialog::begin()
{
    ++m_busy;
    updateControls();
}

void AdminDialog::end()
{
    m_busy = qMax(0, m_busy - 1);
    updateControls();
    if (m_busy == 0)
        Q_EMIT settled();
}

void AdminDialog::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? u"color: #b02a37;"_s : QString());
}

QTreeWidget *AdminDialog::makeTable(const QStringList &headers, const QString &objectName)
{
    auto *table = new QTreeWidget(this);
    table->setObjectName(objectName);
    table->setRootIsDecorated(false);
    table->setUniformRowHeights(true);
    table->setAlternatingRowColors(true);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setHeaderLabels(headers);
    table->header()->setStretchLastSection(true);
    table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}

} // namespace vd::ui
