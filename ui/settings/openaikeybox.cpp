#include "ui/settings/openaikeybox.h"

#include "core/openai/credentialstore.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

// "sk-…abcd": enough to recognise a key, not to use it.
QString masked(const QString &key)
{
    return key.size() <= 8 ? u"…"_s : key.left(3) + u"…"_s + key.right(4);
}

// Worker thread: the tenant's key (any source) against the API, one list call of one item,
// through the service as the operator.
QString testKey(const DatabaseUrl &url, const QString &operatorName, qint64 tenantId)
{
    auto session = CoreSession::open(url, operatorName, false);
    if (!session)
        return session.error().message();
    // Blocks this worker thread only.
    auto works = session.value()->service().checkBackend(QString::number(tenantId), BackendKind::OpenAI);
    return works ? u"ok:"_s + works.value() : works.error().message();
}

} // namespace

OpenAIKeyBox::OpenAIKeyBox(const DatabaseUrl &url, const QString &operatorName, const QList<Tenant> &tenants,
                           qint64 currentTenantId, QWidget *parent)
    : QGroupBox(tr("OpenAI keys"), parent)
    , m_url(url)
    , m_operatorName(operatorName)
    , m_tenants(tenants)
    , m_store(new openai::CredentialStore(this))
{
    setObjectName(u"openaiKeyBox"_s);
    m_tenantBox = new QComboBox(this);
    m_tenantBox->setObjectName(u"openaiKeyTenant"_s);
    m_tenantBox->setAccessibleName(tr("Tenant whose OpenAI key is shown"));
    for (const Tenant &t : std::as_const(m_tenants))
        m_tenantBox->addItem(
            t.displayName.isEmpty() || t.displayName == t.slug ? t.slug : tr("%1 (%2)").arg(t.displayName, t.slug),
            t.id);
    m_key = new QLineEdit(this);
    m_key->setObjectName(u"openaiKeyField"_s);
    m_key->setAccessibleName(tr("New OpenAI API key"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("Paste a new key (sk-…)"));
    m_key->setToolTip(tr("Saved in the OS keychain, never in the settings; it is not shown again."));
    m_save = new QPushButton(tr("Save key"), this);
    m_save->setObjectName(u"openaiKeySave"_s);
    m_save->setAccessibleName(tr("Save the OpenAI key"));
    m_save->setEnabled(false);
    m_test = new QPushButton(tr("Test"), this);
    m_test->setObjectName(u"openaiKeyTest"_s);
    m_test->setAccessibleName(tr("Test the OpenAI key"));
    m_test->setToolTip(tr("List one vector store with the tenant's key (as `vectordesk key test`)"));
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setObjectName(u"openaiKeyClear"_s);
    m_clear->setAccessibleName(tr("Remove the OpenAI key from the keychain"));
    m_state = new QLabel(this);
    m_state->setObjectName(u"openaiKeyState"_s);
    m_state->setAccessibleName(tr("OpenAI key state"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // A form, as the other groups: the labels share one column wide enough for the longer one.
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_save);
    keyRow->addWidget(m_test);
    keyRow->addWidget(m_clear);
    auto *form = new QFormLayout;
    // Alt+N, not Alt+T: Qt draws a label's access letter apart from the next one, so "Te" loses its
    // kerning and the label's last letter was cut off.
    form->addRow(tr("Te&nant"), m_tenantBox);
    // A label beside a row of widgets leads to the row's field.
    auto *keyLabel = new QLabel(tr("New &key"), this);
    keyLabel->setBuddy(m_key);
    form->addRow(keyLabel, keyRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_state);

    connect(m_key, &QLineEdit::textChanged, this, [this] { setBusy(m_busy, {}, m_writing); });
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(m_clear, &QPushButton::clicked, this, [this] { clear(); });
    connect(m_test, &QPushButton::clicked, this, [this] { test(); });
    connect(m_tenantBox, &QComboBox::activated, this,
            [this](int index) { selectTenant(m_tenantBox->itemData(index).toLongLong()); });
    const int current = m_tenantBox->findData(currentTenantId);
    m_tenantBox->setCurrentIndex(qMax(0, current));
    if (!m_tenants.isEmpty())
        showTenant(m_tenants.at(qMax(0, current)));
}

void OpenAIKeyBox::selectTenant(qint64 tenantId)
{
    if (m_writing || tenantId == m_tenant.id)
        return;
    for (const Tenant &t : std::as_const(m_tenants))
        if (t.id == tenantId) {
            m_tenantBox->setCurrentIndex(m_tenantBox->findData(tenantId));
            showTenant(t);
            return;
        }
}

void OpenAIKeyBox::showTenant(const Tenant &tenant)
{
    ++m_generation; // answers about the tenant shown before are dropped
    m_tenant = tenant;
    m_key->clear();
    m_key->setReadOnly(!tenant.roleProblem.isEmpty());
    for (QPushButton *button : {m_save, m_clear})
        button->setToolTip(tenant.roleProblem);
    readState();
}

void OpenAIKeyBox::showState(const QString &text, bool problem)
{
    m_state->setText(text);
    m_state->setStyleSheet(problem ? u"color: #b3261e;"_s : QString());
    Q_EMIT stateShown();
}

void OpenAIKeyBox::setBusy(bool busy, const QString &message, bool writing)
{
    m_busy = busy;
    m_writing = busy && writing;
    const bool mayChange = m_tenant.id != 0 && m_tenant.roleProblem.isEmpty();
    m_tenantBox->setEnabled(!m_writing && m_tenants.size() > 1);
    m_key->setEnabled(!busy);
    m_save->setEnabled(!busy && mayChange && !m_key->text().trimmed().isEmpty());
    m_test->setEnabled(!busy && m_tenant.id != 0);
    m_clear->setEnabled(!busy && mayChange);
    if (!message.isEmpty())
        showState(message, false);
    Q_EMIT busyChanged(busy);
}

void OpenAIKeyBox::readState()
{
    setBusy(true, tr("Reading the keychain…"));
    QPointer<OpenAIKeyBox> self(this);
    m_store->readKeychain(m_tenant.id, m_tenant.slug, [self, generation = m_generation](Result<QString> key) {
        if (!self || generation != self->m_generation)
            return;
        self->setBusy(false);
        if (key && !key.value().isEmpty())
            self->showState(tr("%1 set (in the keychain)").arg(masked(key.value())), false);
        else if (key || key.error().kind() == ServiceError::Kind::NotFound)
            self->showState(tr("Not set: paste a key and save it, or set VECTORDESK_OPENAI_API_KEY for headless "
                               "runs."),
                            false);
        else
            self->showState(key.error().message(), true);
    });
}

void OpenAIKeyBox::save()
{
    const QString key = m_key->text().trimmed();
    if (auto problem = openai::CredentialStore::validateKey(key)) {
        showState(problem->message(), true);
        return;
    }
    setBusy(true, tr("Saving the key of %1 in the keychain…").arg(m_tenant.slug), true);
    QPointer<OpenAIKeyBox> self(this);
    m_store->writeKeychain(m_tenant.id, m_tenant.slug, key, [self, shown = masked(key)](Result<void> written) {
        if (!self)
            return;
        self->setBusy(false);
        if (!written) {
            self->showState(tr("The key was not saved: %1").arg(written.error().message()), true);
            return;
        }
        self->m_key->clear();
        self->showState(tr("%1 set (in the keychain)").arg(shown), false);
    });
}

void OpenAIKeyBox::clear()
{
    setBusy(true, tr("Removing the key of %1 from the keychain…").arg(m_tenant.slug), true);
    QPointer<OpenAIKeyBox> self(this);
    m_store->clearKeychain(m_tenant.id, m_tenant.slug, [self](Result<void> cleared) {
        if (!self)
            return;
        self->setBusy(false);
        if (!cleared)
            self->showState(tr("The key was not removed: %1").arg(cleared.error().message()), true);
        else
            self->showState(tr("Not set"), false);
    });
}

void OpenAIKeyBox::test()
{
    setBusy(true, tr("Testing the key of %1…").arg(m_tenant.slug));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, generation = m_generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another tenant is shown now
        setBusy(false);
        const QString outcome = watcher->result();
        if (outcome.startsWith(u"ok:"_s))
            showState(tr("The key works with %1").arg(outcome.mid(3)), false);
        else
            showState(outcome, true);
    });
    watcher->setFuture(
        QtConcurrent::run([url = m_url, op = m_operatorName, id = m_tenant.id] { return testKey(url, op, id); }));
}

} // namespace vd::ui
