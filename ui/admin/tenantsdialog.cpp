#include "ui/admin/tenantsdialog.h"

#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

TenantsDialog::TenantsDialog(ServiceRunner *runner, const QList<Tenant> &tenants, qint64 currentTenantId,
                             bool instanceAdmin, QWidget *parent)
    : AdminDialog(runner, tenants, currentTenantId, parent)
    , m_instanceAdmin(instanceAdmin)
{
    setObjectName(u"tenantsDialog"_s);
    setWindowTitle(tr("Tenants and plans"));
    resize(760, 600);
    auto *layout = new QVBoxLayout(this);

    auto *plansBox = new QGroupBox(tr("Plans"), this);
    m_table =
        makeTable({tr("Plan"), tr("Stores"), tr("Files per store"), tr("Largest file"), tr("Storage")}, u"planTable"_s);
    m_table->setAccessibleName(tr("Plans and their limits"));
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    (new QVBoxLayout(plansBox))->addWidget(m_table);
    layout->addWidget(plansBox, 1);

    auto *tenantBox = new QGroupBox(tr("Tenant"), this);
    auto *form = new QFormLayout(tenantBox);
    // Alt+N, not Alt+T: Qt draws a label's access letter apart from the next one, so "Te" loses its
    // kerning and the label's last letter was cut off.
    form->addRow(tr("Te&nant"), m_tenantBox);
    auto *nameRow = new QHBoxLayout;
    m_name = new QLineEdit(tenantBox);
    m_name->setObjectName(u"tenantDisplayName"_s);
    m_name->setAccessibleName(tr("Display name"));
    nameRow->addWidget(m_name, 1);
    m_rename = new QPushButton(tr("&Rename"), tenantBox);
    m_rename->setObjectName(u"renameTenantButton"_s);
    nameRow->addWidget(m_rename);
    // Labels beside a row of widgets lead to the row's field.
    auto *nameLabel = new QLabel(tr("&Display name"), tenantBox);
    nameLabel->setBuddy(m_name);
    form->addRow(nameLabel, nameRow);
    auto *planRow = new QHBoxLayout;
    m_plan = new QComboBox(tenantBox);
    m_plan->setObjectName(u"tenantPlan"_s);
    m_plan->setAccessibleName(tr("Plan"));
    planRow->addWidget(m_plan);
    m_overrides = new QLineEdit(tenantBox);
    m_overrides->setObjectName(u"tenantOverrides"_s);
    m_overrides->setAccessibleName(tr("Plan overrides"));
    m_overrides->setPlaceholderText(tr("Overrides, e.g. {\"max_stores\": 10}"));
    planRow->addWidget(m_overrides, 1);
    m_setPlan = new QPushButton(tr("Chan&ge plan"), tenantBox);
    m_setPlan->setObjectName(u"setPlanButton"_s);
    planRow->addWidget(m_setPlan);
    auto *planLabel = new QLabel(tr("&Plan"), tenantBox);
    planLabel->setBuddy(m_plan);
    form->addRow(planLabel, planRow);
    layout->addWidget(tenantBox);

    auto *newBox = new QGroupBox(tr("New tenant"), this);
    auto *newRow = new QHBoxLayout(newBox);
    m_newSlug = new QLineEdit(newBox);
    m_newSlug->setObjectName(u"newTenantSlug"_s);
    m_newSlug->setAccessibleName(tr("New tenant slug"));
    m_newSlug->setPlaceholderText(tr("slug, e.g. initech"));
    newRow->addWidget(m_newSlug);
    m_newName = new QLineEdit(newBox);
    m_newName->setObjectName(u"newTenantName"_s);
    m_newName->setAccessibleName(tr("New tenant display name"));
    m_newName->setPlaceholderText(tr("Display name (optional)"));
    newRow->addWidget(m_newName, 1);
    m_newPlan = new QComboBox(newBox);
    m_newPlan->setObjectName(u"newTenantPlan"_s);
    m_newPlan->setAccessibleName(tr("New tenant plan"));
    newRow->addWidget(m_newPlan);
    m_create = new QPushButton(tr("&Create tenant"), newBox);
    m_create->setObjectName(u"createTenantButton"_s);
    newRow->addWidget(m_create);
    layout->addWidget(newBox);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_rename, &QPushButton::clicked, this, [this] { rename(); });
    connect(m_setPlan, &QPushButton::clicked, this, [this] { changePlan(); });
    connect(m_create, &QPushButton::clicked, this, [this] { createTenant(); });
    connect(m_newSlug, &QLineEdit::textChanged, this, [this] { updateControls(); });
    connect(m_tenantBox, &QComboBox::currentIndexChanged, this, [this] { showTenant(); });
    updateControls();
    load();
}

void TenantsDialog::load()
{
    if (!m_plans.isEmpty()) // the plans do not change while the dialog is open
        return;
    begin();
    m_runner->run(
        this, [](VectorStoreService &service) { return service.plans(); },
        [this](Result<QList<Plan>> plans) {
            if (!plans) {
                showStatus(plans.error().message(), true);
                end();
                return;
            }
            m_plans = plans.value();
            m_table->clear();
            const QLocale locale;
            for (const Plan &p : std::as_const(m_plans)) {
                new QTreeWidgetItem(m_table,
                                    {p.displayName.isEmpty() ? p.name : p.displayName,
                                     locale.toString(p.limits.maxStores), locale.toString(p.limits.maxFilesPerStore),
                                     format::bytes(p.limits.maxFileBytes), format::bytes(p.limits.maxTotalBytes)});
                m_plan->addItem(p.displayName.isEmpty() ? p.name : p.displayName, p.name);
                m_newPlan->addItem(p.displayName.isEmpty() ? p.name : p.displayName, p.name);
            }
            showTenant();
            end();
        });
}

void TenantsDialog::showTenant()
{
    const Tenant *t = currentTenant();
    m_name->setText(t ? t->displayName : QString());
    m_plan->setCurrentIndex(t ? m_plan->findData(t->plan) : -1);
    m_overrides->setText(!t || t->planOverrides.isEmpty()
                             ? QString()
                             : QString::fromUtf8(QJsonDocument(t->planOverrides).toJson(QJsonDocument::Compact)));
    updateControls();
}

void TenantsDialog::updateControls()
{
    const QString why = roleProblem(Role::Admin);
    const bool idle = !isBusy();
    for (QWidget *w : {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_rename), static_cast<QWidget *>(m_plan),
                       static_cast<QWidget *>(m_overrides), static_cast<QWidget *>(m_setPlan)}) {
        w->setEnabled(why.isEmpty() && (idle || !qobject_cast<QPushButton *>(w)));
        w->setToolTip(why);
    }
    if (why.isEmpty()) {
        m_rename->setToolTip(tr("Change the tenant's display name (the slug stays)"));
        m_setPlan->setToolTip(tr("Move the tenant to this plan, with these overrides of its limits"));
    }
    const QString createWhy =
        m_instanceAdmin ? QString() : tr("Creating tenants needs an instance administrator; you are not one.");
    for (QWidget *w :
         {static_cast<QWidget *>(m_newSlug), static_cast<QWidget *>(m_newName), static_cast<QWidget *>(m_newPlan)}) {
        w->setEnabled(createWhy.isEmpty());
        w->setToolTip(createWhy);
    }
    m_create->setEnabled(createWhy.isEmpty() && idle && !m_newSlug->text().trimmed().isEmpty());
    m_create->setToolTip(createWhy.isEmpty() ? tr("Create the tenant; you become its owner") : createWhy);
}

void TenantsDialog::keep(const Tenant &tenant)
{
    Tenant kept = tenant;
    bool found = false;
    for (Tenant &t : m_tenants)
        if (t.id == tenant.id) {
            if (!kept.myRole)
                kept.myRole = t.myRole;
            t = kept;
            found = true;
        }
    if (!found) {
        if (!kept.myRole)
            kept.myRole = Role::Owner;
        m_tenants.append(kept);
    }
    const QString label = kept.displayName.isEmpty() || kept.displayName == kept.slug
        ? kept.slug
        : u"%1 (%2)"_s.arg(kept.displayName, kept.slug);
    const int index = m_tenantBox->findData(kept.id);
    if (index >= 0) {
        m_tenantBox->setItemText(index, label);
        showTenant();
    } else {
        m_tenantBox->addItem(label, kept.id);
        m_tenantBox->setCurrentIndex(m_tenantBox->count() - 1);
    }
}

void TenantsDialog::rename()
{
    const Tenant *t = currentTenant();
    if (!t || !roleProblem(Role::Admin).isEmpty())
        return;
    TenantUpdate update;
    update.displayName = m_name->text().trimmed();
    const QString ref = QString::number(t->id);
    begin();
    m_runner->run(
        this, [ref, update](VectorStoreService &service) { return service.updateTenant(ref, update); },
        [this](Result<Tenant> updated) {
            if (!updated) {
                showStatus(updated.error().message(), true);
            } else {
                const QString message = tr("Tenant %1 is now called %2").arg(updated->slug, updated->displayName);
                showStatus(message, false);
                keep(updated.value());
                Q_EMIT changed(message);
            }
            end();
        });
}

void TenantsDialog::changePlan()
{
    const Tenant *t = currentTenant();
    if (!t || !roleProblem(Role::Admin).isEmpty())
        return;
    const QString text = m_overrides->text().trimmed();
    QJsonObject overrides;
    if (!text.isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
        if (!doc.isObject()) {
            showStatus(tr("The overrides are not a JSON object (%1); write them like {\"max_stores\": 10}, or leave "
                          "the field empty for none.")
                           .arg(error.error == QJsonParseError::NoError ? tr("not an object") : error.errorString()),
                       true);
            return;
        }
        overrides = doc.object();
    }
    const QString ref = QString::number(t->id);
    const QString plan = m_plan->currentData().toString();
    begin();
    m_runner->run(
        this, [ref, plan, overrides](VectorStoreService &service) { return service.setPlan(ref, plan, overrides); },
        [this](Result<Tenant> updated) {
            if (!updated) {
                showStatus(updated.error().message(), true);
            } else {
                const QString message = tr("Tenant %1 is now on the %2 plan%3")
                                            .arg(updated->slug, updated->plan,
                                                 updated->planOverrides.isEmpty() ? QString() : tr(", with overrides"));
                showStatus(message, false);
                keep(updated.value());
                Q_EMIT changed(message);
            }
            end();
        });
}

void TenantsDialog::createTenant()
{
    if (!m_instanceAdmin)
        return;
    TenantDraft draft;
    draft.slug = m_newSlug->text().trimmed();
    draft.displayName = m_newName->text().trimmed();
    if (m_newPlan->currentIndex() >= 0)
        draft.plan = m_newPlan->currentData().toString();
    begin();
    m_runner->run(
        this, [draft](VectorStoreService &service) { return service.createTenant(draft); },
        [this](Result<Tenant> created) {
            if (!created) {
                showStatus(created.error().message(), true);
            } else {
                const QString message = tr("Created tenant %1 on the %2 plan").arg(created->slug, created->plan);
                m_newSlug->clear();
                m_newName->clear();
                keep(created.value());
                showStatus(message, false);
                Q_EMIT changed(message);
            }
            end();
        });
}

} // namespace vd::ui
