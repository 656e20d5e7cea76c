// Migrations on SQLite and on a real PostgreSQL 15 server (the ctest "postgres" fixture):
// fresh apply, idempotent re-run, upgrade from every historic version with data, refusal of
// newer and changed schemas, equivalent schemas and constraints on both engines.

#include "core/storage/database.h"
#include "core/storage/migrator.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

bool exec(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql)) {
        qWarning().noquote() << "SQL failed:" << sql << q.lastError().text();
        return false;
    }
    return true;
}

} // namespace

class TestMigrator : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    // A fresh database of the given engine; skips when PostgreSQL is unavailable outside ctest.
    std::unique_ptr<Database> fresh(const QString &engine)
    {
        const QString name = u"migr_%1"_s.arg(++m_counter);
        std::optional<DatabaseUrl> url;
        if (engine == u"sqlite"_s) {
            url = test::sqliteIn(m_dir, name + u".sqlite"_s);
        } else {
            QString why;
            url = test::freshPostgres(name, &why);
            if (!url) {
                qWarning().noquote() << why;
                return nullptr;
            }
        }
        auto db = std::make_unique<Database>(*url);
        QString error;
        if (!db->open(&error)) {
            qWarning().noquote() << error;
            return nullptr;
        }
        return db;
    }

    void addEngines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

private slots:
    void freshDatabaseGetsEveryMigration_data() { addEngines(); }
    void freshDatabaseGetsEveryMigration()
    {
        QFETCH(QString, engine);
        auto db = fresh(engine);
        QVERIFY(db);
        Migrator migrator(*db);
        QVERIFY(migrator.latestVersion() >= 3);
        QString error;
        QStringList applied;
        QVERIFY2(migrator.migrate(&error, -1, &applied), qPrintable(error));
        QCOMPARE(applied.size(), migrator.latestVersion());
        QList<AppliedMigration> rows;
        QVERIFY(migrator.applied(&rows, &error));
        QCOMPARE(rows.size(), migrator.latestVersion());
        for (const AppliedMigration &row : rows)
            QCOMPARE(row.checksum, migrator.available().at(row.version - 1).checksum);
        const QStringList tables = db->connection().tables();
        for (const QString &table : {u"tenants"_s, u"plans"_s, u"operators"_s, u"memberships"_s, u"vector_stores"_s,
                                     u"vector_store_files"_s, u"agent_vector_stores"_s, u"audit_log"_s, u"sync_runs"_s})
            QVERIFY2(tables.contains(table), qPrintable(table));
    }

    void rerunChangesNothing_data() { addEngines(); }
    void rerunChangesNothing()
    {
        QFETCH(QString, engine);
        auto db = fresh(engine);
        QVERIFY(db);
        QString error;
        QVERIFY(Migrator(*db).migrate(&error));
        const QString before = test::dumpRows(*db);
        QStringList applied;
        QVERIFY2(Migrator(*db).migrate(&error, -1, &applied), qPrintable(error));
        QVERIFY(applied.isEmpty());
        QCOMPARE(test::dumpRows(*db), before);
    }

    void upgradesFromEveryHistoricVersion_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<int>("from");
        QTemporaryDir probeDir;
        Database probe(test::sqliteIn(probeDir));
        const int latest = Migrator(probe).latestVersion();
        for (const QString &engine : {u"sqlite"_s, u"postgresql"_s})
            for (int from = 0; from < latest; ++from)
                QTest::addRow("%s from version %d", qPrintable(engine), from) << engine << from;
    }
    void upgradesFromEveryHistoricVersion()
    {
        QFETCH(QString, engine);
        QFETCH(int, from);
        auto db = fresh(engine);
        QVERIFY(db);
        QString error;
        Migrator migrator(*db);
        QVERIFY2(migrator.migrate(&error, from), qPrintable(error));
        // Data as a deployment at that version would have it.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (from >= 1) {
            QVERIFY(exec(*db,
                         u"INSERT INTO tenants (slug, display_name, plan, created_at, updated_at) "
                         u"VALUES ('acme', 'Acme', 'starter', %1, %1)"_s.arg(now)));
            QVERIFY(exec(
                *db,
                u"INSERT INTO operators (name, is_instance_admin, created_at) VALUES ('alice', 1, %1)"_s.arg(now)));
        }
        if (from >= 2) {
            QVERIFY(exec(*db,
                         u"INSERT INTO vector_stores (tenant_id, name, backend, created_at, updated_at) "
                         u"SELECT id, 'docs', 'local', %1, %1 FROM tenants"_s.arg(now)));
            QVERIFY(exec(*db,
                         u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, "
                         u"sha256, created_at, updated_at, status_changed_at) SELECT id, tenant_id, 'a.txt', "
                         u"'text/plain', 10, '%1', %2, %2, %2 FROM vector_stores"_s.arg(QString(64, u'a'))
                             .arg(now)));
        }
        QStringList applied;
        QVERIFY2(Migrator(*db).migrate(&error, -1, &applied), qPrintable(error));
        QCOMPARE(applied.size(), migrator.latestVersion() - from);
        // The data survived, and the schema is the one a fresh database gets.
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"SELECT count(*) FROM tenants"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), from >= 1 ? 1 : 0);
        QVERIFY(q.exec(u"SELECT count(*) FROM vector_store_files"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), from >= 2 ? 1 : 0);
        auto reference = fresh(engine);
        QVERIFY(reference);
        QVERIFY(Migrator(*reference).migrate(&error));
        QCOMPARE(test::describeSchema(*db), test::describeSchema(*reference));
    }

    void refusesADatabaseNewerThanTheBinary_data() { addEngines(); }
    void refusesADatabaseNewerThanTheBinary()
    {
        QFETCH(QString, engine);
        auto db = fresh(engine);
        QVERIFY(db);
        QString error;
        QVERIFY(Migrator(*db).migrate(&error));
        QVERIFY(exec(*db,
                     u"INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                     u"VALUES (99, '0099_from_the_future', 'x', 0)"_s));
        const QString before = test::dumpRows(*db);
        QVERIFY(!Migrator(*db).migrate(&error));
        QVERIFY2(error.contains(u"schema version 99"_s) && error.contains(u"newer than this VectorDesk"_s)
                     && error.contains(u"Upgrade VectorDesk"_s),
                 qPrintable(error));
        QCOMPARE(test::dumpRows(*db), before);
    }

    void refusesAChangedMigration_data() { addEngines(); }
    void refusesAChangedMigration()
    {
        QFETCH(QString, engine);
        auto db = fresh(engine);
        QVERIFY(db);
        QString error;
        QVERIFY(Migrator(*db).migrate(&error));
        QVERIFY(exec(*db, u"UPDATE schema_migrations SET checksum = 'deadbeefdeadbeef' WHERE version = 2"_s));
        QList<int> pending;
        QVERIFY(!Migrator(*db).verify(&pending, &error));
        QVERIFY2(error.contains(u"0002_vector_stores_and_files"_s) && error.contains(u"differs"_s)
                     && error.contains(u"deadbeefdead"_s),
                 qPrintable(error));
        QVERIFY(!Database::openAndMigrate(*db, &error));
    }

    void schemasAreEquivalentOnBothEngines()
    {
        auto sqlite = fresh(u"sqlite"_s);
        auto postgres = fresh(u"postgresql"_s);
        QVERIFY(sqlite && postgres);
        QString error;
        QVERIFY2(Migrator(*sqlite).migrate(&error), qPrintable(error));
        QVERIFY2(Migrator(*postgres).migrate(&error), qPrintable(error));
        const QStringList a = test::describeSchema(*sqlite);
        const QStringList b = test::describeSchema(*postgres);
        QVERIFY(a.size() > 60);
        for (const QString &line : a)
            QVERIFY2(b.contains(line), qPrintable(u"only in SQLite: "_s + line));
        for (const QString &line : b)
            QVERIFY2(a.contains(line), qPrintable(u"only in PostgreSQL: "_s + line));
    }

    void constraintsRejectBadStates_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<QString>("statement");
        const QString sha = QString(64, u'b');
        const QStringList bad = {
            // unknown enum values
            u"UPDATE memberships SET role = 'superuser'"_s,
            u"UPDATE vector_stores SET status = 'ready' WHERE name = 'docs'"_s,
            u"UPDATE vector_stores SET backend = 'pinecone' WHERE name = 'docs'"_s,
            u"UPDATE vector_store_files SET status = 'done'"_s,
            // a second live primary store
            u"UPDATE vector_stores SET is_primary = 1 WHERE name = 'other'"_s,
            // a deleted store cannot stay primary
            u"UPDATE vector_stores SET deleted_at = 1 WHERE name = 'docs'"_s,
            // live store names are unique per tenant regardless of case
            u"UPDATE vector_stores SET name = 'DOCS' WHERE name = 'other'"_s,
            // live tenant slugs are unique regardless of case
            u"INSERT INTO tenants (slug, display_name, plan, created_at, updated_at) VALUES ('ACME', 'x', 'free', 1, 1)"_s,
            // a file must live in a store of its own tenant
            u"UPDATE vector_store_files SET tenant_id = (SELECT id FROM tenants WHERE slug = 'globex')"_s,
            // failed needs an error; other statuses must not carry one
            u"UPDATE vector_store_files SET status = 'failed'"_s,
            u"UPDATE vector_store_files SET last_error_code = 'invalid_file', last_error_message = 'x'"_s,
            u"UPDATE vector_store_files SET status = 'failed', last_error_code = 'parse_error', last_error_message = 'x'"_s,
            // expiry: 1..365 days, anchor and days together
            u"UPDATE vector_stores SET expires_after_anchor = 'last_active_at', expires_after_days = 366 WHERE name = 'docs'"_s,
            u"UPDATE vector_stores SET expires_after_anchor = 'last_active_at', expires_after_days = 0 WHERE name = 'docs'"_s,
            u"UPDATE vector_stores SET expires_after_days = 7 WHERE name = 'docs'"_s,
            // chunking limits
            u"UPDATE vector_store_files SET chunking_type = 'static', chunk_max_tokens = 800, chunk_overlap_tokens = 401"_s,
            u"UPDATE vector_store_files SET chunk_max_tokens = 5000"_s,
            u"UPDATE vector_stores SET chunking_type = 'other' WHERE name = 'docs'"_s,
            u"UPDATE vector_stores SET chunking_type = 'static', chunk_max_tokens = 600, chunk_overlap_tokens = 301"_s,
            u"UPDATE vector_stores SET chunk_max_tokens = 5000"_s,
            // the same content twice in a store
            u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, sha256, "
            u"created_at, "
            u"updated_at, status_changed_at) SELECT store_id, tenant_id, 'copy.txt', 'text/plain', 1, sha256, 1, 1, 1 "
            u"FROM vector_store_files"_s,
            // an explicit agent binding names a store; a default one does not
            u"INSERT INTO agent_vector_stores (agent_id, tenant_id, store_id, binding_mode, created_at, updated_at) "
            u"SELECT 'agent', tenant_id, NULL, 'explicit', 1, 1 FROM vector_stores WHERE name = 'docs'"_s,
            // negative counters
            u"UPDATE vector_stores SET usage_bytes = -1"_s,
            // a finished sync run has an end, a running one none
            u"INSERT INTO sync_runs (started_at, finished_at, host, pid, triggered_by, status) VALUES (5, NULL, 'h', 1, 'gui', 'succeeded')"_s,
            u"INSERT INTO sync_runs (started_at, host, pid, triggered_by) VALUES (5, 'h', 1, 'cron')"_s,
        };
        for (const QString &engine : {u"sqlite"_s, u"postgresql"_s})
            for (qsizetype i = 0; i < bad.size(); ++i)
                QTest::addRow("%s: %s", qPrintable(engine), qPrintable(bad[i].left(70))) << engine << bad[i];
    }
    void constraintsRejectBadStates()
    {
        QFETCH(QString, engine);
        QFETCH(QString, statement);
        auto db = fresh(engine);
        QVERIFY(db);
        QString error;
        QVERIFY2(Migrator(*db).migrate(&error), qPrintable(error));
        const QString sha = QString(64, u'a');
        QVERIFY(exec(*db,
                     u"INSERT INTO tenants (slug, display_name, plan, created_at, updated_at) VALUES "
                     u"('acme', 'Acme', 'free', 1, 1), ('globex', 'Globex', 'free', 1, 1)"_s));
        QVERIFY(exec(*db, u"INSERT INTO operators (name, created_at) VALUES ('bob', 1)"_s));
        QVERIFY(exec(*db,
                     u"INSERT INTO memberships (operator_id, tenant_id, role, created_at, updated_at) "
                     u"SELECT o.id, t.id, 'viewer', 1, 1 FROM operators o, tenants t WHERE t.slug = 'acme'"_s));
        QVERIFY(exec(*db,
                     u"INSERT INTO vector_stores (tenant_id, name, backend, is_primary, created_at, updated_at) "
                     u"SELECT id, 'docs', 'local', 1, 1, 1 FROM tenants WHERE slug = 'acme'"_s));
        QVERIFY(exec(*db,
                     u"INSERT INTO vector_stores (tenant_id, name, backend, created_at, updated_at) "
                     u"SELECT id, 'other', 'local', 1, 1 FROM tenants WHERE slug = 'acme'"_s));
        QVERIFY(
            exec(*db,
                 u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, sha256, "
                 u"created_at, updated_at, status_changed_at) SELECT id, tenant_id, 'a.txt', 'text/plain', 1, '%1', "
                 u"1, 1, 1 FROM vector_stores WHERE name = 'docs'"_s.arg(sha)));
        const QString before = test::dumpRows(*db);
        QSqlQuery q(db->connection());
        QVERIFY2(!q.exec(statement), "the database accepted a state the schema must make impossible");
        QCOMPARE(test::dumpRows(*db), before);
    }

    void concurrentMigrationsApplyOnce_data() { addEngines(); }
    void concurrentMigrationsApplyOnce()
    {
        QFETCH(QString, engine);
        auto db = fresh(engine);
        QVERIFY(db);
        const DatabaseUrl url = db->url();
        QList<QString> errors(4);
        QList<QThread *> threads;
        for (int i = 0; i < 4; ++i) {
            threads << QThread::create([url, &errors, i] {
                Database own(url);
                QString error;
                if (!Database::openAndMigrate(own, &error))
                    errors[i] = error;
            });
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        for (const QString &error : errors)
            QVERIFY2(error.isEmpty(), qPrintable(error));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"SELECT count(*), count(DISTINCT version) FROM schema_migrations"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), q.value(1).toInt());
        QCOMPARE(q.value(0).toInt(), Migrator(*db).latestVersion());
    }
};

QTEST_GUILESS_MAIN(TestMigrator)
#include "tst_migrator.moc"
