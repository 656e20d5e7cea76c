#include "core/engine/index/fts5scorer.h"
#include "core/engine/index/localindex.h"
#include "core/engine/index/localindexdetail.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

// Search in a store's index: ranking from the postings, phrases through FTS5, highlighted texts.

namespace vd::engine {

using detail::kMarkClose;
using detail::kMarkOpen;
using detail::quoted;

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

    // Each word as FTS5 matches it: one token (read from the postings), none (it matches
    // nothing) or a phrase of several tokens, which only FTS5 can match.
    QList<QByteArray> words;
    for (const QString &term : terms) {
        QList<QByteArray> tokenized;
        m_tokenizer->tokenize(term.toUtf8(), IndexTokenizer::Mode::Query,
                              [&](const char *text, int size) { tokenized << QByteArray(text, size); });
        if (tokenized.size() > 1)
            return searchPhrases(terms, filter, limit, n);
        words << tokenized.value(0);
    }
    m_lastStats.fromPostings = true;

    // FTS5's BM25, term by term: idf from the number of chunks holding the word, the term factor
    // from its weighted frequency in the chunk and the chunk's length.
    struct List
    {
        std::vector<Posting> entries;
        double idf = 0;
        size_t next = 0;
    };
    std::vector<List> lists;
    double ideal = 0; // the best score the query could reach: scores are divided by it
    for (const QByteArray &word : std::as_const(words)) {
        List list;
        if (!word.isEmpty() && !m_postings->read(word, list.entries))
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
        const double hits = double(list.entries.size());
        list.idf = std::log((n - hits + 0.5) / (hits + 0.5));
        if (list.idf <= 0)
            list.idf = 1e-6;
        ideal += list.idf * (kBm25K1 + 1);
        m_lastStats.postings += qint64(list.entries.size());
        if (!list.entries.empty())
            lists.push_back(std::move(list));
    }
    const auto termScore = [&](const List &list, const Posting &p) {
        const double f = p.frequency;
        const double norm = kBm25K1 * (1 - kBm25B + kBm25B * double(p.length) / averageLength);
        return list.idf * (f * (kBm25K1 + 1)) / (f + norm);
    };
    struct Scored
    {
        double bm25;
        qint64 chunk;
        qint64 file;
    };
    std::vector<Scored> scored;
    scored.reserve(size_t(m_lastStats.postings));
    if (lists.size() == 1) {
        for (const Posting &p : lists.front().entries)
            scored.push_back({termScore(lists.front(), p), p.chunkId, p.fileId});
    } else {
        // Every chunk holding some word, in chunk order: a merge of the words' postings.
        for (;;) {
            qint64 current = std::numeric_limits<qint64>::max();
            for (const List &list : lists)
                if (list.next < list.entries.size())
                    current = std::min(current, list.entries[list.next].chunkId);
            if (current == std::numeric_limits<qint64>::max())
                break;
            Scored s{0, current, 0};
            for (List &list : lists)
                if (list.next < list.entries.size() && list.entries[list.next].chunkId == current) {
                    const Posting &p = list.entries[list.next++];
                    s.bm25 += termScore(list, p);
                    s.file = p.fileId;
                }
            scored.push_back(s);
        }
    }
    m_lastStats.candidates = qint64(scored.size());

    // The best chunks of files that are visible and pass the filter. Files are checked once
    // each, for the best chunks first, in growing batches; without a filter and with every file
    // visible, the first `limit` chunks are the answer.
    bool everyFile = !filter;
    if (everyFile) {
        QSqlQuery hidden(db);
        if (!hidden.exec(u"SELECT EXISTS (SELECT 1 FROM files WHERE visible = 0)"_s) || !hidden.next())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, hidden.lastError().text()));
        everyFile = !hidden.value(0).toBool();
    }
    QString allowedSql = u"SELECT f.file_id FROM files f WHERE f.visible = 1"_s;
    QVariantList filterBinds;
    if (filter)
        allowedSql += u" AND "_s + filter->toSql(u"f.attributes"_s, &filterBinds);
    QHash<qint64, bool> allowed;
    auto checkFiles = [&](const QList<qint64> &files) -> Result<void> {
        constexpr qsizetype kBatch = 500;
        for (qsizetype from = 0; from < files.size(); from += kBatch) {
            const QList<qint64> batch = files.mid(from, kBatch);
            QSqlQuery q(db);
            q.setForwardOnly(true);
            if (!q.prepare(allowedSql + u" AND f.file_id IN ("_s + QStringList(batch.size(), u"?"_s).join(u", "_s)
                           + u')'))
                return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
            for (const QVariant &v : std::as_const(filterBinds))
                q.addBindValue(v);
            for (const qint64 id : batch)
                q.addBindValue(id);
            if (!q.exec())
                return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
            while (q.next())
                allowed[q.value(0).toLongLong()] = true;
        }
        return {};
    };
    const auto better = [](const Scored &a, const Scored &b) {
        return a.bm25 > b.bm25 || (a.bm25 == b.bm25 && a.chunk < b.chunk);
    };
    std::vector<Scored> best;
    size_t done = 0;
    size_t window = everyFile ? size_t(limit) : size_t(std::max(limit * 2, 20));
    while (best.size() < size_t(limit) && done < scored.size()) {
        const size_t end = std::min(scored.size(), done + window);
        std::partial_sort(scored.begin() + qsizetype(done), scored.begin() + qsizetype(end), scored.end(), better);
        if (!everyFile) {
            // Files not seen yet: refused until the query says otherwise.
            QList<qint64> unknown;
            for (size_t i = done; i < end; ++i)
                if (!allowed.contains(scored[i].file)) {
                    allowed.insert(scored[i].file, false);
                    unknown << scored[i].file;
                }
            if (auto r = checkFiles(unknown); !r)
                return r.error();
        }
        for (size_t i = done; i < end && best.size() < size_t(limit); ++i)
            if (everyFile || allowed.value(scored[i].file))
                best.push_back(scored[i]);
        done = end;
        window *= 4;
    }
    if (best.empty())
        return QList<Candidate>();

    // The rows of the chunks shown.
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    if (!rows.prepare(u"SELECT c.id, c.ordinal, f.filename, f.attributes FROM chunks c JOIN files f ON "
                      u"f.file_id = c.file_id WHERE c.id IN ("_s
                      + QStringList(qsizetype(best.size()), u"?"_s).join(u", "_s) + u')'))
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, rows.lastError().text()));
    for (const Scored &s : best)
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
    for (const Scored &s : best) {
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

Result<QList<LocalIndex::Candidate>>
LocalIndex::searchPhrases(const QStringList &terms, const std::optional<Filter> &filter, int limit, double chunks)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // Each word's idf from FTS5's own count of the chunks it matches.
    QStringList phrases;
    QVariantList idfs;
    double ideal = 0;
    qint64 matchesAtMost = 0;
    for (const QString &term : terms) {
        phrases << quoted(term);
        QSqlQuery q(db);
        q.prepare(u"SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?"_s);
        q.addBindValue(phrases.constLast());
        if (!q.exec() || !q.next())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        const double hits = q.value(0).toDouble();
        double idf = std::log((chunks - hits + 0.5) / (hits + 0.5));
        if (idf <= 0)
            idf = 1e-6;
        idfs << idf;
        ideal += idf * (kBm25K1 + 1);
        matchesAtMost += qint64(hits);
    }
    m_lastStats.candidates = matchesAtMost;
    if (matchesAtMost == 0)
        return QList<Candidate>();
    QString where = u"f.visible = 1"_s;
    QVariantList filterBinds;
    if (filter)
        where += u" AND "_s + filter->toSql(u"f.attributes"_s, &filterBinds);
    QList<Candidate> found;
    // FTS5 ranks every match; the best rows are joined to their files. When visibility or a
    // filter rejects too many of them, look deeper.
    for (qint64 depth = std::max(limit * 2, 20);; depth *= 4) {
        found.clear();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.prepare(u"SELECT c.id, c.file_id, c.ordinal, f.filename, f.attributes, t.score FROM "
                       u"(SELECT rowid, vd_bm25(chunks_fts, 0, "_s
                       + QStringList(idfs.size(), u"?"_s).join(u", "_s)
                       + u") AS score FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY score DESC LIMIT ?) t "
                         u"JOIN chunks c ON c.id = t.rowid JOIN files f ON f.file_id = c.file_id WHERE "_s
                       + where + u" ORDER BY t.score DESC, c.id LIMIT ?"_s))
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        for (const QVariant &idf : std::as_const(idfs))
            q.addBindValue(idf);
        q.addBindValue(phrases.join(u" OR "_s));
        q.addBindValue(depth);
        for (const QVariant &v : std::as_const(filterBinds))
            q.addBindValue(v);
        q.addBindValue(limit);
        if (!q.exec())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        while (q.next()) {
            Candidate c;
            c.chunkId = q.value(0).toLongLong();
            c.fileId = q.value(1).toLongLong();
            c.ordinal = q.value(2).toInt();
            c.filename = q.value(3).toString();
            c.attributes = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
            c.bm25 = q.value(5).toDouble();
            c.score = ideal > 0 ? std::clamp(c.bm25 / ideal, 0.0, 1.0) : 0.0;
            found.append(c);
        }
        // Enough rows, or every match was already considered.
        if (found.size() >= limit || depth >= matchesAtMost)
            break;
    }
    return found;
}

Result<QHash<qint64, LocalIndex::ChunkText>> LocalIndex::texts(const QList<qint64> &chunkIds, const QStringList &terms)
{
    QHash<qint64, ChunkText> result;
    if (chunkIds.isEmpty())
        return result;
    QStringList phrases;
    for (const QString &term : terms)
        phrases << quoted(term);
    // highlight() marks what FTS5 matched, with the same tokenizer and stemming as the search.
    QStringList placeholders;
    QVariantList binds{phrases.join(u" OR "_s)};
    for (const qint64 id : chunkIds) {
        placeholders << u"?"_s;
        binds << id;
    }
    QSqlQuery h(QSqlDatabase::database(m_connection, false));
    h.setForwardOnly(true);
    h.prepare(u"SELECT rowid, highlight(chunks_fts, 1, char(2), char(3)) FROM chunks_fts WHERE chunks_fts MATCH ? "
              u"AND rowid IN ("_s
              + placeholders.join(u", "_s) + u')');
    for (const QVariant &v : std::as_const(binds))
        h.addBindValue(v);
    if (!h.exec())
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, h.lastError().text()));
    while (h.next()) {
        const QString marked = h.value(1).toString();
        ChunkText chunk;
        chunk.text.reserve(marked.size());
        QSet<QString> matched;
        qsizetype open = -1;
        for (const QChar ch : marked) {
            if (ch == kMarkOpen) {
                open = chunk.text.size();
            } else if (ch == kMarkClose) {
                if (open >= 0)
                    matched.insert(chunk.text.mid(open).toLower());
                open = -1;
            } else {
                chunk.text += ch;
            }
        }
        chunk.matchedTerms = QStringList(matched.cbegin(), matched.cend());
        chunk.matchedTerms.sort();
        result.insert(h.value(0).toLongLong(), chunk);
    }
    // Chunks the terms do not match (another query of a multi-query search) still need text.
    QStringList missing;
    QVariantList missingIds;
    for (const qint64 id : chunkIds)
        if (!result.contains(id)) {
            missing << u"?"_s;
            missingIds << id;
        }
    if (!missing.isEmpty()) {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.prepare(u"SELECT id, text FROM chunks WHERE id IN ("_s + missing.join(u", "_s) + u')');
        for (const QVariant &v : std::as_const(missingIds))
            q.addBindValue(v);
        if (!q.exec())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        while (q.next())
            result.insert(q.value(0).toLongLong(), {q.value(1).toString(), {}});
    }
    return result;
}

} // namespace vd::engine
