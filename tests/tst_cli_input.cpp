// Hostile and mistyped input at the command line (issue #13): database locations, search and JSON
// values, control characters in names, folders with entries attach cannot take. Run in-process
// through vd::cli::run with captured streams, against temporary SQLite files.

#include "cli/cli.h"
#include "core/storage/database.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

Run runCli(QStringList arguments)
{
    Run run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    arguments.prepend(u"vectordesk"_s);
    run.code = cli::run(arguments, {out, err, nullptr});
    out.flush();
    err.flush();
    return run;
}

bool hasRawControl(const QString &text)
{
    for (const QChar c : text) {
        if (c == u'\n')
            continue;
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7F || (u >= 0x80 && u < 0xA0) || u == 0x202E || u == 0x2066 || u == 0x2028)
            return true;
    }
    return false;
}

} // namespace

class TestCliInput : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_home; // XDG_DATA_HOME and XDG_CONFIG_HOME: where the default database would go
    int m_counter = 0;

    Run cli(const QString &db, QStringList arguments)
    {
        return runCli(arguments << u"--db"_s << db << u"--as"_s << u"alice"_s);
    }

    QString freshDb() { return m_dir.filePath(u"input_%1.sqlite"_s.arg(++m_counter)); }

    QString dump(const QString &location)
    {
        QString error;
        Database db(*DatabaseUrl::parse(location, &error));
        if (!db.open(&error))
            return u"cannot open: "_s + error;
        return test::dumpRows(db);
    }

    // A database with tenant acme, store docs (metadata team=legal) and one completed file.
    QString storeWithOneFile(const QString &fileName = u"notes.txt"_s)
    {
        const QString db = freshDb();
        if (cli(db, {u"tenant"_s, u"create"_s, u"acme"_s}).code != 0)
            return {};
        if (cli(db,
                {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s, u"--metadata"_s,
                 u"{\"team\": \"legal\"}"_s})
                .code
            != 0)
            return {};
        QTemporaryDir files;
        QFile f(files.filePath(fileName));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write("Wing flutter was measured at transonic speeds.\n");
        f.close();
        const Run r = cli(db,
                          {u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, f.fileName(),
                           u"--attributes"_s, u"{\"year\": 1958}"_s, u"--wait"_s});
        return r.code == 0 ? db : QString();
    }

    QString defaultDatabasePath() const
    {
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/vectordesk.sqlite"_s;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid() && m_home.isValid());
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(u"data"_s)));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
        qunsetenv("VECTORDESK_DB");
        QVERIFY(defaultDatabasePath().startsWith(m_home.path()));
    }

    // --- #13: a database location that was given must be the one used ---------------------------

    void emptyDbOptionIsRefused()
    {
        const Run r = runCli({u"tenant"_s, u"list"_s, u"--db"_s, QString(), u"--as"_s, u"alice"_s});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--db is empty"_s), qPrintable(r.err));
        QVERIFY2(!QFile::exists(defaultDatabasePath()), "the default database must not be opened instead");
        const Run j = runCli({u"tenant"_s, u"list"_s, u"--db="_s, u"--json"_s});
        QCOMPARE(j.code, 2);
        QCOMPARE(j.json()[u"error"_s][u"code"_s].toString(), u"usage"_s);
        QVERIFY(!QFile::exists(defaultDatabasePath()));
    }

    void dbInAMissingFolderIsRefusedNamingIt()
    {
        const QString missing = m_dir.filePath(u"no/such/dir"_s);
        const QString path = missing + u"/x.db"_s;
        const Run r = runCli({u"tenant"_s, u"create"_s, u"acme"_s, u"--db"_s, path, u"--as"_s, u"alice"_s});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(path) && r.err.contains(u"does not exist"_s), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(u'\n'), 0);
        QVERIFY2(!QDir(m_dir.filePath(u"no"_s)).exists(), "no folder may be created for a mistyped --db");
        // migrate resolves the location the same way.
        const Run m = runCli({u"migrate"_s, u"--db"_s, path});
        QCOMPARE(m.code, 1);
        QVERIFY2(m.err.contains(path), qPrintable(m.err));
        QVERIFY(!QDir(m_dir.filePath(u"no"_s)).exists());
    }

    void emptyVectordeskDbIsRefused()
    {
        qputenv("VECTORDESK_DB", "");
        const Run r = runCli({u"tenant"_s, u"list"_s, u"--as"_s, u"alice"_s});
        qunsetenv("VECTORDESK_DB");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"VECTORDESK_DB is set but empty"_s), qPrintable(r.err));
        QVERIFY(!QFile::exists(defaultDatabasePath()));
    }

    void vectordeskDbInAMissingFolderIsRefused()
    {
        const QString path = m_dir.filePath(u"gone/x.db"_s);
        qputenv("VECTORDESK_DB", QFile::encodeName(path));
        const Run r = runCli({u"tenant"_s, u"list"_s, u"--as"_s, u"alice"_s});
        qunsetenv("VECTORDESK_DB");
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(path), qPrintable(r.err));
        QVERIFY(!QDir(m_dir.filePath(u"gone"_s)).exists());
    }

    void defaultDatabaseStillCreatesItsFolder()
    {
        QVERIFY(!QFile::exists(defaultDatabasePath()));
        const Run r = runCli({u"tenant"_s, u"create"_s, u"acme"_s, u"--as"_s, u"alice"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(QFile::exists(defaultDatabasePath()));
        QFile::remove(defaultDatabasePath());
    }

    // --- #7: values a search or a JSON option cannot mean ----------------------------------------

    void searchRefusesThresholdsOutsideZeroToOne_data()
    {
        QTest::addColumn<QString>("threshold");
        QTest::newRow("nan") << u"nan"_s;
        QTest::newRow("NaN") << u"NaN"_s;
        QTest::newRow("inf") << u"inf"_s;
        QTest::newRow("-inf") << u"-inf"_s;
        QTest::newRow("negative") << u"-0.1"_s;
        QTest::newRow("above one") << u"1.5"_s;
    }

    void searchRefusesThresholdsOutsideZeroToOne()
    {
        QFETCH(QString, threshold);
        static QString db;
        if (db.isEmpty())
            db = storeWithOneFile();
        QVERIFY(!db.isEmpty());
        const Run r = cli(db,
                          {u"search"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"flutter"_s,
                           u"--threshold"_s, threshold});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"score_threshold must be a number from 0 to 1"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"(got "_s), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void searchRefusesAFilterTypeThatIsNotAString()
    {
        const QString db = storeWithOneFile();
        QVERIFY(!db.isEmpty());
        const Run r = cli(db,
                          {u"search"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"flutter"_s, u"--filter"_s,
                           u"{\"type\": 1, \"key\": \"year\", \"value\": 1958}"_s, u"--json"_s});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.json()[u"error"_s][u"message"_s].toString().contains(u"type must be a string"_s), qPrintable(r.out));
    }

    void emptyJsonTextIsRefusedNotAWipe_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("file set-attributes") << QStringList{u"file"_s,    u"set-attributes"_s, u"--tenant"_s, u"acme"_s,
                                                            u"--store"_s, u"docs"_s,           u"1"_s,        QString()}
                                             << u"Attributes is empty"_s;
        QTest::newRow("file set-attributes, blank")
            << QStringList{u"file"_s,    u"set-attributes"_s, u"--tenant"_s, u"acme"_s,
                           u"--store"_s, u"docs"_s,           u"1"_s,        u"  "_s}
            << u"Attributes is empty"_s;
        QTest::newRow("store update --metadata")
            << QStringList{u"store"_s, u"update"_s, u"--tenant"_s, u"acme"_s, u"docs"_s, u"--metadata"_s, QString()}
            << u"Metadata is empty"_s;
        QTest::newRow("store create --metadata")
            << QStringList{u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"more"_s, u"--metadata"_s, QString()}
            << u"Metadata is empty"_s;
    }

    void emptyJsonTextIsRefusedNotAWipe()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QString db = storeWithOneFile();
        QVERIFY(!db.isEmpty());
        const QString before = dump(db);
        const Run r = cli(db, arguments);
        QCOMPARE(r.code, 2); // a malformed argument (docs/cli.md, exit codes)
        QVERIFY2(r.err.contains(message) && r.err.contains(u"pass {} to clear"_s), qPrintable(r.err));
        QCOMPARE(dump(db), before);

        // {} given on purpose still clears.
        if (arguments.contains(u"set-attributes"_s)) {
            arguments.last() = u"{}"_s;
            const Run cleared = cli(db, arguments + QStringList{u"--json"_s});
            QVERIFY2(cleared.code == 0, qPrintable(cleared.err));
            QCOMPARE(cleared.json()[u"attributes"_s].toObject(), QJsonObject());
        }
    }

    // --- #10: control characters in names never reach the terminal ------------------------------

    void controlCharactersInNamesAreEscapedInHumanOutput()
    {
        const QString evil = u"evil\x1b]0;owned\x07\x1b[31mred\nline\u202Etxt.\u0085x\u2066.txt"_s;
        const QString db = freshDb();
        QCOMPARE(cli(db, {u"tenant"_s, u"create"_s, u"acme"_s}).code, 0);
        QCOMPARE(cli(db, {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}).code, 0);
        QTemporaryDir files;
        QFile f(files.filePath(evil));
        QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(f.errorString()));
        f.write("Wing flutter was measured at transonic speeds.\n");
        f.close();

        const Run attach = cli(
            db, {u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, f.fileName(), u"--wait"_s});
        QVERIFY2(attach.code == 0, qPrintable(attach.err));
        QVERIFY2(!hasRawControl(attach.out + attach.err), qPrintable(attach.out));
        QVERIFY2(
            attach.out.contains(u"evil\\x1b]0;owned\\x07\\x1b[31mred\\nline\\u{202E}txt.\\u{0085}x\\u{2066}.txt"_s),
            qPrintable(attach.out));

        for (const QStringList &command :
             {QStringList{u"file"_s, u"list"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s},
              QStringList{u"file"_s, u"show"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"1"_s},
              QStringList{u"search"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"flutter"_s}}) {
            const Run r = cli(db, command);
            QVERIFY2(r.code == 0, qPrintable(command.join(u' ') + r.err));
            QVERIFY2(!hasRawControl(r.out + r.err), qPrintable(command.join(u' ') + u": "_s + r.out));
            QVERIFY2(r.out.contains(u"evil\\x1b]0;owned"_s), qPrintable(command.join(u' ') + u": "_s + r.out));
        }

        // JSON output keeps the exact name (the JSON writer escapes it).
        const Run j = cli(db, {u"file"_s, u"list"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"--json"_s});
        QCOMPARE(j.code, 0);
        QVERIFY(!j.out.contains(QChar(0x1b)));
        QCOMPARE(j.json()[u"data"_s][0][u"filename"_s].toString(), evil);

        // Errors that quote what was typed are escaped too.
        const Run e = cli(db, {u"store"_s, u"show"_s, u"--tenant"_s, u"acme"_s, u"no\x1b[2Jpe"_s});
        QCOMPARE(e.code, 1);
        QVERIFY2(!hasRawControl(e.err), qPrintable(e.err));
        QVERIFY2(e.err.contains(u"no\\x1b[2Jpe"_s), qPrintable(e.err));
    }

    // --- #11: a folder attach reports each entry it cannot take ----------------------------------

    void folderAttachReportsEachSkippedEntry()
    {
        const QString db = freshDb();
        QCOMPARE(cli(db, {u"tenant"_s, u"create"_s, u"acme"_s}).code, 0);
        QCOMPARE(cli(db, {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}).code, 0);
        QTemporaryDir folder;
        QFile good(folder.filePath(u"good.txt"_s));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write("readable text\n");
        good.close();
        // A name that is not valid UTF-8 (Latin-1 é), a FIFO and a link to nothing.
        const QByteArray badName = QFile::encodeName(folder.path()) + "/caf\xe9.txt";
        const int fd = ::open(badName.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, "latin", 5), ssize_t(5));
        ::close(fd);
        QCOMPARE(::mkfifo(QFile::encodeName(folder.filePath(u"pipe.txt"_s)).constData(), 0600), 0);
        QVERIFY(QFile::link(folder.filePath(u"nowhere.txt"_s), folder.filePath(u"dangling.txt"_s)));

        const Run r =
            cli(db, {u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, folder.path()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"attached "_s + folder.filePath(u"good.txt"_s)), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"1 attached, 3 refused."_s), qPrintable(r.out + r.err));
        const QStringList lines = r.err.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        auto lineFor = [&](const QString &needle) {
            for (const QString &line : lines)
                if (line.contains(needle))
                    return line;
            return QString();
        };
        QVERIFY2(lineFor(u"caf"_s).contains(u"has a name that is not valid UTF-8; rename it"_s), qPrintable(r.err));
        QVERIFY2(lineFor(u"pipe.txt"_s).contains(u"is not a regular file"_s), qPrintable(r.err));
        QVERIFY2(lineFor(u"dangling.txt"_s).contains(u"is a symbolic link whose target does not exist"_s),
                 qPrintable(r.err));
        for (const QString &line : lines)
            QVERIFY2(line.startsWith(u"refused "_s), qPrintable(line));

        // The same with --json: each entry and its reason, nothing attached twice.
        const Run j = cli(
            db,
            {u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, folder.path(), u"--json"_s});
        QCOMPARE(j.code, 1);
        const QJsonArray refused = j.json()[u"refused"_s].toArray();
        QCOMPARE(refused.size(), 4); // the three entries, and good.txt whose content is already there
        QStringList reasons;
        for (const QJsonValue &v : refused)
            reasons << v[u"error"_s][u"message"_s].toString();
        QVERIFY2(reasons.join(u'\n').contains(u"not valid UTF-8"_s), qPrintable(reasons.join(u'\n')));
        ::unlink(badName.constData()); // QTemporaryDir cannot name it
    }
};

QTEST_GUILESS_MAIN(TestCliInput)
#include "tst_cli_input.moc"
