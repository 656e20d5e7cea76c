#pragma once

#include "core/domain/searchrequest.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"
#include "core/engine/index/postingsbuilder.h"

#include <QHash>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>

namespace vd::engine {

class IndexTokenizer;
class WalCheckpointer;

Q_DECLARE_LOGGING_CATEGORY(lcIndex)

struct IndexedFile
{
    qint64 fileId = 0;
    int chunkCount = 0;
    qint64 tokenCount = 0;
    qint64 textBytes = 0; // extracted text
    qint64 chunkBytes = 0; // sum of chunk texts: the file's usage_bytes
};

// The full-text index of one vector store: an SQLite database holding the store's chunks and
// their words' postings (porter stemming over unicode61 words, as FTS5 has them; no FTS5 table is
// written). One file per store keeps tenants and stores physically apart, lets stores ingest in
// parallel and makes purging a store a file deletion (docs/architecture.md). Not thread-safe:
// one LocalIndex per thread.
class LocalIndex
{
public:
    explicit LocalIndex(QString path);
    ~LocalIndex();
    // The token count of every chunk, over both fields (what BM25 calls document length).
    Result<qint64> tokenCount();
    // The title field of a file's chunks: the words of its name, then its document title.
    static QString titleFor(const QString &filename, const QString &documentTitle);
    LocalIndex(const LocalIndex &) = delete;
    LocalIndex &operator=(const LocalIndex &) = delete;

    const QString &path() const { return m_path; }
    Result<void> open();

    // How long a write waits for another connection's write to the same index before it fails
    // with a contention error (details "contention": true, which ingestion re-queues instead of
    // failing the file). For every index opened afterwards in this process; 30 s unless a test
    // shortens it.
    static void setBusyTimeoutMs(int ms);
    static int busyTimeoutMs();
    // Whether an error of this class says another connection held the index (SQLite busy or
    // locked): a transient condition, not a property of the file.
    static bool isContention(const ServiceError &error);
    // Whether search skips the blocks of postings that cannot reach the top k (block-max
    // pruning, the default) or scores every chunk holding a query word. Both give the same
    // answer; exhaustive scoring is the reference that tests and benchmarks compare against.
    static void setSearchPruning(bool on);
    static bool searchPruning();

    // Writing one file: begin (drops whatever an earlier, interrupted attempt left), add its
    // chunks, commit. Nothing of the file is visible to search before commit; a crash before
    // commit leaves the index as it was.
    Result<void> beginFile(qint64 fileId, const QString &filename, const QJsonObject &attributes);
    // The document's own title (its first heading or opening sentence), indexed with the file
    // name as the chunk's title field. Call before the first chunk.
    void setDocumentTitle(const QString &title);
    // A chunk whose words the index counts itself.
    Result<void> addChunk(const Chunk &chunk);
    // A prepared file (LocalEngine::prepare) is written as its chunks, whose words are not counted
    // here, and the segments of postings prepared from them with ordinals as chunk ids: each
    // chunk's id is the file's first id plus its ordinal. A file is written either way, not both.
    Result<void> addPreparedChunk(const Chunk &chunk);
    Result<void> addPreparedSegment(const EncodedSegment &segment);
    Result<IndexedFile> commitFile(qint64 textBytes);
    void abortFile();

    // Detached files keep their chunks but are hidden from search at once.
    Result<void> setVisible(qint64 fileId, bool visible);
    Result<void> setAttributes(qint64 fileId, const QJsonObject &attributes);
    Result<void> removeFile(qint64 fileId);
    Result<bool> hasFile(qint64 fileId);

    Result<QList<Chunk>> chunks(qint64 fileId, int firstOrdinal = 0, int count = -1);
    Result<qint64> chunkCount();

    struct Candidate
    {
        qint64 chunkId = 0;
        qint64 fileId = 0;
        int ordinal = 0;
        QString filename;
        QJsonObject attributes;
        double bm25 = 0; // positive: higher is better
        double score = 0; // 0..1
    };
    // A chunk ranked from the postings, before its row is read.
    struct Ranked
    {
        double bm25;
        qint64 chunk;
        qint64 file;
    };
    // The best `limit` chunks for the query terms (already analysed: lower-case words), with
    // scores normalised to 0..1 against the best score the query could reach in this store.
    // Candidates carry no text: ask for it with texts() for the chunks actually shown.
    Result<QList<Candidate>> search(const QStringList &terms, const std::optional<Filter> &filter, int limit);

    // How the last search went: how many postings it read and how many chunks it scored, and
    // whether a word was a phrase of several tokens (FTS5's tokenizer splits some words the
    // query keeps whole), matched in the text of the chunks holding all of its tokens.
    struct SearchStats
    {
        int terms = 0;
        qint64 postings = 0;
        qint64 candidates = 0;
        bool phrases = false;
    };
    const SearchStats &lastSearchStats() const { return m_lastStats; }

    struct ChunkText
    {
        QString text;
        QStringList matchedTerms; // words of the text that the terms matched, lower-case
    };
    Result<QHash<qint64, ChunkText>> texts(const QList<qint64> &chunkIds, const QStringList &terms);

private:
    Result<void> exec(const QString &sql, const QVariantList &binds = {});
    Result<qint64> metaValue(const QString &key);
    // Removes a file's rows and its postings (inside a transaction).
    Result<void> removeFileRows(qint64 fileId);
    // Writes the postings of every chunk (an index written before they existed).
    Result<void> rebuildPostings();
    // The chunk's row: with the given id (a prepared file's), or the next one.
    Result<void> insertChunk(const Chunk &chunk, std::optional<qint64> id);
    // Writes the postings waiting: as a segment of the file being written, or, rebuilding, as a
    // run of their own.
    Result<void> flushPostings(bool intoRun = false);
    // The top `limit` of every chunk holding a query word, or only of the blocks whose bounds
    // can reach it; both best first. rankAll takes the postings of phrases (by the word's
    // position in `words`) instead of reading them.
    Result<std::vector<Ranked>> rankAll(const QList<QByteArray> &words, const std::optional<Filter> &filter, int limit,
                                        double chunks, double averageLength, double *ideal,
                                        std::map<qsizetype, std::vector<Posting>> phrases = {});
    Result<std::vector<Ranked>> rankPruned(const QList<QByteArray> &words, const std::optional<Filter> &filter,
                                           int limit, double chunks, double averageLength, double *ideal);
    // The block-max top `limit` over every file (ideal: added to when given, with the stats).
    Result<std::vector<Ranked>> rankBlocks(const QList<QByteArray> &words, size_t limit, double chunks,
                                           double averageLength, double *ideal);
    // A phrase's postings: the chunks holding all of its tokens, each counted where the tokens
    // follow one another in its title or text (as FTS5 matches a phrase).
    Result<std::vector<Posting>> phrasePostings(const QList<QByteArray> &tokens);
    // A query term as the tokens it matches: one, none, or a phrase of several.
    QList<QByteArray> queryTokens(const QString &term) const;

    QString m_path;
    QString m_connection;
    qint64 m_currentFile = 0;
    QString m_currentTitle;
    // The chunk insert, through sqlite3 itself: the text is bound as the UTF-8 it is, where Qt's
    // driver would convert every chunk to UTF-16 and SQLite back again. Prepared once per file.
    struct FinalizeStatement
    {
        void operator()(sqlite3_stmt *statement) const;
    };
    std::unique_ptr<sqlite3_stmt, FinalizeStatement> m_insertChunk;
    enum class Kind { Unknown, Counted, Prepared } m_fileKind = Kind::Unknown;
    qint64 m_chunkBase = 0; // the file's first chunk id, which its segments' chunk ids count from
    QByteArray m_currentTitleUtf8;
    std::unique_ptr<PostingsTable> m_postings;
    PostingsBuilder m_builder; // the postings of the file being written, not yet written
    int m_currentChunks = 0;
    qint64 m_currentTokens = 0;
    qint64 m_currentChunkBytes = 0;
    qint64 m_fileTokens = 0; // a prepared file's tokens (its segments'); counted files: m_builder's
    bool m_inFile = false;
    SearchStats m_lastStats;
    std::unique_ptr<IndexTokenizer> m_tokenizer;
    // Checkpoints the WAL on a thread of its own once this connection writes files.
    std::unique_ptr<WalCheckpointer> m_checkpointer;
};

// Splits a query into the words the index matches: Unicode letters and digits, lower-cased,
// English stop words removed (unless nothing else is left), duplicates dropped.
QStringList analyzeQuery(const QString &query);

} // namespace vd::engine
