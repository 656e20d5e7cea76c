#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace vd::engine::tokenizer {

// What the pre-tokenisation patterns of cl100k_base and o200k_base need to know about a code
// point, as bit flags. The data is the Unicode 16.0.0 of the regex engine inside tiktoken@1.0.22
// (see unicodeclassdata.inc), so results do not depend on the Unicode version of Qt.
namespace CharFlag {
enum : std::uint8_t {
    Letter = 0x01, // \p{L}
    Number = 0x02, // \p{N}
    Space = 0x04, // \s (the White_Space property)
    Newline = 0x08, // \r or \n
    UpperSet = 0x10, // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] (o200k_base)
    LowerSet = 0x20, // [\p{Ll}\p{Lm}\p{Lo}\p{M}] (o200k_base)
};
}

// Code point -> CharFlag bits, in a two-stage table (256 code points per block, identical blocks
// shared). Built once on first use; immutable and safe to share between threads afterwards.
class UnicodeClassTable
{
public:
    static const UnicodeClassTable &instance();

    std::uint8_t flags(char32_t codePoint) const
    {
        if (codePoint > 0x10FFFF)
            return 0;
        return m_blocks[std::size_t(m_blockIndex[codePoint >> 8]) * 256 + (codePoint & 0xFF)];
    }

    // The same flags for the 128 ASCII code points, for the scanner's fast path.
    const std::array<std::uint8_t, 128> &ascii() const { return m_ascii; }

    // Number of distinct 256-code-point blocks (for tests and documentation).
    std::size_t blockCount() const { return m_blocks.size() / 256; }

private:
    UnicodeClassTable();

    std::array<std::uint16_t, 0x110000 / 256> m_blockIndex{};
    std::vector<std::uint8_t> m_blocks;
    std::array<std::uint8_t, 128> m_ascii{};
};

} // namespace vd::engine::tokenizer
