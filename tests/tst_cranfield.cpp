// Retrieval quality on the Cranfield collection through the normal path: 1,400 files attached
// and ingested by the local engine, 225 queries through VectorStoreService::search.
// The floor is plain SQLite FTS5 BM25 over whole documents (nDCG@10 0.362).

#include "core/domain/searchrequest.h"
#include "cranfield.h"
#include "enginefixture.h"

#include <QLoggingCategory>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;

class TestCranfield : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLoggingCategory::setFilterRules(u"vectordesk.*.info=false"_s); }

    void qualityIsAboveTheFts5Floor()
    {
        test::Cranfield collection;
        QString error;
        QVERIFY2(collection.load(test::Cranfield::defaultFolder(), &error), qPrintable(error));
        test::EngineFixture fixture;
        QVERIFY2(fixture.ok(), qPrintable(fixture.error()));
        VectorStoreService &service = fixture.service();
        QVERIFY(service.createTenant({u"cranfield"_s, {}, u"enterprise"_s, u"local"_s}));
        QVERIFY(service.createStore(u"cranfield"_s, {u"abstracts"_s, {}, {}, {}, {}}));
        // A few documents are byte-identical (995 repeats 471): the engine stores the same bytes
        // once per store, so each text is attached once and credited to every id that has it.
        QHash<QString, QList<int>> idsByText;
        for (const auto &doc : collection.documents)
            idsByText[doc.text].append(doc.id);
        QHash<int, QList<int>> aliases;
        for (const auto &doc : collection.documents) {
            const QList<int> ids = idsByText.value(doc.text);
            if (ids.first() != doc.id || doc.text.trimmed().isEmpty()) // 471 and 995 have no text
                continue;
            aliases.insert(doc.id, ids);
            const QString path = fixture.writeFile(u"cran-%1.txt"_s.arg(doc.id, 4, 10, QChar(u'0')), doc.text.toUtf8());
            auto attached = service.attachPath(u"cranfield"_s, u"abstracts"_s, path, QJsonObject{{u"doc"_s, doc.id}});
            QVERIFY2(attached, attached ? "" : qPrintable(attached.error().message()));
        }
        auto ingested = fixture.ingest();
        QVERIFY2(ingested, ingested ? "" : qPrintable(ingested.error().message()));
        QCOMPARE(ingested->completed, int(aliases.size()));

        QString searchError; // a refused search must fail the test, not count as "nothing found"
        const auto quality = test::evaluate(collection, [&](const QString &query) {
            SearchRequest request;
            request.queries = {query};
            request.maxNumResults = 50; // the most one search returns (OpenAI allows 1..50)
            QList<int> ids;
            auto response = service.search(u"cranfield"_s, {u"abstracts"_s}, request);
            if (!response && searchError.isEmpty())
                searchError = response.error().message();
            if (response)
                for (const auto &hit : response->data)
                    ids << aliases.value(hit.attributes.value(u"doc"_s).toInt());
            return ids;
        });
        QVERIFY2(searchError.isEmpty(), qPrintable(searchError));
        qInfo("Cranfield: %d queries, nDCG@10 %.4f, recall@50 %.4f, MRR %.4f", quality.queries, quality.ndcgAt10,
              quality.recallAt50, quality.mrr);
        QCOMPARE(quality.queries, 225);
        QVERIFY2(quality.ndcgAt10 >= 0.362, "below plain FTS5 BM25");
    }
};

QTEST_GUILESS_MAIN(TestCranfield)
#include "tst_cranfield.moc"
