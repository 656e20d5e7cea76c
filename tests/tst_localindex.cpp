// The per-store index: atomic file writes, visibility, attribute filters, normalised scores
// equal to FTS5's bm25() over the same chunks, phrases, highlights, the move from format 1 (with
// an FTS5 table) and user text that never acts as syntax.

#include "core/engine/index/indextokenizer.h"
#include "core/engine/index/localindex.h"
#include "core/engine/index/postings.h"
#include "core/engine/index/postingsbuilder.h"
#include "core/engine/index/walcheckpointer.h"

#include <QJsonDocument>
#include <QMap>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace vd;
using engine::LocalIndex;

namespace {

// Test literals write JSON quotes as backticks (moc cannot read raw string literals).
QString j(const char *text)
{
    return QString::fromUtf8(text).replace(u'`', u'"');
}

// Writes a file as ingestion does when `prepared`: its postings made beforehand with ordinals as
// chunk ids (LocalEngine::prepare), here cut into a segment every 7 chunks; else counted by the
// index as each chunk is added.
bool addFile(LocalIndex &index, qint64 id, const QString &name, const QStringList &texts,
             const QJsonObject &attributes = {}, bool prepared = false)
{
    if (!index.beginFile(id, name, attributes))
        return false;
    QString why;
    static const auto tokenizer = engine::IndexTokenizer::create(&why);
    engine::PostingsBuilder builder;
    QList<engine::EncodedSegment> segments;
    builder.startFile(*tokenizer, LocalIndex::titleFor(name, {}).toUtf8());
    int ordinal = 0;
    qint64 offset = 0;
    for (const QString &t : texts) {
        const QByteArray utf8 = t.toUtf8();
        const Chunk chunk{ordinal, offset, offset + utf8.size(), int(t.split(u' ').size()), utf8};
        if (prepared) {
            builder.add(ordinal, id, *tokenizer, utf8);
            if (ordinal % 7 == 6)
                segments << builder.takeSegment();
        }
        if (!(prepared ? index.addPreparedChunk(chunk) : index.addChunk(chunk)))
            return false;
        ++ordinal;
        offset += utf8.size();
    }
    segments << builder.takeSegment();
    for (const engine::EncodedSegment &segment : std::as_const(segments))
        if (prepared && !index.addPreparedSegment(segment))
            return false;
    return index.commitFile(offset).ok();
}

// A word of a 3,000-word vocabulary whose ranks follow a Zipf curve (rank r ~ 1/r).
QString zipfWord(QRandomGenerator &random)
{
    return u"w%1x"_s.arg(int(std::pow(3000.0, random.generateDouble())));
}

// The texts of two chunks of 9 to 28 Zipf words, each with w1x: a word of many full blocks.
QStringList twoChunksOfZipfWords(QRandomGenerator &random)
{
    QStringList texts;
    for (int c = 0; c < 2; ++c) {
        QStringList words{u"w1x"_s};
        for (int w = 0; w < 8 + int(random.bounded(20)); ++w)
            words << zipfWord(random);
        texts << words.join(u' ');
    }
    return texts;
}

// 80 files of 50 chunks of 20 to 80 Zipf words; every third file has lang=de, the others en.
bool addZipfCorpus(LocalIndex &index, QRandomGenerator &random, bool prepared = false)
{
    for (int file = 1; file <= 80; ++file) {
        QStringList texts;
        for (int c = 0; c < 50; ++c) {
            QStringList words;
            const int length = 20 + int(random.bounded(60));
            for (int w = 0; w < length; ++w)
                words << zipfWord(random);
            texts << words.join(u' ');
        }
        if (!addFile(index, file, u"file-%1 w%2x.txt"_s.arg(file).arg(file * 7), texts,
                     QJsonObject{{u"lang"_s, file % 3 == 0 ? u"de"_s : u"en"_s}}, prepared))
            return false;
    }
    return true;
}

// The reference the index must agree with: FTS5 over a copy of the index's chunks, as a temporary
// table of the connection, named chunks_fts (the index itself keeps no FTS5 table).
bool createReferenceFts(QSqlDatabase &db)
{
    QSqlQuery q(db);
    return q.exec(u"CREATE VIRTUAL TABLE temp.chunks_fts USING fts5(title, text, "
                  u"tokenize='porter unicode61 remove_diacritics 2')"_s)
        && q.exec(u"INSERT INTO temp.chunks_fts (rowid, title, text) SELECT id, title, text FROM main.chunks"_s);
}

// The index's postings against what FTS5 indexes of its chunks (fts5vocab): for every word, the chunks
// holding it, with their file, weighted frequency (title 4, text 1) and length; and the total
// of tokens. Empty when they agree, else the first difference.
QString postingsDiffer(const QString &path)
{
    QString difference;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"postings"_s);
        db.setDatabaseName(path);
        if (!db.open())
            return db.lastError().text();
        if (!createReferenceFts(db))
            return u"cannot build the FTS5 reference: "_s + db.lastError().text();
        QSqlQuery q(db);
        q.exec(u"CREATE VIRTUAL TABLE temp.vocab_instance USING fts5vocab(temp, chunks_fts, 'instance')"_s);
        QHash<qint64, quint32> lengths;
        QHash<qint64, qint64> fileOf;
        q.exec(u"SELECT doc, count(*) FROM temp.vocab_instance GROUP BY doc"_s);
        while (q.next())
            lengths.insert(q.value(0).toLongLong(), q.value(1).toUInt());
        q.exec(u"SELECT id, file_id FROM chunks"_s);
        while (q.next())
            fileOf.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
        QMap<QByteArray, std::vector<engine::Posting>> expected;
        q.exec(u"SELECT term, doc, sum(CASE col WHEN 'title' THEN 4 ELSE 1 END) FROM temp.vocab_instance "
               u"GROUP BY term, doc ORDER BY term, doc"_s);
        while (q.next()) {
            const qint64 doc = q.value(1).toLongLong();
            expected[q.value(0).toString().toUtf8()].push_back(
                {doc, fileOf.value(doc), q.value(2).toUInt(), lengths.value(doc)});
        }
        if (q.lastError().isValid())
            difference = q.lastError().text();
        QSet<QByteArray> stored;
        q.exec(u"SELECT DISTINCT term FROM postings"_s);
        while (q.next())
            stored.insert(q.value(0).toString().toUtf8());
        engine::PostingsTable table(db);
        if (!table.segmentTerms(&stored))
            difference = table.error();
        if (!table.loadSegments())
            difference = table.error();
        for (auto it = expected.cbegin(); difference.isEmpty() && it != expected.cend(); ++it) {
            std::vector<engine::Posting> got;
            if (!table.read(it.key(), got)) {
                difference = table.error();
                break;
            }
            stored.remove(it.key());
            const auto same = [](const engine::Posting &a, const engine::Posting &b) {
                return a.chunkId == b.chunkId && a.fileId == b.fileId && a.frequency == b.frequency
                    && a.length == b.length;
            };
            if (got.size() != it->size() || !std::equal(got.begin(), got.end(), it->begin(), same))
                difference = u"word %1: FTS5 has it in %2 chunks, the postings differ (%3 entries)"_s
                                 .arg(QString::fromUtf8(it.key()))
                                 .arg(it->size())
                                 .arg(got.size());
        }
        if (difference.isEmpty() && !stored.isEmpty())
            difference = u"postings of a word FTS5 does not have: %1"_s.arg(QString::fromUtf8(*stored.cbegin()));
        QSqlQuery total(db);
        total.exec(u"SELECT (SELECT count(*) FROM temp.vocab_instance), (SELECT value FROM meta WHERE key = "
                   u"'tokens')"_s);
        if (difference.isEmpty() && total.next() && total.value(0).toLongLong() != total.value(1).toLongLong())
            difference =
                u"FTS5 holds %1 tokens, the index says %2"_s.arg(total.value(0).toString(), total.value(1).toString());
        q.finish();
        total.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"postings"_s);
    return difference;
}

// The first column of a query's first row on an index file, as a number; -2 when it fails.
int indexNumber(const QString &path, const QString &sql)
{
    int number = -2;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"number"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                number = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(u"number"_s);
    return number;
}

int segmentCount(const QString &path)
{
    return indexNumber(path, u"SELECT count(*) FROM postings_segments"_s);
}

// Runs statements straight on an index file, as damage or an older version would leave it.
// Empty when all of them ran, else the first failure.
QString alterIndexFile(const QString &path, const QStringList &statements)
{
    QString failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"alter"_s);
        db.setDatabaseName(path);
        if (!db.open())
            failure = db.lastError().text();
        QSqlQuery q(db);
        for (const QString &statement : statements)
            if (failure.isEmpty() && !q.exec(statement))
                failure = statement + u": "_s + q.lastError().text();
    }
    QSqlDatabase::removeDatabase(u"alter"_s);
    return failure;
}

// The levels of the index's runs of postings, in chunk order ("1 0": a merged level, then a run).
QString runLevels(const QString &path)
{
    QStringList levels;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"runs"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (!q.exec(u"SELECT level FROM postings_runs ORDER BY first_chunk, run"_s))
                levels << q.lastError().text();
            while (q.next())
                levels << q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(u"runs"_s);
    return levels.join(u' ');
}

// The next bucket of the merge of runs in progress; -1 when none is (-2: sources that disagree).
int mergeNextBucket(const QString &path)
{
    return indexNumber(path,
                       u"SELECT CASE WHEN count(DISTINCT next_bucket) <= 1 THEN coalesce(max(next_bucket), -1) "
                       u"ELSE -2 END FROM postings_merging"_s);
}

// Pruned search against exhaustive scoring on `rounds` random queries: empty when they agree.
QString prunedDiffers(LocalIndex &index, QRandomGenerator &random, int rounds)
{
    const auto restore = qScopeGuard([] { LocalIndex::setSearchPruning(true); });
    for (int round = 0; round < rounds; ++round) {
        const QStringList terms = {u"w1x"_s, zipfWord(random), zipfWord(random)};
        const int limit = 1 + int(random.bounded(30));
        LocalIndex::setSearchPruning(true);
        auto pruned = index.search(terms, std::nullopt, limit);
        LocalIndex::setSearchPruning(false);
        auto all = index.search(terms, std::nullopt, limit);
        if (!pruned || !all)
            return u"a search failed"_s;
        if (pruned->size() != all->size())
            return u"%1: %2 chunks pruned, %3 exhaustive"_s.arg(terms.join(u' ')).arg(pruned->size()).arg(all->size());
        for (qsizetype i = 0; i < all->size(); ++i)
            if (pruned->at(i).chunkId != all->at(i).chunkId || pruned->at(i).bm25 != all->at(i).bm25)
                return u"%1: rank %2 differs"_s.arg(terms.join(u' ')).arg(i + 1);
    }
    return {};
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
        // Text and matched words as the text has them (stemmed matches, lower-case), and a term
        // of several tokens as a phrase: only where they follow one another.
        auto texts = m_index->texts({r->first().chunkId, r->at(1).chunkId},
                                    engine::analyzeQuery(u"the separating boundary layers"_s));
        QVERIFY(texts);
        const auto chunk = texts->value(r->first().chunkId);
        QCOMPARE(chunk.matchedTerms, (QStringList{u"boundary"_s, u"layer"_s, u"separates"_s}));
        QVERIFY(chunk.text.startsWith(u"The boundary layer"_s));
        auto phrases = m_index->texts({r->first().chunkId, r->at(1).chunkId},
                                      {u"laminar boundary"_s, u"layers separating"_s, u"boundary laminar"_s});
        QVERIFY(phrases);
        QCOMPARE(phrases->value(r->first().chunkId).matchedTerms, QStringList{u"layer separates"_s});
        QCOMPARE(phrases->value(r->at(1).chunkId).matchedTerms, QStringList{u"laminar boundary"_s});
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
        auto filter =
            Filter::fromJson(QJsonDocument::fromJson(j("{`type`:`gte`,`key`:`year`,`value`:1970}").toUtf8()).object());
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
    void scoresAreFts5Bm25_data()
    {
        QTest::addColumn<bool>("filtered");
        QTest::newRow("no filter") << false;
        QTest::newRow("filter lang=en") << true;
    }

    // Search scores from the index's own postings; the ranking must be exactly what FTS5's
    // bm25() gives over the whole OR query. Every tenth query has a word that FTS5 reads as a
    // phrase of two tokens, which the index matches in the text of the chunks holding both.
    void scoresAreFts5Bm25()
    {
        QFETCH(bool, filtered);
        const QString path = m_dir.filePath(filtered ? u"zipf-filtered.index"_s : u"zipf.index"_s);
        LocalIndex index(path);
        QVERIFY(index.open());
        QRandomGenerator random(7);
        QVERIFY(addZipfCorpus(index, random));
        QVERIFY(index.setVisible(5, false));
        QVERIFY(index.removeFile(8));
        const auto filter =
            Filter::fromJson(QJsonDocument::fromJson(j("{`type`:`eq`,`key`:`lang`,`value`:`en`}").toUtf8()).object());
        QVERIFY(filter);

        QSqlDatabase reference = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"reference"_s);
        reference.setDatabaseName(path);
        QVERIFY(reference.open());
        QVERIFY(createReferenceFts(reference));
        int phraseQueries = 0;
        int phrasesFound = 0; // phrases some chunk holds: the comparison covers their counts
        for (int round = 0; round < 150; ++round) {
            QStringList terms;
            const int count = 1 + int(random.bounded(4));
            while (terms.size() < count) {
                const QString w = zipfWord(random);
                if (!terms.contains(w))
                    terms << w;
            }
            const bool phrase = round % 10 == 9;
            if (phrase)
                terms << zipfWord(random) + u' ' + zipfWord(random);
            const int limit = 1 + int(random.bounded(20));
            if (phrase) {
                QSqlQuery hits(reference);
                QVERIFY(hits.prepare(u"SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?"_s));
                hits.addBindValue(QString(u'"' + terms.constLast() + u'"'));
                QVERIFY(hits.exec() && hits.next());
                phrasesFound += hits.value(0).toInt() > 0 ? 1 : 0;
            }
            auto got = index.search(terms, filtered ? std::optional(filter.value()) : std::nullopt, limit);
            QVERIFY2(got, got ? "" : qPrintable(got.error().message()));
            QCOMPARE(index.lastSearchStats().phrases, phrase);
            phraseQueries += index.lastSearchStats().phrases ? 1 : 0;

            QStringList phrases;
            for (const QString &t : terms)
                phrases << u'"' + t + u'"';
            QSqlQuery q(reference);
            QVERIFY(q.prepare(u"SELECT t.rowid, -bm25(chunks_fts, 4.0, 1.0) AS s, c.file_id FROM chunks_fts t "
                              u"JOIN chunks c ON c.id = t.rowid JOIN files f ON f.file_id = c.file_id "
                              u"WHERE chunks_fts MATCH ? AND f.visible = 1 "_s
                              + (filtered ? u"AND json_extract(f.attributes, '$.lang') = 'en' "_s : QString())
                              + u"ORDER BY s DESC, t.rowid LIMIT ?"_s));
            q.addBindValue(phrases.join(u" OR "_s));
            q.addBindValue(limit);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            QList<double> expected;
            while (q.next()) {
                expected << q.value(1).toDouble();
                QVERIFY(q.value(2).toLongLong() != 5 && q.value(2).toLongLong() != 8);
            }
            QCOMPARE(got->size(), expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i) {
                QVERIFY2(std::abs(got->at(i).bm25 - expected.at(i)) < 1e-9,
                         qPrintable(u"query %1, rank %2: %3 instead of %4"_s.arg(terms.join(u' '))
                                        .arg(i)
                                        .arg(got->at(i).bm25)
                                        .arg(expected.at(i))));
                QVERIFY(got->at(i).fileId != 5 && got->at(i).fileId != 8);
                if (filtered)
                    QCOMPARE(got->at(i).attributes.value(u"lang"_s).toString(), u"en"_s);
            }
        }
        reference.close();
        reference = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"reference"_s);
        QCOMPARE(phraseQueries, 15);
        QVERIFY2(phrasesFound >= 3, qPrintable(u"only %1 of the phrases occur in the corpus"_s.arg(phrasesFound)));
    }

    // Ingestion writes prepared files: postings made on the thread that prepared the file, with
    // ordinals for chunk ids, in several segments. The index must hold exactly what it holds when
    // it counts the words itself: the same chunk ids, postings and scores, also after removals.
    void preparedFilesIndexLikeCountedOnes()
    {
        const QString countedPath = m_dir.filePath(u"counted.index"_s);
        const QString preparedPath = m_dir.filePath(u"prepared.index"_s);
        LocalIndex counted(countedPath);
        LocalIndex prepared(preparedPath);
        QVERIFY(counted.open());
        QVERIFY(prepared.open());
        QRandomGenerator first(13);
        QRandomGenerator second(13);
        QVERIFY(addZipfCorpus(counted, first));
        QVERIFY(addZipfCorpus(prepared, second, true));
        for (LocalIndex *index : {&counted, &prepared}) {
            QVERIFY(index->removeFile(80)); // the last chunk ids: the next file's ids start lower
            QVERIFY(index->removeFile(2));
            QVERIFY(
                addFile(*index, 81, u"w5x again.txt"_s, {u"w1x w5x w5x"_s, u"w2x w9x w1x"_s}, {}, index == &prepared));
        }
        QCOMPARE(postingsDiffer(preparedPath), QString());
        QCOMPARE(postingsDiffer(countedPath), QString());
        QCOMPARE(prepared.tokenCount().value(), counted.tokenCount().value());
        QRandomGenerator random(5);
        for (int round = 0; round < 40; ++round) {
            const QStringList terms{zipfWord(random), zipfWord(random), zipfWord(random)};
            const auto a = counted.search(terms, std::nullopt, 20);
            const auto b = prepared.search(terms, std::nullopt, 20);
            QVERIFY(a && b);
            QCOMPARE(b->size(), a->size());
            for (qsizetype i = 0; i < a->size(); ++i) {
                QCOMPARE(b->at(i).chunkId, a->at(i).chunkId);
                QCOMPARE(b->at(i).bm25, a->at(i).bm25);
            }
        }
        // A file is written one way: prepared chunks refuse counted ones and the reverse.
        QVERIFY(prepared.beginFile(90, u"mixed.txt"_s, {}));
        QVERIFY(prepared.addPreparedChunk({0, 0, 3, 1, "w1x"}));
        QVERIFY(!prepared.addChunk({1, 3, 6, 1, "w2x"}));
        prepared.abortFile();
        QVERIFY(!prepared.hasFile(90).value());
    }

    // A large file of ever new words: the builder's numbering of words starts again once it holds
    // more than PostingsBuilder::kLimit, and the title's words still count in every chunk after.
    void wordNumberingStartsAgainInLargeFiles()
    {
        const QString path = m_dir.filePath(u"many-words.index"_s);
        LocalIndex index(path);
        QVERIFY(index.open());
        QStringList texts;
        int word = 0;
        while (word <= engine::PostingsBuilder::kLimit + 20'000) {
            QStringList words{u"common"_s};
            for (int w = 0; w < 200; ++w)
                words << u"u%1x"_s.arg(word++);
            texts << words.join(u' ');
        }
        QVERIFY(addFile(index, 1, u"alpha.txt"_s, texts, {}, true));
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"many-words"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        {
            engine::PostingsTable table(db);
            QVERIFY(table.loadSegments());
            qint64 lastChunk = 0;
            for (const QByteArray &term : {QByteArray("alpha"), QByteArray("common")}) {
                std::vector<engine::Posting> entries;
                QVERIFY(table.read(term, entries));
                QCOMPARE(qsizetype(entries.size()), texts.size());
                for (const engine::Posting &p : entries) {
                    QCOMPARE(p.frequency, term == "alpha" ? engine::kTitleFrequencyWeight : 1u);
                    QCOMPARE(p.length, 202u); // the title's word and the text's 201
                }
                lastChunk = entries.back().chunkId;
            }
            std::vector<engine::Posting> last;
            QVERIFY(table.read(u"u%1x"_s.arg(word - 1).toUtf8(), last));
            QCOMPARE(last.size(), size_t(1));
            QCOMPARE(last.front().chunkId, lastChunk);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"many-words"_s);
        QCOMPARE(index.search({u"alpha"_s}, std::nullopt, 5)->size(), 5);
    }

    // Segments used to be a row per word (postings_recent) with absolute chunk ids. Opening such
    // an index moves them into buckets, once: the same postings, the same answers.
    void segmentsOfRowsPerWordMoveIntoBuckets()
    {
        const QString path = m_dir.filePath(u"rows-per-word.index"_s);
        QList<LocalIndex::Candidate> before;
        {
            LocalIndex index(path);
            QVERIFY(index.open());
            QRandomGenerator random(17);
            for (int file = 1; file <= 5; ++file) {
                QStringList texts;
                for (int c = 0; c < 30; ++c) {
                    QStringList words;
                    for (int w = 0; w < 40; ++w)
                        words << zipfWord(random);
                    texts << words.join(u' ');
                }
                QVERIFY(addFile(index, file, u"file-%1.txt"_s.arg(file), texts));
            }
            before = index.search({u"w3x"_s, u"w40x"_s, u"w700x"_s}, std::nullopt, 30).value();
            QCOMPARE(before.size(), 30);
        }
        QCOMPARE(segmentCount(path), 5);
        // Rewrite the segments as the earlier format had them.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"downgrade"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"CREATE TABLE postings_recent (segment INTEGER NOT NULL, term TEXT NOT NULL, data BLOB "
                           u"NOT NULL, PRIMARY KEY (segment, term)) WITHOUT ROWID"_s));
            engine::PostingsTable table(db);
            QSet<QByteArray> terms;
            QVERIFY(table.segmentTerms(&terms));
            QVERIFY(table.loadSegments());
            QMap<qint64, qint64> segmentOfFile;
            QVERIFY(q.exec(u"SELECT segment, file_id FROM postings_segments"_s));
            while (q.next())
                segmentOfFile.insert(q.value(1).toLongLong(), q.value(0).toLongLong());
            for (const QByteArray &term : std::as_const(terms)) {
                std::vector<engine::Posting> entries;
                QVERIFY(table.read(term, entries));
                QMap<qint64, std::vector<engine::Posting>> byFile;
                for (const engine::Posting &p : entries)
                    byFile[p.fileId].push_back(p);
                for (auto it = byFile.cbegin(); it != byFile.cend(); ++it) {
                    QByteArray data;
                    engine::encodePostings(data, 0, it->data(), it->data() + it->size());
                    QSqlQuery insert(db);
                    insert.prepare(u"INSERT INTO postings_recent (segment, term, data) VALUES (?, ?, ?)"_s);
                    insert.addBindValue(segmentOfFile.value(it.key()));
                    insert.addBindValue(QString::fromUtf8(term));
                    insert.addBindValue(data);
                    QVERIFY(insert.exec());
                }
            }
            QVERIFY(q.exec(u"DELETE FROM postings_buckets"_s));
            QVERIFY(q.exec(u"ALTER TABLE postings_segments DROP COLUMN base"_s));
        }
        QSqlDatabase::removeDatabase(u"downgrade"_s);
        LocalIndex reopened(path);
        QVERIFY(reopened.open());
        QCOMPARE(segmentCount(path), 5);
        QCOMPARE(postingsDiffer(path), QString());
        const auto after = reopened.search({u"w3x"_s, u"w40x"_s, u"w700x"_s}, std::nullopt, 30);
        QVERIFY(after);
        QCOMPARE(after->size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(after->at(i).chunkId, before.at(i).chunkId);
            QCOMPARE(after->at(i).bm25, before.at(i).bm25);
        }
        // New files and a merge go on from there.
        QVERIFY(addFile(reopened, 6, u"file-6.txt"_s, {u"w3x w3x w40x"_s}, {}, true));
        QCOMPARE(postingsDiffer(path), QString());
    }

    // Segments merge into runs of level 0; kRunsPerLevel runs of a level merge into one of the
    // next, full blocks kept, short ones packed anew. Through merges and removals the postings
    // stay what FTS5 indexes, and pruned search stays exhaustive search.
    void runsMergeLevelByLevel()
    {
        const QString path = m_dir.filePath(u"runs.index"_s);
        LocalIndex index(path);
        QVERIFY(index.open());
        QRandomGenerator random(5);
        const int fileCount = (engine::kRunsPerLevel + 1) * engine::kMergeSegments + 5;
        for (int file = 1; file <= fileCount; ++file) {
            QVERIFY(addFile(index, file, u"f%1.txt"_s.arg(file), twoChunksOfZipfWords(random), {}, file % 2 == 0));
        }
        // Eight runs of level 0 became one of level 1; the ninth is a run of level 0; the last five
        // files are segments.
        QCOMPARE(runLevels(path), u"1 0"_s);
        QCOMPARE(segmentCount(path), 5);
        QCOMPARE(postingsDiffer(path), QString());
        QVERIFY(index.removeFile(3)); // in the level 1 run
        QVERIFY(index.removeFile(fileCount - 10)); // in the level 0 run
        QVERIFY(addFile(index, 3, u"again.txt"_s, {u"w1x w2x zeppelin"_s}));
        QCOMPARE(postingsDiffer(path), QString());
        auto found = index.search({u"zeppelin"_s}, std::nullopt, 10);
        QVERIFY(found);
        QCOMPARE(files(found), QList<qint64>{3});
        QCOMPARE(prunedDiffers(index, random, 40), QString());
    }

    // A merge of runs moves a few buckets per commit (here one bucket: a step of one entry), so
    // it spans many commits. Mid-merge every word is in the target run or in its sources, never in
    // both: the postings stay what FTS5 indexes, pruned search stays exhaustive search, a file
    // removed mid-merge goes from either, and the merge ends with one run of level 1.
    void runsMergeAFewBucketsPerCommit()
    {
        engine::PostingsTable::setMergeStepPostings(1);
        const auto restore =
            qScopeGuard([] { engine::PostingsTable::setMergeStepPostings(engine::kMergeStepPostings); });
        const QString path = m_dir.filePath(u"merging.index"_s);
        auto index = std::make_unique<LocalIndex>(path);
        QVERIFY(index->open());
        QRandomGenerator random(11);
        const auto addRandomFile = [&](int file) {
            return addFile(*index, file, u"f%1.txt"_s.arg(file), twoChunksOfZipfWords(random), {}, file % 3 == 0);
        };
        // The commit of file 512 makes the eighth run of level 0 and starts their merge.
        const int started = engine::kRunsPerLevel * engine::kMergeSegments;
        for (int file = 1; file <= started; ++file)
            QVERIFY(addRandomFile(file));
        QCOMPARE(runLevels(path), u"0 1 0 0 0 0 0 0 0"_s); // the target sorts after its first source
        const int afterOne = mergeNextBucket(path);
        QVERIFY2(afterOne > 0 && afterOne < engine::kSegmentBuckets / 2, qPrintable(QString::number(afterOne)));
        QCOMPARE(postingsDiffer(path), QString());
        QCOMPARE(prunedDiffers(*index, random, 30), QString());
        // A file in the first source, one in the last, removed mid-merge; one added and found.
        QVERIFY(index->removeFile(3));
        QVERIFY(index->removeFile(started - 10));
        QVERIFY(addFile(*index, started + 1, u"zeppelin.txt"_s, {u"w1x w2x zeppelin"_s}));
        QVERIFY(mergeNextBucket(path) > afterOne);
        QCOMPARE(postingsDiffer(path), QString());
        auto found = index->search({u"zeppelin"_s}, std::nullopt, 10);
        QVERIFY(found);
        QCOMPARE(files(found), QList<qint64>{started + 1});
        // Another connection (a process started later) goes on with the merge where it is.
        const int before = mergeNextBucket(path);
        index = std::make_unique<LocalIndex>(path);
        QVERIFY(index->open());
        QVERIFY(addRandomFile(started + 2));
        QVERIFY(mergeNextBucket(path) > before);
        // Each commit moves at least a bucket: the merge ends within kSegmentBuckets commits.
        int file = started + 3;
        for (; mergeNextBucket(path) >= 0 && file < started + engine::kSegmentBuckets; ++file) {
            QVERIFY(addRandomFile(file));
            if (file % 16 == 0) {
                QCOMPARE(postingsDiffer(path), QString());
                QCOMPARE(prunedDiffers(*index, random, 10), QString());
            }
        }
        QCOMPARE(mergeNextBucket(path), -1);
        QCOMPARE(runLevels(path), u"1"_s);
        QCOMPARE(postingsDiffer(path), QString());
        QCOMPARE(prunedDiffers(*index, random, 30), QString());
    }

    // The WAL of a written index is checkpointed on the checkpointer's own thread and connection:
    // after commits leave more than kAskPages in the WAL, the thread copies them into the
    // database, and every row is there.
    void walIsCheckpointedOnItsOwnThread()
    {
        const QString path = m_dir.filePath(u"checkpointed.sqlite"_s);
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"checkpointed"_s);
        {
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"PRAGMA page_size=16384"_s));
            QVERIFY(q.exec(u"PRAGMA journal_mode=WAL"_s));
            QVERIFY(q.exec(u"CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"_s));
            QString why;
            sqlite3 *writer = engine::sqliteConnection(db, &why);
            QVERIFY2(writer, qPrintable(why));
            engine::WalCheckpointer checkpointer(path, writer);
            const QString text(4000, u'x');
            // Rows of 4 KB, three to a page: about twice kAskPages pages, in commits of 100 rows.
            const int rows = 100 * (engine::WalCheckpointer::kAskPages * 6 / 100);
            for (int i = 0; i < rows; i += 100) {
                QVERIFY(q.exec(u"BEGIN"_s));
                q.prepare(u"INSERT INTO t (text) VALUES (?)"_s);
                for (int j = 0; j < 100; ++j) {
                    q.addBindValue(text);
                    QVERIFY(q.exec());
                }
                QVERIFY(q.exec(u"COMMIT"_s));
            }
            QTRY_VERIFY(checkpointer.checkpoints() > 0);
            QVERIFY(q.exec(u"SELECT count(*) FROM t"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), rows);
            q.finish();
        }
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(u"checkpointed"_s);
    }

    // Blocks used to be keyed by word alone, in place of runs (format 2). Opening such an index
    // moves them into one run, once: the same postings, the same answers.
    void blocksKeyedByWordMoveIntoARun()
    {
        const QString path = m_dir.filePath(u"format-2.index"_s);
        const auto chunks = [](const Result<QList<LocalIndex::Candidate>> &r) {
            QList<qint64> ids;
            if (r)
                for (const auto &c : r.value())
                    ids << c.chunkId;
            return ids;
        };
        QList<qint64> before;
        {
            LocalIndex index(path);
            QVERIFY(index.open());
            QRandomGenerator random(3);
            QVERIFY(addZipfCorpus(index, random));
            before = chunks(index.search({u"w1x"_s, u"w17x"_s, u"w300x"_s}, std::nullopt, 20));
            QCOMPARE(before.size(), 20);
        }
        QCOMPARE(runLevels(path), u"0"_s);
        QCOMPARE(alterIndexFile(path,
                                {u"CREATE TABLE postings_old (term TEXT NOT NULL, first_chunk INTEGER NOT NULL, "
                                 u"last_chunk INTEGER NOT NULL, count INTEGER NOT NULL, max_frequency INTEGER NOT "
                                 u"NULL, min_length INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (term, "
                                 u"first_chunk)) WITHOUT ROWID"_s,
                                 u"INSERT INTO postings_old SELECT term, first_chunk, last_chunk, count, "
                                 u"max_frequency, min_length, data FROM postings"_s,
                                 u"DROP TABLE postings"_s, u"DROP TABLE postings_runs"_s,
                                 u"ALTER TABLE postings_old RENAME TO postings"_s,
                                 u"UPDATE meta SET value = 2 WHERE key = 'format'"_s}),
                 QString());
        LocalIndex reopened(path);
        QVERIFY(reopened.open());
        QCOMPARE(runLevels(path), u"64"_s);
        QCOMPARE(postingsDiffer(path), QString());
        QCOMPARE(chunks(reopened.search({u"w1x"_s, u"w17x"_s, u"w300x"_s}, std::nullopt, 20)), before);
        QVERIFY(reopened.removeFile(2));
        QVERIFY(addFile(reopened, 81, u"more.txt"_s, {u"w1x w17x"_s}));
        QCOMPARE(postingsDiffer(path), QString());
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"format"_s);
        {
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"SELECT value FROM meta WHERE key = 'format'"_s) && q.next());
            QCOMPARE(q.value(0).toInt(), 3);
        }
        db = {};
        QSqlDatabase::removeDatabase(u"format"_s);
    }

    // An index of format 1 kept an FTS5 table of its chunks, written by triggers. Opening it
    // drops the table and its triggers once; its chunks, postings and answers stay, and writes
    // go on without it.
    void formatOneIndexLosesItsFts5Table()
    {
        const QString path = m_dir.filePath(u"format1.index"_s);
        QList<LocalIndex::Candidate> before;
        {
            LocalIndex index(path);
            QVERIFY(index.open());
            QVERIFY(addFile(index, 1, u"wings.txt"_s, {u"swept wings delay the drag rise"_s, u"boundary layer"_s}));
            QVERIFY(addFile(index, 2, u"heat.txt"_s, {u"heat transfer in the boundary layer"_s}));
            before = index.search({u"boundary"_s, u"wings"_s}, std::nullopt, 10).value();
            QCOMPARE(before.size(), 3);
        }
        QCOMPARE(
            alterIndexFile(path,
                           {u"CREATE VIRTUAL TABLE chunks_fts USING fts5(title, text, content='chunks', "
                            u"content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"_s,
                            u"INSERT INTO chunks_fts (chunks_fts) VALUES ('rebuild')"_s,
                            u"CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN INSERT INTO chunks_fts (rowid, "
                            u"title, text) VALUES (new.id, new.title, new.text); END"_s,
                            u"CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN INSERT INTO chunks_fts "
                            u"(chunks_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END"_s,
                            u"UPDATE meta SET value = 1 WHERE key = 'format'"_s}),
            QString());
        const auto schemaCount = [&] {
            qint64 count = -1;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"schema"_s);
                db.setDatabaseName(path);
                QSqlQuery q(db);
                if (db.open()
                    && q.exec(u"SELECT count(*) FROM sqlite_master WHERE name LIKE 'chunks_fts%' OR name IN "
                              u"('chunks_ai', 'chunks_ad')"_s)
                    && q.next())
                    count = q.value(0).toLongLong();
            }
            QSqlDatabase::removeDatabase(u"schema"_s);
            return count;
        };
        QVERIFY(schemaCount() > 2); // the table, its shadow tables and the triggers
        LocalIndex reopened(path);
        QVERIFY(reopened.open());
        QCOMPARE(schemaCount(), 0);
        auto after = reopened.search({u"boundary"_s, u"wings"_s}, std::nullopt, 10);
        QVERIFY(after);
        QCOMPARE(after->size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(after->at(i).chunkId, before.at(i).chunkId);
            QCOMPARE(after->at(i).bm25, before.at(i).bm25);
        }
        QVERIFY(addFile(reopened, 3, u"more.txt"_s, {u"wings again"_s}));
        QVERIFY(reopened.removeFile(1));
        QCOMPARE(files(reopened.search({u"wings"_s}, std::nullopt, 10)), QList<qint64>{3});
        QCOMPARE(postingsDiffer(path), QString());
    }

    // The postings search reads stay equal to what FTS5 has indexed through rewrites, removals
    // and aborted files, and an index written before they existed gets them on open.
    void postingsFollowTheIndex()
    {
        const QString path = m_dir.filePath(u"postings.index"_s);
        {
            LocalIndex index(path);
            QVERIFY(index.open());
            QRandomGenerator random(11);
            QVERIFY(addZipfCorpus(index, random));
            // 80 files: the first 64 were merged into blocks, the last 16 are segments.
            QCOMPARE(segmentCount(path), 80 - engine::kMergeSegments);
            QCOMPARE(postingsDiffer(path), QString());
            QVERIFY(index.removeFile(70)); // in a segment
            QCOMPARE(segmentCount(path), 80 - engine::kMergeSegments - 1);
            QVERIFY(index.removeFile(3)); // in blocks
            QVERIFY(addFile(index, 4, u"rewritten.txt"_s, {u"w1x w2x w2x brand new words"_s}));
            QVERIFY(addFile(index, 81, u"w1x title words.txt"_s, {u"w1x"_s, u"only text"_s}));
            QVERIFY(index.removeFile(1));
            QVERIFY(index.beginFile(5, u"aborted.txt"_s, {}));
            QVERIFY(index.addChunk({0, 0, 5, 1, "zeppelin"}));
            index.abortFile();
            QCOMPARE(postingsDiffer(path), QString());
            QVERIFY(index.search({u"zeppelin"_s}, std::nullopt, 10)->isEmpty());
        }
        // As an index of an earlier version: per-word statistics instead of postings.
        QCOMPARE(alterIndexFile(path,
                                {u"DROP TABLE postings"_s,
                                 u"CREATE TABLE term_stats (term TEXT PRIMARY KEY, chunks INTEGER)"_s,
                                 u"DELETE FROM meta WHERE key IN ('postings', 'tokens')"_s,
                                 u"INSERT INTO meta (key, value) VALUES ('term_stats', 1)"_s}),
                 QString());
        LocalIndex reopened(path);
        QVERIFY(reopened.open());
        QCOMPARE(postingsDiffer(path), QString());
        auto found = reopened.search({u"w1x"_s, u"w2x"_s}, std::nullopt, 10);
        QVERIFY(found);
        QCOMPARE(found->size(), 10);
        QVERIFY(!reopened.lastSearchStats().phrases);
    }

    // Block-max pruning skips the blocks that cannot reach the top k; it must answer exactly what
    // scoring every chunk answers: the same chunks, the same scores, in the same order. Random
    // indexes (files of varying size and chunk length, some merged into blocks, some still in
    // segments, files hidden, removed and rewritten), random queries mixing very common and rare
    // words, every limit from 1 to 50, with and without filters.
    void prunedSearchIsExhaustiveSearch_data()
    {
        QTest::addColumn<int>("seed");
        QTest::newRow("seed 1") << 1;
        QTest::newRow("seed 2") << 2;
        QTest::newRow("seed 3") << 3;
        QTest::newRow("seed 4") << 4;
    }

    void prunedSearchIsExhaustiveSearch()
    {
        QFETCH(int, seed);
        const auto restore = qScopeGuard([] { LocalIndex::setSearchPruning(true); });
        QRandomGenerator random(quint32(seed) * 7919);
        LocalIndex index(m_dir.filePath(u"pruned-%1.index"_s.arg(seed)));
        QVERIFY(index.open());
        const int fileCount = 40 + int(random.bounded(60)); // some merged into blocks (64), some not
        for (int file = 1; file <= fileCount; ++file) {
            QStringList texts;
            const int chunks = 1 + int(random.bounded(80));
            const int longest = 5 + int(random.bounded(150));
            for (int c = 0; c < chunks; ++c) {
                QStringList words;
                const int length = 1 + int(random.bounded(longest));
                for (int w = 0; w < length; ++w)
                    words << zipfWord(random);
                texts << words.join(u' ');
            }
            QVERIFY(addFile(index, file, u"file-%1 %2.txt"_s.arg(file).arg(zipfWord(random)), texts,
                            QJsonObject{{u"lang"_s, file % 3 == 0 ? u"de"_s : u"en"_s}, {u"group"_s, file % 5}}));
        }
        for (int i = 0; i < 3; ++i) {
            const int file = 1 + int(random.bounded(fileCount));
            QVERIFY(index.setVisible(file, false));
            QVERIFY(index.removeFile(1 + int(random.bounded(fileCount))));
            QVERIFY(addFile(index, 1 + int(random.bounded(fileCount)), u"rewritten.txt"_s,
                            {zipfWord(random) + u' ' + zipfWord(random), u"w1x w1x w1x w2x"_s},
                            QJsonObject{{u"lang"_s, u"en"_s}}));
        }
        const QStringList filters = {
            QString(),
            j("{`type`:`eq`,`key`:`lang`,`value`:`en`}"),
            j("{`type`:`in`,`key`:`group`,`value`:[1,3]}"),
            j("{`type`:`and`,`filters`:[{`type`:`eq`,`key`:`lang`,`value`:`de`},{`type`:`ne`,`key`:`group`,`value`:"
              "0}]}"),
        };
        qint64 prunedScored = 0;
        qint64 allScored = 0;
        for (int round = 0; round < 120; ++round) {
            QStringList terms;
            const int count = 1 + int(random.bounded(5));
            while (terms.size() < count) {
                // Common words often: the queries whose postings pruning has to skip.
                const QString w = random.bounded(3) == 0 ? u"w%1x"_s.arg(1 + random.bounded(8)) : zipfWord(random);
                if (!terms.contains(w))
                    terms << w;
            }
            const int limit = 1 + int(random.bounded(50));
            const QString filterText = filters.at(round % filters.size());
            std::optional<Filter> filter;
            if (!filterText.isEmpty()) {
                auto parsed = Filter::fromJson(QJsonDocument::fromJson(filterText.toUtf8()).object());
                QVERIFY2(parsed, qPrintable(filterText));
                filter = *parsed;
            }
            LocalIndex::setSearchPruning(true);
            auto pruned = index.search(terms, filter, limit);
            QVERIFY2(pruned, pruned ? "" : qPrintable(pruned.error().message()));
            prunedScored += index.lastSearchStats().candidates;
            LocalIndex::setSearchPruning(false);
            auto all = index.search(terms, filter, limit);
            QVERIFY2(all, all ? "" : qPrintable(all.error().message()));
            allScored += index.lastSearchStats().candidates;
            const QString what = u"query '%1', limit %2, filter %3"_s.arg(terms.join(u' ')).arg(limit).arg(filterText);
            QVERIFY2(pruned->size() == all->size(), qPrintable(what));
            for (qsizetype i = 0; i < all->size(); ++i) {
                QVERIFY2(pruned->at(i).chunkId == all->at(i).chunkId, qPrintable(what + u", rank %1"_s.arg(i)));
                QVERIFY2(pruned->at(i).fileId == all->at(i).fileId, qPrintable(what));
                QVERIFY2(pruned->at(i).bm25 == all->at(i).bm25, qPrintable(what));
                QVERIFY2(pruned->at(i).score == all->at(i).score, qPrintable(what));
            }
        }
        // Pruning did skip chunks (else this test would prove nothing about it).
        QVERIFY2(prunedScored < allScored, qPrintable(u"%1 vs %2"_s.arg(prunedScored).arg(allScored)));
        qInfo("seed %d: %d files, %lld chunks scored pruned, %lld exhaustive", seed, fileCount, prunedScored,
              allScored);
    }

    void damagedPostingsAreReportedNotGuessed()
    {
        const QString path = m_dir.filePath(u"damaged.index"_s);
        {
            LocalIndex index(path);
            QVERIFY(index.open());
            QVERIFY(addFile(index, 1, u"a.txt"_s, {u"alpha beta"_s}));
        }
        // alpha's bucket in the file's segment (beta's is another one).
        QVERIFY(engine::segmentBucket("alpha") != engine::segmentBucket("beta"));
        QCOMPARE(alterIndexFile(path,
                                {u"UPDATE postings SET data = x'ff' WHERE term = 'alpha'"_s,
                                 u"UPDATE postings_buckets SET data = x'ff' WHERE bucket = %1"_s.arg(
                                     engine::segmentBucket("alpha"))}),
                 QString());
        LocalIndex index(path);
        QVERIFY(index.open());
        auto r = index.search({u"alpha"_s}, std::nullopt, 10);
        QVERIFY(!r);
        QVERIFY2(r.error().message().contains(u"the postings of the word 'alpha' are damaged"_s),
                 qPrintable(r.error().message()));
        QVERIFY(index.search({u"beta"_s}, std::nullopt, 10));
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
