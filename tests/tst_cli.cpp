// The headless commands, run in-process through vd::cli::run with captured streams, against a
// temporary SQLite file and the fixture's PostgreSQL server; plus the real binary end to end.

#include "cli/cli.h"
#include "core/storage/database.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

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

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    Run cli(const QString &db, QStringList arguments, const QString &as = u"alice"_s, QIODevice *in = nullptr)
    {
        Run run;
        QTextStream out(&run.out);
        QTextStream err(&run.err);
        arguments.prepend(u"vectordesk"_s);
        if (!db.isEmpty())
            arguments << u"--db"_s << db;
        if (!as.isEmpty())
            arguments << u"--as"_s << as;
        run.code = cli::run(arguments, {out, err, in});
        out.flush();
        err.flush();
        return run;
    }

    QString freshDb(const QString &engine)
    {
        const QString name = u"cli_%1"_s.arg(++m_counter);
        if (engine == u"sqlite"_s)
            return m_dir.filePath(name + u".sqlite"_s);
        QString why;
        const QString url = test::freshPostgresUrl(name, &why);
        if (url.isEmpty())
            qWarning().noquote() << why;
        return url;
    }

    QString dump(const QString &location)
    {
        QString error;
        Database db(*DatabaseUrl::parse(location, &error));
        if (!db.open(&error))
            return u"cannot open: "_s + error;
        return test::dumpRows(db);
    }

    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

private slots:
    void acceptanceFlow_data() { engines(); }
    void acceptanceFlow()
    {
        QFETCH(QString, engine);
        const QString db = freshDb(engine);
        QVERIFY(!db.isEmpty());
        Run r = cli(db, {u"tenant"_s, u"create"_s, u"acme"_s, u"--json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.json().value(u"object"_s).toString(), u"tenant"_s);
        QCOMPARE(r.json().value(u"slug"_s).toString(), u"acme"_s);
        QCOMPARE(r.json().value(u"role"_s).toString(), u"owner"_s);

        r = cli(db, {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s, u"--json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.json().value(u"object"_s).toString(), u"vector_store"_s);
        QCOMPARE(r.json().value(u"name"_s).toString(), u"docs"_s);
        QCOMPARE(r.json().value(u"backend"_s).toString(), u"local"_s);
        QCOMPARE(r.json().value(u"is_primary"_s).toBool(), true);
        QCOMPARE(r.json().value(u"file_counts"_s).toObject().value(u"total"_s).toInt(), 0);

        r = cli(db, {u"store"_s, u"list"_s, u"--tenant"_s, u"acme"_s, u"--json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.json().value(u"object"_s).toString(), u"list"_s);
        const QJsonArray data = r.json().value(u"data"_s).toArray();
        QCOMPARE(data.size(), 1);
        QCOMPARE(data.first().toObject().value(u"name"_s).toString(), u"docs"_s);

        // Plain text for people.
        r = cli(db, {u"store"_s, u"list"_s, u"--tenant"_s, u"acme"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"docs *"_s) && r.out.contains(u"(* primary store)"_s), qPrintable(r.out));
    }

    void badInputIsRefusedAndChangesNothing_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString attr600 = u"{\"note\": \"%1\"}"_s.arg(QString(600, u'x'));
        QString meta17 = u"{"_s;
        for (int i = 0; i < 17; ++i)
            meta17 += u"\"k%1\": \"v\"%2"_s.arg(i).arg(i < 16 ? u","_s : u"}"_s);
        const QList<std::tuple<const char *, QStringList, int, QString>> rows = {
            {"unknown tenant", {u"store"_s, u"list"_s, u"--tenant"_s, u"nope"_s}, 1, u"No tenant 'nope'"_s},
            {"duplicate store name",
             {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"Docs"_s},
             1,
             u"already has a store named 'Docs'"_s},
            {"metadata with 17 keys",
             {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"m"_s, u"--metadata"_s, meta17},
             1,
             u"Metadata has 17 keys; at most 16 are allowed"_s},
            {"attribute value of 600 chars",
             {u"file"_s, u"set-attributes"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"1"_s, attr600},
             1,
             u"Attributes value of 'note' is 600 characters long; at most 512"_s},
            {"expiry of 0 days",
             {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"e"_s, u"--expires-after-days"_s, u"0"_s},
             1,
             u"Expiry of 0 days is out of range; use 1 to 365 days"_s},
            {"expiry of 366 days",
             {u"store"_s, u"update"_s, u"--tenant"_s, u"acme"_s, u"docs"_s, u"--expires-after-days"_s, u"366"_s},
             1,
             u"Expiry of 366 days is out of range"_s},
            {"store chunks of 5000 tokens",
             {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"c"_s, u"--chunk-size"_s, u"5000"_s,
              u"--chunk-overlap"_s, u"0"_s},
             1,
             u"max_chunk_size_tokens 5000 is out of range; use 100 to 4096"_s},
            {"auto and static chunking together",
             {u"store"_s, u"update"_s, u"--tenant"_s, u"acme"_s, u"docs"_s, u"--auto-chunking"_s, u"--chunk-size"_s,
              u"200"_s, u"--chunk-overlap"_s, u"0"_s},
             2,
             u"Give either --auto-chunking or --chunk-size with --chunk-overlap, not both"_s},
            {"metadata that is not JSON",
             {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"m"_s, u"--metadata"_s, u"{team: x}"_s},
             2,
             u"Metadata is not valid JSON"_s},
            {"metadata that is a list",
             {u"store"_s, u"update"_s, u"--tenant"_s, u"acme"_s, u"docs"_s, u"--metadata"_s, u"[1]"_s},
             2,
             u"Metadata must be a JSON object"_s},
            {"filter that is not JSON",
             {u"search"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"--filter"_s, u"{type: eq}"_s,
              u"contract"_s},
             2,
             u"--filter is not valid JSON"_s},
            {"a filter with an unknown operator (well-formed, refused by the service)",
             {u"search"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"--filter"_s,
              u"{\"type\": \"like\", \"key\": \"a\", \"value\": \"b\"}"_s, u"contract"_s},
             1,
             u"like"_s},
            {"an unknown backend (well-formed, refused by the service)",
             {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"b"_s, u"--backend"_s, u"pinecone"_s},
             1,
             u"pinecone"_s},
            {"missing --tenant", {u"store"_s, u"list"_s}, 2, u"Name the tenant with --tenant SLUG"_s},
            {"unknown command", {u"stores"_s, u"list"_s}, 2, u"Unknown command 'stores list'"_s},
            {"unknown option", {u"store"_s, u"list"_s, u"--tenant"_s, u"acme"_s, u"--colour"_s}, 2, u"colour"_s},
            {"missing argument", {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s}, 2, u"needs NAME"_s},
            {"bad role",
             {u"member"_s, u"add"_s, u"--tenant"_s, u"acme"_s, u"bob"_s, u"--role"_s, u"god"_s},
             2,
             u"--role must be viewer, editor, admin or owner"_s},
            {"viewer deletes a store",
             {u"store"_s, u"delete"_s, u"--tenant"_s, u"acme"_s, u"docs"_s, u"--as"_s, u"vic"_s},
             1,
             u"Deleting a store needs the admin role in tenant acme; vic is viewer"_s},
        };
        for (const QString &engine : {u"sqlite"_s, u"postgresql"_s})
            for (const auto &[name, args, code, message] : rows)
                QTest::addRow("%s: %s", qPrintable(engine), name) << engine << args << code << message;
    }

    void badInputIsRefusedAndChangesNothing()
    {
        QFETCH(QString, engine);
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QString, message);
        const QString db = freshDb(engine);
        QVERIFY(!db.isEmpty());
        QCOMPARE(cli(db, {u"tenant"_s, u"create"_s, u"acme"_s}).code, 0);
        QCOMPARE(cli(db, {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}).code, 0);
        QCOMPARE(cli(db, {u"member"_s, u"add"_s, u"--tenant"_s, u"acme"_s, u"vic"_s, u"--role"_s, u"viewer"_s}).code,
                 0);
        const QString path = m_dir.filePath(u"a%1.txt"_s.arg(m_counter));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("contract text\n");
        file.close();
        QCOMPARE(cli(db, {u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, path}).code, 0);

        const QString before = dump(db);
        const bool hasAs = arguments.contains(u"--as"_s);
        const Run r = cli(db, arguments, hasAs ? QString() : u"alice"_s);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(u"vectordesk: "_s), 1);
        QCOMPARE(dump(db), before);

        // The same refusal as JSON names a stable code.
        const Run j = cli(db, arguments + QStringList{u"--json"_s}, hasAs ? QString() : u"alice"_s);
        QCOMPARE(j.code, code);
        const QJsonObject error = j.json().value(u"error"_s).toObject();
        QVERIFY2(!error.value(u"code"_s).toString().isEmpty(), qPrintable(j.out));
        QVERIFY(error.value(u"message"_s).toString().contains(message));
        QCOMPARE(dump(db), before);
    }

    // vectordesk init: the first tenant and store from flags or answers; run again, it keeps
    // them; answers that stop early or a bad slug create nothing.
    void initSetsUpTheFirstTenantAndStoreOnce_data() { engines(); }
    void initSetsUpTheFirstTenantAndStoreOnce()
    {
        QFETCH(QString, engine);
        const QString db = freshDb(engine);
        QVERIFY(!db.isEmpty());
        const QStringList flags{u"init"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"contracts"_s, u"--yes"_s};
        Run r = cli(db, flags + QStringList{u"--json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.json().value(u"object"_s).toString(), u"init"_s);
        QVERIFY(r.json().value(u"tenant_created"_s).toBool());
        QVERIFY(r.json().value(u"store_created"_s).toBool());
        QCOMPARE(r.json().value(u"store"_s).toObject().value(u"name"_s).toString(), u"contracts"_s);
        QVERIFY(r.json().value(u"store"_s).toObject().value(u"is_primary"_s).toBool());
        const QString once = dump(db);

        r = cli(db, flags);
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.out.contains(u"already there, kept"_s), qPrintable(r.out));
        QVERIFY(r.out.contains(u"vectordesk file attach --tenant acme --store contracts"_s));
        QCOMPARE(dump(db), once);

        // Answers, one per line: slug, display name, backend (Enter keeps local), store.
        QBuffer answers;
        answers.setData("beta\nBeta Corp\n\nhandbook\n");
        QVERIFY(answers.open(QIODevice::ReadOnly));
        r = cli(db, {u"init"_s, u"--interactive"_s}, u"alice"_s, &answers);
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QVERIFY2(r.err.contains(u"First vector store [docs]"_s), qPrintable(r.err));
        r = cli(db, {u"store"_s, u"show"_s, u"--tenant"_s, u"beta"_s, u"handbook"_s, u"--json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.json().value(u"backend"_s).toString(), u"local"_s);
        QCOMPARE(cli(db, {u"tenant"_s, u"show"_s, u"beta"_s, u"--json"_s}).json().value(u"display_name"_s).toString(),
                 u"Beta Corp"_s);
        const QString twice = dump(db);

        QBuffer cut;
        cut.setData("gamma\n");
        QVERIFY(cut.open(QIODevice::ReadOnly));
        r = cli(db, {u"init"_s, u"--interactive"_s}, u"alice"_s, &cut);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"nothing was created"_s), qPrintable(r.err));
        r = cli(db, {u"init"_s, u"--tenant"_s, u"Bad Slug!"_s, u"--yes"_s});
        QCOMPARE(r.code, 1);
        r = cli(db, {u"init"_s, u"--tenant"_s, u"newco"_s, u"--store"_s, u"2024"_s, u"--yes"_s});
        QCOMPARE(r.code, 1); // an all-digit store name; the tenant is not created either
        QVERIFY2(r.err.contains(u"all digits"_s), qPrintable(r.err));
        QCOMPARE(dump(db), twice);

        // Without flags: a tenant named after the operator, a store "docs".
        r = cli(db, {u"init"_s, u"--yes"_s, u"--json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.json().value(u"tenant"_s).toObject().value(u"slug"_s).toString(), u"alice"_s);
        QCOMPARE(r.json().value(u"store"_s).toObject().value(u"name"_s).toString(), u"docs"_s);
    }

    void malformedDatabaseUrlIsAUsageError()
    {
        const Run r = cli(u"postgresql://bob@host:notaport/db"_s, {u"tenant"_s, u"list"_s});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"Malformed database URL"_s), qPrintable(r.err));
        const Run s = cli(u"mysql://bob@host/db"_s, {u"tenant"_s, u"list"_s});
        QCOMPARE(s.code, 2);
        QVERIFY(s.err.contains(u"Unsupported database type 'mysql'"_s));
    }

    void unreachableOrRefusingServerGivesOneLine()
    {
        const Run refused = cli(u"postgresql://bob:pw@127.0.0.1:1/vd?connect_timeout=2"_s, {u"tenant"_s, u"list"_s});
        QCOMPARE(refused.code, 1);
        QCOMPARE(refused.err.trimmed().count(u'\n'), 0);
        QVERIFY2(refused.err.contains(u"127.0.0.1:1"_s) && refused.err.contains(u"connection refused"_s),
                 qPrintable(refused.err));

        QString tcp = test::postgresTcpUrl();
        if (tcp.isEmpty())
            QSKIP("no PostgreSQL fixture");
        tcp.replace(u":vectordesk-test@"_s, u":wrong-password@"_s);
        const Run badPassword = cli(tcp, {u"tenant"_s, u"list"_s});
        QCOMPARE(badPassword.code, 1);
        QCOMPARE(badPassword.err.trimmed().count(u'\n'), 0);
        QVERIFY2(badPassword.err.contains(u"127.0.0.1"_s)
                     && badPassword.err.contains(u"password for user postgres was rejected"_s),
                 qPrintable(badPassword.err));
        QVERIFY(!badPassword.err.contains(u"wrong-password"_s));
    }

    void attachReportsEachRefusedFile()
    {
        const QString db = freshDb(u"sqlite"_s);
        QCOMPARE(cli(db, {u"tenant"_s, u"create"_s, u"acme"_s}).code, 0);
        QCOMPARE(cli(db, {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}).code, 0);
        QTemporaryDir folder;
        const QList<std::pair<QString, QByteArray>> files = {
            {u"a.txt"_s, "alpha"}, {u"sub/b.md"_s, "# beta"}, {u"logo.png"_s, "\x89PNG"}, {u"copy.txt"_s, "alpha"}};
        QDir().mkpath(folder.filePath(u"sub"_s));
        for (const auto &[name, content] : files) {
            QFile f(folder.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        const Run r = cli(db,
                          {u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, folder.path(),
                           folder.filePath(u"missing.txt"_s), u"--json"_s});
        QCOMPARE(r.code, 1);
        const QJsonObject result = r.json();
        QCOMPARE(result.value(u"data"_s).toArray().size(), 2);
        const QJsonArray refused = result.value(u"refused"_s).toArray();
        QCOMPARE(refused.size(), 3);
        QStringList reasons;
        for (const QJsonValue &v : refused)
            reasons << v.toObject().value(u"error"_s).toObject().value(u"message"_s).toString();
        const QString all = reasons.join(u'\n');
        QVERIFY2(all.contains(u"missing.txt does not exist"_s), qPrintable(all));
        QVERIFY2(all.contains(u"not a supported file type (.png)"_s), qPrintable(all));
        QVERIFY2(all.contains(u"already has this content as 'a.txt'"_s), qPrintable(all));
    }

    void attachWaitSearchAndChunks()
    {
        const QString db = freshDb(u"sqlite"_s);
        QCOMPARE(cli(db, {u"tenant"_s, u"create"_s, u"acme"_s, u"--plan"_s, u"pro"_s}).code, 0);
        QCOMPARE(cli(db, {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s}).code, 0);
        QTemporaryDir folder;
        QFile good(folder.filePath(u"wing flutter.md"_s));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write("# Wing flutter\n\nFlutter of swept wings was measured at transonic speeds in 1958.\n");
        good.close();
        QFile empty(folder.filePath(u"empty.txt"_s));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();

        Run r = cli(db,
                    {u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, folder.path(),
                     u"--attributes"_s, u"{\"year\": 1958}"_s, u"--wait"_s, u"--json"_s});
        QCOMPARE(r.code, 1); // the empty file is refused before anything is written (AttachPolicy)
        const QJsonArray refusedEmpty = r.json().value(u"refused"_s).toArray();
        QCOMPARE(refusedEmpty.size(), 1);
        QCOMPARE(refusedEmpty.first()
                     .toObject()
                     .value(u"error"_s)
                     .toObject()
                     .value(u"details"_s)
                     .toObject()
                     .value(u"reason"_s),
                 QJsonValue(u"empty_file"_s));
        const QJsonArray ingested = r.json().value(u"ingested"_s).toArray();
        QCOMPARE(ingested.size(), 1);
        QStringList outcomes;
        for (const QJsonValue &v : ingested)
            outcomes << v.toObject().value(u"filename"_s).toString() + u": "_s
                    + v.toObject().value(u"status"_s).toString();
        outcomes.sort();
        QCOMPARE(outcomes, (QStringList{u"wing flutter.md: completed"_s}));

        r = cli(db,
                {u"search"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"transonic"_s, u"flutter"_s,
                 u"--filter"_s, u"{\"type\":\"eq\",\"key\":\"year\",\"value\":1958}"_s, u"--json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.json().value(u"object"_s).toString(), u"vector_store.search_results.page"_s);
        const QJsonArray data = r.json().value(u"data"_s).toArray();
        QCOMPARE(data.size(), 1);
        const QJsonObject hit = data.first().toObject();
        QCOMPARE(hit.value(u"filename"_s).toString(), u"wing flutter.md"_s);
        QVERIFY(hit.value(u"score"_s).toDouble() > 0 && hit.value(u"score"_s).toDouble() <= 1);
        QVERIFY(
            hit.value(u"content"_s).toArray().first().toObject().value(u"text"_s).toString().contains(u"transonic"_s));
        // The words of the text the query matched, as the window shows them.
        QStringList matched;
        for (const QJsonValue &v : hit.value(u"matched_terms"_s).toArray())
            matched << v.toString().toLower();
        QVERIFY2(matched.contains(u"flutter"_s) && matched.contains(u"transonic"_s), qPrintable(matched.join(u',')));

        r = cli(db,
                {u"search"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, u"flutter"_s, u"--max"_s, u"51"_s});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(u"from 1 to 50"_s));

        const QString fileId = hit.value(u"file_id"_s).toString();
        r = cli(db, {u"file"_s, u"chunks"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, fileId, u"--json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonArray chunks = r.json().value(u"data"_s).toArray();
        QCOMPARE(chunks.size(), 1);
        QVERIFY(chunks.first().toObject().value(u"token_count"_s).toInt() > 10);
        QCOMPARE(chunks.first().toObject().value(u"start_offset"_s).toInt(), 0);
    }

    void storeChunkingAppliesToItsFiles()
    {
        const QString db = freshDb(u"sqlite"_s);
        QCOMPARE(cli(db, {u"tenant"_s, u"create"_s, u"acme"_s, u"--plan"_s, u"pro"_s}).code, 0);
        Run r = cli(db,
                    {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s, u"--chunk-size"_s, u"100"_s,
                     u"--chunk-overlap"_s, u"0"_s, u"--json"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        QCOMPARE(r.json()[u"chunking_strategy"_s][u"type"_s].toString(), u"static"_s);
        QCOMPARE(r.json()[u"chunking_strategy"_s][u"static"_s][u"max_chunk_size_tokens"_s].toInt(), 100);
        QTemporaryDir folder;
        QString text;
        for (int i = 0; i < 40; ++i)
            text += u"Sentence %1 says that the wing flutters at transonic speed. "_s.arg(i);
        for (const QString &name : {u"store.txt"_s, u"own.txt"_s}) {
            QFile f(folder.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write((name + u": "_s + text).toUtf8());
        }
        // Without a chunking option the file takes the store's; --auto-chunking overrides it.
        r = cli(db,
                {u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s,
                 folder.filePath(u"store.txt"_s), u"--wait"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        r = cli(db,
                {u"file"_s, u"attach"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s,
                 folder.filePath(u"own.txt"_s), u"--auto-chunking"_s, u"--wait"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
        auto chunksOf = [&](const QString &id) {
            return cli(db, {u"file"_s, u"chunks"_s, u"--tenant"_s, u"acme"_s, u"--store"_s, u"docs"_s, id, u"--json"_s})
                .json()
                .value(u"data"_s)
                .toArray();
        };
        const QJsonArray fixed = chunksOf(u"1"_s);
        QVERIFY2(fixed.size() >= 4, qPrintable(QString::number(fixed.size())));
        for (const QJsonValue &chunk : fixed)
            QVERIFY(chunk[u"token_count"_s].toInt() <= 100);
        const QJsonArray automatic = chunksOf(u"2"_s);
        QCOMPARE(automatic.size(), 1);
        QVERIFY(automatic.first()[u"token_count"_s].toInt() > 300);

        r = cli(db, {u"store"_s, u"show"_s, u"--tenant"_s, u"acme"_s, u"docs"_s});
        QVERIFY2(r.out.contains(u"chunking: static (100 tokens, 0 overlap), for files attached without their own"_s),
                 qPrintable(r.out));
    }

    void helpAndVersion()
    {
        Run r = cli(QString(), {u"--version"_s}, QString());
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), u"vectordesk "_s + QStringLiteral(VECTORDESK_VERSION));
        r = cli(QString(), {u"--help"_s}, QString());
        QCOMPARE(r.code, 0);
        for (const QString &command :
             {u"tenant create"_s, u"store purge"_s, u"file attach"_s, u"member add"_s, u"migrate"_s})
            QVERIFY2(r.out.contains(command), qPrintable(command));
        r = cli(QString(), {u"store"_s, u"create"_s, u"--help"_s}, QString());
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"--expires-after-days"_s));
    }

    void isHeadlessChoosesTheFrontEnd()
    {
        QVERIFY(!cli::isHeadless({}));
        QVERIFY(!cli::isHeadless({u"--db"_s, u"/tmp/x.sqlite"_s}));
        QVERIFY(!cli::isHeadless({u"-platform"_s, u"offscreen"_s, u"--as"_s, u"bob"_s}));
        QVERIFY(cli::isHeadless({u"tenant"_s, u"list"_s}));
        QVERIFY(cli::isHeadless({u"--db"_s, u"/tmp/x.sqlite"_s, u"migrate"_s}));
        QVERIFY(cli::isHeadless({u"--version"_s}));
        QVERIFY(cli::isHeadless({u"--bogus"_s}));
    }

    void migrateReportsTheSchema()
    {
        const QString db = freshDb(u"sqlite"_s);
        Run r = cli(db, {u"migrate"_s, u"--status"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"version"_s).toInt(), 0);
        QVERIFY(r.json().value(u"pending"_s).toArray().size() >= 3);
        r = cli(db, {u"migrate"_s, u"--json"_s});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.json().value(u"version"_s).toInt(), r.json().value(u"latest"_s).toInt());
        QVERIFY(r.json().value(u"pending"_s).toArray().isEmpty());
        r = cli(db, {u"migrate"_s, u"--json"_s});
        QVERIFY(r.json().value(u"applied_now"_s).toArray().isEmpty());
        // `--status` last on the line, as docs/runbook.md shows it: a flag of migrate, though
        // `file list --status S` takes a value (the first parse refused it as missing its value).
        r = cli(QString(), {u"--db"_s, db, u"migrate"_s, u"--status"_s}, QString());
        QVERIFY2(r.code == 0 && r.out.contains(u"schema version"_s), qPrintable(r.err));
        r = cli(QString(),
                {u"--db"_s, db, u"file"_s, u"list"_s, u"--tenant"_s, u"x"_s, u"--store"_s, u"y"_s, u"--status"_s},
                QString());
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"Missing value after '--status'. (in 'vectordesk file list')"_s), qPrintable(r.err));
    }

    void logJsonWritesLinesWithoutSecrets()
    {
        // Over TCP with a password, on a fresh database, so the password could leak if anything logged it.
        QString db = test::postgresTcpUrl();
        if (db.isEmpty()) {
            db = freshDb(u"sqlite"_s);
        } else {
            QString why;
            QVERIFY2(!test::freshPostgresUrl(u"cli_logged"_s, &why).isEmpty(), qPrintable(why));
            db.replace(u"/vectordesk_test"_s, u"/cli_logged"_s);
        }
        const QString logPath = m_dir.filePath(u"log.jsonl"_s);
        cli(db, {u"tenant"_s, u"create"_s, u"logged"_s, u"--log-json"_s, logPath});
        QFile log(logPath);
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray content = log.readAll();
        QVERIFY(!content.isEmpty());
        QVERIFY(!content.contains("vectordesk-test")); // the fixture's password
        bool sawTenant = false;
        for (const QByteArray &line : content.split('\n')) {
            if (line.isEmpty())
                continue;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QVERIFY2(!o.isEmpty(), line.constData());
            for (const char *key : {"time", "level", "category", "message"})
                QVERIFY2(o.contains(QLatin1String(key)), line.constData());
            QVERIFY(o.value(u"request_id"_s).toString().startsWith(u"req_"_s));
            sawTenant = sawTenant || o.value(u"tenant"_s).toString() == u"logged"_s;
        }
        QVERIFY(sawTenant);
    }

    void realBinaryRunsHeadless()
    {
        const QString binary = qEnvironmentVariable("VECTORDESK_BINARY");
        if (binary.isEmpty())
            QSKIP("VECTORDESK_BINARY not set (run through ctest)");
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        env.insert(u"QT_QPA_PLATFORM"_s, u"minimal"_s);
        p.setProcessEnvironment(env);
        const QString db = m_dir.filePath(u"binary.sqlite"_s);
        p.start(binary, {u"--version"_s});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("vectordesk "));
        p.start(binary, {u"tenant"_s, u"create"_s, u"acme"_s, u"--db"_s, db, u"--json"_s});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QJsonDocument::fromJson(p.readAllStandardOutput()).object().value(u"slug"_s).toString(), u"acme"_s);
        p.start(binary, {u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"docs"_s, u"--db"_s, db, u"--json"_s});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        p.start(binary, {u"store"_s, u"list"_s, u"--tenant"_s, u"acme"_s, u"--db"_s, db, u"--json"_s});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QJsonDocument::fromJson(p.readAllStandardOutput()).object().value(u"data"_s).toArray().size(), 1);
        p.start(binary, {u"store"_s, u"list"_s, u"--tenant"_s, u"nope"_s, u"--db"_s, db});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1);
        p.start(binary, {u"frobnicate"_s});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
