// API tokens (docs/api.md): created by admins only, shown once and kept as a hash, refused when
// wrong, revoked or expired, and scoped to one tenant and one role; `vectordesk token ...`.

#include "cli/cli.h"
#include "core/domain/apitoken.h"
#include "core/logging/logging.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

FileDraft draft(const QString &name, char fill)
{
    FileDraft d;
    d.filename = name;
    d.sizeBytes = 100;
    d.sha256 = QString(64, QChar::fromLatin1(fill));
    return d;
}

// acme (alice owns it, bob is its editor) with store docs; globex with store secret.
void seed(Database &db)
{
    CoreSession session(db, u"alice"_s);
    VectorStoreService &alice = session.service();
    QVERIFY(alice.createTenant({u"acme"_s, u"Acme"_s, u"starter"_s, u"local"_s}));
    QVERIFY(alice.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
    QVERIFY(alice.createTenant({u"globex"_s, u"Globex"_s, u"starter"_s, u"local"_s}));
    QVERIFY(alice.createStore(u"globex"_s, {u"secret"_s, {}, {}, {}, {}}));
    QVERIFY(alice.addMember(u"acme"_s, u"bob"_s, Role::Editor));
}

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

CliRun runCli(QStringList arguments)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    arguments.prepend(u"vectordesk"_s);
    run.code = cli::run(arguments, {out, err, nullptr});
    out.flush();
    err.flush();
    return run;
}

} // namespace

class TestTokens : public QObject
{
    Q_OBJECT

private slots:
    void secretsAreRandomWellFormedAndComparedInConstantTime()
    {
        const QString a = apitokens::generateSecret();
        const QString b = apitokens::generateSecret();
        QVERIFY(a != b);
        QVERIFY2(apitokens::looksLikeSecret(a), qPrintable(a));
        QCOMPARE(a.size(), 47);
        QVERIFY(!apitokens::looksLikeSecret(a.left(46)));
        QVERIFY(!apitokens::looksLikeSecret(u"sk-"_s + a.mid(3)));
        QVERIFY(!apitokens::looksLikeSecret(a.left(46) + u"!"_s));
        QCOMPARE(apitokens::hashSecret(u"abc"_s),
                 u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s);
        QVERIFY(apitokens::constantTimeEquals("abc", "abc"));
        QVERIFY(!apitokens::constantTimeEquals("abc", "abd"));
        QVERIFY(!apitokens::constantTimeEquals("abc", "ab"));
        // A secret that reaches a log line anyway is removed from it.
        const QString logged = logging::redactSecrets(u"token was "_s + a + u" here"_s);
        QVERIFY2(!logged.contains(a.mid(4)) && logged.contains(u"vdk_***"_s), qPrintable(logged));
    }

    void service_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

    void service()
    {
        QFETCH(QString, engine);
        QTemporaryDir dir;
        auto db = test::freshDatabase(engine, dir, u"tokens"_s);
        if (!db)
            QSKIP("no PostgreSQL fixture server");
        seed(*db);
        CoreSession aliceSession(*db, u"alice"_s);
        VectorStoreService &alice = aliceSession.service();

        // Only admins create tokens: an editor is refused and nothing changes.
        {
            const QString before = test::dumpRows(*db);
            CoreSession bobSession(*db, u"bob"_s);
            auto refused = bobSession.service().createApiToken(u"acme"_s, u"bot"_s, Role::Viewer, std::nullopt);
            QVERIFY(!refused);
            QCOMPARE(refused.error().kind(), ServiceError::Kind::PermissionDenied);
            QCOMPARE(test::dumpRows(*db), before);
        }
        // Owner is not a token role; names are checked.
        QCOMPARE(alice.createApiToken(u"acme"_s, u"boss"_s, Role::Owner, std::nullopt).error().kind(),
                 ServiceError::Kind::InvalidInput);
        QCOMPARE(alice.createApiToken(u"acme"_s, u"a b"_s, Role::Viewer, std::nullopt).error().kind(),
                 ServiceError::Kind::InvalidInput);
        QCOMPARE(alice.createApiToken(u"acme"_s, u"42"_s, Role::Viewer, std::nullopt).error().kind(),
                 ServiceError::Kind::InvalidInput);
        QCOMPARE(alice.createApiToken(u"acme"_s, u"bot"_s, Role::Viewer, 0).error().kind(),
                 ServiceError::Kind::InvalidInput);

        auto viewer = alice.createApiToken(u"acme"_s, u"reader"_s, Role::Viewer, std::nullopt);
        QVERIFY2(viewer, viewer ? "" : qPrintable(viewer.error().message()));
        auto editor = alice.createApiToken(u"acme"_s, u"writer"_s, Role::Editor, 30);
        QVERIFY(editor);
        QVERIFY(editor->token.expiresAt);
        QCOMPARE(*editor->token.expiresAt, editor->token.createdAt + 30 * kDayMs);
        QVERIFY(editor->secret.startsWith(editor->token.prefix));

        // The secret is kept nowhere; its hash is.
        const QString rows = test::dumpRows(*db);
        QVERIFY(!rows.contains(viewer->secret));
        QVERIFY(!rows.contains(viewer->secret.mid(10)));
        QVERIFY(rows.contains(apitokens::hashSecret(viewer->secret)));

        // One live token per name and tenant.
        auto twice = alice.createApiToken(u"acme"_s, u"READER"_s, Role::Editor, std::nullopt);
        QVERIFY(!twice);
        QCOMPARE(twice.error().kind(), ServiceError::Kind::Conflict);

        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto who = VectorStoreService::authenticateToken(*db, viewer->secret, now);
        QVERIFY(who);
        QCOMPARE(who->name, u"reader"_s);
        QCOMPARE(who->role, Role::Viewer);
        QCOMPARE(who->tenantSlug, u"acme"_s);

        // Wrong, malformed and expired secrets are all refused the same way.
        QString wrong = viewer->secret;
        wrong[20] = wrong[20] == u'A' ? u'B' : u'A';
        for (const QString &bad : {wrong, u"vdk_short"_s, QString(), u"Bearer x"_s}) {
            auto refused = VectorStoreService::authenticateToken(*db, bad, now);
            QVERIFY(!refused);
            QCOMPARE(refused.error().kind(), ServiceError::Kind::NotFound);
        }
        QVERIFY(VectorStoreService::authenticateToken(*db, editor->secret, now + 29 * kDayMs));
        QCOMPARE(VectorStoreService::authenticateToken(*db, editor->secret, now + 31 * kDayMs).error().kind(),
                 ServiceError::Kind::NotFound);

        // A viewer token reads its tenant, writes nothing, and sees no other tenant.
        {
            CoreSession tokenSession(*db, QString());
            VectorStoreService &api = tokenSession.service();
            api.actAsToken(who.value());
            QCOMPARE(api.operatorName(), u"token:reader"_s);
            QVERIFY(api.listStores(u"acme"_s));
            QVERIFY(api.store(QString::number(who->tenantId), u"docs"_s));
            const QString before = test::dumpRows(*db);
            auto write = api.attachFile(u"acme"_s, u"docs"_s, draft(u"a.txt"_s, 'a'));
            QVERIFY(!write);
            QCOMPARE(write.error().kind(), ServiceError::Kind::PermissionDenied);
            QVERIFY2(write.error().message().contains(u"API token 'reader' has the viewer role"_s),
                     qPrintable(write.error().message()));
            auto other = api.listStores(u"globex"_s);
            QVERIFY(!other);
            QCOMPARE(other.error().kind(), ServiceError::Kind::NotFound);
            QCOMPARE(api.store(u"globex"_s, u"secret"_s).error().kind(), ServiceError::Kind::NotFound);
            QCOMPARE(test::dumpRows(*db), before);
        }
        // An editor token attaches; the audit row names the token and carries the request id.
        {
            auto writer = VectorStoreService::authenticateToken(*db, editor->secret, now);
            QVERIFY(writer);
            CoreSession tokenSession(*db, QString());
            VectorStoreService &api = tokenSession.service();
            api.actAsToken(writer.value());
            api.setRequestId(u"req_test_123"_s);
            QVERIFY(api.attachFile(u"acme"_s, u"docs"_s, draft(u"a.txt"_s, 'a')));
            QCOMPARE(api.createStore(u"acme"_s, {u"more"_s, {}, {}, {}, {}}).error().kind(),
                     ServiceError::Kind::PermissionDenied);
            auto audit = alice.auditLog(u"acme"_s, 1);
            QVERIFY(audit && !audit->isEmpty());
            QCOMPARE(audit->first().operatorName, u"token:writer"_s);
            QCOMPARE(audit->first().requestId, u"req_test_123"_s);
            QCOMPARE(audit->first().action, u"file.attach"_s);
        }

        // Revoking: by name; the secret stops working; the name can be used again.
        auto listed = alice.listApiTokens(u"acme"_s);
        QVERIFY(listed);
        QCOMPARE(listed->size(), 2);
        auto revoked = alice.revokeApiToken(u"acme"_s, u"Reader"_s);
        QVERIFY2(revoked, revoked ? "" : qPrintable(revoked.error().message()));
        QVERIFY(revoked->revokedAt);
        QCOMPARE(VectorStoreService::authenticateToken(*db, viewer->secret, now).error().kind(),
                 ServiceError::Kind::NotFound);
        QCOMPARE(alice.revokeApiToken(u"acme"_s, u"reader"_s).error().kind(), ServiceError::Kind::NotFound);
        QCOMPARE(alice.revokeApiToken(u"acme"_s, QString::number(revoked->id)).error().kind(),
                 ServiceError::Kind::Conflict);
        QCOMPARE(alice.listApiTokens(u"acme"_s)->size(), 1);
        QCOMPARE(alice.listApiTokens(u"acme"_s, true)->size(), 2);
        QVERIFY(alice.createApiToken(u"acme"_s, u"reader"_s, Role::Viewer, std::nullopt));
        auto trail = alice.auditLog(u"acme"_s, 50);
        QStringList actions;
        for (const AuditEntry &e : trail.value())
            actions << e.action;
        QVERIFY(actions.contains(u"token.create"_s) && actions.contains(u"token.revoke"_s));
        for (const AuditEntry &e : trail.value())
            QVERIFY(!QJsonDocument(e.detail).toJson().contains(viewer->secret.toUtf8()));
    }

    void commandLine()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(u"cli.sqlite"_s);
        QCOMPARE(runCli({u"--db"_s, db, u"--as"_s, u"alice"_s, u"tenant"_s, u"create"_s, u"acme"_s}).code, 0);

        // Plain output: the secret alone on stdout.
        auto created = runCli({u"--db"_s, db, u"--as"_s, u"alice"_s, u"token"_s, u"create"_s, u"--tenant"_s, u"acme"_s,
                               u"--role"_s, u"editor"_s, u"--name"_s, u"ci-bot"_s});
        QCOMPARE(created.code, 0);
        const QString secret = created.out.trimmed();
        QVERIFY2(apitokens::looksLikeSecret(secret), qPrintable(created.out));
        QVERIFY(created.err.contains(u"shown once"_s));

        auto json =
            runCli({u"--db"_s, db, u"--as"_s, u"alice"_s, u"--json"_s, u"token"_s, u"create"_s, u"--tenant"_s,
                    u"acme"_s, u"--role"_s, u"viewer"_s, u"--name"_s, u"reader"_s, u"--expires-days"_s, u"7"_s});
        QCOMPARE(json.code, 0);
        QCOMPARE(json.json().value(u"object"_s).toString(), u"api_token"_s);
        QVERIFY(apitokens::looksLikeSecret(json.json().value(u"secret"_s).toString()));
        QCOMPARE(json.json().value(u"state"_s).toString(), u"active"_s);

        auto usage = runCli({u"--db"_s, db, u"--as"_s, u"alice"_s, u"token"_s, u"create"_s, u"--tenant"_s, u"acme"_s,
                             u"--role"_s, u"owner"_s, u"--name"_s, u"x"_s});
        QCOMPARE(usage.code, 1);
        QVERIFY2(usage.err.contains(u"viewer, editor or admin"_s), qPrintable(usage.err));
        QCOMPARE(runCli({u"--db"_s, db, u"--as"_s, u"alice"_s, u"token"_s, u"create"_s, u"--tenant"_s, u"acme"_s,
                         u"--role"_s, u"boss"_s, u"--name"_s, u"x"_s})
                     .code,
                 2);
        QCOMPARE(runCli({u"--db"_s, db, u"--as"_s, u"alice"_s, u"token"_s, u"create"_s, u"--tenant"_s, u"acme"_s,
                         u"--role"_s, u"viewer"_s, u"--name"_s, u"x"_s, u"--expires-days"_s, u"0"_s})
                     .code,
                 2);

        auto list = runCli(
            {u"--db"_s, db, u"--as"_s, u"alice"_s, u"--json"_s, u"token"_s, u"list"_s, u"--tenant"_s, u"acme"_s});
        QCOMPARE(list.code, 0);
        const QJsonArray data = list.json().value(u"data"_s).toArray();
        QCOMPARE(data.size(), 2);
        QVERIFY(!list.out.contains(secret));

        auto revoke = runCli(
            {u"--db"_s, db, u"--as"_s, u"alice"_s, u"token"_s, u"revoke"_s, u"--tenant"_s, u"acme"_s, u"ci-bot"_s});
        QCOMPARE(revoke.code, 0);
        QVERIFY(revoke.out.contains(u"revoked"_s));
        auto after =
            runCli({u"--db"_s, db, u"--as"_s, u"alice"_s, u"token"_s, u"list"_s, u"--tenant"_s, u"acme"_s, u"--all"_s});
        QVERIFY2(after.out.contains(u"ci-bot"_s) && after.out.contains(u"revoked"_s), qPrintable(after.out));

        // Someone who is not an admin of acme cannot create one.
        QCOMPARE(runCli({u"--db"_s, db, u"--as"_s, u"alice"_s, u"member"_s, u"add"_s, u"--tenant"_s, u"acme"_s,
                         u"bob"_s, u"--role"_s, u"editor"_s})
                     .code,
                 0);
        auto denied = runCli({u"--db"_s, db, u"--as"_s, u"bob"_s, u"token"_s, u"create"_s, u"--tenant"_s, u"acme"_s,
                              u"--role"_s, u"viewer"_s, u"--name"_s, u"sneaky"_s});
        QCOMPARE(denied.code, 1);
        QVERIFY2(denied.err.contains(u"needs the admin role"_s), qPrintable(denied.err));
        QVERIFY(denied.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTokens)
#include "tst_tokens.moc"
