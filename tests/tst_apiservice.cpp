// The service calls behind the API (docs/api.md): uploads and their bytes, opaque ids, file
// batches (checked as one, cancelled together), on SQLite and PostgreSQL, without a server and
// without an ingestion worker (so attached files stay in progress).

#include "core/domain/apiid.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "testdatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}

qint64 count(Database &db, const QString &sql)
{
    auto q = runQuery(db, sql, {}, u"counting"_s);
    if (!q || !q.value().next())
        return -1;
    return q.value().value(0).toLongLong();
}

} // namespace

class TestApiService : public QObject
{
    Q_OBJECT

private slots:
    void uploadsBatchesAndIds_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

    void uploadsBatchesAndIds()
    {
        QFETCH(QString, engine);
        QTemporaryDir dir;
        auto db = test::freshDatabase(engine, dir, u"apiservice"_s);
        if (!db)
            QSKIP("no PostgreSQL fixture server");
        CoreSession alice(*db, u"alice"_s, dir.filePath(u"engine"_s));
        VectorStoreService &service = alice.service();
        QVERIFY(service.createTenant({u"acme"_s, u"Acme"_s, u"pro"_s, u"local"_s}));
        QVERIFY(service.createTenant({u"globex"_s, u"Globex"_s, u"pro"_s, u"local"_s}));
        auto store = service.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}});
        QVERIFY(store);
        const QString storeRef = QString::number(store->id);

        // Uploads: bytes staged by sha256, an opaque file- id, tenant-scoped.
        auto a = service.createUpload(u"acme"_s, u"a.txt"_s, u"assistants"_s,
                                      writeFile(dir, u"a.txt"_s, "alpha beta gamma\n"));
        QVERIFY2(a, a ? "" : qPrintable(a.error().message()));
        QVERIFY(apiid::hasShape(a->apiId, apiid::kFilePrefix));
        QCOMPARE(a->sizeBytes, 17);
        auto b = service.createUpload(u"acme"_s, u"b.txt"_s, u"assistants"_s, writeFile(dir, u"b.txt"_s, "delta\n"));
        auto c = service.createUpload(u"acme"_s, u"c.txt"_s, u"assistants"_s, writeFile(dir, u"c.txt"_s, "epsilon\n"));
        auto dup = service.createUpload(u"acme"_s, u"a-again.txt"_s, u"assistants"_s,
                                        writeFile(dir, u"a2.txt"_s, "alpha beta gamma\n"));
        QVERIFY(b && c && dup);
        QCOMPARE(
            service.createUpload(u"acme"_s, u"x.txt"_s, u"fine-tune"_s, writeFile(dir, u"x.txt"_s, "x")).error().kind(),
            ServiceError::Kind::InvalidInput);
        QCOMPARE(service.upload(u"globex"_s, a->apiId).error().kind(), ServiceError::Kind::NotFound);
        auto path = service.uploadContentPath(u"acme"_s, a->apiId);
        QVERIFY(path && QFile::exists(path.value()));

        // A batch is checked as one: the same content twice refuses it all, nothing attached.
        const QString before = test::dumpRows(*db);
        auto refused = service.createFileBatch(u"acme"_s, storeRef, {{a->apiId, {}, {}}, {dup->apiId, {}, {}}});
        QVERIFY(!refused);
        QVERIFY2(refused.error().message().startsWith(dup->apiId), qPrintable(refused.error().message()));
        auto missing = service.createFileBatch(u"acme"_s, storeRef, {{a->apiId, {}, {}}, {u"file-nope"_s, {}, {}}});
        QCOMPARE(missing.error().kind(), ServiceError::Kind::NotFound);
        QCOMPARE(test::dumpRows(*db), before);

        // A batch attaches its files (in progress here: no ingestion worker runs), then cancels them.
        auto batch = service.createFileBatch(
            u"acme"_s, storeRef,
            {{a->apiId, QJsonObject{{u"k"_s, 1}}, std::nullopt}, {b->apiId, std::nullopt, std::nullopt}});
        QVERIFY2(batch, batch ? "" : qPrintable(batch.error().message()));
        QVERIFY(apiid::hasShape(batch->apiId, apiid::kBatchPrefix));
        QCOMPARE(batch->status(), u"in_progress"_s);
        QCOMPARE(batch->inProgress, 2);
        ApiPageQuery inBatch;
        inBatch.batch = batch->apiId;
        inBatch.ascending = true;
        auto members = service.storeFilePage(u"acme"_s, storeRef, inBatch);
        QVERIFY(members);
        QCOMPARE(members->files.size(), 2);
        QCOMPARE(members->apiIds.value(members->files.first().id), a->apiId); // a store file has its File's id
        QCOMPARE(members->files.first().attributes, (QJsonObject{{u"k"_s, 1}}));
        auto cancelled = service.cancelFileBatch(u"acme"_s, storeRef, batch->apiId);
        QVERIFY2(cancelled, cancelled ? "" : qPrintable(cancelled.error().message()));
        QCOMPARE(cancelled->status(), u"cancelled"_s);
        QCOMPARE(cancelled->cancelled, 2);
        QCOMPARE(service.cancelFileBatch(u"acme"_s, storeRef, batch->apiId).error().kind(),
                 ServiceError::Kind::Conflict);
        QCOMPARE(service.fileBatch(u"acme"_s, storeRef, u"vsfb_nothere"_s).error().kind(),
                 ServiceError::Kind::NotFound);

        // Another tenant's token sees none of it.
        {
            CoreSession other(*db, QString(), dir.filePath(u"engine"_s));
            auto token = service.createApiToken(u"globex"_s, u"theirs"_s, Role::Admin, std::nullopt);
            QVERIFY(token);
            auto principal =
                VectorStoreService::authenticateToken(*db, token->secret, QDateTime::currentMSecsSinceEpoch());
            QVERIFY(principal);
            other.service().actAsToken(principal.value());
            QCOMPARE(other.service().fileBatch(u"acme"_s, storeRef, batch->apiId).error().kind(),
                     ServiceError::Kind::NotFound);
            QCOMPARE(other.service().storeByApiId(QString::number(principal->tenantId), u"vs_x"_s).error().kind(),
                     ServiceError::Kind::NotFound);
        }

        // A store file whose link to its upload was never written (a crash between the attach and
        // the link) is found by its File's id all the same, and linked back to that File.
        auto third = service.attachUpload(u"acme"_s, storeRef, c->apiId, {}, std::nullopt);
        QVERIFY2(third, third ? "" : qPrintable(third.error().message()));
        QVERIFY(runQuery(*db, u"UPDATE vector_store_files SET upload_id = NULL WHERE id = ?"_s, {third->id},
                         u"unlinking"_s));
        auto healed = service.storeFileByApiId(u"acme"_s, storeRef, c->apiId);
        QVERIFY2(healed, healed ? "" : qPrintable(healed.error().message()));
        QCOMPARE(healed->id, third->id);
        QCOMPARE(service.fileApiIds({third->id})->value(third->id), c->apiId);
        // A file attached from disk (the CLI's way) with bytes no upload has gets a File of its own.
        auto fromDisk = service.attachPath(u"acme"_s, storeRef, writeFile(dir, u"disk.txt"_s, "zeta\n"));
        QVERIFY2(fromDisk, fromDisk ? "" : qPrintable(fromDisk.error().message()));
        const QString diskId = service.fileApiIds({fromDisk->id})->value(fromDisk->id);
        QVERIFY(apiid::hasShape(diskId, apiid::kFilePrefix) && diskId != c->apiId);
        QCOMPARE(service.upload(u"acme"_s, diskId)->filename, u"disk.txt"_s);

        // Store ids: opaque, stable, given once.
        auto ids = service.storeApiIds({store.value()});
        QVERIFY(ids);
        const QString storeId = ids->value(store->id);
        QVERIFY(apiid::hasShape(storeId, apiid::kStorePrefix));
        QCOMPARE(service.storeApiIds({store.value()})->value(store->id), storeId);
        QCOMPARE(service.storeByApiId(u"acme"_s, storeId)->id, store->id);

        // Deleting a File detaches it everywhere; its bytes stay while another upload has them.
        auto removed = service.deleteUpload(u"acme"_s, a->apiId);
        QVERIFY2(removed, removed ? "" : qPrintable(removed.error().message()));
        QCOMPARE(
            count(*db, u"SELECT count(*) FROM vector_store_files WHERE deleted_at IS NULL AND upload_id IS NOT NULL"_s),
            3); // b, c and disk.txt
        QVERIFY(QFile::exists(path.value())); // dup has the same bytes
        QVERIFY(service.deleteUpload(u"acme"_s, dup->apiId));
        // The detached store file (in the trash) still refers to the bytes: kept until purged.
        QVERIFY(QFile::exists(path.value()));
        QCOMPARE(count(*db, u"SELECT count(*) FROM uploaded_files"_s), 3); // b, c and disk.txt's
    }
};

QTEST_GUILESS_MAIN(TestApiService)
#include "tst_apiservice.moc"
