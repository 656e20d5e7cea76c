#include "core/engine/tokenizer/ranktable.h"

#include <algorithm>
#include <bit>

namespace vd::engine::tokenizer {

void RankTable::reserve(std::size_t count, std::size_t totalBytes)
{
    m_entries.reserve(count);
    m_bytes.reserve(totalBytes);
}

void RankTable::add(QByteArrayView bytes, std::uint32_t rank)
{
    if (rank >= m_entries.size())
        m_entries.resize(std::size_t(rank) + 1);
    Entry &entry = m_entries[rank];
    if (entry.length != 0) {
        entry.length = 0xFFFFFFFFu; // a rank listed twice: reported by finish()
        return;
    }
    entry.offset = std::uint32_t(m_bytes.size());
    entry.length = std::uint32_t(bytes.size());
    m_bytes.insert(m_bytes.end(), bytes.begin(), bytes.end());
    ++m_count;
}

bool RankTable::finish(QByteArrayView *duplicate)
{
    m_slots.assign(std::bit_ceil(std::max<std::size_t>(16, m_count * 2 + 1)), Slot{});
    m_mask = m_slots.size() - 1;
    for (std::uint32_t rank = 0; rank < m_entries.size(); ++rank) {
        const Entry entry = m_entries[rank];
        if (entry.length == 0)
            continue;
        if (entry.length == 0xFFFFFFFFu) {
            if (duplicate)
                *duplicate = {};
            return false;
        }
        const auto *bytes = reinterpret_cast<const std::uint8_t *>(m_bytes.data() + entry.offset);
        const std::uint64_t key = keyOf(bytes, entry.length);
        const std::uint64_t h = hash(key, bytes, entry.length);
        const std::uint32_t meta = metaOf(h, entry.length);
        std::size_t i = h & m_mask;
        for (; m_slots[i].meta != 0; i = (i + 1) & m_mask) {
            const Slot &slot = m_slots[i];
            if (slot.meta == meta && slot.key == key
                && std::memcmp(m_bytes.data() + m_entries[slot.rank].offset, bytes, entry.length) == 0) {
                if (duplicate)
                    *duplicate = QByteArrayView(m_bytes.data() + entry.offset, qsizetype(entry.length));
                return false;
            }
        }
        m_slots[i] = Slot{key, rank, meta};
    }
    return true;
}

} // namespace vd::engine::tokenizer
