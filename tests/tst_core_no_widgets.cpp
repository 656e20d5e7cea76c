// Proves core stands alone: this executable links vectordesk_core (and QtTest) only, does real
// work through the service, and checks that neither QtWidgets nor QtGui got loaded.

#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCoreNoWidgets : public QObject
{
    Q_OBJECT

private slots:
    void serviceWorksWithoutWidgets()
    {
        QTemporaryDir dir;
        QString error;
        auto url = vd::DatabaseUrl::parse(dir.filePath(u"core.sqlite"_s), &error);
        QVERIFY(url);
        vd::Database db(*url);
        QVERIFY2(vd::Database::openAndMigrate(db, &error), qPrintable(error));
        vd::CoreSession serviceSession(db, u"alice"_s);
        vd::VectorStoreService &service = serviceSession.service();
        auto tenant = service.createTenant({u"acme"_s, u"Acme"_s, u"free"_s, u"local"_s});
        QVERIFY2(tenant, qPrintable(tenant.ok() ? QString() : tenant.error().message()));
        QCOMPARE(tenant->slug, u"acme"_s);
    }

    void noGuiLibraryIsLoaded()
    {
        QFile maps(u"/proc/self/maps"_s);
        QVERIFY(maps.open(QIODevice::ReadOnly));
        const QByteArray loaded = maps.readAll();
        QVERIFY(loaded.contains("libQt6Core"));
        QVERIFY2(!loaded.contains("libQt6Widgets"), "core pulled in QtWidgets");
        QVERIFY2(!loaded.contains("libQt6Gui"), "core pulled in QtGui");
    }
};

QTEST_GUILESS_MAIN(TestCoreNoWidgets)
#include "tst_core_no_widgets.moc"
