#pragma once

#include "core/engine/index/postings.h"

#include <QByteArray>
#include <QByteArrayView>

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
//
// Overlapping chunks repeat their text: with windows of 800 tokens sharing 400, every word is in
// two chunks. The preparing thread therefore notes the file's text as the chunker tokenizes it
// (noteText): its words are found and numbered once, and a chunk at a known offset of that text
// takes the words lying wholly inside it from them. Only the few bytes before its first whole word
// and after its last are tokenized again: a chunk may begin or end inside a word, and FTS5 sees
// the piece of the word the chunk holds. The counts are FTS5's own, as if the chunk's text were
// tokenized alone (docs/search.md); tst_postingsbuilder compares the two ways.
class PostingsBuilder
{
public:
    // Postings wait in memory until this many (about 6 MB), so a large file never holds all of its
    // postings at once; the words' numbering starts again when it holds more words than this.
    static constexpr qint64 kLimit = 1 << 18;

    // A new file: its title field (the file name and document title) and no postings waiting.
    // Words noted already (noteText) are the new file's.
    void startFile(const IndexTokenizer &tokenizer, const QByteArray &titleUtf8);
    // The title field of the chunks added next (rebuilding, when the file changes).
    void setTitle(const IndexTokenizer &tokenizer, const QByteArray &titleUtf8);
    // Counts the words of a chunk's text and notes its entries.
    void add(qint64 chunkId, qint64 fileId, const IndexTokenizer &tokenizer, QByteArrayView text);
    // The file's text from byte `start` on, as the chunker tokenizes it: each part follows the one
    // before. Its words are counted once, for the chunks that lie in it (the next overload).
    void noteText(qint64 start, QByteArrayView text, const IndexTokenizer &tokenizer);
    // The same as add(chunkId, fileId, tokenizer, text), for a chunk whose text is the noted text's
    // bytes [start, start + text.size()), starting and ending between characters. Chunks come in
    // the order of their starts; the noted words before a chunk's start are forgotten.
    void add(qint64 chunkId, qint64 fileId, const IndexTokenizer &tokenizer, QByteArrayView text, qint64 start);
    // How many chunks took their whole words from the noted text (the others were tokenized whole).
    qint64 chunksFromNotedText() const { return m_chunksFromNotedText; }
    bool full() const { return m_count >= kLimit; }
    qint64 fileTokens() const { return m_fileTokens; }
    // The postings waiting, as a segment whose base is 0 (chunk ids as added), then cleared.
    EncodedSegment takeSegment();
    // The postings waiting, word by word in order, until `word` returns false (then false).
    bool forEachPending(const std::function<bool(const QByteArray &, const std::vector<Posting> &)> &word) const;
    void clearPending();

private:
    quint32 idOf(const char *token, int size);
    void growWordTable();
    void forgetWords(); // the numbering of words, and everything kept by word
    void countWords(const IndexTokenizer &tokenizer, QByteArrayView text, quint32 *length);
    void countWord(quint32 id)
    {
        if (m_inChunk[id]++ == 0)
            m_touched.push_back(id);
    }
    void finishChunk(qint64 chunkId, qint64 fileId, quint32 length);
    std::vector<quint32> pendingInOrder() const;

    // The file's words, numbered: an open-addressing table of (hash << 32 | id + 1), 0 when free,
    // at most half full. Qt's QHash<QByteArray> hashed and compared through QByteArray, a tenth of
    // the preparing threads' time.
    std::vector<quint64> m_wordTable;
    std::vector<QByteArray> m_terms;
    // The noted text's words (noteText), from m_notedHead on, in the order of their starts.
    struct NotedWord
    {
        qint64 start;
        qint32 size;
        quint32 id;
    };
    std::vector<NotedWord> m_noted;
    std::size_t m_notedHead = 0;
    qint64 m_notedBegin = 0; // where the noted text begins
    qint64 m_notedEnd = -1; // and ends, -1 when none is
    char m_notedLastByte = 0;
    // Where one noted part follows another inside a word (the chunker cut a long run of letters
    // between characters): the words on either side are not FTS5's, so a chunk across it is
    // tokenized whole.
    std::vector<qint64> m_joins;
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
    qint64 m_chunksFromNotedText = 0;
};

} // namespace vd::engine
