#pragma once

#include "core/domain/agentresolver.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace vd::ui {

class ServiceRunner;

// The agents of one tenant (docs/agents.md, docs/gui.md): each with its status (ok, warning,
// broken), its description, consumer and file_search options edited with validation as you type,
// the generated tool JSON with a copy button, and "try as this agent". Every service call runs on
// the runner's worker threads; the options are checked here with the same rule the service uses
// (FileSearchOptions::fromJson). GUI thread only.
class AgentsDialog : public QDialog
{
    Q_OBJECT

public:
    AgentsDialog(ServiceRunner *runner, const QString &tenantSlug, QWidget *parent = nullptr);

    // Loads the agents and their status; selects `select` when given.
    void reload(const QString &select = {});
    // Saves description, consumer and options of the selected agent.
    void save();
    // Copies the tool JSON shown to the clipboard.
    void copyTool();
    // Runs the selected agent's search on the query field.
    void tryAgent();

    QListWidget *agentList() const { return m_list; }
    QLineEdit *descriptionField() const { return m_description; }
    QComboBox *consumerBox() const { return m_consumer; }
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

Q_SIGNALS:
    // A load, save or search finished (tests wait on it).
    void settled();

private:
    void showSelected();
    void resolveSelected();
    void validateOptions();
    QString selectedName() const;

    ServiceRunner *m_runner = nullptr;
    QString m_tenant;
    QList<Agent> m_agents;
    QHash<QString, QString> m_states;
    bool m_optionsValid = true;
    QListWidget *m_list = nullptr;
    QLineEdit *m_description = nullptr;
    QComboBox *m_consumer = nullptr;
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
