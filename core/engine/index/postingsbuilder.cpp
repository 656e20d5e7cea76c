#include "core/engine/index/postingsbuilder.h"

#include "core/engine/index/indextokenizer.h"

#include <algorithm>

namespace vd::engine {

void PostingsBuilder::startFile(const IndexTokenizer &tokenizer, const QByteArray &titleUtf8)
{
    clearPending();
    forgetWords();
    m_fileTokens = 0;
    setTitle(tokenizer, titleUtf8);
}

void PostingsBuilder::forgetWords()
{
    m_ids.clear();
    m_terms.clear();
    m_lists.clear();
    m_inChunk.clear();
    m_inTitle.clear();
    m_titleIds.clear();
}

quint32 PostingsBuilder::idOf(const char *token, int size)
{
    const auto it = m_ids.constFind(QByteArray::fromRawData(token, size));
    if (it != m_ids.cend())
        return *it;
    const auto id = quint32(m_terms.size());
    m_terms.emplace_back(token, size);
    m_ids.insert(m_terms.back(), id);
    m_lists.emplace_back();
    m_inChunk.push_back(0);
    m_inTitle.push_back(0);
    return id;
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

void PostingsBuilder::add(qint64 chunkId, qint64 fileId, const IndexTokenizer &tokenizer, const QByteArray &text)
{
    quint32 length = 0;
    tokenizer.tokenize(text, IndexTokenizer::Mode::Document, [&](const char *token, int size) {
        ++length;
        const quint32 id = idOf(token, size);
        if (m_inChunk[id]++ == 0)
            m_touched.push_back(id);
    });
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
    QByteArray data;
    for (const quint32 id : pendingInOrder()) {
        const std::vector<Posting> &entries = m_lists[id];
        data.clear();
        encodePostings(data, 0, entries.data(), entries.data() + entries.size());
        appendBucketRecord(segment.buckets[segmentBucket(m_terms[id])], m_terms[id], data);
    }
    clearPending();
    return segment;
}

} // namespace vd::engine
