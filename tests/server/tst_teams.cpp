// A team on one database (docs/teams.md): two "machines" are two engine folders on one database
// (SQLite, and PostgreSQL as teams deploy it). Machine A makes a local store and holds its index;
// machine B must never answer from an empty index of its own (#13 defect 12): it refuses, naming
// A, until A serves the store (`vectordesk serve`, which records where), and then searches it
// through A's API with a token of its own and gets A's results.

#include "core/domain/searchrequest.h"
#include "core/ingestion/ingestor.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/session/holderclient.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/sync/syncpass.h"
#include "enginefixture.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

qint64 count(Database &db, const QString &sql)
{
    auto q = runQuery(db, sql, {}, u"counting"_s);
    if (!q || !q.value().next())
        return -1;
    return q.value().value(0).toLongLong();
}

SearchRequest query(const QString &text)
{
    auto request = SearchRequest::fromJson(QJsonObject{{u"query"_s, text}, {u"max_num_results"_s, 10}});
    return request ? request.value() : SearchRequest{};
}

} // namespace

class TestTeams : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup() { qunsetenv(HolderClient::kTokenVariable); }

    void engines_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

    void anotherMachineReachesTheHolderOrRefuses_data() { engines_data(); }
    void anotherMachineReachesTheHolderOrRefuses()
    {
        QFETCH(QString, engine);
        const QString name = u"teams_%1"_s.arg(++m_counter);
        QString urlText;
        std::unique_ptr<Database> db;
        if (engine == u"sqlite"_s) {
            db = test::freshDatabase(engine, m_dir, name);
            QVERIFY(db);
            urlText = db->url().sqlitePath;
        } else {
            QString why;
            urlText = test::freshPostgresUrl(name, &why);
            if (urlText.isEmpty())
                QSKIP(qPrintable(why));
            auto url = DatabaseUrl::parse(urlText, &why);
            QVERIFY2(url, qPrintable(why));
            db = std::make_unique<Database>(url.value());
            QVERIFY2(Database::openAndMigrate(*db, &why), qPrintable(why));
        }
        const QString rootA = m_dir.filePath(name + u"-machine-a"_s);
        const QString rootB = m_dir.filePath(name + u"-machine-b"_s);
        CoreSession a(*db, u"alice"_s, rootA);
        CoreSession b(*db, u"alice"_s, rootB);
        QVERIFY(a.service().createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        auto store = a.service().createStore(u"acme"_s, StoreDraft{u"docs"_s, u"local"_s, {}, std::nullopt, {}});
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message()));
        // The store records its holder: machine A's engine folder, by the id kept there.
        auto idA = a.backends().local().engineId();
        QVERIFY(idA);
        QCOMPARE(store->engineHolder, idA.value());
        QCOMPARE(
            count(*db, u"SELECT count(*) FROM engine_holders WHERE id = '%1' AND api_url IS NULL"_s.arg(idA.value())),
            1);

        const QStringList texts{u"The river otter eats fish and crayfish along the bank."_s,
                                u"Otters hold hands while they sleep so they do not drift apart."_s,
                                u"Granite is an igneous rock with quartz and feldspar."_s};
        for (int i = 0; i < texts.size(); ++i) {
            const QString path =
                test::writeFileAt(m_dir.filePath(u"%1/doc%2.txt"_s.arg(name).arg(i)), texts.at(i).toUtf8());
            QVERIFY(a.service().attachPath(u"acme"_s, u"docs"_s, path));
        }
        {
            // Machine B's ingestion worker leaves the files to the holder's.
            engine::Ingestor ingestorB(*db, b.backends().resolver());
            auto drained = ingestorB.drain({});
            QVERIFY(drained);
            QCOMPARE(drained->completed + drained->failed, 0);
            QVERIFY(!QFileInfo::exists(b.backends().local().indexPath(store->tenantId, store->id)));
            engine::Ingestor ingestorA(*db, a.backends().resolver());
            drained = ingestorA.drain({});
            QVERIFY(drained);
            QCOMPARE(drained->completed, 3);
        }
        auto onA = a.service().search(u"acme"_s, {u"docs"_s}, query(u"otter"_s));
        QVERIFY(onA);
        QCOMPARE(onA->data.size(), 2);

        // B without a server on A: a refusal naming A's host and folder, never "no results".
        auto refused = b.service().search(u"acme"_s, {u"docs"_s}, query(u"otter"_s));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(QSysInfo::machineHostName())
                     && refused.error().message().contains(QDir::toNativeSeparators(rootA))
                     && refused.error().message().contains(u"vectordesk serve"_s),
                 qPrintable(refused.error().message()));
        auto chunks = b.service().fileChunks(u"acme"_s, u"docs"_s, QString::number(onA->data.first().fileId), 0, -1);
        QVERIFY(!chunks);
        QVERIFY2(chunks.error().message().contains(QDir::toNativeSeparators(rootA)),
                 qPrintable(chunks.error().message()));
        QVERIFY(!QFileInfo::exists(b.backends().local().indexPath(store->tenantId, store->id)));
        // Changes are refused before anything is written.
        const QString before = test::dumpRows(*db);
        const QString extra = test::writeFileAt(m_dir.filePath(name + u"/extra.txt"_s), "otter notes");
        auto attached = b.service().attachPath(u"acme"_s, u"docs"_s, extra);
        QVERIFY(!attached);
        QVERIFY2(attached.error().message().contains(QDir::toNativeSeparators(rootA)),
                 qPrintable(attached.error().message()));
        auto detached = b.service().detachFile(u"acme"_s, u"docs"_s, QString::number(onA->data.first().fileId));
        QVERIFY(!detached);
        QCOMPARE(test::dumpRows(*db), before);

        // Both machines say who holds it.
        auto heldOnA = a.service().storeHolder(u"acme"_s, u"docs"_s);
        auto heldOnB = b.service().storeHolder(u"acme"_s, u"docs"_s);
        QVERIFY(heldOnA && heldOnA.value() && heldOnB && heldOnB.value());
        QVERIFY(heldOnA.value()->here);
        QVERIFY(!heldOnB.value()->here);
        QCOMPARE(heldOnB.value()->holder.folder, QDir::toNativeSeparators(rootA));
        QCOMPARE(heldOnB.value()->holder.host, QSysInfo::machineHostName());

        // A serves its stores: B searches through it with a token of its own.
        test::ServerProcess server(urlText);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"VECTORDESK_ENGINE_DIR"_s, rootA);
        server.process().setProcessEnvironment(environment);
        QVERIFY2(server.start(), qPrintable(server.why()));
        refused = b.service().search(u"acme"_s, {u"docs"_s}, query(u"otter"_s));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(u"token use"_s), qPrintable(refused.error().message()));
        auto token = a.service().createApiToken(u"acme"_s, u"machine-b"_s, Role::Viewer, std::nullopt);
        QVERIFY(token);
        qputenv(HolderClient::kTokenVariable, token->secret.toUtf8());
        auto onB = b.service().search(u"acme"_s, {u"docs"_s}, query(u"otter"_s));
        QVERIFY2(onB, qPrintable(onB ? QString() : onB.error().message()));
        QCOMPARE(onB->data.size(), onA->data.size());
        for (qsizetype i = 0; i < onA->data.size(); ++i) {
            QCOMPARE(onB->data.at(i).fileId, onA->data.at(i).fileId);
            QCOMPARE(onB->data.at(i).filename, onA->data.at(i).filename);
            QVERIFY(qAbs(onB->data.at(i).score - onA->data.at(i).score) < 1e-6);
            QCOMPARE(onB->data.at(i).content, onA->data.at(i).content);
            // What support staff read beside a result: the matched words and which chunks.
            QVERIFY(!onA->data.at(i).matchedTerms.isEmpty());
            QCOMPARE(onB->data.at(i).matchedTerms, onA->data.at(i).matchedTerms);
            QCOMPARE(onB->data.at(i).chunkOrdinals, onA->data.at(i).chunkOrdinals);
        }
        // Still nothing of the store in B's engine folder.
        QVERIFY(!QFileInfo::exists(b.backends().local().indexPath(store->tenantId, store->id)));

        // Changes from B go to A whole. A viewer token may search but not change: A refuses, and B
        // says who refused; nothing is written.
        const QString beforeViewer = test::dumpRows(*db);
        auto viewerAttach = b.service().attachPath(u"acme"_s, u"docs"_s, extra, {{u"topic"_s, u"otters"_s}});
        QVERIFY(!viewerAttach);
        QVERIFY2(viewerAttach.error().message().contains(u"which holds its index"_s)
                     && viewerAttach.error().kind() == ServiceError::Kind::PermissionDenied,
                 qPrintable(viewerAttach.error().message()));
        QCOMPARE(test::dumpRows(*db), beforeViewer);
        auto editor = a.service().createApiToken(u"acme"_s, u"machine-b-editor"_s, Role::Editor, std::nullopt);
        QVERIFY(editor);
        qputenv(HolderClient::kTokenVariable, editor->secret.toUtf8());

        // Attach from B: the bytes go to A, whose worker ingests them; B then finds them.
        auto fromB = b.service().attachPath(u"acme"_s, u"docs"_s, extra, {{u"topic"_s, u"otters"_s}});
        QVERIFY2(fromB, qPrintable(fromB ? QString() : fromB.error().message()));
        QCOMPARE(fromB->filename, u"extra.txt"_s);
        QCOMPARE(fromB->attributes.value(u"topic"_s).toString(), u"otters"_s);
        const QString extraRef = QString::number(fromB->id);
        QTRY_VERIFY_WITH_TIMEOUT(b.service().file(u"acme"_s, u"docs"_s, extraRef)->status == FileStatus::Completed,
                                 60000);
        auto withExtra = b.service().search(u"acme"_s, {u"docs"_s}, query(u"otter notes"_s));
        QVERIFY2(withExtra, qPrintable(withExtra ? QString() : withExtra.error().message()));
        QCOMPARE(withExtra->data.size(), 3);
        QCOMPARE(withExtra->data.first().fileId, fromB->id);
        QVERIFY(!QFileInfo::exists(b.backends().local().indexPath(store->tenantId, store->id)));

        // Chunks read on B are A's, ordinal for ordinal.
        auto chunksOnA = a.service().fileChunks(u"acme"_s, u"docs"_s, extraRef, 0, -1);
        QVERIFY(chunksOnA);
        QVERIFY(!chunksOnA->isEmpty());
        auto chunksOnB = b.service().fileChunks(u"acme"_s, u"docs"_s, extraRef, 0, -1);
        QVERIFY2(chunksOnB, qPrintable(chunksOnB ? QString() : chunksOnB.error().message()));
        QCOMPARE(chunksOnB->size(), chunksOnA->size());
        for (qsizetype i = 0; i < chunksOnA->size(); ++i) {
            QCOMPARE(chunksOnB->at(i).ordinal, chunksOnA->at(i).ordinal);
            QCOMPARE(chunksOnB->at(i).tokenCount, chunksOnA->at(i).tokenCount);
            QCOMPARE(chunksOnB->at(i).text, chunksOnA->at(i).text);
        }

        // Attributes set on B filter searches on both machines.
        QVERIFY(b.service().setFileAttributes(u"acme"_s, u"docs"_s, extraRef, {{u"topic"_s, u"rivers"_s}}));
        auto filtered = SearchRequest::fromJson(QJsonObject{
            {u"query"_s, u"otter"_s},
            {u"filters"_s, QJsonObject{{u"type"_s, u"eq"_s}, {u"key"_s, u"topic"_s}, {u"value"_s, u"rivers"_s}}}});
        QVERIFY(filtered);
        for (CoreSession *machine : {&a, &b}) {
            auto hits = machine->service().search(u"acme"_s, {u"docs"_s}, filtered.value());
            QVERIFY2(hits, qPrintable(hits ? QString() : hits.error().message()));
            QCOMPARE(hits->data.size(), 1);
            QCOMPARE(hits->data.first().fileId, fromB->id);
        }

        // Detach and restore from B: gone from A's index and back, with its chunks.
        QVERIFY(b.service().detachFile(u"acme"_s, u"docs"_s, extraRef));
        auto afterDetach = a.service().search(u"acme"_s, {u"docs"_s}, query(u"otter notes"_s));
        QVERIFY(afterDetach);
        QCOMPARE(afterDetach->data.size(), 2);
        auto restored = b.service().restoreFile(u"acme"_s, u"docs"_s, extraRef);
        QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().message()));
        QVERIFY(!restored->deletedAt);
        auto afterRestore = b.service().search(u"acme"_s, {u"docs"_s}, query(u"otter notes"_s));
        QVERIFY(afterRestore);
        QCOMPARE(afterRestore->data.size(), 3);
        QCOMPARE(afterRestore->data.first().fileId, fromB->id);

        // A stopped serving: B says so instead of trying, or answering empty.
        QCOMPARE(server.stop(), 0);
        const QString beforeStopped = test::dumpRows(*db);
        auto notServed = b.service().detachFile(u"acme"_s, u"docs"_s, extraRef);
        QVERIFY(!notServed);
        QVERIFY2(notServed.error().message().contains(u"does not serve"_s), qPrintable(notServed.error().message()));
        QCOMPARE(test::dumpRows(*db), beforeStopped);
        refused = b.service().search(u"acme"_s, {u"docs"_s}, query(u"otter"_s));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().contains(u"does not serve"_s), qPrintable(refused.error().message()));

        // A purge is the holder's: B's sync pass leaves the detached file to A's, without failing.
        const qint64 detachedId = onA->data.first().fileId;
        QVERIFY(a.service().detachFile(u"acme"_s, u"docs"_s, QString::number(detachedId)));
        const QString remaining = u"SELECT count(*) FROM vector_store_files WHERE id = %1"_s.arg(detachedId);
        SyncOptions options;
        options.retentionMs = 0;
        SyncPass passB(*db, b.backends().resolver(), options);
        auto reportB = passB.run({});
        QVERIFY2(reportB, qPrintable(reportB ? QString() : reportB.error().message()));
        QCOMPARE(reportB->failures(), 0);
        QCOMPARE(count(*db, remaining), 1);
        SyncPass passA(*db, a.backends().resolver(), options);
        auto reportA = passA.run({});
        QVERIFY(reportA);
        QCOMPARE(reportA->failures(), 0);
        QCOMPARE(count(*db, remaining), 0);

        // A deleted tenant: B purges none of A's stores and keeps the tenant; A purges both.
        QVERIFY(a.service().deleteTenant(u"acme"_s));
        const QString tenantRows = u"SELECT count(*) FROM tenants WHERE slug = 'acme'"_s;
        const QString storeRows = u"SELECT count(*) FROM vector_stores WHERE id = %1"_s.arg(store->id);
        reportB = passB.run({});
        QVERIFY(reportB);
        QCOMPARE(reportB->failures(), 0);
        QCOMPARE(count(*db, tenantRows), 1);
        QCOMPARE(count(*db, storeRows), 1);
        reportA = passA.run({});
        QVERIFY(reportA);
        QCOMPARE(reportA->failures(), 0);
        QCOMPARE(count(*db, tenantRows), 0);
        QCOMPARE(count(*db, storeRows), 0);
        QVERIFY(!QFileInfo::exists(a.backends().local().indexPath(store->tenantId, store->id)));
    }

    // `vectordesk token use` keeps a token checked against the database, in a 0600 file, and the
    // holder client reads it from there.
    void tokenUseKeepsAVerifiedTokenInAPrivateFile()
    {
        const QString name = u"teams_%1"_s.arg(++m_counter);
        auto db = test::freshDatabase(u"sqlite"_s, m_dir, name);
        QVERIFY(db);
        CoreSession a(*db, u"alice"_s, m_dir.filePath(name + u"-engine"_s));
        QVERIFY(a.service().createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(a.service().createTenant({u"beta"_s, {}, u"pro"_s, u"local"_s}));
        auto token = a.service().createApiToken(u"acme"_s, u"laptop"_s, Role::Editor, std::nullopt);
        QVERIFY(token);
        const QString config = m_dir.filePath(name + u"-config"_s);
        const auto use = [&](const QString &tenant, const QByteArray &secret, QString *output) {
            QProcess cli;
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(u"XDG_CONFIG_HOME"_s, config);
            cli.setProcessEnvironment(environment);
            cli.setProcessChannelMode(QProcess::MergedChannels);
            cli.start(qEnvironmentVariable("VECTORDESK_BINARY"),
                      {u"token"_s, u"use"_s, u"--tenant"_s, tenant, u"--db"_s, db->url().sqlitePath});
            cli.write(secret);
            cli.closeWriteChannel();
            cli.waitForFinished(30000);
            *output = QString::fromUtf8(cli.readAll());
            return cli.exitCode();
        };
        QString output;
        const QString file = config + u"/VectorDesk/api-tokens/acme"_s;
        QVERIFY(use(u"acme"_s, "vdk_not-a-real-token", &output) != 0);
        QVERIFY(!QFileInfo::exists(file));
        QVERIFY(use(u"beta"_s, token->secret.toUtf8(), &output) != 0);
        QVERIFY2(output.contains(u"belongs to tenant acme"_s), qPrintable(output));
        QVERIFY(!QFileInfo::exists(file));
        QCOMPARE(use(u"acme"_s, token->secret.toUtf8(), &output), 0);
        QVERIFY2(output.contains(u"laptop"_s), qPrintable(output));
        QCOMPARE(QFileInfo(file).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);
        const QByteArray savedConfig = qgetenv("XDG_CONFIG_HOME");
        qputenv("XDG_CONFIG_HOME", config.toUtf8());
        auto read = HolderClient::token(u"acme"_s);
        qputenv("XDG_CONFIG_HOME", savedConfig);
        QVERIFY2(read, qPrintable(read ? QString() : read.error().message()));
        QCOMPARE(read.value(), token->secret);
    }
};

QTEST_GUILESS_MAIN(TestTeams)
#include "tst_teams.moc"
