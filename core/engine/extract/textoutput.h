#pragma once

#include "core/engine/extract/extractor.h"

#include <QByteArray>

namespace vd::engine::extract {

// The last stage before the caller's sink: gathers the many small pieces the format readers
// produce into blocks of at most kExtractBlockSize bytes, cut between UTF-8 characters, and
// counts what went out. Remembers whether the caller cancelled and whether any byte other than
// ASCII whitespace was written (a document with no text is refused).
class BlockWriter final : public TextSink
{
public:
    explicit BlockWriter(TextSink &sink, qsizetype blockSize = kExtractBlockSize);

    bool append(QByteArrayView utf8) override;
    // Hands over what is still buffered.
    bool finish();

    bool cancelled() const { return m_cancelled; }
    bool hasText() const { return m_hasText; }
    qint64 bytesOut() const { return m_bytesOut; }

private:
    bool flush(qsizetype size);

    TextSink &m_sink;
    qsizetype m_blockSize;
    QByteArray m_buffer;
    qint64 m_bytesOut = 0;
    bool m_cancelled = false;
    bool m_hasText = false;
};

// Lays out text from structured documents (HTML, DOCX, PPTX): text runs are written as they
// are, separators (space, tab, line breaks) are requested and written lazily before the next
// text, so separators never pile up, never lead the output, and at most one blank line
// separates blocks.
class TextAssembler
{
public:
    explicit TextAssembler(TextSink &out);

    // Writes the pending separator, then `utf8` verbatim. False when the sink cancelled.
    bool text(QByteArrayView utf8);
    void space();
    void tab();
    // Asks for at least `count` (1 or 2) line breaks before the next text.
    void newlines(int count);
    // One more line break (<br>, w:br, a:br): consecutive ones add up to a blank line.
    void lineBreak();
    // Ends the text with a single newline. False when the sink cancelled.
    bool finish();

private:
    TextSink &m_out;
    int m_pendingNewlines = 0;
    bool m_pendingTab = false;
    bool m_pendingSpace = false;
    bool m_wroteAny = false;
    bool m_endsWithNewline = false;
};

// True for the bytes taken as whitespace when deciding whether a document has any text.
constexpr bool isAsciiSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace vd::engine::extract
