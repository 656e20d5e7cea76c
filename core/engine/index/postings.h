#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>
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

// Column weights: a word of the title field (the file's name and the document's own title)
// counts four times a word of the text. On Cranfield, weights 3 to 8 all score nDCG@10
// 0.374-0.377 (1: 0.369, no title field: 0.359); 4 sits in the middle of that plateau.
// Whole numbers, so a word's weighted frequency is an integer in the postings.
inline constexpr quint32 kTitleFrequencyWeight = 4;
inline constexpr quint32 kTextFrequencyWeight = 1;

// A word's postings are stored in blocks of up to kPostingsPerBlock chunks, ordered by chunk id:
// rows of the `postings` table, keyed (run, bucket, term, first_chunk), each with its chunk range,
// count, largest frequency and shortest chunk (bounds for pruning) and the entries as varints
// (chunk id delta, file id, frequency, length).
//
// A *run* holds the blocks of every word for one range of chunk ids (postings_runs: its level
// and range), its rows sorted by the word's bucket (segmentBucket) and the word, so that a run is
// written front to back, appending pages, never rewriting the pages of earlier runs. Runs merge
// as sorted runs do in log-structured stores: kRunsPerLevel runs of one level, the last ones in
// chunk order, become one run of the next level. Writing N postings thus costs about
// log_kRunsPerLevel(N) rewrites of each, where filling every word's last block in place rewrote
// most of the table on every merge. Search reads a word's blocks run by run, in chunk order.
inline constexpr int kPostingsPerBlock = 128;
inline constexpr int kRunsPerLevel = 8;

inline constexpr const char *kPostingsSchema =
    "CREATE TABLE IF NOT EXISTS postings (run INTEGER NOT NULL, bucket INTEGER NOT NULL, term TEXT NOT NULL, "
    "first_chunk INTEGER NOT NULL, last_chunk INTEGER NOT NULL, count INTEGER NOT NULL, max_frequency INTEGER NOT "
    "NULL, min_length INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (run, bucket, term, first_chunk)) "
    "WITHOUT ROWID";
inline constexpr const char *kRunsSchema =
    "CREATE TABLE IF NOT EXISTS postings_runs (run INTEGER PRIMARY KEY, level INTEGER NOT NULL, "
    "first_chunk INTEGER NOT NULL, last_chunk INTEGER NOT NULL)";
// A merge of runs moves a few buckets at each commit (about kMergeStepPostings entries), so that no
// one commit stalls ingestion while a level is rewritten. While it lasts, each of its source runs
// has a row here: the run it merges into (which already covers their chunk range) and the first
// bucket not yet moved. Every word is in the target or in the sources, never in both (its bucket
// moved or not), so readers see each entry once, in chunk order, at any commit.
inline constexpr qint64 kMergeStepPostings = 1'000'000;
inline constexpr const char *kMergingSchema =
    "CREATE TABLE IF NOT EXISTS postings_merging (run INTEGER PRIMARY KEY, target INTEGER NOT NULL, "
    "next_bucket INTEGER NOT NULL)";

// Postings are written in two levels, so that writing a file touches few pages. A file's
// commit writes its entries as one or more *segments*: a row of postings_segments (its file, its
// first chunk id `base`) and kSegmentBuckets rows of postings_buckets, each holding the words
// whose name hashes to it (segmentBucket), sorted, each word with its entries; chunk ids in a
// segment count from its base. A file costs a few dozen rows instead of one per word, and a
// segment is written as made, on the thread that prepared the file. When enough segments have
// piled up (kMergeSegments, or kMergePostings entries), they are merged into a new run of level 0
// (above). Search reads a word's blocks and then its entry in each segment's bucket (their chunk
// ids always come after the blocks').
inline constexpr int kMergeSegments = 64;
inline constexpr qint64 kMergePostings = 4'000'000;
// Entries a segment merge holds in memory at once, about (PostingsTable::mergeSegments).
inline constexpr qint64 kMergeBatchPostings = 4'000'000;
inline constexpr int kSegmentBuckets = 64;
inline constexpr const char *kSegmentsSchema =
    "CREATE TABLE IF NOT EXISTS postings_segments (segment INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, "
    "postings INTEGER NOT NULL, tokens INTEGER NOT NULL, base INTEGER NOT NULL DEFAULT 0)";
inline constexpr const char *kSegmentsFileSchema =
    "CREATE INDEX IF NOT EXISTS postings_segments_file ON postings_segments (file_id)";
inline constexpr const char *kBucketsSchema =
    "CREATE TABLE IF NOT EXISTS postings_buckets (segment INTEGER NOT NULL, bucket INTEGER NOT NULL, "
    "data BLOB NOT NULL, PRIMARY KEY (segment, bucket)) WITHOUT ROWID";
// The bucket of a word in every segment: FNV-1a of its bytes (stable across runs and versions).
int segmentBucket(const QByteArray &term);
// Appends a word's record (its size, bytes, the entries' size and the entries) to a bucket.
void appendBucketRecord(QByteArray &bucket, const QByteArray &term, const QByteArray &entries);

// Appends entries to a block's data; `previous` is the block's last chunk id (or its first
// chunk id when the block is empty).
void encodePostings(QByteArray &data, qint64 previous, const Posting *begin, const Posting *end);
// Appends a block's entries to `out`; false when the data is damaged.
bool decodePostings(const char *data, qsizetype size, qint64 firstChunk, std::vector<Posting> &out);

class IndexTokenizer;

// Postings of one file ready to be written as a segment: kSegmentBuckets buckets (some empty),
// each a run of (word size, word, entries size, entries) records in word order, the entries
// encoded as in the blocks with chunk ids counted from the segment's base.
struct EncodedSegment
{
    qint64 postings = 0; // entries in all
    qint64 tokens = 0; // tokens of the chunks they come from
    QList<QByteArray> buckets;
};

// Reads and writes the `postings` table of an index connection through prepared SQLite
// statements (the hot path of both ingestion and search). Runs inside the caller's transactions.
// Terms are FTS5 tokens (UTF-8), stored as TEXT.
class PostingsCursor;

class PostingsTable
{
public:
    explicit PostingsTable(const QSqlDatabase &db);
    ~PostingsTable();
    PostingsTable(const PostingsTable &) = delete;
    PostingsTable &operator=(const PostingsTable &) = delete;

    // Writes entries of one file (whole chunks) as a new segment, its chunk ids counted from
    // `base`.
    bool writeSegment(qint64 fileId, const EncodedSegment &segment, qint64 base);
    // Moves segments of the format before buckets (a row per word, absolute chunk ids) into
    // buckets, once; inside the caller's write transaction.
    bool upgradeSegments();
    // Every word with entries in a segment (tests compare them with what FTS5 indexes).
    bool segmentTerms(QSet<QByteArray> *terms);
    // Moves blocks of the format before runs (keyed by word) into one run, once; inside the
    // caller's write transaction. True with nothing to do.
    bool upgradeBlocks();
    // Merges the segments into a new run when they are due (or always, with force), then the runs
    // that make a full level. Called when a file is complete, so a file's entries are either all
    // in segments or all in one run.
    bool mergeSegments(bool force = false);
    // Removes the entries of one file, whose chunks lie in firstChunk..lastChunk, from the blocks
    // of the words in `terms`, and its segments.
    bool removeFile(const QSet<QByteArray> &terms, qint64 fileId, qint64 firstChunk, qint64 lastChunk);
    // Whether the file's entries are all in segments (then removing it needs no words).
    bool fileIsInSegments(qint64 fileId, bool *yes);
    // The runs and segments to read (call once per snapshot), then all entries of a word, by
    // chunk id.
    bool loadSegments();
    bool read(const QByteArray &term, std::vector<Posting> &out);
    // A word's blocks one by one, bounds first (pruned search); nullptr on failure. Call
    // loadSegments() first; the cursor lives inside the same read transaction as the table.
    std::unique_ptr<PostingsCursor> cursor(const QByteArray &term);
    // The reason of the last failure.
    const QString &error() const { return m_error; }
    // Entries a merge of runs moves per commit, at least one bucket (tests make merges span many
    // commits with 1); kMergeStepPostings unless set. Process-wide.
    static void setMergeStepPostings(qint64 postings);

private:
    enum Statement {
        Insert,
        Update,
        Read,
        Range,
        Delete,
        NewSegment,
        SegmentRow,
        SegmentRead,
        SegmentRange,
        FileSegments,
        Count,
        RunBucket,
        NewRun,
        FinishRun,
        Runs,
        DropRunBucket,
        ReadMerge,
        StatementCount
    };
    sqlite3_stmt *statement(Statement which, const char *sql);
    bool fail(const QString &what);
    struct Run
    {
        qint64 id;
        int level;
        qint64 firstChunk;
        qint64 lastChunk;
    };
    // A block as stored: its bounds and encoded entries.
    struct Block
    {
        QByteArray term;
        qint64 firstChunk;
        qint64 lastChunk;
        int count;
        qint64 maxFrequency;
        qint64 minLength;
        QByteArray data;
    };
    bool writeBlock(qint64 run, const QByteArray &term, qint64 key, const Posting *begin, const Posting *end,
                    bool insert);
    bool insertBlock(qint64 run, int bucket, const Block &block);
    // Binds a block to an insert or update of the postings (the same parameters) and runs it.
    bool storeBlock(sqlite3_stmt *s, qint64 run, int bucket, const Block &block);
    // A word's entries as blocks of a run, the last one possibly short.
    bool writeEntries(qint64 run, const QByteArray &term, const std::vector<Posting> &entries);
    bool removeFromBlocks(const Run &run, const QByteArray &term, qint64 fileId, qint64 firstChunk, qint64 lastChunk);
    bool listRuns(std::vector<Run> &runs);
    bool newRun(int level, qint64 *run);
    bool finishRun(qint64 run, qint64 firstChunk, qint64 lastChunk);
    // A merge of runs in progress: its target, its sources in chunk order, the next bucket.
    struct Merge
    {
        qint64 target = 0; // 0: none
        std::vector<qint64> sources;
        int nextBucket = 0;
    };
    bool ensureMergingTable();
    bool readMerge(Merge &merge);
    // Starts merging the first kRunsPerLevel runs of a level that follow one another in chunk
    // order, if there are; merge.target stays 0 when there are not.
    bool startMerge(Merge &merge);
    // Moves buckets from the sources into the target until `budget` entries have moved or all
    // have; the last bucket finishes the merge.
    bool stepMerge(Merge &merge, qint64 &budget);
    // Continues the merge in progress and starts the ones due, about kMergeStepPostings entries at
    // a time; with `complete`, until no merge is left.
    bool mergeRuns(bool complete = false);
    bool readRunBucket(qint64 run, int bucket, std::vector<Block> &blocks);
    bool step(sqlite3_stmt *s, const QString &what);

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statements[StatementCount] = {};
    bool readBucket(qint64 segment, const QByteArray &term, qint64 base, std::vector<Posting> &out);
    bool writeBuckets(qint64 segment, const QList<QByteArray> &buckets);
    struct Segment
    {
        qint64 id;
        qint64 base;
    };
    std::vector<Segment> m_segments;
    std::vector<Run> m_runs; // in chunk order
    bool m_mergingTable = false; // postings_merging exists (created by the first writer to need it)
    QString m_error;
    friend class PostingsCursor;
};

// A word's postings block by block in chunk order, for pruned search: each block's chunk range
// and bounds (largest weighted frequency, shortest chunk) are known before its entries, which are
// decoded only when asked for. The entries of the segments follow the blocks, cut into blocks of
// kPostingsPerBlock with bounds of their own.
class PostingsCursor
{
public:
    ~PostingsCursor();
    PostingsCursor(const PostingsCursor &) = delete;
    PostingsCursor &operator=(const PostingsCursor &) = delete;

    // How many chunks hold the word (blocks and segments).
    qint64 count() const { return m_count; }
    bool atEnd() const { return m_atEnd; }
    // The current block: its first and last chunk and bounds.
    qint64 first() const { return m_first; }
    qint64 last() const { return m_last; }
    quint32 maxFrequency() const { return m_maxFrequency; }
    quint32 minLength() const { return m_minLength; }
    // Moves to the next block; false on a failure (see error()).
    bool next();
    // The current block's entries, decoded on the first call; nullptr when damaged.
    const std::vector<Posting> *entries();
    const QString &error() const { return m_error; }

private:
    friend class PostingsTable;
    PostingsCursor() = default;
    bool damaged();
    bool recentBlock();

    QByteArray m_term;
    sqlite3_stmt *m_statement = nullptr;
    std::vector<qint64> m_runs; // the runs left to read, in chunk order
    size_t m_run = 0;
    bool m_inRecent = false;
    std::vector<Posting> m_recent; // the segments' entries
    size_t m_recentFrom = 0;
    size_t m_recentTo = 0;
    qint64 m_count = 0;
    bool m_atEnd = false;
    qint64 m_first = 0;
    qint64 m_last = 0;
    quint32 m_maxFrequency = 0;
    quint32 m_minLength = 0;
    bool m_decoded = false;
    std::vector<Posting> m_entries;
    QString m_error;
};

} // namespace vd::engine
