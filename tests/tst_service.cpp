// VectorStoreService behaviour on SQLite and PostgreSQL: lifecycles, validation, quotas,
// primary stores, audit rows, and that every refused call leaves the database as it was.

#include "core/engine/localengine.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/backends.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "testdatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

FileDraft draft(const QString &name, int n, qint64 size = 100)
{
    FileDraft d;
    d.filename = name;
    d.sizeBytes = size;
    d.sha256 = QString::number(n).rightJustified(64, u'0');
    return d;
}

QJsonObject keys(int n)
{
    QJsonObject o;
    for (int i = 0; i < n; ++i)
        o.insert(u"k%1"_s.arg(i), u"v"_s);
    return o;
}

} // namespace

class TestService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Backends> m_backends;
    std::unique_ptr<VectorStoreService> m_alice;
    qint64 m_now = 1'700'000'000'000;

    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

    // A fresh database with tenant acme (starter) owned by alice; clock under test control.
    bool setUp()
    {
        QFETCH(QString, engine);
        m_alice.reset();
        m_backends.reset();
        m_db.reset();
        std::optional<DatabaseUrl> url;
        const QString name = u"svc_%1"_s.arg(++m_counter);
        if (engine == u"sqlite"_s) {
            url = test::sqliteIn(m_dir, name + u".sqlite"_s);
        } else {
            QString why;
            url = test::freshPostgres(name, &why);
            if (!url) {
                qWarning().noquote() << why;
                return false;
            }
        }
        m_db = std::make_unique<Database>(*url);
        QString error;
        if (!Database::openAndMigrate(*m_db, &error)) {
            qWarning().noquote() << error;
            return false;
        }
        m_backends = std::make_unique<Backends>(*m_db, engine::LocalEngine::rootFor(*url));
        m_alice = std::make_unique<VectorStoreService>(*m_db, u"alice"_s, m_backends->resolver());
        m_alice->setClock([this] { return m_now; });
        return m_alice->createTenant({u"acme"_s, u"Acme Corp"_s, u"starter"_s, u"local"_s}).ok();
    }

    qint64 auditCount(const QString &action)
    {
        QSqlQuery q(m_db->connection());
        q.prepare(u"SELECT count(*) FROM audit_log WHERE action = ?"_s);
        q.addBindValue(action);
        q.exec();
        q.next();
        return q.value(0).toLongLong();
    }

    // Runs a call that must fail with `kind`, and proves it changed nothing.
    template<typename Call> ServiceError refused(ServiceError::Kind kind, Call call)
    {
        const QString before = test::dumpRows(*m_db);
        auto result = call();
        if (result.ok()) {
            QTest::qFail("the call succeeded but should have been refused", __FILE__, __LINE__);
            return {};
        }
        if (result.error().kind() != kind)
            qWarning().noquote() << "unexpected error:" << result.error().code() << result.error().message();
        [&] {
            QCOMPARE(result.error().kind(), kind);
        }();
        [&] {
            QCOMPARE(test::dumpRows(*m_db), before);
        }();
        return result.error();
    }

private slots:
    void tenantLifecycle_data() { engines(); }
    void tenantLifecycle()
    {
        QVERIFY(setUp());
        auto t = m_alice->tenant(u"ACME"_s);
        QVERIFY(t);
        QCOMPARE(t->displayName, u"Acme Corp"_s);
        QCOMPARE(t->myRole, Role::Owner);
        QVERIFY(m_alice->tenant(QString::number(t->id)));
        auto e = refused(ServiceError::Kind::Conflict, [&] {
            return m_alice->createTenant({u"Acme"_s, {}, u"free"_s, u"local"_s});
        });
        QVERIFY(e.message().contains(u"already exists"_s));
        e = refused(ServiceError::Kind::InvalidInput, [&] {
            return m_alice->createTenant({u"x y"_s, {}, u"free"_s, u"local"_s});
        });
        e = refused(ServiceError::Kind::InvalidInput, [&] {
            return m_alice->createTenant({u"globex"_s, {}, u"platinum"_s, u"local"_s});
        });
        QVERIFY2(e.message().contains(u"choose one of free, starter, pro, enterprise"_s), qPrintable(e.message()));
        e = refused(ServiceError::Kind::NotFound, [&] { return m_alice->tenant(u"nope"_s); });
        QVERIFY(e.message().contains(u"No tenant 'nope'"_s));

        auto updated = m_alice->updateTenant(u"acme"_s, {u"Acme Corporation"_s, u"openai"_s});
        QVERIFY(updated);
        QCOMPARE(updated->defaultBackend, BackendKind::OpenAI);
        auto planned = m_alice->setPlan(u"acme"_s, u"pro"_s, QJsonObject{{u"max_stores"_s, 3}});
        QVERIFY(planned);
        QCOMPARE(planned->plan, u"pro"_s);
        auto usage = m_alice->quotaUsage(u"acme"_s);
        QVERIFY(usage);
        QCOMPARE(usage->limits.maxStores, 3);
        QCOMPARE(usage->limits.maxFilesPerStore, 10000);
        refused(ServiceError::Kind::InvalidInput, [&] {
            return m_alice->setPlan(u"acme"_s, u"pro"_s, QJsonObject{{u"max_sorts"_s, 3}});
        });
        refused(ServiceError::Kind::InvalidInput, [&] {
            return m_alice->setPlan(u"acme"_s, u"pro"_s, QJsonObject{{u"max_stores"_s, -1}});
        });

        QVERIFY(m_alice->deleteTenant(u"acme"_s));
        QVERIFY(!m_alice->tenant(u"acme"_s));
        QCOMPARE(m_alice->listTenants()->size(), 0);
        QCOMPARE(m_alice->listTenants(Visibility::Deleted)->size(), 1);
        // The slug is free again once the old tenant is deleted.
        QVERIFY(m_alice->createTenant({u"acme"_s, {}, u"free"_s, u"local"_s}));
        QCOMPARE(auditCount(u"tenant.create"_s), 2);
        QCOMPARE(auditCount(u"tenant.delete"_s), 1);
    }

    void storeLifecycle_data() { engines(); }
    void storeLifecycle()
    {
        QVERIFY(setUp());
        auto docs = m_alice->createStore(u"acme"_s, {u"docs"_s, {}, QJsonObject{{u"team"_s, u"legal"_s}}, 7, {}});
        QVERIFY(docs);
        QCOMPARE(docs->backend, BackendKind::Local);
        QCOMPARE(docs->status, StoreStatus::Completed);
        QVERIFY(docs->isPrimary); // the first store of a tenant
        QCOMPARE(docs->expiresAfter->days, 7);
        QCOMPARE(*docs->expiresAt, m_now + 7 * 86'400'000LL);
        QCOMPARE(*docs->lastActiveAt, m_now);

        auto e = refused(ServiceError::Kind::Conflict, [&] {
            return m_alice->createStore(u"acme"_s, {u"DOCS"_s, {}, {}, {}, {}});
        });
        QVERIFY2(e.message().contains(u"already has a store named 'DOCS'"_s), qPrintable(e.message()));
        e = refused(ServiceError::Kind::InvalidInput, [&] {
            return m_alice->createStore(u"acme"_s, {u"m"_s, {}, keys(17), {}, {}});
        });
        QVERIFY(e.message().contains(u"17 keys; at most 16"_s));
        for (int days : {0, 366}) {
            e = refused(ServiceError::Kind::InvalidInput, [&] {
                return m_alice->createStore(u"acme"_s, {u"x"_s, {}, {}, days, {}});
            });
            QVERIFY(e.message().contains(u"use 1 to 365 days"_s));
        }
        refused(ServiceError::Kind::InvalidInput, [&] {
            return m_alice->createStore(u"acme"_s, {u"x"_s, u"pinecone"_s, {}, {}, {}});
        });
        refused(ServiceError::Kind::InvalidInput, [&] {
            return m_alice->createStore(u"acme"_s, {u" padded"_s, {}, {}, {}, {}});
        });
        refused(ServiceError::Kind::NotFound, [&] {
            return m_alice->createStore(u"nope"_s, {u"x"_s, {}, {}, {}, {}});
        });

        // Rename, metadata, expiry changes.
        StoreUpdate update;
        update.name = u"contracts"_s;
        update.metadata = QJsonObject{{u"team"_s, u"sales"_s}};
        update.expiresAfterDays = std::optional<int>(30);
        m_now += 1000;
        auto changed = m_alice->updateStore(u"acme"_s, u"docs"_s, update);
        QVERIFY(changed);
        QCOMPARE(changed->name, u"contracts"_s);
        QCOMPARE(changed->metadata.value(u"team"_s).toString(), u"sales"_s);
        QCOMPARE(*changed->expiresAt, *changed->lastActiveAt + 30 * 86'400'000LL);
        StoreUpdate clear;
        clear.expiresAfterDays = std::optional<int>();
        auto cleared = m_alice->updateStore(u"acme"_s, u"contracts"_s, clear);
        QVERIFY(cleared && !cleared->expiresAfter && !cleared->expiresAt);

        // Delete -> trash -> restore; a name taken meanwhile blocks the restore.
        QVERIFY(m_alice->createStore(u"acme"_s, {u"other"_s, {}, {}, {}, {}}));
        auto deleted = m_alice->deleteStore(u"acme"_s, u"contracts"_s);
        QVERIFY(deleted && deleted->deletedAt && !deleted->isPrimary);
        QCOMPARE(m_alice->listStores(u"acme"_s)->size(), 1);
        QCOMPARE(m_alice->listStores(u"acme"_s, Visibility::Deleted)->size(), 1);
        QVERIFY(m_alice->createStore(u"acme"_s, {u"Contracts"_s, {}, {}, {}, {}}));
        e = refused(ServiceError::Kind::Conflict, [&] { return m_alice->restoreStore(u"acme"_s, u"contracts"_s); });
        QVERIFY(e.message().contains(u"rename it before restoring"_s));
        update = {};
        update.name = u"contracts-2"_s;
        QVERIFY(m_alice->updateStore(u"acme"_s, u"Contracts"_s, update));
        QVERIFY(m_alice->restoreStore(u"acme"_s, u"contracts"_s));

        // Purge needs a deleted store, then removes it and its files for good.
        QVERIFY(m_alice->attachFile(u"acme"_s, u"other"_s, draft(u"a.txt"_s, 1)));
        e = refused(ServiceError::Kind::Conflict, [&] { return m_alice->purgeStore(u"acme"_s, u"other"_s); });
        QVERIFY(e.message().contains(u"delete it first"_s));
        QVERIFY(m_alice->deleteStore(u"acme"_s, u"other"_s));
        QVERIFY(m_alice->purgeStore(u"acme"_s, u"other"_s));
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(u"SELECT count(*) FROM vector_store_files"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(auditCount(u"store.purge"_s), 1);
    }

    void storeLimitNamesPlanAndNumbers_data() { engines(); }
    void storeLimitNamesPlanAndNumbers()
    {
        QVERIFY(setUp());
        QVERIFY(m_alice->setPlan(u"acme"_s, u"starter"_s, QJsonObject{{u"max_stores"_s, 1}}));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"one"_s, {}, {}, {}, {}}));
        auto e = refused(ServiceError::Kind::QuotaExceeded, [&] {
            return m_alice->createStore(u"acme"_s, {u"two"_s, {}, {}, {}, {}});
        });
        QCOMPARE(
            e.message(),
            u"Tenant acme is at its plan limit of 1 stores (plan starter, 1 in use); raise the limit or delete a store."_s);
        QCOMPARE(e.details().value(u"current"_s).toInteger(), 1);
        QCOMPARE(e.details().value(u"max"_s).toInteger(), 1);
    }

    void primaryStore_data() { engines(); }
    void primaryStore()
    {
        QVERIFY(setUp());
        QVERIFY(m_alice->createStore(u"acme"_s, {u"a"_s, {}, {}, {}, {}}));
        m_now += 10;
        QVERIFY(m_alice->createStore(u"acme"_s, {u"b"_s, {}, {}, {}, {}}));
        QVERIFY(!m_alice->store(u"acme"_s, u"b"_s)->isPrimary);
        QVERIFY(m_alice->setPrimary(u"acme"_s, u"b"_s)->isPrimary);
        QVERIFY(!m_alice->store(u"acme"_s, u"a"_s)->isPrimary);
        QVERIFY(m_alice->deleteStore(u"acme"_s, u"b"_s));
        // No primary now; ensurePrimary promotes the oldest live store, then is idempotent.
        auto ensured = m_alice->ensurePrimary(u"acme"_s);
        QVERIFY(ensured);
        QCOMPARE(ensured->name, u"a"_s);
        const QString before = test::dumpRows(*m_db);
        QCOMPARE(m_alice->ensurePrimary(u"acme"_s)->id, ensured->id);
        QCOMPARE(test::dumpRows(*m_db), before);

        // A store restored while the tenant has a primary store stays a plain store...
        auto restored = m_alice->restoreStore(u"acme"_s, u"b"_s);
        QVERIFY2(restored, restored ? "" : qPrintable(restored.error().message()));
        QVERIFY(!restored->isPrimary);
        QVERIFY(m_alice->store(u"acme"_s, u"a"_s)->isPrimary);
        // ...and one restored into a tenant without one becomes it, as a new store would.
        QVERIFY(m_alice->deleteStore(u"acme"_s, u"a"_s));
        QVERIFY(m_alice->deleteStore(u"acme"_s, u"b"_s));
        restored = m_alice->restoreStore(u"acme"_s, u"a"_s);
        QVERIFY(restored && restored->isPrimary);
        restored = m_alice->restoreStore(u"acme"_s, u"b"_s);
        QVERIFY(restored && !restored->isPrimary);
        QSqlQuery audit(m_db->connection());
        QVERIFY(audit.exec(u"SELECT detail FROM audit_log WHERE action = 'store.restore' ORDER BY id"_s));
        QStringList became;
        while (audit.next())
            became << QJsonDocument::fromJson(audit.value(0).toByteArray())
                          .object()
                          .value(u"became_primary"_s)
                          .toVariant()
                          .toString();
        QCOMPARE(became, (QStringList{u"false"_s, u"true"_s, u"false"_s}));
    }

    void fileLifecycle_data() { engines(); }
    void fileLifecycle()
    {
        QVERIFY(setUp());
        QVERIFY(m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, 7, {}}));
        m_now += 5000;
        FileDraft d = draft(u"Contract 2024.pdf"_s, 1, 2048);
        d.attributes = QJsonObject{{u"year"_s, 2024}, {u"signed"_s, true}, {u"client"_s, u"Initech"_s}};
        d.chunking = {u"static"_s, 1200, 200};
        auto file = m_alice->attachFile(u"acme"_s, u"docs"_s, d);
        QVERIFY2(file, file ? "" : qPrintable(file.error().message()));
        QCOMPARE(file->status, FileStatus::InProgress);
        QCOMPARE(file->mimeType, u"application/pdf"_s);
        QCOMPARE(file->chunking.maxChunkSizeTokens, 1200);
        QCOMPARE(file->attributes.value(u"year"_s).toInt(), 2024);
        auto store = m_alice->store(u"acme"_s, u"docs"_s);
        QCOMPARE(store->fileCounts.inProgress, 1);
        QCOMPARE(*store->lastActiveAt, m_now); // attaching is activity
        QCOMPARE(*store->expiresAt, m_now + 7 * 86'400'000LL);

        auto e = refused(ServiceError::Kind::Conflict,
                         [&] { return m_alice->attachFile(u"acme"_s, u"docs"_s, draft(u"copy.pdf"_s, 1)); });
        QVERIFY2(e.message().contains(u"already has this content as 'Contract 2024.pdf'"_s), qPrintable(e.message()));
        e = refused(ServiceError::Kind::InvalidInput,
                    [&] { return m_alice->attachFile(u"acme"_s, u"docs"_s, draft(u"logo.png"_s, 2)); });
        QVERIFY2(e.message().contains(u"not a supported file type (.png)"_s), qPrintable(e.message()));
        FileDraft longValue = draft(u"b.txt"_s, 3);
        longValue.attributes = QJsonObject{{u"note"_s, QString(600, u'x')}};
        e = refused(ServiceError::Kind::InvalidInput,
                    [&] { return m_alice->attachFile(u"acme"_s, u"docs"_s, longValue); });
        QVERIFY(e.message().contains(u"600 characters long; at most 512"_s));
        FileDraft badChunks = draft(u"c.txt"_s, 4);
        badChunks.chunking = {u"static"_s, 800, 500};
        e = refused(ServiceError::Kind::InvalidInput,
                    [&] { return m_alice->attachFile(u"acme"_s, u"docs"_s, badChunks); });
        QVERIFY(e.message().contains(u"use 0 to 400"_s));
        e = refused(ServiceError::Kind::QuotaExceeded,
                    [&] { return m_alice->attachFile(u"acme"_s, u"docs"_s, draft(u"huge.txt"_s, 5, 60LL << 20)); });
        QVERIFY2(e.message().contains(
                     u"'huge.txt' is 60.0 MiB; tenant acme accepts files of up to 50.0 MiB (plan starter)"_s),
                 qPrintable(e.message()));
        QVERIFY(m_alice->setPlan(u"acme"_s, u"starter"_s, QJsonObject{{u"allowed_types"_s, QJsonArray{u"txt"_s}}}));
        e = refused(ServiceError::Kind::InvalidInput,
                    [&] { return m_alice->attachFile(u"acme"_s, u"docs"_s, draft(u"n.md"_s, 6)); });
        QVERIFY2(e.message().contains(u"plan starter allows txt"_s), qPrintable(e.message()));

        auto attrs =
            m_alice->setFileAttributes(u"acme"_s, u"docs"_s, QString::number(file->id), QJsonObject{{u"year"_s, 2025}});
        QVERIFY(attrs);
        QCOMPARE(attrs->attributes, (QJsonObject{{u"year"_s, 2025}}));
        refused(ServiceError::Kind::InvalidInput,
                [&] { return m_alice->setFileAttributes(u"acme"_s, u"docs"_s, QString::number(file->id), keys(17)); });

        QVERIFY(m_alice->detachFile(u"acme"_s, u"docs"_s, QString::number(file->id)));
        QCOMPARE(m_alice->store(u"acme"_s, u"docs"_s)->fileCounts.total(), 0);
        QCOMPARE(*m_alice->countFiles(u"acme"_s, u"docs"_s), 0);
        FileQuery trash;
        trash.visibility = Visibility::Deleted;
        QCOMPARE(m_alice->listFiles(u"acme"_s, u"docs"_s, trash)->size(), 1);
        QVERIFY(m_alice->restoreFile(u"acme"_s, u"docs"_s, QString::number(file->id)));
        QCOMPARE(m_alice->store(u"acme"_s, u"docs"_s)->fileCounts.inProgress, 1);
        for (const QString &action : {u"file.attach"_s, u"file.set_attributes"_s, u"file.detach"_s, u"file.restore"_s})
            QCOMPARE(auditCount(action), 1);
    }

    void storeChunkingIsTheDefaultForItsFiles_data() { engines(); }
    void storeChunkingIsTheDefaultForItsFiles()
    {
        QVERIFY(setUp());
        const ChunkingStrategy small{u"static"_s, 300, 50};
        StoreDraft bad{u"docs"_s, {}, {}, {}, ChunkingStrategy{u"static"_s, 50, 0}};
        auto e = refused(ServiceError::Kind::InvalidInput, [&] { return m_alice->createStore(u"acme"_s, bad); });
        QVERIFY2(e.message().contains(u"max_chunk_size_tokens 50 is out of range; use 100 to 4096"_s),
                 qPrintable(e.message()));
        auto store = m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, small});
        QVERIFY2(store, store ? "" : qPrintable(store.error().message()));
        QCOMPARE(store->chunking, small);
        QCOMPARE(store->toJson()[u"chunking_strategy"_s][u"static"_s][u"max_chunk_size_tokens"_s].toInt(), 300);
        QCOMPARE(m_alice->store(u"acme"_s, u"docs"_s)->chunking, small);

        // A file without a chunking of its own gets the store's; one with its own keeps it.
        auto inherits = m_alice->attachFile(u"acme"_s, u"docs"_s, draft(u"a.txt"_s, 1));
        QVERIFY(inherits);
        QCOMPARE(inherits->chunking, small);
        FileDraft own = draft(u"b.txt"_s, 2);
        own.chunking = ChunkingStrategy{};
        auto automatic = m_alice->attachFile(u"acme"_s, u"docs"_s, own);
        QVERIFY(automatic);
        QCOMPARE(automatic->chunking.type, u"auto"_s);

        // Changing the store's chunking applies to files attached afterwards only.
        StoreUpdate tooMuchOverlap;
        tooMuchOverlap.chunking = ChunkingStrategy{u"static"_s, 400, 201};
        e = refused(ServiceError::Kind::InvalidInput,
                    [&] { return m_alice->updateStore(u"acme"_s, u"docs"_s, tooMuchOverlap); });
        QVERIFY2(e.message().contains(u"with chunks of 400 tokens use 0 to 200"_s), qPrintable(e.message()));
        StoreUpdate toAuto;
        toAuto.chunking = ChunkingStrategy{};
        auto updated = m_alice->updateStore(u"acme"_s, u"docs"_s, toAuto);
        QVERIFY(updated);
        QCOMPARE(updated->chunking, ChunkingStrategy{});
        QCOMPARE(m_alice->file(u"acme"_s, u"docs"_s, QString::number(inherits->id))->chunking, small);
        auto later = m_alice->attachFile(u"acme"_s, u"docs"_s, draft(u"c.txt"_s, 3));
        QVERIFY(later);
        QCOMPARE(later->chunking.type, u"auto"_s);
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(u"SELECT detail FROM audit_log WHERE action = 'store.update'"_s) && q.next());
        const QJsonObject detail = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        QCOMPARE(detail[u"chunking_strategy"_s][u"from"_s][u"type"_s].toString(), u"static"_s);
        QCOMPARE(detail[u"chunking_strategy"_s][u"to"_s][u"type"_s].toString(), u"auto"_s);
    }

    void listingFilesSortsFiltersAndPages_data() { engines(); }
    void listingFilesSortsFiltersAndPages()
    {
        QVERIFY(setUp());
        QVERIFY(m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        for (int i = 0; i < 30; ++i) {
            m_now += 1;
            QVERIFY(m_alice->attachFile(
                u"acme"_s, u"docs"_s,
                draft(u"%1_%2.txt"_s.arg(i % 2 ? u"report"_s : u"memo"_s).arg(i, 2, 10, QChar(u'0')), i, 1000 - i)));
        }
        FileQuery query;
        query.sortColumn = u"size_bytes"_s;
        query.limit = 10;
        auto page = m_alice->listFiles(u"acme"_s, u"docs"_s, query);
        QVERIFY(page);
        QCOMPARE(page->size(), 10);
        QCOMPARE(page->first().sizeBytes, 971);
        query.offset = 25;
        QCOMPARE(m_alice->listFiles(u"acme"_s, u"docs"_s, query)->size(), 5);
        FileQuery byName;
        byName.nameContains = u"REPORT"_s;
        QCOMPARE(*m_alice->countFiles(u"acme"_s, u"docs"_s, byName), 15);
        byName.nameContains = u"100%"_s; // wildcards in user text are literal
        QCOMPARE(*m_alice->countFiles(u"acme"_s, u"docs"_s, byName), 0);
        FileQuery bad;
        bad.sortColumn = u"sha256; DROP TABLE tenants"_s;
        auto e = m_alice->listFiles(u"acme"_s, u"docs"_s, bad);
        QVERIFY(!e);
        QCOMPARE(e.error().kind(), ServiceError::Kind::InvalidInput);
    }

    void membersSeeOnlyTheirTenants_data() { engines(); }
    void membersSeeOnlyTheirTenants()
    {
        QVERIFY(setUp());
        QVERIFY(m_alice->createTenant({u"globex"_s, {}, u"free"_s, u"local"_s}));
        QVERIFY(m_alice->createStore(u"globex"_s, {u"secret"_s, {}, {}, {}, {}}));
        QVERIFY(m_alice->addMember(u"acme"_s, u"bob"_s, Role::Editor));
        CoreSession bobSession(*m_db, u"bob"_s);
        VectorStoreService &bob = bobSession.service();
        auto tenants = bob.listTenants();
        QVERIFY(tenants);
        QCOMPARE(tenants->size(), 1);
        QCOMPARE(tenants->first().slug, u"acme"_s);
        QCOMPARE(tenants->first().myRole, Role::Editor);
        auto globex = m_alice->tenant(u"globex"_s);
        for (const QString &ref : {u"globex"_s, QString::number(globex->id)}) {
            QCOMPARE(bob.listStores(ref).error().kind(), ServiceError::Kind::NotFound);
            QCOMPARE(bob.store(ref, u"secret"_s).error().kind(), ServiceError::Kind::NotFound);
        }
        // A store id of another tenant named under one's own tenant is not found either.
        auto secret = m_alice->store(u"globex"_s, u"secret"_s);
        QCOMPARE(bob.store(u"acme"_s, QString::number(secret->id)).error().kind(), ServiceError::Kind::NotFound);
        QCOMPARE(bob.listFiles(u"acme"_s, QString::number(secret->id)).error().kind(), ServiceError::Kind::NotFound);
    }

    void fileDraftFromDiskHashesTheContent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"notes.md"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello\n");
        f.close();
        auto d = FileDraft::fromLocalFile(path);
        QVERIFY(d);
        QCOMPARE(d->sha256, u"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"_s);
        QCOMPARE(d->sizeBytes, 6);
        QCOMPARE(d->mimeType, u"text/markdown"_s);
        QVERIFY(!FileDraft::fromLocalFile(dir.filePath(u"missing.txt"_s)));
        QVERIFY(!FileDraft::fromLocalFile(dir.path()));
    }
};

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
