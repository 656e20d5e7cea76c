#pragma once

#include "core/engine/extract/extractor.h"

#include <QByteArray>

#include <optional>

namespace vd::engine::extract {

// Streams raw bytes of a text file to a sink as UTF-8, accepting what OpenAI accepts for text
// types: UTF-8 (a leading BOM is dropped; ASCII is a subset) and UTF-16 LE/BE introduced by a
// BOM (converted). Anything else stops at the first offending byte with its file offset.
// Bytes may arrive in blocks of any size; a character may straddle blocks.
class TextDecoder
{
public:
    enum class Encoding { Undecided, Utf8, Utf8Bom, Utf16Le, Utf16Be };
    enum class Problem {
        InvalidUtf8, // a byte that cannot start or continue a UTF-8 character here
        TruncatedUtf8, // the data ends inside a UTF-8 character
        InvalidUtf16, // an unpaired surrogate
        TruncatedUtf16, // an odd number of bytes, or a high surrogate at the end
        NulByte, // U+0000: binary data, not text
        Utf16WithoutBom, // NUL bytes in the pattern of UTF-16 text that has no BOM
    };
    struct Failure
    {
        Problem problem;
        qint64 offset; // from the start of the file, BOM included
        uint value = 0; // the offending byte (UTF-8) or code unit (UTF-16)
    };

    explicit TextDecoder(TextSink &out);

    // False when the data is not acceptable text (see failure()) or the sink cancelled.
    bool feed(QByteArrayView bytes);
    // The end of the data: a character left incomplete is a failure.
    bool finish();

    std::optional<Failure> failure() const { return m_failure; }
    Encoding encoding() const { return m_encoding; }

    // "is not UTF-8, UTF-16 (with BOM) or ASCII text: invalid byte 0xE9 at offset 1234; convert
    // it to UTF-8": the part of a message after the file name.
    static QString describe(const Failure &failure);

private:
    bool decideEncoding(bool atEnd);
    bool feedUtf8(QByteArrayView bytes);
    bool feedUtf16(QByteArrayView bytes);
    bool fail(Problem problem, qint64 offset, uint value);
    bool nulFound(qint64 offset);

    TextSink &m_out;
    Encoding m_encoding = Encoding::Undecided;
    std::optional<Failure> m_failure;
    qint64 m_offset = 0; // file offset of the next byte fed to the decoding stage
    QByteArray m_start; // the first bytes, until the BOM question is settled
    QByteArray m_head; // up to 512 leading bytes, for the UTF-16-without-BOM hint
    QByteArray m_carry; // an incomplete UTF-8 character or UTF-16 code unit
    qint64 m_carryOffset = 0;
    char16_t m_highSurrogate = 0;
    qint64 m_highSurrogateOffset = 0;
    QByteArray m_converted; // UTF-16 converted to UTF-8, reused between blocks
};

} // namespace vd::engine::extract
