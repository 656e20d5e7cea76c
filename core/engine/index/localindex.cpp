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
#include <QScopeGuard>

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
        u"INSERT OR IGNORE INTO meta (key, value) VALUES ('chunks', 0), ('format', 1), ('tokens', 0), "
        u"('term_stats', 1)"_s,
        u"CREATE TABLE IF NOT EXISTS term_stats (term TEXT PRIMARY KEY, chunks INTEGER NOT NULL, impact REAL NOT "
        u"NULL, reference_length REAL NOT NULL) WITHOUT ROWID"_s,
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
    m_tokenizer = IndexTokenizer::create(db, &why);
    if (!m_tokenizer)
        return ServiceError::unavailable(u"Cannot index into %1: %2."_s.arg(m_path, why));
    // An index written before the word statistics existed gets them now, once.
    auto statsValid = metaValue(u"term_stats"_s);
    if (!statsValid)
        return statsValid.error();
    if (*statsValid != 1)
        return rebuildTermStats();
    return {};
}

Result<qint64> LocalIndex::metaValue(const QString &key)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(u"SELECT value FROM meta WHERE key = ?"_s);
    q.addBindValue(key);
    if (!q.exec())
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    return q.next() ? q.value(0).toLongLong() : -1;
}

Result<qint64> LocalIndex::tokenCount()
{
    return metaValue(u"tokens"_s);
}

void LocalIndex::countChunk(const QByteArray &text)
{
    // The chunk's words and how often each occurs. Lookups use the tokenizer's own bytes;
    // only a word new to the chunk is copied.
    thread_local QHash<QByteArray, int> textTerms;
    textTerms.clear();
    textTerms.reserve(512);
    int length = 0;
    m_tokenizer->tokenize(text, IndexTokenizer::Mode::Document, [&](const char *token, int size) {
        ++length;
        const auto it = textTerms.find(QByteArray::fromRawData(token, size));
        if (it != textTerms.end())
            ++*it;
        else
            textTerms.insert(QByteArray(token, size), 1);
    });
    const int chunkLength = m_titleLength + length;
    m_fileTokens += chunkLength;
    // A bound that stays valid while the store's average chunk length is at most 1.5 times what
    // it is now (BM25's term factor only grows with the average); past that, search falls back
    // to the loose bound for this word.
    const double chunksSoFar = double(m_baseChunks + m_currentChunks + 1);
    const double reference = 1.1 * std::max(double(m_baseTokens + m_fileTokens) / chunksSoFar, 1.0);
    const double norm = kBm25K1 * (1 - kBm25B + kBm25B * chunkLength / reference);
    auto record = [&](const QByteArray &term, double frequency) {
        TermDelta &delta = m_fileTerms[term];
        ++delta.chunks;
        delta.impact = std::max(delta.impact, frequency * (kBm25K1 + 1) / (frequency + norm));
        delta.referenceLength = std::min(delta.referenceLength, reference);
    };
    for (auto it = textTerms.cbegin(); it != textTerms.cend(); ++it)
        record(it.key(), kTextWeight * it.value() + kTitleWeight * m_titleTerms.value(it.key()));
    for (auto it = m_titleTerms.cbegin(); it != m_titleTerms.cend(); ++it)
        if (!textTerms.contains(it.key()))
            record(it.key(), kTitleWeight * it.value());
}

Result<void> LocalIndex::writeTermStats()
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.prepare(u"INSERT INTO term_stats (term, chunks, impact, reference_length) VALUES (?, ?, ?, ?) "
                   u"ON CONFLICT (term) DO UPDATE SET chunks = chunks + excluded.chunks, "
                   u"impact = max(impact, excluded.impact), "
                   u"reference_length = min(reference_length, excluded.reference_length)"_s))
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    for (auto it = m_fileTerms.cbegin(); it != m_fileTerms.cend(); ++it) {
        q.addBindValue(QString::fromUtf8(it.key()));
        q.addBindValue(it->chunks);
        q.addBindValue(it->impact);
        q.addBindValue(it->referenceLength);
        if (!q.exec())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
    }
    m_fileTerms.clear();
    return {};
}

Result<void> LocalIndex::rebuildTermStats()
{
    if (auto r = exec(u"BEGIN IMMEDIATE"_s); !r)
        return r;
    auto rebuild = [&]() -> Result<void> {
        if (auto r = exec(u"CREATE TABLE IF NOT EXISTS term_stats (term TEXT PRIMARY KEY, chunks INTEGER NOT NULL, "
                          u"impact REAL NOT NULL, reference_length REAL NOT NULL) WITHOUT ROWID"_s);
            !r)
            return r;
        auto valid = metaValue(u"term_stats"_s);
        if (!valid)
            return valid.error();
        if (*valid == 1)
            return {}; // another connection did it meanwhile
        if (auto r = exec(u"DELETE FROM term_stats"_s); !r)
            return r;
        m_fileTerms.clear();
        m_baseChunks = 0;
        m_baseTokens = 0;
        m_fileTokens = 0;
        m_currentChunks = 0;
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.setForwardOnly(true);
        if (!q.exec(u"SELECT title, text FROM chunks ORDER BY file_id, ordinal"_s))
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        QString title;
        bool first = true;
        while (q.next()) {
            if (first || q.value(0).toString() != title) {
                first = false;
                title = q.value(0).toString();
                m_titleTerms.clear();
                m_titleLength = 0;
                m_tokenizer->tokenize(title.toUtf8(), IndexTokenizer::Mode::Document, [&](const char *t, int n) {
                    ++m_titleTerms[QByteArray(t, n)];
                    ++m_titleLength;
                });
            }
            countChunk(q.value(1).toString().toUtf8());
            ++m_currentChunks;
        }
        const qint64 tokens = m_fileTokens;
        m_currentChunks = 0;
        m_fileTokens = 0;
        if (auto r = writeTermStats(); !r)
            return r;
        return exec(u"INSERT OR REPLACE INTO meta (key, value) VALUES ('tokens', ?), ('term_stats', 1)"_s, {tokens});
    };
    if (auto r = rebuild(); !r) {
        QSqlQuery(QSqlDatabase::database(m_connection, false)).exec(u"ROLLBACK"_s);
        m_fileTerms.clear();
        return r;
    }
    return exec(u"COMMIT"_s);
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
    m_titleCounted = false;
    m_fileTerms.clear();
    m_fileTokens = 0;
    // Whatever an interrupted attempt committed for this file is replaced, never duplicated.
    if (auto r = removeFileRows(fileId); !r) {
        abortFile();
        return r;
    }
    auto chunks = metaValue(u"chunks"_s);
    auto tokens = chunks ? metaValue(u"tokens"_s) : Result<qint64>(chunks.error());
    if (!tokens) {
        abortFile();
        return tokens.error();
    }
    m_baseChunks = *chunks;
    m_baseTokens = *tokens;
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
    if (!m_titleCounted) {
        m_titleCounted = true;
        m_titleTerms.clear();
        m_titleLength = 0;
        m_tokenizer->tokenize(m_currentTitle.toUtf8(), IndexTokenizer::Mode::Document, [&](const char *t, int n) {
            ++m_titleTerms[QByteArray(t, n)];
            ++m_titleLength;
        });
    }
    countChunk(chunk.text);
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
        r = exec(u"UPDATE meta SET value = value + ? WHERE key = 'tokens'"_s, {m_fileTokens});
    if (r)
        r = writeTermStats();
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
    m_fileTerms.clear();
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
    if (m_inFile)
        return removeFileRows(fileId);
    if (auto r = exec(u"BEGIN IMMEDIATE"_s); !r)
        return r;
    if (auto r = removeFileRows(fileId); !r) {
        QSqlQuery(QSqlDatabase::database(m_connection, false)).exec(u"ROLLBACK"_s);
        return r;
    }
    return exec(u"COMMIT"_s);
}

Result<void> LocalIndex::removeFileRows(qint64 fileId)
{
    // Take the file's words out of the statistics: how many of its chunks hold each word, and
    // its chunks' lengths. (Largest term factors stay: a stale bound is still an upper bound.)
    QHash<QByteArray, qint64> chunksPerTerm;
    qint64 tokens = 0;
    {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.setForwardOnly(true);
        q.prepare(u"SELECT title, text FROM chunks WHERE file_id = ? ORDER BY ordinal"_s);
        q.addBindValue(fileId);
        if (!q.exec())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        QString title;
        bool first = true;
        QSet<QByteArray> titleTerms;
        int titleLength = 0;
        QSet<QByteArray> chunkTerms;
        while (q.next()) {
            if (first || q.value(0).toString() != title) {
                first = false;
                title = q.value(0).toString();
                titleTerms.clear();
                titleLength = 0;
                m_tokenizer->tokenize(title.toUtf8(), IndexTokenizer::Mode::Document, [&](const char *t, int n) {
                    titleTerms.insert(QByteArray(t, n));
                    ++titleLength;
                });
            }
            chunkTerms = titleTerms;
            tokens += titleLength;
            m_tokenizer->tokenize(q.value(1).toString().toUtf8(), IndexTokenizer::Mode::Document,
                                  [&](const char *t, int n) {
                                      chunkTerms.insert(QByteArray(t, n));
                                      ++tokens;
                                  });
            for (const QByteArray &term : std::as_const(chunkTerms))
                ++chunksPerTerm[term];
        }
    }
    if (!chunksPerTerm.isEmpty()) {
        QSqlQuery update(QSqlDatabase::database(m_connection, false));
        QSqlQuery drop(QSqlDatabase::database(m_connection, false));
        if (!update.prepare(u"UPDATE term_stats SET chunks = chunks - ? WHERE term = ?"_s)
            || !drop.prepare(u"DELETE FROM term_stats WHERE term = ? AND chunks <= 0"_s))
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, update.lastError().text()));
        for (auto it = chunksPerTerm.cbegin(); it != chunksPerTerm.cend(); ++it) {
            const QString term = QString::fromUtf8(it.key());
            update.addBindValue(it.value());
            update.addBindValue(term);
            drop.addBindValue(term);
            if (!update.exec() || !drop.exec())
                return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, update.lastError().text()));
        }
    }
    auto r = exec(u"UPDATE meta SET value = value - ? WHERE key = 'tokens'"_s, {tokens});
    if (r)
        r = exec(
            u"UPDATE meta SET value = value - (SELECT count(*) FROM chunks WHERE file_id = ?) WHERE key = 'chunks'"_s,
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
    m_lastStats = {int(terms.size()), 0, 0, 0};
    if (terms.isEmpty())
        return QList<Candidate>();
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // One read transaction: the statistics and the ranking see the same snapshot of the index.
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
    auto statsValid = tokens ? metaValue(u"term_stats"_s) : tokens;
    if (!statsValid)
        return statsValid.error();
    const double n = double(std::max<qint64>(*total, 1));
    const double averageLength = double(*tokens) / n;

    // Each word's chunk count, idf (FTS5's formula) and upper bound: the most it can add to a
    // chunk's score. The bound is idf times the word's largest BM25 term factor, kept in
    // term_stats as chunks are written; without it (a word FTS5 splits into several tokens, or
    // an average chunk length beyond what the factor was computed for) it is idf * (k1 + 1).
    struct Term
    {
        QString phrase;
        qint64 hits = 0;
        double idf = 0;
        double upperBound = 0;
    };
    QList<Term> byRarity;
    double ideal = 0; // the best score the query could reach: scores are divided by it
    QSqlQuery lookup(db);
    lookup.prepare(u"SELECT chunks, impact, reference_length FROM term_stats WHERE term = ?"_s);
    for (const QString &term : terms) {
        Term t{quoted(term)};
        std::optional<double> factor;
        QList<QByteArray> tokenized;
        if (*statsValid == 1)
            m_tokenizer->tokenize(term.toUtf8(), IndexTokenizer::Mode::Query,
                                  [&](const char *text, int size) { tokenized << QByteArray(text, size); });
        if (tokenized.size() == 1) {
            lookup.addBindValue(QString::fromUtf8(tokenized.constFirst()));
            if (!lookup.exec())
                return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, lookup.lastError().text()));
            if (lookup.next()) {
                t.hits = lookup.value(0).toLongLong();
                if (averageLength <= lookup.value(2).toDouble())
                    factor = lookup.value(1).toDouble();
            }
            lookup.finish();
        } else {
            QSqlQuery q(db);
            q.prepare(u"SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?"_s);
            q.addBindValue(t.phrase);
            if (!q.exec() || !q.next())
                return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
            t.hits = q.value(0).toLongLong();
        }
        t.idf = std::log((n - double(t.hits) + 0.5) / (double(t.hits) + 0.5));
        if (t.idf <= 0)
            t.idf = 1e-6;
        ideal += t.idf * (kBm25K1 + 1);
        t.upperBound = t.idf * factor.value_or(kBm25K1 + 1);
        if (t.hits > 0)
            byRarity.append(t);
    }
    if (byRarity.isEmpty())
        return QList<Candidate>();
    std::stable_sort(byRarity.begin(), byRarity.end(), [](const Term &a, const Term &b) { return a.hits < b.hits; });

    QString where = u"f.visible = 1"_s;
    QVariantList filterBinds;
    if (filter)
        where += u" AND "_s + filter->toSql(u"f.attributes"_s, &filterBinds);

    // The best `limit` visible, filter-passing chunks among those that contain one of the
    // `walked` rarest words, or every word of one of `groups` (bit masks over byRarity), scored
    // over all words. FTS5 walks the doclists of the walked words (and of each group's rarest
    // word) and only seeks in the others; vd_bm25 scores the phrases after the `AND`.
    auto bestContaining = [&](qsizetype walked, const QList<quint32> &groups) -> Result<QList<Candidate>> {
        ++m_lastStats.passes;
        m_lastStats.walkedTerms = int(std::min(walked, byRarity.size()));
        m_lastStats.groups = int(groups.size());
        QStringList alternatives;
        QStringList all;
        int leftPhrases = 0;
        qint64 matchesAtMost = 0;
        for (qsizetype i = 0; i < byRarity.size(); ++i) {
            all << byRarity.at(i).phrase;
            if (i < walked) {
                alternatives << byRarity.at(i).phrase;
                ++leftPhrases;
                matchesAtMost += byRarity.at(i).hits;
            }
        }
        for (const quint32 group : groups) {
            QStringList every;
            qint64 fewest = std::numeric_limits<qint64>::max();
            for (qsizetype i = 0; i < byRarity.size(); ++i)
                if (group & (1u << i)) {
                    every << byRarity.at(i).phrase;
                    ++leftPhrases;
                    fewest = std::min(fewest, byRarity.at(i).hits);
                }
            alternatives << u"("_s + every.join(u" AND "_s) + u')';
            matchesAtMost += fewest;
        }
        const bool everyTerm = walked >= byRarity.size();
        const QString match = everyTerm
            ? all.join(u" OR "_s)
            : u"("_s + alternatives.join(u" OR "_s) + u") AND ("_s + all.join(u" OR "_s) + u')';
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
            q.addBindValue(everyTerm ? 0 : leftPhrases);
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

    // Dynamic pruning. First score the chunks of the rarest word (of the two rarest, ... until
    // there are `limit` results). Their `limit`-th best score is a threshold that a chunk
    // without those words can only reach if it holds enough of the other words: a set of words
    // whose upper bounds add up to the threshold. Those chunks are found with FTS5 AND queries
    // (one per minimal such set), which seek instead of walk, and scored in a second pass. The
    // result is exactly what scoring every matching chunk gives (tst_localindex compares).
    qsizetype walked = 1;
    Result<QList<Candidate>> best = bestContaining(walked, {});
    while (best && best->size() < limit && walked < byRarity.size())
        best = bestContaining(++walked, {});
    if (!best || walked >= byRarity.size() || best->isEmpty())
        return best;
    const double threshold = best->constLast().bm25;
    const qsizetype remaining = byRarity.size() - walked;
    if (remaining > 12) {
        // Long queries: too many word sets to enumerate. Walk every word that the common
        // words' bounds, added up, cannot do without (MaxScore).
        double commonBound = 0;
        qsizetype essential = byRarity.size();
        while (essential > 0 && commonBound + byRarity.at(essential - 1).upperBound < threshold) {
            commonBound += byRarity.at(essential - 1).upperBound;
            --essential;
        }
        if (essential <= walked)
            return best;
        return bestContaining(essential, {});
    }
    QList<quint32> groups;
    for (quint32 subset = 1; subset < (1u << remaining); ++subset) {
        double sum = 0;
        for (qsizetype i = 0; i < remaining; ++i)
            if (subset & (1u << i))
                sum += byRarity.at(walked + i).upperBound;
        if (sum < threshold)
            continue;
        bool minimal = true;
        for (qsizetype i = 0; i < remaining && minimal; ++i)
            if ((subset & (1u << i)) && sum - byRarity.at(walked + i).upperBound >= threshold)
                minimal = false;
        if (minimal)
            groups << (subset << walked);
    }
    if (groups.isEmpty())
        return best; // no chunk outside those already scored can enter the results
    return bestContaining(walked, groups);
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
