#include "ui/settings/settingsdialog.h"

#include "core/session/coresession.h"
#include "core/storage/databaseurl.h"
#include "core/tracing/tracing.h"
#include "ui/i18n/language.h"
#include "ui/models/displayformat.h"
#include "ui/settings/appsettings.h"
#include "ui/settings/openaikeybox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace vd::ui {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));
    resize(560, 420);
    auto *layout = new QVBoxLayout(this);

    auto *database = new QGroupBox(tr("Database"), this);
    auto *dbLayout = new QVBoxLayout(database);
    m_inUse = new QLabel(database);
    m_inUse->setObjectName(u"databaseInUse"_s);
    m_inUse->setWordWrap(true);
    m_inUse->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_inUse->setVisible(false);
    dbLayout->addWidget(m_inUse);
    m_sqlite = new QRadioButton(tr("SQLite file (this computer only)"), database);
    m_sqlite->setObjectName(u"sqliteOption"_s);
    dbLayout->addWidget(m_sqlite);
    auto *fileRow = new QHBoxLayout;
    fileRow->setContentsMargins(24, 0, 0, 0);
    m_sqlitePath = new QLineEdit(database);
    m_sqlitePath->setObjectName(u"sqlitePath"_s);
    m_sqlitePath->setAccessibleName(tr("SQLite database file"));
    m_sqlitePath->setPlaceholderText(DatabaseUrl::defaultSqlite().sqlitePath);
    fileRow->addWidget(m_sqlitePath, 1);
    m_browse = new QPushButton(tr("Browse…"), database);
    m_browse->setAccessibleName(tr("Choose the SQLite file"));
    fileRow->addWidget(m_browse);
    dbLayout->addLayout(fileRow);
    m_postgres = new QRadioButton(tr("PostgreSQL server (shared by the team)"), database);
    m_postgres->setObjectName(u"postgresOption"_s);
    dbLayout->addWidget(m_postgres);
    m_postgresUrl = new QLineEdit(database);
    m_postgresUrl->setObjectName(u"postgresUrl"_s);
    m_postgresUrl->setAccessibleName(tr("PostgreSQL connection URL"));
    m_postgresUrl->setPlaceholderText(u"postgresql://user@db.example.com:5432/vectordesk"_s);
    auto *urlRow = new QHBoxLayout;
    urlRow->setContentsMargins(24, 0, 0, 0);
    urlRow->addWidget(m_postgresUrl);
    dbLayout->addLayout(urlRow);
    auto *note = new QLabel(tr("Passwords are not saved in the settings: put them in ~/.pgpass or PGPASSWORD. "
                               "A new database is used from the next start."),
                            database);
    note->setWordWrap(true);
    QPalette muted = note->palette();
    muted.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
    note->setPalette(muted);
    dbLayout->addWidget(note);
    auto *testRow = new QHBoxLayout;
    m_test = new QPushButton(tr("Test connection"), database);
    m_test->setObjectName(u"testConnectionButton"_s);
    m_test->setAccessibleName(tr("Test the database connection"));
    testRow->addWidget(m_test);
    m_testResult = new QLabel(database);
    m_testResult->setObjectName(u"testResult"_s);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_testResult, 1);
    dbLayout->addLayout(testRow);
    layout->addWidget(database);

    auto *maintenance = new QGroupBox(tr("Maintenance"), this);
    auto *form = new QFormLayout(maintenance);
    m_syncInterval = new QSpinBox(maintenance);
    m_syncInterval->setObjectName(u"syncInterval"_s);
    m_syncInterval->setAccessibleName(tr("Sync interval in minutes"));
    m_syncInterval->setRange(5, 1440);
    m_syncInterval->setValue(settings::syncIntervalMinutes());
    const auto minutesSuffix = [this](int n) {
        m_syncInterval->setSuffix(tr(" minute(s)", nullptr, n));
    };
    minutesSuffix(m_syncInterval->value());
    connect(m_syncInterval, &QSpinBox::valueChanged, this, minutesSuffix);
    form->addRow(tr("&Sync every"), m_syncInterval);
    m_retention = new QSpinBox(maintenance);
    m_retention->setObjectName(u"purgeRetention"_s);
    m_retention->setAccessibleName(tr("Days deleted items stay restorable"));
    m_retention->setRange(1, 365);
    m_retention->setValue(settings::purgeRetentionDays());
    const auto daysSuffix = [this](int n) {
        m_retention->setSuffix(tr(" day(s)", nullptr, n));
    };
    daysSuffix(m_retention->value());
    connect(m_retention, &QSpinBox::valueChanged, this, daysSuffix);
    form->addRow(tr("Keep deleted items for"), m_retention);
    layout->addWidget(maintenance);

    auto *observability = new QGroupBox(tr("Tracing"), this);
    auto *tracingForm = new QFormLayout(observability);
    m_otlpEndpoint = new QLineEdit(observability);
    m_otlpEndpoint->setObjectName(u"otlpEndpoint"_s);
    m_otlpEndpoint->setAccessibleName(tr("OpenTelemetry collector address"));
    m_otlpEndpoint->setPlaceholderText(tr("Off. For example http://localhost:4318"));
    m_otlpEndpoint->setToolTip(tr("Spans of this window's work are sent to this collector's /v1/traces (OTLP over "
                                  "HTTP). Takes effect when you press OK; --otlp-endpoint and "
                                  "OTEL_EXPORTER_OTLP_ENDPOINT win over it at start."));
    m_otlpEndpoint->setText(settings::otlpEndpoint());
    tracingForm->addRow(tr("&Collector"), m_otlpEndpoint);
    const QUrl inUse = tracing::endpoint();
    if (!inUse.isEmpty() && inUse.toString() != settings::otlpEndpoint().trimmed()) {
        auto *tracingInUse = new QLabel(tr("In use now: %1").arg(inUse.toString()), observability);
        tracingInUse->setObjectName(u"tracingInUse"_s);
        tracingInUse->setTextInteractionFlags(Qt::TextSelectableByMouse);
        tracingForm->addRow(QString(), tracingInUse);
    }
    layout->addWidget(observability);

    auto *appearance = new QGroupBox(tr("Language"), this);
    auto *languageForm = new QFormLayout(appearance);
    m_language = new QComboBox(appearance);
    m_language->setObjectName(u"language"_s);
    m_language->setAccessibleName(tr("Language of the window"));
    // The system's choice first, named by what it resolves to today.
    const QString systemCode = i18n::resolve(QString());
    for (const i18n::Language &l : i18n::languages()) {
        if (l.code == systemCode)
            m_language->addItem(tr("As the system (%1)").arg(l.nativeName), QString());
    }
    for (const i18n::Language &l : i18n::languages())
        m_language->addItem(l.nativeName, l.code);
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings::language())));
    languageForm->addRow(tr("&Language"), m_language);
    auto *languageNote = new QLabel(tr("Applies when VectorDesk starts again. Command-line output, logs and JSON "
                                       "stay in English, so that support can search for them."),
                                    appearance);
    languageNote->setObjectName(u"languageNote"_s);
    languageNote->setWordWrap(true);
    languageNote->setPalette(muted);
    languageForm->addRow(languageNote);
    layout->addWidget(appearance);

    m_problem = new QLabel(this);
    m_problem->setObjectName(u"settingsProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b02a37;"_s);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    layout->addWidget(buttons);

    // The current database setting.
    const QString current = settings::databaseUrl();
    QString error;
    const auto parsed = current.isEmpty() ? std::nullopt : DatabaseUrl::parse(current, &error);
    if (parsed && parsed->isPostgres()) {
        m_postgres->setChecked(true);
        m_postgresUrl->setText(current);
    } else {
        m_sqlite->setChecked(true);
        m_sqlitePath->setText(parsed ? parsed->sqlitePath : QString());
    }
    m_shownDatabase = databaseText();

    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_sqlite, &QRadioButton::toggled, this, [this] { updateForm(); });
    connect(m_sqlitePath, &QLineEdit::textChanged, this, [this] { updateForm(); });
    connect(m_postgresUrl, &QLineEdit::textChanged, this, [this] { updateForm(); });
    connect(m_otlpEndpoint, &QLineEdit::textChanged, this, [this] { updateForm(); });
    connect(m_test, &QPushButton::clicked, this, [this] { testConnection(); });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("SQLite database file"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setOption(QFileDialog::DontConfirmOverwrite);
        connect(dialog, &QFileDialog::fileSelected, m_sqlitePath, &QLineEdit::setText);
        dialog->open();
    });
    connect(&m_watcher, &QFutureWatcher<std::pair<bool, QString>>::finished, this, [this] {
        const auto [ok, text] = m_watcher.result();
        m_testing = false;
        m_testResult->setText(ok ? u"✓ "_s + text : text);
        m_testResult->setStyleSheet(ok ? u"color: #1e7b34;"_s : u"color: #b02a37;"_s);
        updateForm();
    });
    updateForm();
}

QString SettingsDialog::testResult() const
{
    return m_testResult->text();
}

QString SettingsDialog::databaseText() const
{
    return m_sqlite->isChecked() ? m_sqlitePath->text().trimmed() : m_postgresUrl->text().trimmed();
}

QString SettingsDialog::problem() const
{
    QString tracingError;
    if (!tracing::parseEndpoint(m_otlpEndpoint->text(), &tracingError))
        return tr("The trace collector must be an http(s) address such as http://localhost:4318, or empty for off.");
    const QString text = databaseText();
    if (m_postgres->isChecked() && text.isEmpty())
        return tr("Enter the PostgreSQL URL, e.g. postgresql://user@host:5432/vectordesk.");
    if (text.isEmpty())
        return {};
    QString error;
    const auto url = DatabaseUrl::parse(text, &error);
    if (!url)
        return error;
    if (m_postgres->isChecked() && !url->isPostgres())
        return tr("A PostgreSQL URL starts with postgresql://.");
    if (m_sqlite->isChecked() && url->isPostgres())
        return tr("That is a PostgreSQL URL; choose PostgreSQL server above.");
    if (!url->password.isEmpty())
        return tr("Remove the password from the URL: settings never hold secrets. Put it in ~/.pgpass or PGPASSWORD.");
    return {};
}

void SettingsDialog::updateForm()
{
    m_sqlitePath->setEnabled(m_sqlite->isChecked());
    m_browse->setEnabled(m_sqlite->isChecked());
    m_postgresUrl->setEnabled(m_postgres->isChecked());
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_ok->setEnabled(why.isEmpty());
    m_test->setEnabled(why.isEmpty() && !m_testing);
    fitHeight();
}

void SettingsDialog::testConnection()
{
    QString error;
    const QString text = databaseText();
    const auto url =
        text.isEmpty() ? std::optional<DatabaseUrl>(DatabaseUrl::defaultSqlite()) : DatabaseUrl::parse(text, &error);
    if (!url) {
        m_testResult->setText(error);
        return;
    }
    m_testResult->setStyleSheet({});
    m_testResult->setText(tr("Connecting to %1…").arg(format::databaseText(*url)));
    // Connecting may wait on the network: a worker thread tries it, changing nothing.
    m_testing = true;
    m_watcher.setFuture(QtConcurrent::run([u = *url]() -> std::pair<bool, QString> {
        auto found = CoreSession::probe(u);
        return found ? std::pair(true, found.value()) : std::pair(false, found.error().message());
    }));
    updateForm();
}

void SettingsDialog::showDatabaseInUse(const DatabaseUrl &url)
{
    m_inUse->setText(tr("In use now: %1").arg(format::databaseText(url)));
    m_inUse->setToolTip(tr("The database this window opened (from --db, VECTORDESK_DB or these settings)."));
    m_inUse->setVisible(true);
    if (url.isPostgres()) {
        DatabaseUrl shown = url;
        shown.password.clear(); // the form never holds a secret
        m_postgres->setChecked(true);
        m_postgresUrl->setText(shown.redacted());
    } else {
        m_sqlite->setChecked(true);
        m_sqlitePath->setText(QDir::toNativeSeparators(url.sqlitePath));
    }
    m_shownDatabase = databaseText();
    updateForm();
}

void SettingsDialog::addOpenAIKeys(const DatabaseUrl &url, const QString &operatorName,
                                   const QList<OpenAIKeyBox::Tenant> &tenants, qint64 currentTenantId)
{
    if (m_keyBox || tenants.isEmpty())
        return;
    m_keyBox = new OpenAIKeyBox(url, operatorName, tenants, currentTenantId, this);
    auto *box = qobject_cast<QVBoxLayout *>(layout());
    box->insertWidget(1, m_keyBox); // after the database, before maintenance
    connect(m_keyBox, &OpenAIKeyBox::stateShown, this, &SettingsDialog::fitHeight);
    fitHeight();
}

void SettingsDialog::fitHeight()
{
    // Wrapped text may need more height than the dialog has; the size hint (at its narrower
    // preferred width) errs on the generous side where heightForWidth falls short.
    const int needed = qMax(sizeHint().height(), hasHeightForWidth() ? heightForWidth(width()) : 0);
    if (needed > height())
        resize(width(), needed);
}

void SettingsDialog::accept()
{
    if (!problem().isEmpty())
        return;
    if (databaseText() != m_shownDatabase)
        settings::setDatabaseUrl(databaseText());
    settings::setSyncIntervalMinutes(m_syncInterval->value());
    settings::setPurgeRetentionDays(m_retention->value());
    settings::setLanguage(m_language->currentData().toString());
    const QString collector = m_otlpEndpoint->text().trimmed();
    if (collector != settings::otlpEndpoint()) {
        settings::setOtlpEndpoint(collector);
        // The setting applies at once: spans of the next actions go to the new collector (or nowhere).
        QString error;
        tracing::Config config;
        config.endpoint = tracing::parseEndpoint(collector, &error).value_or(QUrl());
        tracing::configure(config);
    }
    QDialog::accept();
}

} // namespace vd::ui
