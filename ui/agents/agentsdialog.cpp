#include "ui/agents/agentsdialog.h"

#include "core/service/vectorstoreservice.h"
#include "ui/actions/storeactions.h"
#include "ui/data/servicerunner.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <functional>

using namespace Qt::StringLiterals;

namespace vd::ui {

namespace {

QString problemStyle()
{
    return u"color: #b00020;"_s;
}

void addBindingModes(QComboBox *box)
{
    box->addItem(QObject::tr("tenant_default: the tenant's primary store"),
                 agentBindingName(AgentBinding::TenantDefault));
    box->addItem(QObject::tr("explicit: the stores bound to it"), agentBindingName(AgentBinding::Explicit));
}

QString storeLabel(const VectorStore &s)
{
    return u"%1 (%2)"_s.arg(s.name, backendName(s.backend));
}

} // namespace

AgentsDialog::AgentsDialog(ServiceRunner *runner, const QString &tenantSlug, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_tenant(tenantSlug)
{
    setObjectName(u"agentsDialog"_s);
    setWindowTitle(tr("Agents of %1").arg(tenantSlug));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    // Left: the agents, delete, and a new agent.
    m_list = new QListWidget(this);
    m_list->setObjectName(u"agentList"_s);
    m_list->setAccessibleName(tr("Agents and their status"));
    m_delete = new QPushButton(tr("&Delete agent…"), this);
    m_delete->setObjectName(u"deleteAgentButton"_s);
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"newAgentName"_s);
    m_name->setAccessibleName(tr("New agent name"));
    m_name->setPlaceholderText(tr("e.g. support"));
    m_nameValidation = new QLabel(this);
    m_nameValidation->setWordWrap(true);
    m_nameValidation->setTextFormat(Qt::PlainText);
    m_newBinding = new QComboBox(this);
    m_newBinding->setObjectName(u"newAgentBinding"_s);
    m_newBinding->setAccessibleName(tr("New agent binding mode"));
    addBindingModes(m_newBinding);
    m_newStore = new QComboBox(this);
    m_newStore->setObjectName(u"newAgentStore"_s);
    m_newStore->setAccessibleName(tr("New agent's first store"));
    m_create = new QPushButton(tr("C&reate agent"), this);
    m_create->setObjectName(u"createAgentButton"_s);
    auto *newForm = new QFormLayout;
    newForm->addRow(tr("&Name"), m_name);
    newForm->addRow(QString(), m_nameValidation);
    newForm->addRow(tr("Searches"), m_newBinding);
    newForm->addRow(tr("First store"), m_newStore);
    newForm->addRow(QString(), m_create);
    auto *newBox = new QGroupBox(tr("New agent"), this);
    newBox->setLayout(newForm);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addWidget(m_delete);
    left->addWidget(newBox);

    // Right: the selected agent.
    m_description = new QLineEdit(this);
    m_description->setAccessibleName(tr("Description"));
    m_consumer = new QComboBox(this);
    m_consumer->setAccessibleName(tr("Consumer"));
    for (const QString &c : {u"any"_s, u"openai"_s, u"vectordesk"_s})
        m_consumer->addItem(c, c);
    m_binding = new QComboBox(this);
    m_binding->setObjectName(u"agentBinding"_s);
    m_binding->setAccessibleName(tr("Binding mode"));
    addBindingModes(m_binding);
    m_bound = new QListWidget(this);
    m_bound->setObjectName(u"boundStores"_s);
    m_bound->setAccessibleName(tr("Bound stores"));
    m_bound->setMaximumHeight(m_bound->fontMetrics().height() * 3 + 12);
    m_picker = new QComboBox(this);
    m_picker->setObjectName(u"storePicker"_s);
    m_picker->setAccessibleName(tr("Store to bind"));
    m_bind = new QPushButton(tr("&Bind"), this);
    m_bind->setObjectName(u"bindStoreButton"_s);
    m_unbind = new QPushButton(tr("&Unbind"), this);
    m_unbind->setObjectName(u"unbindStoreButton"_s);
    m_options = new QPlainTextEdit(this);
    m_options->setObjectName(u"agentOptions"_s);
    m_options->setAccessibleName(tr("file_search options"));
    m_options->setFont(mono);
    m_options->setPlaceholderText(u"{\"max_num_results\": 10, \"filters\": {\"type\": \"eq\", \"key\": \"region\", "
                                  u"\"value\": \"eu\"}}"_s);
    // Room for a few options; the tool JSON and the results below get the rest of the height.
    m_options->setMinimumHeight(m_options->fontMetrics().height() * 3);
    m_options->setMaximumHeight(m_options->fontMetrics().height() * 7 + 24);
    m_validation = new QLabel(this);
    m_validation->setWordWrap(true);
    m_validation->setTextFormat(Qt::PlainText);
    m_save = new QPushButton(tr("&Save"), this);
    m_save->setObjectName(u"saveAgentButton"_s);
    m_tool = new QPlainTextEdit(this);
    m_tool->setObjectName(u"agentTool"_s);
    m_tool->setAccessibleName(tr("Tool JSON"));
    m_tool->setReadOnly(true);
    m_tool->setFont(mono);
    m_copy = new QPushButton(tr("&Copy tool JSON"), this);
    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->hide(); // shown when there is something to say
    m_query = new QLineEdit(this);
    m_query->setAccessibleName(tr("Query"));
    m_query->setPlaceholderText(tr("A question the agent would search for"));
    m_try = new QPushButton(tr("&Try as this agent"), this);
    m_results = new QPlainTextEdit(this);
    m_results->setAccessibleName(tr("What the model receives"));
    m_results->setReadOnly(true);
    m_results->setFont(mono);
    m_status = new QLabel(this);
    m_status->setObjectName(u"agentsStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->addRow(tr("Description"), m_description);
    form->addRow(tr("Consumer"), m_consumer);
    form->addRow(tr("Searches"), m_binding);
    auto *pickRow = new QHBoxLayout;
    pickRow->addWidget(m_picker, 1);
    pickRow->addWidget(m_bind);
    pickRow->addWidget(m_unbind);
    auto *stores = new QVBoxLayout;
    stores->addWidget(m_bound);
    stores->addLayout(pickRow);
    form->addRow(tr("Stores"), stores);
    form->addRow(tr("file_search options"), m_options);
    form->addRow(QString(), m_validation);
    auto *toolRow = new QHBoxLayout;
    toolRow->addWidget(m_save);
    toolRow->addStretch();
    toolRow->addWidget(m_copy);
    auto *tryRow = new QHBoxLayout;
    tryRow->addWidget(m_query, 1);
    tryRow->addWidget(m_try);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(toolRow);
    right->addWidget(new QLabel(tr("Tool JSON for the Responses API"), this));
    right->addWidget(m_tool, 3);
    right->addWidget(m_problems);
    right->addLayout(tryRow);
    right->addWidget(m_results, 2);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] { showSelected(); });
    connect(m_options, &QPlainTextEdit::textChanged, this, [this] { validateOptions(); });
    connect(m_name, &QLineEdit::textChanged, this, [this] { validateName(); });
    connect(m_name, &QLineEdit::returnPressed, this, [this] { createAgent(); });
    connect(m_newBinding, &QComboBox::currentIndexChanged, this, [this] { updateControls(); });
    connect(m_binding, &QComboBox::currentIndexChanged, this, [this] { updateControls(); });
    connect(m_bound, &QListWidget::currentRowChanged, this, [this] { updateControls(); });
    connect(m_create, &QPushButton::clicked, this, [this] { createAgent(); });
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteAgent(); });
    connect(m_bind, &QPushButton::clicked, this, [this] { bindStore(); });
    connect(m_unbind, &QPushButton::clicked, this, [this] { unbindStore(); });
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(m_copy, &QPushButton::clicked, this, [this] { copyTool(); });
    connect(m_try, &QPushButton::clicked, this, [this] { tryAgent(); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] { tryAgent(); });
    resize(1000, 680);
    validateName();
    reload();
}

QString AgentsDialog::selectedName() const
{
    const Agent *a = selectedAgent();
    return a ? a->name : QString();
}

const Agent *AgentsDialog::selectedAgent() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_agents.size() ? &m_agents[row] : nullptr;
}

QString AgentsDialog::roleProblem(Role needed) const
{
    if (!m_tenantRow)
        return tr("Loading the tenant…");
    return StoreActions::roleProblem(needed, *m_tenantRow);
}

void AgentsDialog::showStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    m_status->setStyleSheet(problem ? problemStyle() : QString());
}

void AgentsDialog::reload(const QString &select, const QString &message)
{
    if (message.isEmpty())
        showStatus(tr("Loading agents…"), false);
    const QString tenant = m_tenant;
    struct Loaded
    {
        Tenant tenant;
        QList<Agent> agents;
        QList<AgentResolution> checked;
        QList<VectorStore> stores;
    };
    m_runner->run(
        this,
        [tenant](VectorStoreService &s) -> Result<Loaded> {
            auto t = s.tenant(tenant);
            if (!t)
                return t.error();
            auto agents = s.listAgents(tenant);
            if (!agents)
                return agents.error();
            auto checked = s.checkAgents(tenant);
            if (!checked)
                return checked.error();
            auto stores = s.listStores(tenant);
            if (!stores)
                return stores.error();
            return Loaded{t.value(), agents.value(), checked.value(), stores.value()};
        },
        [this, select, message](Result<Loaded> loaded) {
            if (!loaded) {
                showStatus(loaded.error().message(), true);
                updateControls();
                Q_EMIT settled();
                return;
            }
            const QString keep = select.isEmpty() ? selectedName() : select;
            m_tenantRow = loaded->tenant;
            m_agents = loaded->agents;
            m_stores = loaded->stores;
            m_states.clear();
            for (const AgentResolution &r : std::as_const(loaded->checked))
                m_states.insert(r.agent, r.status());
            {
                const QSignalBlocker blocker(m_newStore);
                m_newStore->clear();
                m_newStore->addItem(tr("(none yet)"), QString());
                for (const VectorStore &s : std::as_const(m_stores))
                    m_newStore->addItem(storeLabel(s), QString::number(s.id));
            }
            const QSignalBlocker blocker(m_list);
            m_list->clear();
            int selectRow = m_agents.isEmpty() ? -1 : 0;
            for (int i = 0; i < m_agents.size(); ++i) {
                m_list->addItem(u"%1 — %2"_s.arg(m_agents[i].name, m_states.value(m_agents[i].name)));
                if (m_agents[i].name.compare(keep, Qt::CaseInsensitive) == 0)
                    selectRow = i;
            }
            showStatus(!message.isEmpty()       ? message
                           : m_agents.isEmpty() ? tr("No agents yet: name one under New agent.")
                                                : tr("%n agent(s)", nullptr, int(m_agents.size())),
                       false);
            m_list->setCurrentRow(selectRow);
            validateName();
            showSelected();
        });
}

void AgentsDialog::showSelected()
{
    const Agent *a = selectedAgent();
    {
        const QSignalBlocker bound(m_bound);
        const QSignalBlocker picker(m_picker);
        const QSignalBlocker binding(m_binding);
        m_bound->clear();
        m_picker->clear();
        if (a) {
            m_description->setText(a->description);
            m_consumer->setCurrentIndex(m_consumer->findData(agentConsumerName(a->consumer)));
            m_binding->setCurrentIndex(m_binding->findData(agentBindingName(a->binding)));
            for (int i = 0; i < a->storeNames.size(); ++i) {
                auto *item = new QListWidgetItem(a->storeNames[i], m_bound);
                item->setData(Qt::UserRole, QString::number(a->storeIds.value(i)));
            }
            for (const VectorStore &s : std::as_const(m_stores))
                if (!a->storeIds.contains(s.id))
                    m_picker->addItem(storeLabel(s), QString::number(s.id));
        } else {
            m_description->clear();
        }
    }
    if (!a) {
        m_tool->clear();
        m_copy->setEnabled(false);
        m_problems->clear();
        m_problems->hide();
        const QSignalBlocker options(m_options);
        m_options->clear();
        updateControls();
        Q_EMIT settled();
        return;
    }
    m_options->setPlainText(QString::fromUtf8(QJsonDocument(a->options.toJson()).toJson(QJsonDocument::Indented)));
    updateControls();
    resolveSelected();
}

void AgentsDialog::updateControls()
{
    const Agent *a = selectedAgent();
    const bool has = a != nullptr;
    const bool idle = m_busy == 0;
    const QString editor = roleProblem(Role::Editor);
    const QString admin = roleProblem(Role::Admin);
    const QString noAgent = tr("Select an agent first.");
    for (QWidget *w : std::initializer_list<QWidget *>{m_description, m_consumer, m_binding, m_options, m_query, m_try,
                                                       m_bound, m_picker})
        w->setEnabled(has);
    // Each button: enabled, or a tooltip saying why not (the role first).
    auto allow = [](QPushButton *button, const QString &why, const QString &tip) {
        button->setEnabled(why.isEmpty());
        button->setToolTip(why.isEmpty() ? tip : why);
    };
    const bool explicitChosen = m_newBinding->currentData().toString() == agentBindingName(AgentBinding::Explicit);
    m_newStore->setEnabled(explicitChosen);
    allow(m_create,
          !admin.isEmpty()               ? admin
              : !m_nameProblem.isEmpty() ? m_nameProblem
              : !idle                    ? tr("A change is running…")
                                         : QString(),
          tr("Create the agent in %1").arg(m_tenant));
    allow(m_delete,
          !admin.isEmpty() ? admin
              : !has       ? noAgent
              : !idle      ? tr("A change is running…")
                           : QString(),
          tr("Delete the selected agent; its applications can no longer fetch its tool"));
    allow(m_save,
          !editor.isEmpty()     ? editor
              : !has            ? noAgent
              : !m_optionsValid ? m_validation->text()
              : !idle           ? tr("A change is running…")
                                : QString(),
          tr("Save description, consumer, binding mode and options"));
    const bool explicitSaved = a && a->binding == AgentBinding::Explicit;
    allow(m_bind,
          !editor.isEmpty()            ? editor
              : !has                   ? noAgent
              : !explicitSaved         ? tr("The agent follows the tenant's primary store; choose explicit under "
                                                    "Searches and save first.")
              : m_picker->count() == 0 ? tr("Every store of %1 is bound already.").arg(m_tenant)
              : !idle                  ? tr("A change is running…")
                                       : QString(),
          tr("Bind the chosen store to the agent"));
    allow(m_unbind,
          !editor.isEmpty()                       ? editor
              : !has                              ? noAgent
              : m_bound->currentItem() == nullptr ? tr("Select a bound store first.")
              : !idle                             ? tr("A change is running…")
                                                  : QString(),
          tr("Unbind the selected store from the agent"));
}

void AgentsDialog::validateName()
{
    const QString name = m_name->text().trimmed();
    if (name.isEmpty())
        m_nameProblem = tr("Name the agent.");
    else if (auto p = validateAgentName(name))
        m_nameProblem = p->message();
    else
        m_nameProblem.clear();
    // An empty field is not an error yet: only the button says so.
    m_nameValidation->setText(name.isEmpty() ? QString() : m_nameProblem);
    m_nameValidation->setStyleSheet(m_nameProblem.isEmpty() ? QString() : problemStyle());
    m_nameValidation->setVisible(!m_nameValidation->text().isEmpty());
    updateControls();
}

void AgentsDialog::validateOptions()
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(m_options->toPlainText().toUtf8(), &parse);
    QString problem;
    if (parse.error != QJsonParseError::NoError || !doc.isObject())
        problem = tr("The options are not a JSON object: %1.").arg(parse.errorString());
    else if (auto options = FileSearchOptions::fromJson(doc.object()); !options)
        problem = options.error().message();
    m_optionsValid = problem.isEmpty();
    m_validation->setText(problem);
    m_validation->setStyleSheet(problem.isEmpty() ? QString() : problemStyle());
    updateControls();
}

void AgentsDialog::resolveSelected()
{
    const QString name = selectedName();
    const QString tenant = m_tenant;
    m_runner->run(
        this, [tenant, name](VectorStoreService &s) { return s.resolveAgent(tenant, name); },
        [this, name](Result<AgentResolution> r) {
            if (name != selectedName())
                return;
            if (!r) {
                m_problems->setText(r.error().message());
                m_problems->show();
                Q_EMIT settled();
                return;
            }
            m_tool->setPlainText(r->tool.isEmpty() ? QString() : fileSearchToolText(r->tool));
            m_copy->setEnabled(!r->tool.isEmpty());
            QStringList lines;
            for (const AgentIssue &i : r->problems)
                lines << tr("Error: %1").arg(i.message);
            for (const AgentIssue &i : r->warnings)
                lines << tr("Warning: %1").arg(i.message);
            m_problems->setText(lines.join(u'\n'));
            m_problems->setVisible(!lines.isEmpty());
            Q_EMIT settled();
        });
}

template<typename T, typename Work>
void AgentsDialog::change(Work work, const QString &select, const QString &message, std::function<void()> succeeded)
{
    ++m_busy;
    updateControls();
    m_runner->run(this, std::move(work), [this, select, message, succeeded](Result<T> done) {
        --m_busy;
        if (!done) {
            showStatus(done.error().message(), true);
            updateControls();
            Q_EMIT settled();
            return;
        }
        if (succeeded)
            succeeded();
        reload(select, message);
    });
}

void AgentsDialog::save()
{
    const QString name = selectedName();
    if (name.isEmpty() || !m_optionsValid || !roleProblem(Role::Editor).isEmpty() || isBusy())
        return;
    AgentUpdate update;
    update.description = m_description->text();
    update.consumer = agentConsumerFromName(m_consumer->currentData().toString());
    update.binding = agentBindingFromName(m_binding->currentData().toString());
    update.options =
        FileSearchOptions::fromJson(QJsonDocument::fromJson(m_options->toPlainText().toUtf8()).object()).value();
    const QString tenant = m_tenant;
    change<Agent>([tenant, name, update](VectorStoreService &s) { return s.updateAgent(tenant, name, update); }, name,
                  tr("Saved agent %1.").arg(name));
}

void AgentsDialog::createAgent()
{
    if (!m_nameProblem.isEmpty() || !roleProblem(Role::Admin).isEmpty() || isBusy())
        return;
    AgentDraft draft;
    draft.name = m_name->text().trimmed();
    draft.binding = *agentBindingFromName(m_newBinding->currentData().toString());
    QStringList stores;
    if (draft.binding == AgentBinding::Explicit && !m_newStore->currentData().toString().isEmpty())
        stores << m_newStore->currentData().toString();
    const QString tenant = m_tenant;
    const QString name = draft.name;
    change<Agent>([tenant, draft, stores](VectorStoreService &s) { return s.createAgent(tenant, draft, stores); }, name,
                  tr("Created agent %1.").arg(name),
                  [this, name] {
                      // The list shows it now; a name typed meanwhile stays.
                      if (m_name->text().trimmed() == name)
                          m_name->clear();
                  });
}

void AgentsDialog::deleteAgent()
{
    const QString name = selectedName();
    if (name.isEmpty() || !roleProblem(Role::Admin).isEmpty() || isBusy())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete agent %1?").arg(name),
                                tr("Delete agent %1 of %2?").arg(name, m_tenant), QMessageBox::Cancel, this);
    box->setObjectName(u"deleteAgentConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Applications that fetch its tool (vectordesk agent tool, GET /v1/agents/%1/"
                               "file_search_tool) get an error from now on. Its stores are kept.")
                                .arg(name));
    QPushButton *remove = box->addButton(tr("Delete agent"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmDeleteAgentButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    const QString tenant = m_tenant;
    connect(remove, &QPushButton::clicked, this, [this, tenant, name] {
        change<Agent>([tenant, name](VectorStoreService &s) { return s.deleteAgent(tenant, name); }, QString(),
                      tr("Deleted agent %1.").arg(name));
    });
    box->open();
}

void AgentsDialog::bindStore()
{
    const QString name = selectedName();
    const QString store = m_picker->currentData().toString();
    if (name.isEmpty() || store.isEmpty() || !roleProblem(Role::Editor).isEmpty() || isBusy())
        return;
    const QString tenant = m_tenant;
    const QString storeName = m_picker->currentText();
    change<Agent>([tenant, name, store](VectorStoreService &s) { return s.bindAgentStore(tenant, name, store); }, name,
                  tr("Bound %1 to agent %2.").arg(storeName, name));
}

void AgentsDialog::unbindStore()
{
    const QString name = selectedName();
    QListWidgetItem *item = m_bound->currentItem();
    if (name.isEmpty() || !item || !roleProblem(Role::Editor).isEmpty() || isBusy())
        return;
    const QString store = item->data(Qt::UserRole).toString();
    const QString storeName = item->text();
    const QString tenant = m_tenant;
    change<Agent>([tenant, name, store](VectorStoreService &s) { return s.unbindAgentStore(tenant, name, store); },
                  name, tr("Unbound %1 from agent %2.").arg(storeName, name));
}

void AgentsDialog::copyTool()
{
    if (!m_tool->toPlainText().isEmpty())
        QApplication::clipboard()->setText(m_tool->toPlainText());
}

void AgentsDialog::tryAgent()
{
    const QString name = selectedName();
    const QString query = m_query->text().trimmed();
    if (name.isEmpty() || query.isEmpty())
        return;
    const QString tenant = m_tenant;
    m_results->setPlainText(tr("Searching as %1…").arg(name));
    m_runner->run(
        this, [tenant, name, query](VectorStoreService &s) { return s.searchAsAgent(tenant, name, query); },
        [this](Result<VectorStoreService::AgentSearch> found) {
            if (!found) {
                m_results->setPlainText(found.error().message());
            } else if (!found->resolution.ok()) {
                QStringList lines;
                for (const AgentIssue &i : found->resolution.problems)
                    lines << i.message;
                m_results->setPlainText(lines.join(u'\n'));
            } else {
                QJsonObject received = found->received;
                received.remove(u"tool"_s);
                m_results->setPlainText(tr("What the model receives:\n")
                                        + QString::fromUtf8(QJsonDocument(received).toJson(QJsonDocument::Indented)));
            }
            Q_EMIT settled();
        });
}

} // namespace vd::ui
