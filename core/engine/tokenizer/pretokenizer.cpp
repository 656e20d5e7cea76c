#include "core/engine/tokenizer/pretokenizer.h"

namespace vd::engine {

using namespace tokenizer::CharFlag;

namespace {

struct Char
{
    std::uint8_t flags;
    std::uint8_t length;
};

// Reads characters of a UTF-8 buffer with their class flags. Ill-formed sequences come back as
// one "character" per maximal subpart with no flags (the class of U+FFFD).
class Scanner
{
public:
    Scanner(const std::uint8_t *data, qsizetype size, const tokenizer::UnicodeClassTable &table)
        : m_data(data)
        , m_size(size)
        , m_table(table)
        , m_ascii(table.ascii().data())
    { }

    qsizetype size() const { return m_size; }
    std::uint8_t byte(qsizetype pos) const { return m_data[pos]; }

    Char at(qsizetype pos) const
    {
        const std::uint8_t b = m_data[pos];
        if (b < 0x80)
            return {m_ascii[b], 1};
        return decode(pos);
    }

    // End of the run of characters that have any of `mask`, starting at pos.
    qsizetype runOf(qsizetype pos, std::uint8_t mask) const
    {
        while (pos < m_size) {
            const Char c = at(pos);
            if (!(c.flags & mask))
                break;
            pos += c.length;
        }
        return pos;
    }

    // End of the run of characters that have none of `mask`, starting at pos.
    qsizetype runWithout(qsizetype pos, std::uint8_t mask) const
    {
        while (pos < m_size) {
            const Char c = at(pos);
            if (c.flags & mask)
                break;
            pos += c.length;
        }
        return pos;
    }

    // Length of (?i:'s|'t|'re|'ve|'m|'ll|'d) at pos, or 0. Under Unicode simple case folding,
    // which the regex crate applies, 's' also matches U+017F LATIN SMALL LETTER LONG S.
    qsizetype contraction(qsizetype pos) const
    {
        if (pos + 1 >= m_size || m_data[pos] != '\'')
            return 0;
        const std::uint8_t first = m_data[pos + 1];
        switch (first | 0x20) {
        case 's':
        case 't':
        case 'm':
        case 'd':
            return 2;
        case 'r':
        case 'v':
            return pos + 2 < m_size && (m_data[pos + 2] | 0x20) == 'e' ? 3 : 0;
        case 'l':
            return pos + 2 < m_size && (m_data[pos + 2] | 0x20) == 'l' ? 3 : 0;
        default:
            break;
        }
        if (first == 0xC5 && pos + 2 < m_size && m_data[pos + 2] == 0xBF)
            return 3;
        return 0;
    }

    // \s*[\r\n]+ | \s+(?!\S) | \s+ at a whitespace character.
    qsizetype whitespace(qsizetype pos) const
    {
        qsizetype end = pos;
        qsizetype afterLastNewline = -1;
        qsizetype lastStart = pos;
        while (end < m_size) {
            const Char c = at(end);
            if (!(c.flags & Space))
                break;
            if (c.flags & Newline)
                afterLastNewline = end + c.length;
            lastStart = end;
            end += c.length;
        }
        if (afterLastNewline >= 0)
            return afterLastNewline; // \s*[\r\n]+ backtracks to the last line break of the run
        if (end == m_size || lastStart == pos)
            return end; // \s+(?!\S) at the end of the text, or a single \s+
        return lastStart; // \s+(?!\S) leaves the last space to the next piece
    }

private:
    Char decode(qsizetype pos) const
    {
        const std::uint8_t lead = m_data[pos];
        int needed;
        std::uint8_t lower = 0x80;
        std::uint8_t upper = 0xBF;
        char32_t cp;
        if (lead >= 0xC2 && lead <= 0xDF) {
            needed = 1;
            cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            needed = 2;
            cp = lead & 0x0F;
            if (lead == 0xE0)
                lower = 0xA0;
            else if (lead == 0xED)
                upper = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            needed = 3;
            cp = lead & 0x07;
            if (lead == 0xF0)
                lower = 0x90;
            else if (lead == 0xF4)
                upper = 0x8F;
        } else {
            return {0, 1};
        }
        for (int i = 1; i <= needed; ++i) {
            if (pos + i >= m_size)
                return {0, std::uint8_t(i)};
            const std::uint8_t b = m_data[pos + i];
            if (b < lower || b > upper)
                return {0, std::uint8_t(i)};
            lower = 0x80;
            upper = 0xBF;
            cp = (cp << 6) | (b & 0x3F);
        }
        return {m_table.flags(cp), std::uint8_t(needed + 1)};
    }

    const std::uint8_t *m_data;
    qsizetype m_size;
    const tokenizer::UnicodeClassTable &m_table;
    const std::uint8_t *m_ascii;
};

constexpr std::uint8_t notPrefix = Letter | Number | Newline; // [^\r\n\p{L}\p{N}]
constexpr std::uint8_t notOther = Letter | Number | Space; // [^\s\p{L}\p{N}]

// [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|...)? at q, or -1.
qsizetype o200kLowerWord(const Scanner &s, qsizetype q)
{
    // The upper-set run is greedy; on failure it gives back characters until the lower-set part
    // can start: either right after the run (an Ll there) or at its last Lm/Lo/M character.
    qsizetype runEnd = q;
    qsizetype afterLastShared = -1;
    while (runEnd < s.size()) {
        const Char c = s.at(runEnd);
        if (!(c.flags & UpperSet))
            break;
        if (c.flags & LowerSet)
            afterLastShared = runEnd + c.length;
        runEnd += c.length;
    }
    qsizetype end;
    if (runEnd < s.size() && (s.at(runEnd).flags & LowerSet))
        end = s.runOf(runEnd, LowerSet);
    else if (afterLastShared >= 0)
        end = afterLastShared;
    else
        return -1;
    return end + s.contraction(end);
}

// [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|...)? at q (an upper-set character).
qsizetype o200kUpperWord(const Scanner &s, qsizetype q)
{
    const qsizetype end = s.runOf(s.runOf(q, UpperSet), LowerSet);
    return end + s.contraction(end);
}

} // namespace

Pretokenizer::Pretokenizer(Encoding encoding)
    : m_encoding(encoding)
    , m_table(&tokenizer::UnicodeClassTable::instance())
{ }

std::vector<qsizetype> Pretokenizer::pieceEnds(QByteArrayView text) const
{
    std::vector<qsizetype> ends;
    for (qsizetype pos = 0; pos < text.size();) {
        pos = pieceEnd(text, pos);
        ends.push_back(pos);
    }
    return ends;
}

qsizetype Pretokenizer::cl100kPieceEnd(const std::uint8_t *data, qsizetype size, qsizetype pos) const
{
    const Scanner s(data, size, *m_table);
    const std::uint8_t lead = data[pos];

    // (?i:'s|'t|'re|'ve|'m|'ll|'d)
    if (lead == '\'') {
        if (const qsizetype length = s.contraction(pos))
            return pos + length;
    }

    // [^\r\n\p{L}\p{N}]?\p{L}+
    const Char c = s.at(pos);
    if (c.flags & Letter)
        return s.runOf(pos, Letter);
    const qsizetype next = pos + c.length;
    if (!(c.flags & notPrefix) && next < size && (s.at(next).flags & Letter))
        return s.runOf(next, Letter);

    // \p{N}{1,3}
    if (c.flags & Number) {
        qsizetype end = next;
        for (int i = 1; i < 3 && end < size; ++i) {
            const Char d = s.at(end);
            if (!(d.flags & Number))
                break;
            end += d.length;
        }
        return end;
    }

    // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
    qsizetype start = -1;
    if (!(c.flags & notOther))
        start = pos;
    else if (lead == ' ' && next < size && !(s.at(next).flags & notOther))
        start = next;
    if (start >= 0) {
        qsizetype end = s.runWithout(start, notOther);
        while (end < size && (data[end] == '\r' || data[end] == '\n'))
            ++end;
        return end;
    }

    // \s*[\r\n]+|\s+(?!\S)|\s+
    return s.whitespace(pos);
}

qsizetype Pretokenizer::o200kPieceEnd(const std::uint8_t *data, qsizetype size, qsizetype pos) const
{
    const Scanner s(data, size, *m_table);
    const Char c = s.at(pos);
    const qsizetype next = pos + c.length;
    const bool prefixable = !(c.flags & notPrefix);

    // [^\r\n\p{L}\p{N}]?[UpperSet]*[LowerSet]+(?i:'s|...)?
    if (prefixable && next < size) {
        if (const qsizetype end = o200kLowerWord(s, next); end >= 0)
            return end;
    }
    if (c.flags & (UpperSet | LowerSet)) {
        if (const qsizetype end = o200kLowerWord(s, pos); end >= 0)
            return end;
    }

    // [^\r\n\p{L}\p{N}]?[UpperSet]+[LowerSet]*(?i:'s|...)?
    if (prefixable && next < size && (s.at(next).flags & UpperSet))
        return o200kUpperWord(s, next);
    if (c.flags & UpperSet)
        return o200kUpperWord(s, pos);

    // \p{N}{1,3}
    if (c.flags & Number) {
        qsizetype end = next;
        for (int i = 1; i < 3 && end < size; ++i) {
            const Char d = s.at(end);
            if (!(d.flags & Number))
                break;
            end += d.length;
        }
        return end;
    }

    // ' ?[^\s\p{L}\p{N}]+[\r\n/]*'
    qsizetype start = -1;
    if (!(c.flags & notOther))
        start = pos;
    else if (data[pos] == ' ' && next < size && !(s.at(next).flags & notOther))
        start = next;
    if (start >= 0) {
        qsizetype end = s.runWithout(start, notOther);
        while (end < size && (data[end] == '\r' || data[end] == '\n' || data[end] == '/'))
            ++end;
        return end;
    }

    // \s*[\r\n]+|\s+(?!\S)|\s+
    return s.whitespace(pos);
}

} // namespace vd::engine
