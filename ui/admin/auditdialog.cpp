#include "ui/admin/auditdialog.h"

#include "core/domain/units.h"
#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {
enum Column { TimeColumn, OperatorColumn, ActionColumn, TargetColumn, DetailColumn };
}

AuditDialog::AuditDialog(ServiceRunner *runner, const QList<Tenant> &tenants, qint64 currentTenantId, QWidget *parent)
    : AdminDialog(runner, tenants, currentTenantId, parent)
{
    setObjectName(u"auditDialog"_s);
    setWindowTitle(tr("Audit log"));
    resize(900, 560);
    auto *layout = new QVBoxLayout(this);
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Tenant:"), this));
    filters->addWidget(m_tenantBox);
    m_operator = new QLineEdit(this);
    m_operator->setObjectName(u"auditOperatorFilter"_s);
    m_operator->setAccessibleName(tr("Filter by operator"));
    m_operator->setPlaceholderText(tr("Operator"));
    m_operator->setClearButtonEnabled(true);
    filters->addWidget(m_operator);
    m_action = new QComboBox(this);
    m_action->setObjectName(u"auditActionFilter"_s);
    m_action->setAccessibleName(tr("Filter by action"));
    m_action->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_action->addItem(tr("Any action"), QString());
    filters->addWidget(m_action);
    m_since = new QComboBox(this);
    m_since->setObjectName(u"auditTimeFilter"_s);
    m_since->setAccessibleName(tr("Filter by time"));
    m_since->addItem(tr("Any time"), 0);
    m_since->addItem(tr("Last hour"), 1);
    m_since->addItem(tr("Last 24 hours"), 24);
    m_since->addItem(tr("Last 7 days"), 7 * 24);
    m_since->addItem(tr("Last 30 days"), 30 * 24);
    filters->addWidget(m_since);
    filters->addWidget(new QLabel(tr("Newest"), this));
    m_limit = new QSpinBox(this);
    m_limit->setObjectName(u"auditLimit"_s);
    m_limit->setAccessibleName(tr("How many of the newest entries to load"));
    m_limit->setRange(10, 10000);
    m_limit->setValue(500);
    m_limit->setSuffix(tr(" entries"));
    filters->addWidget(m_limit);
    filters->addStretch(1);
    layout->addLayout(filters);
    m_table = makeTable({tr("Time"), tr("Operator"), tr("Action"), tr("Target"), tr("Detail")}, u"auditTable"_s);
    m_table->setAccessibleName(tr("Audit log entries"));
    m_table->setSortingEnabled(false);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_operator, &QLineEdit::textChanged, this, [this] { applyFilters(); });
    connect(m_action, &QComboBox::currentIndexChanged, this, [this] { applyFilters(); });
    connect(m_since, &QComboBox::currentIndexChanged, this, [this] { applyFilters(); });
    connect(m_limit, &QSpinBox::editingFinished, this, [this] { load(); });
    updateControls();
    load();
}

int AuditDialog::visibleRows() const
{
    int n = 0;
    for (int i = 0; i < m_table->topLevelItemCount(); ++i)
        n += m_table->topLevelItem(i)->isHidden() ? 0 : 1;
    return n;
}

void AuditDialog::load()
{
    m_table->clear();
    m_entries.clear();
    const QString why = roleProblem(Role::Admin);
    if (!why.isEmpty()) {
        showStatus(why, true);
        return;
    }
    const Tenant *t = currentTenant();
    const QString ref = QString::number(t->id);
    const int limit = m_limit->value();
    begin();
    m_runner->run(
        this, [ref, limit](VectorStoreService &service) { return service.auditLog(ref, limit); },
        [this](Result<QList<AuditEntry>> entries) {
            if (!entries) {
                showStatus(entries.error().message(), true);
                end();
                return;
            }
            m_entries = entries.value();
            const QString chosen = m_action->currentData().toString();
            QStringList actions;
            for (const AuditEntry &e : std::as_const(m_entries)) {
                if (!actions.contains(e.action))
                    actions << e.action;
                auto *item = new QTreeWidgetItem(
                    m_table,
                    {format::dateTime(e.at), e.operatorName, e.action, e.target,
                     e.detail.isEmpty() ? QString()
                                        : QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact))});
                item->setData(TimeColumn, Qt::UserRole, e.at);
                item->setToolTip(DetailColumn, item->text(DetailColumn));
                item->setToolTip(TimeColumn, e.requestId.isEmpty() ? QString() : tr("Request %1").arg(e.requestId));
            }
            actions.sort();
            {
                const QSignalBlocker block(m_action);
                m_action->clear();
                m_action->addItem(tr("Any action"), QString());
                for (const QString &action : std::as_const(actions))
                    m_action->addItem(action, action);
                m_action->setCurrentIndex(qMax(0, m_action->findData(chosen)));
            }
            applyFilters();
            end();
        });
}

void AuditDialog::applyFilters()
{
    const QString who = m_operator->text().trimmed();
    const QString action = m_action->currentData().toString();
    const int hours = m_since->currentData().toInt();
    const qint64 after = hours == 0 ? 0 : QDateTime::currentMSecsSinceEpoch() - qint64(hours) * kHourMs;
    for (int i = 0; i < m_table->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_table->topLevelItem(i);
        const bool shown = (who.isEmpty() || item->text(OperatorColumn).contains(who, Qt::CaseInsensitive))
            && (action.isEmpty() || item->text(ActionColumn) == action)
            && item->data(TimeColumn, Qt::UserRole).toLongLong() >= after;
        item->setHidden(!shown);
    }
    if (roleProblem(Role::Admin).isEmpty())
        showStatus(m_entries.size() == m_limit->value()
                       ? tr("%1 of the newest %2 entries match; load more to look further back.")
                             .arg(visibleRows())
                             .arg(m_entries.size())
                       : tr("%1 of %2 entries match.").arg(visibleRows()).arg(m_entries.size()),
                   false);
}

void AuditDialog::updateControls()
{
    const QString why = roleProblem(Role::Admin);
    for (QWidget *w : {static_cast<QWidget *>(m_operator), static_cast<QWidget *>(m_action),
                       static_cast<QWidget *>(m_since), static_cast<QWidget *>(m_limit)}) {
        w->setEnabled(why.isEmpty());
        w->setToolTip(why);
    }
}

} // namespace vd::ui
