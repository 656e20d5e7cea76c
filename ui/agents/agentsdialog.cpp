#include "ui/agents/agentsdialog.h"

#include "core/service/vectorstoreservice.h"
#include "ui/data/servicerunner.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vd::ui {

AgentsDialog::AgentsDialog(ServiceRunner *runner, const QString &tenantSlug, QWidget *parent)
    : QDialog(parent)
    , m_runner(runner)
    , m_tenant(tenantSlug)
{
    setObjectName(u"agentsDialog"_s);
    setWindowTitle(tr("Agents of %1").arg(tenantSlug));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_list = new QListWidget(this);
    m_list->setObjectName(u"agentList"_s);
    m_description = new QLineEdit(this);
    m_consumer = new QComboBox(this);
    for (const QString &c : {u"any"_s, u"openai"_s, u"vectordesk"_s})
        m_consumer->addItem(c, c);
    m_options = new QPlainTextEdit(this);
    m_options->setObjectName(u"agentOptions"_s);
    m_options->setFont(mono);
    m_options->setPlaceholderText(u"{\"max_num_results\": 10, \"filters\": {\"type\": \"eq\", \"key\": \"region\", "
                                  u"\"value\": \"eu\"}}"_s);
    m_validation = new QLabel(this);
    m_validation->setWordWrap(true);
    m_save = new QPushButton(tr("&Save"), this);
    m_tool = new QPlainTextEdit(this);
    m_tool->setObjectName(u"agentTool"_s);
    m_tool->setReadOnly(true);
    m_tool->setFont(mono);
    m_copy = new QPushButton(tr("&Copy tool JSON"), this);
    m_problems = new QLabel(this);
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_query = new QLineEdit(this);
    m_query->setPlaceholderText(tr("A question the agent would search for"));
    m_try = new QPushButton(tr("&Try as this agent"), this);
    m_results = new QPlainTextEdit(this);
    m_results->setReadOnly(true);
    m_results->setFont(mono);
    m_status = new QLabel(this);

    auto *form = new QFormLayout;
    form->addRow(tr("Description"), m_description);
    form->addRow(tr("Consumer"), m_consumer);
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
    right->addWidget(m_tool, 1);
    right->addWidget(m_problems);
    right->addLayout(tryRow);
    right->addWidget(m_results, 1);
    auto *columns = new QHBoxLayout;
    columns->addWidget(m_list, 1);
    columns->addLayout(right, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] { showSelected(); });
    connect(m_options, &QPlainTextEdit::textChanged, this, [this] { validateOptions(); });
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(m_copy, &QPushButton::clicked, this, [this] { copyTool(); });
    connect(m_try, &QPushButton::clicked, this, [this] { tryAgent(); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] { tryAgent(); });
    resize(900, 640);
    reload();
}

QString AgentsDialog::selectedName() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_agents.size() ? m_agents[row].name : QString();
}

void AgentsDialog::reload(const QString &select)
{
    m_status->setText(tr("Loading agents…"));
    const QString tenant = m_tenant;
    using Loaded = std::pair<QList<Agent>, QList<AgentResolution>>;
    m_runner->run(
        this,
        [tenant](VectorStoreService &s) -> Result<Loaded> {
            auto agents = s.listAgents(tenant);
            if (!agents)
                return agents.error();
            auto checked = s.checkAgents(tenant);
            if (!checked)
                return checked.error();
            return Loaded{agents.value(), checked.value()};
        },
        [this, select](Result<Loaded> loaded) {
            if (!loaded) {
                m_status->setText(loaded.error().message());
                Q_EMIT settled();
                return;
            }
            m_agents = loaded->first;
            m_states.clear();
            for (const AgentResolution &r : loaded->second)
                m_states.insert(r.agent, r.status());
            const QSignalBlocker blocker(m_list);
            m_list->clear();
            int selectRow = m_agents.isEmpty() ? -1 : 0;
            for (int i = 0; i < m_agents.size(); ++i) {
                m_list->addItem(u"%1 — %2"_s.arg(m_agents[i].name, m_states.value(m_agents[i].name)));
                if (m_agents[i].name == select)
                    selectRow = i;
            }
            m_status->setText(m_agents.isEmpty()
                                  ? tr("No agents yet: vectordesk agent create --tenant %1 NAME").arg(m_tenant)
                                  : tr("%n agent(s)", nullptr, int(m_agents.size())));
            m_list->setCurrentRow(selectRow);
            showSelected();
        });
}

void AgentsDialog::showSelected()
{
    const int row = m_list->currentRow();
    const bool has = row >= 0 && row < m_agents.size();
    for (QWidget *w : std::initializer_list<QWidget *>{m_description, m_consumer, m_options, m_query, m_try})
        w->setEnabled(has);
    if (!has) {
        m_tool->clear();
        m_problems->clear();
        m_copy->setEnabled(false);
        m_save->setEnabled(false);
        Q_EMIT settled();
        return;
    }
    const Agent &a = m_agents[row];
    m_description->setText(a.description);
    m_consumer->setCurrentIndex(m_consumer->findData(agentConsumerName(a.consumer)));
    m_options->setPlainText(QString::fromUtf8(QJsonDocument(a.options.toJson()).toJson(QJsonDocument::Indented)));
    resolveSelected();
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
    m_validation->setStyleSheet(problem.isEmpty() ? QString() : u"color: #b00020;"_s);
    m_save->setEnabled(m_optionsValid && !selectedName().isEmpty());
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
            Q_EMIT settled();
        });
}

void AgentsDialog::save()
{
    const QString name = selectedName();
    if (name.isEmpty() || !m_optionsValid)
        return;
    AgentUpdate update;
    update.description = m_description->text();
    update.consumer = agentConsumerFromName(m_consumer->currentData().toString());
    update.options =
        FileSearchOptions::fromJson(QJsonDocument::fromJson(m_options->toPlainText().toUtf8()).object()).value();
    const QString tenant = m_tenant;
    m_save->setEnabled(false);
    m_runner->run(
        this, [tenant, name, update](VectorStoreService &s) { return s.updateAgent(tenant, name, update); },
        [this, name](Result<Agent> saved) {
            if (!saved) {
                m_status->setText(saved.error().message());
                m_save->setEnabled(m_optionsValid);
                Q_EMIT settled();
                return;
            }
            m_status->setText(tr("Saved agent %1.").arg(name));
            reload(name);
        });
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
