#include "core/engine/index/postings.h"

#include <QSqlDatabase>

#include <algorithm>
#include <atomic>
#include <limits>
#include <sqlite3.h>

using namespace Qt::StringLiterals;

// The runs of the postings table (postings.h): listing them, starting and finishing one, merging
// full levels a few buckets per commit, and moving blocks of the format before runs into one.

namespace vd::engine {

namespace {

// A level of its own for the blocks of an index written before runs: above any that merging
// reaches, so no merge rewrites them with a handful of small runs.
constexpr int kUpgradedLevel = 64;

std::atomic<qint64> mergeStepPostings = kMergeStepPostings;

void bucketOfTerm(sqlite3_context *context, int, sqlite3_value **values)
{
    const auto *text = static_cast<const char *>(sqlite3_value_blob(values[0]));
    sqlite3_result_int(context, segmentBucket(QByteArray::fromRawData(text, sqlite3_value_bytes(values[0]))));
}

} // namespace

bool PostingsTable::listRuns(std::vector<Run> &runs)
{
    runs.clear();
    sqlite3_stmt *s = statement(Runs,
                                "SELECT run, level, first_chunk, last_chunk FROM postings_runs "
                                "ORDER BY first_chunk, run");
    if (!s)
        return false;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        runs.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int(s, 1), sqlite3_column_int64(s, 2),
                        sqlite3_column_int64(s, 3)});
    sqlite3_reset(s);
    return rc == SQLITE_DONE || fail(u"cannot list the runs of postings"_s);
}

bool PostingsTable::newRun(int level, qint64 *run)
{
    // Its chunk range is set once its blocks are written (finishRun).
    sqlite3_stmt *s =
        statement(NewRun, "INSERT INTO postings_runs (level, first_chunk, last_chunk) VALUES (?1, 0, -1)");
    if (!s)
        return false;
    sqlite3_bind_int(s, 1, level);
    if (!step(s, u"cannot start a run of postings"_s))
        return false;
    *run = sqlite3_last_insert_rowid(m_db);
    return true;
}

bool PostingsTable::finishRun(qint64 run, qint64 firstChunk, qint64 lastChunk)
{
    sqlite3_stmt *s = statement(FinishRun, "UPDATE postings_runs SET first_chunk = ?2, last_chunk = ?3 WHERE run = ?1");
    if (!s)
        return false;
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_int64(s, 2, firstChunk);
    sqlite3_bind_int64(s, 3, lastChunk);
    return step(s, u"cannot finish a run of postings"_s);
}

bool PostingsTable::readRunBucket(qint64 run, int bucket, std::vector<Block> &blocks)
{
    sqlite3_stmt *s = statement(RunBucket,
                                "SELECT term, first_chunk, last_chunk, count, max_frequency, min_length, data "
                                "FROM postings WHERE run = ?1 AND bucket = ?2 ORDER BY term, first_chunk");
    if (!s)
        return false;
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_int(s, 2, bucket);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW)
        blocks.push_back(
            {QByteArray(static_cast<const char *>(sqlite3_column_blob(s, 0)), sqlite3_column_bytes(s, 0)),
             sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2), sqlite3_column_int(s, 3),
             sqlite3_column_int64(s, 4), sqlite3_column_int64(s, 5),
             QByteArray(static_cast<const char *>(sqlite3_column_blob(s, 6)), sqlite3_column_bytes(s, 6))});
    sqlite3_reset(s);
    return rc == SQLITE_DONE || fail(u"cannot read a run of postings"_s);
}

void PostingsTable::setMergeStepPostings(qint64 postings)
{
    mergeStepPostings.store(std::max<qint64>(postings, 1));
}

bool PostingsTable::ensureMergingTable()
{
    // An index of an earlier version gets the table from its first writer that merges or removes.
    if (!m_mergingTable && sqlite3_exec(m_db, kMergingSchema, nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(u"cannot create the table of merges of postings"_s);
    m_mergingTable = true;
    return true;
}

bool PostingsTable::readMerge(Merge &merge)
{
    merge = {};
    // Read at every file's commit: a prepared statement of its own.
    sqlite3_stmt *s = statement(ReadMerge,
                                "SELECT m.run, m.target, m.next_bucket FROM postings_merging m LEFT JOIN postings_runs "
                                "r ON r.run = m.run ORDER BY r.first_chunk, m.run");
    if (!s)
        return false;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        merge.sources.push_back(sqlite3_column_int64(s, 0));
        merge.target = sqlite3_column_int64(s, 1);
        merge.nextBucket = sqlite3_column_int(s, 2);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE || fail(u"cannot read the merge of postings in progress"_s);
}

bool PostingsTable::startMerge(Merge &merge)
{
    std::vector<Run> runs;
    if (!listRuns(runs))
        return false;
    // Levels never rise in chunk order (runs of level 0 are appended; a merge replaces the first
    // runs of a group with one of a higher level), so the first full group is the oldest.
    for (size_t from = 0; from + kRunsPerLevel <= runs.size(); ++from) {
        const int level = runs[from].level;
        const auto group = runs.begin() + qsizetype(from);
        if (level >= kUpgradedLevel
            || !std::all_of(group, group + kRunsPerLevel, [level](const Run &r) { return r.level == level; }))
            continue;
        qint64 firstChunk = std::numeric_limits<qint64>::max();
        qint64 lastChunk = std::numeric_limits<qint64>::min();
        for (auto r = group; r != group + kRunsPerLevel; ++r) {
            firstChunk = std::min(firstChunk, r->firstChunk);
            lastChunk = std::max(lastChunk, r->lastChunk);
        }
        // The target covers the sources' chunks from the start: removing a file mid-merge finds it.
        if (!newRun(level + 1, &merge.target) || !finishRun(merge.target, firstChunk, lastChunk))
            return false;
        sqlite3_stmt *s = nullptr;
        if (sqlite3_prepare_v2(m_db, "INSERT INTO postings_merging (run, target, next_bucket) VALUES (?1, ?2, 0)", -1,
                               &s, nullptr)
            != SQLITE_OK)
            return fail(u"cannot start a merge of postings"_s);
        bool ok = true;
        for (auto r = group; ok && r != group + kRunsPerLevel; ++r) {
            sqlite3_reset(s);
            sqlite3_bind_int64(s, 1, r->id);
            sqlite3_bind_int64(s, 2, merge.target);
            ok = sqlite3_step(s) == SQLITE_DONE;
            merge.sources.push_back(r->id);
        }
        sqlite3_finalize(s);
        return ok || fail(u"cannot start a merge of postings"_s);
    }
    return true;
}

bool PostingsTable::stepMerge(Merge &merge, qint64 &budget)
{
    std::vector<Block> blocks;
    std::vector<Posting> pending;
    while (budget > 0 && merge.nextBucket < kSegmentBuckets) {
        const int bucket = merge.nextBucket++;
        blocks.clear();
        for (const qint64 source : merge.sources)
            if (!readRunBucket(source, bucket, blocks))
                return false;
        // By word, each word's blocks staying in the order read (chunk order).
        std::stable_sort(blocks.begin(), blocks.end(), [](const Block &a, const Block &b) { return a.term < b.term; });
        // Full blocks are kept as they are; the entries of the others are packed anew, so a word
        // seen a few times per run ends up in one block, not one per run.
        for (size_t i = 0; i < blocks.size(); ++i) {
            const Block &block = blocks[i];
            budget -= block.count;
            if (block.count >= kPostingsPerBlock) {
                if (!writeEntries(merge.target, block.term, pending) || !insertBlock(merge.target, bucket, block))
                    return false;
                pending.clear();
            } else if (!decodePostings(block.data.constData(), block.data.size(), block.firstChunk, pending)
                       || pending.empty() || pending.back().chunkId != block.lastChunk) {
                m_error = u"the postings of the word '%1' are damaged"_s.arg(QString::fromUtf8(block.term));
                return false;
            }
            if (i + 1 == blocks.size() || blocks[i + 1].term != block.term) {
                if (!writeEntries(merge.target, block.term, pending))
                    return false;
                pending.clear();
            }
        }
        for (const qint64 source : merge.sources) {
            sqlite3_stmt *drop = statement(DropRunBucket, "DELETE FROM postings WHERE run = ?1 AND bucket = ?2");
            if (!drop)
                return false;
            sqlite3_bind_int64(drop, 1, source);
            sqlite3_bind_int(drop, 2, bucket);
            if (!step(drop, u"cannot merge the runs of postings"_s))
                return false;
        }
    }
    QByteArray sql;
    if (merge.nextBucket < kSegmentBuckets) {
        sql = "UPDATE postings_merging SET next_bucket = " + QByteArray::number(merge.nextBucket)
            + " WHERE target = " + QByteArray::number(merge.target);
    } else {
        // Done: the sources go (every bucket of their rows already has); so does a target that
        // removals emptied.
        for (const qint64 source : merge.sources)
            sql += "DELETE FROM postings_runs WHERE run = " + QByteArray::number(source) + "; ";
        sql += "DELETE FROM postings_merging WHERE target = " + QByteArray::number(merge.target)
            + "; DELETE FROM postings_runs WHERE run = " + QByteArray::number(merge.target)
            + " AND NOT EXISTS (SELECT 1 FROM postings WHERE run = " + QByteArray::number(merge.target) + ")";
        merge = {};
    }
    return sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK
        || fail(u"cannot merge the runs of postings"_s);
}

bool PostingsTable::mergeRuns(bool complete)
{
    if (!ensureMergingTable())
        return false;
    qint64 budget = complete ? std::numeric_limits<qint64>::max() : mergeStepPostings.load();
    Merge merge;
    while (budget > 0) {
        if (!readMerge(merge))
            return false;
        if (merge.target == 0 && !startMerge(merge))
            return false;
        if (merge.target == 0)
            return true; // nothing to merge
        if (!stepMerge(merge, budget))
            return false;
    }
    return true;
}

bool PostingsTable::upgradeBlocks()
{
    // Blocks keyed by word alone (no run column) are the format before runs.
    bool exists = false;
    bool hasRun = false;
    {
        sqlite3_stmt *columns = nullptr;
        if (sqlite3_prepare_v2(m_db, "SELECT name FROM pragma_table_info('postings')", -1, &columns, nullptr)
            != SQLITE_OK)
            return fail(u"cannot read the postings' columns"_s);
        while (sqlite3_step(columns) == SQLITE_ROW) {
            exists = true;
            hasRun = hasRun || qstrcmp(reinterpret_cast<const char *>(sqlite3_column_text(columns, 0)), "run") == 0;
        }
        sqlite3_finalize(columns);
    }
    if (!exists || hasRun)
        return sqlite3_exec(m_db, kRunsSchema, nullptr, nullptr, nullptr) == SQLITE_OK
            || fail(u"cannot create the runs of postings"_s);
    // One run holds them all, its rows in the order of the key (bucket, word, first chunk).
    if (sqlite3_create_function_v2(m_db, "vd_postings_bucket", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                   bucketOfTerm, nullptr, nullptr, nullptr)
        != SQLITE_OK)
        return fail(u"cannot upgrade the postings"_s);
    const QByteArray sql = QByteArray("ALTER TABLE postings RENAME TO postings_by_word; ") + kPostingsSchema + "; "
        + kRunsSchema
        + "; INSERT INTO postings (run, bucket, term, first_chunk, last_chunk, count, max_frequency, min_length, data) "
          "SELECT 1, vd_postings_bucket(term), term, first_chunk, last_chunk, count, max_frequency, min_length, data "
          "FROM postings_by_word ORDER BY 2, 3, 4; "
          "INSERT INTO postings_runs (run, level, first_chunk, last_chunk) SELECT 1, "
        + QByteArray::number(kUpgradedLevel)
        + ", min(first_chunk), max(last_chunk) FROM postings_by_word HAVING count(*) > 0; "
          "DROP TABLE postings_by_word; UPDATE meta SET value = 3 WHERE key = 'format'";
    const bool ok = sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK
        || fail(u"cannot upgrade the postings"_s);
    sqlite3_create_function_v2(m_db, "vd_postings_bucket", 1, SQLITE_UTF8, nullptr, nullptr, nullptr, nullptr, nullptr);
    return ok;
}

} // namespace vd::engine
