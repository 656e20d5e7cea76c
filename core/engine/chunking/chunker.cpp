#include "core/engine/chunking/chunker.h"

#include "core/engine/tokenizer/bpetokenizer.h"

using namespace Qt::StringLiterals;

namespace vd::engine {

namespace {

bool isAsciiAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isContinuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

Chunker::Chunker(TokenizeFn tokenize, int maxTokens, int overlapTokens, EmitFn emitChunk)
    : m_tokenize(std::move(tokenize))
    , m_emit(std::move(emitChunk))
    , m_max(maxTokens)
    , m_step(maxTokens - overlapTokens)
{ }

qsizetype Chunker::safeCut(const QByteArray &text, qsizetype from, qsizetype to)
{
    // Latest position p in [from, to) where a token boundary is certain: p starts a line with a
    // letter or digit, or p is a space followed by a letter (the space belongs to the word).
    for (qsizetype p = to - 1; p > from; --p) {
        if (text[p - 1] == '\n' && isAsciiAlnum(text[p]))
            return p;
    }
    for (qsizetype p = to - 2; p > from; --p) {
        if (text[p] == ' ' && isAsciiLetter(text[p + 1]) && text[p - 1] != ' ')
            return p;
    }
    return -1;
}

Chunker::TokenizeFn Chunker::tokenizingWith(const BpeTokenizer &tokenizer)
{
    return [&tokenizer, ids = std::vector<quint32>(),
            ends = std::vector<qsizetype>()](QByteArrayView segment, std::vector<quint32> *tokenEnds) mutable {
        ids.clear();
        ends.clear();
        tokenizer.encode(segment, &ids, &ends);
        for (const qsizetype end : ends)
            tokenEnds->push_back(quint32(end));
    };
}

Result<void> Chunker::append(QByteArrayView utf8)
{
    m_pending.append(utf8.data(), utf8.size());
    m_textBytes += utf8.size();
    while (m_pending.size() >= 2 * m_segmentSize) {
        qsizetype cut = safeCut(m_pending, m_segmentSize / 2, m_pending.size() - 1);
        if (cut < 0) {
            // No safe boundary in a long run (e.g. megabytes without a space): cut at a UTF-8
            // character boundary. Tokens may differ from a whole-text run by one at the cut.
            cut = m_segmentSize;
            while (cut < m_pending.size() && isContinuation(m_pending[cut]))
                ++cut;
        }
        if (auto r = tokenizeSegment(cut); !r)
            return r;
    }
    return {};
}

Result<void> Chunker::finish()
{
    if (!m_pending.isEmpty())
        if (auto r = tokenizeSegment(m_pending.size()); !r)
            return r;
    return emitWindows(true);
}

Result<void> Chunker::tokenizeSegment(qsizetype length)
{
    const QByteArrayView segment(m_pending.constData(), length);
    const qint64 segmentStart = m_windowStart + m_window.size();
    m_scratch.clear();
    m_tokenize(segment, &m_scratch);
    for (const quint32 end : m_scratch)
        m_ends.push_back(segmentStart + end);
    m_tokenCount += qint64(m_scratch.size());
    if (m_observeSegment)
        m_observeSegment(segmentStart, segment);
    m_window.append(segment.data(), segment.size());
    m_pending.remove(0, length);
    return emitWindows(false);
}

Result<void> Chunker::emitWindows(bool final)
{
    const qint64 available = m_firstTokenIndex + qint64(m_ends.size() - m_endsHead); // global tokens known so far
    // Next window starts at the first token not yet dropped.
    while (true) {
        const qint64 start = m_firstTokenIndex;
        const qint64 end = std::min<qint64>(start + m_max, available);
        const bool full = end - start == m_max;
        if (!full && !final)
            return {};
        if (end <= m_coveredUntil || end == start) // nothing new: no repeated tail
            return {};
        // The window's text begins at token `start` (the text of dropped tokens is gone).
        const qint64 from = m_windowStart;
        qint64 to = m_ends[m_endsHead + std::size_t(end - m_firstTokenIndex - 1)];
        qsizetype a = qsizetype(from - m_windowStart);
        qsizetype b = qsizetype(to - m_windowStart);
        // Keep chunk text valid UTF-8: tokens may split a character's bytes.
        while (a < b && isContinuation(m_window[a]))
            ++a;
        while (b < m_window.size() && isContinuation(m_window[b]))
            ++b;
        Chunk chunk;
        chunk.ordinal = m_ordinal++;
        chunk.startOffset = m_windowStart + a;
        chunk.endOffset = m_windowStart + b;
        chunk.tokenCount = int(end - start);
        chunk.text = m_window.mid(a, b - a);
        if (auto r = m_emit(chunk); !r)
            return r;
        m_coveredUntil = end;
        if (end == available && final)
            return {};
        // Drop the first `step` tokens and their text.
        const qint64 drop = std::min<qint64>(m_step, qint64(m_ends.size() - m_endsHead));
        const qint64 newStart = m_ends[m_endsHead + std::size_t(drop - 1)];
        m_window.remove(0, qsizetype(newStart - m_windowStart));
        m_windowStart = newStart;
        // The dropped ends are skipped, and erased only once they are half of the vector: erasing
        // each window's from the front moved the whole segment's ends once per chunk.
        m_endsHead += std::size_t(drop);
        if (m_endsHead * 2 >= m_ends.size()) {
            m_ends.erase(m_ends.begin(), m_ends.begin() + qsizetype(m_endsHead));
            m_endsHead = 0;
        }
        m_firstTokenIndex += drop;
    }
}

} // namespace vd::engine
