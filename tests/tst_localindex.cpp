// The per-store FTS5 index: atomic file writes, visibility, attribute filters, normalised
// scores, and user text that never acts as FTS5 syntax.

#include "engine/index/localindex.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace vd;
using engine::Chunk;
using engine::LocalIndex;

namespace {

// Test literals write JSON quotes as backticks (moc cannot read raw string literals).
QString j(const char *text)
{
    return QString::fromUtf8(text).replace(u'`', u'"');
}

bool addFile(LocalIndex &index, qint64 id, const QString &name, const QStringList &texts,
             const QJsonObject &attributes = {})
{
    if (!index.beginFile(id, name, attributes))
        return false;
    int ordinal = 0;
    qint64 offset = 0;
    for (const QString &t : texts) {
        const QByteArray utf8 = t.toUtf8();
        if (!index.addChunk({ordinal++, offset, offset + utf8.size(), int(t.split(u' ').size()), utf8}))
            return false;
        offset += utf8.size();
    }
    return index.commitFile(offset).ok();
}

// A word of a 3,000-word vocabulary whose ranks follow a Zipf curve (rank r ~ 1/r).
QString zipfWord(QRandomGenerator &random)
{
    return u"w%1x"_s.arg(int(std::pow(3000.0, random.generateDouble())));
}

// 60 files of 50 chunks of 20 to 80 Zipf words; every third file has lang=de, the others en.
bool addZipfCorpus(LocalIndex &index, QRandomGenerator &random)
{
    for (int file = 1; file <= 60; ++file) {
        QStringList texts;
        for (int c = 0; c < 50; ++c) {
            QStringList words;
            const int length = 20 + int(random.bounded(60));
            for (int w = 0; w < length; ++w)
                words << zipfWord(random);
            texts << words.join(u' ');
        }
        if (!addFile(index, file, u"file-%1 w%2x.txt"_s.arg(file).arg(file * 7), texts,
                     QJsonObject{{u"lang"_s, file % 3 == 0 ? u"de"_s : u"en"_s}}))
            return false;
    }
    return true;
}

// The index's own word statistics against what FTS5 has indexed: chunk count per word and
// total tokens. Empty when they agree, else the first difference.
QString statisticsDiffer(const QString &path)
{
    QString difference;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"statistics"_s);
        db.setDatabaseName(path);
        if (!db.open())
            return db.lastError().text();
        QSqlQuery q(db);
        q.exec(u"CREATE VIRTUAL TABLE temp.vocab_row USING fts5vocab(main, chunks_fts, 'row')"_s);
        q.exec(u"SELECT v.term, v.doc, s.chunks FROM temp.vocab_row v FULL JOIN term_stats s ON s.term = v.term "
               u"WHERE v.doc IS NOT s.chunks LIMIT 1"_s);
        if (q.lastError().isValid())
            difference = q.lastError().text();
        else if (q.next())
            difference = u"word %1: FTS5 has %2 chunks, the statistics %3"_s.arg(q.value(0).toString(),
                                                                                   q.value(1).toString(),
                                                                                   q.value(2).toString());
        QSqlQuery total(db);
        total.exec(u"CREATE VIRTUAL TABLE temp.vocab_col USING fts5vocab(main, chunks_fts, 'col')"_s);
        total.exec(u"SELECT (SELECT sum(cnt) FROM temp.vocab_col), (SELECT value FROM meta WHERE key = 'tokens')"_s);
        if (difference.isEmpty() && total.next() && total.value(0).toLongLong() != total.value(1).toLongLong())
            difference = u"FTS5 holds %1 tokens, the statistics say %2"_s.arg(total.value(0).toString(),
                                                                                total.value(1).toString());
        q.finish();
        total.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"statistics"_s);
    return difference;
}

QList<qint64> files(const Result<QList<LocalIndex::Candidate>> &r)
{
    QList<qint64> ids;
    if (r)
        for (const auto &c : r.value())
            if (!ids.contains(c.fileId))
                ids << c.fileId;
    return ids;
}

} // namespace

class TestLocalIndex : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LocalIndex> m_index;

private slots:
    void init()
    {
        static int n = 0;
        m_index = std::make_unique<LocalIndex>(m_dir.filePath(u"store-%1.index"_s.arg(++n)));
        QVERIFY(m_index->open());
        QVERIFY(addFile(*m_index, 1, u"wing-flutter.txt"_s,
                        {u"Flutter of swept wings at transonic speeds was measured in the wind tunnel."_s,
                         u"The boundary layer separates near the trailing edge."_s},
                        QJsonObject{{u"year"_s, 1960}, {u"lab"_s, u"NACA"_s}}));
        QVERIFY(addFile(*m_index, 2, u"heat-transfer.md"_s,
                        {u"Heat transfer in a laminar boundary layer with suction."_s},
                        QJsonObject{{u"year"_s, 1972}, {u"lab"_s, u"RAE"_s}}));
        QVERIFY(addFile(*m_index, 3, u"notes.txt"_s, {u"Unrelated notes about budgets."_s}));
    }

    void findsStemmedWordsAndRanksByRelevance()
    {
        auto r = m_index->search(engine::analyzeQuery(u"the separating boundary layers"_s), std::nullopt, 10);
        QVERIFY(r);
        QCOMPARE(files(r), (QList<qint64>{1, 2}));
        for (const auto &c : r.value())
            QVERIFY(c.score > 0 && c.score <= 1);
        for (qsizetype i = 1; i < r->size(); ++i)
            QVERIFY(r->at(i - 1).score >= r->at(i).score);
        // Text and matched words come from highlight(): the text's own words.
        auto texts = m_index->texts({r->first().chunkId}, engine::analyzeQuery(u"the separating boundary layers"_s));
        QVERIFY(texts);
        const auto chunk = texts->value(r->first().chunkId);
        QVERIFY2(chunk.matchedTerms.contains(u"separates"_s), qPrintable(chunk.matchedTerms.join(u',')));
        QVERIFY(chunk.text.startsWith(u"The boundary layer"_s));
        QVERIFY(!chunk.text.contains(u'\x02'));
    }

    void filenameWordsCount()
    {
        auto r = m_index->search(engine::analyzeQuery(u"heat"_s), std::nullopt, 10);
        QVERIFY(r);
        QCOMPARE(files(r), QList<qint64>{2});
    }

    void hiddenFilesAreNotFound()
    {
        QVERIFY(m_index->setVisible(1, false));
        QCOMPARE(files(m_index->search({u"flutter"_s}, std::nullopt, 10)), QList<qint64>{});
        QVERIFY(m_index->setVisible(1, true));
        QCOMPARE(files(m_index->search({u"flutter"_s}, std::nullopt, 10)), QList<qint64>{1});
    }

    void filtersApplyToAttributes()
    {
        auto filter = engine::Filter::fromJson(
            QJsonDocument::fromJson(j("{`type`:`gte`,`key`:`year`,`value`:1970}").toUtf8()).object());
        QVERIFY(filter);
        QCOMPARE(files(m_index->search({u"boundary"_s}, filter.value(), 10)), QList<qint64>{2});
        QVERIFY(m_index->setAttributes(1, QJsonObject{{u"year"_s, 1990}}));
        QCOMPARE(files(m_index->search({u"boundary"_s}, filter.value(), 10)), (QList<qint64>{1, 2}));
    }

    void userTextIsNeverQuerySyntax_data()
    {
        QTest::addColumn<QString>("query");
        QTest::newRow("quotes") << j("boundary` OR `budgets");
        QTest::newRow("operators") << u"boundary AND NOT NEAR(layer"_s;
        QTest::newRow("column filter") << u"text:boundary"_s;
        QTest::newRow("prefix star") << u"bound*"_s;
        QTest::newRow("SQL") << u"'; DROP TABLE chunks; --"_s;
    }

    void userTextIsNeverQuerySyntax()
    {
        QFETCH(QString, query);
        auto r = m_index->search(engine::analyzeQuery(query), std::nullopt, 10);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        QCOMPARE(m_index->chunkCount().value(), 4);
    }

    void rewritingAFileReplacesItsChunks()
    {
        QVERIFY(addFile(*m_index, 1, u"wing-flutter.txt"_s, {u"Completely new text about propellers."_s}));
        QCOMPARE(m_index->chunks(1)->size(), 1);
        QCOMPARE(m_index->chunkCount().value(), 3);
        QCOMPARE(files(m_index->search({u"flutter"_s}, std::nullopt, 10)), QList<qint64>{1}); // title still matches
        QCOMPARE(files(m_index->search({u"propellers"_s}, std::nullopt, 10)), QList<qint64>{1});
    }

    void anAbortedFileLeavesNothing()
    {
        QVERIFY(m_index->beginFile(9, u"half.txt"_s, {}));
        QVERIFY(m_index->addChunk({0, 0, 10, 2, "zeppelin airship"}));
        m_index->abortFile();
        QVERIFY(!m_index->hasFile(9).value());
        QCOMPARE(files(m_index->search({u"zeppelin"_s}, std::nullopt, 10)), QList<qint64>{});
        QCOMPARE(m_index->chunkCount().value(), 4);
    }

    void aConnectionThatDiesMidFileLeavesNothing()
    {
        const QString path = m_index->path();
        {
            LocalIndex other(path);
            QVERIFY(other.open());
            QVERIFY(other.beginFile(10, u"crash.txt"_s, {}));
            QVERIFY(other.addChunk({0, 0, 10, 2, "hovercraft skirts"}));
            // destroyed without commit, as a killed process would leave it
        }
        QCOMPARE(files(m_index->search({u"hovercraft"_s}, std::nullopt, 10)), QList<qint64>{});
        QVERIFY(!m_index->hasFile(10).value());
    }

    // Dynamic pruning must give exactly what ranking every matching chunk gives: FTS5's own
    // bm25() over the whole OR query, on a corpus whose words follow a Zipf curve, so that
    // queries mix rare and very common words.
    void pruningGivesTheExhaustiveRanking_data()
    {
        QTest::addColumn<bool>("filtered");
        QTest::newRow("no filter") << false;
        QTest::newRow("filter lang=en") << true;
    }

    void pruningGivesTheExhaustiveRanking()
    {
        QFETCH(bool, filtered);
        const QString path = m_dir.filePath(filtered ? u"zipf-filtered.index"_s : u"zipf.index"_s);
        LocalIndex index(path);
        QVERIFY(index.open());
        QRandomGenerator random(7);
        QVERIFY(addZipfCorpus(index, random));
        QVERIFY(index.setVisible(5, false));
        const auto filter = engine::Filter::fromJson(
            QJsonDocument::fromJson(j("{`type`:`eq`,`key`:`lang`,`value`:`en`}").toUtf8()).object());
        QVERIFY(filter);

        QSqlDatabase reference = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reference"_s);
        reference.setDatabaseName(path);
        QVERIFY(reference.open());
        int pruned = 0;
        for (int round = 0; round < 150; ++round) {
            QStringList terms;
            const int count = 1 + int(random.bounded(4));
            while (terms.size() < count) {
                const QString w = zipfWord(random);
                if (!terms.contains(w))
                    terms << w;
            }
            const int limit = 1 + int(random.bounded(20));
            auto got = index.search(terms, filtered ? std::optional(filter.value()) : std::nullopt, limit);
            QVERIFY2(got, got ? "" : qPrintable(got.error().message()));
            if (index.lastSearchStats().walkedTerms < count)
                ++pruned;

            QStringList phrases;
            for (const QString &t : terms)
                phrases << u'"' + t + u'"';
            QSqlQuery q(reference);
            QVERIFY(q.prepare(u"SELECT t.rowid, -bm25(chunks_fts, 4.0, 1.0) AS s FROM chunks_fts t "
                              u"JOIN chunks c ON c.id = t.rowid JOIN files f ON f.file_id = c.file_id "
                              u"WHERE chunks_fts MATCH ? AND f.visible = 1 "_s
                              + (filtered ? u"AND json_extract(f.attributes, '$.lang') = 'en' "_s : QString())
                              + u"ORDER BY s DESC LIMIT ?"_s));
            q.addBindValue(phrases.join(u" OR "_s));
            q.addBindValue(limit);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QList<double> expected;
            while (q.next())
                expected << q.value(1).toDouble();
            QCOMPARE(got->size(), expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i)
                QVERIFY2(std::abs(got->at(i).bm25 - expected.at(i)) < 1e-9,
                         qPrintable(u"query %1, rank %2: %3 instead of %4"_s.arg(terms.join(u' '))
                                        .arg(i)
                                        .arg(got->at(i).bm25)
                                        .arg(expected.at(i))));
        }
        reference.close();
        reference = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"reference"_s);
        // The comparison must cover the pruned path, not only the exhaustive one.
        QVERIFY2(pruned > 30, qPrintable(u"only %1 of 150 queries were pruned"_s.arg(pruned)));
    }

    // The per-word statistics pruning relies on stay equal to FTS5's own counts through
    // rewrites and removals, and an index written before they existed gets them on open.
    void termStatisticsFollowTheIndex()
    {
        const QString path = m_dir.filePath(u"statistics.index"_s);
        {
            LocalIndex index(path);
            QVERIFY(index.open());
            QRandomGenerator random(11);
            QVERIFY(addZipfCorpus(index, random));
            QCOMPARE(statisticsDiffer(path), QString());
            QVERIFY(index.removeFile(3));
            QVERIFY(addFile(index, 4, u"rewritten.txt"_s, {u"w1x w2x w2x brand new words"_s}));
            index.abortFile();
            QVERIFY(index.beginFile(5, u"aborted.txt"_s, {}));
            QVERIFY(index.addChunk({0, 0, 5, 1, "zeppelin"}));
            index.abortFile();
            QCOMPARE(statisticsDiffer(path), QString());
        }
        {
            // As an index from before the statistics: no table, no flag.
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"downgrade"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"DROP TABLE term_stats"_s));
            QVERIFY(q.exec(u"DELETE FROM meta WHERE key IN ('term_stats', 'tokens')"_s));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"downgrade"_s);
        LocalIndex reopened(path);
        QVERIFY(reopened.open());
        QCOMPARE(statisticsDiffer(path), QString());
        QVERIFY(reopened.search({u"w1x"_s, u"w2x"_s}, std::nullopt, 10));
    }

    void queryAnalysis()
    {
        QCOMPARE(engine::analyzeQuery(u"What is the Mach number of the SHOCK?"_s),
                 (QStringList{u"mach"_s, u"number"_s, u"shock"_s}));
        QCOMPARE(engine::analyzeQuery(u"the"_s), QStringList{u"the"_s}); // only stop words: keep them
        QCOMPARE(engine::analyzeQuery(u"漢字 café"_s), (QStringList{u"漢字"_s, u"café"_s}));
        QVERIFY(engine::analyzeQuery(u"?!"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLocalIndex)
#include "tst_localindex.moc"
