// The words of overlapping chunks counted once from the noted text (PostingsBuilder::noteText)
// must be exactly the words of each chunk's text tokenized alone by FTS5: the same postings,
// frequencies, chunk lengths and token totals, whatever the windows, the segments the chunker
// cuts, and the characters at the chunks' edges (split words, combining marks, CJK, emoji).

#include "core/engine/chunking/chunker.h"
#include "core/engine/index/indextokenizer.h"
#include "core/engine/index/postingsbuilder.h"
#include "core/engine/tokenizer/bpetokenizer.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;
using engine::Chunker;
using engine::EncodedSegment;
using engine::PostingsBuilder;

namespace {

// Every byte is a token: windows begin and end inside words and inside characters.
void byteTokens(QByteArrayView text, std::vector<quint32> *ends)
{
    for (qsizetype i = 1; i <= text.size(); ++i)
        ends->push_back(quint32(i));
}

// Text meant to trip the word counting at chunk edges: words of every length, words joined by
// apostrophes and hyphens, accented letters precomposed and with combining marks (also after a
// space, where a combining mark is no part of a word), Latin-1 letters and digits (ª µ ² ½),
// CJK runs, emoji, digits, punctuation, line breaks, and now and then a long run with no
// separator at all (the chunker then cuts a segment between characters, inside a word).
QByteArray trickyText(QRandomGenerator &random, int words)
{
    static const QStringList pieces{u"the"_s,          u"index"_s,        u"naïve"_s,   u"cafe\u0301"_s,
                                    u"\u0301alone"_s,  u"ªµº²½"_s,        u"don't"_s,   u"x-ray"_s,
                                    u"東京都の天気"_s, u"🙂"_s,         u"🇫🇮ok"_s,    u"2024"_s,
                                    u"v1.2"_s,         u"Straße"_s,       u"ΑΘΗΝΑ"_s,   u"résumé"_s,
                                    u"SQLITE_ERROR"_s, u"\u0300\u0301"_s, u"running"_s, u"runs"_s,
                                    u"connection"_s,   u"ﬁnance"_s,       u"Ⅲ"_s,       u"naı\u0308ve"_s};
    QString text;
    for (int w = 0; w < words; ++w) {
        const quint32 r = random.bounded(1000u);
        if (r < 3) {
            for (int i = 0, n = 200 + int(random.bounded(600)); i < n; ++i)
                text += QChar(u'a' + char16_t(random.bounded(26)));
        } else if (r < 600) {
            text += pieces.at(int(random.bounded(pieces.size())));
        } else {
            for (int i = 0, n = 1 + int(random.bounded(12)); i < n; ++i)
                text += QChar(u'a' + char16_t(random.bounded(26)));
        }
        const quint32 s = random.bounded(20u);
        text += s == 0 ? u"\n"_s : (s == 1 ? u". "_s : (s == 2 ? u", "_s : (s == 3 ? u"\u00a0"_s : u" "_s)));
    }
    return text.toUtf8();
}

struct Counted
{
    QList<EncodedSegment> segments;
    int chunks = 0;
    qint64 fromNotedText = 0;
};

// Chunks `text` and counts its chunks' words both ways (noted or each chunk alone), taking a
// segment every `segmentEvery` chunks and whenever the builder is full, as LocalEngine::prepare.
Counted count(const QByteArray &text, const Chunker::TokenizeFn &tokenize, int maxTokens, int overlap,
              qsizetype segmentSize, int segmentEvery, bool noted)
{
    QString why;
    static const auto words = engine::IndexTokenizer::create(&why);
    Counted counted;
    PostingsBuilder builder;
    Chunker chunker(tokenize, maxTokens, overlap, [&](const Chunk &chunk) -> Result<void> {
        if (chunk.ordinal == 0)
            builder.startFile(*words, "the title résumé"_ba);
        if (noted)
            builder.add(chunk.ordinal, 7, *words, chunk.text, chunk.startOffset);
        else
            builder.add(chunk.ordinal, 7, *words, chunk.text);
        ++counted.chunks;
        if (builder.full() || chunk.ordinal % segmentEvery == segmentEvery - 1)
            counted.segments << builder.takeSegment();
        return {};
    });
    chunker.setSegmentSize(segmentSize);
    if (noted)
        chunker.setSegmentObserver(
            [&](qint64 start, QByteArrayView segment) { builder.noteText(start, segment, *words); });
    // In blocks of a few kilobytes, as extraction gives them (never splitting a character).
    qsizetype at = 0;
    while (at < text.size()) {
        qsizetype end = std::min<qsizetype>(at + 4093, text.size());
        while (end < text.size() && (quint8(text[end]) & 0xC0) == 0x80)
            ++end;
        if (!chunker.append(QByteArrayView(text).sliced(at, end - at)))
            return {};
        at = end;
    }
    if (!chunker.finish())
        return {};
    counted.segments << builder.takeSegment();
    counted.fromNotedText = builder.chunksFromNotedText();
    return counted;
}

} // namespace

class TestPostingsBuilder : public QObject
{
    Q_OBJECT

private slots:
    void notedTextCountsAsEachChunkAlone_data()
    {
        QTest::addColumn<bool>("bytes"); // byte tokens, else cl100k BPE
        QTest::addColumn<int>("maxTokens");
        QTest::addColumn<int>("overlap");
        QTest::addColumn<int>("segmentSize");
        QTest::addColumn<int>("segmentEvery");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("bpe 800/400") << false << 800 << 400 << (1 << 20) << 1000 << 1u;
        QTest::newRow("bpe 800/400, small segments") << false << 800 << 400 << 700 << 3 << 2u;
        QTest::newRow("bpe 50/20, tiny segments") << false << 50 << 20 << 64 << 5 << 3u;
        QTest::newRow("bpe 100/0") << false << 100 << 0 << 4096 << 7 << 4u;
        QTest::newRow("bpe 7/3") << false << 7 << 3 << 300 << 11 << 5u;
        QTest::newRow("bytes 200/100") << true << 200 << 100 << 500 << 4 << 6u;
        QTest::newRow("bytes 61/30") << true << 61 << 30 << 128 << 9 << 7u;
        QTest::newRow("bytes 13/6") << true << 13 << 6 << 97 << 2 << 8u;
    }

    void notedTextCountsAsEachChunkAlone()
    {
        QFETCH(bool, bytes);
        QFETCH(int, maxTokens);
        QFETCH(int, overlap);
        QFETCH(int, segmentSize);
        QFETCH(int, segmentEvery);
        QFETCH(quint32, seed);
        const engine::BpeTokenizer &bpe = engine::BpeTokenizer::get(engine::Encoding::Cl100kBase);
        QVERIFY2(bpe.isValid(), qPrintable(bpe.errorString()));
        const Chunker::TokenizeFn tokenize = bytes ? Chunker::TokenizeFn(byteTokens) : Chunker::tokenizingWith(bpe);
        QRandomGenerator random(seed);
        const QByteArray text = trickyText(random, bytes ? 3000 : 20000);
        const Counted alone = count(text, tokenize, maxTokens, overlap, segmentSize, segmentEvery, false);
        const Counted noted = count(text, tokenize, maxTokens, overlap, segmentSize, segmentEvery, true);
        QVERIFY(alone.chunks > 20);
        QCOMPARE(noted.chunks, alone.chunks);
        QCOMPARE(alone.fromNotedText, 0);
        QCOMPARE(noted.segments.size(), alone.segments.size());
        for (qsizetype i = 0; i < alone.segments.size(); ++i) {
            QCOMPARE(noted.segments[i].postings, alone.segments[i].postings);
            QCOMPARE(noted.segments[i].tokens, alone.segments[i].tokens);
            QCOMPARE(noted.segments[i].buckets, alone.segments[i].buckets);
        }
        // Most chunks take their words from the noted text; a chunk with no whole word in it, or
        // across a cut inside a word, is tokenized whole.
        QVERIFY2(noted.fromNotedText * 10 >= noted.chunks * (maxTokens >= 100 ? 8 : 6),
                 qPrintable(u"%1 of %2 chunks from the noted text"_s.arg(noted.fromNotedText).arg(noted.chunks)));
    }

    // Noted text that starts inside a word (here a part noted on its own, from byte 7 of "alpha
    // betagamma delta") is no help to a chunk that starts before it: that chunk is tokenized
    // whole, and one inside it still takes its whole words from it.
    void chunksBeforeTheNotedTextAreTokenizedWhole()
    {
        QString why;
        const auto words = engine::IndexTokenizer::create(&why);
        QVERIFY2(words, qPrintable(why));
        const QByteArray text = "alpha betagamma delta epsilon"_ba;
        const auto segmentOf = [&](bool noted) {
            PostingsBuilder builder;
            if (noted)
                builder.noteText(7, QByteArrayView(text).sliced(7), *words); // "tagamma delta epsilon"
            builder.startFile(*words, {});
            const QByteArrayView all(text);
            if (noted) {
                builder.add(0, 1, *words, all.sliced(6), 6); // "betagamma delta epsilon"
                builder.add(1, 1, *words, all.sliced(16), 16); // "delta epsilon"
            } else {
                builder.add(0, 1, *words, all.sliced(6));
                builder.add(1, 1, *words, all.sliced(16));
            }
            return std::pair(builder.takeSegment(), builder.chunksFromNotedText());
        };
        const auto [alone, none] = segmentOf(false);
        const auto [noted, fromNoted] = segmentOf(true);
        QCOMPARE(none, 0);
        QCOMPARE(fromNoted, 1); // the second chunk only
        QCOMPARE(noted.postings, alone.postings);
        QCOMPARE(noted.tokens, alone.tokens);
        QCOMPARE(noted.buckets, alone.buckets);
    }

    // More words than PostingsBuilder::kLimit: the numbering starts again while noted words wait
    // to be counted; they are numbered again and still count as themselves.
    void notedWordsSurviveRenumbering()
    {
        QByteArray text;
        for (int w = 0; w < PostingsBuilder::kLimit + 40'000; ++w)
            text += "u" + QByteArray::number(w) + "x ";
        const Chunker::TokenizeFn tokenize =
            Chunker::tokenizingWith(engine::BpeTokenizer::get(engine::Encoding::Cl100kBase));
        const Counted alone = count(text, tokenize, 800, 400, 1 << 20, 1 << 30, false);
        const Counted noted = count(text, tokenize, 800, 400, 1 << 20, 1 << 30, true);
        QVERIFY(alone.segments.size() >= 2); // the builder was full at least once
        QCOMPARE(noted.segments.size(), alone.segments.size());
        QCOMPARE(noted.fromNotedText, qint64(noted.chunks));
        for (qsizetype i = 0; i < alone.segments.size(); ++i) {
            QCOMPARE(noted.segments[i].postings, alone.segments[i].postings);
            QCOMPARE(noted.segments[i].tokens, alone.segments[i].tokens);
            QCOMPARE(noted.segments[i].buckets, alone.segments[i].buckets);
        }
    }
};

QTEST_GUILESS_MAIN(TestPostingsBuilder)
#include "tst_postingsbuilder.moc"
