// The sync pass on SQLite and PostgreSQL: expiry arithmetic and warnings, purge retention
// boundaries, stuck files with retry and cancel, remote refresh through a fake remote backend,
// the lease, dry runs that change nothing, and a 10,000-file pass beside a busy writer.

#include "core/backend/vectorstorebackend.h"
#include "core/domain/searchrequest.h"
#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/logging/logging.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/sync/synclease.h"
#include "core/sync/syncpass.h"
#include "core/sync/syncworker.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

constexpr qint64 kDay = 24LL * 60 * 60 * 1000;
constexpr qint64 kHour = 60LL * 60 * 1000;

// A remote backend that answers refresh() with what the test put in `next`.
class FakeRemote final : public VectorStoreBackend
{
public:
    RemoteStoreState next;
    QHash<qint64, RemoteFileState> fileStates; // by file id; absent: still in progress
    int refreshCalls = 0;
    QList<qint64> purgedFiles;
    QList<qint64> purgedStores;

    QString name() const override { return u"openai"_s; }
    bool isRemote() const override { return true; }
    Result<QString> createStore(const Tenant &, const VectorStore &store) override
    {
        return u"vs_fake_%1"_s.arg(store.id);
    }
    Result<void> purgeStore(const Tenant &, const VectorStore &store) override
    {
        purgedStores << store.id;
        return {};
    }
    Result<StagedFile> stageFile(const Tenant &, const QString &) override
    {
        return ServiceError::unavailable(u"not staged in tests"_s);
    }
    Result<void> discardStaged(const Tenant &, const StagedFile &) override { return {}; }
    bool isStaged(const QString &) const override { return false; } // stageFile never stages
    // Like the OpenAI backend: the file is handed over and the remote side is still processing
    // it; refresh() reports how that ends.
    QList<qint64> handedOver;
    Result<IngestOutcome> ingest(const Tenant &, const VectorStore &, const StoreFile &file,
                                 const std::function<bool()> &) override
    {
        handedOver << file.id;
        IngestOutcome outcome;
        outcome.remotePending = true;
        outcome.remoteFileId = u"file-fake-%1"_s.arg(file.id);
        return outcome;
    }
    Result<void> setFileVisible(const Tenant &, const VectorStore &, const StoreFile &, bool) override { return {}; }
    Result<void> setFileAttributes(const Tenant &, const VectorStore &, const StoreFile &) override { return {}; }
    Result<void> purgeFile(const Tenant &, const VectorStore &, const StoreFile &file, bool) override
    {
        purgedFiles << file.id;
        return {};
    }
    Result<SearchResponse> search(const Tenant &, const QList<VectorStore> &, const SearchRequest &) override
    {
        return SearchResponse{};
    }
    Result<QList<Chunk>> chunks(const Tenant &, const VectorStore &, const StoreFile &, int, int) override
    {
        return ServiceError::invalid(u"The fake remote keeps no chunks."_s);
    }
    Result<QString> checkConnection(const Tenant &) override { return u"the fake remote"_s; }
    Result<RemoteStoreState> refresh(const Tenant &, const VectorStore &, const QList<StoreFile> &files) override
    {
        ++refreshCalls;
        RemoteStoreState state = next;
        for (const StoreFile &f : files) {
            RemoteFileState fs = fileStates.value(f.id);
            fs.fileId = f.id;
            if (fs.status.isEmpty() && !fs.missing)
                fs.status = u"in_progress"_s;
            state.files << fs;
        }
        return state;
    }
};

FileDraft draft(const QString &name, int n, qint64 size = 100)
{
    FileDraft d;
    d.filename = name;
    d.sizeBytes = size;
    d.sha256 = QString::number(n).rightJustified(64, u'0');
    return d;
}

QList<const SyncItem *> itemsOf(const SyncReport &r, const QString &action)
{
    QList<const SyncItem *> list;
    for (const SyncItem &i : r.items)
        if (i.action == action)
            list << &i;
    return list;
}

} // namespace

class TestSync : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<engine::LocalEngine> m_engine;
    FakeRemote m_remote;
    std::unique_ptr<VectorStoreService> m_alice;
    qint64 m_now = 1'700'000'000'000;
    bool m_withLocal = true;

    void engines()
    {
        QTest::addColumn<QString>("engine");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgresql") << u"postgresql"_s;
    }

    BackendFor backends()
    {
        return [this](BackendKind kind) -> VectorStoreBackend * {
            if (kind == BackendKind::Local)
                return m_withLocal ? m_engine.get() : nullptr;
            if (kind == BackendKind::OpenAI)
                return &m_remote;
            return nullptr;
        };
    }

    // A fresh database with tenant acme (pro) owned by alice, the local engine in a fresh folder.
    bool setUp(const QString &engine)
    {
        m_alice.reset();
        m_db.reset();
        m_remote = {};
        m_withLocal = true;
        m_now = 1'700'000'000'000;
        std::optional<DatabaseUrl> url;
        const QString name = u"sync_%1"_s.arg(++m_counter);
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
        m_engine = std::make_unique<engine::LocalEngine>(m_dir.filePath(name + u".engine"_s));
        m_alice = std::make_unique<VectorStoreService>(*m_db, u"alice"_s, backends());
        m_alice->setClock([this] { return m_now; });
        return m_alice->createTenant({u"acme"_s, u"Acme Corp"_s, u"pro"_s, u"local"_s}).ok();
    }

    SyncReport pass(SyncOptions options = {})
    {
        SyncPass p(*m_db, backends(), options);
        p.setClock([this] { return m_now; });
        auto r = p.run({});
        if (!r) {
            qWarning().noquote() << r.error().message();
            return {};
        }
        return r.value();
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(u"files/%1/%2"_s.arg(m_counter).arg(name));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(content);
        return path;
    }

    qint64 scalar(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(m_db->connection());
        q.prepare(sql);
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec() || !q.next()) {
            qWarning().noquote() << sql << q.lastError().text();
            return -1;
        }
        return q.value(0).toLongLong();
    }

    bool exec(const QString &sql, const QVariantList &binds = {})
    {
        QSqlQuery q(m_db->connection());
        q.prepare(sql);
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec()) {
            qWarning().noquote() << sql << q.lastError().text();
            return false;
        }
        return true;
    }

    // The store's counters equal what its live files say.
    bool countersExact(qint64 storeId)
    {
        const QString mismatch = test::storeCounterMismatch(*m_db, storeId);
        if (!mismatch.isEmpty())
            qWarning().noquote() << "store" << storeId << "counters:" << mismatch;
        return mismatch.isEmpty();
    }

private slots:
    // ----- expiry

    void expiryArithmetic_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<int>("days");
        QTest::addColumn<qint64>("later"); // time since the last activity when the pass runs
        QTest::addColumn<bool>("clear"); // clear the policy before the pass
        QTest::addColumn<bool>("expired");
        QTest::addColumn<bool>("warned");
        for (const QString &engine : {u"sqlite"_s, u"postgresql"_s}) {
            const QByteArray e = engine.toUtf8();
            QTest::addRow("%s: 1 day, 1 ms before: warned, not expired", e.data())
                << engine << 1 << kDay - 1 << false << false << true;
            QTest::addRow("%s: 1 day, exactly: expired", e.data()) << engine << 1 << kDay << false << true << false;
            QTest::addRow("%s: 365 days, 362 days later: warned", e.data())
                << engine << 365 << 362 * kDay << false << false << true;
            QTest::addRow("%s: 365 days, 361 days later: nothing", e.data())
                << engine << 365 << 361 * kDay << false << false << false;
            QTest::addRow("%s: 365 days, 400 days later: expired", e.data())
                << engine << 365 << 400 * kDay << false << true << false;
            QTest::addRow("%s: cleared policy never expires", e.data())
                << engine << 1 << 30 * kDay << true << false << false;
        }
    }

    void expiryArithmetic()
    {
        QFETCH(QString, engine);
        QFETCH(int, days);
        QFETCH(qint64, later);
        QFETCH(bool, clear);
        QFETCH(bool, expired);
        QFETCH(bool, warned);
        QVERIFY(setUp(engine));
        auto store = m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, days, {}});
        QVERIFY(store);
        QCOMPARE(*store->expiresAt, m_now + days * kDay);
        // A file, so that expiry has files to take away.
        auto file = m_alice->attachPath(u"acme"_s, u"docs"_s, writeFile(u"a.txt"_s, "wing flutter at altitude\n"));
        QVERIFY(file);
        const qint64 anchor = m_now;
        if (clear) {
            StoreUpdate u;
            u.expiresAfterDays = std::optional<int>();
            QVERIFY(m_alice->updateStore(u"acme"_s, u"docs"_s, u));
        }
        m_now = anchor + later;
        const SyncReport r = pass();
        QCOMPARE(r.status, u"succeeded"_s);
        QCOMPARE(itemsOf(r, u"expire"_s).size(), expired ? 1 : 0);
        QCOMPARE(itemsOf(r, u"expiry_warning"_s).size(), warned ? 1 : 0);
        auto after = m_alice->store(u"acme"_s, u"docs"_s);
        QVERIFY(after);
        QCOMPARE(after->status, expired ? StoreStatus::Expired : StoreStatus::Completed);
        if (clear)
            QVERIFY(!after->expiresAt);
        else
            QCOMPARE(*after->expiresAt, anchor + days * kDay);
        if (expired) {
            // OpenAI semantics: its files are gone and it cannot be searched.
            QCOMPARE(after->fileCounts.total(), 0);
            QCOMPARE(scalar(u"SELECT count(*) FROM vector_store_files WHERE deleted_at IS NULL"_s), 0);
            QVERIFY(countersExact(after->id));
            SearchRequest request;
            request.queries = {u"flutter"_s};
            auto search = m_alice->search(u"acme"_s, {u"docs"_s}, request);
            QVERIFY(!search);
            QCOMPARE(search.error().kind(), ServiceError::Kind::Conflict);
            QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE action = 'store.expire' AND operator = "
                            u"'system:sync'"_s),
                     1);
            QVERIFY(!m_alice->restoreFile(u"acme"_s, u"docs"_s, QString::number(file->id)));
            // A second pass has nothing left to do.
            QVERIFY(itemsOf(pass(), u"expire"_s).isEmpty());
        } else if (warned) {
            QVERIFY(itemsOf(r, u"expiry_warning"_s)[0]->extra.value(u"expires_in_ms"_s).toInteger()
                    == anchor + days * kDay - m_now);
        }
    }

    void activityMovesTheAnchor_data() { engines(); }
    void activityMovesTheAnchor()
    {
        QFETCH(QString, engine);
        QVERIFY(setUp(engine));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, 1, {}}));
        const qint64 created = m_now;
        // Search and attach both refresh last_active_at (docs/sync.md).
        m_now = created + 20 * kHour;
        SearchRequest request;
        request.queries = {u"anything"_s};
        QVERIFY(m_alice->search(u"acme"_s, {u"docs"_s}, request));
        m_now = created + 30 * kHour;
        QVERIFY(m_alice->attachPath(u"acme"_s, u"docs"_s, writeFile(u"b.txt"_s, "some text\n")));
        m_now = created + 50 * kHour; // 20 h after the attach: not yet expired
        SyncReport r = pass();
        QVERIFY(itemsOf(r, u"expire"_s).isEmpty());
        QCOMPARE(*m_alice->store(u"acme"_s, u"docs"_s)->expiresAt, created + 30 * kHour + kDay);
        m_now = created + 30 * kHour + kDay;
        r = pass();
        QCOMPARE(itemsOf(r, u"expire"_s).size(), 1);
    }

    // A search records activity at most once a minute per store (no write-lock wait per search).
    void searchActivityIsRecordedOncePerMinute_data() { engines(); }
    void searchActivityIsRecordedOncePerMinute()
    {
        QFETCH(QString, engine);
        QVERIFY(setUp(engine));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, 1, {}}));
        const qint64 created = m_now;
        SearchRequest request;
        request.queries = {u"anything"_s};
        m_now = created + 59'000;
        QVERIFY(m_alice->search(u"acme"_s, {u"docs"_s}, request));
        QCOMPARE(*m_alice->store(u"acme"_s, u"docs"_s)->lastActiveAt, created);
        m_now = created + 60'000;
        QVERIFY(m_alice->search(u"acme"_s, {u"docs"_s}, request));
        QCOMPARE(*m_alice->store(u"acme"_s, u"docs"_s)->lastActiveAt, created + 60'000);
        QCOMPARE(*m_alice->store(u"acme"_s, u"docs"_s)->expiresAt, created + 60'000 + kDay);
    }

    void staleExpiryIsCorrected_data() { engines(); }
    void staleExpiryIsCorrected()
    {
        QFETCH(QString, engine);
        QVERIFY(setUp(engine));
        auto s = m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, 5, {}});
        QVERIFY(s);
        // A row whose expires_at is wrong (written by an older version) and already past.
        QVERIFY(exec(u"UPDATE vector_stores SET expires_at = NULL, last_active_at = ? WHERE id = ?"_s,
                     {m_now - 10 * kDay, s->id}));
        const SyncReport r = pass();
        QCOMPARE(itemsOf(r, u"expiry_fixed"_s).size(), 1);
        QCOMPARE(itemsOf(r, u"expire"_s).size(), 1);
        auto after = m_alice->store(u"acme"_s, u"docs"_s);
        QCOMPARE(after->status, StoreStatus::Expired);
        QCOMPARE(*after->expiresAt, m_now - 5 * kDay);
    }

    // ----- purge

    void purgeRetentionBoundaries_data()
    {
        QTest::addColumn<QString>("engine");
        QTest::addColumn<qint64>("retention");
        QTest::addColumn<qint64>("age");
        QTest::addColumn<bool>("purged");
        for (const QString &engine : {u"sqlite"_s, u"postgresql"_s}) {
            const QByteArray e = engine.toUtf8();
            QTest::addRow("%s: default 7 days, 1 ms short: kept", e.data())
                << engine << 7 * kDay << 7 * kDay - 1 << false;
            QTest::addRow("%s: default 7 days, exactly: purged", e.data()) << engine << 7 * kDay << 7 * kDay << true;
            QTest::addRow("%s: 1 day, 2 days old: purged", e.data()) << engine << kDay << 2 * kDay << true;
            QTest::addRow("%s: 30 days, 29 days old: kept", e.data()) << engine << 30 * kDay << 29 * kDay << false;
        }
    }

    void purgeRetentionBoundaries()
    {
        QFETCH(QString, engine);
        QFETCH(qint64, retention);
        QFETCH(qint64, age);
        QFETCH(bool, purged);
        QVERIFY(setUp(engine));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"old"_s, {}, {}, {}, {}}));
        QVERIFY(m_alice->createTenant({u"gone"_s, {}, u"free"_s, u"local"_s}));
        auto gone = m_alice->createStore(u"gone"_s, {u"g"_s, {}, {}, {}, {}});
        QVERIFY(gone);
        const QString shared = writeFile(u"shared.txt"_s, "the same bytes in two stores\n");
        auto a = m_alice->attachPath(u"acme"_s, u"docs"_s, shared);
        auto b = m_alice->attachPath(u"acme"_s, u"docs"_s, writeFile(u"own.txt"_s, "bytes of one file only\n"));
        auto c = m_alice->attachPath(u"acme"_s, u"old"_s, shared);
        auto g = m_alice->attachPath(u"gone"_s, u"g"_s, writeFile(u"g.txt"_s, "tenant bytes\n"));
        QVERIFY(a && b && c && g);
        QCOMPARE(pass().status, u"succeeded"_s); // ingests all four
        QCOMPARE(scalar(u"SELECT count(*) FROM vector_store_files WHERE status = 'completed'"_s), 4);
        const QString oldIndex = m_engine->indexPath(c->tenantId, c->storeId);
        const QString goneIndex = m_engine->indexPath(g->tenantId, g->storeId);
        QVERIFY(QFile::exists(oldIndex));

        const qint64 deletedAt = m_now;
        QVERIFY(m_alice->detachFile(u"acme"_s, u"docs"_s, QString::number(a->id)));
        QVERIFY(m_alice->detachFile(u"acme"_s, u"docs"_s, QString::number(b->id)));
        QVERIFY(m_alice->deleteStore(u"acme"_s, u"old"_s));
        QVERIFY(m_alice->deleteTenant(u"gone"_s));

        m_now = deletedAt + age;
        SyncOptions options;
        options.retentionMs = retention;
        const SyncReport r = pass(options);
        QCOMPARE(r.status, u"succeeded"_s);
        QCOMPARE(itemsOf(r, u"purge_file"_s).size(), purged ? 2 : 0);
        QCOMPARE(itemsOf(r, u"purge_store"_s).size(), purged ? 2 : 0); // "old", and "g" with its tenant
        QCOMPARE(itemsOf(r, u"purge_tenant"_s).size(), purged ? 1 : 0);
        QCOMPARE(scalar(u"SELECT count(*) FROM vector_store_files"_s), purged ? 0 : 4);
        QCOMPARE(scalar(u"SELECT count(*) FROM vector_stores"_s), purged ? 1 : 3);
        QCOMPARE(scalar(u"SELECT count(*) FROM tenants"_s), purged ? 1 : 2);
        QCOMPARE(QFile::exists(oldIndex), !purged);
        QCOMPARE(QFile::exists(goneIndex), !purged);
        // Bytes go with their last reference.
        QCOMPARE(m_engine->blobs().contains(a->sha256), !purged);
        QCOMPARE(m_engine->blobs().contains(b->sha256), !purged);
        QCOMPARE(m_engine->blobs().contains(g->sha256), !purged);
        if (purged) {
            QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE action = 'file.purge'"_s), 2);
            QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE action = 'store.purge'"_s), 2);
            QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE action = 'tenant.purge'"_s), 1);
            QCOMPARE(scalar(u"SELECT count(*) FROM memberships m JOIN tenants t ON t.id = m.tenant_id"_s), 1);
            // Nothing left for the next pass.
            const SyncReport again = pass(options);
            QVERIFY(itemsOf(again, u"purge_file"_s).isEmpty() && itemsOf(again, u"purge_store"_s).isEmpty());
        }
        QVERIFY(countersExact(a->storeId));
    }

    // ----- stuck files, retry, cancel

    void stuckRetryCancel_data() { engines(); }
    void stuckRetryCancel()
    {
        QFETCH(QString, engine);
        QVERIFY(setUp(engine));
        auto s = m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}});
        QVERIFY(s);
        auto one = m_alice->attachPath(u"acme"_s, u"docs"_s, writeFile(u"one.txt"_s, "first file\n"));
        m_now += 30 * 60 * 1000;
        auto two = m_alice->attachPath(u"acme"_s, u"docs"_s, writeFile(u"two.txt"_s, "second file\n"));
        QVERIFY(one && two);
        const qint64 start = m_now;
        m_now = start + 40 * 60 * 1000; // one waited 70 min, two 40 min

        // Without an engine in this runner nothing is ingested: both just wait.
        m_withLocal = false;
        SyncReport r = pass();
        auto stuck = itemsOf(r, u"stuck"_s);
        QCOMPARE(stuck.size(), 1);
        QCOMPARE(stuck[0]->fileId, one->id);
        QCOMPARE(stuck[0]->extra.value(u"waited_ms"_s).toInteger(), 70 * 60 * 1000);
        SyncOptions stricter;
        stricter.stuckAfterMs = 30 * 60 * 1000;
        QCOMPARE(itemsOf(pass(stricter), u"stuck"_s).size(), 2);

        // Cancel: only a file in progress; the counters follow.
        auto cancelled = m_alice->cancelFile(u"acme"_s, u"docs"_s, QString::number(one->id));
        QVERIFY(cancelled);
        QCOMPARE(cancelled->status, FileStatus::Cancelled);
        QVERIFY(countersExact(s->id));
        QCOMPARE(m_alice->cancelFile(u"acme"_s, u"docs"_s, QString::number(one->id)).error().kind(),
                 ServiceError::Kind::Conflict);
        QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE action = 'file.cancel'"_s), 1);
        QVERIFY(itemsOf(pass(), u"stuck"_s).isEmpty());

        // A viewer may do neither.
        QVERIFY(m_alice->addMember(u"acme"_s, u"vic"_s, Role::Viewer));
        CoreSession vicSession(*m_db, u"vic"_s);
        VectorStoreService &vic = vicSession.service();
        QCOMPARE(vic.retryFile(u"acme"_s, u"docs"_s, QString::number(one->id)).error().kind(),
                 ServiceError::Kind::PermissionDenied);
        QCOMPARE(vic.cancelFile(u"acme"_s, u"docs"_s, QString::number(two->id)).error().kind(),
                 ServiceError::Kind::PermissionDenied);

        // Retry puts it back in the queue; a pass with the engine ingests both, exactly once.
        auto retried = m_alice->retryFile(u"acme"_s, u"docs"_s, QString::number(one->id));
        QVERIFY(retried);
        QCOMPARE(retried->status, FileStatus::InProgress);
        QCOMPARE(retried->statusChangedAt, m_now);
        QVERIFY(countersExact(s->id));
        m_withLocal = true;
        r = pass();
        QCOMPARE(itemsOf(r, u"ingest"_s).size(), 2);
        QCOMPARE(m_alice->store(u"acme"_s, u"docs"_s)->fileCounts.completed, 2);
        QVERIFY(countersExact(s->id));
        QCOMPARE(m_alice->retryFile(u"acme"_s, u"docs"_s, QString::number(one->id)).error().kind(),
                 ServiceError::Kind::Conflict);

        // A failed file: retry clears its error, and it fails again the same way.
        // A damaged PDF: its header passes the attach check (text named .pdf is refused there
        // now), indexing fails it.
        auto bad = m_alice->attachPath(u"acme"_s, u"docs"_s, writeFile(u"bad.pdf"_s, "%PDF-1.4\nnot a pdf at all"));
        QVERIFY(bad);
        pass();
        QCOMPARE(m_alice->file(u"acme"_s, u"docs"_s, QString::number(bad->id))->status, FileStatus::Failed);
        auto again = m_alice->retryFile(u"acme"_s, u"docs"_s, QString::number(bad->id));
        QVERIFY(again);
        QVERIFY(again->lastErrorCode.isEmpty());
        QVERIFY(countersExact(s->id));
        r = pass();
        QCOMPARE(itemsOf(r, u"ingest"_s).size(), 1);
        QCOMPARE(itemsOf(r, u"ingest"_s)[0]->outcome, u"failed"_s);
        QCOMPARE(r.status, u"failed"_s);
        QVERIFY(countersExact(s->id));
        QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE action = 'file.retry'"_s), 2);
    }

    // ----- remote stores

    // A pass asks a remote store about all of its files in progress in one call (the OpenAI
    // backend lists them, a request per page of 100), and records their new states in
    // transactions of batchSize files.
    void remoteRefreshAsksOncePerStore_data() { engines(); }
    void remoteRefreshAsksOncePerStore()
    {
        QFETCH(QString, engine);
        QVERIFY(setUp(engine));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"remote"_s, u"openai"_s, {}, {}, {}}));
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i) {
            auto f = m_alice->attachFile(u"acme"_s, u"remote"_s, draft(u"f%1.pdf"_s.arg(i), 10 + i));
            QVERIFY(f);
            ids << f->id;
            m_remote.fileStates[f->id] = {f->id, false, u"completed"_s, {}, {}, 100};
        }
        m_remote.next.status = u"completed"_s;
        m_remote.next.usageBytes = 500;
        m_remote.next.fileCounts = {0, 5, 0, 0};
        const int before = m_remote.refreshCalls;
        SyncOptions options;
        options.batchSize = 2;
        SyncReport r = pass(options);
        QCOMPARE(r.status, u"succeeded"_s);
        QCOMPARE(m_remote.refreshCalls - before, 1);
        QCOMPARE(itemsOf(r, u"refresh_file"_s).size(), 5);
        for (const qint64 id : std::as_const(ids))
            QCOMPARE(m_alice->file(u"acme"_s, u"remote"_s, QString::number(id))->status, FileStatus::Completed);
        QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE action = 'file.refresh'"_s), 5);
        QCOMPARE(m_alice->store(u"acme"_s, u"remote"_s)->fileCounts.completed, 5);
    }

    void remoteRefresh_data() { engines(); }
    void remoteRefresh()
    {
        QFETCH(QString, engine);
        QVERIFY(setUp(engine));
        auto s = m_alice->createStore(u"acme"_s, {u"remote"_s, u"openai"_s, {}, {}, {}});
        QVERIFY(s);
        auto f1 = m_alice->attachFile(u"acme"_s, u"remote"_s, draft(u"a.pdf"_s, 1));
        auto f2 = m_alice->attachFile(u"acme"_s, u"remote"_s, draft(u"b.pdf"_s, 2));
        auto f3 = m_alice->attachFile(u"acme"_s, u"remote"_s, draft(u"c.pdf"_s, 3));
        QVERIFY(f1 && f2 && f3);
        m_remote.next.status = u"in_progress"_s;
        m_remote.next.usageBytes = 1234;
        m_remote.next.fileCounts = {1, 1, 1, 0};
        m_remote.next.expiresAt = m_now + 9 * kDay;
        m_remote.next.lastActiveAt = m_now - 1000;
        m_remote.fileStates[f1->id] = {f1->id, false, u"completed"_s, {}, {}, 1000};
        m_remote.fileStates[f2->id] = {f2->id, false, u"failed"_s, u"invalid_file"_s, u"The file is empty."_s, 0};

        SyncOptions dry;
        dry.dryRun = true;
        const QString before = test::dumpRows(*m_db);
        SyncReport r = pass(dry);
        QCOMPARE(test::dumpRows(*m_db), before);
        QCOMPARE(itemsOf(r, u"refresh_file"_s).size(), 2);
        QCOMPARE(itemsOf(r, u"refresh_store"_s)[0]->outcome, u"planned"_s);

        r = pass();
        QCOMPARE(r.status, u"succeeded"_s);
        QCOMPARE(itemsOf(r, u"refresh_file"_s).size(), 2);
        QCOMPARE(m_alice->file(u"acme"_s, u"remote"_s, QString::number(f1->id))->status, FileStatus::Completed);
        auto failed = m_alice->file(u"acme"_s, u"remote"_s, QString::number(f2->id));
        QCOMPARE(failed->status, FileStatus::Failed);
        QCOMPARE(failed->lastErrorCode, u"invalid_file"_s);
        auto after = m_alice->store(u"acme"_s, u"remote"_s);
        QCOMPARE(after->status, StoreStatus::InProgress);
        QCOMPARE(after->usageBytes, 1234);
        QCOMPARE(after->fileCounts.inProgress, 1);
        QCOMPARE(after->fileCounts.completed, 1);
        QCOMPARE(after->fileCounts.failed, 1);
        QCOMPARE(*after->expiresAt, m_now + 9 * kDay);
        QCOMPARE(*after->lastActiveAt, m_now - 1000);
        QCOMPARE(scalar(u"SELECT count(*) FROM audit_log WHERE action = 'file.refresh'"_s), 2);

        // A file removed remotely is reported, never re-uploaded; the store as well.
        m_remote.fileStates[f3->id] = {f3->id, true, {}, {}, {}, 0};
        r = pass();
        QCOMPARE(itemsOf(r, u"missing_file"_s).size(), 1);
        QCOMPARE(m_alice->file(u"acme"_s, u"remote"_s, QString::number(f3->id))->status, FileStatus::InProgress);
        m_remote.next = {};
        m_remote.next.missing = true;
        r = pass();
        QCOMPARE(itemsOf(r, u"missing_store"_s).size(), 1);
        QCOMPARE(r.items.size(), 1);
        QCOMPARE(m_alice->store(u"acme"_s, u"remote"_s)->status, StoreStatus::InProgress);

        // Expired remotely: expired here too, its files gone.
        m_remote.next = {};
        m_remote.next.status = u"expired"_s;
        m_remote.next.expiresAt = m_now - 1;
        m_remote.fileStates.clear();
        r = pass();
        QCOMPARE(r.status, u"succeeded"_s);
        after = m_alice->store(u"acme"_s, u"remote"_s);
        QCOMPARE(after->status, StoreStatus::Expired);
        QCOMPARE(scalar(u"SELECT count(*) FROM vector_store_files WHERE deleted_at IS NULL"_s), 0);

        // Purge deletes the remote objects through the backend.
        QVERIFY(m_alice->deleteStore(u"acme"_s, u"remote"_s));
        m_now += 8 * kDay;
        r = pass();
        QCOMPARE(itemsOf(r, u"purge_file"_s).size(), 3);
        QCOMPARE(m_remote.purgedFiles.size(), 3);
        QCOMPARE(m_remote.purgedStores, QList<qint64>{s->id});
    }

    void remoteWithoutBackendFails_data() { engines(); }
    void remoteWithoutBackendFails()
    {
        QFETCH(QString, engine);
        QVERIFY(setUp(engine));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"remote"_s, u"openai"_s, {}, {}, {}}));
        SyncPass p(*m_db,
                   [this](BackendKind kind) -> VectorStoreBackend * {
                       return kind == BackendKind::Local ? m_engine.get() : nullptr;
                   },
                   {});
        p.setClock([this] { return m_now; });
        auto r = p.run({});
        QVERIFY(r);
        QCOMPARE(r->status, u"failed"_s);
        QCOMPARE(r->failures(), 1);
        QVERIFY(r->items[0].error.contains(u"No openai backend"_s));
    }

    // ----- dry run and sync_runs

    void dryRunChangesNothing_data() { engines(); }
    void dryRunChangesNothing()
    {
        QFETCH(QString, engine);
        QVERIFY(setUp(engine));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"expiring"_s, {}, {}, 2, {}}));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"warned"_s, {}, {}, 4, {}}));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"trash"_s, {}, {}, {}, {}}));
        auto detached = m_alice->attachPath(u"acme"_s, u"docs"_s, writeFile(u"d.txt"_s, "to be purged\n"));
        QVERIFY(m_alice->attachPath(u"acme"_s, u"expiring"_s, writeFile(u"e.txt"_s, "expiring content\n")));
        QVERIFY(detached);
        QVERIFY(pass().status == u"succeeded"_s);
        QVERIFY(m_alice->detachFile(u"acme"_s, u"docs"_s, QString::number(detached->id)));
        QVERIFY(m_alice->deleteStore(u"acme"_s, u"trash"_s));
        m_now += 8 * kDay - 2 * kDay; // 6 days later: 'expiring' is past, 'warned' due in 2 days
        m_now += 2 * kDay; // 8 days: purge is due as well
        m_alice->setClock([this] { return m_now - 3 * kHour; });
        QVERIFY(m_alice->attachPath(u"acme"_s, u"docs"_s, writeFile(u"stuck.txt"_s, "waiting\n")));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"warned2"_s, {}, {}, 1, {}}));
        m_alice->setClock([this] { return m_now; });

        SyncOptions dry;
        dry.dryRun = true;
        const QString before = test::dumpRows(*m_db);
        const SyncReport planned = pass(dry);
        QCOMPARE(test::dumpRows(*m_db), before);
        QCOMPARE(planned.runId, 0);
        QVERIFY(planned.failures() == 0);
        QVERIFY(QFile::exists(m_engine->indexPath(detached->tenantId, detached->storeId)));

        const SyncReport real = pass();
        QCOMPARE(real.status, u"succeeded"_s);
        // Exactly what the dry run announced was done.
        auto key = [](const SyncItem &i) {
            return u"%1 %2 %3 %4"_s.arg(i.action).arg(i.tenantId).arg(i.storeId).arg(i.fileId);
        };
        QStringList announced;
        QStringList done;
        for (const SyncItem &i : planned.items)
            announced << key(i);
        for (const SyncItem &i : real.items)
            done << key(i);
        announced.sort();
        done.sort();
        QCOMPARE(done, announced);
        for (const QString &action :
             {u"expire"_s, u"expiry_warning"_s, u"stuck"_s, u"ingest"_s, u"purge_file"_s, u"purge_store"_s})
            QVERIFY2(!itemsOf(real, action).isEmpty(), qPrintable(action));
        QVERIFY(real.runId > 0);
        QSqlQuery q(m_db->connection());
        QVERIFY(
            q.exec(
                u"SELECT status, triggered_by, counts, errors, finished_at, host, pid FROM sync_runs ORDER BY id DESC"_s)
            && q.next());
        QCOMPARE(q.value(0).toString(), u"succeeded"_s);
        QCOMPARE(q.value(1).toString(), u"manual"_s);
        const QJsonObject counts = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
        QCOMPARE(counts.value(u"purge_file"_s).toObject().value(u"done"_s).toInt(), 1);
        QCOMPARE(q.value(3).toString(), u"[]"_s);
        QCOMPARE(q.value(4).toLongLong(), real.finishedAt);
        QCOMPARE(q.value(6).toLongLong(), QCoreApplication::applicationPid());
    }

    void cancelStopsBetweenItems_data() { engines(); }
    void cancelStopsBetweenItems()
    {
        QFETCH(QString, engine);
        QVERIFY(setUp(engine));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        for (int i = 0; i < 5; ++i)
            QVERIFY(m_alice->attachPath(u"acme"_s, u"docs"_s,
                                        writeFile(u"f%1.txt"_s.arg(i), "text %1\n"_ba + QByteArray::number(i))));
        int ingested = 0;
        bool stop = false;
        SyncPass p(*m_db, backends(), {});
        p.setClock([this] { return m_now; });
        SyncPass::Observer observer;
        observer.item = [&](const SyncItem &item) {
            if (item.action == u"ingest"_s && ++ingested == 2)
                stop = true;
        };
        QList<std::pair<qint64, qint64>> progress;
        observer.progress = [&](const QString &phase, qint64 done, qint64 total, const QString &) {
            if (phase == u"ingest"_s)
                progress << std::make_pair(done, total);
        };
        auto r = p.run([&] { return stop; }, observer);
        QVERIFY(r);
        QCOMPARE(r->status, u"cancelled"_s);
        QCOMPARE(ingested, 2);
        QCOMPARE(progress.first(), std::make_pair(qint64(0), qint64(5)));
        QCOMPARE(scalar(u"SELECT count(*) FROM vector_store_files WHERE status = 'in_progress'"_s), 3);
        QCOMPARE(scalar(u"SELECT count(*) FROM sync_runs WHERE status = 'cancelled'"_s), 1);
    }

    // ----- the lease

    void lease_data() { engines(); }
    void lease()
    {
        QFETCH(QString, engine);
        QVERIFY(setUp(engine));
        SyncLease first(*m_db, u"gui"_s);
        first.setClock([this] { return m_now; });
        first.setDurationMs(60'000);
        auto taken = first.acquire();
        QVERIFY(taken && !taken.value());
        QVERIFY(first.acquire() && !first.acquire().value()); // ours already

        // Another runner on another machine: refused, told who and since when.
        QVERIFY(exec(u"UPDATE sync_lease SET host = 'build-7', pid = 4242"_s));
        SyncLease second(*m_db, u"headless"_s);
        second.setClock([this] { return m_now; });
        auto refused = second.acquire();
        QVERIFY(refused && refused.value());
        QCOMPARE(refused.value()->host, u"build-7"_s);
        QCOMPARE(refused.value()->pid, 4242);
        QVERIFY(refused.value()->describe(m_now).contains(u"build-7 (pid 4242, gui) since 2023-11-14"_s));
        // Our first runner lost it: renewing says so.
        QCOMPARE(first.renew().error().kind(), ServiceError::Kind::Conflict);

        // Its heartbeat stops: once the lease runs out it is taken over.
        m_now += 59'999;
        QVERIFY(second.acquire().value());
        m_now += 1;
        QVERIFY(!second.acquire().value());
        QCOMPARE(scalar(u"SELECT pid FROM sync_lease"_s), QCoreApplication::applicationPid());
        QVERIFY(second.release());
        QCOMPARE(scalar(u"SELECT count(*) FROM sync_lease"_s), 0);

        // Same host, a process that is gone: taken over at once.
        QProcess gone;
        gone.start(u"true"_s, {});
        QVERIFY(gone.waitForFinished());
        const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 999999;
        QVERIFY(exec(u"INSERT INTO sync_lease (name, host, pid, triggered_by, acquired_at, heartbeat_at, expires_at) "
                     u"VALUES ('sync', ?, ?, 'headless', ?, ?, ?)"_s,
                     {SyncLease::thisHost(), deadPid, m_now, m_now, m_now + 3'600'000}));
        QVERIFY(!second.acquire().value());
        QVERIFY(second.held());
    }

    // ----- the worker on its own thread (the GUI's way)

    void workerOnAThread_data() { engines(); }
    void workerOnAThread()
    {
        QFETCH(QString, engine);
        // The test's own service calls run as a front end's would, under a request id, so that
        // every line logged from here on must carry one, whichever thread logs it.
        logging::ContextScope setup(u"test-setup"_s);
        QVERIFY(setUp(engine));
        QVERIFY(m_alice->createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_alice->attachPath(u"acme"_s, u"docs"_s,
                                        writeFile(u"w%1.txt"_s.arg(i), "worker text " + QByteArray::number(i) + "\n")));
        // The worker's lines, as the Activity view and the JSON log get them.
        QString logError;
        QVERIFY2(logging::install(QString(), &logError), qPrintable(logError));
        QLoggingCategory::setFilterRules(u"vectordesk.*.debug=true"_s);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        SyncOptions options;
        options.triggeredBy = u"gui"_s;
        QThread thread;
        auto *worker = new SyncWorker(m_db->url(), m_engine->root(), options);
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        // A failed check returns early: the thread must still end before it is destroyed.
        const auto stopThread = qScopeGuard([&thread] {
            thread.quit();
            thread.wait();
        });
        QSignalSpy started(worker, &SyncWorker::passStarted);
        QSignalSpy progress(worker, &SyncWorker::progress);
        QSignalSpy finishedPass(worker, &SyncWorker::passFinished);
        QSignalSpy held(worker, &SyncWorker::leaseHeld);
        QSignalSpy done(worker, &SyncWorker::finished);
        thread.start();

        QMetaObject::invokeMethod(worker, &SyncWorker::runPass, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 60000);
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.at(0).at(0).toString(), u"gui"_s);
        QCOMPARE(finishedPass.size(), 1);
        const QJsonObject report = finishedPass.at(0).at(0).toJsonObject();
        QCOMPARE(report.value(u"status"_s).toString(), u"succeeded"_s);
        QCOMPARE(report.value(u"counts"_s).toObject().value(u"ingest"_s).toObject().value(u"done"_s).toInt(), 3);
        bool sawIngest = false;
        for (const QList<QVariant> &args : std::as_const(progress))
            sawIngest = sawIngest || (args.at(0).toString() == u"ingest"_s && args.at(2).toLongLong() == 3);
        QVERIFY(sawIngest);
        QCOMPARE(scalar(u"SELECT count(*) FROM sync_runs WHERE triggered_by = 'gui' AND status = 'succeeded'"_s), 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM sync_lease"_s), 0);
        // Every line the worker's thread logged carries a request id, opening the database
        // included, and what it did to a file names the tenant.
        int opened = 0;
        int ingested = 0;
        for (const logging::LogLine &line : logging::recentLines()) {
            if (line.atMs < before || !line.category.startsWith(u"vectordesk."_s))
                continue;
            QVERIFY2(!line.requestId.isEmpty(), qPrintable(line.category + u": "_s + line.message));
            opened += line.message.startsWith(u"opened"_s) ? 1 : 0;
            if (line.category == u"vectordesk.core.sync"_s && line.message.startsWith(u"ingest done"_s)) {
                ++ingested;
                QCOMPARE(line.tenant, u"acme"_s);
                QVERIFY2(line.requestId.startsWith(u"sync-run:"_s), qPrintable(line.requestId));
            }
        }
        QVERIFY(opened >= 1);
        QCOMPARE(ingested, 3);
        QLoggingCategory::setFilterRules(QString());

        // A runner elsewhere holds the lease: the GUI's pass does nothing and says who.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(exec(u"INSERT INTO sync_lease (name, host, pid, triggered_by, acquired_at, heartbeat_at, expires_at) "
                     u"VALUES ('sync', 'build-7', 4242, 'headless', ?, ?, ?)"_s,
                     {now, now, now + 600'000}));
        QVERIFY(m_alice->attachPath(u"acme"_s, u"docs"_s, writeFile(u"late.txt"_s, "late text\n")));
        QMetaObject::invokeMethod(worker, &SyncWorker::runPass, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 60000);
        QCOMPARE(held.size(), 1);
        QVERIFY2(held.at(0).at(0).toString().contains(u"build-7 (pid 4242, headless)"_s),
                 qPrintable(held.at(0).at(0).toString()));
        QCOMPARE(finishedPass.size(), 1);
        QCOMPARE(scalar(u"SELECT count(*) FROM vector_store_files WHERE status = 'in_progress'"_s), 1);
    }

    // ----- scale: 10,000 files beside a writer

    void tenThousandFilesBesideAWriter()
    {
        QVERIFY(setUp(u"sqlite"_s));
        auto s = m_alice->createStore(u"acme"_s, {u"big"_s, {}, {}, {}, {}});
        QVERIFY(s);
        // 10,000 detached files past the retention, written directly (their content is absent).
        const qint64 old = m_now - 30 * kDay;
        {
            Transaction t(*m_db);
            QSqlQuery q(m_db->connection());
            q.prepare(u"INSERT INTO vector_store_files (store_id, tenant_id, filename, mime_type, size_bytes, sha256, "
                      u"status, created_at, updated_at, status_changed_at, deleted_at) "
                      u"VALUES (?, ?, ?, 'text/plain', 10, ?, 'completed', ?, ?, ?, ?)"_s);
            for (int i = 0; i < 10000; ++i) {
                q.addBindValue(s->id);
                q.addBindValue(s->tenantId);
                q.addBindValue(u"f%1.txt"_s.arg(i));
                q.addBindValue(QString::number(i).rightJustified(64, u'a'));
                for (int k = 0; k < 4; ++k)
                    q.addBindValue(old);
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            QVERIFY(t.commit());
        }
        // Another connection keeps writing (as the GUI would) for the whole pass.
        std::atomic<bool> stop = false;
        std::atomic<qint64> worstMs = 0;
        std::atomic<int> writes = 0;
        QStringList writerErrors;
        const DatabaseUrl url = m_db->url();
        QThread *writer = QThread::create([&] {
            Database db(url);
            QString error;
            if (!db.open(&error)) {
                writerErrors << error;
                return;
            }
            CoreSession bobSession(db, u"alice"_s);
            VectorStoreService &bob = bobSession.service();
            int i = 0;
            while (!stop) {
                QElapsedTimer t;
                t.start();
                StoreUpdate u;
                u.metadata = QJsonObject{{u"n"_s, QString::number(++i)}};
                auto r = bob.updateStore(u"acme"_s, u"big"_s, u);
                worstMs = std::max<qint64>(worstMs, t.elapsed());
                if (!r)
                    writerErrors << r.error().message();
                ++writes;
            }
        });
        writer->start();
        QTRY_VERIFY(writes > 0);
        QElapsedTimer timer;
        timer.start();
        SyncOptions options;
        SyncPass p(*m_db, backends(), options);
        p.setClock([this] { return m_now; });
        qint64 lastProgress = -1;
        SyncPass::Observer observer;
        observer.progress = [&](const QString &phase, qint64 done, qint64 total, const QString &) {
            if (phase == u"purge"_s && total == 10000)
                lastProgress = done;
        };
        auto r = p.run({}, observer);
        const qint64 elapsed = timer.elapsed();
        stop = true;
        writer->wait();
        delete writer;
        QVERIFY(r);
        QCOMPARE(r->status, u"succeeded"_s);
        QCOMPARE(itemsOf(r.value(), u"purge_file"_s).size(), 10000);
        QCOMPARE(lastProgress, 9999);
        QCOMPARE(scalar(u"SELECT count(*) FROM vector_store_files"_s), 0);
        QVERIFY2(writerErrors.isEmpty(), qPrintable(writerErrors.join(u'\n')));
        QVERIFY(writes > 10);
        qInfo("10,000 files purged in %lld ms (%.0f files/s) beside %d writes; slowest write %lld ms", elapsed,
              10000.0 * 1000.0 / double(std::max<qint64>(1, elapsed)), writes.load(), worstMs.load());
        QVERIFY2(worstMs < 2000, qPrintable(u"a write waited %1 ms"_s.arg(worstMs.load())));
    }
};

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
