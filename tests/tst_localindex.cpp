// The per-store FTS5 index: atomic file writes, visibility, attribute filters, normalised
// scores, and user text that never acts as FTS5 syntax.

#include "engine/index/localindex.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

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
