// Cranfield retrieval quality of the local engine (through attach, ingestion and
// VectorStoreService::search), next to plain SQLite FTS5 BM25 over whole documents.
//
//   bench_cranfield [--dir D]

#include "core/domain/searchrequest.h"
#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "cranfield.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace vd;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    test::Cranfield collection;
    QString error;
    if (!collection.load(test::Cranfield::defaultFolder(), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QTemporaryDir dir;
    const auto url = DatabaseUrl::parse(dir.filePath(u"cranfield.sqlite"_s), &error);
    Database db(*url);
    if (!Database::openAndMigrate(db, &error))
        return 1;
    engine::LocalEngine local(engine::LocalEngine::rootFor(*url));
    VectorStoreService service(db, u"bench"_s, [&](BackendKind) -> VectorStoreBackend * { return &local; });
    if (!service.createTenant({u"cranfield"_s, {}, u"enterprise"_s, u"local"_s})
        || !service.createStore(u"cranfield"_s, {u"abstracts"_s, {}, {}, {}, {}}))
        return 1;
    QElapsedTimer timer;
    timer.start();
    // Byte-identical documents (995 repeats 471) are attached once and credited to every id.
    QHash<QString, QList<int>> idsByText;
    for (const auto &doc : collection.documents)
        idsByText[doc.text].append(doc.id);
    QHash<int, QList<int>> aliases;
    for (const auto &doc : collection.documents) {
        const QList<int> ids = idsByText.value(doc.text);
        if (ids.first() != doc.id || doc.text.trimmed().isEmpty()) // 471 and 995 have no text
            continue;
        aliases.insert(doc.id, ids);
        const QString path = dir.filePath(u"cran-%1.txt"_s.arg(doc.id, 4, 10, QChar(u'0')));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(doc.text.toUtf8());
        f.close();
        if (!service.attachPath(u"cranfield"_s, u"abstracts"_s, path, QJsonObject{{u"doc"_s, doc.id}}))
            return 1;
    }
    engine::Ingestor ingestor(db, [&](BackendKind) -> VectorStoreBackend * { return &local; });
    if (!ingestor.drain({}))
        return 1;
    std::printf("indexed %lld distinct documents", qlonglong(aliases.size()));
    std::printf(" in %.1f s\n", timer.elapsed() / 1000.0);

    timer.restart();
    const auto ours = test::evaluate(collection, [&](const QString &query) {
        SearchRequest request;
        request.queries = {query};
        request.maxNumResults = 50;
        QList<int> ids;
        auto response = service.search(u"cranfield"_s, {u"abstracts"_s}, request);
        if (!response) {
            std::fprintf(stderr, "search failed: %s\n", qPrintable(response.error().message()));
            std::exit(1);
        }
        for (const auto &hit : response->data)
            ids << aliases.value(hit.attributes.value(u"doc"_s).toInt());
        return ids;
    });
    std::printf("VectorDesk local engine: nDCG@10 %.4f  recall@50 %.4f  MRR %.4f  (%d queries, %.0f ms each)\n",
                ours.ndcgAt10, ours.recallAt50, ours.mrr, ours.queries, double(timer.elapsed()) / ours.queries);

    {
        // Baseline: one FTS5 row per document, default tokenizer, the query's words OR-ed, bm25.
        QSqlDatabase plain = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"plain"_s);
        plain.setDatabaseName(u":memory:"_s);
        plain.open();
        QSqlQuery q(plain);
        q.exec(u"CREATE VIRTUAL TABLE docs USING fts5(text)"_s);
        q.exec(u"BEGIN"_s);
        for (const auto &doc : collection.documents) {
            q.prepare(u"INSERT INTO docs (rowid, text) VALUES (?, ?)"_s);
            q.addBindValue(doc.id);
            q.addBindValue(doc.text);
            q.exec();
        }
        q.exec(u"COMMIT"_s);
        const auto baseline = test::evaluate(collection, [&](const QString &query) {
            QStringList words;
            QString current;
            for (const QChar c : QString(query + u' ')) {
                if (c.isLetterOrNumber()) {
                    current += c;
                } else if (!current.isEmpty()) {
                    words << u'"' + current + u'"';
                    current.clear();
                }
            }
            QSqlQuery s(plain);
            s.prepare(u"SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 50"_s);
            s.addBindValue(words.join(u" OR "_s));
            s.exec();
            QList<int> ids;
            while (s.next())
                ids << s.value(0).toInt();
            return ids;
        });
        std::printf("plain FTS5 BM25, whole documents: nDCG@10 %.4f  recall@50 %.4f  MRR %.4f\n", baseline.ndcgAt10,
                    baseline.recallAt50, baseline.mrr);
    } // the connection and its queries end before it is removed
    QSqlDatabase::removeDatabase(u"plain"_s);
    return 0;
}
