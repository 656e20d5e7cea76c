#pragma once

#include <QByteArrayView>

#include <cstdint>
#include <cstring>
#include <vector>

namespace vd::engine::tokenizer {

inline constexpr std::uint32_t noRank = 0xFFFFFFFFu;

// The mergeable ranks of an encoding: byte string <-> rank. All byte strings live in one buffer;
// an open-addressing hash index (load factor < 0.5, linear probing) maps a byte string to its rank
// without allocating, so the BPE loop can look up any slice of a piece. Each 16-byte slot holds
// the string's length, 24 bits of its hash and its first 8 bytes (all of it for three tokens in
// four), so a lookup usually touches one cache line and never the string buffer.
// Immutable after finish(), and then safe to read from any number of threads.
class RankTable
{
public:
    // Longest byte string a token may have (cl100k_base and o200k_base: 128).
    static constexpr std::size_t maxTokenLength = 255;

    void reserve(std::size_t count, std::size_t totalBytes);
    // Records `bytes` (1..maxTokenLength bytes) with `rank`; call finish() once all are added.
    void add(QByteArrayView bytes, std::uint32_t rank);
    // Builds the hash index. Fails if a byte string or a rank is listed twice (`duplicate` then
    // names the byte string, or is empty for a rank).
    bool finish(QByteArrayView *duplicate);

    std::uint32_t rank(const std::uint8_t *bytes, std::size_t length) const
    {
        if (length - 1 >= maxTokenLength) // also rejects 0
            return noRank;
        const std::uint64_t key = keyOf(bytes, length);
        const std::uint64_t h = hash(key, bytes, length);
        const std::uint32_t meta = metaOf(h, length);
        for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            const Slot &slot = m_slots[i];
            if (slot.meta == 0)
                return noRank;
            if (slot.meta == meta && slot.key == key
                && (length <= 8
                    || std::memcmp(m_bytes.data() + m_entries[slot.rank].offset + 8, bytes + 8, length - 8) == 0))
                return slot.rank;
        }
    }

    // Bytes of `rank`, empty if the rank is not in the table.
    QByteArrayView bytes(std::uint32_t rank) const
    {
        if (rank >= m_entries.size() || m_entries[rank].length == 0)
            return {};
        const Entry entry = m_entries[rank];
        return QByteArrayView(m_bytes.data() + entry.offset, qsizetype(entry.length));
    }

    std::size_t size() const { return m_count; }

private:
    static std::uint64_t load64(const std::uint8_t *p)
    {
        std::uint64_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    static std::uint32_t load32(const std::uint8_t *p)
    {
        std::uint32_t v;
        std::memcpy(&v, p, sizeof v);
        return v;
    }
    static std::uint64_t mix(std::uint64_t h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDull;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53ull;
        h ^= h >> 33;
        return h;
    }

    // Together with the length, identifies a string of up to 8 bytes (the loads overlap but
    // cover every byte); for longer strings it is the first 8 bytes.
    static std::uint64_t keyOf(const std::uint8_t *p, std::size_t n)
    {
        if (n >= 8)
            return load64(p);
        if (n >= 4)
            return (std::uint64_t(load32(p + n - 4)) << 32) | load32(p);
        return (std::uint64_t(p[n - 1]) << 16) | (std::uint64_t(p[n >> 1]) << 8) | p[0];
    }

    static std::uint64_t hash(std::uint64_t key, const std::uint8_t *p, std::size_t n)
    {
        std::uint64_t h = key ^ (std::uint64_t(n) * 0x9E3779B97F4A7C15ull);
        if (n > 8) {
            p += 8;
            n -= 8;
            while (n > 8) {
                h = (h ^ load64(p)) * 0xBF58476D1CE4E5B9ull;
                h ^= h >> 29;
                p += 8;
                n -= 8;
            }
            h = (h ^ load64(p + n - 8)) * 0xBF58476D1CE4E5B9ull; // the last 8 bytes, overlapping
        }
        return mix(h);
    }

    static std::uint32_t metaOf(std::uint64_t h, std::size_t length)
    {
        return (std::uint32_t(h >> 40) << 8) | std::uint32_t(length); // never 0: length >= 1
    }

    struct Entry
    {
        std::uint32_t offset = 0;
        std::uint32_t length = 0; // 0: no byte string has this rank
    };
    struct Slot
    {
        std::uint64_t key = 0;
        std::uint32_t rank = 0;
        std::uint32_t meta = 0; // hash bits and length; 0: empty
    };

    std::vector<char> m_bytes;
    std::vector<Entry> m_entries; // by rank
    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::size_t m_count = 0;
};

} // namespace vd::engine::tokenizer
