#pragma once

#include "core/engine/index/postings.h"

#include <QByteArray>
#include <QHash>

#include <functional>
#include <vector>

namespace vd::engine {

class IndexTokenizer;

// Turns a file's chunks into postings: each chunk's words (FTS5's porter unicode61 tokens of its
// text), with the title's words counted into every chunk (weighted), each chunk's length being
// its title's tokens plus its text's; the entries wait, grouped by word, until they are taken as
// a segment (or into blocks, rebuilding). Words are numbered once per file, so a chunk costs one
// lookup per token and no allocation but for words new to the file. The index's writer uses one;
// so does the thread that prepares a file (LocalEngine::prepare), with the chunks' ordinals as
// their ids.
class PostingsBuilder
{
public:
    // Postings wait in memory until this many (about 6 MB), so a large file never holds all of its
    // postings at once; the words' numbering starts again when it holds more words than this.
    static constexpr qint64 kLimit = 1 << 18;

    // A new file: its title field (the file name and document title) and no postings waiting.
    void startFile(const IndexTokenizer &tokenizer, const QByteArray &titleUtf8);
    // The title field of the chunks added next (rebuilding, when the file changes).
    void setTitle(const IndexTokenizer &tokenizer, const QByteArray &titleUtf8);
    // Counts the words of a chunk's text and notes its entries.
    void add(qint64 chunkId, qint64 fileId, const IndexTokenizer &tokenizer, const QByteArray &text);
    bool full() const { return m_count >= kLimit; }
    qint64 fileTokens() const { return m_fileTokens; }
    // The postings waiting, as a segment whose base is 0 (chunk ids as added), then cleared.
    EncodedSegment takeSegment();
    // The postings waiting, word by word in order, until `word` returns false (then false).
    bool forEachPending(const std::function<bool(const QByteArray &, const std::vector<Posting> &)> &word) const;
    void clearPending();

private:
    quint32 idOf(const char *token, int size);
    void forgetWords(); // the numbering of words, and everything kept by word
    std::vector<quint32> pendingInOrder() const;

    QHash<QByteArray, quint32> m_ids; // the file's words, numbered
    std::vector<QByteArray> m_terms;
    std::vector<std::vector<Posting>> m_lists; // by word: entries waiting
    std::vector<quint32> m_inChunk; // by word: occurrences in the chunk being counted
    std::vector<quint32> m_inTitle; // by word: occurrences in the title
    std::vector<quint32> m_titleIds;
    std::vector<quint32> m_touched; // words of the chunk being counted
    std::vector<quint32> m_listed; // words with entries waiting
    quint32 m_titleLength = 0;
    qint64 m_count = 0;
    qint64 m_pendingTokens = 0;
    qint64 m_fileTokens = 0;
};

} // namespace vd::engine
