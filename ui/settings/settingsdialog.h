#pragma once

#include "core/storage/databaseurl.h"
#include "ui/settings/openaikeybox.h"

#include <QDialog>
#include <QFutureWatcher>

class QButtonGroup;
class QLabel;
class QComboBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace vd::ui {

// Settings: the database (a SQLite file or a PostgreSQL URL, with a connection test that runs
// off the GUI thread and never creates or migrates anything), the sync interval and the purge
// retention. Saved to QSettings on OK; the database takes effect at the next start.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    QRadioButton *sqliteOption() const { return m_sqlite; }
    QRadioButton *postgresOption() const { return m_postgres; }
    QLineEdit *sqlitePath() const { return m_sqlitePath; }
    QLineEdit *postgresUrl() const { return m_postgresUrl; }
    QSpinBox *syncInterval() const { return m_syncInterval; }
    QSpinBox *purgeRetention() const { return m_retention; }
    QLineEdit *otlpEndpoint() const { return m_otlpEndpoint; }
    QComboBox *language() const { return m_language; }
    QPushButton *testButton() const { return m_test; }
    QString testResult() const;
    // Adds the OpenAI key of the current tenant (roleProblem: why it may not be changed).
    // Adds the OpenAI key box for these tenants (none: no box), showing currentTenantId first.
    void addOpenAIKeys(const DatabaseUrl &url, const QString &operatorName, const QList<OpenAIKeyBox::Tenant> &tenants,
                       qint64 currentTenantId);
    OpenAIKeyBox *openAIKeyBox() const { return m_keyBox; }
    // True from the click until the result is shown (the future finishes a moment earlier).
    bool isTesting() const { return m_testing; }
    // The connection string the form describes; empty for the default SQLite file.
    QString databaseText() const;
    // Why the form cannot be saved; empty when it can.
    QString problem() const;
    // Names the database the window uses now (it may come from --db or VECTORDESK_DB rather than
    // the settings) and fills the form with it, so that Test connection tests that one. OK saves
    // the database setting only when the form was changed.
    void showDatabaseInUse(const DatabaseUrl &url);
    QLabel *databaseInUseLabel() const { return m_inUse; }

    void accept() override;

private:
    void testConnection();
    void updateForm();
    // Grows the dialog when wrapped text needs more height than it has.
    void fitHeight();

    QRadioButton *m_sqlite = nullptr;
    QRadioButton *m_postgres = nullptr;
    QLineEdit *m_sqlitePath = nullptr;
    QLineEdit *m_postgresUrl = nullptr;
    QPushButton *m_browse = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_inUse = nullptr;
    QString m_shownDatabase; // the form's database text as shown; unchanged: not saved
    QSpinBox *m_syncInterval = nullptr;
    QLineEdit *m_otlpEndpoint = nullptr;
    QComboBox *m_language = nullptr;
    QSpinBox *m_retention = nullptr;
    QPushButton *m_ok = nullptr;
    OpenAIKeyBox *m_keyBox = nullptr;
    QFutureWatcher<std::pair<bool, QString>> m_watcher; // ok, what was found or why not
    bool m_testing = false;
};

} // namespace vd::ui
