// Attaching many files to an OpenAI store (issue #14 point 11): the ingestion queue hands the
// waiting files of one store to the backend together; it uploads each (OpenAI's /files has no
// batch) and attaches them with one POST /vector_stores/{id}/file_batches per 500 files, then
// records an outcome per file. Against the fake server on loopback; every case bounded in seconds.

#include "backendfixture.h"
#include "core/openai/credentialstore.h"
#include "fakeopenaiserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace vd;
using namespace vd::openai;
using vd::test::answer;
using vd::test::BackendFixture;
using vd::test::FakeOpenAIServer;

namespace {

// POSTs whose path ends with `tail` ("/file_batches", "/files" for single attaches) to any store.
int posts(const FakeOpenAIServer &server, const QString &tail)
{
    int n = 0;
    for (const FakeOpenAIServer::Received &r : server.requests())
        if (r.method == "POST" && r.path.startsWith(u"/v1/vector_stores/"_s) && r.path.endsWith(tail))
            ++n;
    return n;
}

struct Row
{
    FileStatus status = FileStatus::InProgress;
    QString code;
    QString message;
    QString remoteId;
};

} // namespace

class TestOpenAIBatches : public QObject
{
    Q_OBJECT

private:
    FakeOpenAIServer *m_server = nullptr;

    static Row row(BackendFixture &f, qint64 fileId)
    {
        QSqlQuery q(f.db->connection());
        q.prepare(u"SELECT status, last_error_code, last_error_message, remote_file_id FROM vector_store_files "
                  u"WHERE id = ?"_s);
        q.addBindValue(fileId);
        if (!q.exec() || !q.next())
            return {};
        return {fileStatusFromName(q.value(0).toString()).value_or(FileStatus::InProgress), q.value(1).toString(),
                q.value(2).toString(), q.value(3).toString()};
    }

    // The store's counters equal the sums recomputed from its live rows.
    static bool countersExact(BackendFixture &f, qint64 storeId)
    {
        QSqlQuery q(f.db->connection());
        q.prepare(u"SELECT s.files_in_progress, s.files_completed, s.files_failed, s.files_cancelled, s.usage_bytes, "
                  u"s.files_size_bytes, "
                  u"(SELECT count(*) FROM vector_store_files f WHERE f.store_id = s.id AND f.deleted_at IS NULL AND "
                  u"f.status = 'in_progress'), "
                  u"(SELECT count(*) FROM vector_store_files f WHERE f.store_id = s.id AND f.deleted_at IS NULL AND "
                  u"f.status = 'completed'), "
                  u"(SELECT count(*) FROM vector_store_files f WHERE f.store_id = s.id AND f.deleted_at IS NULL AND "
                  u"f.status = 'failed'), "
                  u"(SELECT count(*) FROM vector_store_files f WHERE f.store_id = s.id AND f.deleted_at IS NULL AND "
                  u"f.status = 'cancelled'), "
                  u"(SELECT coalesce(sum(usage_bytes), 0) FROM vector_store_files f WHERE f.store_id = s.id AND "
                  u"f.deleted_at IS NULL), "
                  u"(SELECT coalesce(sum(size_bytes), 0) FROM vector_store_files f WHERE f.store_id = s.id AND "
                  u"f.deleted_at IS NULL) "
                  u"FROM vector_stores s WHERE s.id = ?"_s);
        q.addBindValue(storeId);
        if (!q.exec() || !q.next())
            return false;
        for (int i = 0; i < 6; ++i)
            if (q.value(i).toLongLong() != q.value(i + 6).toLongLong()) {
                qWarning() << "counter" << i << "is" << q.value(i).toLongLong() << "but the files say"
                           << q.value(i + 6).toLongLong();
                return false;
            }
        return true;
    }

    // A store "docs" with `count` small files attached (in_progress, waiting for ingestion).
    QList<StoreFile> attach(BackendFixture &f, VectorStore *store, int count, const QString &prefix = u"f"_s)
    {
        auto created = f.service->createStore(u"acme"_s, StoreDraft{u"docs"_s, {}, {}, {}, {}});
        if (!created) {
            qWarning().noquote() << created.error().message();
            return {};
        }
        *store = created.value();
        QList<StoreFile> files;
        for (int i = 0; i < count; ++i) {
            auto file = f.service->attachPath(
                u"acme"_s, u"docs"_s,
                f.writeFile(u"%1%2.txt"_s.arg(prefix).arg(i), "File " + QByteArray::number(i) + " about woodchucks."),
                {{u"n"_s, i}});
            if (!file) {
                qWarning().noquote() << file.error().message();
                return {};
            }
            files << file.value();
        }
        return files;
    }

    Result<engine::Ingestor::Summary> drain(BackendFixture &f, const std::function<bool()> &cancelled)
    {
        engine::Ingestor ingestor(*f.db, [&f](BackendKind kind) -> VectorStoreBackend * {
            if (kind == BackendKind::OpenAI)
                return f.backend.get();
            return kind == BackendKind::Local ? f.local.get() : nullptr;
        });
        return ingestor.drain(cancelled);
    }

private slots:
    void init()
    {
        qputenv("no_proxy", "127.0.0.1,localhost");
        m_server = new FakeOpenAIServer(this);
        QVERIFY(m_server->listen());
        qputenv(CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
    }
    void cleanup()
    {
        qunsetenv(CredentialStore::kEnvironmentVariable);
        delete m_server;
        m_server = nullptr;
    }

    void many_files_attach_with_one_file_batch_per_500()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        VectorStore store;
        const QList<StoreFile> files = attach(f, &store, 1100);
        QCOMPARE(files.size(), 1100);
        QElapsedTimer t;
        t.start();
        auto summary = f.ingest();
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message()));
        QCOMPARE(summary->completed, 1100);
        QCOMPARE(summary->failed, 0);
        QVERIFY2(t.elapsed() < 120'000, qPrintable(QString::number(t.elapsed())));
        // Uploads stay one per file (OpenAI's /files takes one file); attaches go in batches of
        // at most 500, never one request per file.
        QCOMPARE(m_server->count("POST", u"/v1/files"_s), 1100);
        QCOMPARE(m_server->batchSizes(), (QList<int>{500, 500, 100}));
        QCOMPARE(posts(*m_server, u"/files"_s), 0);
        QCOMPARE(m_server->storeFileIds(store.remoteId).size(), 1100);
        // Each file keeps its own attributes and chunking strategy (files[], not file_ids).
        QHash<QString, int> attributeOf;
        for (const QJsonObject &body : m_server->batchBodies()) {
            QVERIFY(!body.contains(u"file_ids"_s));
            for (const QJsonValue &item : body.value(u"files"_s).toArray()) {
                QCOMPARE(item[u"chunking_strategy"_s][u"type"_s].toString(), u"auto"_s);
                attributeOf.insert(item[u"file_id"_s].toString(), item[u"attributes"_s][u"n"_s].toInt());
            }
        }
        for (int i : {0, 499, 500, 1099}) {
            const Row r = row(f, files.at(i).id);
            QCOMPARE(r.status, FileStatus::Completed);
            QCOMPARE(attributeOf.value(r.remoteId, -1), i);
        }
        QVERIFY(countersExact(f, store.id));
    }

    void one_failed_upload_fails_only_its_file()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        VectorStore store;
        const QList<StoreFile> files = attach(f, &store, 5);
        QCOMPARE(files.size(), 5);
        m_server->inject("POST", u"/v1/files"_s,
                         answer(400,
                                "{\"error\":{\"message\":\"This file could not be read.\",\"type\":"
                                "\"invalid_request_error\",\"param\":\"file\",\"code\":null}}"));
        auto summary = f.ingest();
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message()));
        QCOMPARE(summary->completed, 4);
        QCOMPARE(summary->failed, 1);
        int failed = 0;
        for (const StoreFile &file : files) {
            const Row r = row(f, file.id);
            if (r.status == FileStatus::Failed) {
                ++failed;
                QCOMPARE(r.code, u"invalid_file"_s);
                QVERIFY2(r.message.contains(u"This file could not be read."_s), qPrintable(r.message));
                QVERIFY(r.remoteId.isEmpty());
            } else {
                QCOMPARE(r.status, FileStatus::Completed);
            }
        }
        QCOMPARE(failed, 1);
        QCOMPARE(m_server->batchSizes(), QList<int>{4}); // the other four, in one batch
        QCOMPARE(posts(*m_server, u"/files"_s), 0);
        QVERIFY(countersExact(f, store.id));
    }

    void refused_batch_fails_each_file_with_the_redacted_message()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        VectorStore store;
        const QList<StoreFile> files = attach(f, &store, 4);
        QCOMPARE(files.size(), 4);
        // A gateway quoting the Authorization header it received in its refusal.
        m_server->inject("POST", u"/v1/vector_stores/%1/file_batches"_s.arg(store.remoteId),
                         answer(400,
                                "{\"error\":{\"message\":\"Batch refused for {{authorization}}\",\"type\":"
                                "\"invalid_request_error\",\"param\":\"files\",\"code\":null}}"));
        auto summary = f.ingest();
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message()));
        QCOMPARE(summary->failed, 4);
        QCOMPARE(m_server->count("POST", u"/v1/vector_stores/%1/file_batches"_s.arg(store.remoteId)), 1);
        QCOMPARE(posts(*m_server, u"/files"_s), 0); // not retried one by one
        for (const StoreFile &file : files) {
            const Row r = row(f, file.id);
            QCOMPARE(r.status, FileStatus::Failed);
            QCOMPARE(r.code, u"invalid_file"_s);
            QVERIFY2(r.message.contains(u"Batch refused for"_s), qPrintable(r.message));
            QVERIFY2(r.message.contains(u"HTTP 400"_s), qPrintable(r.message));
            QVERIFY2(!r.message.contains(m_server->apiKey()), qPrintable(r.message));
            QVERIFY(!r.remoteId.isEmpty()); // uploaded: a retry attaches that upload
        }
        QVERIFY(countersExact(f, store.id));
    }

    void lost_batch_answer_is_reconciled_without_a_second_batch_data()
    {
        QTest::addColumn<bool>("created");
        QTest::addColumn<int>("batchPosts");
        QTest::newRow("created, answer dropped: found, not sent again") << true << 1;
        QTest::newRow("503 every time: at most 3 attempts, then failed") << false << 3;
    }
    void lost_batch_answer_is_reconciled_without_a_second_batch()
    {
        QFETCH(bool, created);
        QFETCH(int, batchPosts);
        const FileStatus outcome = created ? FileStatus::Completed : FileStatus::Failed;
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        VectorStore store;
        const QList<StoreFile> files = attach(f, &store, 3);
        QCOMPARE(files.size(), 3);
        FakeOpenAIServer::Injected lost = answer(503);
        lost.processFirst = created;
        lost.drop = created;
        m_server->inject("POST", u"/v1/vector_stores/%1/file_batches"_s.arg(store.remoteId), lost, created ? 1 : 100);
        auto summary = f.ingest();
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message()));
        QCOMPARE(m_server->count("POST", u"/v1/vector_stores/%1/file_batches"_s.arg(store.remoteId)), batchPosts);
        QCOMPARE(m_server->storeFileIds(store.remoteId).size(), created ? 3 : 0);
        for (const StoreFile &file : files) {
            const Row r = row(f, file.id);
            QCOMPARE(r.status, outcome);
            if (outcome == FileStatus::Failed)
                QCOMPARE(r.code, u"server_error"_s);
        }
        QCOMPARE(m_server->count("POST", u"/v1/files"_s), 3); // never uploaded twice
        QVERIFY(countersExact(f, store.id));
    }

    void worker_cancelled_during_a_batch_resumes_without_duplicates()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        m_server->setPollsUntilDone(3);
        VectorStore store;
        const QList<StoreFile> files = attach(f, &store, 6);
        QCOMPARE(files.size(), 6);
        const QString batches = u"/v1/vector_stores/%1/file_batches"_s.arg(store.remoteId);
        // The worker is asked to stop once the batch is in OpenAI's hands.
        auto summary = drain(f, [&] { return m_server->count("POST", batches) > 0; });
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message()));
        QVERIFY(summary->cancelled);
        QCOMPARE(summary->failed, 0);
        for (const StoreFile &file : files) {
            const Row r = row(f, file.id);
            QCOMPARE(r.status, FileStatus::InProgress); // given back to the queue, not failed
            QVERIFY(!r.remoteId.isEmpty());
        }
        QVERIFY(countersExact(f, store.id));

        // The next run takes up what OpenAI already has: no upload and no attach again.
        summary = f.ingest();
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message()));
        QCOMPARE(summary->completed, 6);
        QCOMPARE(m_server->count("POST", u"/v1/files"_s), 6);
        QCOMPARE(m_server->count("POST", batches), 1);
        QCOMPARE(posts(*m_server, u"/files"_s), 0);
        QCOMPARE(m_server->storeFileIds(store.remoteId).size(), 6);
        for (const StoreFile &file : files)
            QCOMPARE(row(f, file.id).status, FileStatus::Completed);
        QVERIFY(countersExact(f, store.id));
    }

    void file_cancelled_during_a_batch_stays_cancelled()
    {
        BackendFixture f;
        QVERIFY2(f.open(*m_server), qPrintable(f.error));
        m_server->setPollsUntilDone(3);
        VectorStore store;
        const QList<StoreFile> files = attach(f, &store, 5);
        QCOMPARE(files.size(), 5);
        const QString batches = u"/v1/vector_stores/%1/file_batches"_s.arg(store.remoteId);
        // While the batch is processing, the user cancels one of its files.
        bool done = false;
        QString cancelError;
        auto summary = drain(f, [&] {
            if (!done && m_server->count("POST", batches) > 0) {
                done = true;
                auto c = f.service->cancelFile(u"acme"_s, u"docs"_s, QString::number(files.at(2).id));
                if (!c)
                    cancelError = c.error().message();
            }
            return false;
        });
        QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message()));
        QVERIFY(done);
        QVERIFY2(cancelError.isEmpty(), qPrintable(cancelError));
        QCOMPARE(summary->completed + summary->failed + summary->pending, 5);
        for (int i = 0; i < files.size(); ++i)
            QCOMPARE(row(f, files.at(i).id).status, i == 2 ? FileStatus::Cancelled : FileStatus::Completed);
        QCOMPARE(m_server->count("POST", batches), 1);
        QVERIFY(countersExact(f, store.id));
    }
};

QTEST_GUILESS_MAIN(TestOpenAIBatches)
#include "tst_openai_batches.moc"
