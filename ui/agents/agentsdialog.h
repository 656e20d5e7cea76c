#pragma once

#include "core/domain/agentresolver.h"
#include "core/domain/types.h"

#include <QDialog>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace vd::ui {

class ServiceRunner;

// The agents of one tenant (docs/agents.md, docs/gui.md): each with its status (ok, warning,
// broken); created (name checked as you type, binding mode, a first store) and deleted by admins;
// description, consumer, binding mode and file_search options edited, and stores bound and
// unbound, by editors; the generated tool JSON with a copy button, and "try as this agent". A
// button the operator's role does not allow is disabled and its tooltip names the role needed.
// Every service call runs on the runner's worker threads; the options and the name are checked
// here with the rules the service uses (FileSearchOptions::fromJson, validateAgentName). GUI
// thread only.
class AgentsDialog : public QDialog
{
    Q_OBJECT

public:
    AgentsDialog(ServiceRunner *runner, const QString &tenantSlug, QWidget *parent = nullptr);

    // Loads the operator's role, the agents with their status and the tenant's stores; selects
    // `select` when given, and shows `message` (else the number of agents).
    void reload(const QString &select = {}, const QString &message = {});
    // Saves description, consumer, binding mode and options of the selected agent.
    void save();
    // Creates the agent named in the name field with the binding mode (and first store) chosen.
    void createAgent();
    // Asks, then deletes the selected agent.
    void deleteAgent();
    // Binds the store chosen in the picker to the selected agent.
    void bindStore();
    // Unbinds the store selected in the bound stores list.
    void unbindStore();
    // Copies the tool JSON shown to the clipboard.
    void copyTool();
    // Runs the selected agent's search on the query field.
    void tryAgent();

    QListWidget *agentList() const { return m_list; }
    QLineEdit *nameField() const { return m_name; }
    QLabel *nameValidationLabel() const { return m_nameValidation; }
    QComboBox *newBindingBox() const { return m_newBinding; }
    QComboBox *newStoreBox() const { return m_newStore; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *deleteButton() const { return m_delete; }
    QLineEdit *descriptionField() const { return m_description; }
    QComboBox *consumerBox() const { return m_consumer; }
    QComboBox *bindingBox() const { return m_binding; }
    QListWidget *boundStoreList() const { return m_bound; }
    QComboBox *storePicker() const { return m_picker; }
    QPushButton *bindButton() const { return m_bind; }
    QPushButton *unbindButton() const { return m_unbind; }
    QPlainTextEdit *optionsEdit() const { return m_options; }
    QLabel *validationLabel() const { return m_validation; }
    QPushButton *saveButton() const { return m_save; }
    QPlainTextEdit *toolView() const { return m_tool; }
    QPushButton *copyButton() const { return m_copy; }
    QLabel *problemsLabel() const { return m_problems; }
    QLineEdit *queryField() const { return m_query; }
    QPushButton *tryButton() const { return m_try; }
    QPlainTextEdit *resultsView() const { return m_results; }
    QLabel *statusLabel() const { return m_status; }
    // True while a change (create, save, bind, unbind, delete) runs.
    bool isBusy() const { return m_busy > 0; }

Q_SIGNALS:
    // A load, change or search finished (tests wait on it).
    void settled();

private:
    void showSelected();
    void resolveSelected();
    void validateOptions();
    void validateName();
    // Enables each control by role, selection and state; disabled buttons say why.
    void updateControls();
    // Why an action needing `needed` is not allowed (empty: it is).
    QString roleProblem(Role needed) const;
    // Runs a change; on success calls `succeeded`, reloads (selecting `select`) and shows
    // `message`, else shows the service's message.
    template<typename T, typename Work>
    void change(Work work, const QString &select, const QString &message, std::function<void()> succeeded = {});
    void showStatus(const QString &text, bool problem);
    QString selectedName() const;
    const Agent *selectedAgent() const;

    ServiceRunner *m_runner = nullptr;
    QString m_tenant;
    std::optional<Tenant> m_tenantRow; // with the operator's role; empty until loaded
    QList<Agent> m_agents;
    QList<VectorStore> m_stores; // the tenant's live stores
    QHash<QString, QString> m_states;
    bool m_optionsValid = true;
    QString m_nameProblem;
    int m_busy = 0;
    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_nameValidation = nullptr;
    QComboBox *m_newBinding = nullptr;
    QComboBox *m_newStore = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_delete = nullptr;
    QLineEdit *m_description = nullptr;
    QComboBox *m_consumer = nullptr;
    QComboBox *m_binding = nullptr;
    QListWidget *m_bound = nullptr;
    QComboBox *m_picker = nullptr;
    QPushButton *m_bind = nullptr;
    QPushButton *m_unbind = nullptr;
    QPlainTextEdit *m_options = nullptr;
    QLabel *m_validation = nullptr;
    QPushButton *m_save = nullptr;
    QPlainTextEdit *m_tool = nullptr;
    QPushButton *m_copy = nullptr;
    QLabel *m_problems = nullptr;
    QLineEdit *m_query = nullptr;
    QPushButton *m_try = nullptr;
    QPlainTextEdit *m_results = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace vd::ui
