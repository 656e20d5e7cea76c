// Every service operation x every role: allowed or denied, and a denied call changes nothing.

#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

using Operation = std::function<std::optional<ServiceError>(VectorStoreService &)>;

template<typename T> std::optional<ServiceError> outcome(const Result<T> &result)
{
    if (result.ok())
        return std::nullopt;
    return result.error();
}

FileDraft draft(const QString &name, char fill)
{
    FileDraft d;
    d.filename = name;
    d.sizeBytes = 100;
    d.sha256 = QString(64, QChar::fromLatin1(fill));
    return d;
}

struct Case
{
    const char *name;
    Role minimum;
    Operation run;
};

const QList<Case> &cases()
{
    static const QList<Case> all = {
        {"tenant.show", Role::Viewer,
         [](auto &s) {
             return outcome(s.tenant(u"acme"_s));
         }},
        {"tenant.quota", Role::Viewer,
         [](auto &s) {
             return outcome(s.quotaUsage(u"acme"_s));
         }},
        {"tenant.update", Role::Admin,
         [](auto &s) {
             return outcome(s.updateTenant(u"acme"_s, {u"Acme Inc"_s, std::nullopt}));
         }},
        {"tenant.set_plan", Role::Admin,
         [](auto &s) {
             return outcome(s.setPlan(u"acme"_s, u"pro"_s, QJsonObject{{u"max_stores"_s, 5}}));
         }},
        {"tenant.delete", Role::Owner,
         [](auto &s) {
             return outcome(s.deleteTenant(u"acme"_s));
         }},
        {"store.list", Role::Viewer,
         [](auto &s) {
             return outcome(s.listStores(u"acme"_s));
         }},
        {"store.list trash", Role::Viewer,
         [](auto &s) {
             return outcome(s.listStores(u"acme"_s, Visibility::Deleted));
         }},
        {"store.show", Role::Viewer,
         [](auto &s) {
             return outcome(s.store(u"acme"_s, u"docs"_s));
         }},
        {"store.create", Role::Admin,
         [](auto &s) {
             return outcome(s.createStore(u"acme"_s, {u"new"_s, {}, {}, {}, {}}));
         }},
        {"store.update", Role::Admin,
         [](auto &s) {
             StoreUpdate u;
             u.name = u"renamed"_s;
             return outcome(s.updateStore(u"acme"_s, u"docs"_s, u));
         }},
        {"store.delete", Role::Admin,
         [](auto &s) {
             return outcome(s.deleteStore(u"acme"_s, u"docs"_s));
         }},
        {"store.restore", Role::Admin,
         [](auto &s) {
             return outcome(s.restoreStore(u"acme"_s, u"old"_s));
         }},
        {"store.purge", Role::Admin,
         [](auto &s) {
             return outcome(s.purgeStore(u"acme"_s, u"old"_s));
         }},
        {"store.set_primary", Role::Admin,
         [](auto &s) {
             return outcome(s.setPrimary(u"acme"_s, u"other"_s));
         }},
        {"store.ensure_primary", Role::Admin,
         [](auto &s) {
             return outcome(s.ensurePrimary(u"acme"_s));
         }},
        {"file.list", Role::Viewer,
         [](auto &s) {
             return outcome(s.listFiles(u"acme"_s, u"docs"_s));
         }},
        {"file.count", Role::Viewer,
         [](auto &s) {
             return outcome(s.countFiles(u"acme"_s, u"docs"_s));
         }},
        {"file.show", Role::Viewer,
         [](auto &s) {
             return outcome(s.file(u"acme"_s, u"docs"_s, u"1"_s));
         }},
        {"file.attach", Role::Editor,
         [](auto &s) {
             return outcome(s.attachFile(u"acme"_s, u"docs"_s, draft(u"new.txt"_s, 'c')));
         }},
        {"file.set_attributes", Role::Editor,
         [](auto &s) {
             return outcome(s.setFileAttributes(u"acme"_s, u"docs"_s, u"1"_s, QJsonObject{{u"lang"_s, u"en"_s}}));
         }},
        {"file.detach", Role::Editor,
         [](auto &s) {
             return outcome(s.detachFile(u"acme"_s, u"docs"_s, u"1"_s));
         }},
        {"file.restore", Role::Editor,
         [](auto &s) {
             return outcome(s.restoreFile(u"acme"_s, u"docs"_s, u"2"_s));
         }},
        {"member.list", Role::Viewer,
         [](auto &s) {
             return outcome(s.listMembers(u"acme"_s));
         }},
        {"member.add", Role::Owner,
         [](auto &s) {
             return outcome(s.addMember(u"acme"_s, u"dave"_s, Role::Viewer));
         }},
        {"member.remove", Role::Owner,
         [](auto &s) {
             return outcome(s.removeMember(u"acme"_s, u"carol"_s));
         }},
        {"audit.read", Role::Admin,
         [](auto &s) {
             return outcome(s.auditLog(u"acme"_s));
         }},
    };
    return all;
}

} // namespace

class TestRoles : public QObject
{
    Q_OBJECT

private:
    // acme: stores docs (primary, files 1 live and 2 detached), other, old (deleted);
    // members alice (instance admin, owner), carol (viewer), and bob with the role under test.
    void seed(Database &db, std::optional<Role> bobRole)
    {
        CoreSession aliceSession(db, u"alice"_s);
        VectorStoreService &alice = aliceSession.service();
        QVERIFY(alice.createTenant({u"acme"_s, u"Acme"_s, u"starter"_s, u"local"_s}));
        QVERIFY(alice.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        QVERIFY(alice.createStore(u"acme"_s, {u"other"_s, {}, {}, {}, {}}));
        QVERIFY(alice.createStore(u"acme"_s, {u"old"_s, {}, {}, {}, {}}));
        QVERIFY(alice.deleteStore(u"acme"_s, u"old"_s));
        QVERIFY(alice.attachFile(u"acme"_s, u"docs"_s, draft(u"a.txt"_s, 'a')));
        QVERIFY(alice.attachFile(u"acme"_s, u"docs"_s, draft(u"b.txt"_s, 'b')));
        QVERIFY(alice.detachFile(u"acme"_s, u"docs"_s, u"2"_s));
        QVERIFY(alice.addMember(u"acme"_s, u"carol"_s, Role::Viewer));
        if (bobRole)
            QVERIFY(alice.addMember(u"acme"_s, u"bob"_s, *bobRole));
        else
            QVERIFY(alice.createTenant({u"globex"_s, u"Globex"_s, u"free"_s, u"local"_s})
                    && alice.addMember(u"globex"_s, u"bob"_s, Role::Owner));
    }

private slots:
    void matrix_data()
    {
        QTest::addColumn<int>("caseIndex");
        QTest::addColumn<int>("role"); // 0 = not a member of acme
        QTest::addColumn<bool>("allowed");
        const QList<std::pair<int, QString>> roles = {{0, u"non-member"_s},
                                                      {int(Role::Viewer), u"viewer"_s},
                                                      {int(Role::Editor), u"editor"_s},
                                                      {int(Role::Admin), u"admin"_s},
                                                      {int(Role::Owner), u"owner"_s}};
        for (qsizetype i = 0; i < cases().size(); ++i) {
            for (const auto &[role, roleText] : roles) {
                const bool allowed = role >= int(cases()[i].minimum);
                QTest::addRow("%s %s %s", qPrintable(roleText), allowed ? "may" : "may not", cases()[i].name)
                    << int(i) << role << allowed;
            }
        }
    }

    void matrix()
    {
        QFETCH(int, caseIndex);
        QFETCH(int, role);
        QFETCH(bool, allowed);
        QTemporaryDir dir;
        Database db(test::sqliteIn(dir));
        QString error;
        QVERIFY2(Database::openAndMigrate(db, &error), qPrintable(error));
        seed(db, role == 0 ? std::nullopt : std::optional<Role>(Role(role)));
        const QString before = test::dumpRows(db);

        CoreSession bobSession(db, u"bob"_s);

        VectorStoreService &bob = bobSession.service();
        const Case &c = cases()[caseIndex];
        const auto problem = c.run(bob);
        if (allowed) {
            QVERIFY2(!problem, problem ? qPrintable(problem->message()) : "");
            return;
        }
        QVERIFY(problem);
        if (role == 0) {
            // Another tenant's operator learns nothing, not even that acme exists.
            QCOMPARE(problem->kind(), ServiceError::Kind::NotFound);
            QVERIFY2(problem->message().contains(u"No tenant 'acme'"_s), qPrintable(problem->message()));
        } else {
            QCOMPARE(problem->kind(), ServiceError::Kind::PermissionDenied);
            QCOMPARE(problem->details().value(u"required_role"_s).toString(), roleName(c.minimum));
            QVERIFY2(problem->message().contains(u"needs the %1 role"_s.arg(roleName(c.minimum)))
                         && problem->message().contains(u"bob is %1"_s.arg(roleName(Role(role)))),
                     qPrintable(problem->message()));
        }
        QCOMPARE(test::dumpRows(db), before);
    }

    void onlyInstanceAdministratorsCreateTenants()
    {
        QTemporaryDir dir;
        Database db(test::sqliteIn(dir));
        QString error;
        QVERIFY(Database::openAndMigrate(db, &error));
        seed(db, Role::Owner);
        const QString before = test::dumpRows(db);
        CoreSession bobSession(db, u"bob"_s);
        VectorStoreService &bob = bobSession.service();
        auto created = bob.createTenant({u"initech"_s, u"Initech"_s, u"free"_s, u"local"_s});
        QVERIFY(!created);
        QCOMPARE(created.error().kind(), ServiceError::Kind::PermissionDenied);
        QVERIFY(created.error().message().contains(u"instance administrator"_s));
        QCOMPARE(test::dumpRows(db), before);
    }

    void firstOperatorOfAFreshDatabaseOwnsWhatItCreates()
    {
        QTemporaryDir dir;
        Database db(test::sqliteIn(dir));
        QString error;
        QVERIFY(Database::openAndMigrate(db, &error));
        CoreSession localSession(db, u"root"_s);
        VectorStoreService &local = localSession.service();
        auto op = local.currentOperator();
        QVERIFY(op && op->isInstanceAdmin);
        auto tenant = local.createTenant({u"acme"_s, {}, u"free"_s, u"local"_s});
        QVERIFY(tenant);
        auto members = local.listMembers(u"acme"_s);
        QVERIFY(members);
        QCOMPARE(members->size(), 1);
        QCOMPARE(members->first().operatorName, u"root"_s);
        QCOMPARE(members->first().role, Role::Owner);
        // A second, unknown operator gets no rights at all.
        CoreSession strangerSession(db, u"mallory"_s);
        VectorStoreService &stranger = strangerSession.service();
        auto theirs = stranger.currentOperator();
        QVERIFY(theirs && !theirs->isInstanceAdmin);
        QVERIFY(stranger.listTenants() && stranger.listTenants()->isEmpty());
    }

    void theLastOwnerCannotBeRemovedOrDemoted()
    {
        QTemporaryDir dir;
        Database db(test::sqliteIn(dir));
        QString error;
        QVERIFY(Database::openAndMigrate(db, &error));
        CoreSession aliceSession(db, u"alice"_s);
        VectorStoreService &alice = aliceSession.service();
        QVERIFY(alice.createTenant({u"acme"_s, {}, u"free"_s, u"local"_s}));
        auto demote = alice.addMember(u"acme"_s, u"alice"_s, Role::Admin);
        QVERIFY(!demote);
        QCOMPARE(demote.error().kind(), ServiceError::Kind::Conflict);
        QVERIFY(demote.error().message().contains(u"last owner"_s));
        auto remove = alice.removeMember(u"acme"_s, u"alice"_s);
        QVERIFY(!remove);
        QVERIFY(remove.error().message().contains(u"last owner"_s));
    }
};

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"
