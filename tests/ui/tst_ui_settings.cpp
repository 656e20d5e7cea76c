// The settings dialog: typed QSettings keys, no secrets, and a connection test that runs off
// the GUI thread against a real SQLite file.

#include "settings/appsettings.h"
#include "settings/settingsdialog.h"

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
    QCOMPARE(dialog.testResult(), u"✓ Connected; the schema is ready."_s);
    QVERIFY(QFile::exists(dir.filePath(u"team.sqlite"_s)));

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

QTEST_MAIN(tst_UiSettings)
#include "tst_ui_settings.moc"
