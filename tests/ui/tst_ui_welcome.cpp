// The first run (ui/welcome, docs/gui.md): on a database without tenants the window offers the
// welcome, which creates the first tenant and store off the GUI thread and selects them; names
// are checked before anything is created; the OpenAI choice makes the tenant and opens the key
// settings; a database with tenants, or an operator who is not the instance administrator, gets
// no welcome.

#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/storage/databaseurl.h"
#include "ui/mainwindow.h"
#include "ui/models/tenanttablemodel.h"
#include "ui/panels/storepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/settings/settingsdialog.h"
#include "ui/welcome/welcomedialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using vd::ui::MainWindow;
using vd::ui::WelcomeDialog;

namespace {

// A migrated, empty SQLite database in `dir`.
std::optional<vd::DatabaseUrl> emptyDatabase(const QTemporaryDir &dir, const QString &name)
{
    QString error;
    auto url = vd::DatabaseUrl::parse(dir.filePath(name), &error);
    if (!url)
        return std::nullopt;
    vd::Database db(*url);
    if (!vd::Database::openAndMigrate(db, &error))
        return std::nullopt;
    return url;
}

WelcomeDialog *welcomeOf(MainWindow &window)
{
    return window.findChild<WelcomeDialog *>();
}

} // namespace

class tst_UiWelcome : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void createsTheFirstTenantAndStore()
    {
        QTemporaryDir dir;
        const auto url = emptyDatabase(dir, u"first.sqlite"_s);
        QVERIFY(url);
        MainWindow window(*url, u"Alice Smith"_s);
        window.show();
        QTRY_VERIFY(welcomeOf(window) && welcomeOf(window)->isVisible());
        WelcomeDialog *welcome = welcomeOf(window);
        QCOMPARE(welcome->tenantField()->text(), u"alice-smith"_s); // suggested from the operator
        QCOMPARE(welcome->storeField()->text(), u"docs"_s);

        // Names are checked as they are typed; nothing is created while one is wrong.
        welcome->tenantField()->setText(u"Bad Slug!"_s);
        QVERIFY(!welcome->createButton()->isEnabled());
        QVERIFY(welcome->problemLabel()->text().contains(u"Tenant slug 'Bad Slug!' is not valid"_s));
        welcome->tenantField()->setText(u"acme"_s);
        welcome->storeField()->setText(u"2024"_s);
        QVERIFY(!welcome->createButton()->isEnabled());
        QVERIFY(welcome->problemLabel()->text().contains(u"all digits"_s));
        welcome->storeField()->setText(u"handbook"_s);
        welcome->displayNameField()->setText(u"Acme Corp"_s);
        QVERIFY(welcome->createButton()->isEnabled());
        QVERIFY(welcome->problemLabel()->isHidden());

        QTest::mouseClick(welcome->createButton(), Qt::LeftButton);
        QTRY_VERIFY(welcomeOf(window) == nullptr); // created, accepted, deleted
        QTRY_COMPARE(window.storePanel()->tenantSlug(), u"acme"_s);

        vd::Database db(*url);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        vd::CoreSession session(db, u"Alice Smith"_s);
        auto tenant = session.service().tenant(u"acme"_s);
        QVERIFY(tenant);
        QCOMPARE(tenant->displayName, u"Acme Corp"_s);
        auto store = session.service().store(u"acme"_s, u"handbook"_s);
        QVERIFY(store);
        QVERIFY(store->isPrimary);
        QCOMPARE(store->backend, vd::BackendKind::Local);

        // A second window on the same database: it has a tenant, so no welcome.
        MainWindow again(*url, u"Alice Smith"_s);
        again.show();
        QTRY_VERIFY(again.tenantPanel()->model()->rowCount() == 1);
        QVERIFY(welcomeOf(again) == nullptr);
    }

    void openAIMakesTheTenantAndOpensTheKeys()
    {
        QTemporaryDir dir;
        const auto url = emptyDatabase(dir, u"openai.sqlite"_s);
        QVERIFY(url);
        MainWindow window(*url, u"alice"_s);
        window.show();
        QTRY_VERIFY(welcomeOf(window) && welcomeOf(window)->isVisible());
        WelcomeDialog *welcome = welcomeOf(window);
        welcome->backendBox()->setCurrentIndex(welcome->backendBox()->findData(u"openai"_s));
        QVERIFY(welcome->storeField()->isHidden()); // stores come from the import
        QVERIFY(welcome->createButton()->text().contains(u"key"_s));
        QTest::mouseClick(welcome->createButton(), Qt::LeftButton);
        QTRY_VERIFY(window.findChild<vd::ui::SettingsDialog *>() != nullptr);

        vd::Database db(*url);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        vd::CoreSession session(db, u"alice"_s);
        auto tenant = session.service().tenant(u"alice"_s);
        QVERIFY(tenant);
        QCOMPARE(tenant->defaultBackend, vd::BackendKind::OpenAI);
        auto stores = session.service().listStores(u"alice"_s);
        QVERIFY(stores);
        QVERIFY(stores->isEmpty());
    }

    // The welcome creates tenants, which only the instance administrator (the database's first
    // operator) may do; anyone else sees the tables' own advice.
    void onlyTheInstanceAdministratorIsWelcomed()
    {
        QTemporaryDir dir;
        const auto url = emptyDatabase(dir, u"team.sqlite"_s);
        QVERIFY(url);
        {
            vd::Database db(*url);
            QString error;
            QVERIFY2(db.open(&error), qPrintable(error));
            vd::CoreSession first(db, u"alice"_s);
            QVERIFY(first.service().listTenants(vd::Visibility::Live)); // alice comes first: the instance administrator
        }
        MainWindow window(*url, u"bob"_s);
        window.show();
        QTRY_VERIFY(!window.tenantPanel()->model()->isLoading() && window.tenantPanel()->model()->rowCount() == 0);
        QTest::qWait(0);
        QVERIFY(welcomeOf(window) == nullptr);
    }
};

QTEST_MAIN(tst_UiWelcome)
#include "tst_ui_welcome.moc"
