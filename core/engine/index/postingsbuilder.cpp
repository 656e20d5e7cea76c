#include "core/engine/index/postingsbuilder.h"

#include "core/engine/index/indextokenizer.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace vd::engine {

namespace {

// A fast hash of a word's bytes for the word table (not stored anywhere): eight bytes at a time,
// each multiplied in and folded.
quint32 hashWord(const char *p, int size)
{
    quint64 h = 0x9E3779B97F4A7C15ull ^ quint64(size);
    while (size >= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
        p += 8;
        size -= 8;
    }
    quint64 v = 0;
    std::memcpy(&v, p, std::size_t(size));
    h = (h ^ v) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return quint32(h >> 32);
}

// An ASCII character FTS5's unicode61 never puts in a word: a cut beside it cannot split one.
bool isAsciiSeparator(char c)
{
    return static_cast<unsigned char>(c) < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        && !(c >= '0' && c <= '9');
}

} // namespace

void PostingsBuilder::startFile(const IndexTokenizer &tokenizer, const QByteArray &titleUtf8)
{
    // The words stay numbered (clearPending forgets them once they are too many): the text noted
    // before the first chunk has numbered its words already, and numbering them again cost as much.
    clearPending();
    m_fileTokens = 0;
    setTitle(tokenizer, titleUtf8);
}

void PostingsBuilder::forgetWords()
{
    const std::vector<QByteArray> terms = std::move(m_terms);
    m_terms.clear();
    m_wordTable.clear();
    m_lists.clear();
    m_inChunk.clear();
    m_inTitle.clear();
    m_titleIds.clear();
    // The noted words no chunk has counted yet are numbered again.
    std::vector<quint32> renumbered(terms.size(), 0);
    for (std::size_t w = m_notedHead; w < m_noted.size(); ++w) {
        const QByteArray &term = terms[m_noted[w].id];
        quint32 &id = renumbered[m_noted[w].id];
        if (id == 0)
            id = idOf(term.constData(), int(term.size())) + 1;
        m_noted[w].id = id - 1;
    }
}

quint32 PostingsBuilder::idOf(const char *token, int size)
{
    if (m_wordTable.empty())
        m_wordTable.assign(1024, 0);
    const quint32 hash = hashWord(token, size);
    const std::size_t mask = m_wordTable.size() - 1;
    std::size_t slot = hash & mask;
    for (; m_wordTable[slot] != 0; slot = (slot + 1) & mask) {
        if (quint32(m_wordTable[slot] >> 32) != hash)
            continue;
        const quint32 id = quint32(m_wordTable[slot]) - 1;
        const QByteArray &term = m_terms[id];
        if (term.size() == size && std::memcmp(term.constData(), token, std::size_t(size)) == 0)
            return id;
    }
    const auto id = quint32(m_terms.size());
    m_terms.emplace_back(token, size);
    m_wordTable[slot] = quint64(hash) << 32 | (id + 1);
    m_lists.emplace_back();
    m_inChunk.push_back(0);
    m_inTitle.push_back(0);
    if (m_terms.size() * 2 > m_wordTable.size())
        growWordTable();
    return id;
}

void PostingsBuilder::growWordTable()
{
    std::vector<quint64> table(m_wordTable.size() * 2, 0);
    const std::size_t mask = table.size() - 1;
    for (const quint64 entry : m_wordTable) {
        if (entry == 0)
            continue;
        std::size_t slot = (entry >> 32) & mask;
        while (table[slot] != 0)
            slot = (slot + 1) & mask;
        table[slot] = entry;
    }
    m_wordTable.swap(table);
}

void PostingsBuilder::setTitle(const IndexTokenizer &tokenizer, const QByteArray &titleUtf8)
{
    for (const quint32 id : m_titleIds)
        m_inTitle[id] = 0;
    m_titleIds.clear();
    m_titleLength = 0;
    tokenizer.tokenize(titleUtf8, IndexTokenizer::Mode::Document, [&](const char *token, int size) {
        const quint32 id = idOf(token, size);
        if (m_inTitle[id]++ == 0)
            m_titleIds.push_back(id);
        ++m_titleLength;
    });
}

void PostingsBuilder::countWords(const IndexTokenizer &tokenizer, QByteArrayView text, quint32 *length)
{
    tokenizer.tokenize(text, IndexTokenizer::Mode::Document, [&](const char *token, int size) {
        ++*length;
        countWord(idOf(token, size));
    });
}

void PostingsBuilder::add(qint64 chunkId, qint64 fileId, const IndexTokenizer &tokenizer, QByteArrayView text)
{
    quint32 length = 0;
    countWords(tokenizer, text, &length);
    finishChunk(chunkId, fileId, length);
}

void PostingsBuilder::noteText(qint64 start, QByteArrayView text, const IndexTokenizer &tokenizer)
{
    if (text.isEmpty())
        return;
    if (start != m_notedEnd) { // not where the noted text ends: none of it is needed any more
        m_noted.clear();
        m_notedHead = 0;
        m_joins.clear();
        m_notedBegin = start;
    } else if (!isAsciiSeparator(m_notedLastByte) && !isAsciiSeparator(text.front())) {
        m_joins.push_back(start);
    }
    tokenizer.tokenizeSpans(text, IndexTokenizer::Mode::Document, [&](const char *token, int size, int from, int to) {
        m_noted.push_back({start + from, to - from, idOf(token, size)});
    });
    m_notedEnd = start + text.size();
    m_notedLastByte = text.back();
}

void PostingsBuilder::add(qint64 chunkId, qint64 fileId, const IndexTokenizer &tokenizer, QByteArrayView text,
                          qint64 start)
{
    const qint64 end = start + text.size();
    // Words starting before this chunk are in no later chunk either, whole.
    while (m_notedHead < m_noted.size() && m_noted[m_notedHead].start < start)
        ++m_notedHead;
    if (m_notedHead * 2 > m_noted.size()) {
        m_noted.erase(m_noted.begin(), m_noted.begin() + qsizetype(m_notedHead));
        m_notedHead = 0;
    }
    while (!m_joins.empty() && m_joins.front() <= start)
        m_joins.erase(m_joins.begin());
    std::size_t last = m_notedHead; // one past the last word wholly inside the chunk
    while (last < m_noted.size() && m_noted[last].start + m_noted[last].size <= end)
        ++last;
    const bool noted = start >= m_notedBegin && end <= m_notedEnd && (m_joins.empty() || m_joins.front() >= end);
    if (!noted || last == m_notedHead) {
        add(chunkId, fileId, tokenizer, text);
        return;
    }
    // The whole words are FTS5's as they are in the chunk alone: the first starts after a
    // separator (or at the chunk's start), the last ends before one (or at its end), and the
    // tokenizer carries nothing across a separator. The pieces before and after them are
    // tokenized as the chunk holds them.
    const NotedWord &first = m_noted[m_notedHead];
    const NotedWord &final = m_noted[last - 1];
    quint32 length = 0;
    countWords(tokenizer, text.first(qsizetype(first.start - start)), &length);
    for (std::size_t w = m_notedHead; w < last; ++w)
        countWord(m_noted[w].id);
    length += quint32(last - m_notedHead);
    countWords(tokenizer, text.sliced(qsizetype(final.start + final.size - start)), &length);
    ++m_chunksFromNotedText;
    finishChunk(chunkId, fileId, length);
}

void PostingsBuilder::finishChunk(qint64 chunkId, qint64 fileId, quint32 length)
{
    // The title's words are in every chunk, whether its text has them or not.
    for (const quint32 id : m_titleIds)
        if (m_inChunk[id] == 0)
            m_touched.push_back(id);
    const quint32 chunkLength = m_titleLength + length;
    m_fileTokens += chunkLength;
    m_pendingTokens += chunkLength;
    for (const quint32 id : m_touched) {
        std::vector<Posting> &list = m_lists[id];
        if (list.empty())
            m_listed.push_back(id);
        list.push_back({chunkId, fileId, kTextFrequencyWeight * m_inChunk[id] + kTitleFrequencyWeight * m_inTitle[id],
                        chunkLength});
        m_inChunk[id] = 0;
    }
    m_count += qint64(m_touched.size());
    m_touched.clear();
}

std::vector<quint32> PostingsBuilder::pendingInOrder() const
{
    std::vector<quint32> ids = m_listed;
    std::sort(ids.begin(), ids.end(), [this](quint32 a, quint32 b) { return m_terms[a] < m_terms[b]; });
    return ids;
}

bool PostingsBuilder::forEachPending(
    const std::function<bool(const QByteArray &, const std::vector<Posting> &)> &word) const
{
    for (const quint32 id : pendingInOrder())
        if (!word(m_terms[id], m_lists[id]))
            return false;
    return true;
}

void PostingsBuilder::clearPending()
{
    for (const quint32 id : m_listed) {
        // A long list gives its memory back; short ones keep theirs for the next segment.
        if (m_lists[id].capacity() > 1024)
            std::vector<Posting>().swap(m_lists[id]);
        else
            m_lists[id].clear();
    }
    m_listed.clear();
    m_count = 0;
    m_pendingTokens = 0;
    // The numbering is kept between segments, but not without bound: a large file of ever new
    // words (identifiers, hashes) would otherwise hold them all. It starts again from the title.
    if (qint64(m_terms.size()) > kLimit) {
        std::vector<std::pair<QByteArray, quint32>> title;
        for (const quint32 id : m_titleIds)
            title.emplace_back(m_terms[id], m_inTitle[id]);
        forgetWords();
        for (const auto &[term, count] : title) {
            const quint32 id = idOf(term.constData(), int(term.size()));
            m_inTitle[id] = count;
            m_titleIds.push_back(id);
        }
    }
}

EncodedSegment PostingsBuilder::takeSegment()
{
    EncodedSegment segment;
    segment.postings = m_count;
    segment.tokens = m_pendingTokens;
    segment.buckets.resize(kSegmentBuckets);
    // Words go to their buckets first and are sorted there: smaller sorts than one of every word.
    std::vector<std::vector<quint32>> buckets(kSegmentBuckets);
    for (const quint32 id : m_listed)
        buckets[size_t(segmentBucket(m_terms[id]))].push_back(id);
    QByteArray data;
    for (int b = 0; b < kSegmentBuckets; ++b) {
        std::vector<quint32> &ids = buckets[size_t(b)];
        std::sort(ids.begin(), ids.end(), [this](quint32 x, quint32 y) {
            return std::string_view(m_terms[x].constData(), size_t(m_terms[x].size()))
                < std::string_view(m_terms[y].constData(), size_t(m_terms[y].size()));
        });
        for (const quint32 id : ids) {
            const std::vector<Posting> &entries = m_lists[id];
            data.clear();
            encodePostings(data, 0, entries.data(), entries.data() + entries.size());
            appendBucketRecord(segment.buckets[b], m_terms[id], data);
        }
    }
    clearPending();
    return segment;
}

} // namespace vd::engine
