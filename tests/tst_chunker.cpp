// Chunking semantics (windows, overlap, no repeated tail, offsets, valid UTF-8) and that
// streaming text in arbitrary blocks gives exactly the chunks of the whole text.

#include "core/engine/chunking/chunker.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;
using engine::Chunker;
using Windows = QList<QPair<int, int>>;

namespace {

// Every byte is a token.
void byteTokens(QByteArrayView text, std::vector<quint32> *ends)
{
    for (qsizetype i = 1; i <= text.size(); ++i)
        ends->push_back(quint32(i));
}

// Words with their leading space, and single other characters: context-dependent at a space,
// like real BPE pre-tokenisation.
void wordTokens(QByteArrayView text, std::vector<quint32> *ends)
{
    qsizetype i = 0;
    auto isLetter = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    while (i < text.size()) {
        qsizetype j = i;
        if (text[j] == ' ' && j + 1 < text.size() && isLetter(text[j + 1]))
            ++j;
        if (isLetter(text[j])) {
            while (j < text.size() && isLetter(text[j]))
                ++j;
        } else {
            ++j;
        }
        ends->push_back(quint32(j));
        i = j;
    }
}

QList<Chunk> chunk(const QByteArray &text, Chunker::TokenizeFn tokenize, int max, int overlap,
                   const QList<qsizetype> &blocks = {}, qsizetype segment = 1 << 20)
{
    QList<Chunk> chunks;
    Chunker chunker(std::move(tokenize), max, overlap, [&](const Chunk &c) -> Result<void> {
        chunks.append(c);
        return {};
    });
    chunker.setSegmentSize(segment);
    qsizetype at = 0;
    for (qsizetype b : blocks) {
        [&] {
            QVERIFY(chunker.append(QByteArrayView(text).sliced(at, b)));
        }();
        at += b;
    }
    [&] {
        QVERIFY(chunker.append(QByteArrayView(text).sliced(at)));
    }();
    [&] {
        QVERIFY(chunker.finish());
    }();
    return chunks;
}

} // namespace

class TestChunker : public QObject
{
    Q_OBJECT

private slots:
    void windows_data()
    {
        QTest::addColumn<int>("tokens");
        QTest::addColumn<int>("max");
        QTest::addColumn<int>("overlap");
        QTest::addColumn<Windows>("expected");
        QTest::newRow("tail with new tokens is kept") << 20 << 8 << 3 << Windows{{0, 8}, {5, 13}, {10, 18}, {15, 20}};
        QTest::newRow("no chunk that only repeats the previous tail")
            << 18 << 8 << 3 << Windows{{0, 8}, {5, 13}, {10, 18}};
        QTest::newRow("OpenAI's 1000 tokens at 800/400") << 1000 << 800 << 400 << Windows{{0, 800}, {400, 1000}};
        QTest::newRow("shorter than one chunk") << 5 << 8 << 4 << Windows{{0, 5}};
        QTest::newRow("exactly one chunk") << 8 << 8 << 4 << Windows{{0, 8}};
        QTest::newRow("no overlap") << 10 << 4 << 0 << Windows{{0, 4}, {4, 8}, {8, 10}};
    }

    void windows()
    {
        QFETCH(int, tokens);
        QFETCH(int, max);
        QFETCH(int, overlap);
        QFETCH(Windows, expected);
        const QByteArray text(tokens, 'x');
        const QList<Chunk> chunks = chunk(text, byteTokens, max, overlap);
        QCOMPARE(chunks.size(), expected.size());
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            QCOMPARE(chunks[i].ordinal, int(i));
            QCOMPARE(chunks[i].startOffset, expected[i].first);
            QCOMPARE(chunks[i].endOffset, expected[i].second);
            QCOMPARE(chunks[i].tokenCount, expected[i].second - expected[i].first);
        }
    }

    void offsetsPointIntoTheText()
    {
        QByteArray text;
        for (int i = 0; i < 500; ++i)
            text += "Paragraph " + QByteArray::number(i) + " talks about wing flutter and boundary layers.\n";
        const QList<Chunk> chunks = chunk(text, wordTokens, 100, 20);
        QVERIFY(chunks.size() > 10);
        for (const Chunk &c : chunks)
            QCOMPARE(c.text, text.mid(c.startOffset, c.endOffset - c.startOffset));
        QCOMPARE(chunks.first().startOffset, 0);
        QCOMPARE(chunks.last().endOffset, text.size());
    }

    void streamingGivesTheSameChunks()
    {
        QRandomGenerator random(7);
        QByteArray text;
        const QList<QByteArray> words = {"lift", "drag", "Mach", "number", "shock", "wave", "42", "—", "naïve"};
        for (int i = 0; i < 20000; ++i) {
            text += words[random.bounded(words.size())];
            const int sep = random.bounded(10);
            text += sep == 0 ? "\n" : (sep == 1 ? ".  " : " ");
        }
        const QList<Chunk> whole = chunk(text, wordTokens, 120, 30);
        QList<qsizetype> blocks;
        for (qsizetype left = text.size(); left > 0;) {
            const qsizetype b = std::min<qsizetype>(left, 1 + random.bounded(5000));
            blocks << b;
            left -= b;
        }
        // Small segments force many cuts; every cut must keep tokenization identical.
        const QList<Chunk> streamed = chunk(text, wordTokens, 120, 30, blocks, 2048);
        QCOMPARE(streamed.size(), whole.size());
        for (qsizetype i = 0; i < whole.size(); ++i) {
            QCOMPARE(streamed[i].startOffset, whole[i].startOffset);
            QCOMPARE(streamed[i].endOffset, whole[i].endOffset);
            QCOMPARE(streamed[i].tokenCount, whole[i].tokenCount);
            QCOMPARE(streamed[i].text, whole[i].text);
        }
    }

    void chunksAreValidUtf8WhenTokensSplitCharacters()
    {
        const QByteArray text = QString(u"ééé漢字😀ü"_s).toUtf8();
        const QList<Chunk> chunks = chunk(text, byteTokens, 3, 1);
        QVERIFY(!chunks.isEmpty());
        for (const Chunk &c : chunks) {
            QVERIFY2(QString::fromUtf8(c.text).toUtf8() == c.text, c.text.toHex().constData());
            QVERIFY(!c.text.contains("\xEF\xBF\xBD"));
        }
        QCOMPARE(chunks.last().endOffset, text.size());
    }

    void emptyTextGivesNoChunk() { QVERIFY(chunk(QByteArray(), byteTokens, 100, 10).isEmpty()); }

    void emitErrorsStopTheChunker()
    {
        Chunker chunker(byteTokens, 4, 0,
                        [](const Chunk &) -> Result<void> { return ServiceError::unavailable(u"disk full"_s); });
        QVERIFY(chunker.append("abcdefgh"));
        auto r = chunker.finish();
        QVERIFY(!r);
        QCOMPARE(r.error().message(), u"disk full"_s);
    }
};

QTEST_GUILESS_MAIN(TestChunker)
#include "tst_chunker.moc"
