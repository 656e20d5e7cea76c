#include "ui/admin/membersdialog.h"

#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

MembersDialog::MembersDialog(ServiceRunner *runner, const QList<Tenant> &tenants, qint64 currentTenantId,
                             QWidget *parent)
    : AdminDialog(runner, tenants, currentTenantId, parent)
{
    setObjectName(u"membersDialog"_s);
    setWindowTitle(tr("Members and roles"));
    resize(640, 480);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Tenant:"), this));
    top->addWidget(m_tenantBox);
    top->addStretch(1);
    layout->addLayout(top);
    auto *intro = new QLabel(tr("Viewers read and search; editors also add files; admins also manage stores, "
                                "tokens and keys; owners also manage members."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_table = makeTable({tr("Operator"), tr("Role"), tr("Member since")}, u"memberTable"_s);
    m_table->setAccessibleName(tr("Members of the tenant"));
    layout->addWidget(m_table, 1);

    auto *row = new QHBoxLayout;
    m_operator = new QLineEdit(this);
    m_operator->setObjectName(u"memberOperator"_s);
    m_operator->setAccessibleName(tr("Operator name"));
    m_operator->setPlaceholderText(tr("Operator name, e.g. bob"));
    row->addWidget(m_operator, 1);
    m_role = new QComboBox(this);
    m_role->setObjectName(u"memberRole"_s);
    m_role->setAccessibleName(tr("Role"));
    for (Role role : {Role::Viewer, Role::Editor, Role::Admin, Role::Owner})
        m_role->addItem(format::roleText(role), int(role));
    row->addWidget(m_role);
    m_add = new QPushButton(tr("&Add or change role"), this);
    m_add->setObjectName(u"addMemberButton"_s);
    row->addWidget(m_add);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(u"removeMemberButton"_s);
    row->addWidget(m_remove);
    layout->addLayout(row);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] { addMember(); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeSelected(); });
    connect(m_operator, &QLineEdit::textChanged, this, [this] { updateControls(); });
    connect(m_table, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item) {
            m_operator->setText(item->text(0));
            m_role->setCurrentIndex(m_role->findData(item->data(1, Qt::UserRole)));
        }
        updateControls();
    });
    updateControls();
    load();
}

void MembersDialog::load()
{
    m_table->clear();
    const Tenant *t = currentTenant();
    if (!t)
        return;
    begin();
    const QString ref = QString::number(t->id);
    m_runner->run(
        this, [ref](VectorStoreService &service) { return service.listMembers(ref); },
        [this](Result<QList<Membership>> members) {
            if (!members) {
                showStatus(members.error().message(), true);
            } else {
                for (const Membership &m : members.value()) {
                    auto *item = new QTreeWidgetItem(
                        m_table, {m.operatorName, format::roleText(m.role), format::dateTime(m.createdAt)});
                    item->setData(1, Qt::UserRole, int(m.role));
                }
                if (m_status->text().isEmpty())
                    showStatus(members->isEmpty() ? tr("No members yet.") : QString(), false);
            }
            end();
        });
}

void MembersDialog::updateControls()
{
    const QString why = roleProblem(Role::Owner);
    const bool idle = !isBusy();
    const QString name = m_operator->text().trimmed();
    m_add->setEnabled(why.isEmpty() && idle && !name.isEmpty());
    m_add->setToolTip(!why.isEmpty() ? why : tr("Give the operator this role in the tenant"));
    m_role->setEnabled(why.isEmpty());
    m_operator->setEnabled(why.isEmpty());
    m_operator->setToolTip(why);
    m_remove->setEnabled(why.isEmpty() && idle && m_table->currentItem() != nullptr);
    m_remove->setToolTip(!why.isEmpty() ? why : tr("Remove the selected member from the tenant"));
}

void MembersDialog::addMember()
{
    const Tenant *t = currentTenant();
    const QString name = m_operator->text().trimmed();
    if (!t || name.isEmpty() || !roleProblem(Role::Owner).isEmpty())
        return;
    const Role role = Role(m_role->currentData().toInt());
    const QString ref = QString::number(t->id);
    const QString slug = t->slug;
    begin();
    m_runner->run(
        this, [ref, name, role](VectorStoreService &service) { return service.addMember(ref, name, role); },
        [this, slug](Result<Membership> member) {
            if (!member) {
                showStatus(member.error().message(), true);
            } else {
                const QString message =
                    tr("%1 is now %2 of %3").arg(member->operatorName, format::roleWord(member->role), slug);
                showStatus(message, false);
                m_operator->clear();
                Q_EMIT changed(message);
                load();
            }
            end();
        });
}

void MembersDialog::removeSelected()
{
    const Tenant *t = currentTenant();
    QTreeWidgetItem *item = m_table->currentItem();
    if (!t || !item || !roleProblem(Role::Owner).isEmpty())
        return;
    const QString name = item->text(0);
    const QString ref = QString::number(t->id);
    const QString slug = t->slug;
    begin();
    m_runner->run(
        this, [ref, name](VectorStoreService &service) { return service.removeMember(ref, name); },
        [this, name, slug](Result<void> removed) {
            if (!removed) {
                showStatus(removed.error().message(), true);
            } else {
                const QString message = tr("%1 is no longer a member of %2").arg(name, slug);
                showStatus(message, false);
                m_operator->clear();
                Q_EMIT changed(message);
                load();
            }
            end();
        });
}

} // namespace vd::ui
