// The settings dialog: typed QSettings keys, no secrets, and a connection test that runs off
// the GUI thread against a real SQLite file.

#include "core/storage/database.h"
#include "core/storage/databaseurl.h"
#include "core/storage/migrator.h"
#include "core/tracing/tracing.h"
#include "ui/actions/storeactions.h"
#include "ui/dialogs/storedialog.h"
#include "ui/mainwindow.h"
#include "ui/settings/appsettings.h"
#include "ui/settings/openaikeybox.h"
#include "ui/settings/settingsdialog.h"
#include "ui/widgets/chunkingeditor.h"
#include "uifixture.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using vd::ui::SettingsDialog;

class tst_UiSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void defaultsAreTyped();
    void testConnectionOpensTheDatabaseOffTheGuiThread();
    void passwordsAreNeverSaved();
    void okSavesEveryKey();
    void traceCollectorIsCheckedSavedAndAppliedAtOnce();
    void openAIKeyWithoutKeychainSaysWhy();
    void windowShowsTheDatabaseInUseAndTestingItCreatesNothing();
    void newOpenAIStoreWithoutAKeySaysSoAndOffersTheKeys();
};

void tst_UiSettings::defaultsAreTyped()
{
    QCOMPARE(vd::ui::settings::syncIntervalMinutes(), 15);
    QCOMPARE(vd::ui::settings::purgeRetentionDays(), 30);
    QSettings().setValue(u"sync/intervalMinutes"_s, u"often"_s);
    QCOMPARE(vd::ui::settings::syncIntervalMinutes(), 15);
    vd::ui::settings::setPurgeRetentionDays(9999);
    QCOMPARE(vd::ui::settings::purgeRetentionDays(), 365);
}

void tst_UiSettings::testConnectionOpensTheDatabaseOffTheGuiThread()
{
    QTemporaryDir dir;
    SettingsDialog dialog;
    QVERIFY(dialog.sqliteOption()->isChecked());
    dialog.sqlitePath()->setText(dir.filePath(u"team.sqlite"_s));
    QVERIFY(dialog.testButton()->isEnabled());
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(dialog.testResult().startsWith(u"Connecting to SQLite file"_s));
    QTRY_VERIFY(!dialog.isTesting());
    // Testing changes nothing: a database that is not there yet is not created.
    QCOMPARE(dialog.testResult(),
             u"✓ No database at %1 yet; VectorDesk creates it when it starts with this setting."_s.arg(
                 dir.filePath(u"team.sqlite"_s)));
    QVERIFY(!QFile::exists(dir.filePath(u"team.sqlite"_s)));

    // An existing database one migration behind is reported as such, and left as it is.
    {
        vd::Database db(*vd::DatabaseUrl::parse(dir.filePath(u"team.sqlite"_s), nullptr));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        vd::Migrator migrator(db);
        QVERIFY2(migrator.migrate(&error, migrator.latestVersion() - 1), qPrintable(error));
    }
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog.isTesting());
    QVERIFY2(dialog.testResult().startsWith(u"✓ Connected; 1 migration up to version"_s), qPrintable(dialog.testResult()));
    {
        vd::Database db(*vd::DatabaseUrl::parse(dir.filePath(u"team.sqlite"_s), nullptr));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QList<int> pending;
        QVERIFY2(vd::Migrator(db).verify(&pending, &error), qPrintable(error));
        QCOMPARE(pending.size(), 1);
    }
    {
        vd::Database db(*vd::DatabaseUrl::parse(dir.filePath(u"team.sqlite"_s), nullptr));
        QString error;
        QVERIFY2(vd::Database::openAndMigrate(db, &error), qPrintable(error));
    }
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog.isTesting());
    QCOMPARE(dialog.testResult(), u"✓ Connected; the schema is ready."_s);

    // A folder that does not exist is named, not created.
    dialog.sqlitePath()->setText(dir.filePath(u"missing/team.sqlite"_s));
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog.isTesting());
    QVERIFY2(dialog.testResult().startsWith(u"The folder %1 does not exist"_s.arg(dir.filePath(u"missing"_s))),
             qPrintable(dialog.testResult()));
    QVERIFY(!QFileInfo::exists(dir.filePath(u"missing"_s)));

    // A server that is not there: the failure is reported, the window never waited on it.
    dialog.postgresOption()->setChecked(true);
    dialog.postgresUrl()->setText(u"postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"_s);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTesting(), 15'000);
    QVERIFY2(!dialog.testResult().startsWith(u"✓"_s), qPrintable(dialog.testResult()));
}

void tst_UiSettings::passwordsAreNeverSaved()
{
    SettingsDialog dialog;
    dialog.postgresOption()->setChecked(true);
    dialog.postgresUrl()->setText(u"postgresql://bob:secret@db.example.com/vectordesk"_s);
    QVERIFY(dialog.problem().startsWith(u"Remove the password from the URL"_s));
    dialog.accept();
    QVERIFY(!QSettings().contains(u"database/url"_s));
    dialog.postgresUrl()->setText(u"postgresql://bob@db.example.com/vectordesk"_s);
    QVERIFY(dialog.problem().isEmpty());
}

void tst_UiSettings::okSavesEveryKey()
{
    SettingsDialog dialog;
    dialog.postgresOption()->setChecked(true);
    dialog.postgresUrl()->setText(u"postgresql://bob@db.example.com/vectordesk"_s);
    dialog.syncInterval()->setValue(30);
    dialog.purgeRetention()->setValue(7);
    dialog.accept();
    QCOMPARE(vd::ui::settings::databaseUrl(), u"postgresql://bob@db.example.com/vectordesk"_s);
    QCOMPARE(vd::ui::settings::syncIntervalMinutes(), 30);
    QCOMPARE(vd::ui::settings::purgeRetentionDays(), 7);
    // Reopened, the dialog shows what was saved.
    SettingsDialog again;
    QVERIFY(again.postgresOption()->isChecked());
    QCOMPARE(again.postgresUrl()->text(), u"postgresql://bob@db.example.com/vectordesk"_s);
    QCOMPARE(again.syncInterval()->value(), 30);
}

// The collector typed in Settings is refused when it is not an http(s) address, and otherwise
// saved and used from the OK on; emptied, tracing stops.
void tst_UiSettings::traceCollectorIsCheckedSavedAndAppliedAtOnce()
{
    QVERIFY(!vd::tracing::enabled());
    SettingsDialog dialog;
    QVERIFY(dialog.otlpEndpoint()->text().isEmpty());
    QVERIFY(dialog.problem().isEmpty());
    dialog.otlpEndpoint()->setText(u"localhost:4318"_s);
    QVERIFY2(dialog.problem().contains(u"http(s) address"_s), qPrintable(dialog.problem()));
    dialog.accept(); // refused: nothing saved, nothing started
    QVERIFY(vd::ui::settings::otlpEndpoint().isEmpty());
    QVERIFY(!vd::tracing::enabled());

    dialog.otlpEndpoint()->setText(u" http://127.0.0.1:4318 "_s);
    QVERIFY(dialog.problem().isEmpty());
    dialog.accept();
    QCOMPARE(vd::ui::settings::otlpEndpoint(), u"http://127.0.0.1:4318"_s);
    QVERIFY(vd::tracing::enabled());
    QCOMPARE(vd::tracing::endpoint(), QUrl(u"http://127.0.0.1:4318"_s));

    SettingsDialog again;
    QCOMPARE(again.otlpEndpoint()->text(), u"http://127.0.0.1:4318"_s);
    again.otlpEndpoint()->clear();
    again.accept();
    QVERIFY(vd::ui::settings::otlpEndpoint().isEmpty());
    QVERIFY(!vd::tracing::enabled());
    QVERIFY(vd::tracing::endpoint().isEmpty());
}

// No Secret Service in the test environment: saving the key fails with a clear message, the key
// is never shown and nothing of it lands in QSettings. The box covers every tenant, one at a time,
// each with the operator's own role there.
void tst_UiSettings::openAIKeyWithoutKeychainSaysWhy()
{
    qunsetenv("VECTORDESK_OPENAI_API_KEY");
    vd::test::UiFixture fixture;
    QVERIFY(fixture.create());
    const QString viewerProblem = u"Needs the admin role in globex; you are viewer."_s;
    const QList<vd::ui::OpenAIKeyBox::Tenant> tenants = {{fixture.acme, u"acme"_s, u"Acme Corp"_s, {}},
                                                         {fixture.globex, u"globex"_s, u"Globex"_s, viewerProblem}};
    SettingsDialog dialog;
    dialog.addOpenAIKeys(fixture.url, fixture.operatorName, tenants, fixture.acme);
    vd::ui::OpenAIKeyBox *box = dialog.openAIKeyBox();
    QVERIFY(box);
    QCOMPARE(box->tenantId(), fixture.acme);
    QCOMPARE(box->tenantBox()->count(), 2);
    QCOMPARE(box->tenantBox()->currentText(), u"Acme Corp (acme)"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    QVERIFY(!box->stateLabel()->text().isEmpty());
    QVERIFY(!box->saveButton()->isEnabled()); // nothing typed
    const QString key = u"sk-test-0123456789abcdWXYZ"_s;
    box->keyField()->setText(key);
    QCOMPARE(box->keyField()->echoMode(), QLineEdit::Password);
    QVERIFY(box->saveButton()->isEnabled());
    QTest::mouseClick(box->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    const QString state = box->stateLabel()->text();
    QVERIFY2(state.startsWith(u"The key was not saved: "_s), qPrintable(state));
    QVERIFY2(state.size() > u"The key was not saved: "_s.size() + 10, qPrintable(state));
    QVERIFY(!state.contains(key));
    const QSettings settings;
    for (const QString &name : settings.allKeys())
        QVERIFY2(!settings.value(name).toString().contains(u"0123456789"_s), qPrintable(name));

    // Another tenant: the typed key does not follow, and a viewer there may look, not change.
    box->keyField()->setText(key);
    box->selectTenant(fixture.globex);
    QCOMPARE(box->tenantId(), fixture.globex);
    QCOMPARE(box->tenantBox()->currentText(), u"Globex (globex)"_s);
    QVERIFY(box->keyField()->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    box->keyField()->setText(key);
    QVERIFY(!box->saveButton()->isEnabled());
    QVERIFY(!box->clearButton()->isEnabled());
    QCOMPARE(box->clearButton()->toolTip(), viewerProblem);
    QVERIFY(box->testButton()->isEnabled()); // testing changes nothing
    // Back to acme, where the operator is admin again.
    box->selectTenant(fixture.acme);
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    QVERIFY(box->clearButton()->isEnabled());
    QVERIFY(box->clearButton()->toolTip().isEmpty());
}

// The window was opened with --db: File › Settings names that database and fills the form with
// it (not the default file), Test connection tests it, and neither creates the default database
// nor any other file. OK without a change leaves the database setting alone.
void tst_UiSettings::windowShowsTheDatabaseInUseAndTestingItCreatesNothing()
{
    vd::test::UiFixture fixture;
    QVERIFY(fixture.create());
    const QString defaultFile = vd::DatabaseUrl::defaultSqlite().sqlitePath;
    QFile::remove(defaultFile);

    vd::ui::MainWindow window(fixture.url, fixture.operatorName);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *settingsAction = window.findChild<QAction *>(u"settingsAction"_s);
    QVERIFY(settingsAction);
    settingsAction->trigger();
    SettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<SettingsDialog *>()) != nullptr);
    QVERIFY(dialog->sqliteOption()->isChecked());
    QCOMPARE(dialog->sqlitePath()->text(), QDir::toNativeSeparators(fixture.url.sqlitePath));
    QVERIFY(dialog->databaseInUseLabel()->isVisible());
    QCOMPARE(dialog->databaseInUseLabel()->text(), u"In use now: "_s + fixture.url.describe());

    const QStringList before = QDir(fixture.dir.path()).entryList(QDir::Files);
    QTest::mouseClick(dialog->testButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog->isTesting());
    QCOMPARE(dialog->testResult(), u"✓ Connected; the schema is ready."_s);
    QVERIFY2(!QFile::exists(defaultFile), qPrintable(defaultFile));
    QStringList after = QDir(fixture.dir.path()).entryList(QDir::Files);
    after.removeIf([](const QString &name) { return name.endsWith(u"-wal"_s) || name.endsWith(u"-shm"_s); });
    QStringList expected = before;
    expected.removeIf([](const QString &name) { return name.endsWith(u"-wal"_s) || name.endsWith(u"-shm"_s); });
    QCOMPARE(after, expected);

    dialog->accept();
    QVERIFY(!QSettings().contains(u"database/url"_s));
    QVERIFY(!QFile::exists(defaultFile));
}

// New store, OpenAI backend, no key anywhere: the dialog says so in one sentence (no raw error,
// no command lines), keeps Create disabled with the reason, and its link opens Settings with the
// OpenAI keys. Nothing is created.
void tst_UiSettings::newOpenAIStoreWithoutAKeySaysSoAndOffersTheKeys()
{
    qunsetenv("VECTORDESK_OPENAI_API_KEY");
    vd::test::UiFixture fixture;
    QVERIFY(fixture.create());
    vd::ui::MainWindow window(fixture.url, fixture.operatorName);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.storeActions()->newStore()->isEnabled());
    window.storeActions()->newStore()->trigger();
    vd::ui::StoreDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<vd::ui::StoreDialog *>()) != nullptr);
    dialog->nameField()->setText(u"handbook"_s);
    // Picking Fixed size chunking does not make the dialog jump wider (it went from 520 to 706 px).
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    const int width = dialog->width();
    vd::ui::ChunkingEditor *chunking = dialog->chunkingEditor();
    chunking->modeBox()->setCurrentIndex(chunking->modeBox()->findText(u"Fixed size"_s));
    QVERIFY(chunking->sizeBox()->isVisible());
    QCoreApplication::processEvents();
    QVERIFY2(dialog->minimumSizeHint().width() <= width,
             qPrintable(u"%1 > %2"_s.arg(dialog->minimumSizeHint().width()).arg(width)));
    QCOMPARE(dialog->width(), width);
    chunking->modeBox()->setCurrentIndex(0);
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    QVERIFY(!dialog->keyNote()->isVisible());
    dialog->backendBox()->setCurrentIndex(dialog->backendBox()->findData(u"openai"_s));
    QVERIFY(dialog->keyNote()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isCheckingKey(), 30'000);
    const QString note = dialog->keyNote()->text();
    QVERIFY2(note.startsWith(u"No OpenAI key is set for tenant acme. "_s), qPrintable(note));
    QVERIFY2(note.contains(u"Settings › OpenAI keys"_s), qPrintable(note));
    QVERIFY2(!note.contains(u"dbus"_s) && !note.contains(u"vectordesk key"_s), qPrintable(note));
    QVERIFY(!ok->isEnabled());
    QCOMPARE(ok->toolTip(), u"No OpenAI key is set for tenant acme; set one in Settings › OpenAI keys first."_s);
    // Back to the local engine: nothing in the way.
    dialog->backendBox()->setCurrentIndex(dialog->backendBox()->findData(u"local"_s));
    QVERIFY(ok->isEnabled());
    QVERIFY(!dialog->keyNote()->isVisible());
    dialog->backendBox()->setCurrentIndex(dialog->backendBox()->findData(u"openai"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isCheckingKey(), 30'000);
    // The link opens Settings with the OpenAI keys of the tenants.
    Q_EMIT dialog->keyNote()->linkActivated(u"settings"_s);
    SettingsDialog *settings = nullptr;
    QTRY_VERIFY((settings = window.findChild<SettingsDialog *>()) != nullptr);
    QVERIFY(settings->openAIKeyBox());
    QCOMPARE(settings->openAIKeyBox()->tenantId(), fixture.acme);
    settings->reject();
    dialog->reject();
}

QTEST_MAIN(tst_UiSettings)
#include "tst_ui_settings.moc"
