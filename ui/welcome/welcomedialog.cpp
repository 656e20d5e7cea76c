#include "ui/welcome/welcomedialog.h"

#include "core/domain/drafts.h"
#include "core/domain/validation.h"
#include "core/service/firstsetup.h"
#include "core/service/vectorstoreservice.h"
#include "ui/data/servicerunner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

WelcomeDialog::WelcomeDialog(ServiceRunner *runner, const QString &operatorName, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
{
    setObjectName(u"welcomeDialog"_s);
    setWindowTitle(tr("Welcome to VectorDesk"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("<b>This database has no tenants yet.</b><br>A tenant is one customer or team; its "
                                "vector stores hold the documents that file search reads. Create the first of each "
                                "here, then drop documents onto the store to index them."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_tenant = new QLineEdit(suggestedSlug(operatorName), this);
    m_tenant->setObjectName(u"welcomeTenant"_s);
    m_tenant->setToolTip(tr("A short name for scripts and the command line: letters, digits and hyphens."));
    // Alt+N, not Alt+T: Qt draws a label's access letter apart from the next one, so "Te" loses its
    // kerning and the label's last letter was cut off.
    form->addRow(tr("Te&nant"), m_tenant);
    m_displayName = new QLineEdit(this);
    m_displayName->setObjectName(u"welcomeDisplayName"_s);
    m_displayName->setPlaceholderText(tr("As people call it, e.g. Acme Corp (default: the tenant)"));
    form->addRow(tr("&Display name"), m_displayName);
    m_backend = new QComboBox(this);
    m_backend->setObjectName(u"welcomeBackend"_s);
    m_backend->addItem(tr("On this computer (embedded engine, works offline)"), u"local"_s);
    m_backend->addItem(tr("OpenAI's hosted vector stores (needs an API key)"), u"openai"_s);
    form->addRow(tr("Stores &kept"), m_backend);
    m_store = new QLineEdit(u"docs"_s, this);
    m_store->setObjectName(u"welcomeStore"_s);
    m_storeLabel = new QLabel(tr("First &store"), this);
    m_storeLabel->setBuddy(m_store);
    form->addRow(m_storeLabel, m_store);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(u"welcomeProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b02a37;"_s);
    m_problem->hide();
    layout->addWidget(m_problem);

    auto *buttons = new QDialogButtonBox(this);
    m_create = buttons->addButton(tr("&Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(u"welcomeCreate"_s);
    m_create->setDefault(true);
    buttons->addButton(tr("Not now"), QDialogButtonBox::RejectRole);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &WelcomeDialog::create);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *field : {m_tenant, m_displayName, m_store})
        connect(field, &QLineEdit::textChanged, this, &WelcomeDialog::updateForm);
    connect(m_backend, &QComboBox::currentIndexChanged, this, &WelcomeDialog::updateForm);
    updateForm();
}

void WelcomeDialog::updateForm()
{
    const bool local = m_backend->currentData().toString() == u"local"_s;
    m_store->setVisible(local);
    m_storeLabel->setVisible(local);
    m_create->setText(local ? tr("&Create") : tr("&Create and set the key…"));
    QString problem;
    if (auto p = validateSlug(m_tenant->text().trimmed()))
        problem = p->message();
    else if (!m_displayName->text().trimmed().isEmpty())
        if (auto d = validateDisplayName(m_displayName->text().trimmed()))
            problem = d->message();
    if (problem.isEmpty() && local)
        if (auto s = validateStoreName(m_store->text().trimmed()))
            problem = s->message();
    // Empty fields are not errors to shout about while typing; Create stays off until they are filled.
    const bool empty = m_tenant->text().trimmed().isEmpty() || (local && m_store->text().trimmed().isEmpty());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty() && !empty);
    m_create->setEnabled(problem.isEmpty() && !m_working);
}

void WelcomeDialog::create()
{
    if (m_working || !m_create->isEnabled())
        return;
    TenantDraft tenant;
    tenant.slug = m_tenant->text().trimmed();
    tenant.displayName = m_displayName->text().trimmed();
    tenant.defaultBackend = m_backend->currentData().toString();
    std::optional<StoreDraft> store;
    if (tenant.defaultBackend == u"local"_s) {
        store.emplace();
        store->name = m_store->text().trimmed();
    }
    m_working = true;
    updateForm();
    m_runner->run(
        this, [tenant, store](VectorStoreService &service) { return setUpTenant(service, tenant, store); },
        [this](Result<FirstSetup> made) {
            m_working = false;
            if (!made) {
                updateForm();
                m_problem->setText(made.error().message());
                m_problem->show();
                return;
            }
            if (made->store)
                Q_EMIT created(made->tenant.id, made->store->id, made->store->name);
            else
                Q_EMIT openAIChosen(made->tenant.id, made->tenant.slug);
            accept();
        });
}

} // namespace vd::ui
