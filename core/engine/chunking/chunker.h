#pragma once

#include "core/domain/serviceerror.h"
#include "core/engine/index/localindex.h"

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <vector>

namespace vd::engine {

class BpeTokenizer;

// Splits a stream of UTF-8 text into windows of tokens, as OpenAI's static chunking strategy
// describes: `maxTokens` tokens per chunk, consecutive chunks sharing `overlapTokens` tokens.
// A window is emitted only when it holds tokens the previous one did not, so no chunk is a
// repeated tail of the one before it. Text arrives in blocks of any size and is tokenized in
// segments cut where tokenization cannot differ from tokenizing the whole text (before a
// letter or digit that starts a line, or before a space followed by a letter), so memory stays
// bounded by the segment and window sizes, not by the file.
class Chunker
{
public:
    // Appends the end offsets (relative to the segment start, in bytes) of each token of `segment`.
    using TokenizeFn = std::function<void(QByteArrayView segment, std::vector<quint32> *tokenEnds)>;
    using EmitFn = std::function<Result<void>(const Chunk &chunk)>;
    // Sees each segment of text, at its byte offset in the whole text, before its windows are cut.
    using SegmentFn = std::function<void(qint64 start, QByteArrayView segment)>;

    Chunker(TokenizeFn tokenize, int maxTokens, int overlapTokens, EmitFn emitChunk);
    // Tokenizing with a BPE tokenizer (its tokens' end offsets; the ids are not kept).
    static TokenizeFn tokenizingWith(const BpeTokenizer &tokenizer);

    Result<void> append(QByteArrayView utf8);
    Result<void> finish();

    qint64 textBytes() const { return m_textBytes; }
    qint64 tokenCount() const { return m_tokenCount; }
    int chunkCount() const { return m_ordinal; }

    // Segments are cut once this much text is pending (tests lower it to exercise cutting).
    void setSegmentSize(qsizetype bytes) { m_segmentSize = bytes; }
    void setSegmentObserver(SegmentFn observer) { m_observeSegment = std::move(observer); }

private:
    Result<void> tokenizeSegment(qsizetype length);
    Result<void> emitWindows(bool final);
    static qsizetype safeCut(const QByteArray &text, qsizetype from, qsizetype to);

    TokenizeFn m_tokenize;
    EmitFn m_emit;
    SegmentFn m_observeSegment;
    int m_max;
    int m_step;
    qsizetype m_segmentSize = 1 << 20;

    QByteArray m_pending; // text not yet tokenized
    QByteArray m_window; // text of the retained tokens
    qint64 m_windowStart = 0; // global byte offset of m_window[0]
    std::vector<qint64> m_ends; // global end offset of each retained token, from m_endsHead
    std::size_t m_endsHead = 0; // ends before it belong to dropped tokens
    qint64 m_firstTokenIndex = 0; // global index of m_ends[0]
    qint64 m_coveredUntil = 0; // global token index up to which chunks were emitted
    qint64 m_textBytes = 0;
    qint64 m_tokenCount = 0;
    int m_ordinal = 0;
    std::vector<quint32> m_scratch;
};

} // namespace vd::engine
