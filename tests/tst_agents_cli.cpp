// `vectordesk agent ...` (docs/agents.md), in-process through vd::cli::run on a SQLite file with
// local stores: create, bind, tool, check exit codes, and `store delete` naming the agents that
// lose the store. Every test runs on SQLite and on the CTest-started PostgreSQL (global rows).

#include "cli/cli.h"
#include "testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

class TestAgentsCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    int m_counter = 0;

    Run cli(QStringList arguments, const QString &as = u"alice"_s)
    {
        Run run;
        QTextStream out(&run.out);
        QTextStream err(&run.err);
        arguments.prepend(u"vectordesk"_s);
        arguments << u"--db"_s << m_db << u"--as"_s << as;
        run.code = cli::run(arguments, {out, err, nullptr});
        out.flush();
        err.flush();
        return run;
    }

    // Tenant acme with local stores handbook (primary) and policies, on this row's engine.
    void seed()
    {
        QFETCH_GLOBAL(QString, engine);
        const QString name = u"agents_cli_%1"_s.arg(++m_counter);
        if (engine == u"sqlite"_s) {
            m_db = m_dir.filePath(name + u".sqlite"_s);
        } else {
            QString why;
            m_db = test::freshPostgresUrl(name, &why);
            QVERIFY2(!m_db.isEmpty(), qPrintable(why));
        }
        for (const QStringList &args :
             {QStringList{u"tenant"_s, u"create"_s, u"acme"_s},
              QStringList{u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"handbook"_s, u"--backend"_s, u"local"_s},
              QStringList{u"store"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"policies"_s, u"--backend"_s,
                          u"local"_s}}) {
            const Run r = cli(args);
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        if (engine == u"postgresql"_s && !QFile::exists(test::postgresFixtureDir() + u"/url"_s))
            QSKIP("no PostgreSQL fixture (run through ctest, which starts one)");
    }

    void agent_check_exit_codes_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("line");
        QTest::newRow("every agent resolves: 0") << u"ok"_s << 0 << u"acme/support: warning"_s;
        QTest::newRow("a bound store deleted: 1") << u"deleted"_s << 1 << u"acme/support: broken"_s;
        QTest::newRow("an explicit agent without stores: 1") << u"empty"_s << 1 << u"acme/support: broken"_s;
    }
    void agent_check_exit_codes()
    {
        QFETCH(QString, state);
        QFETCH(int, exitCode);
        QFETCH(QString, line);
        seed();
        if (QTest::currentTestFailed())
            return;
        QStringList create{u"agent"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"support"_s};
        if (state == u"empty"_s)
            create << u"--binding"_s << u"explicit"_s;
        else
            create << u"--store"_s << u"handbook"_s;
        Run r = cli(create);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(cli({u"agent"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"helper"_s}).code == 0);
        if (state == u"deleted"_s) {
            r = cli({u"store"_s, u"delete"_s, u"--tenant"_s, u"acme"_s, u"handbook"_s});
            QCOMPARE(r.code, 0);
            // handbook is the primary store: helper follows it, support is bound to it.
            QVERIFY2(r.err.contains(u"Agents that lose store 'handbook': helper, support."_s), qPrintable(r.err));
        }
        r = cli({u"agent"_s, u"check"_s, u"--tenant"_s, u"acme"_s});
        QCOMPARE(r.code, exitCode);
        QVERIFY2(r.out.contains(line), qPrintable(r.out));
        r = cli({u"agent"_s, u"check"_s}); // every tenant
        QCOMPARE(r.code, exitCode);
        r = cli({u"agent"_s, u"check"_s, u"--json"_s});
        QCOMPARE(r.code, exitCode);
        QCOMPARE(r.json()[u"broken"_s].toInt(), exitCode == 0 ? 0 : state == u"deleted"_s ? 2 : 1);
    }

    void agent_tool_prints_the_tool_or_fails_with_its_problems()
    {
        seed();
        if (QTest::currentTestFailed())
            return;
        Run r = cli({u"agent"_s, u"create"_s, u"--tenant"_s, u"acme"_s, u"support"_s, u"--store"_s, u"handbook"_s,
                     u"--options"_s, u"{\"max_num_results\": 4}"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = cli({u"agent"_s, u"tool"_s, u"--tenant"_s, u"acme"_s, u"support"_s});
        QCOMPARE(r.code, 0);
        const QJsonObject tool = r.json();
        QCOMPARE(tool[u"type"_s].toString(), u"file_search"_s);
        QCOMPARE(tool[u"max_num_results"_s].toInt(), 4);
        QCOMPARE(tool[u"vector_store_ids"_s].toArray().size(), 1);
        QVERIFY(tool[u"vector_store_ids"_s].toArray()[0].toString().startsWith(u"vs_"_s));
        QVERIFY2(r.err.contains(u"warning: Store 'handbook' of agent 'support' has no searchable files"_s),
                 qPrintable(r.err));
        // A bad filter is refused with the filter's own message, nothing changes.
        r = cli({u"agent"_s, u"update"_s, u"--tenant"_s, u"acme"_s, u"support"_s, u"--options"_s,
                 u"{\"filters\": {\"type\": \"xor\"}}"_s});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"filters"_s), qPrintable(r.err));
        // Unreachable: the consumer is OpenAI's Responses API, the store is local.
        r = cli({u"agent"_s, u"update"_s, u"--tenant"_s, u"acme"_s, u"support"_s, u"--consumer"_s, u"openai"_s});
        QCOMPARE(r.code, 0);
        r = cli({u"agent"_s, u"tool"_s, u"--tenant"_s, u"acme"_s, u"support"_s});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(u"error: Store 'handbook' is a local store, but agent 'support' runs on OpenAI's"_s),
                 qPrintable(r.err));
        // Bind, unbind and delete by name; a viewer may not bind.
        QVERIFY(cli({u"member"_s, u"add"_s, u"--tenant"_s, u"acme"_s, u"bob"_s, u"--role"_s, u"viewer"_s}).code == 0);
        r = cli({u"agent"_s, u"bind"_s, u"--tenant"_s, u"acme"_s, u"support"_s, u"policies"_s}, u"bob"_s);
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(u"editor"_s), qPrintable(r.err));
        r = cli({u"agent"_s, u"bind"_s, u"--tenant"_s, u"acme"_s, u"support"_s, u"policies"_s});
        QCOMPARE(r.code, 0);
        r = cli({u"agent"_s, u"unbind"_s, u"--tenant"_s, u"acme"_s, u"support"_s, u"handbook"_s});
        QCOMPARE(r.code, 0);
        r = cli({u"agent"_s, u"show"_s, u"--tenant"_s, u"acme"_s, u"support"_s, u"--json"_s});
        QCOMPARE(r.json()[u"vector_stores"_s].toArray(), QJsonArray{u"policies"_s});
        r = cli({u"agent"_s, u"delete"_s, u"--tenant"_s, u"acme"_s, u"support"_s});
        QCOMPARE(r.code, 0);
        r = cli({u"agent"_s, u"list"_s, u"--tenant"_s, u"acme"_s, u"--json"_s});
        QCOMPARE(r.json()[u"data"_s].toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAgentsCli)
#include "tst_agents_cli.moc"
