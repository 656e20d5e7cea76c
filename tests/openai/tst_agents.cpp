// Agents (issue #17, docs/agents.md): specs and bindings through the service, their resolution
// into the Responses API's file_search tool for local and OpenAI stores (the fake OpenAI
// server), every fail-fast message, roles, the agents a deleted or expiring store leaves behind,
// and the tool JSON checked against FileSearchTool as the spec (VECTORDESK_OPENAI_SPEC) defines it.
// Every test that reads or writes the database runs on SQLite and on the CTest-started PostgreSQL
// (global rows "sqlite" and "postgresql"); the resolver's pure checks run once.

#include "backendfixture.h"
#include "core/domain/agentresolver.h"
#include "core/openai/credentialstore.h"
#include "core/sync/syncpass.h"
#include "fakeopenaiserver.h"
#include "specschema.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace vd;
using vd::test::BackendFixture;
using vd::test::FakeOpenAIServer;

namespace {

constexpr qint64 kDay = 24LL * 60 * 60 * 1000;

QString messageOf(const ServiceError &e)
{
    return e.message();
}

template<typename T> QString why(const Result<T> &r)
{
    return r ? QString() : messageOf(r.error());
}

QString specPath()
{
    QString spec = qEnvironmentVariable("VECTORDESK_OPENAI_SPEC");
    if (spec.isEmpty())
        spec = qEnvironmentVariable("VECTORDESK_SOURCE_DIR") + u"/../shared/data/openai/openapi.yaml"_s;
    return spec;
}

VectorStore storeNamed(const QString &name, qint64 tenantId, BackendKind backend)
{
    VectorStore s;
    s.id = qHash(name) % 100000 + 1;
    s.tenantId = tenantId;
    s.name = name;
    s.backend = backend;
    s.remoteId = backend == BackendKind::OpenAI ? u"vs_remote_"_s + name : QString();
    s.fileCounts.completed = 3;
    return s;
}

} // namespace

class TestAgents : public QObject
{
    Q_OBJECT

private:
    FakeOpenAIServer *m_server = nullptr;
    QJsonObject m_schemas;
    int m_databases = 0;

    // The database engine of this global row, and a database of its own.
    void prepare(BackendFixture &f)
    {
        QFETCH_GLOBAL(QString, engine);
        f.engine = engine;
        f.postgresName = u"agents_%1"_s.arg(++m_databases);
    }

    // The fixture with a local store "handbook" (two files, ingested) and an OpenAI store "policies" (one).
    bool seed(BackendFixture &f)
    {
        prepare(f);
        if (!f.open(*m_server))
            return false;
        qputenv(openai::CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        if (!f.service->createStore(u"acme"_s, StoreDraft{u"handbook"_s, u"local"_s, {}, {}, {}}))
            return false;
        if (!f.service->createStore(u"acme"_s, StoreDraft{u"policies"_s, u"openai"_s, {}, {}, {}}))
            return false;
        if (!f.service->attachPath(u"acme"_s, u"handbook"_s,
                                   f.writeFile(u"leave.txt"_s, "Parental leave is sixteen weeks."),
                                   {{u"region"_s, u"eu"_s}}))
            return false;
        if (!f.service->attachPath(u"acme"_s, u"handbook"_s,
                                   f.writeFile(u"travel.txt"_s, "Travel is booked through the portal."),
                                   {{u"region"_s, u"us"_s}}))
            return false;
        if (!f.service->attachPath(u"acme"_s, u"policies"_s,
                                   f.writeFile(u"remote.txt"_s, "Remote work needs a manager's approval."),
                                   {{u"region"_s, u"eu"_s}}))
            return false;
        auto drained = f.ingest();
        return drained && drained->completed == 3;
    }

    static AgentDraft draft(const QString &name, AgentBinding binding, const QJsonObject &options = {})
    {
        AgentDraft d;
        d.name = name;
        d.binding = binding;
        d.options = FileSearchOptions::fromJson(options).value();
        return d;
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }
    void initTestCase()
    {
        qputenv("no_proxy", "127.0.0.1,localhost");
        QString error;
        m_schemas = vd::test::loadSpecSchemas(specPath(), &error);
        QVERIFY2(!m_schemas.isEmpty(), qPrintable(error));
    }
    void init()
    {
        QFETCH_GLOBAL(QString, engine);
        // The resolver's own checks and the docs touch no database: the sqlite row runs them.
        static const QByteArrayList pure{"a_store_of_another_tenant_is_refused",
                                         "several_problems_give_one_message_each", "options_are_validated",
                                         "tool_json_matches_the_spec_schema", "docs_example_is_what_the_code_prints"};
        if (engine == u"postgresql"_s && pure.contains(QTest::currentTestFunction()))
            QSKIP("no database involved; the sqlite row runs it");
        if (engine == u"postgresql"_s && !QFile::exists(vd::test::postgresFixtureDir() + u"/url"_s))
            QSKIP("no PostgreSQL fixture (run through ctest, which starts one)");
        m_server = new FakeOpenAIServer(this);
        QVERIFY(m_server->listen());
    }
    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
        qunsetenv(openai::CredentialStore::kEnvironmentVariable);
    }

    // ----- resolution, both modes, local and OpenAI stores

    void resolves_both_modes_on_local_and_openai_stores_data()
    {
        QTest::addColumn<QString>("binding");
        QTest::addColumn<QStringList>("stores"); // explicit bindings; the primary store for tenant_default
        QTest::newRow("explicit local store: its served vs_ id") << u"explicit"_s << QStringList{u"handbook"_s};
        QTest::newRow("explicit OpenAI store: its remote id") << u"explicit"_s << QStringList{u"policies"_s};
        QTest::newRow("explicit local and OpenAI stores, in binding order")
            << u"explicit"_s << QStringList{u"policies"_s, u"handbook"_s};
        QTest::newRow("tenant default on a local primary store") << u"tenant_default"_s << QStringList{u"handbook"_s};
        QTest::newRow("tenant default on an OpenAI primary store") << u"tenant_default"_s << QStringList{u"policies"_s};
    }
    void resolves_both_modes_on_local_and_openai_stores()
    {
        QFETCH(QString, binding);
        QFETCH(QStringList, stores);
        BackendFixture f;
        QVERIFY2(seed(f), qPrintable(f.error));
        const QJsonObject options{
            {u"max_num_results"_s, 7},
            {u"ranking_options"_s,
             QJsonObject{{u"ranker"_s, u"auto"_s},
                         {u"score_threshold"_s, 0.25},
                         {u"hybrid_search"_s, QJsonObject{{u"embedding_weight"_s, 0.7}, {u"text_weight"_s, 0.3}}}}},
            {u"filters"_s, QJsonObject{{u"type"_s, u"eq"_s}, {u"key"_s, u"region"_s}, {u"value"_s, u"eu"_s}}}};
        const AgentBinding mode = *agentBindingFromName(binding);
        auto created = f.service->createAgent(u"acme"_s, draft(u"support"_s, mode, options),
                                              mode == AgentBinding::Explicit ? stores : QStringList{});
        QVERIFY2(created, qPrintable(why(created)));
        if (mode == AgentBinding::TenantDefault)
            QVERIFY(f.service->setPrimary(u"acme"_s, stores.first()));
        auto r = f.service->resolveAgent(u"acme"_s, u"SUPPORT"_s);
        QVERIFY2(r, qPrintable(why(r)));
        QVERIFY2(r->ok(), QJsonDocument(r->toJson()).toJson().constData());
        QCOMPARE(r->status(), u"ok"_s);
        QStringList expected;
        for (const QString &name : stores) {
            auto s = f.service->store(u"acme"_s, name);
            QVERIFY(s);
            if (s->backend == BackendKind::OpenAI) {
                QVERIFY(s->remoteId.startsWith(u"vs_"_s));
                expected << s->remoteId;
            } else {
                auto served = f.service->storeApiId(s.value());
                QVERIFY(served && served->startsWith(u"vs_"_s));
                expected << served.value();
            }
        }
        QJsonObject tool{{u"type"_s, u"file_search"_s}, {u"vector_store_ids"_s, QJsonArray::fromStringList(expected)}};
        for (auto it = options.begin(); it != options.end(); ++it)
            tool.insert(it.key(), it.value());
        QCOMPARE(r->tool, tool);
        const QStringList errors = vd::test::validateAgainst(m_schemas, u"FileSearchTool"_s, r->tool);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    }

    void tenant_default_makes_the_primary_store_when_allowed()
    {
        BackendFixture f;
        prepare(f);
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        qputenv(openai::CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
        // ensure_primary makes a store of the tenant's default backend: local here.
        QVERIFY(f.service->updateTenant(u"acme"_s, TenantUpdate{std::nullopt, u"local"_s}));
        QVERIFY(f.service->createAgent(u"acme"_s, draft(u"helper"_s, AgentBinding::TenantDefault)));
        // A check creates nothing: the missing primary store is the problem.
        auto checked = f.service->resolveAgent(u"acme"_s, u"helper"_s, false);
        QVERIFY(checked);
        QCOMPARE(checked->problems.size(), 1);
        QCOMPARE(checked->problems[0].code, u"no_primary_store"_s);
        QVERIFY(f.service->listStores(u"acme"_s)->isEmpty());
        // Resolving it for use makes one through ensure_primary (alice is admin).
        auto made = f.service->resolveAgent(u"acme"_s, u"helper"_s, true);
        QVERIFY2(made && made->ok(), made ? QJsonDocument(made->toJson()).toJson().constData() : qPrintable(why(made)));
        auto primary = f.service->store(u"acme"_s, u"primary"_s);
        QVERIFY(primary && primary->isPrimary);
        QCOMPARE(made->tool[u"vector_store_ids"_s].toArray(), QJsonArray{f.service->storeApiId(*primary).value()});
        QCOMPARE(made->warnings.size(), 1); // a new store has no files yet
        QCOMPARE(made->warnings[0].code, u"store_empty"_s);
    }

    // ----- fail fast: one message per problem

    void fails_fast_with_one_message_per_problem_data()
    {
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message"); // a regular expression the message matches
        QTest::newRow("a bound store was deleted")
            << u"deleted"_s << u"store_deleted"_s
            << u"^Store 'handbook' bound to agent 'support' was deleted on \\d{4}-\\d\\d-\\d\\d; .*vectordesk store "
               u"restore --tenant acme handbook.*vectordesk agent unbind --tenant acme support handbook"_s;
        QTest::newRow("a bound store expired")
            << u"expired"_s << u"store_expired"_s
            << u"^Store 'handbook' bound to agent 'support' expired on .* after 1 day without activity; an expired "
               u"store cannot be searched"_s;
        QTest::newRow("a local store for an agent that runs on OpenAI")
            << u"openai consumer"_s << u"backend_unreachable"_s
            << u"^Store 'handbook' is a local store, but agent 'support' runs on OpenAI's Responses API \\(consumer "
               u"openai\\), which cannot reach VectorDesk's local stores"_s;
        QTest::newRow("an OpenAI store for an agent that searches through vectordesk serve")
            << u"vectordesk consumer"_s << u"backend_unreachable"_s
            << u"^Store 'policies' is an OpenAI store, but agent 'support' searches through vectordesk serve"_s;
        QTest::newRow("more stores than one OpenAI tool accepts")
            << u"too many"_s << u"too_many_stores"_s
            << u"^Agent 'support' is bound to 3 stores; one OpenAI file_search tool takes at most 2 "_s;
        QTest::newRow("an explicit agent without stores")
            << u"no stores"_s << u"no_stores"_s
            << u"^Agent 'support' of tenant acme searches an explicit list of stores but none is bound"_s;
    }
    void fails_fast_with_one_message_per_problem()
    {
        QFETCH(QString, problem);
        QFETCH(QString, code);
        QFETCH(QString, message);
        BackendFixture f;
        QVERIFY2(seed(f), qPrintable(f.error));
        QStringList bind{u"handbook"_s};
        if (problem == u"vectordesk consumer"_s)
            bind = {u"policies"_s};
        if (problem == u"too many"_s) {
            QVERIFY(f.service->createStore(u"acme"_s, StoreDraft{u"third"_s, u"local"_s, {}, {}, {}}));
            bind = {u"handbook"_s, u"policies"_s, u"third"_s};
        }
        if (problem == u"no stores"_s)
            bind.clear();
        if (problem == u"expired"_s) {
            StoreUpdate update;
            update.expiresAfterDays = std::optional<int>(1);
            QVERIFY(f.service->updateStore(u"acme"_s, u"handbook"_s, update));
        }
        AgentDraft d = draft(u"support"_s, AgentBinding::Explicit);
        if (problem == u"openai consumer"_s)
            d.consumer = AgentConsumer::OpenAI;
        if (problem == u"vectordesk consumer"_s)
            d.consumer = AgentConsumer::VectorDesk;
        QVERIFY(f.service->createAgent(u"acme"_s, d, bind));
        if (problem == u"deleted"_s)
            QVERIFY(f.service->deleteStore(u"acme"_s, u"handbook"_s));
        if (problem == u"expired"_s)
            f.service->setClock([] { return QDateTime::currentMSecsSinceEpoch() + 2 * kDay; });
        auto r = f.service->resolveAgent(u"acme"_s, u"support"_s);
        QVERIFY2(r, qPrintable(why(r)));
        QCOMPARE(r->status(), u"broken"_s);
        QVERIFY(r->tool.isEmpty());
        QCOMPARE(r->problems.size(), 1);
        QCOMPARE(r->problems[0].code, code);
        QVERIFY2(QRegularExpression(message).match(r->problems[0].message).hasMatch(),
                 qPrintable(r->problems[0].message));
    }

    // The database's composite key keeps another tenant's store from being bound, so the
    // resolver's own check is shown on its inputs.
    void a_store_of_another_tenant_is_refused()
    {
        Agent agent;
        agent.name = u"support"_s;
        agent.tenantId = 1;
        agent.binding = AgentBinding::Explicit;
        const VectorStore foreign = storeNamed(u"theirs"_s, 2, BackendKind::Local);
        const AgentResolution r = resolveFileSearchTool(agent, u"acme"_s, {{foreign, u"vs_abcdefgh12"_s}}, 0);
        QCOMPARE(r.problems.size(), 1);
        QCOMPARE(r.problems[0].code, u"store_other_tenant"_s);
        QVERIFY2(r.problems[0].message.startsWith(
                     u"Store 'theirs' (id %1) bound to agent 'support' belongs to another tenant"_s.arg(foreign.id)),
                 qPrintable(r.problems[0].message));
        QVERIFY(r.tool.isEmpty());
    }

    void several_problems_give_one_message_each()
    {
        Agent agent;
        agent.name = u"support"_s;
        agent.tenantId = 1;
        agent.binding = AgentBinding::Explicit;
        agent.consumer = AgentConsumer::OpenAI;
        VectorStore gone = storeNamed(u"gone"_s, 1, BackendKind::OpenAI);
        gone.deletedAt = 1000;
        const VectorStore local = storeNamed(u"local"_s, 1, BackendKind::Local);
        const VectorStore ok = storeNamed(u"fine"_s, 1, BackendKind::OpenAI);
        const AgentResolution r = resolveFileSearchTool(
            agent, u"acme"_s, {{gone, gone.remoteId}, {local, u"vs_local12345"_s}, {ok, ok.remoteId}}, 5000);
        QStringList codes;
        for (const AgentIssue &i : r.problems)
            codes << i.code;
        QCOMPARE(codes, (QStringList{u"store_deleted"_s, u"backend_unreachable"_s, u"too_many_stores"_s}));
    }

    void warns_about_empty_and_ingesting_stores_data()
    {
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("code");
        QTest::newRow("a bound store with no files") << u"empty"_s << u"store_empty"_s;
        QTest::newRow("a bound store still ingesting") << u"ingesting"_s << u"store_ingesting"_s;
    }
    void warns_about_empty_and_ingesting_stores()
    {
        QFETCH(QString, state);
        QFETCH(QString, code);
        BackendFixture f;
        QVERIFY2(seed(f), qPrintable(f.error));
        QVERIFY(f.service->createStore(u"acme"_s, StoreDraft{u"fresh"_s, u"local"_s, {}, {}, {}}));
        if (state == u"ingesting"_s)
            QVERIFY(f.service->attachPath(u"acme"_s, u"fresh"_s, f.writeFile(u"new.txt"_s, "Not ingested yet.")));
        QVERIFY(f.service->createAgent(u"acme"_s, draft(u"support"_s, AgentBinding::Explicit), {u"fresh"_s}));
        auto r = f.service->resolveAgent(u"acme"_s, u"support"_s);
        QVERIFY(r);
        QCOMPARE(r->status(), u"warning"_s);
        QVERIFY(!r->tool.isEmpty()); // a warning still gives the tool
        QCOMPARE(r->warnings.size(), 1);
        QCOMPARE(r->warnings[0].code, code);
        QVERIFY(r->warnings[0].message.startsWith(u"Store 'fresh' of agent 'support' "_s));
    }

    // ----- options are checked as they are given

    void options_are_validated_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("max_num_results above 50") << u"{\"max_num_results\": 51}"_s << u"max_num_results"_s;
        QTest::newRow("max_num_results not whole") << u"{\"max_num_results\": 2.5}"_s << u"max_num_results"_s;
        QTest::newRow("score_threshold above 1")
            << u"{\"ranking_options\": {\"score_threshold\": 1.5}}"_s << u"ranking_options.score_threshold"_s;
        QTest::newRow("a ranker OpenAI's tool does not know")
            << u"{\"ranking_options\": {\"ranker\": \"none\"}}"_s << u"ranking_options.ranker"_s;
        QTest::newRow("hybrid_search without text_weight")
            << u"{\"ranking_options\": {\"hybrid_search\": {\"embedding_weight\": 1}}}"_s
            << u"ranking_options.hybrid_search"_s;
        QTest::newRow("a filter of an unknown type")
            << u"{\"filters\": {\"type\": \"xor\", \"key\": \"a\", \"value\": 1}}"_s << u"filters"_s;
        QTest::newRow("a compound filter without filters") << u"{\"filters\": {\"type\": \"and\"}}"_s << u"filters"_s;
        QTest::newRow("an unknown option") << u"{\"rewrite_query\": true}"_s << u"rewrite_query"_s;
    }
    void options_are_validated()
    {
        QFETCH(QString, json);
        QFETCH(QString, field);
        auto options = FileSearchOptions::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
        QVERIFY(!options);
        QCOMPARE(options.error().kind(), ServiceError::Kind::InvalidInput);
        QCOMPARE(options.error().details().value(u"field"_s).toString(), field);
    }

    // ----- the tool against FileSearchTool of the spec; the check itself must be able to fail

    void tool_json_matches_the_spec_schema_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<bool>("valid");
        QTest::newRow("the generated tool") << QString() << true;
        QTest::newRow("negative: no vector_store_ids") << u"drop ids"_s << false;
        QTest::newRow("negative: a ranker outside RankerVersionType") << u"ranker none"_s << false;
        QTest::newRow("negative: a filter type outside ComparisonFilter") << u"filter xor"_s << false;
        QTest::newRow("negative: max_num_results not an integer") << u"max 2.5"_s << false;
        QTest::newRow("negative: hybrid_search without text_weight") << u"hybrid"_s << false;
    }
    void tool_json_matches_the_spec_schema()
    {
        QFETCH(QString, change);
        QFETCH(bool, valid);
        Agent agent;
        agent.name = u"support"_s;
        agent.tenantId = 1;
        agent.binding = AgentBinding::Explicit;
        auto options = FileSearchOptions::fromJson(QJsonDocument::fromJson(R"({
            "max_num_results": 12,
            "ranking_options": {"ranker": "default-2024-11-15", "score_threshold": 0.4,
                                "hybrid_search": {"embedding_weight": 2, "text_weight": 1}},
            "filters": {"type": "and", "filters": [
                {"type": "eq", "key": "region", "value": "eu"},
                {"type": "or", "filters": [{"type": "gte", "key": "year", "value": 2024},
                                           {"type": "in", "key": "team", "value": ["hr", "legal"]}]}]}})")
                                                       .object());
        QVERIFY2(options, qPrintable(why(options)));
        agent.options = options.value();
        const VectorStore a = storeNamed(u"a"_s, 1, BackendKind::OpenAI);
        const VectorStore b = storeNamed(u"b"_s, 1, BackendKind::Local);
        const AgentResolution r =
            resolveFileSearchTool(agent, u"acme"_s, {{a, a.remoteId}, {b, u"vs_servedid01"_s}}, 0);
        QVERIFY(r.ok());
        QJsonObject tool = r.tool;
        QJsonObject ranking = tool[u"ranking_options"_s].toObject();
        if (change == u"drop ids"_s)
            tool.remove(u"vector_store_ids"_s);
        if (change == u"ranker none"_s)
            ranking[u"ranker"_s] = u"none"_s;
        if (change == u"hybrid"_s)
            ranking[u"hybrid_search"_s] = QJsonObject{{u"embedding_weight"_s, 1}};
        tool[u"ranking_options"_s] = ranking;
        if (change == u"filter xor"_s)
            tool[u"filters"_s] = QJsonObject{{u"type"_s, u"xor"_s}, {u"key"_s, u"a"_s}, {u"value"_s, 1}};
        if (change == u"max 2.5"_s)
            tool[u"max_num_results"_s] = 2.5;
        const QStringList errors = vd::test::validateAgainst(m_schemas, u"FileSearchTool"_s, tool);
        QVERIFY2(errors.isEmpty() == valid, qPrintable(errors.isEmpty() ? u"no error found"_s : errors.join(u'\n')));
    }

    // ----- roles: viewers read, editors bind and edit, admins create and delete

    void roles_data()
    {
        QTest::addColumn<int>("role");
        QTest::newRow("viewer") << int(Role::Viewer);
        QTest::newRow("editor") << int(Role::Editor);
        QTest::newRow("admin") << int(Role::Admin);
    }
    void roles()
    {
        QFETCH(int, role);
        BackendFixture f;
        QVERIFY2(seed(f), qPrintable(f.error));
        QVERIFY(f.service->createAgent(u"acme"_s, draft(u"support"_s, AgentBinding::Explicit), {u"handbook"_s}));
        QVERIFY(f.service->addMember(u"acme"_s, u"bob"_s, Role(role)));
        VectorStoreService bob(*f.db, u"bob"_s, [&f](BackendKind kind) -> VectorStoreBackend * {
            return kind == BackendKind::OpenAI ? static_cast<VectorStoreBackend *>(f.backend.get()) : f.local.get();
        });
        const auto allowed = [](const auto &result) {
            return result.ok() || result.error().kind() != ServiceError::Kind::PermissionDenied;
        };
        QVERIFY(allowed(bob.listAgents(u"acme"_s)));
        QVERIFY(allowed(bob.agent(u"acme"_s, u"support"_s)));
        QVERIFY(allowed(bob.resolveAgent(u"acme"_s, u"support"_s)));
        QVERIFY(allowed(bob.searchAsAgent(u"acme"_s, u"support"_s, u"leave"_s)));
        const bool edits = role >= int(Role::Editor);
        const bool admins = role >= int(Role::Admin);
        AgentUpdate update;
        update.description = u"Answers HR questions"_s;
        QCOMPARE(allowed(bob.updateAgent(u"acme"_s, u"support"_s, update)), edits);
        QCOMPARE(allowed(bob.bindAgentStore(u"acme"_s, u"support"_s, u"policies"_s)), edits);
        QCOMPARE(allowed(bob.unbindAgentStore(u"acme"_s, u"support"_s, u"handbook"_s)), edits);
        QCOMPARE(allowed(bob.createAgent(u"acme"_s, draft(u"other"_s, AgentBinding::TenantDefault))), admins);
        QCOMPARE(allowed(bob.deleteAgent(u"acme"_s, u"support"_s)), admins);
        auto denied = bob.deleteAgent(u"acme"_s, u"support"_s);
        if (!admins)
            QVERIFY(denied.error().message().contains(u"admin"_s));
    }

    // ----- the agents a deleted or expiring store leaves behind

    void deleting_a_bound_store_names_the_agents_that_lose_it()
    {
        BackendFixture f;
        QVERIFY2(seed(f), qPrintable(f.error));
        QVERIFY(f.service->setPrimary(u"acme"_s, u"handbook"_s));
        QVERIFY(f.service->createAgent(u"acme"_s, draft(u"support"_s, AgentBinding::Explicit), {u"handbook"_s}));
        QVERIFY(f.service->createAgent(u"acme"_s, draft(u"helper"_s, AgentBinding::TenantDefault)));
        QVERIFY(f.service->createAgent(u"acme"_s, draft(u"legal"_s, AgentBinding::Explicit), {u"policies"_s}));
        auto users = f.service->agentsUsingStore(u"acme"_s, u"handbook"_s);
        QVERIFY(users);
        QCOMPARE(users.value(), (QStringList{u"helper"_s, u"support"_s}));
        QCOMPARE(f.service->agentsUsingStore(u"acme"_s, u"policies"_s).value(), QStringList{u"legal"_s});
        QVERIFY(f.service->deleteStore(u"acme"_s, u"handbook"_s));
        auto check = f.service->checkAgents(u"acme"_s);
        QVERIFY(check);
        QStringList states;
        for (const AgentResolution &r : check.value())
            states << r.agent + u":"_s + r.status();
        QCOMPARE(states, (QStringList{u"helper:broken"_s, u"legal:ok"_s, u"support:broken"_s}));
    }

    void an_expiring_bound_store_is_reported_by_sync_with_its_agents()
    {
        BackendFixture f;
        QVERIFY2(seed(f), qPrintable(f.error));
        StoreUpdate update;
        update.expiresAfterDays = std::optional<int>(1);
        QVERIFY(f.service->updateStore(u"acme"_s, u"handbook"_s, update));
        QVERIFY(f.service->createAgent(u"acme"_s, draft(u"support"_s, AgentBinding::Explicit), {u"handbook"_s}));
        SyncPass pass(*f.db,
                      [&f](BackendKind kind) -> VectorStoreBackend * {
                          return kind == BackendKind::OpenAI ? static_cast<VectorStoreBackend *>(f.backend.get())
                                                             : f.local.get();
                      },
                      {});
        pass.setClock([] { return QDateTime::currentMSecsSinceEpoch() + 2 * kDay; });
        auto report = pass.run([] { return false; });
        QVERIFY2(report, qPrintable(why(report)));
        bool expired = false;
        bool checked = false;
        for (const SyncItem &item : report->items) {
            if (item.action == u"expire"_s && item.store == u"handbook"_s) {
                expired = true;
                QCOMPARE(item.extra[u"agents"_s].toArray(), QJsonArray{u"support"_s});
                QVERIFY2(item.detail.endsWith(u"agents that lose it: support"_s), qPrintable(item.detail));
            }
            if (item.action == u"agent_check"_s) {
                checked = true;
                QCOMPARE(item.extra[u"agent"_s].toString(), u"support"_s);
                QCOMPARE(item.extra[u"status"_s].toString(), u"broken"_s);
            }
        }
        QVERIFY(expired);
        QVERIFY(checked);
    }

    void a_dry_run_reports_agents_and_writes_nothing()
    {
        BackendFixture f;
        QVERIFY2(seed(f), qPrintable(f.error));
        QVERIFY(f.service->createAgent(u"acme"_s, draft(u"support"_s, AgentBinding::Explicit), {u"handbook"_s}));
        QVERIFY(f.service->createAgent(u"acme"_s, draft(u"orphan"_s, AgentBinding::Explicit)));
        SyncOptions options;
        options.dryRun = true;
        SyncPass pass(
            *f.db,
            [&f](BackendKind kind) -> VectorStoreBackend * {
                return kind == BackendKind::OpenAI ? static_cast<VectorStoreBackend *>(f.backend.get()) : f.local.get();
            },
            options);
        auto report = pass.run([] { return false; });
        QVERIFY2(report, qPrintable(why(report)));
        QStringList reported;
        for (const SyncItem &item : report->items)
            if (item.action == u"agent_check"_s)
                reported << item.extra[u"agent"_s].toString() + u":"_s + item.extra[u"status"_s].toString();
        QCOMPARE(reported, QStringList{u"orphan:broken"_s}); // support is ok: not reported
        QSqlQuery q(f.db->connection());
        QVERIFY(q.exec(u"SELECT count(*) FROM vector_stores WHERE api_id IS NOT NULL"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 0); // no public id was handed out by a dry run
    }

    // ----- try as this agent

    void search_as_the_agent_uses_its_stores_options_and_filters_data()
    {
        QTest::addColumn<QString>("store");
        QTest::addColumn<QString>("filterRegion");
        QTest::addColumn<QStringList>("files");
        QTest::newRow("local store, filter region eu") << u"handbook"_s << u"eu"_s << QStringList{u"leave.txt"_s};
        QTest::newRow("local store, filter region us") << u"handbook"_s << u"us"_s << QStringList{u"travel.txt"_s};
        QTest::newRow("OpenAI store, filter region eu") << u"policies"_s << u"eu"_s << QStringList{u"remote.txt"_s};
    }
    void search_as_the_agent_uses_its_stores_options_and_filters()
    {
        QFETCH(QString, store);
        QFETCH(QString, filterRegion);
        QFETCH(QStringList, files);
        BackendFixture f;
        QVERIFY2(seed(f), qPrintable(f.error));
        const QJsonObject options{
            {u"max_num_results"_s, 5},
            {u"filters"_s, QJsonObject{{u"type"_s, u"eq"_s}, {u"key"_s, u"region"_s}, {u"value"_s, filterRegion}}}};
        QVERIFY(f.service->createAgent(u"acme"_s, draft(u"support"_s, AgentBinding::Explicit, options), {store}));
        auto found = f.service->searchAsAgent(u"acme"_s, u"support"_s, u"leave travel remote work"_s);
        QVERIFY2(found, qPrintable(why(found)));
        QVERIFY(found->resolution.ok());
        QStringList names;
        for (const QJsonValue &hit : found->received[u"results"_s].toArray()) {
            names << hit[u"filename"_s].toString();
            QVERIFY(hit[u"file_id"_s].toString().startsWith(u"file-"_s));
            QVERIFY(!hit[u"text"_s].toString().isEmpty());
        }
        QCOMPARE(names, files);
        QCOMPARE(found->received[u"tool"_s].toObject(), found->resolution.tool);
    }
    // ----- docs/agents.md shows what the code prints

    void docs_example_is_what_the_code_prints()
    {
        QFile file(qEnvironmentVariable("VECTORDESK_SOURCE_DIR") + u"/docs/agents.md"_s);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QString doc = QString::fromUtf8(file.readAll());
        const auto block = [&doc](const QString &marker) {
            const QRegularExpression re(u"<!-- "_s + marker + u" -->\n```json\n(.*?)```"_s,
                                        QRegularExpression::DotMatchesEverythingOption);
            return re.match(doc).captured(1);
        };
        const QString optionsText = block(u"example-options"_s);
        const QString toolText = block(u"example-tool"_s);
        QVERIFY(!optionsText.isEmpty() && !toolText.isEmpty());
        auto options = FileSearchOptions::fromJson(QJsonDocument::fromJson(optionsText.toUtf8()).object());
        QVERIFY2(options, qPrintable(why(options)));
        // The ids the text names, in its order: the OpenAI store, then the local store.
        const QRegularExpression ids(u"OpenAI store `(vs_\\w+)` and then to a local store that\\s+`vectordesk serve` "
                                     u"serves as `(vs_\\w+)`"_s);
        const auto m = ids.match(doc);
        QVERIFY2(m.hasMatch(), "docs/agents.md no longer names the example's store ids");
        Agent agent;
        agent.name = u"support"_s;
        agent.tenantId = 1;
        agent.binding = AgentBinding::Explicit;
        agent.options = options.value();
        const VectorStore remote = storeNamed(u"policies"_s, 1, BackendKind::OpenAI);
        const VectorStore local = storeNamed(u"handbook"_s, 1, BackendKind::Local);
        const AgentResolution r =
            resolveFileSearchTool(agent, u"acme"_s, {{remote, m.captured(1)}, {local, m.captured(2)}}, 0);
        QVERIFY(r.ok());
        QCOMPARE(fileSearchToolText(r.tool), toolText);
        QVERIFY(vd::test::validateAgainst(m_schemas, u"FileSearchTool"_s, r.tool).isEmpty());
        // The limit the docs quote is the constant.
        QVERIFY(doc.contains(u"takes (%1)"_s.arg(kMaxStoresPerFileSearchTool)));
        QVERIFY(doc.contains(u"At most %1 stores per tool"_s.arg(kMaxStoresPerFileSearchTool)));
        // Every fail-fast code is explained.
        for (const QString &code : {u"store_deleted"_s, u"store_expired"_s, u"store_other_tenant"_s,
                                    u"backend_unreachable"_s, u"store_not_on_openai"_s, u"too_many_stores"_s,
                                    u"no_stores"_s, u"no_primary_store"_s, u"store_empty"_s, u"store_ingesting"_s})
            QVERIFY2(doc.contains(u"`%1`"_s.arg(code)), qPrintable(code));
    }
};

QTEST_GUILESS_MAIN(TestAgents)
#include "tst_agents.moc"
