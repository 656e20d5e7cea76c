#include "core/engine/extract/textoutput.h"

#include <algorithm>

namespace vd::engine::extract {

namespace {

bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

BlockWriter::BlockWriter(TextSink &sink, qsizetype blockSize)
    : m_sink(sink)
    , m_blockSize(blockSize)
{
    m_buffer.reserve(m_blockSize);
}

bool BlockWriter::append(QByteArrayView utf8)
{
    if (m_cancelled)
        return false;
    if (!m_hasText)
        m_hasText = std::any_of(utf8.begin(), utf8.end(), [](char c) { return !isAsciiSpace(c); });
    while (!utf8.isEmpty()) {
        const qsizetype take = std::min(m_blockSize - m_buffer.size(), utf8.size());
        m_buffer.append(utf8.first(take));
        utf8 = utf8.sliced(take);
        if (utf8.isEmpty())
            break; // a full block waits: the next bytes may still belong to its last character
        // The block is full: hand it over up to the last character boundary; a character that
        // goes on in `utf8` starts the next block.
        qsizetype cut = m_buffer.size();
        if (!utf8.isEmpty() && isContinuationByte(utf8.front())) {
            qsizetype lead = cut;
            while (lead > 0 && isContinuationByte(m_buffer[lead - 1]))
                --lead;
            if (lead > 1)
                cut = lead - 1;
        }
        if (!flush(cut))
            return false;
    }
    return true;
}

bool BlockWriter::finish()
{
    return !m_cancelled && flush(m_buffer.size());
}

bool BlockWriter::flush(qsizetype size)
{
    if (size == 0)
        return true;
    m_bytesOut += size;
    const bool accepted = m_sink.append(QByteArrayView(m_buffer).first(size));
    m_buffer.remove(0, size); // keeps the capacity; at most 3 bytes move
    if (!accepted)
        m_cancelled = true;
    return accepted;
}

TextAssembler::TextAssembler(TextSink &out)
    : m_out(out)
{ }

bool TextAssembler::text(QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return true;
    if (m_wroteAny) {
        QByteArrayView separator;
        if (m_pendingNewlines > 0)
            separator = m_pendingNewlines >= 2 ? (m_endsWithNewline ? "\n" : "\n\n") : (m_endsWithNewline ? "" : "\n");
        else if (m_pendingTab)
            separator = "\t";
        else if (m_pendingSpace)
            separator = " ";
        if (!separator.isEmpty() && !m_out.append(separator))
            return false;
    }
    m_pendingNewlines = 0;
    m_pendingTab = m_pendingSpace = false;
    m_wroteAny = true;
    m_endsWithNewline = utf8.back() == '\n';
    return m_out.append(utf8);
}

void TextAssembler::space()
{
    m_pendingSpace = true;
}

void TextAssembler::tab()
{
    m_pendingTab = true;
}

void TextAssembler::newlines(int count)
{
    m_pendingNewlines = std::max(m_pendingNewlines, std::min(count, 2));
}

void TextAssembler::lineBreak()
{
    m_pendingNewlines = std::min(m_pendingNewlines + 1, 2);
}

bool TextAssembler::finish()
{
    m_pendingNewlines = 0;
    m_pendingTab = m_pendingSpace = false;
    if (m_wroteAny && !m_endsWithNewline) {
        m_endsWithNewline = true;
        return m_out.append("\n");
    }
    return true;
}

} // namespace vd::engine::extract
