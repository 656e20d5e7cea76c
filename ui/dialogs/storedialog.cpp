#include "ui/dialogs/storedialog.h"

#include "core/domain/validation.h"
#include "core/openai/credentialstore.h"
#include "ui/data/servicerunner.h"
#include "ui/dialogs/keyvalueeditor.h"
#include "ui/widgets/chunkingeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

StoreDialog::StoreDialog(ServiceRunner *runner, qint64 tenantId, const QString &tenantSlug, const VectorStore *store,
                         QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_tenantId(tenantId)
    , m_tenantSlug(tenantSlug)
{
    if (store)
        m_store = *store;
    setObjectName(u"storeDialog"_s);
    setWindowTitle(store ? tr("Edit store %1").arg(store->name) : tr("New store in %1").arg(tenantSlug));
    resize(520, 480);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(store ? store->name : QString(), this);
    m_name->setObjectName(u"storeName"_s);
    m_name->setAccessibleName(tr("Store name"));
    m_name->setMaxLength(limits::kMaxStoreNameLength);
    m_name->setPlaceholderText(tr("e.g. contracts"));
    form->addRow(tr("&Name"), m_name);
    m_backend = new QComboBox(this);
    m_backend->setObjectName(u"storeBackend"_s);
    m_backend->setAccessibleName(tr("Backend"));
    m_backend->addItem(tr("Local engine (offline)"), backendName(BackendKind::Local));
    m_backend->addItem(tr("OpenAI hosted store"), backendName(BackendKind::OpenAI));
    if (store) {
        m_backend->setCurrentIndex(qMax(0, m_backend->findData(backendName(store->backend))));
        m_backend->setEnabled(false);
        m_backend->setToolTip(tr("A store keeps its backend; create a new store to move files."));
    }
    form->addRow(tr("&Backend"), m_backend);
    m_keyNote = new QLabel(this);
    m_keyNote->setObjectName(u"storeKeyNote"_s);
    m_keyNote->setWordWrap(true);
    m_keyNote->setTextFormat(Qt::RichText);
    m_keyNote->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_keyNote->hide();
    form->addRow(QString(), m_keyNote);
    connect(m_keyNote, &QLabel::linkActivated, this, [this] { Q_EMIT openAIKeysRequested(); });
    if (!store)
        connect(m_backend, &QComboBox::currentIndexChanged, this, [this] { checkOpenAIKey(); });
    auto *expiryRow = new QHBoxLayout;
    m_expires = new QCheckBox(tr("Expire after"), this);
    m_expires->setObjectName(u"storeExpires"_s);
    m_expires->setAccessibleName(tr("Expire the store after days without activity"));
    m_days = new QSpinBox(this);
    m_days->setObjectName(u"storeExpiryDays"_s);
    m_days->setAccessibleName(tr("Days without activity before the store expires"));
    m_days->setRange(limits::kMinExpiryDays, limits::kMaxExpiryDays);
    m_days->setSuffix(tr(" days without activity"));
    m_days->setValue(store && store->expiresAfter ? store->expiresAfter->days : 30);
    m_expires->setChecked(store && store->expiresAfter);
    m_days->setEnabled(m_expires->isChecked());
    expiryRow->addWidget(m_expires);
    expiryRow->addWidget(m_days, 1);
    form->addRow(tr("Expiry"), expiryRow);
    // Editing: an expiry added or shortened names the agents that lose the store when it expires,
    // by the rule `vectordesk store delete` uses (agentsUsingStore, docs/agents.md).
    m_expiryAgents = new QLabel(this);
    m_expiryAgents->setObjectName(u"storeExpiryAgents"_s);
    m_expiryAgents->setWordWrap(true);
    m_expiryAgents->setTextFormat(Qt::PlainText);
    m_expiryAgents->hide();
    form->addRow(QString(), m_expiryAgents);
    if (store) {
        const QString tenantRef = QString::number(tenantId);
        const QString storeRef = QString::number(store->id);
        m_runner->run(
            this, [tenantRef, storeRef](VectorStoreService &s) { return s.agentsUsingStore(tenantRef, storeRef); },
            [this](Result<QStringList> agents) {
                m_agentsUsing = agents ? agents.value() : QStringList();
                updateExpiryAgents();
            });
        connect(m_expires, &QCheckBox::toggled, this, [this] { updateExpiryAgents(); });
        connect(m_days, &QSpinBox::valueChanged, this, [this] { updateExpiryAgents(); });
    }
    m_chunking = new ChunkingEditor(this);
    if (store)
        m_chunking->setChunking(store->chunking);
    m_chunking->setToolTip(store ? tr("How files attached from now on are chunked, unless they say otherwise; files "
                                      "already attached keep their chunks.")
                                 : tr("How files attached to the store are chunked, unless they say otherwise."));
    form->addRow(tr("&Chunking"), m_chunking);
    if (auto *label = qobject_cast<QLabel *>(form->labelForField(m_chunking)))
        label->setBuddy(m_chunking->modeBox());
    layout->addLayout(form);
    auto *metadataLabel = new QLabel(tr("Metadata (text values)"), this);
    layout->addWidget(metadataLabel);
    m_metadata = new KeyValueEditor(KeyValueEditor::Kind::Metadata, this);
    if (store)
        m_metadata->setObject(store->metadata);
    layout->addWidget(m_metadata, 1);
    m_error = new QLabel(this);
    m_error->setObjectName(u"storeDialogError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b02a37;"_s);
    m_error->hide();
    layout->addWidget(m_error);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(store ? tr("Save") : tr("Create store"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &StoreDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &StoreDialog::reject);
    connect(m_expires, &QCheckBox::toggled, m_days, &QSpinBox::setEnabled);
    connect(m_name, &QLineEdit::textChanged, this, [this] { updateOk(); });
    connect(m_metadata, &KeyValueEditor::validityChanged, this, [this] { updateOk(); });
    connect(m_chunking, &ChunkingEditor::changed, this, [this] { updateOk(); });
    updateOk();
}

void StoreDialog::updateExpiryAgents()
{
    const std::optional<int> old =
        m_store && m_store->expiresAfter ? std::optional<int>(m_store->expiresAfter->days) : std::nullopt;
    const bool sooner = m_expires->isChecked() && (!old || m_days->value() < *old);
    m_expiryAgents->setText(tr("Agents that lose store %1 when it expires: %2.")
                                .arg(m_store ? m_store->name : QString(), m_agentsUsing.join(u", "_s)));
    m_expiryAgents->setVisible(sooner && !m_agentsUsing.isEmpty());
}

QString StoreDialog::errorText() const
{
    return m_error->text();
}

void StoreDialog::checkOpenAIKey()
{
    const int lookup = ++m_keyLookup;
    m_keyMissing = false;
    if (m_backend->currentData().toString() != backendName(BackendKind::OpenAI)) {
        m_checkingKey = false;
        m_keyNote->hide();
        updateOk();
        return;
    }
    m_checkingKey = true;
    m_keyNote->setStyleSheet({});
    m_keyNote->setText(tr("Looking for the OpenAI key of %1…").arg(m_tenantSlug.toHtmlEscaped()));
    m_keyNote->show();
    updateOk();
    auto *keys = new openai::CredentialStore(this);
    keys->resolve(m_tenantId, m_tenantSlug, [this, keys, lookup](Result<QString> key) {
        keys->deleteLater();
        if (lookup != m_keyLookup)
            return;
        m_checkingKey = false;
        m_keyMissing = !key;
        if (key) {
            m_keyNote->setStyleSheet({});
            m_keyNote->setText(tr("Tenant %1 has an OpenAI key; files are uploaded to OpenAI and billed there.")
                                   .arg(m_tenantSlug.toHtmlEscaped()));
        } else {
            m_keyNote->setStyleSheet(u"color: #b02a37;"_s);
            m_keyNote->setText(tr("No OpenAI key is set for tenant %1. <a href=\"settings\">Set one in Settings › "
                                  "OpenAI keys</a>, then choose this backend again.")
                                   .arg(m_tenantSlug.toHtmlEscaped()));
        }
        updateOk();
    });
}

void StoreDialog::updateOk()
{
    QString why;
    if (m_checkingKey)
        why = tr("Looking for the tenant's OpenAI key…");
    else if (m_keyMissing)
        why = tr("No OpenAI key is set for tenant %1; set one in Settings › OpenAI keys first.").arg(m_tenantSlug);
    else if (auto problem = validateStoreName(m_name->text().trimmed()))
        why = m_name->text().trimmed().isEmpty() ? tr("Name the store.") : problem->message();
    else if (!m_chunking->isValid())
        why = m_chunking->problem();
    else if (!m_metadata->isValid())
        why = m_metadata->problem();
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(why.isEmpty() && !m_saving);
    ok->setToolTip(why);
}

void StoreDialog::accept()
{
    if (m_saving || m_checkingKey || m_keyMissing)
        return;
    m_saving = true;
    updateOk();
    m_error->hide();
    const QString tenantRef = QString::number(m_tenantId);
    const QString name = m_name->text().trimmed();
    const QJsonObject metadata = m_metadata->object();
    const std::optional<int> days = m_expires->isChecked() ? std::optional<int>(m_days->value()) : std::nullopt;
    auto done = [this](Result<VectorStore> result) {
        m_saving = false;
        updateOk();
        if (!result) {
            m_error->setText(result.error().message());
            m_error->show();
            return;
        }
        Q_EMIT saved(result.value());
        QDialog::accept();
    };
    if (m_store) {
        StoreUpdate update;
        if (name != m_store->name)
            update.name = name;
        update.metadata = metadata;
        const std::optional<int> old =
            m_store->expiresAfter ? std::optional<int>(m_store->expiresAfter->days) : std::nullopt;
        if (days != old)
            update.expiresAfterDays = days;
        if (const ChunkingStrategy chunking = m_chunking->chunking().value_or(ChunkingStrategy{});
            chunking != m_store->chunking)
            update.chunking = chunking;
        const QString storeRef = QString::number(m_store->id);
        m_runner->run(
            this,
            [tenantRef, storeRef, update](VectorStoreService &s) { return s.updateStore(tenantRef, storeRef, update); },
            done);
    } else {
        StoreDraft draft;
        draft.name = name;
        draft.backend = m_backend->currentData().toString();
        draft.metadata = metadata;
        draft.expiresAfterDays = days;
        draft.chunking = m_chunking->chunking().value_or(ChunkingStrategy{});
        m_runner->run(
            this, [tenantRef, draft](VectorStoreService &s) { return s.createStore(tenantRef, draft); }, done);
    }
}

} // namespace vd::ui
