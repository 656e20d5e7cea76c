// `vectordesk serve` over loopback (docs/api.md): the real binary, a temporary SQLite database,
// tokens made by the service, requests by cpp-httplib's blocking client. Each test starts its own
// server and stops it with SIGTERM.

#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

QJsonObject jsonOf(const httplib::Result &result)
{
    return result ? QJsonDocument::fromJson(QByteArray::fromStdString(result->body)).object() : QJsonObject();
}

QString errorText(const httplib::Result &result)
{
    if (!result)
        return u"no response (%1)"_s.arg(int(result.error()));
    return u"HTTP %1 %2"_s.arg(result->status).arg(QString::fromStdString(result->body));
}

// The OpenAI error body and status a refusal must have.
void expectError(const httplib::Result &result, int status, const QString &type, const QString &code = {})
{
    QVERIFY2(result, "no response");
    QVERIFY2(result->status == status, qPrintable(errorText(result)));
    const QJsonObject error = jsonOf(result).value(u"error"_s).toObject();
    QVERIFY2(!error.value(u"message"_s).toString().isEmpty(), qPrintable(errorText(result)));
    QCOMPARE(error.value(u"type"_s).toString(), type);
    QVERIFY(error.contains(u"param"_s) && error.contains(u"code"_s));
    if (!code.isEmpty())
        QCOMPARE(error.value(u"code"_s).toString(), code);
    QCOMPARE(result->get_header_value_count("x-request-id"), std::size_t(1));
}

httplib::Result postJson(httplib::Client &client, const std::string &path, const QJsonObject &body)
{
    return client.Post(path, QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(), "application/json");
}

httplib::Result upload(httplib::Client &client, const std::string &name, const std::string &content,
                       const std::string &purpose = "assistants")
{
    httplib::MultipartFormDataItems items = {{"purpose", purpose, "", ""},
                                             {"file", content, name, "application/octet-stream"}};
    return client.Post("/v1/files", items);
}

// One tenant acme and globex (with its store "hidden"), on a fresh SQLite file or a fresh database
// on the CTest-started PostgreSQL server. `db` is what `--db` takes; `engineRoot` is where the
// server keeps indexes, blobs and incoming/ (for PostgreSQL, VECTORDESK_ENGINE_DIR, set for this
// process and so for the server it starts, until the fixture goes).
struct Fixture
{
    QTemporaryDir dir;
    QString db;
    QString engineRoot;
    QString why; // empty when ready
    explicit Fixture(const QString &engine = u"sqlite"_s)
    {
        if (engine == u"postgresql"_s) {
            db = test::freshPostgresUrl(u"api_server"_s, &why);
            if (db.isEmpty())
                return;
            engineRoot = dir.filePath(u"engine"_s);
            qputenv("VECTORDESK_ENGINE_DIR", QFile::encodeName(engineRoot));
        } else {
            db = dir.filePath(u"api.sqlite"_s);
            engineRoot = dir.filePath(u"api.engine"_s);
        }
        QString error;
        auto url = DatabaseUrl::parse(db, &error);
        if (!url) {
            why = error;
            return;
        }
        auto session = CoreSession::open(url.value(), u"alice"_s, true);
        if (!session) {
            why = session.error().message();
            return;
        }
        VectorStoreService &alice = session.value()->service();
        for (const auto &made : {alice.createTenant({u"acme"_s, u"Acme"_s, u"pro"_s, u"local"_s}),
                                 alice.createTenant({u"globex"_s, u"Globex"_s, u"pro"_s, u"local"_s})})
            if (!made)
                why = made.error().message();
        if (auto hidden = alice.createStore(u"globex"_s, {u"hidden"_s, {}, {}, {}, {}}); !hidden)
            why = hidden.error().message();
    }
    ~Fixture() { qunsetenv("VECTORDESK_ENGINE_DIR"); }
    bool ready() const { return why.isEmpty(); }
    std::unique_ptr<Database> open()
    {
        QString error;
        auto db_ = std::make_unique<Database>(DatabaseUrl::parse(db, &error).value());
        if (!db_->open(&error))
            qWarning() << error;
        return db_;
    }
    qint64 count(const QString &sql)
    {
        auto database = open();
        auto q = runQuery(*database, sql, {}, u"counting"_s);
        if (!q || !q.value().next())
            return -1;
        return q.value().value(0).toLongLong();
    }
};

// How many files under `folder` the process `pid` has open: a spooled upload is an unnamed file
// (O_TMPFILE) while it arrives, so it shows only among the process's open files.
int openFilesUnder(qint64 pid, const QString &folder)
{
    const QString fds = u"/proc/%1/fd"_s.arg(pid);
    int open = 0;
    for (const QString &fd : QDir(fds).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        char target[4096] = {};
        const ssize_t length = ::readlink(QFile::encodeName(fds + u'/' + fd).constData(), target, sizeof target - 1);
        open += length > 0 && QString::fromLocal8Bit(target, length).startsWith(folder) ? 1 : 0;
    }
    return open;
}

// A raw connection that sends a request's head and then its body slowly, to hold an upload open.
class SlowUpload
{
public:
    SlowUpload(int port, const QString &token, qint64 bodyLength)
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(quint16(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_socket, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
        const QByteArray head = "POST /v1/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token.toUtf8()
            + "\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: " + QByteArray::number(bodyLength)
            + "\r\n\r\n--XyZ\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--XyZ\r\n"
              "Content-Disposition: form-data; name=\"file\"; filename=\"slow.txt\"\r\n"
              "Content-Type: text/plain\r\n\r\n";
        send(head);
    }
    ~SlowUpload() { ::close(m_socket); }
    bool connected() const { return m_connected; }
    bool send(const QByteArray &bytes)
    {
        return ::send(m_socket, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) >= 0;
    }

private:
    int m_socket = -1;
    bool m_connected = false;
};

void engines()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << u"sqlite"_s;
    QTest::newRow("postgresql") << u"postgresql"_s;
}

} // namespace

// The fixture of a test run on both engines; a missing PostgreSQL fixture skips (outside CTest).
#define ENGINE_FIXTURE(f)                                                                                              \
    QFETCH(QString, engine);                                                                                           \
    Fixture f(engine);                                                                                                 \
    if (!f.ready() && engine == u"postgresql"_s && test::postgresFixtureDir().isEmpty())                               \
        QSKIP("no PostgreSQL fixture server (run through ctest)");                                                     \
    QVERIFY2(f.ready(), qPrintable(f.why))

class TestServer : public QObject
{
    Q_OBJECT

private slots:
    void refusesPlainHttpOffLoopback()
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(qEnvironmentVariable("VECTORDESK_BINARY"),
                      {u"serve"_s, u"--listen"_s, u"0.0.0.0:0"_s, u"--db"_s, u"/nonexistent/x.sqlite"_s});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 2);
        const QString output = QString::fromUtf8(process.readAll());
        QVERIFY2(output.contains(u"not a loopback address"_s) && output.contains(u"--insecure-http"_s),
                 qPrintable(output));
    }

    // GET /metrics: a token sees its tenant's series; without one only a --metrics-open server
    // answers, with every tenant (docs/observability.md).
    void metricsAreScopedToTheToken()
    {
        Fixture f;
        QVERIFY2(f.ready(), qPrintable(f.why));
        const QString acme = test::makeToken(f.db, u"acme"_s, u"viewer"_s, u"prometheus"_s);
        {
            test::ServerProcess server(f.db);
            QVERIFY2(server.start(), qPrintable(server.why()));
            QCOMPARE(server.client(acme)->Get("/v1/vector_stores")->status, 200);
            auto anonymous = server.client({})->Get("/metrics");
            expectError(anonymous, 401, u"invalid_request_error"_s, u"invalid_api_key"_s);
            QVERIFY(QString::fromStdString(anonymous->body).contains(u"--metrics-open"_s));
            auto mine = server.client(acme)->Get("/metrics");
            QVERIFY2(mine && mine->status == 200, qPrintable(errorText(mine)));
            QVERIFY(QString::fromStdString(mine->get_header_value("Content-Type")).startsWith(u"text/plain"_s));
            const QString text = QString::fromStdString(mine->body);
            // globex's store "hidden" is a state series of globex: not shown to acme's token.
            QVERIFY2(!text.contains(u"globex"_s), qPrintable(text));
            QVERIFY(!text.contains(u"vectordesk_api_requests_total{"_s)); // no tenant label: left out
            QCOMPARE(server.stop(), 0);
        }
        test::ServerProcess open(f.db, {u"--metrics-open"_s});
        QVERIFY2(open.start(), qPrintable(open.why()));
        QCOMPARE(open.client(acme)->Get("/v1/vector_stores")->status, 200);
        auto all = open.client({})->Get("/metrics");
        QVERIFY2(all && all->status == 200, qPrintable(errorText(all)));
        const QString text = QString::fromStdString(all->body);
        QVERIFY2(
            text.contains(u"vectordesk_store_files{backend=\"local\",tenant=\"globex\",status=\"completed\"} 0\n"_s),
            qPrintable(text));
        QVERIFY2(text.contains(u"vectordesk_api_requests_total{route=\"get:/v1/vector_stores\",status=\"200\"} 1\n"_s),
                 qPrintable(text));
        QCOMPARE(open.stop(), 0);
    }

    void tokensDecideWhoSeesWhat_data() { engines(); }
    void tokensDecideWhoSeesWhat()
    {
        ENGINE_FIXTURE(f);
        const QString editor = test::makeToken(f.db, u"acme"_s, u"editor"_s, u"writer"_s);
        const QString viewer = test::makeToken(f.db, u"acme"_s, u"viewer"_s, u"reader"_s);
        const QString admin = test::makeToken(f.db, u"acme"_s, u"admin"_s, u"boss"_s);
        const QString revoked = test::makeToken(f.db, u"acme"_s, u"admin"_s, u"old"_s);
        const QString expired = test::makeToken(f.db, u"acme"_s, u"admin"_s, u"stale"_s);
        const QString globex = test::makeToken(f.db, u"globex"_s, u"admin"_s, u"theirs"_s);
        QVERIFY(!editor.isEmpty() && !viewer.isEmpty() && !admin.isEmpty() && !globex.isEmpty());
        {
            auto db = f.open();
            CoreSession session(*db, u"alice"_s);
            QVERIFY(session.service().revokeApiToken(u"acme"_s, u"old"_s));
            QVERIFY(runQuery(*db, u"UPDATE api_tokens SET expires_at = created_at + 1 WHERE name = 'stale'"_s, {},
                             u"expiring"_s));
        }
        test::ServerProcess server(f.db);
        QVERIFY2(server.start(), qPrintable(server.why()));

        expectError(server.client({})->Get("/v1/vector_stores"), 401, u"invalid_request_error"_s, u"invalid_api_key"_s);
        const QStringList badTokens{u"vdk_nope"_s, revoked, expired, editor.left(46) + u"x"_s};
        for (const QString &bad : badTokens) {
            auto refused = server.client(bad)->Get("/v1/vector_stores");
            expectError(refused, 401, u"invalid_request_error"_s, u"invalid_api_key"_s);
            QVERIFY(!QString::fromStdString(refused->body).contains(bad));
        }

        auto boss = server.client(admin);
        auto created = postJson(*boss, "/v1/vector_stores", {{u"name"_s, u"docs"_s}});
        QVERIFY2(created && created->status == 200, qPrintable(errorText(created)));
        const QString storeId = jsonOf(created).value(u"id"_s).toString();
        QVERIFY2(storeId.startsWith(u"vs_"_s), qPrintable(storeId));

        // The other tenant's token: 404 for acme's store, as for an id that does not exist.
        const std::string storePath = "/v1/vector_stores/" + storeId.toStdString();
        expectError(server.client(globex)->Get(storePath), 404, u"invalid_request_error"_s);
        expectError(server.client(globex)->Delete(storePath), 404, u"invalid_request_error"_s);
        expectError(server.client(globex)->Get("/v1/vector_stores/vs_doesnotexist"), 404, u"invalid_request_error"_s);
        const qint64 globexSees =
            jsonOf(server.client(globex)->Get("/v1/vector_stores")).value(u"data"_s).toArray().size();
        QCOMPARE(globexSees, 1); // its own "hidden" store only

        // A viewer reads and searches but writes nothing; an editor may not create stores.
        const qint64 auditBefore = f.count(u"SELECT count(*) FROM audit_log"_s);
        QCOMPARE(server.client(viewer)->Get(storePath)->status, 200);
        expectError(server.client(viewer)->Delete(storePath), 403, u"permission_error"_s,
                    u"insufficient_permissions"_s);
        expectError(postJson(*server.client(viewer), storePath, {{u"name"_s, u"renamed"_s}}), 403,
                    u"permission_error"_s);
        expectError(upload(*server.client(viewer), "a.txt", "hello"), 403, u"permission_error"_s);
        expectError(postJson(*server.client(editor), "/v1/vector_stores", {{u"name"_s, u"more"_s}}), 403,
                    u"permission_error"_s);
        QCOMPARE(f.count(u"SELECT count(*) FROM audit_log"_s), auditBefore);
        QCOMPARE(f.count(u"SELECT count(*) FROM uploaded_files"_s), 0);

        // The audit row names the token and carries the request id the response returned.
        auto renamed = postJson(*boss, storePath, {{u"name"_s, u"docs-2"_s}});
        QVERIFY2(renamed && renamed->status == 200, qPrintable(errorText(renamed)));
        QCOMPARE(jsonOf(renamed).value(u"name"_s).toString(), u"docs-2"_s);
        QCOMPARE(renamed->get_header_value_count("x-request-id"), std::size_t(1));
        const QString requestId = QString::fromStdString(renamed->get_header_value("x-request-id"));
        QVERIFY(!requestId.isEmpty());
        {
            auto db = f.open();
            auto row = runQuery(*db, u"SELECT operator, request_id FROM audit_log ORDER BY id DESC LIMIT 1"_s, {},
                                u"reading"_s);
            QVERIFY(row && row.value().next());
            QCOMPARE(row.value().value(0).toString(), u"token:boss"_s);
            QCOMPARE(row.value().value(1).toString(), requestId);
        }
        QCOMPARE(server.stop(), 0);
    }

    // /v1/agents (docs/agents.md): VectorDesk's extension, read-only and token-scoped.
    void agentsAreServedPerToken_data() { engines(); }
    void agentsAreServedPerToken()
    {
        ENGINE_FIXTURE(f);
        const QString admin = test::makeToken(f.db, u"acme"_s, u"admin"_s, u"boss"_s);
        const QString viewer = test::makeToken(f.db, u"acme"_s, u"viewer"_s, u"reader"_s);
        const QString globex = test::makeToken(f.db, u"globex"_s, u"admin"_s, u"theirs"_s);
        test::ServerProcess server(f.db);
        QVERIFY2(server.start(), qPrintable(server.why()));
        auto created = postJson(*server.client(admin), "/v1/vector_stores", {{u"name"_s, u"handbook"_s}});
        QVERIFY2(created && created->status == 200, qPrintable(errorText(created)));
        const QString storeId = jsonOf(created).value(u"id"_s).toString();
        {
            auto db = f.open();
            CoreSession session(*db, u"alice"_s);
            AgentDraft support;
            support.name = u"support"_s;
            support.binding = AgentBinding::Explicit;
            support.options = FileSearchOptions::fromJson({{u"max_num_results"_s, 3}}).value();
            auto made = session.service().createAgent(u"acme"_s, support, {u"handbook"_s});
            QVERIFY2(made, qPrintable(made ? QString() : made.error().message()));
            AgentDraft orphan;
            orphan.name = u"orphan"_s;
            orphan.binding = AgentBinding::Explicit;
            QVERIFY(session.service().createAgent(u"acme"_s, orphan));
        }
        auto reader = server.client(viewer);
        const QJsonObject list = jsonOf(reader->Get("/v1/agents"));
        QStringList seen;
        for (const QJsonValue &a : list.value(u"data"_s).toArray())
            seen << a[u"name"_s].toString() + u":"_s + a[u"status"_s].toString();
        QCOMPARE(seen, (QStringList{u"orphan:broken"_s, u"support:warning"_s})); // handbook has no files yet
        const QJsonObject one = jsonOf(reader->Get("/v1/agents/support"));
        QCOMPARE(one.value(u"binding_mode"_s).toString(), u"explicit"_s);
        QCOMPARE(one.value(u"vector_stores"_s).toArray(), QJsonArray{u"handbook"_s});
        QCOMPARE(one.value(u"warnings"_s).toArray().size(), 1);
        auto tool = reader->Get("/v1/agents/support/file_search_tool");
        QVERIFY2(tool && tool->status == 200, qPrintable(errorText(tool)));
        QCOMPARE(jsonOf(tool),
                 (QJsonObject{{u"type"_s, u"file_search"_s},
                              {u"vector_store_ids"_s, QJsonArray{storeId}},
                              {u"max_num_results"_s, 3}}));
        QVERIFY(QString::fromStdString(tool->get_header_value("x-vectordesk-warnings")).contains(u"store_empty"_s));
        auto broken = reader->Get("/v1/agents/orphan/file_search_tool");
        expectError(broken, 400, u"invalid_request_error"_s);
        QVERIFY(QString::fromStdString(broken->body).contains(u"none is bound"_s));
        // Another tenant's token sees none of them; no token is refused.
        expectError(server.client(globex)->Get("/v1/agents/support"), 404, u"invalid_request_error"_s);
        expectError(server.client(globex)->Get("/v1/agents/support/file_search_tool"), 404, u"invalid_request_error"_s);
        QCOMPARE(jsonOf(server.client(globex)->Get("/v1/agents")).value(u"data"_s).toArray().size(), 0);
        expectError(server.client({})->Get("/v1/agents"), 401, u"invalid_request_error"_s, u"invalid_api_key"_s);
        QCOMPARE(server.stop(), 0);
    }

    void storesListPageAndChange_data() { engines(); }
    void storesListPageAndChange()
    {
        ENGINE_FIXTURE(f);
        const QString admin = test::makeToken(f.db, u"acme"_s, u"admin"_s, u"boss"_s);
        test::ServerProcess server(f.db);
        QVERIFY2(server.start(), qPrintable(server.why()));
        auto client = server.client(admin);

        QStringList created; // oldest first
        for (int i = 0; i < 5; ++i) {
            auto r = postJson(
                *client, "/v1/vector_stores",
                {{u"name"_s, u"store-%1"_s.arg(i)},
                 {u"metadata"_s, QJsonObject{{u"n"_s, QString::number(i)}}},
                 {u"expires_after"_s, QJsonObject{{u"anchor"_s, u"last_active_at"_s}, {u"days"_s, 7}}},
                 {u"chunking_strategy"_s,
                  QJsonObject{{u"type"_s, u"static"_s},
                              {u"static"_s,
                               QJsonObject{{u"max_chunk_size_tokens"_s, 200}, {u"chunk_overlap_tokens"_s, 50}}}}}});
            QVERIFY2(r && r->status == 200, qPrintable(errorText(r)));
            const QJsonObject store = jsonOf(r);
            QVERIFY(!r->has_header("x-vectordesk-difference")); // a named store answers as OpenAI's would
            QCOMPARE(store.value(u"object"_s).toString(), u"vector_store"_s);
            QCOMPARE(store.value(u"status"_s).toString(), u"completed"_s);
            QCOMPARE(store.value(u"expires_after"_s).toObject().value(u"days"_s).toInt(), 7);
            QVERIFY(store.value(u"created_at"_s).toInteger() < 4'000'000'000LL); // seconds, not ms
            QCOMPARE(store.value(u"file_counts"_s).toObject().value(u"total"_s).toInt(), 0);
            created << store.value(u"id"_s).toString();
            QTest::qWait(5); // distinct created_at where the clock allows; ties are ordered by row
        }
        // A nameless store is named after its id.
        auto nameless = postJson(*client, "/v1/vector_stores", {});
        QVERIFY2(nameless && nameless->status == 200, qPrintable(errorText(nameless)));
        QCOMPARE(jsonOf(nameless).value(u"name"_s).toString(), jsonOf(nameless).value(u"id"_s).toString());
        QVERIFY(QString::fromStdString(nameless->get_header_value("x-vectordesk-difference")).startsWith(u"name:"_s));
        created << jsonOf(nameless).value(u"id"_s).toString();

        // Newest first by default; pages of 2 via after; has_more until the end.
        QStringList seen;
        std::string path = "/v1/vector_stores?limit=2";
        for (int pageNumber = 0; pageNumber < 4; ++pageNumber) {
            auto r = client->Get(path);
            QVERIFY2(r && r->status == 200, qPrintable(errorText(r)));
            const QJsonObject page = jsonOf(r);
            QCOMPARE(page.value(u"object"_s).toString(), u"list"_s);
            const QJsonArray data = page.value(u"data"_s).toArray();
            for (const QJsonValue &v : data)
                seen << v.toObject().value(u"id"_s).toString();
            if (!data.isEmpty()) {
                QCOMPARE(page.value(u"first_id"_s).toString(), data.first().toObject().value(u"id"_s).toString());
                QCOMPARE(page.value(u"last_id"_s).toString(), data.last().toObject().value(u"id"_s).toString());
            }
            if (!page.value(u"has_more"_s).toBool())
                break;
            path = "/v1/vector_stores?limit=2&after=" + page.value(u"last_id"_s).toString().toStdString();
        }
        QStringList newestFirst = created;
        std::reverse(newestFirst.begin(), newestFirst.end());
        QCOMPARE(seen, newestFirst);
        // Ascending, and the page before a cursor.
        auto asc = jsonOf(client->Get("/v1/vector_stores?order=asc&limit=3"));
        QCOMPARE(asc.value(u"data"_s).toArray().first().toObject().value(u"id"_s).toString(), created.first());
        QVERIFY(asc.value(u"has_more"_s).toBool());
        auto before = jsonOf(client->Get("/v1/vector_stores?order=asc&limit=2&before=" + created[3].toStdString()));
        QCOMPARE(before.value(u"first_id"_s).toString(), created[1]);
        QCOMPARE(before.value(u"last_id"_s).toString(), created[2]);
        QVERIFY(before.value(u"has_more"_s).toBool());

        expectError(client->Get("/v1/vector_stores?limit=0"), 400, u"invalid_request_error"_s);
        QCOMPARE(jsonOf(client->Get("/v1/vector_stores?limit=101"))
                     .value(u"error"_s)
                     .toObject()
                     .value(u"param"_s)
                     .toString(),
                 u"limit"_s);
        expectError(client->Get("/v1/vector_stores?order=sideways"), 400, u"invalid_request_error"_s);
        expectError(client->Get("/v1/vector_stores?after=vs_unknown"), 400, u"invalid_request_error"_s);

        // Update: metadata replaced, expiry cleared by null; unknown fields refused.
        const std::string first = "/v1/vector_stores/" + created.first().toStdString();
        auto updated =
            postJson(*client, first,
                     {{u"metadata"_s, QJsonObject{{u"team"_s, u"legal"_s}}}, {u"expires_after"_s, QJsonValue::Null}});
        QVERIFY2(updated && updated->status == 200, qPrintable(errorText(updated)));
        QCOMPARE(jsonOf(updated).value(u"metadata"_s).toObject(), (QJsonObject{{u"team"_s, u"legal"_s}}));
        QVERIFY(!jsonOf(updated).contains(u"expires_after"_s));
        auto unknown = postJson(*client, first, {{u"colour"_s, u"blue"_s}});
        expectError(unknown, 400, u"invalid_request_error"_s);
        QCOMPARE(jsonOf(unknown).value(u"error"_s).toObject().value(u"param"_s).toString(), u"colour"_s);
        // The service's rules answer through the API: a duplicate name, bad metadata, bad chunking.
        expectError(postJson(*client, "/v1/vector_stores", {{u"name"_s, u"STORE-1"_s}}), 400,
                    u"invalid_request_error"_s, u"conflict"_s);
        auto tooMany = QJsonObject();
        for (int i = 0; i < 17; ++i)
            tooMany.insert(u"k%1"_s.arg(i), u"v"_s);
        expectError(postJson(*client, "/v1/vector_stores", {{u"name"_s, u"x"_s}, {u"metadata"_s, tooMany}}), 400,
                    u"invalid_request_error"_s);
        expectError(
            postJson(
                *client, "/v1/vector_stores",
                {{u"name"_s, u"y"_s},
                 {u"chunking_strategy"_s,
                  QJsonObject{{u"type"_s, u"static"_s},
                              {u"static"_s,
                               QJsonObject{{u"max_chunk_size_tokens"_s, 100}, {u"chunk_overlap_tokens"_s, 80}}}}}}),
            400, u"invalid_request_error"_s);

        // Delete: the deleted object, then 404.
        auto removed = client->Delete(first);
        QVERIFY2(removed && removed->status == 200, qPrintable(errorText(removed)));
        QCOMPARE(
            jsonOf(removed),
            (QJsonObject{{u"id"_s, created.first()}, {u"object"_s, u"vector_store.deleted"_s}, {u"deleted"_s, true}}));
        expectError(client->Get(first), 404, u"invalid_request_error"_s);
        // Unknown paths answer as OpenAI's do.
        auto nowhere = client->Get("/v1/assistants");
        expectError(nowhere, 404, u"invalid_request_error"_s);
        QVERIFY(jsonOf(nowhere)
                    .value(u"error"_s)
                    .toObject()
                    .value(u"message"_s)
                    .toString()
                    .startsWith(u"Invalid URL (GET /v1/assistants)"_s));
        QCOMPARE(server.stop(), 0);
    }

    void filesAttachIndexAndSearch_data() { engines(); }
    void filesAttachIndexAndSearch()
    {
        ENGINE_FIXTURE(f);
        const QString admin = test::makeToken(f.db, u"acme"_s, u"admin"_s, u"boss"_s);
        test::ServerProcess server(f.db);
        QVERIFY2(server.start(), qPrintable(server.why()));
        auto client = server.client(admin);

        // Upload: the File object; list, retrieve, content.
        const std::string text =
            "Wing flutter is an aeroelastic instability.\nThe flutter speed depends on stiffness.\n";
        auto uploaded = upload(*client, "flutter.md", text);
        QVERIFY2(uploaded && uploaded->status == 200, qPrintable(errorText(uploaded)));
        const QJsonObject file = jsonOf(uploaded);
        const QString fileId = file.value(u"id"_s).toString();
        QVERIFY2(fileId.startsWith(u"file-"_s), qPrintable(fileId));
        QCOMPARE(file.value(u"object"_s).toString(), u"file"_s);
        QCOMPARE(file.value(u"bytes"_s).toInteger(), qint64(text.size()));
        QCOMPARE(file.value(u"filename"_s).toString(), u"flutter.md"_s);
        QCOMPARE(file.value(u"purpose"_s).toString(), u"assistants"_s);
        auto other = upload(*client, "notes.txt", "Boundary layers separate at high angles of attack.\n");
        QVERIFY2(other && other->status == 200, qPrintable(errorText(other)));
        const QString otherId = jsonOf(other).value(u"id"_s).toString();
        expectError(upload(*client, "x.txt", "abc", "fine-tune"), 400, u"invalid_request_error"_s);

        auto listed = jsonOf(client->Get("/v1/files"));
        QCOMPARE(listed.value(u"data"_s).toArray().size(), 2);
        QCOMPARE(listed.value(u"first_id"_s).toString(), otherId); // newest first
        auto paged = jsonOf(client->Get("/v1/files?limit=1&order=asc"));
        QCOMPARE(paged.value(u"first_id"_s).toString(), fileId);
        QVERIFY(paged.value(u"has_more"_s).toBool());
        auto next = jsonOf(client->Get("/v1/files?limit=1&order=asc&after=" + fileId.toStdString()));
        QCOMPARE(next.value(u"first_id"_s).toString(), otherId);
        QVERIFY(!next.value(u"has_more"_s).toBool());
        QCOMPARE(jsonOf(client->Get("/v1/files/" + fileId.toStdString())).value(u"id"_s).toString(), fileId);
        auto content = client->Get("/v1/files/" + fileId.toStdString() + "/content");
        QVERIFY2(content && content->status == 200, qPrintable(errorText(content)));
        QCOMPARE(content->body, text);
        expectError(client->Get("/v1/files/file-missing"), 404, u"invalid_request_error"_s);

        // Attach to a store; the ingestion worker indexes it; the store file has the File's id.
        auto store = jsonOf(postJson(*client, "/v1/vector_stores", {{u"name"_s, u"aero"_s}}));
        const std::string storePath = "/v1/vector_stores/" + store.value(u"id"_s).toString().toStdString();
        auto attached = postJson(*client, storePath + "/files",
                                 {{u"file_id"_s, fileId}, {u"attributes"_s, QJsonObject{{u"topic"_s, u"flutter"_s}}}});
        QVERIFY2(attached && attached->status == 200, qPrintable(errorText(attached)));
        QCOMPARE(jsonOf(attached).value(u"id"_s).toString(), fileId);
        QCOMPARE(jsonOf(attached).value(u"object"_s).toString(), u"vector_store.file"_s);
        QCOMPARE(jsonOf(attached).value(u"vector_store_id"_s).toString(), store.value(u"id"_s).toString());
        QCOMPARE(jsonOf(attached).value(u"chunking_strategy"_s).toObject().value(u"type"_s).toString(), u"static"_s);
        auto second = postJson(*client, storePath + "/files",
                               {{u"file_id"_s, otherId}, {u"attributes"_s, QJsonObject{{u"topic"_s, u"layers"_s}}}});
        QVERIFY2(second && second->status == 200, qPrintable(errorText(second)));
        auto missing = postJson(*client, storePath + "/files", {{u"file_id"_s, u"file-nothere"_s}});
        expectError(missing, 400, u"invalid_request_error"_s);
        QCOMPARE(jsonOf(missing).value(u"error"_s).toObject().value(u"param"_s).toString(), u"file_id"_s);
        // The same bytes twice in one store are refused.
        expectError(postJson(*client, storePath + "/files", {{u"file_id"_s, fileId}}), 400, u"invalid_request_error"_s,
                    u"conflict"_s);

        const std::string filePath = storePath + "/files/" + fileId.toStdString();
        QString status;
        for (int i = 0; i < 200 && status != u"completed"_s; ++i) {
            status = jsonOf(client->Get(filePath)).value(u"status"_s).toString();
            if (status == u"failed"_s)
                QFAIL(qPrintable(QString::fromStdString(client->Get(filePath)->body)));
            if (status != u"completed"_s)
                QTest::qWait(100);
        }
        QCOMPARE(status, u"completed"_s);
        for (int i = 0; i < 200; ++i) {
            if (jsonOf(client->Get(storePath)).value(u"file_counts"_s).toObject().value(u"completed"_s).toInt() == 2)
                break;
            QTest::qWait(100);
        }
        QCOMPARE(jsonOf(client->Get(storePath)).value(u"file_counts"_s).toObject().value(u"completed"_s).toInt(), 2);

        // Lists of store files: filter by status, pages.
        auto completed = jsonOf(client->Get(storePath + "/files?filter=completed&limit=1&order=asc"));
        QCOMPARE(completed.value(u"first_id"_s).toString(), fileId);
        QVERIFY(completed.value(u"has_more"_s).toBool());
        auto rest = jsonOf(client->Get(storePath + "/files?filter=completed&order=asc&after=" + fileId.toStdString()));
        QCOMPARE(rest.value(u"first_id"_s).toString(), otherId);
        QCOMPARE(jsonOf(client->Get(storePath + "/files?filter=failed")).value(u"data"_s).toArray().size(), 0);
        expectError(client->Get(storePath + "/files?filter=broken"), 400, u"invalid_request_error"_s);

        // Search with a filter and ranking options; the hit names the File.
        auto found = postJson(
            *client, storePath + "/search",
            {{u"query"_s, u"flutter speed"_s},
             {u"filters"_s, QJsonObject{{u"type"_s, u"eq"_s}, {u"key"_s, u"topic"_s}, {u"value"_s, u"flutter"_s}}},
             {u"ranking_options"_s, QJsonObject{{u"ranker"_s, u"auto"_s}, {u"score_threshold"_s, 0}}},
             {u"max_num_results"_s, 5}});
        QVERIFY2(found && found->status == 200, qPrintable(errorText(found)));
        const QJsonObject page = jsonOf(found);
        QCOMPARE(page.value(u"object"_s).toString(), u"vector_store.search_results.page"_s);
        QVERIFY(!page.contains(u"explain"_s));
        const QJsonArray hits = page.value(u"data"_s).toArray();
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().toObject().value(u"file_id"_s).toString(), fileId);
        QCOMPARE(hits.first().toObject().value(u"filename"_s).toString(), u"flutter.md"_s);
        expectError(postJson(*client, storePath + "/search", {{u"query"_s, u"x"_s}, {u"max_num_results"_s, 51}}), 400,
                    u"invalid_request_error"_s);

        // Attributes, content, detach.
        auto changed = postJson(*client, filePath,
                                {{u"attributes"_s, QJsonObject{{u"topic"_s, u"aeroelastic"_s}, {u"year"_s, 2025}}}});
        QVERIFY2(changed && changed->status == 200, qPrintable(errorText(changed)));
        QCOMPARE(jsonOf(changed).value(u"attributes"_s).toObject().value(u"year"_s).toInt(), 2025);
        auto parsed = jsonOf(client->Get(filePath + "/content"));
        QCOMPARE(parsed.value(u"object"_s).toString(), u"vector_store.file_content.page"_s);
        QString joined;
        for (const QJsonValue &piece : parsed.value(u"data"_s).toArray())
            joined += piece.toObject().value(u"text"_s).toString();
        QVERIFY2(joined.contains(u"aeroelastic instability"_s) && joined.contains(u"stiffness"_s), qPrintable(joined));
        auto detached = client->Delete(filePath);
        QVERIFY2(detached && detached->status == 200, qPrintable(errorText(detached)));
        QCOMPARE(jsonOf(detached).value(u"object"_s).toString(), u"vector_store.file.deleted"_s);
        expectError(client->Get(filePath), 404, u"invalid_request_error"_s);
        QCOMPARE(client->Get("/v1/files/" + fileId.toStdString())->status, 200); // the File stays

        // Deleting a File detaches it everywhere and answers OpenAI's shape.
        auto gone = client->Delete("/v1/files/" + otherId.toStdString());
        QVERIFY2(gone && gone->status == 200, qPrintable(errorText(gone)));
        QCOMPARE(jsonOf(gone), (QJsonObject{{u"id"_s, otherId}, {u"object"_s, u"file"_s}, {u"deleted"_s, true}}));
        expectError(client->Get(storePath + "/files/" + otherId.toStdString()), 404, u"invalid_request_error"_s);
        QCOMPARE(f.count(u"SELECT count(*) FROM vector_store_files WHERE deleted_at IS NULL"_s), 0);
        QCOMPARE(server.stop(), 0);
    }

    // A plan limit answers as OpenAI answers a quota it will not exceed: 429 insufficient_quota,
    // without retry-after and with x-should-retry: false (the SDKs do not retry it); a conflicting
    // state stays 400. Nothing is changed by a refusal.
    void planLimitsAndConflicts_data() { engines(); }
    void planLimitsAndConflicts()
    {
        ENGINE_FIXTURE(f);
        const QString admin = test::makeToken(f.db, u"acme"_s, u"admin"_s, u"boss"_s);
        {
            QString error;
            auto session = CoreSession::open(DatabaseUrl::parse(f.db, &error).value(), u"alice"_s, true);
            QVERIFY(session);
            auto planned = session.value()->service().setPlan(
                u"acme"_s, u"pro"_s,
                QJsonObject{{u"max_stores"_s, 1}, {u"max_files_per_store"_s, 1}, {u"max_file_bytes"_s, 64}});
            QVERIFY2(planned, planned ? "" : qPrintable(planned.error().message()));
        }
        test::ServerProcess server(f.db);
        QVERIFY2(server.start(), qPrintable(server.why()));
        auto client = server.client(admin);
        auto expectQuota = [](const httplib::Result &refused, const QString &mentions) {
            expectError(refused, 429, u"insufficient_quota"_s, u"insufficient_quota"_s);
            QVERIFY(!refused->has_header("retry-after"));
            QCOMPARE(refused->get_header_value("x-should-retry"), std::string("false"));
            const QString message = jsonOf(refused).value(u"error"_s).toObject().value(u"message"_s).toString();
            QVERIFY2(message.contains(mentions), qPrintable(message));
        };

        // Stores: the second is over max_stores.
        auto first = postJson(*client, "/v1/vector_stores", {{u"name"_s, u"one"_s}});
        QVERIFY2(first && first->status == 200, qPrintable(errorText(first)));
        const std::string storePath = "/v1/vector_stores/" + jsonOf(first).value(u"id"_s).toString().toStdString();
        const qint64 auditBefore = f.count(u"SELECT count(*) FROM audit_log"_s);
        expectQuota(postJson(*client, "/v1/vector_stores", {{u"name"_s, u"two"_s}}), u"plan limit of 1 stores"_s);
        QCOMPARE(f.count(u"SELECT count(*) FROM vector_stores WHERE deleted_at IS NULL AND tenant_id = 1"_s), 1);

        // Uploads: larger than the plan's largest file.
        expectQuota(upload(*client, "big.txt", std::string(100, 'b')), u"64 bytes"_s);
        QCOMPARE(f.count(u"SELECT count(*) FROM uploaded_files"_s), 0);
        QVERIFY(QDir(f.engineRoot + u"/incoming"_s).entryList(QDir::Files | QDir::Hidden).isEmpty());

        // Store files: the second attach is over max_files_per_store, alone or in a batch.
        auto a = upload(*client, "a.txt", "alpha file\n");
        auto b = upload(*client, "b.txt", "beta file\n");
        QVERIFY2(a && a->status == 200 && b && b->status == 200, qPrintable(errorText(b)));
        const QString aId = jsonOf(a).value(u"id"_s).toString();
        const QString bId = jsonOf(b).value(u"id"_s).toString();
        auto attached = postJson(*client, storePath + "/files", {{u"file_id"_s, aId}});
        QVERIFY2(attached && attached->status == 200, qPrintable(errorText(attached)));
        // The ingestion worker writes its own audit row when the file is indexed: wait for it.
        QTRY_COMPARE_WITH_TIMEOUT(
            jsonOf(client->Get(storePath + "/files/" + aId.toStdString())).value(u"status"_s).toString(),
            u"completed"_s, 20000);
        const qint64 afterAttach = f.count(u"SELECT count(*) FROM audit_log"_s);
        expectQuota(postJson(*client, storePath + "/files", {{u"file_id"_s, bId}}), u"plan limit of 1 files"_s);
        expectQuota(postJson(*client, storePath + "/file_batches", {{u"file_ids"_s, QJsonArray{bId}}}), bId);
        QCOMPARE(f.count(u"SELECT count(*) FROM vector_store_files WHERE deleted_at IS NULL"_s), 1);
        QCOMPARE(f.count(u"SELECT count(*) FROM vector_store_file_batches"_s), 0);
        QCOMPARE(f.count(u"SELECT count(*) FROM audit_log"_s), afterAttach);
        QVERIFY(afterAttach > auditBefore);

        // A conflicting state is OpenAI's 400: the same content twice in one store.
        expectError(postJson(*client, storePath + "/files", {{u"file_id"_s, aId}}), 400, u"invalid_request_error"_s,
                    u"conflict"_s);
        QCOMPARE(f.count(u"SELECT count(*) FROM vector_store_files WHERE deleted_at IS NULL"_s), 1);
        // A refusal of the attach rule names its reason as the code: an empty file.
        auto empty = upload(*client, "empty.txt", "");
        QVERIFY2(empty && empty->status == 200, qPrintable(errorText(empty)));
        expectError(postJson(*client, storePath + "/files", {{u"file_id"_s, jsonOf(empty).value(u"id"_s).toString()}}),
                    400, u"invalid_request_error"_s, u"empty_file"_s);
        QCOMPARE(f.count(u"SELECT count(*) FROM vector_store_files WHERE deleted_at IS NULL"_s), 1);
        QCOMPARE(server.stop(), 0);
    }

    void fileBatches_data() { engines(); }
    void fileBatches()
    {
        ENGINE_FIXTURE(f);
        const QString admin = test::makeToken(f.db, u"acme"_s, u"admin"_s, u"boss"_s);
        const QString viewer = test::makeToken(f.db, u"acme"_s, u"viewer"_s, u"reader"_s);
        test::ServerProcess server(f.db);
        QVERIFY2(server.start(), qPrintable(server.why()));
        auto client = server.client(admin);
        QStringList ids;
        for (int i = 0; i < 4; ++i) {
            auto r = upload(*client, "f" + std::to_string(i) + ".txt", "batch file number " + std::to_string(i) + "\n");
            QVERIFY2(r && r->status == 200, qPrintable(errorText(r)));
            ids << jsonOf(r).value(u"id"_s).toString();
        }
        auto store = jsonOf(postJson(*client, "/v1/vector_stores", {{u"name"_s, u"batched"_s}}));
        const std::string batches =
            "/v1/vector_stores/" + store.value(u"id"_s).toString().toStdString() + "/file_batches";

        // Requests the spec refuses.
        expectError(postJson(*client, batches, {}), 400, u"invalid_request_error"_s);
        expectError(postJson(*client, batches,
                             {{u"file_ids"_s, QJsonArray{ids[0]}},
                              {u"files"_s, QJsonArray{QJsonObject{{u"file_id"_s, ids[1]}}}}}),
                    400, u"invalid_request_error"_s);
        auto missing = postJson(*client, batches, {{u"file_ids"_s, QJsonArray{ids[0], u"file-missing"_s}}});
        expectError(missing, 400, u"invalid_request_error"_s);
        QCOMPARE(jsonOf(missing).value(u"error"_s).toObject().value(u"param"_s).toString(), u"file_ids"_s);
        expectError(postJson(*server.client(viewer), batches, {{u"file_ids"_s, QJsonArray{ids[0]}}}), 403,
                    u"permission_error"_s);
        QCOMPARE(f.count(u"SELECT count(*) FROM vector_store_files"_s), 0);

        auto created = postJson(
            *client, batches,
            {{u"file_ids"_s, QJsonArray{ids[0], ids[1]}}, {u"attributes"_s, QJsonObject{{u"set"_s, u"one"_s}}}});
        QVERIFY2(created && created->status == 200, qPrintable(errorText(created)));
        const QJsonObject batch = jsonOf(created);
        const QString batchId = batch.value(u"id"_s).toString();
        QVERIFY2(batchId.startsWith(u"vsfb_"_s), qPrintable(batchId));
        QCOMPARE(batch.value(u"object"_s).toString(), u"vector_store.files_batch"_s);
        QCOMPARE(batch.value(u"file_counts"_s).toObject().value(u"total"_s).toInt(), 2);
        const std::string batchPath = batches + "/" + batchId.toStdString();
        QString status = batch.value(u"status"_s).toString();
        if (status == u"in_progress"_s)
            QVERIFY(created->has_header("openai-poll-after-ms"));
        for (int i = 0; i < 200 && status == u"in_progress"_s; ++i) {
            QTest::qWait(100);
            status = jsonOf(client->Get(batchPath)).value(u"status"_s).toString();
        }
        QCOMPARE(status, u"completed"_s);
        QCOMPARE(jsonOf(client->Get(batchPath)).value(u"file_counts"_s).toObject().value(u"completed"_s).toInt(), 2);
        auto files = jsonOf(client->Get(batchPath + "/files?order=asc"));
        const QJsonArray data = files.value(u"data"_s).toArray();
        QCOMPARE(data.size(), 2);
        QCOMPARE(data[0].toObject().value(u"id"_s).toString(), ids[0]);
        QCOMPARE(data[1].toObject().value(u"attributes"_s).toObject(), (QJsonObject{{u"set"_s, u"one"_s}}));
        QCOMPARE(jsonOf(client->Get(batchPath + "/files?filter=failed")).value(u"data"_s).toArray().size(), 0);
        expectError(postJson(*client, batchPath + "/cancel", {}), 400, u"invalid_request_error"_s, u"conflict"_s);

        // Per-file options.
        auto perFile =
            postJson(*client, batches,
                     {{u"files"_s,
                       QJsonArray{QJsonObject{{u"file_id"_s, ids[2]}, {u"attributes"_s, QJsonObject{{u"n"_s, 2}}}},
                                  QJsonObject{{u"file_id"_s, ids[3]}, {u"attributes"_s, QJsonObject{{u"n"_s, 3}}}}}}});
        QVERIFY2(perFile && perFile->status == 200, qPrintable(errorText(perFile)));
        const std::string storeFile =
            "/v1/vector_stores/" + store.value(u"id"_s).toString().toStdString() + "/files/" + ids[3].toStdString();
        QCOMPARE(jsonOf(client->Get(storeFile)).value(u"attributes"_s).toObject(), (QJsonObject{{u"n"_s, 3}}));
        // Unknown batch, and the other batch's files are not this one's.
        expectError(client->Get(batches + "/vsfb_nothere"), 404, u"invalid_request_error"_s);
        expectError(client->Get(batches + "/vsfb_nothere/files"), 404, u"invalid_request_error"_s);
        const QString perFileId = jsonOf(perFile).value(u"id"_s).toString();
        auto theirs = jsonOf(client->Get(batches + "/" + perFileId.toStdString() + "/files?order=asc"));
        QCOMPARE(theirs.value(u"first_id"_s).toString(), ids[2]);
        QCOMPARE(theirs.value(u"last_id"_s).toString(), ids[3]);
        QCOMPARE(server.stop(), 0);
    }

    void limits_data() { engines(); }
    void limits()
    {
        ENGINE_FIXTURE(f);
        const QString admin = test::makeToken(f.db, u"acme"_s, u"admin"_s, u"boss"_s);
        // A stalled client is dropped after --read-timeout, which also bounds how long SIGTERM waits
        // for it.
        test::ServerProcess server(
            f.db,
            {u"--max-concurrent-uploads"_s, u"1"_s, u"--max-json-bytes"_s, u"4096"_s, u"--read-timeout"_s, u"3"_s});
        QVERIFY2(server.start(), qPrintable(server.why()));
        auto client = server.client(admin);

        // A body over the JSON limit: 413 from Content-Length, before it is read.
        const QString big(5000, u'a');
        auto oversized = postJson(*client, "/v1/vector_stores", {{u"name"_s, big}});
        expectError(oversized, 413, u"invalid_request_error"_s, u"request_too_large"_s);
        // The same without Content-Length (chunked): 413 while reading.
        auto chunked = server.client(admin)->Post(
            "/v1/vector_stores",
            [&big](size_t offset, httplib::DataSink &sink) {
                if (offset == 0)
                    sink.write(big.toStdString().data(), std::size_t(big.size()));
                else
                    sink.done();
                return true;
            },
            "application/json");
        if (chunked) // the server may close the connection while the client still sends
            expectError(chunked, 413, u"invalid_request_error"_s, u"request_too_large"_s);
        // Deep JSON: 400 before parsing.
        const std::string deep = std::string(40, '[') + std::string(40, ']');
        auto nested = client->Post("/v1/vector_stores", "{\"metadata\":" + deep + "}", "application/json");
        expectError(nested, 400, u"invalid_request_error"_s);
        QVERIFY(jsonOf(nested).value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"levels deep"_s));
        auto broken = client->Post("/v1/vector_stores", "{\"name\": ", "application/json");
        expectError(broken, 400, u"invalid_request_error"_s);
        // A body on GET is refused.
        auto withBody = client->Get("/v1/vector_stores", httplib::Headers{{"Content-Length", "10000000"}});
        if (withBody)
            QCOMPARE(withBody->status, 413);
        QCOMPARE(f.count(u"SELECT count(*) FROM vector_stores WHERE tenant_id = 1"_s), 0);

        // One upload at a time: a second one while the first is open answers 429 + retry-after.
        SlowUpload slow(server.port(), admin, 1000000);
        QVERIFY(slow.connected());
        QVERIFY(slow.send(QByteArray(1000, 'x')));
        // Wait until the first upload is being spooled (it holds the one upload slot), keeping it
        // alive within the read timeout.
        const QString incoming = f.engineRoot + u"/incoming"_s;
        bool spooling = false;
        for (int i = 0; i < 200 && !spooling; ++i) {
            spooling = openFilesUnder(server.process().processId(), incoming) > 0;
            if (!spooling) {
                QVERIFY(slow.send(QByteArray(10, 'x')));
                QTest::qWait(50);
            }
        }
        QVERIFY2(spooling, "the first upload never reached its handler");
        QVERIFY(slow.send(QByteArray(10, 'x')));
        auto busy = upload(*server.client(admin), "b.txt", "second");
        expectError(busy, 429, u"requests"_s, u"rate_limit_exceeded"_s);
        QVERIFY(busy->has_header("retry-after"));
        QVERIFY(busy->get_header_value("retry-after").front() >= '1');
        // SIGTERM with the first upload stalled: the server still stops, within the read timeout.
        QElapsedTimer stopping;
        stopping.start();
        QCOMPARE(server.stop(), 0);
        QVERIFY2(stopping.elapsed() < 10000, qPrintable(QString::number(stopping.elapsed())));
        QCOMPARE(f.count(u"SELECT count(*) FROM uploaded_files"_s), 0);
    }

    void sigtermDuringAnUploadLeavesNothing_data() { engines(); }
    void sigtermDuringAnUploadLeavesNothing()
    {
        ENGINE_FIXTURE(f);
        const QString admin = test::makeToken(f.db, u"acme"_s, u"admin"_s, u"boss"_s);
        test::ServerProcess server(f.db);
        QVERIFY2(server.start(), qPrintable(server.why()));
        const QString incoming = f.engineRoot + u"/incoming"_s;
        SlowUpload slow(server.port(), admin, 50 * 1024 * 1024);
        QVERIFY(slow.connected());
        // Send until the spooled part exists on disk, then SIGTERM while still sending.
        std::atomic<bool> sending = true;
        struct Joiner
        {
            std::atomic<bool> &flag;
            std::thread &thread;
            ~Joiner()
            {
                flag = false;
                if (thread.joinable())
                    thread.join();
            }
        };
        std::thread feeder([&] {
            const QByteArray block(64 * 1024, 'y');
            while (sending && slow.send(block))
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
        });
        Joiner joiner{sending, feeder};
        bool spooling = false;
        for (int i = 0; i < 100 && !spooling; ++i) {
            spooling = openFilesUnder(server.process().processId(), incoming) > 0;
            if (!spooling)
                QTest::qWait(50);
        }
        QVERIFY2(spooling, qPrintable(incoming));
        const int code = server.stop(15000);
        sending = false;
        feeder.join();
        QCOMPARE(code, 0);
        QVERIFY2(server.output().contains(u"stopped"_s), qPrintable(server.output()));
        QVERIFY2(QDir(incoming).entryList(QDir::Files | QDir::Hidden).isEmpty(),
                 qPrintable(QDir(incoming).entryList(QDir::Files).join(u", "_s)));
        QCOMPARE(f.count(u"SELECT count(*) FROM uploaded_files"_s), 0);
        QCOMPARE(f.count(u"SELECT count(*) FROM audit_log WHERE action = 'upload.create'"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestServer)
#include "tst_server.moc"
