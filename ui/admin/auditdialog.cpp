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
#include <QTimer>
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

    // Every filter is applied by the service, over the whole trail (not the entries loaded); the
    // operator field asks once typing pauses.
    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(250);
    connect(m_typing, &QTimer::timeout, this, [this] { load(); });
    connect(m_operator, &QLineEdit::textChanged, this, [this] { m_typing->start(); });
    connect(m_action, &QComboBox::currentIndexChanged, this, [this] { load(); });
    connect(m_since, &QComboBox::currentIndexChanged, this, [this] { load(); });
    connect(m_limit, &QSpinBox::editingFinished, this, [this] { load(); });
    updateControls();
    load();
}

int AuditDialog::visibleRows() const
{
    return m_table->topLevelItemCount();
}

void AuditDialog::load()
{
    m_typing->stop();
    m_table->clear();
    m_entries.clear();
    const QString why = roleProblem(Role::Admin);
    if (!why.isEmpty()) {
        showStatus(why, true);
        return;
    }
    const Tenant *t = currentTenant();
    const QString ref = QString::number(t->id);
    AuditQuery query;
    query.limit = m_limit->value();
    query.operatorName = m_operator->text().trimmed();
    query.action = m_action->currentData().toString();
    const int hours = m_since->currentData().toInt();
    query.since = hours == 0 ? 0 : QDateTime::currentMSecsSinceEpoch() - qint64(hours) * kHourMs;
    const bool filtered = !query.operatorName.isEmpty() || !query.action.isEmpty() || query.since != 0;
    struct Loaded
    {
        QList<AuditEntry> entries;
        QStringList actions;
    };
    const quint64 generation = ++m_generation;
    begin();
    m_runner->run(
        this,
        [ref, query](VectorStoreService &service) -> Result<Loaded> {
            auto entries = service.auditLog(ref, query);
            if (!entries)
                return entries.error();
            auto actions = service.auditActions(ref);
            if (!actions)
                return actions.error();
            return Loaded{entries.value(), actions.value()};
        },
        [this, generation, filtered, query](Result<Loaded> loaded) {
            if (generation != m_generation) { // a newer filter was asked for meanwhile
                end();
                return;
            }
            if (!loaded) {
                showStatus(loaded.error().message(), true);
                end();
                return;
            }
            m_entries = loaded->entries;
            for (const AuditEntry &e : std::as_const(m_entries)) {
                auto *item = new QTreeWidgetItem(
                    m_table,
                    {format::dateTime(e.at), e.operatorName, e.action, e.target,
                     e.detail.isEmpty() ? QString()
                                        : QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact))});
                item->setData(TimeColumn, Qt::UserRole, e.at);
                item->setToolTip(DetailColumn, item->text(DetailColumn));
                item->setToolTip(TimeColumn, e.requestId.isEmpty() ? QString() : tr("Request %1").arg(e.requestId));
            }
            {
                const QSignalBlocker block(m_action);
                m_action->clear();
                m_action->addItem(tr("Any action"), QString());
                for (const QString &action : loaded->actions)
                    m_action->addItem(action, action);
                m_action->setCurrentIndex(qMax(0, m_action->findData(query.action)));
            }
            const int n = int(m_entries.size());
            showStatus(n == query.limit
                           ? (filtered
                                  ? tr("The newest %Ln matching entry(s); load more to look further back.", nullptr, n)
                                  : tr("The newest %Ln entry(s); load more to look further back.", nullptr, n))
                           : filtered ? tr("%Ln entry(s) match(es).", nullptr, n)
                                      : tr("%Ln entry(s).", nullptr, n),
                       false);
            end();
        });
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
