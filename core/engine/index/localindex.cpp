#include "localindex.h"

#include "fts5scorer.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

using namespace Qt::StringLiterals;

namespace vd::engine {

Q_LOGGING_CATEGORY(lcIndex, "vectordesk.engine.index", QtInfoMsg)

namespace {

// Column weights: a word of the title field (the file's name and the document's own title)
// counts four times a word of the text. On Cranfield, weights 3 to 8 all score nDCG@10
// 0.374-0.377 (1: 0.369, no title field: 0.359); 4 sits in the middle of that plateau.
constexpr double kTitleWeight = 4.0;
constexpr double kTextWeight = 1.0;
constexpr char16_t kMarkOpen = u'\x02';
constexpr char16_t kMarkClose = u'\x03';

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"vectordesk-index-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

QString titleOf(const QString &filename)
{
    QString title = QFileInfo(filename).completeBaseName();
    for (QChar &c : title)
        if (!c.isLetterOrNumber())
            c = u' ';
    return title.simplified();
}

const QStringList &stopWords()
{
    // A short English list: words that match almost every chunk and carry no meaning alone.
    static const QStringList words = {
        u"a"_s,      u"about"_s, u"above"_s, u"after"_s,   u"again"_s, u"against"_s, u"all"_s,     u"am"_s,
        u"an"_s,     u"and"_s,   u"any"_s,   u"are"_s,     u"as"_s,    u"at"_s,      u"be"_s,      u"been"_s,
        u"before"_s, u"being"_s, u"below"_s, u"between"_s, u"both"_s,  u"but"_s,     u"by"_s,      u"can"_s,
        u"could"_s,  u"did"_s,   u"do"_s,    u"does"_s,    u"doing"_s, u"down"_s,    u"during"_s,  u"each"_s,
        u"few"_s,    u"for"_s,   u"from"_s,  u"further"_s, u"had"_s,   u"has"_s,     u"have"_s,    u"having"_s,
        u"he"_s,     u"her"_s,   u"here"_s,  u"hers"_s,    u"him"_s,   u"his"_s,     u"how"_s,     u"i"_s,
        u"if"_s,     u"in"_s,    u"into"_s,  u"is"_s,      u"it"_s,    u"its"_s,     u"itself"_s,  u"just"_s,
        u"me"_s,     u"more"_s,  u"most"_s,  u"my"_s,      u"no"_s,    u"nor"_s,     u"not"_s,     u"now"_s,
        u"of"_s,     u"off"_s,   u"on"_s,    u"once"_s,    u"only"_s,  u"or"_s,      u"other"_s,   u"our"_s,
        u"ours"_s,   u"out"_s,   u"over"_s,  u"own"_s,     u"same"_s,  u"she"_s,     u"should"_s,  u"so"_s,
        u"some"_s,   u"such"_s,  u"than"_s,  u"that"_s,    u"the"_s,   u"their"_s,   u"theirs"_s,  u"them"_s,
        u"then"_s,   u"there"_s, u"these"_s, u"they"_s,    u"this"_s,  u"those"_s,   u"through"_s, u"to"_s,
        u"too"_s,    u"under"_s, u"until"_s, u"up"_s,      u"very"_s,  u"was"_s,     u"we"_s,      u"were"_s,
        u"what"_s,   u"when"_s,  u"where"_s, u"which"_s,   u"while"_s, u"who"_s,     u"whom"_s,    u"why"_s,
        u"will"_s,   u"with"_s,  u"would"_s, u"you"_s,     u"your"_s,  u"yours"_s,
    };
    return words;
}

// A term as an FTS5 string: the only syntax user text ever reaches FTS5 in.
QString quoted(const QString &term)
{
    QString escaped = term;
    escaped.replace(u'"', u"\"\""_s);
    return u'"' + escaped + u'"';
}

} // namespace

QStringList analyzeQuery(const QString &query)
{
    QStringList words;
    QString current;
    auto flush = [&] {
        if (!current.isEmpty() && !words.contains(current))
            words << current;
        current.clear();
    };
    for (const QChar c : query) {
        if (c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing)
            current += c.toLower();
        else
            flush();
    }
    flush();
    QStringList meaningful = words;
    meaningful.removeIf([](const QString &w) { return stopWords().contains(w); });
    return meaningful.isEmpty() ? words : meaningful;
}

LocalIndex::LocalIndex(QString path)
    : m_path(std::move(path))
    , m_connection(nextConnectionName())
{ }

LocalIndex::~LocalIndex()
{
    if (m_inFile)
        abortFile();
    m_insertChunk.reset();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Result<void> LocalIndex::exec(const QString &sql, const QVariantList &binds)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (binds.isEmpty() ? !q.exec(sql) : (!q.prepare(sql) || [&] {
            for (const QVariant &v : binds)
                q.addBindValue(v);
            return !q.exec();
        }()))
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    return {};
}

Result<void> LocalIndex::open()
{
    if (QSqlDatabase::database(m_connection, false).isOpen())
        return {};
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return ServiceError::unavailable(
            u"Cannot create the folder of the index %1; check its permissions."_s.arg(m_path));
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=30000"_s);
    if (!db.open())
        return ServiceError::unavailable(u"Cannot open the index %1: %2"_s.arg(m_path, db.lastError().text()));
    const QStringList setup = {
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous=NORMAL"_s,
        u"PRAGMA cache_size=-32000"_s,
        u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"_s,
        u"INSERT OR IGNORE INTO meta (key, value) VALUES ('chunks', 0), ('format', 1)"_s,
        u"CREATE TABLE IF NOT EXISTS files (file_id INTEGER PRIMARY KEY, filename TEXT NOT NULL, "
        u"attributes TEXT NOT NULL DEFAULT '{}', visible INTEGER NOT NULL DEFAULT 1, chunk_count INTEGER NOT NULL, "
        u"token_count INTEGER NOT NULL, text_bytes INTEGER NOT NULL, chunk_bytes INTEGER NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS chunks (id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, ordinal INTEGER NOT "
        u"NULL, "
        u"start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, token_count INTEGER NOT NULL, title TEXT NOT "
        u"NULL, "
        u"text TEXT NOT NULL, UNIQUE (file_id, ordinal))"_s,
        u"CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(title, text, content='chunks', content_rowid='id', "
        u"tokenize='porter unicode61 remove_diacritics 2')"_s,
        u"INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('rank', 'bm25(%1, %2)')"_s.arg(kTitleWeight)
            .arg(kTextWeight),
        u"CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN "
        u"INSERT INTO chunks_fts (rowid, title, text) VALUES (new.id, new.title, new.text); END"_s,
        u"CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN "
        u"INSERT INTO chunks_fts (chunks_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END"_s,
    };
    // The pragmas hold per connection; the schema only needs creating once.
    QSqlQuery probe(db);
    const bool exists = probe.exec(u"SELECT 1 FROM sqlite_master WHERE name = 'chunks_ad'"_s) && probe.next();
    probe.finish();
    for (const QString &statement : exists ? setup.mid(0, 3) : setup)
        if (auto r = exec(statement); !r)
            return r;
    QString why;
    if (!registerFts5Scorer(db, kTitleWeight, kTextWeight, &why))
        return ServiceError::unavailable(u"Cannot search the index %1: %2."_s.arg(m_path, why));
    return {};
}

Result<void> LocalIndex::beginFile(qint64 fileId, const QString &filename, const QJsonObject &attributes)
{
    if (auto r = exec(u"BEGIN IMMEDIATE"_s); !r)
        return r;
    m_inFile = true;
    m_currentFile = fileId;
    m_currentChunks = 0;
    m_currentTokens = 0;
    m_currentChunkBytes = 0;
    m_currentTitle = titleOf(filename);
    // Whatever an interrupted attempt committed for this file is replaced, never duplicated.
    if (auto r = removeFile(fileId); !r) {
        abortFile();
        return r;
    }
    const QString attributesText = QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact));
    if (auto r =
            exec(u"INSERT INTO files (file_id, filename, attributes, visible, chunk_count, token_count, text_bytes, "
                 u"chunk_bytes) VALUES (?, ?, ?, 1, 0, 0, 0, 0)"_s,
                 {fileId, filename, attributesText});
        !r) {
        abortFile();
        return r;
    }
    return {};
}

void LocalIndex::setDocumentTitle(const QString &title)
{
    if (m_currentChunks == 0 && !title.isEmpty())
        m_currentTitle += u' ' + title;
}

Result<void> LocalIndex::addChunk(const Chunk &chunk)
{
    if (!m_inFile)
        return ServiceError::unavailable(u"Chunk added outside of a file transaction."_s);
    if (!m_insertChunk) {
        m_insertChunk = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connection, false));
        if (!m_insertChunk->prepare(
                u"INSERT INTO chunks (file_id, ordinal, start_offset, end_offset, token_count, title, "
                u"text) VALUES (?, ?, ?, ?, ?, ?, ?)"_s))
            return ServiceError::unavailable(
                u"The index %1 failed: %2"_s.arg(m_path, m_insertChunk->lastError().text()));
    }
    QSqlQuery &q = *m_insertChunk;
    q.addBindValue(m_currentFile);
    q.addBindValue(chunk.ordinal);
    q.addBindValue(chunk.startOffset);
    q.addBindValue(chunk.endOffset);
    q.addBindValue(chunk.tokenCount);
    q.addBindValue(m_currentTitle);
    q.addBindValue(QString::fromUtf8(chunk.text));
    if (!q.exec())
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    ++m_currentChunks;
    m_currentTokens += chunk.tokenCount;
    m_currentChunkBytes += chunk.text.size();
    return {};
}

Result<IndexedFile> LocalIndex::commitFile(qint64 textBytes)
{
    if (!m_inFile)
        return ServiceError::unavailable(u"No file is being indexed."_s);
    m_insertChunk.reset();
    IndexedFile stats{m_currentFile, m_currentChunks, m_currentTokens, textBytes, m_currentChunkBytes};
    auto r =
        exec(u"UPDATE files SET chunk_count = ?, token_count = ?, text_bytes = ?, chunk_bytes = ? WHERE file_id = ?"_s,
             {stats.chunkCount, stats.tokenCount, stats.textBytes, stats.chunkBytes, stats.fileId});
    if (r)
        r = exec(u"UPDATE meta SET value = value + ? WHERE key = 'chunks'"_s, {stats.chunkCount});
    if (r)
        r = exec(u"COMMIT"_s);
    if (!r) {
        abortFile();
        return r.error();
    }
    m_inFile = false;
    return stats;
}

void LocalIndex::abortFile()
{
    m_insertChunk.reset();
    if (!m_inFile)
        return;
    QSqlQuery(QSqlDatabase::database(m_connection, false)).exec(u"ROLLBACK"_s);
    m_inFile = false;
}

Result<void> LocalIndex::setVisible(qint64 fileId, bool visible)
{
    return exec(u"UPDATE files SET visible = ? WHERE file_id = ?"_s, {visible ? 1 : 0, fileId});
}

Result<void> LocalIndex::setAttributes(qint64 fileId, const QJsonObject &attributes)
{
    return exec(u"UPDATE files SET attributes = ? WHERE file_id = ?"_s,
                {QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact)), fileId});
}

Result<void> LocalIndex::removeFile(qint64 fileId)
{
    auto r =
        exec(u"UPDATE meta SET value = value - (SELECT count(*) FROM chunks WHERE file_id = ?) WHERE key = 'chunks'"_s,
             {fileId});
    if (r)
        r = exec(u"DELETE FROM chunks WHERE file_id = ?"_s, {fileId});
    if (r)
        r = exec(u"DELETE FROM files WHERE file_id = ?"_s, {fileId});
    return r;
}

Result<bool> LocalIndex::hasFile(qint64 fileId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT 1 FROM files WHERE file_id = ?"_s);
    q.addBindValue(fileId);
    if (!q.exec())
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    return q.next();
}

Result<QList<Chunk>> LocalIndex::chunks(qint64 fileId, int firstOrdinal, int count)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(u"SELECT ordinal, start_offset, end_offset, token_count, text FROM chunks WHERE file_id = ? AND "
              u"ordinal >= ? ORDER BY ordinal LIMIT ?"_s);
    q.addBindValue(fileId);
    q.addBindValue(firstOrdinal);
    q.addBindValue(count < 0 ? -1 : count);
    if (!q.exec())
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    QList<Chunk> result;
    while (q.next())
        result.append({q.value(0).toInt(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toInt(),
                       q.value(4).toString().toUtf8()});
    return result;
}

Result<qint64> LocalIndex::chunkCount()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(u"SELECT value FROM meta WHERE key = 'chunks'"_s) || !q.next())
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    return q.value(0).toLongLong();
}

Result<QList<LocalIndex::Candidate>> LocalIndex::search(const QStringList &terms, const std::optional<Filter> &filter,
                                                        int limit)
{
    m_lastStats = {int(terms.size()), 0, 0};
    if (terms.isEmpty())
        return QList<Candidate>();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    auto total = chunkCount();
    if (!total)
        return total.error();
    const double n = double(std::max<qint64>(*total, 1));

    // Each term's document frequency and idf (FTS5's formula). A term can add at most
    // idf * (k1 + 1) to a chunk's score, whatever its frequency there: its upper bound.
    struct Term
    {
        QString phrase;
        qint64 hits = 0;
        double idf = 0;
        double upperBound() const { return idf * (kBm25K1 + 1); }
    };
    QList<Term> byRarity;
    for (const QString &term : terms) {
        QSqlQuery q(db);
        q.prepare(u"SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?"_s);
        q.addBindValue(quoted(term));
        if (!q.exec() || !q.next())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        Term t{quoted(term), q.value(0).toLongLong(), 0};
        t.idf = std::log((n - double(t.hits) + 0.5) / (double(t.hits) + 0.5));
        if (t.idf <= 0)
            t.idf = 1e-6;
        byRarity.append(t);
    }
    std::stable_sort(byRarity.begin(), byRarity.end(), [](const Term &a, const Term &b) { return a.hits < b.hits; });
    // The best score the query could reach here; scores are divided by it, so 1.0 means
    // "every term, as strongly as bm25 can weigh it".
    double ideal = 0;
    for (const Term &t : std::as_const(byRarity))
        ideal += t.upperBound();

    QString where = u"f.visible = 1"_s;
    QVariantList filterBinds;
    if (filter)
        where += u" AND "_s + filter->toSql(u"f.attributes"_s, &filterBinds);

    // The best `limit` visible, filter-passing chunks among those containing at least one of
    // the `essential` rarest terms, scored over all terms. FTS5 walks the doclists of the
    // essential terms only and seeks in the others; vd_bm25 scores the right-hand phrases.
    auto bestContaining = [&](qsizetype essential) -> Result<QList<Candidate>> {
        ++m_lastStats.passes;
        m_lastStats.walkedTerms = int(std::min(essential, byRarity.size()));
        QStringList left;
        QStringList all;
        qint64 matchesAtMost = 0;
        for (qsizetype i = 0; i < byRarity.size(); ++i) {
            all << byRarity.at(i).phrase;
            if (i < essential) {
                left << byRarity.at(i).phrase;
                matchesAtMost += byRarity.at(i).hits;
            }
        }
        const bool everyTerm = essential >= byRarity.size();
        const QString match = everyTerm ? all.join(u" OR "_s)
                                        : u"("_s + left.join(u" OR "_s) + u") AND ("_s + all.join(u" OR "_s) + u')';
        QStringList idfSlots;
        for (qsizetype i = 0; i < byRarity.size(); ++i)
            idfSlots << u"?"_s;
        QList<Candidate> found;
        // Rank inside FTS5 first, then join the few best rows to their files: joining every
        // match before ranking costs a lookup per matching chunk. When visibility or a filter
        // rejects too many of them, look deeper.
        for (qint64 depth = std::max(limit * 2, 20);; depth *= 4) {
            found.clear();
            QSqlQuery q(db);
            q.setForwardOnly(true);
            if (!q.prepare(u"SELECT c.id, c.file_id, c.ordinal, f.filename, f.attributes, t.score FROM "
                           u"(SELECT rowid, vd_bm25(chunks_fts, ?, "_s
                           + idfSlots.join(u", "_s)
                           + u") AS score FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY score DESC LIMIT ?) t "
                             u"JOIN chunks c ON c.id = t.rowid JOIN files f ON f.file_id = c.file_id WHERE "_s
                           + where + u" ORDER BY t.score DESC, c.id LIMIT ?"_s))
                return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
            q.addBindValue(everyTerm ? 0 : int(essential));
            for (const Term &t : std::as_const(byRarity))
                q.addBindValue(t.idf);
            q.addBindValue(match);
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
            // Enough rows, or every candidate was already considered.
            if (found.size() >= limit || depth >= matchesAtMost)
                break;
        }
        return found;
    };

    // Dynamic pruning (MaxScore): score the chunks of the rarest terms first. Their k-th best
    // score is a threshold no chunk can reach through common terms alone, when those terms'
    // upper bounds add up to less; such terms need not be walked, only looked up. The result
    // is exactly what scoring every matching chunk would give (tst_localindex compares).
    qsizetype walked = 1;
    Result<QList<Candidate>> best = bestContaining(walked);
    while (best && best->size() < limit && walked < byRarity.size())
        best = bestContaining(++walked);
    if (!best || walked >= byRarity.size() || best->isEmpty())
        return best;
    const double threshold = best->constLast().bm25;
    double commonBound = 0;
    qsizetype essential = byRarity.size();
    while (essential > 0 && commonBound + byRarity.at(essential - 1).upperBound() < threshold) {
        commonBound += byRarity.at(essential - 1).upperBound();
        --essential;
    }
    if (essential <= walked)
        return best; // no chunk outside those already scored can enter the top `limit`
    return bestContaining(essential);
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
