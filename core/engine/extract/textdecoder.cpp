#include "core/engine/extract/textdecoder.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vd::engine::extract {

namespace {

constexpr qsizetype kHeadSize = 512;

// The length of the UTF-8 sequence `lead` starts, or 0 when it cannot start one (continuation
// bytes, the overlong leads C0/C1, and F5..FF which would go past U+10FFFF).
int sequenceLength(uchar lead)
{
    if (lead < 0x80)
        return 1;
    if (lead < 0xC2)
        return 0;
    if (lead < 0xE0)
        return 2;
    if (lead < 0xF0)
        return 3;
    if (lead < 0xF5)
        return 4;
    return 0;
}

// The second byte's range depends on the lead: this rules out overlong forms, UTF-16
// surrogates (ED A0..BF) and code points past U+10FFFF (Unicode table 3-7).
bool isValidSecond(uchar lead, uchar second)
{
    switch (lead) {
    case 0xE0:
        return second >= 0xA0 && second <= 0xBF;
    case 0xED:
        return second >= 0x80 && second <= 0x9F;
    case 0xF0:
        return second >= 0x90 && second <= 0xBF;
    case 0xF4:
        return second >= 0x80 && second <= 0x8F;
    default:
        return (second & 0xC0) == 0x80;
    }
}

bool isContinuation(uchar b)
{
    return (b & 0xC0) == 0x80;
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xC0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(char(0xE0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    } else {
        out.append(char(0xF0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3F)));
        out.append(char(0x80 | ((cp >> 6) & 0x3F)));
        out.append(char(0x80 | (cp & 0x3F)));
    }
}

// ASCII text saved as UTF-16 without a BOM: every other byte is NUL.
bool looksLikeUtf16(const QByteArray &head)
{
    const qsizetype pairs = head.size() / 2;
    if (pairs < 2)
        return false;
    qsizetype evenNul = 0;
    qsizetype oddNul = 0;
    for (qsizetype i = 0; i + 1 < head.size(); i += 2) {
        evenNul += head[i] == '\0';
        oddNul += head[i + 1] == '\0';
    }
    const auto mostly = [pairs](qsizetype n) {
        return n * 10 >= pairs * 3;
    };
    const auto hardly = [pairs](qsizetype n) {
        return n * 20 <= pairs;
    };
    return (mostly(oddNul) && hardly(evenNul)) || (mostly(evenNul) && hardly(oddNul));
}

QString hexByte(uint value)
{
    return u"0x"_s + QString::number(value, 16).toUpper().rightJustified(2, u'0');
}

} // namespace

TextDecoder::TextDecoder(TextSink &out)
    : m_out(out)
{ }

bool TextDecoder::feed(QByteArrayView bytes)
{
    if (m_failure)
        return false;
    if (m_head.size() < kHeadSize)
        m_head.append(bytes.first(std::min(kHeadSize - m_head.size(), bytes.size())));
    if (m_encoding == Encoding::Undecided) {
        m_start.append(bytes);
        return m_start.size() < 3 || decideEncoding(false);
    }
    if (m_encoding == Encoding::Utf16Le || m_encoding == Encoding::Utf16Be)
        return feedUtf16(bytes);
    return feedUtf8(bytes);
}

bool TextDecoder::finish()
{
    if (m_failure)
        return false;
    if (m_encoding == Encoding::Undecided && !decideEncoding(true))
        return false;
    if (m_encoding == Encoding::Utf16Le || m_encoding == Encoding::Utf16Be) {
        if (!m_carry.isEmpty())
            return fail(Problem::TruncatedUtf16, m_carryOffset, uchar(m_carry[0]));
        if (m_highSurrogate)
            return fail(Problem::TruncatedUtf16, m_highSurrogateOffset, m_highSurrogate);
        return true;
    }
    if (!m_carry.isEmpty())
        return fail(Problem::TruncatedUtf8, m_carryOffset, uchar(m_carry[0]));
    return true;
}

bool TextDecoder::decideEncoding(bool atEnd)
{
    Q_UNUSED(atEnd);
    const QByteArray start = std::exchange(m_start, {});
    qsizetype bom = 0;
    if (start.startsWith("\xEF\xBB\xBF")) {
        m_encoding = Encoding::Utf8Bom;
        bom = 3;
    } else if (start.startsWith("\xFF\xFE")) {
        m_encoding = Encoding::Utf16Le;
        bom = 2;
    } else if (start.startsWith("\xFE\xFF")) {
        m_encoding = Encoding::Utf16Be;
        bom = 2;
    } else {
        m_encoding = Encoding::Utf8;
    }
    m_offset = bom;
    const QByteArrayView rest = QByteArrayView(start).sliced(bom);
    if (m_encoding == Encoding::Utf16Le || m_encoding == Encoding::Utf16Be)
        return feedUtf16(rest);
    return feedUtf8(rest);
}

bool TextDecoder::feedUtf8(QByteArrayView bytes)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;

    // First complete the character the previous block ended in.
    if (!m_carry.isEmpty()) {
        const uchar lead = uchar(m_carry[0]);
        const int length = sequenceLength(lead);
        while (m_carry.size() < length && i < n) {
            const bool ok = m_carry.size() == 1 ? isValidSecond(lead, data[i]) : isContinuation(data[i]);
            if (!ok)
                return fail(Problem::InvalidUtf8, m_carryOffset, lead);
            m_carry.append(char(data[i]));
            ++i;
        }
        if (m_carry.size() < length) {
            m_offset += n;
            return true;
        }
        if (!m_out.append(m_carry))
            return false;
        m_carry.clear();
    }

    const qsizetype runStart = i;
    while (i < n) {
        const uchar b = data[i];
        if (b < 0x80) {
            if (b == 0)
                return nulFound(m_offset + i);
            ++i;
            continue;
        }
        const int length = sequenceLength(b);
        if (length == 0)
            return fail(Problem::InvalidUtf8, m_offset + i, b);
        const qsizetype available = std::min<qsizetype>(length, n - i);
        for (qsizetype k = 1; k < available; ++k) {
            const bool ok = k == 1 ? isValidSecond(b, data[i + k]) : isContinuation(data[i + k]);
            if (!ok)
                return fail(Problem::InvalidUtf8, m_offset + i, b);
        }
        if (available < length) {
            // The character goes on in the next block.
            m_carry = bytes.sliced(i).toByteArray();
            m_carryOffset = m_offset + i;
            m_offset += n;
            return runStart == i || m_out.append(bytes.sliced(runStart, i - runStart));
        }
        i += length;
    }
    m_offset += n;
    return runStart == n || m_out.append(bytes.sliced(runStart));
}

bool TextDecoder::feedUtf16(QByteArrayView bytes)
{
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype n = bytes.size();
    const bool littleEndian = m_encoding == Encoding::Utf16Le;
    const auto unitOf = [littleEndian](uchar first, uchar second) -> char16_t {
        return littleEndian ? char16_t(first | (second << 8)) : char16_t((first << 8) | second);
    };
    m_converted.resize(0);
    m_converted.reserve(n + n / 2 + 4);

    const auto take = [this](char16_t unit, qint64 offset) {
        if (m_highSurrogate) {
            if (QChar::isLowSurrogate(unit)) {
                appendUtf8(m_converted, QChar::surrogateToUcs4(m_highSurrogate, unit));
                m_highSurrogate = 0;
                return true;
            }
            return fail(Problem::InvalidUtf16, m_highSurrogateOffset, m_highSurrogate);
        }
        if (QChar::isHighSurrogate(unit)) {
            m_highSurrogate = unit;
            m_highSurrogateOffset = offset;
            return true;
        }
        if (QChar::isLowSurrogate(unit))
            return fail(Problem::InvalidUtf16, offset, unit);
        if (unit == 0)
            return fail(Problem::NulByte, offset, 0);
        appendUtf8(m_converted, unit);
        return true;
    };

    qsizetype i = 0;
    if (!m_carry.isEmpty() && n > 0) {
        if (!take(unitOf(uchar(m_carry[0]), data[0]), m_carryOffset))
            return false;
        m_carry.clear();
        i = 1;
    }
    for (; i + 1 < n; i += 2) {
        if (!take(unitOf(data[i], data[i + 1]), m_offset + i))
            return false;
    }
    if (i < n) {
        m_carry = QByteArray(1, char(data[i]));
        m_carryOffset = m_offset + i;
    }
    m_offset += n;
    return m_converted.isEmpty() || m_out.append(m_converted);
}

bool TextDecoder::fail(Problem problem, qint64 offset, uint value)
{
    m_failure = Failure{problem, offset, value};
    return false;
}

bool TextDecoder::nulFound(qint64 offset)
{
    if (looksLikeUtf16(m_head))
        return fail(Problem::Utf16WithoutBom, offset, 0);
    return fail(Problem::NulByte, offset, 0);
}

QString TextDecoder::describe(const Failure &failure)
{
    const QString offset = QString::number(failure.offset);
    switch (failure.problem) {
    case Problem::InvalidUtf8:
        return u"is not UTF-8, UTF-16 (with BOM) or ASCII text: invalid byte %1 at offset %2; convert it to UTF-8"_s
            .arg(hexByte(failure.value), offset);
    case Problem::TruncatedUtf8:
        return u"is not UTF-8, UTF-16 (with BOM) or ASCII text: it ends inside a character (byte %1 at offset %2); "
               u"convert it to UTF-8"_s.arg(hexByte(failure.value), offset);
    case Problem::InvalidUtf16:
        return u"is not valid UTF-16 text: unpaired surrogate 0x%1 at offset %2; convert it to UTF-8"_s.arg(
            QString::number(failure.value, 16).toUpper(), offset);
    case Problem::TruncatedUtf16:
        return u"is not valid UTF-16 text: it ends inside a character (offset %1); convert it to UTF-8"_s.arg(offset);
    case Problem::NulByte:
        return u"is not text: it contains a NUL byte at offset %1, so it is binary data"_s.arg(offset);
    case Problem::Utf16WithoutBom:
        return u"looks like UTF-16 text without a byte-order mark (NUL byte at offset %1); save it as UTF-8, "
               u"or as UTF-16 with a BOM"_s.arg(offset);
    }
    return {};
}

} // namespace vd::engine::extract
