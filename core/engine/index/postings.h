#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace vd::engine {

// One chunk in a word's postings: what BM25 needs to score the word in that chunk, and the
// file the chunk belongs to (so visibility and filters are checked per file, not per chunk).
struct Posting
{
    qint64 chunkId = 0;
    qint64 fileId = 0;
    quint32 frequency = 0; // weighted: title occurrences × title weight + text occurrences
    quint32 length = 0; // the chunk's tokens over both fields (BM25's document length)
};

// A word's postings are stored in blocks of up to kPostingsPerBlock chunks, ordered by chunk id:
// rows of the `postings` table, keyed (term, first_chunk), each with its chunk range, count,
// largest frequency and shortest chunk (bounds for pruning) and the entries as varints
// (chunk id delta, file id, frequency, length).
inline constexpr int kPostingsPerBlock = 128;

inline constexpr const char *kPostingsSchema =
    "CREATE TABLE IF NOT EXISTS postings (term TEXT NOT NULL, first_chunk INTEGER NOT NULL, "
    "last_chunk INTEGER NOT NULL, count INTEGER NOT NULL, max_frequency INTEGER NOT NULL, "
    "min_length INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (term, first_chunk)) WITHOUT ROWID";

// Appends entries to a block's data; `previous` is the block's last chunk id (or its first
// chunk id when the block is empty).
void encodePostings(QByteArray &data, qint64 previous, const Posting *begin, const Posting *end);
// Appends a block's entries to `out`; false when the data is damaged.
bool decodePostings(const char *data, qsizetype size, qint64 firstChunk, std::vector<Posting> &out);

// Reads and writes the `postings` table of an index connection through prepared SQLite
// statements (the hot path of both ingestion and search). Runs inside the caller's transactions.
// Terms are FTS5 tokens (UTF-8), stored as TEXT.
class PostingsTable
{
public:
    explicit PostingsTable(const QSqlDatabase &db);
    ~PostingsTable();
    PostingsTable(const PostingsTable &) = delete;
    PostingsTable &operator=(const PostingsTable &) = delete;

    // Adds a word's entries, sorted by chunk id and all after its existing ones, filling its
    // last block before starting new ones.
    bool append(const QByteArray &term, const Posting *begin, const Posting *end);
    // Removes the entries of one file, whose chunks lie in firstChunk..lastChunk.
    bool removeFile(const QByteArray &term, qint64 fileId, qint64 firstChunk, qint64 lastChunk);
    // All entries of a word, by chunk id.
    bool read(const QByteArray &term, std::vector<Posting> &out);
    // The reason of the last failure.
    const QString &error() const { return m_error; }

private:
    sqlite3_stmt *statement(int which, const char *sql);
    bool fail(const QString &what);
    bool writeBlock(const QByteArray &term, qint64 key, const Posting *begin, const Posting *end, bool insert);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statements[6] = {};
    QString m_error;
};

} // namespace vd::engine
