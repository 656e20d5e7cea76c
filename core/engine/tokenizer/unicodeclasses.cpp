#include "core/engine/tokenizer/unicodeclasses.h"

#include <cstring>
#include <map>
#include <string_view>

namespace vd::engine::tokenizer {

namespace {

using namespace CharFlag;

struct Range
{
    char32_t first;
    char32_t last;
    std::uint8_t flags;
};

constexpr Range ranges[] = {
#include "core/engine/tokenizer/unicodeclassdata.inc"
};

} // namespace

const UnicodeClassTable &UnicodeClassTable::instance()
{
    static const UnicodeClassTable table;
    return table;
}

UnicodeClassTable::UnicodeClassTable()
{
    std::vector<std::uint8_t> flat(0x110000, 0);
    for (const Range &range : ranges) {
        for (char32_t cp = range.first; cp <= range.last; ++cp)
            flat[cp] = range.flags;
    }

    std::map<std::string_view, std::uint16_t> seen;
    std::vector<std::uint8_t> blocks;
    blocks.reserve(256 * 256);
    for (std::size_t block = 0; block < m_blockIndex.size(); ++block) {
        const std::string_view key(reinterpret_cast<const char *>(flat.data() + block * 256), 256);
        const auto [it, inserted] = seen.emplace(key, std::uint16_t(blocks.size() / 256));
        if (inserted)
            blocks.insert(blocks.end(), flat.begin() + std::ptrdiff_t(block * 256),
                          flat.begin() + std::ptrdiff_t(block * 256 + 256));
        m_blockIndex[block] = it->second;
    }
    m_blocks = std::move(blocks);
    m_blocks.shrink_to_fit();
    std::memcpy(m_ascii.data(), flat.data(), m_ascii.size());
}

} // namespace vd::engine::tokenizer
