#include "core/engine/index/indextokenizer.h"
#include "core/engine/index/localindex.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

// Search in a store's index: ranking from the postings (every chunk, or block-max pruned),
// phrases matched in the chunks' text, highlighted texts.

namespace vd::engine {

namespace {

std::atomic<bool> g_pruning = true;

// A bound is compared with the k-th score with this much room, so that rounding in the bound's
// arithmetic can never prune a chunk that belongs in the answer.
constexpr double kBoundSlack = 1 + 1e-9;

// FTS5's BM25 of one word in one chunk: idf, the weighted frequency and the chunk's length.
double termScore(double idf, double frequency, double length, double averageLength)
{
    const double norm = kBm25K1 * (1 - kBm25B + kBm25B * length / averageLength);
    return idf * (frequency * (kBm25K1 + 1)) / (frequency + norm);
}

double idfOf(double hits, double chunks)
{
    const double idf = std::log((chunks - hits + 0.5) / (hits + 0.5));
    return idf <= 0 ? 1e-6 : idf;
}

// Which files a search may answer from: visible ones that pass the filter. Without a filter and
// with every file visible, all; otherwise each file is checked once, in batches.
class FileCheck
{
public:
    FileCheck(const QString &connection, const QString &path, const std::optional<Filter> &filter)
        : m_db(QSqlDatabase::database(connection, false))
        , m_path(path)
        , m_sql(u"SELECT f.file_id FROM files f WHERE f.visible = 1"_s)
    {
        m_every = !filter;
        if (filter)
            m_sql += u" AND "_s + filter->toSql(u"f.attributes"_s, &m_binds);
    }

    Result<void> start()
    {
        if (!m_every)
            return {};
        QSqlQuery hidden(m_db);
        if (!hidden.exec(u"SELECT EXISTS (SELECT 1 FROM files WHERE visible = 0)"_s) || !hidden.next())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, hidden.lastError().text()));
        m_every = !hidden.value(0).toBool();
        return {};
    }
    bool everyFile() const { return m_every; }
    // 1 allowed, 0 refused, -1 not checked yet.
    int state(qint64 file) const
    {
        if (m_every)
            return 1;
        const auto it = m_allowed.constFind(file);
        return it == m_allowed.cend() ? -1 : (*it ? 1 : 0);
    }
    // Checks the files not checked yet among `files`.
    Result<void> check(const QList<qint64> &files)
    {
        QList<qint64> unknown;
        for (const qint64 file : files)
            if (!m_allowed.contains(file)) {
                m_allowed.insert(file, false); // refused until the query says otherwise
                unknown << file;
            }
        constexpr qsizetype kBatch = 500;
        for (qsizetype from = 0; from < unknown.size(); from += kBatch) {
            const QList<qint64> batch = unknown.mid(from, kBatch);
            QSqlQuery q(m_db);
            q.setForwardOnly(true);
            if (!q.prepare(m_sql + u" AND f.file_id IN ("_s + QStringList(batch.size(), u"?"_s).join(u", "_s) + u')'))
                return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
            for (const QVariant &v : std::as_const(m_binds))
                q.addBindValue(v);
            for (const qint64 id : batch)
                q.addBindValue(id);
            if (!q.exec())
                return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
            while (q.next())
                m_allowed[q.value(0).toLongLong()] = true;
        }
        return {};
    }

private:
    QSqlDatabase m_db;
    QString m_path;
    QString m_sql;
    QVariantList m_binds;
    bool m_every = true;
    QHash<qint64, bool> m_allowed;
};

bool better(const LocalIndex::Ranked &a, const LocalIndex::Ranked &b)
{
    return a.bm25 > b.bm25 || (a.bm25 == b.bm25 && a.chunk < b.chunk);
}

} // namespace

void LocalIndex::setSearchPruning(bool on)
{
    g_pruning = on;
}

bool LocalIndex::searchPruning()
{
    return g_pruning;
}

Result<QList<LocalIndex::Candidate>> LocalIndex::search(const QStringList &terms, const std::optional<Filter> &filter,
                                                        int limit)
{
    m_lastStats = {int(terms.size()), 0, 0, false};
    if (terms.isEmpty() || limit <= 0)
        return QList<Candidate>();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // One read transaction: the counts, the postings and the rows are one snapshot of the index.
    const bool ownTransaction = !m_inFile;
    if (ownTransaction)
        if (auto r = exec(u"BEGIN"_s); !r)
            return r.error();
    const auto endRead = qScopeGuard([&] {
        if (ownTransaction)
            QSqlQuery(db).exec(u"COMMIT"_s);
    });
    auto total = metaValue(u"chunks"_s);
    auto tokens = total ? metaValue(u"tokens"_s) : total;
    if (!tokens)
        return tokens.error();
    if (!m_postings->loadSegments())
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
    const double n = double(std::max<qint64>(*total, 1));
    const double averageLength = std::max(double(*tokens) / n, 1.0);

    // Each word as FTS5's tokenizer reads it: one token (its postings are read), none (it matches
    // nothing) or a phrase of several tokens (matched in the text of the chunks holding them all).
    QList<QByteArray> words;
    std::map<qsizetype, std::vector<Posting>> phrases;
    for (const QString &term : terms) {
        QList<QByteArray> tokenized = queryTokens(term);
        if (tokenized.size() > 1) {
            auto entries = phrasePostings(tokenized);
            if (!entries)
                return entries.error();
            phrases.emplace(words.size(), std::move(*entries));
            tokenized.clear();
        }
        words << tokenized.value(0);
    }
    m_lastStats.phrases = !phrases.empty();
    double ideal = 0; // the best score the query could reach: scores are divided by it
    auto ranked = g_pruning && phrases.empty()
        ? rankPruned(words, filter, limit, n, averageLength, &ideal)
        : rankAll(words, filter, limit, n, averageLength, &ideal, std::move(phrases));
    if (!ranked)
        return ranked.error();
    const std::vector<Ranked> &best = *ranked;
    if (best.empty())
        return QList<Candidate>();

    // The rows of the chunks shown.
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    if (!rows.prepare(u"SELECT c.id, c.ordinal, f.filename, f.attributes FROM chunks c JOIN files f ON "
                      u"f.file_id = c.file_id WHERE c.id IN ("_s
                      + QStringList(qsizetype(best.size()), u"?"_s).join(u", "_s) + u')'))
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, rows.lastError().text()));
    for (const Ranked &s : best)
        rows.addBindValue(s.chunk);
    if (!rows.exec())
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, rows.lastError().text()));
    QHash<qint64, Candidate> byChunk;
    while (rows.next()) {
        Candidate c;
        c.chunkId = rows.value(0).toLongLong();
        c.ordinal = rows.value(1).toInt();
        c.filename = rows.value(2).toString();
        c.attributes = QJsonDocument::fromJson(rows.value(3).toString().toUtf8()).object();
        byChunk.insert(c.chunkId, c);
    }
    QList<Candidate> found;
    for (const Ranked &s : best) {
        const auto it = byChunk.constFind(s.chunk);
        if (it == byChunk.cend())
            return ServiceError::unavailable(
                u"The index %1 is damaged: chunk %2 has postings but no row; delete the index file to have it "
                u"rebuilt."_s.arg(m_path)
                    .arg(s.chunk));
        Candidate c = *it;
        c.fileId = s.file;
        c.bm25 = s.bm25;
        c.score = ideal > 0 ? std::clamp(s.bm25 / ideal, 0.0, 1.0) : 0.0;
        found.append(c);
    }
    return found;
}

// Every chunk holding a query word, scored: the reference for pruned ranking.
Result<std::vector<LocalIndex::Ranked>> LocalIndex::rankAll(const QList<QByteArray> &words,
                                                            const std::optional<Filter> &filter, int limit,
                                                            double chunks, double averageLength, double *ideal,
                                                            std::map<qsizetype, std::vector<Posting>> phrases)
{
    // FTS5's BM25, term by term: idf from the number of chunks holding the word, the term factor
    // from its weighted frequency in the chunk and the chunk's length.
    struct List
    {
        std::vector<Posting> entries;
        double idf = 0;
        size_t next = 0;
    };
    std::vector<List> lists;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QByteArray &word = words.at(i);
        List list;
        if (const auto phrase = phrases.find(i); phrase != phrases.end())
            list.entries = std::move(phrase->second);
        else if (!word.isEmpty() && !m_postings->read(word, list.entries))
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
        list.idf = idfOf(double(list.entries.size()), chunks);
        *ideal += list.idf * (kBm25K1 + 1);
        m_lastStats.postings += qint64(list.entries.size());
        if (!list.entries.empty())
            lists.push_back(std::move(list));
    }
    const auto score = [&](const List &list, const Posting &p) {
        return termScore(list.idf, p.frequency, p.length, averageLength);
    };
    std::vector<Ranked> scored;
    scored.reserve(size_t(m_lastStats.postings));
    if (lists.size() == 1) {
        for (const Posting &p : lists.front().entries)
            scored.push_back({score(lists.front(), p), p.chunkId, p.fileId});
    } else {
        // Every chunk holding some word, in chunk order: a merge of the words' postings.
        for (;;) {
            qint64 current = std::numeric_limits<qint64>::max();
            for (const List &list : lists)
                if (list.next < list.entries.size())
                    current = std::min(current, list.entries[list.next].chunkId);
            if (current == std::numeric_limits<qint64>::max())
                break;
            Ranked s{0, current, 0};
            for (List &list : lists)
                if (list.next < list.entries.size() && list.entries[list.next].chunkId == current) {
                    const Posting &p = list.entries[list.next++];
                    s.bm25 += score(list, p);
                    s.file = p.fileId;
                }
            scored.push_back(s);
        }
    }
    m_lastStats.candidates = qint64(scored.size());

    // The best chunks of files that are visible and pass the filter. Files are checked once
    // each, for the best chunks first, in growing batches; without a filter and with every file
    // visible, the first `limit` chunks are the answer.
    FileCheck files(m_connection, m_path, filter);
    if (auto r = files.start(); !r)
        return r.error();
    std::vector<Ranked> best;
    size_t done = 0;
    size_t window = files.everyFile() ? size_t(limit) : size_t(std::max(limit * 2, 20));
    while (best.size() < size_t(limit) && done < scored.size()) {
        const size_t end = std::min(scored.size(), done + window);
        std::partial_sort(scored.begin() + qsizetype(done), scored.begin() + qsizetype(end), scored.end(), better);
        if (!files.everyFile()) {
            QList<qint64> seen;
            for (size_t i = done; i < end; ++i)
                seen << scored[i].file;
            if (auto r = files.check(seen); !r)
                return r.error();
        }
        for (size_t i = done; i < end && best.size() < size_t(limit); ++i)
            if (files.state(scored[i].file) == 1)
                best.push_back(scored[i]);
        done = end;
        window *= 4;
    }
    return best;
}

// The top `limit` by block-max pruning (rankBlocks), among allowed files.
Result<std::vector<LocalIndex::Ranked>> LocalIndex::rankPruned(const QList<QByteArray> &words,
                                                               const std::optional<Filter> &filter, int limit,
                                                               double chunks, double averageLength, double *ideal)
{
    // With a filter or hidden files: the best chunks of every file, deeper until `limit` of them
    // are allowed. Any allowed chunk below the `depth` best ranks below all of them, so the
    // allowed ones among them, in order, are exactly the answer once there are `limit`.
    FileCheck files(m_connection, m_path, filter);
    if (auto r = files.start(); !r)
        return r.error();
    size_t depth = files.everyFile() ? size_t(limit) : size_t(std::max(limit * 2, 20));
    for (bool first = true;; first = false) {
        auto top = rankBlocks(words, depth, chunks, averageLength, first ? ideal : nullptr);
        if (!top || files.everyFile())
            return top;
        QList<qint64> seen;
        for (const Ranked &s : *top)
            seen << s.file;
        if (auto r = files.check(seen); !r)
            return r.error();
        std::vector<Ranked> best;
        for (const Ranked &s : *top)
            if (best.size() < size_t(limit) && files.state(s.file) == 1)
                best.push_back(s);
        if (best.size() == size_t(limit) || top->size() < depth)
            return best;
        depth *= 4;
    }
}

// Block-max pruning (docs/search.md): the words' blocks are walked in chunk order, a range of
// chunks at a time over which every word's block is the same; each block's bound is the word's
// score at the block's largest frequency and shortest chunk. A range whose bounds add up to less
// than the k-th best score so far is skipped without decoding a block; within a range, only
// chunks of the words whose bounds together could reach the k-th score are candidates (the
// others' are looked up for them), and a candidate is dropped as soon as its score plus the
// bounds still missing cannot reach it. Every chunk that could enter the top k is scored as
// rankAll scores it (the same terms added in the same order), so the answer is the same.
Result<std::vector<LocalIndex::Ranked>> LocalIndex::rankBlocks(const QList<QByteArray> &words, size_t limit,
                                                               double chunks, double averageLength, double *ideal)
{
    struct Word
    {
        std::unique_ptr<PostingsCursor> cursor;
        double idf = 0;
        double bound = 0; // of the current block
        size_t next = 0; // in the current block's entries
        const std::vector<Posting> *entries = nullptr; // the current block's, once decoded
    };
    std::vector<Word> list;
    const auto failed = [&](const QString &why) {
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, why));
    };
    for (const QByteArray &word : words) {
        Word w;
        if (!word.isEmpty()) {
            w.cursor = m_postings->cursor(word);
            if (!w.cursor)
                return failed(m_postings->error());
        }
        const qint64 count = w.cursor ? w.cursor->count() : 0;
        w.idf = idfOf(double(count), chunks);
        if (ideal) {
            *ideal += w.idf * (kBm25K1 + 1);
            m_lastStats.postings += count;
        }
        if (count > 0 && !w.cursor->atEnd())
            list.push_back(std::move(w));
    }
    const auto blockBound = [&](Word &w) {
        w.bound = termScore(w.idf, w.cursor->maxFrequency(), w.cursor->minLength(), averageLength);
        w.entries = nullptr;
        w.next = 0;
    };
    for (Word &w : list)
        blockBound(w);
    const auto decode = [&](Word &w) -> bool {
        if (!w.entries)
            w.entries = w.cursor->entries();
        return w.entries != nullptr;
    };

    // The best `limit` chunks so far: a heap whose front is the worst of them.
    std::vector<Ranked> heap;
    const auto threshold = [&] {
        return heap.size() < limit ? -std::numeric_limits<double>::infinity() : heap.front().bm25;
    };
    const auto offer = [&](const Ranked &s) {
        if (heap.size() < limit) {
            heap.push_back(s);
            std::push_heap(heap.begin(), heap.end(), better);
        } else if (better(s, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), better);
            heap.back() = s;
            std::push_heap(heap.begin(), heap.end(), better);
        }
    };

    std::vector<Word *> active;
    std::vector<double> contribution(list.size());
    std::vector<int> present;
    qint64 pos = std::numeric_limits<qint64>::min();
    for (;;) {
        // Every word's block that ends before `pos` is done.
        for (Word &w : list)
            while (!w.cursor->atEnd() && w.cursor->last() < pos) {
                if (!w.cursor->next())
                    return failed(w.cursor->error());
                if (!w.cursor->atEnd())
                    blockBound(w);
            }
        qint64 from = std::numeric_limits<qint64>::max();
        for (const Word &w : list)
            if (!w.cursor->atEnd())
                from = std::min(from, std::max(pos, w.cursor->first()));
        if (from == std::numeric_limits<qint64>::max())
            break;
        // The range from..to over which the same blocks hold: until a block ends or another starts.
        qint64 to = std::numeric_limits<qint64>::max();
        active.clear();
        double total = 0;
        for (Word &w : list) {
            if (w.cursor->atEnd())
                continue;
            if (w.cursor->first() <= from) {
                active.push_back(&w);
                to = std::min(to, w.cursor->last());
                total += w.bound;
            } else {
                to = std::min(to, w.cursor->first() - 1);
            }
        }
        pos = to == std::numeric_limits<qint64>::max() ? to : to + 1;
        const double kth = threshold();
        if (total * kBoundSlack < kth)
            continue;
        // The words whose bounds together stay below the k-th score cannot make a chunk enter
        // alone: their chunks are candidates only if another word holds them too.
        std::sort(active.begin(), active.end(), [](const Word *a, const Word *b) { return a->bound < b->bound; });
        size_t optional = 0;
        double optionalBound = 0;
        while (optional < active.size() && (optionalBound + active[optional]->bound) * kBoundSlack < kth)
            optionalBound += active[optional++]->bound;
        for (size_t i = optional; i < active.size(); ++i) {
            if (!decode(*active[i]))
                return failed(active[i]->cursor->error());
            Word &w = *active[i];
            while (w.next < w.entries->size() && (*w.entries)[w.next].chunkId < from)
                ++w.next;
        }
        for (;;) {
            qint64 chunk = std::numeric_limits<qint64>::max();
            for (size_t i = optional; i < active.size(); ++i) {
                const Word &w = *active[i];
                if (w.next < w.entries->size() && (*w.entries)[w.next].chunkId <= to)
                    chunk = std::min(chunk, (*w.entries)[w.next].chunkId);
            }
            if (chunk == std::numeric_limits<qint64>::max())
                break;
            present.clear();
            double partial = 0;
            qint64 file = 0;
            for (size_t i = optional; i < active.size(); ++i) {
                Word &w = *active[i];
                if (w.next < w.entries->size() && (*w.entries)[w.next].chunkId == chunk) {
                    const Posting &p = (*w.entries)[w.next++];
                    const int index = int(&w - list.data());
                    contribution[size_t(index)] = termScore(w.idf, p.frequency, p.length, averageLength);
                    partial += contribution[size_t(index)];
                    present.push_back(index);
                    file = p.fileId;
                }
            }
            // The optional words, most promising first, while the chunk can still reach the k-th.
            double missing = optionalBound;
            bool hopeless = (partial + missing) * kBoundSlack < threshold();
            for (size_t i = optional; i-- > 0 && !hopeless;) {
                Word &w = *active[i];
                missing -= w.bound;
                if (!decode(w))
                    return failed(w.cursor->error());
                while (w.next < w.entries->size() && (*w.entries)[w.next].chunkId < chunk)
                    ++w.next;
                if (w.next < w.entries->size() && (*w.entries)[w.next].chunkId == chunk) {
                    const Posting &p = (*w.entries)[w.next];
                    const int index = int(&w - list.data());
                    contribution[size_t(index)] = termScore(w.idf, p.frequency, p.length, averageLength);
                    partial += contribution[size_t(index)];
                    present.push_back(index);
                }
                hopeless = (partial + std::max(missing, 0.0)) * kBoundSlack < threshold();
            }
            if (hopeless)
                continue;
            // The score exactly as rankAll adds it up: the words in query order.
            std::sort(present.begin(), present.end());
            Ranked s{0, chunk, file};
            for (const int index : present)
                s.bm25 += contribution[size_t(index)];
            ++m_lastStats.candidates;
            offer(s);
        }
        if (to == std::numeric_limits<qint64>::max())
            break;
    }
    std::sort(heap.begin(), heap.end(), better);
    return heap;
}

namespace {

// How often `phrase` occurs in `tokens`: runs of consecutive tokens equal to it, overlapping
// ones included, as FTS5 counts a phrase's instances.
int phraseCount(const std::vector<QByteArray> &tokens, const QList<QByteArray> &phrase)
{
    int count = 0;
    for (size_t i = 0; i + size_t(phrase.size()) <= tokens.size(); ++i)
        if (std::equal(phrase.cbegin(), phrase.cend(), tokens.begin() + qsizetype(i)))
            ++count;
    return count;
}

} // namespace

QList<QByteArray> LocalIndex::queryTokens(const QString &term) const
{
    QList<QByteArray> tokens;
    m_tokenizer->tokenize(term.toUtf8(), IndexTokenizer::Mode::Query,
                          [&](const char *text, int size) { tokens << QByteArray(text, size); });
    return tokens;
}

Result<std::vector<Posting>> LocalIndex::phrasePostings(const QList<QByteArray> &tokens)
{
    // The chunks holding every token, from the postings (by chunk id), then each one's phrase
    // count from its title and text, tokenized as when they were indexed.
    std::vector<Posting> holding;
    for (qsizetype t = 0; t < tokens.size(); ++t) {
        std::vector<Posting> entries;
        if (!m_postings->read(tokens.at(t), entries))
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
        m_lastStats.postings += qint64(entries.size());
        if (t == 0) {
            holding = std::move(entries);
            continue;
        }
        std::vector<Posting> both;
        std::set_intersection(holding.begin(), holding.end(), entries.begin(), entries.end(), std::back_inserter(both),
                              [](const Posting &a, const Posting &b) { return a.chunkId < b.chunkId; });
        holding = std::move(both);
    }
    std::vector<Posting> found;
    QHash<QString, int> titleCounts; // a file's title is the same in each of its chunks
    constexpr size_t kBatch = 500;
    for (size_t from = 0; from < holding.size(); from += kBatch) {
        const size_t to = std::min(holding.size(), from + kBatch);
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.setForwardOnly(true);
        if (!q.prepare(u"SELECT id, title, text FROM chunks WHERE id IN ("_s
                       + QStringList(qsizetype(to - from), u"?"_s).join(u", "_s) + u") ORDER BY id"_s))
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        for (size_t i = from; i < to; ++i)
            q.addBindValue(holding[i].chunkId);
        if (!q.exec())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        std::vector<QByteArray> words;
        const auto count = [&](const QByteArray &utf8) {
            words.clear();
            m_tokenizer->tokenize(utf8, IndexTokenizer::Mode::Document,
                                  [&](const char *text, int size) { words.emplace_back(text, size); });
            return phraseCount(words, tokens);
        };
        size_t next = from;
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            while (next < to && holding[next].chunkId < id)
                ++next;
            if (next == to || holding[next].chunkId != id)
                continue;
            const QString title = q.value(1).toString();
            auto titleCount = titleCounts.constFind(title);
            if (titleCount == titleCounts.cend())
                titleCount = titleCounts.insert(title, count(title.toUtf8()));
            const quint32 frequency = kTitleFrequencyWeight * quint32(*titleCount)
                + kTextFrequencyWeight * quint32(count(q.value(2).toString().toUtf8()));
            if (frequency > 0)
                found.push_back({id, holding[next].fileId, frequency, holding[next].length});
        }
        if (q.lastError().isValid())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    }
    return found;
}

Result<QHash<qint64, LocalIndex::ChunkText>> LocalIndex::texts(const QList<qint64> &chunkIds, const QStringList &terms)
{
    QHash<qint64, ChunkText> result;
    if (chunkIds.isEmpty())
        return result;
    // Each term as the tokens it matches (a phrase when several), as search() reads it.
    QList<QList<QByteArray>> phrases;
    for (const QString &term : terms)
        if (QList<QByteArray> tokens = queryTokens(term); !tokens.isEmpty())
            phrases << tokens;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    if (!q.prepare(u"SELECT id, text FROM chunks WHERE id IN ("_s + QStringList(chunkIds.size(), u"?"_s).join(u", "_s)
                   + u')'))
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    for (const qint64 id : chunkIds)
        q.addBindValue(id);
    if (!q.exec())
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    struct Token
    {
        QByteArray word;
        int start;
        int end;
    };
    std::vector<Token> tokens;
    while (q.next()) {
        const QByteArray text = q.value(1).toString().toUtf8();
        tokens.clear();
        if (!phrases.isEmpty())
            m_tokenizer->tokenizeSpans(text, IndexTokenizer::Mode::Document,
                                       [&](const char *word, int size, int start, int end) {
                                           tokens.push_back({QByteArray(word, size), start, end});
                                       });
        // The byte ranges where a term matches, as FTS5's highlight() marks them.
        QSet<QString> matched;
        for (size_t i = 0; i < tokens.size(); ++i)
            for (const QList<QByteArray> &phrase : std::as_const(phrases)) {
                if (i + size_t(phrase.size()) > tokens.size())
                    continue;
                bool equal = true;
                for (qsizetype k = 0; equal && k < phrase.size(); ++k)
                    equal = tokens[i + size_t(k)].word == phrase.at(k);
                if (equal) {
                    const int start = tokens[i].start;
                    const int end = tokens[i + size_t(phrase.size()) - 1].end;
                    matched.insert(QString::fromUtf8(text.constData() + start, end - start).toLower());
                }
            }
        ChunkText chunk;
        chunk.text = QString::fromUtf8(text);
        chunk.matchedTerms = QStringList(matched.cbegin(), matched.cend());
        chunk.matchedTerms.sort();
        result.insert(q.value(0).toLongLong(), chunk);
    }
    if (q.lastError().isValid())
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    return result;
}

} // namespace vd::engine
