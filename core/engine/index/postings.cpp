#include "core/engine/index/postings.h"

#include "core/engine/index/indextokenizer.h"

#include <QSqlDatabase>

#include <algorithm>
#include <limits>
#include <sqlite3.h>
#include <string_view>

using namespace Qt::StringLiterals;

namespace vd::engine {

void putVarint(QByteArray &out, quint64 value)
{
    char bytes[10];
    int n = 0;
    do {
        const auto low = char(value & 0x7f);
        value >>= 7;
        bytes[n++] = value ? char(low | 0x80) : low;
    } while (value);
    out.append(bytes, n);
}

bool getVarint(const char *&p, const char *end, quint64 &value)
{
    value = 0;
    for (int shift = 0; shift < 64 && p < end; shift += 7) {
        const auto byte = quint8(*p++);
        value |= quint64(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return true;
    }
    return false;
}

namespace {

char *writeVarint(char *out, quint64 value)
{
    while (value >= 0x80) {
        *out++ = char((value & 0x7f) | 0x80);
        value >>= 7;
    }
    *out++ = char(value);
    return out;
}

} // namespace

void encodePostings(QByteArray &data, qint64 previous, const Posting *begin, const Posting *end)
{
    // Into room for the longest encoding (four varints of at most 10 bytes), cut to size after.
    const qsizetype start = data.size();
    data.resize(start + (end - begin) * 40);
    char *out = data.data() + start;
    for (const Posting *p = begin; p != end; ++p) {
        out = writeVarint(out, quint64(p->chunkId - previous));
        out = writeVarint(out, quint64(p->fileId));
        out = writeVarint(out, p->frequency);
        out = writeVarint(out, p->length);
        previous = p->chunkId;
    }
    data.truncate(out - data.constData());
}

int segmentBucket(const QByteArray &term)
{
    quint32 hash = 2166136261u;
    for (const char c : term) {
        hash ^= quint8(c);
        hash *= 16777619u;
    }
    return int(hash % quint32(kSegmentBuckets));
}

void appendBucketRecord(QByteArray &bucket, const QByteArray &term, const QByteArray &entries)
{
    putVarint(bucket, quint64(term.size()));
    bucket.append(term);
    putVarint(bucket, quint64(entries.size()));
    bucket.append(entries);
}

namespace {

// Walks a bucket's records: calls `record(term, entries, size)` for each, in order, until it
// returns false; false when the bucket is damaged.
template<typename Record> bool forEachRecord(const char *p, qsizetype size, Record record)
{
    const char *end = p + size;
    while (p < end) {
        quint64 termSize = 0;
        if (!getVarint(p, end, termSize) || quint64(end - p) < termSize)
            return false;
        const QByteArray term = QByteArray::fromRawData(p, qsizetype(termSize));
        p += termSize;
        quint64 dataSize = 0;
        if (!getVarint(p, end, dataSize) || quint64(end - p) < dataSize)
            return false;
        if (!record(term, p, qsizetype(dataSize)))
            return true;
        p += dataSize;
    }
    return true;
}

} // namespace

bool decodePostings(const char *data, qsizetype size, qint64 firstChunk, std::vector<Posting> &out)
{
    const char *p = data;
    const char *end = data + size;
    qint64 chunk = firstChunk;
    while (p < end) {
        quint64 delta = 0, file = 0, frequency = 0, length = 0;
        if (!getVarint(p, end, delta) || !getVarint(p, end, file) || !getVarint(p, end, frequency)
            || !getVarint(p, end, length) || frequency > std::numeric_limits<quint32>::max()
            || length > std::numeric_limits<quint32>::max())
            return false;
        chunk += qint64(delta);
        out.push_back({chunk, qint64(file), quint32(frequency), quint32(length)});
    }
    return true;
}

PostingsTable::PostingsTable(const QSqlDatabase &db)
{
    m_db = sqliteConnection(db, &m_error);
}

PostingsTable::~PostingsTable()
{
    for (sqlite3_stmt *s : m_statements)
        sqlite3_finalize(s);
}

bool PostingsTable::fail(const QString &what)
{
    m_error = u"%1: %2"_s.arg(what, m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : m_error);
    return false;
}

sqlite3_stmt *PostingsTable::statement(Statement which, const char *sql)
{
    sqlite3_stmt *&s = m_statements[which];
    if (!s && m_db && sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
        fail(u"cannot prepare a postings statement"_s);
        s = nullptr;
    }
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
    return s;
}

bool PostingsTable::writeBlock(qint64 run, const QByteArray &term, qint64 key, const Posting *begin, const Posting *end,
                               bool insert)
{
    Block block{term,
                insert ? begin->chunkId : key,
                (end - 1)->chunkId,
                int(end - begin),
                0,
                std::numeric_limits<quint32>::max(),
                {}};
    block.data.reserve((end - begin) * 6);
    encodePostings(block.data, block.firstChunk, begin, end);
    for (const Posting *p = begin; p != end; ++p) {
        block.maxFrequency = std::max<qint64>(block.maxFrequency, p->frequency);
        block.minLength = std::min<qint64>(block.minLength, p->length);
    }
    if (insert)
        return insertBlock(run, segmentBucket(term), block);
    return storeBlock(statement(Update,
                                "UPDATE postings SET last_chunk = ?5, count = ?6, max_frequency = ?7, min_length = ?8, "
                                "data = ?9 WHERE run = ?1 AND bucket = ?2 AND term = ?3 AND first_chunk = ?4"),
                      run, segmentBucket(term), block);
}

bool PostingsTable::insertBlock(qint64 run, int bucket, const Block &block)
{
    return storeBlock(
        statement(Insert,
                  "INSERT INTO postings (run, bucket, term, first_chunk, last_chunk, count, max_frequency, "
                  "min_length, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        run, bucket, block);
}

bool PostingsTable::storeBlock(sqlite3_stmt *s, qint64 run, int bucket, const Block &block)
{
    if (!s)
        return false;
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_int(s, 2, bucket);
    sqlite3_bind_text(s, 3, block.term.constData(), int(block.term.size()), SQLITE_STATIC);
    sqlite3_bind_int64(s, 4, block.firstChunk);
    sqlite3_bind_int64(s, 5, block.lastChunk);
    sqlite3_bind_int(s, 6, block.count);
    sqlite3_bind_int64(s, 7, block.maxFrequency);
    sqlite3_bind_int64(s, 8, block.minLength);
    sqlite3_bind_blob(s, 9, block.data.constData(), int(block.data.size()), SQLITE_STATIC);
    return step(s, u"cannot write the postings of a word"_s);
}

bool PostingsTable::writeEntries(qint64 run, const QByteArray &term, const std::vector<Posting> &entries)
{
    for (size_t from = 0; from < entries.size(); from += kPostingsPerBlock) {
        const size_t to = std::min(entries.size(), from + size_t(kPostingsPerBlock));
        if (!writeBlock(run, term, 0, entries.data() + from, entries.data() + to, true))
            return false;
    }
    return true;
}

bool PostingsTable::read(const QByteArray &term, std::vector<Posting> &out)
{
    sqlite3_stmt *s = statement(Read,
                                "SELECT first_chunk, data FROM postings WHERE run = ?1 AND bucket = ?2 AND term = ?3 "
                                "ORDER BY first_chunk");
    if (!s)
        return false;
    const int bucket = segmentBucket(term);
    for (const Run &run : m_runs) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, run.id);
        sqlite3_bind_int(s, 2, bucket);
        sqlite3_bind_text(s, 3, term.constData(), int(term.size()), SQLITE_STATIC);
        int rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            if (!decodePostings(static_cast<const char *>(sqlite3_column_blob(s, 1)), sqlite3_column_bytes(s, 1),
                                sqlite3_column_int64(s, 0), out)) {
                sqlite3_reset(s);
                m_error = u"the postings of the word '%1' are damaged"_s.arg(QString::fromUtf8(term));
                return false;
            }
        }
        sqlite3_reset(s);
        if (rc != SQLITE_DONE)
            return fail(u"cannot read the postings of a word"_s);
    }
    for (const Segment &segment : m_segments)
        if (!readBucket(segment.id, term, segment.base, out))
            return false;
    return true;
}

bool PostingsTable::readBucket(qint64 segment, const QByteArray &term, qint64 base, std::vector<Posting> &out)
{
    sqlite3_stmt *r = statement(SegmentRead, "SELECT data FROM postings_buckets WHERE segment = ?1 AND bucket = ?2");
    if (!r)
        return false;
    sqlite3_bind_int64(r, 1, segment);
    sqlite3_bind_int(r, 2, segmentBucket(term));
    const int rc = sqlite3_step(r);
    // The bucket's words are sorted: the walk stops at the word or after where it would be.
    bool decoded = true;
    const bool ok = rc != SQLITE_ROW
        || (forEachRecord(static_cast<const char *>(sqlite3_column_blob(r, 0)), sqlite3_column_bytes(r, 0),
                          [&](const QByteArray &word, const char *data, qsizetype size) {
                              if (word < term)
                                  return true;
                              if (word == term)
                                  decoded = decodePostings(data, size, base, out);
                              return false;
                          })
            && decoded);
    sqlite3_reset(r);
    if (!ok) {
        m_error = u"the postings of the word '%1' are damaged"_s.arg(QString::fromUtf8(term));
        return false;
    }
    return rc == SQLITE_ROW || rc == SQLITE_DONE || fail(u"cannot read the postings of a word"_s);
}

std::unique_ptr<PostingsCursor> PostingsTable::cursor(const QByteArray &term)
{
    std::unique_ptr<PostingsCursor> c(new PostingsCursor);
    c->m_term = term;
    // The segments' entries, read whole (they are few: merged every kMergeSegments files).
    for (const Segment &segment : m_segments)
        if (!readBucket(segment.id, term, segment.base, c->m_recent))
            return nullptr;
    sqlite3_stmt *count = statement(Count,
                                    "SELECT coalesce(sum(count), 0) FROM postings WHERE run = ?1 AND bucket = ?2 AND "
                                    "term = ?3");
    if (!count)
        return nullptr;
    c->m_count = qint64(c->m_recent.size());
    const int bucket = segmentBucket(term);
    for (const Run &run : m_runs) {
        sqlite3_reset(count);
        sqlite3_bind_int64(count, 1, run.id);
        sqlite3_bind_int(count, 2, bucket);
        sqlite3_bind_text(count, 3, term.constData(), int(term.size()), SQLITE_STATIC);
        if (sqlite3_step(count) != SQLITE_ROW) {
            fail(u"cannot read the postings of a word"_s);
            return nullptr;
        }
        // Only the runs holding the word are read again, block by block.
        if (const qint64 n = sqlite3_column_int64(count, 0); n > 0) {
            c->m_count += n;
            c->m_runs.push_back(run.id);
        }
    }
    sqlite3_reset(count);
    if (sqlite3_prepare_v3(m_db,
                           "SELECT first_chunk, last_chunk, count, max_frequency, min_length, data FROM postings "
                           "WHERE run = ?1 AND bucket = ?2 AND term = ?3 ORDER BY first_chunk",
                           -1, 0, &c->m_statement, nullptr)
        != SQLITE_OK) {
        fail(u"cannot read the postings of a word"_s);
        return nullptr;
    }
    sqlite3_bind_int(c->m_statement, 2, bucket);
    sqlite3_bind_text(c->m_statement, 3, c->m_term.constData(), int(c->m_term.size()), SQLITE_STATIC);
    if (!c->m_runs.empty())
        sqlite3_bind_int64(c->m_statement, 1, c->m_runs.front());
    else
        c->m_inRecent = true;
    if (!c->next()) {
        m_error = c->error();
        return nullptr;
    }
    return c;
}

PostingsCursor::~PostingsCursor()
{
    sqlite3_finalize(m_statement);
}

bool PostingsCursor::damaged()
{
    m_error = u"the postings of the word '%1' are damaged"_s.arg(QString::fromUtf8(m_term));
    return false;
}

bool PostingsCursor::recentBlock()
{
    m_recentFrom = m_recentTo;
    if (m_recentFrom >= m_recent.size()) {
        m_atEnd = true;
        return true;
    }
    m_recentTo = std::min(m_recent.size(), m_recentFrom + size_t(kPostingsPerBlock));
    m_first = m_recent[m_recentFrom].chunkId;
    m_last = m_recent[m_recentTo - 1].chunkId;
    m_maxFrequency = 0;
    m_minLength = std::numeric_limits<quint32>::max();
    for (size_t i = m_recentFrom; i < m_recentTo; ++i) {
        m_maxFrequency = std::max(m_maxFrequency, m_recent[i].frequency);
        m_minLength = std::min(m_minLength, m_recent[i].length);
    }
    return true;
}

bool PostingsCursor::next()
{
    if (m_atEnd)
        return true;
    m_decoded = false;
    if (m_inRecent)
        return recentBlock();
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        m_first = sqlite3_column_int64(m_statement, 0);
        m_last = sqlite3_column_int64(m_statement, 1);
        const qint64 maxFrequency = sqlite3_column_int64(m_statement, 3);
        const qint64 minLength = sqlite3_column_int64(m_statement, 4);
        if (m_last < m_first || maxFrequency < 0 || minLength < 0 || maxFrequency > std::numeric_limits<quint32>::max()
            || minLength > std::numeric_limits<quint32>::max())
            return damaged();
        m_maxFrequency = quint32(maxFrequency);
        m_minLength = quint32(minLength);
        return true;
    }
    if (rc != SQLITE_DONE) {
        m_error = u"cannot read the postings of a word: %1"_s.arg(
            QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_statement))));
        return false;
    }
    if (++m_run < m_runs.size()) {
        sqlite3_reset(m_statement);
        sqlite3_bind_int64(m_statement, 1, m_runs[m_run]);
        return next();
    }
    m_inRecent = true;
    return recentBlock();
}

const std::vector<Posting> *PostingsCursor::entries()
{
    if (m_atEnd)
        return nullptr;
    if (m_decoded)
        return &m_entries;
    m_entries.clear();
    if (m_inRecent) {
        m_entries.assign(m_recent.begin() + qsizetype(m_recentFrom), m_recent.begin() + qsizetype(m_recentTo));
    } else if (!decodePostings(static_cast<const char *>(sqlite3_column_blob(m_statement, 5)),
                               sqlite3_column_bytes(m_statement, 5), m_first, m_entries)
               || m_entries.empty() || m_entries.back().chunkId != m_last) {
        damaged();
        return nullptr;
    }
    // Bounds that an entry exceeds would prune a chunk that belongs in the answer.
    for (const Posting &p : m_entries)
        if (p.frequency > m_maxFrequency || p.length < m_minLength || p.chunkId < m_first || p.chunkId > m_last) {
            damaged();
            return nullptr;
        }
    m_decoded = true;
    return &m_entries;
}

bool PostingsTable::step(sqlite3_stmt *s, const QString &what)
{
    if (!s)
        return false;
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE || rc == SQLITE_ROW || fail(what);
}

bool PostingsTable::loadSegments()
{
    m_segments.clear();
    if (!listRuns(m_runs))
        return false;
    sqlite3_stmt *s = nullptr;
    if (!m_db
        || sqlite3_prepare_v2(m_db, "SELECT segment, base FROM postings_segments ORDER BY segment", -1, &s, nullptr)
            != SQLITE_OK)
        return fail(u"cannot list the postings segments"_s);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        m_segments.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1)});
    sqlite3_finalize(s);
    return rc == SQLITE_DONE || fail(u"cannot list the postings segments"_s);
}

bool PostingsTable::writeSegment(qint64 fileId, const EncodedSegment &segment, qint64 base)
{
    if (segment.postings == 0)
        return true;
    sqlite3_stmt *row = statement(
        NewSegment, "INSERT INTO postings_segments (file_id, postings, tokens, base) VALUES (?1, ?2, ?3, ?4)");
    if (!row)
        return false;
    sqlite3_bind_int64(row, 1, fileId);
    sqlite3_bind_int64(row, 2, segment.postings);
    sqlite3_bind_int64(row, 3, segment.tokens);
    sqlite3_bind_int64(row, 4, base);
    if (!step(row, u"cannot write a postings segment"_s))
        return false;
    return writeBuckets(sqlite3_last_insert_rowid(m_db), segment.buckets);
}

bool PostingsTable::writeBuckets(qint64 segment, const QList<QByteArray> &buckets)
{
    for (qsizetype bucket = 0; bucket < buckets.size(); ++bucket) {
        const QByteArray &data = buckets.at(bucket);
        if (data.isEmpty())
            continue;
        sqlite3_stmt *s =
            statement(SegmentRow, "INSERT INTO postings_buckets (segment, bucket, data) VALUES (?1, ?2, ?3)");
        if (!s)
            return false;
        sqlite3_bind_int64(s, 1, segment);
        sqlite3_bind_int64(s, 2, bucket);
        sqlite3_bind_blob(s, 3, data.constData(), int(data.size()), SQLITE_STATIC);
        if (!step(s, u"cannot write a postings segment"_s))
            return false;
    }
    return true;
}

bool PostingsTable::upgradeSegments()
{
    // The base column (0: chunk ids in older segments are absolute), then the rows per word.
    bool hasBase = false;
    {
        sqlite3_stmt *columns = nullptr;
        if (sqlite3_prepare_v2(m_db, "SELECT 1 FROM pragma_table_info('postings_segments') WHERE name = 'base'", -1,
                               &columns, nullptr)
            != SQLITE_OK)
            return fail(u"cannot read the postings segments' columns"_s);
        hasBase = sqlite3_step(columns) == SQLITE_ROW;
        sqlite3_finalize(columns);
    }
    if (!hasBase
        && sqlite3_exec(m_db, "ALTER TABLE postings_segments ADD COLUMN base INTEGER NOT NULL DEFAULT 0", nullptr,
                        nullptr, nullptr)
            != SQLITE_OK)
        return fail(u"cannot upgrade the postings segments"_s);
    sqlite3_stmt *old = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT segment, term, data FROM postings_recent ORDER BY segment, term", -1, &old,
                           nullptr)
        != SQLITE_OK)
        return true; // no such table: nothing to move
    EncodedSegment segment;
    segment.buckets.resize(kSegmentBuckets);
    qint64 current = -1;
    const auto flush = [&] {
        if (current < 0)
            return true;
        const bool written = writeBuckets(current, segment.buckets);
        for (QByteArray &data : segment.buckets)
            data.clear();
        return written;
    };
    int rc;
    bool ok = true;
    while (ok && (rc = sqlite3_step(old)) == SQLITE_ROW) {
        const qint64 id = sqlite3_column_int64(old, 0);
        if (id != current) {
            ok = flush();
            current = id;
        }
        const QByteArray term(static_cast<const char *>(sqlite3_column_blob(old, 1)), sqlite3_column_bytes(old, 1));
        const QByteArray data(static_cast<const char *>(sqlite3_column_blob(old, 2)), sqlite3_column_bytes(old, 2));
        appendBucketRecord(segment.buckets[segmentBucket(term)], term, data);
    }
    sqlite3_finalize(old);
    if (!ok || !flush())
        return false;
    if (rc != SQLITE_DONE)
        return fail(u"cannot upgrade the postings segments"_s);
    return sqlite3_exec(m_db, "DROP TABLE postings_recent", nullptr, nullptr, nullptr) == SQLITE_OK
        || fail(u"cannot upgrade the postings segments"_s);
}

bool PostingsTable::segmentTerms(QSet<QByteArray> *terms)
{
    sqlite3_stmt *all = nullptr;
    if (sqlite3_prepare_v2(m_db, "SELECT data FROM postings_buckets", -1, &all, nullptr) != SQLITE_OK)
        return fail(u"cannot read the postings segments"_s);
    int rc;
    bool ok = true;
    while (ok && (rc = sqlite3_step(all)) == SQLITE_ROW)
        ok = forEachRecord(static_cast<const char *>(sqlite3_column_blob(all, 0)), sqlite3_column_bytes(all, 0),
                           [&](const QByteArray &term, const char *, qsizetype) {
                               terms->insert(QByteArray(term.constData(), term.size()));
                               return true;
                           });
    sqlite3_finalize(all);
    if (!ok) {
        m_error = u"a bucket of postings is damaged"_s;
        return false;
    }
    return rc == SQLITE_DONE || fail(u"cannot read the postings segments"_s);
}

bool PostingsTable::mergeSegments(bool force)
{
    if (!force) {
        sqlite3_stmt *due = nullptr;
        if (sqlite3_prepare_v2(m_db, "SELECT count(*), coalesce(sum(postings), 0) FROM postings_segments", -1, &due,
                               nullptr)
            != SQLITE_OK)
            return fail(u"cannot count the postings segments"_s);
        const bool row = sqlite3_step(due) == SQLITE_ROW;
        const bool merge =
            row && (sqlite3_column_int64(due, 0) >= kMergeSegments || sqlite3_column_int64(due, 1) >= kMergePostings);
        sqlite3_finalize(due);
        if (!row)
            return fail(u"cannot count the postings segments"_s);
        if (!merge)
            return mergeRuns(); // a merge of runs in progress moves on
    }
    // Bucket by bucket, the segments in order: each word's entries become the blocks of a new run,
    // whose rows are then written in key order (bucket, word), appended after the earlier runs'.
    if (!loadSegments())
        return false;
    if (m_segments.empty())
        return mergeRuns(force);
    qint64 run = 0; // created with its first block
    qint64 firstChunk = std::numeric_limits<qint64>::max();
    qint64 lastChunk = std::numeric_limits<qint64>::min();
    // A bucket's records of every segment, sorted by word (stable: a word's records stay in
    // segment order, which is chunk order), each word's entries decoded into one list at a time.
    struct Record
    {
        QByteArrayView term;
        const char *data;
        qsizetype size;
        qint64 base;
    };
    // The buckets are read in batches, a range of buckets of each segment at a time (a point read
    // of every segment's every bucket cost more than the rest of the merge). A batch holds about
    // kMergeBatchPostings entries: all 64 buckets after the usual 64 files, a few at a time after
    // one large file, whose hundreds of segments are merged at its commit.
    qint64 postings = 0;
    {
        sqlite3_stmt *sum = nullptr;
        if (sqlite3_prepare_v2(m_db, "SELECT coalesce(sum(postings), 0) FROM postings_segments", -1, &sum, nullptr)
                != SQLITE_OK
            || sqlite3_step(sum) != SQLITE_ROW) {
            sqlite3_finalize(sum);
            return fail(u"cannot count the postings segments"_s);
        }
        postings = sqlite3_column_int64(sum, 0);
        sqlite3_finalize(sum);
    }
    const int batch = int(
        std::clamp<qint64>(kSegmentBuckets * kMergeBatchPostings / std::max<qint64>(postings, 1), 1, kSegmentBuckets));
    std::vector<QByteArray> rows(m_segments.size() * size_t(batch)); // by bucket in the batch, then segment
    std::vector<Record> records;
    std::vector<Posting> entries;
    for (int bucket = 0; bucket < kSegmentBuckets; ++bucket) {
        const int inBatch = bucket % batch;
        if (inBatch == 0) {
            for (QByteArray &row : rows)
                row.clear();
            for (size_t i = 0; i < m_segments.size(); ++i) {
                sqlite3_stmt *r = statement(SegmentRange,
                                            "SELECT bucket, data FROM postings_buckets WHERE segment = ?1 AND "
                                            "bucket >= ?2 AND bucket < ?3");
                if (!r)
                    return false;
                sqlite3_bind_int64(r, 1, m_segments[i].id);
                sqlite3_bind_int(r, 2, bucket);
                sqlite3_bind_int(r, 3, bucket + batch);
                int rc;
                while ((rc = sqlite3_step(r)) == SQLITE_ROW)
                    rows[size_t(sqlite3_column_int(r, 0) - bucket) * m_segments.size() + i] =
                        QByteArray(static_cast<const char *>(sqlite3_column_blob(r, 1)), sqlite3_column_bytes(r, 1));
                sqlite3_reset(r);
                if (rc != SQLITE_DONE)
                    return fail(u"cannot merge the postings segments"_s);
            }
        }
        records.clear();
        for (size_t i = 0; i < m_segments.size(); ++i) {
            const Segment &segment = m_segments[i];
            const QByteArray &row = rows[size_t(inBatch) * m_segments.size() + i];
            if (!forEachRecord(row.constData(), row.size(),
                               [&](const QByteArray &term, const char *data, qsizetype size) {
                                   records.push_back({QByteArrayView(term), data, size, segment.base});
                                   return true;
                               })) {
                m_error = u"the postings segment %1 is damaged"_s.arg(segment.id);
                return false;
            }
        }
        std::stable_sort(records.begin(), records.end(), [](const Record &a, const Record &b) {
            return std::string_view(a.term.data(), size_t(a.term.size()))
                < std::string_view(b.term.data(), size_t(b.term.size()));
        });
        for (size_t i = 0; i < records.size();) {
            entries.clear();
            const QByteArrayView term = records[i].term;
            for (; i < records.size() && records[i].term == term; ++i)
                if (!decodePostings(records[i].data, records[i].size, records[i].base, entries)) {
                    m_error = u"the postings of the word '%1' are damaged"_s.arg(QString::fromUtf8(term));
                    return false;
                }
            if (entries.empty())
                continue;
            if (run == 0 && !newRun(0, &run))
                return false;
            firstChunk = std::min(firstChunk, entries.front().chunkId);
            lastChunk = std::max(lastChunk, entries.back().chunkId);
            if (!writeEntries(run, term.toByteArray(), entries))
                return false;
        }
    }
    if (sqlite3_exec(m_db, "DELETE FROM postings_buckets; DELETE FROM postings_segments", nullptr, nullptr, nullptr)
        != SQLITE_OK)
        return fail(u"cannot merge the postings segments"_s);
    m_segments.clear();
    return (run == 0 || finishRun(run, firstChunk, lastChunk)) && mergeRuns(force);
}

bool PostingsTable::fileIsInSegments(qint64 fileId, bool *yes)
{
    sqlite3_stmt *s = statement(FileSegments, "SELECT EXISTS (SELECT 1 FROM postings_segments WHERE file_id = ?1)");
    if (!s)
        return false;
    sqlite3_bind_int64(s, 1, fileId);
    const int rc = sqlite3_step(s);
    *yes = rc == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
    sqlite3_reset(s);
    return rc == SQLITE_ROW || fail(u"cannot read the postings segments"_s);
}

bool PostingsTable::removeFile(const QSet<QByteArray> &terms, qint64 fileId, qint64 firstChunk, qint64 lastChunk)
{
    std::vector<Run> runs;
    if (!ensureMergingTable() || (!terms.isEmpty() && !listRuns(runs)))
        return false;
    for (const Run &run : runs) {
        if (run.firstChunk > lastChunk || run.lastChunk < firstChunk)
            continue;
        for (const QByteArray &term : terms)
            if (!removeFromBlocks(run, term, fileId, firstChunk, lastChunk))
                return false;
    }
    sqlite3_stmt *s = nullptr;
    const char *sql[] = {"DELETE FROM postings_buckets WHERE segment IN (SELECT segment FROM postings_segments WHERE "
                         "file_id = ?1)",
                         "DELETE FROM postings_segments WHERE file_id = ?1",
                         // Runs left without blocks, unless a merge in progress has them (it ends them).
                         "DELETE FROM postings_runs WHERE first_chunk <= ?3 AND last_chunk >= ?2 AND NOT EXISTS "
                         "(SELECT 1 FROM postings WHERE postings.run = postings_runs.run) AND run NOT IN (SELECT "
                         "run FROM postings_merging UNION SELECT target FROM postings_merging)"};
    for (const char *statementText : sql) {
        if (sqlite3_prepare_v2(m_db, statementText, -1, &s, nullptr) != SQLITE_OK)
            return fail(u"cannot remove a file's postings"_s);
        sqlite3_bind_int64(s, 1, fileId);
        if (sqlite3_bind_parameter_count(s) == 3) {
            sqlite3_bind_int64(s, 2, firstChunk);
            sqlite3_bind_int64(s, 3, lastChunk);
        }
        const int rc = sqlite3_step(s);
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return fail(u"cannot remove a file's postings"_s);
    }
    return true;
}

bool PostingsTable::removeFromBlocks(const Run &run, const QByteArray &term, qint64 fileId, qint64 firstChunk,
                                     qint64 lastChunk)
{
    sqlite3_stmt *range = statement(Range,
                                    "SELECT first_chunk, data FROM postings WHERE run = ?4 AND bucket = ?5 AND "
                                    "term = ?1 AND first_chunk <= ?3 AND last_chunk >= ?2 ORDER BY first_chunk");
    if (!range)
        return false;
    sqlite3_bind_text(range, 1, term.constData(), int(term.size()), SQLITE_STATIC);
    sqlite3_bind_int64(range, 2, firstChunk);
    sqlite3_bind_int64(range, 3, lastChunk);
    sqlite3_bind_int64(range, 4, run.id);
    sqlite3_bind_int(range, 5, segmentBucket(term));
    // Read the blocks first, then rewrite them: no writes while the statement steps.
    struct Stored
    {
        qint64 key;
        std::vector<Posting> entries;
    };
    std::vector<Stored> blocks;
    int rc;
    while ((rc = sqlite3_step(range)) == SQLITE_ROW) {
        Stored block{sqlite3_column_int64(range, 0), {}};
        if (!decodePostings(static_cast<const char *>(sqlite3_column_blob(range, 1)), sqlite3_column_bytes(range, 1),
                            block.key, block.entries)) {
            sqlite3_reset(range);
            m_error = u"the postings of the word '%1' are damaged"_s.arg(QString::fromUtf8(term));
            return false;
        }
        blocks.push_back(std::move(block));
    }
    sqlite3_reset(range);
    if (rc != SQLITE_DONE)
        return fail(u"cannot read the postings of a word"_s);
    for (Stored &block : blocks) {
        const auto kept = std::remove_if(block.entries.begin(), block.entries.end(),
                                         [&](const Posting &p) { return p.fileId == fileId; });
        if (kept == block.entries.end())
            continue;
        block.entries.erase(kept, block.entries.end());
        // The block's key is its first chunk: when that changes, the row is replaced.
        if (!block.entries.empty() && block.entries.front().chunkId == block.key) {
            if (!writeBlock(run.id, term, block.key, block.entries.data(), block.entries.data() + block.entries.size(),
                            false))
                return false;
            continue;
        }
        sqlite3_stmt *drop =
            statement(Delete, "DELETE FROM postings WHERE run = ?3 AND bucket = ?4 AND term = ?1 AND first_chunk = ?2");
        if (!drop)
            return false;
        sqlite3_bind_text(drop, 1, term.constData(), int(term.size()), SQLITE_STATIC);
        sqlite3_bind_int64(drop, 2, block.key);
        sqlite3_bind_int64(drop, 3, run.id);
        sqlite3_bind_int(drop, 4, segmentBucket(term));
        rc = sqlite3_step(drop);
        sqlite3_reset(drop);
        if (rc != SQLITE_DONE)
            return fail(u"cannot remove the postings of a word"_s);
        if (!block.entries.empty()
            && !writeBlock(run.id, term, 0, block.entries.data(), block.entries.data() + block.entries.size(), true))
            return false;
    }
    return true;
}

} // namespace vd::engine
