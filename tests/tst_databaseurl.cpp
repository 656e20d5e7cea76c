#include "core/storage/database.h"
#include "core/storage/databaseurl.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using vd::DatabaseUrl;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void plainPathMeansSqlite()
    {
        QString error;
        const auto url = DatabaseUrl::parse(u"/var/lib/vd/data.sqlite"_s, &error);
        QVERIFY(url);
        QVERIFY(url->isSqlite());
        QCOMPARE(url->sqlitePath, u"/var/lib/vd/data.sqlite"_s);
    }

    void relativePathBecomesAbsolute()
    {
        QString error;
        const auto url = DatabaseUrl::parse(u"data.sqlite"_s, &error);
        QVERIFY(url);
        QCOMPARE(url->sqlitePath, QDir::current().absoluteFilePath(u"data.sqlite"_s));
    }

    void postgresUrl_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("database");
        QTest::newRow("full tcp url") << u"postgresql://bob:s3cret@db.example:6543/vectordesk"_s << u"db.example"_s
                                      << 6543 << u"bob"_s << u"s3cret"_s << u"vectordesk"_s;
        QTest::newRow("postgres scheme, default port")
            << u"postgres://bob@localhost/vd"_s << u"localhost"_s << 5432 << u"bob"_s << QString() << u"vd"_s;
        QTest::newRow("socket directory in query") << u"postgresql://bob@/vd?host=/run/postgresql"_s
                                                   << u"/run/postgresql"_s << 5432 << u"bob"_s << QString() << u"vd"_s;
        QTest::newRow("percent-encoded password")
            << u"postgresql://bob:p%40ss%3Aword@h:5432/vd"_s << u"h"_s << 5432 << u"bob"_s << u"p@ss:word"_s << u"vd"_s;
    }

    void postgresUrl()
    {
        QFETCH(QString, text);
        QString error;
        const auto url = DatabaseUrl::parse(text, &error);
        QVERIFY2(url, qPrintable(error));
        QVERIFY(url->isPostgres());
        QTEST(url->host, "host");
        QTEST(url->port, "port");
        QTEST(url->user, "user");
        QTEST(url->password, "password");
        QTEST(url->database, "database");
    }

    void malformedUrlsAreRefusedWithAReason_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unsupported scheme") << u"mysql://u@h/db"_s << u"Unsupported database type 'mysql'"_s;
        QTest::newRow("no database name") << u"postgresql://u@h:5432/"_s << u"names no database"_s;
        QTest::newRow("port not a number") << u"postgresql://u@h:abc/db"_s << u"Malformed database URL"_s;
        QTest::newRow("unknown parameter") << u"postgresql://u@h/db?colour=red"_s << u"unknown parameter 'colour'"_s;
        QTest::newRow("empty") << u"  "_s << u"empty"_s;
    }

    void malformedUrlsAreRefusedWithAReason()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        QString error;
        QVERIFY(!DatabaseUrl::parse(text, &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void descriptionsNeverContainThePassword()
    {
        QString error;
        const auto url = DatabaseUrl::parse(u"postgresql://bob:hunter2@db:5432/vd"_s, &error);
        QVERIFY(url);
        QVERIFY(!url->describe().contains(u"hunter2"_s));
        QVERIFY(!url->redacted().contains(u"hunter2"_s));
        QVERIFY(url->redacted().contains(u"***"_s));
    }

    void resolveOrder()
    {
        QString source;
        QString error;
        qputenv("VECTORDESK_DB", "/tmp/from-env.sqlite");
        auto url = DatabaseUrl::resolve(u"/tmp/from-option.sqlite"_s, &source, &error);
        QCOMPARE(source, u"--db"_s);
        QCOMPARE(url->sqlitePath, u"/tmp/from-option.sqlite"_s);
        url = DatabaseUrl::resolve(std::nullopt, &source, &error);
        QCOMPARE(source, u"VECTORDESK_DB"_s);
        QCOMPARE(url->sqlitePath, u"/tmp/from-env.sqlite"_s);
        QVERIFY(!url->createFolder);
        qunsetenv("VECTORDESK_DB");
    }

    void givenButEmptyLocationsAreRefused()
    {
        QString source;
        QString error;
        qputenv("VECTORDESK_DB", "/tmp/from-env.sqlite");
        // --db "" is not "no --db": it must not fall back to VECTORDESK_DB or the default.
        QVERIFY(!DatabaseUrl::resolve(QString(), &source, &error));
        QVERIFY2(error.startsWith(u"--db is empty"_s), qPrintable(error));
        QVERIFY(!DatabaseUrl::resolve(u"  "_s, &source, &error));
        qputenv("VECTORDESK_DB", "");
        QVERIFY(!DatabaseUrl::resolve(std::nullopt, &source, &error));
        QCOMPARE(source, u"VECTORDESK_DB"_s);
        QVERIFY2(error.startsWith(u"VECTORDESK_DB is set but empty"_s), qPrintable(error));
        qunsetenv("VECTORDESK_DB");
    }

    void onlyTheDefaultLocationCreatesItsFolder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"typo/vd.sqlite"_s);
        QString error;
        const auto typed = DatabaseUrl::parse(path, &error);
        QVERIFY(typed && !typed->createFolder);
        {
            vd::Database db(*typed);
            QVERIFY(!db.open(&error));
        }
        QVERIFY2(error.contains(dir.filePath(u"typo"_s)) && error.contains(u"does not exist"_s), qPrintable(error));
        QVERIFY(!QDir(dir.filePath(u"typo"_s)).exists());
        QVERIFY(DatabaseUrl::defaultSqlite().createFolder);
        vd::DatabaseUrl made = *typed;
        made.createFolder = true;
        vd::Database db(made);
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(QFile::exists(path));
    }

    void notADatabaseFileIsNamed()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"notes.sqlite"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        QString error;
        vd::Database db(*DatabaseUrl::parse(path, &error));
        QVERIFY(!db.open(&error));
        QVERIFY2(error.contains(path) && error.contains(u"not a SQLite database"_s), qPrintable(error));
    }

    void unreachablePostgresNamesTheHost()
    {
        QString error;
        // Port 1 on loopback: nothing listens there.
        vd::Database db(*DatabaseUrl::parse(u"postgresql://bob:pw@127.0.0.1:1/vd?connect_timeout=2"_s, &error));
        QVERIFY(!db.open(&error));
        QVERIFY2(error.contains(u"127.0.0.1:1"_s), qPrintable(error));
        QVERIFY2(error.contains(u"connection refused"_s), qPrintable(error));
        QVERIFY(!error.contains(u"pw"_s.prepend(u':')));
        QCOMPARE(error.count(u'\n'), 0);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
