#include "core/engine/index/localindex.h"

#include "core/engine/index/fts5scorer.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace vd::engine {

Q_LOGGING_CATEGORY(lcIndex, "vectordesk.engine.index", QtInfoMsg)

namespace {

// Column weights: a word of the title field (the file's name and the document's own title)
// counts four times a word of the text. On Cranfield, weights 3 to 8 all score nDCG@10
// 0.374-0.377 (1: 0.369, no title field: 0.359); 4 sits in the middle of that plateau.
// Whole numbers, so a word's weighted frequency is an integer in the postings.
constexpr quint32 kTitleFrequencyWeight = 4;
constexpr quint32 kTextFrequencyWeight = 1;
constexpr double kTitleWeight = kTitleFrequencyWeight;
constexpr double kTextWeight = kTextFrequencyWeight;
// Postings are written out of memory when this many wait (about 6 MB), so one large file
// never holds all of its postings at once.
constexpr qint64 kPendingPostingsLimit = 1 << 18;
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
    m_postings.reset();
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
        u"('postings', 1)"_s,
        QString::fromLatin1(kPostingsSchema),
        QString::fromLatin1(kSegmentsSchema),
        QString::fromLatin1(kSegmentsFileSchema),
        QString::fromLatin1(kRecentSchema),
        u"CREATE TABLE IF NOT EXISTS files (file_id INTEGER PRIMARY KEY, filename TEXT NOT NULL, "
        u"attributes TEXT NOT NULL DEFAULT '{}', visible INTEGER NOT NULL DEFAULT 1, chunk_count INTEGER NOT NULL, "
        u"token_count INTEGER NOT NULL, text_bytes INTEGER NOT NULL, chunk_bytes INTEGER NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS chunks (id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, ordinal INTEGER NOT "
        u"NULL, "
        u"start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, token_count INTEGER NOT NULL, title TEXT NOT "
        u"NULL, "
        u"text TEXT NOT NULL, UNIQUE (file_id, ordinal))"_s,
        u"CREATE INDEX IF NOT EXISTS files_hidden ON files (file_id) WHERE visible = 0"_s,
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
    m_postings = std::make_unique<PostingsTable>(db);
    // An index written before the postings existed gets them now, once.
    auto postingsValid = metaValue(u"postings"_s);
    if (!postingsValid)
        return postingsValid.error();
    if (*postingsValid != 1)
        return rebuildPostings();
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

void LocalIndex::countChunk(qint64 chunkId, qint64 fileId, const QByteArray &text)
{
    // The chunk's words and how often each occurs. Lookups use the tokenizer's own bytes;
    // only a word new to the chunk is copied.
    thread_local QHash<QByteArray, quint32> textTerms;
    textTerms.clear();
    textTerms.reserve(512);
    quint32 length = 0;
    m_tokenizer->tokenize(text, IndexTokenizer::Mode::Document, [&](const char *token, int size) {
        ++length;
        const auto it = textTerms.find(QByteArray::fromRawData(token, size));
        if (it != textTerms.end())
            ++*it;
        else
            textTerms.insert(QByteArray(token, size), 1);
    });
    const quint32 chunkLength = quint32(m_titleLength) + length;
    m_fileTokens += chunkLength;
    m_pendingTokens += chunkLength;
    auto record = [&](const QByteArray &term, quint32 frequency) {
        m_pending[term].push_back({chunkId, fileId, frequency, chunkLength});
        ++m_pendingCount;
    };
    for (auto it = textTerms.cbegin(); it != textTerms.cend(); ++it)
        record(it.key(),
               kTextFrequencyWeight * it.value() + kTitleFrequencyWeight * quint32(m_titleTerms.value(it.key())));
    for (auto it = m_titleTerms.cbegin(); it != m_titleTerms.cend(); ++it)
        if (!textTerms.contains(it.key()))
            record(it.key(), kTitleFrequencyWeight * quint32(it.value()));
}

Result<void> LocalIndex::flushPostings(bool intoBlocks)
{
    QList<QByteArray> terms = m_pending.keys();
    std::sort(terms.begin(), terms.end());
    bool ok = true;
    if (intoBlocks) {
        for (const QByteArray &term : std::as_const(terms)) {
            const std::vector<Posting> &entries = m_pending[term];
            if (!(ok = m_postings->append(term, entries.data(), entries.data() + entries.size())))
                break;
        }
    } else {
        ok = m_postings->writeSegment(
            m_currentFile, m_pendingTokens, terms,
            [this](const QByteArray &term) -> const std::vector<Posting> & { return m_pending.find(term).value(); });
    }
    if (!ok)
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
    m_pending.clear();
    m_pendingCount = 0;
    m_pendingTokens = 0;
    return {};
}

Result<void> LocalIndex::rebuildPostings()
{
    if (auto r = exec(u"BEGIN IMMEDIATE"_s); !r)
        return r;
    auto rebuild = [&]() -> Result<void> {
        if (auto r = exec(QString::fromLatin1(kPostingsSchema)); !r)
            return r;
        if (auto r = exec(u"CREATE INDEX IF NOT EXISTS files_hidden ON files (file_id) WHERE visible = 0"_s); !r)
            return r;
        for (const char *schema : {kSegmentsSchema, kSegmentsFileSchema, kRecentSchema})
            if (auto r = exec(QString::fromLatin1(schema)); !r)
                return r;
        auto valid = metaValue(u"postings"_s);
        if (!valid)
            return valid.error();
        if (*valid == 1)
            return {}; // another connection did it meanwhile
        // The per-word statistics of earlier versions: the postings replace them.
        for (const QString &statement :
             {u"DROP TABLE IF EXISTS term_stats"_s, u"DELETE FROM postings"_s, u"DELETE FROM postings_recent"_s,
              u"DELETE FROM postings_segments"_s, u"DELETE FROM meta WHERE key = 'term_stats'"_s})
            if (auto r = exec(statement); !r)
                return r;
        m_pending.clear();
        m_pendingCount = 0;
        m_fileTokens = 0;
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.setForwardOnly(true);
        // By chunk id: each word's postings are appended in that order.
        if (!q.exec(u"SELECT id, file_id, title, text FROM chunks ORDER BY id"_s))
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        QString title;
        bool first = true;
        while (q.next()) {
            if (first || q.value(2).toString() != title) {
                first = false;
                title = q.value(2).toString();
                m_titleTerms.clear();
                m_titleLength = 0;
                m_tokenizer->tokenize(title.toUtf8(), IndexTokenizer::Mode::Document, [&](const char *t, int n) {
                    ++m_titleTerms[QByteArray(t, n)];
                    ++m_titleLength;
                });
            }
            countChunk(q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(3).toString().toUtf8());
            if (m_pendingCount >= kPendingPostingsLimit)
                if (auto r = flushPostings(true); !r)
                    return r;
        }
        if (auto r = flushPostings(true); !r)
            return r;
        const qint64 tokens = m_fileTokens;
        m_fileTokens = 0;
        return exec(u"INSERT OR REPLACE INTO meta (key, value) VALUES ('tokens', ?), ('postings', 1)"_s, {tokens});
    };
    if (auto r = rebuild(); !r) {
        QSqlQuery(QSqlDatabase::database(m_connection, false)).exec(u"ROLLBACK"_s);
        m_pending.clear();
        m_pendingCount = 0;
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
    m_pending.clear();
    m_pendingCount = 0;
    m_pendingTokens = 0;
    m_fileTokens = 0;
    // Whatever an interrupted attempt committed for this file is replaced, never duplicated.
    if (auto r = removeFileRows(fileId); !r) {
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
    if (!m_titleCounted) {
        m_titleCounted = true;
        m_titleTerms.clear();
        m_titleLength = 0;
        m_tokenizer->tokenize(m_currentTitle.toUtf8(), IndexTokenizer::Mode::Document, [&](const char *t, int n) {
            ++m_titleTerms[QByteArray(t, n)];
            ++m_titleLength;
        });
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
    countChunk(q.lastInsertId().toLongLong(), m_currentFile, chunk.text);
    if (m_pendingCount >= kPendingPostingsLimit)
        if (auto r = flushPostings(); !r)
            return r;
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
        r = flushPostings();
    if (r && !m_postings->mergeSegments())
        r = ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
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
    m_pending.clear();
    m_pendingCount = 0;
    m_pendingTokens = 0;
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
    // The file's words (its chunks tokenized again, as FTS5 does for its own 'delete'), whose
    // postings lose the file's entries, and its tokens, which leave the total.
    QSet<QByteArray> terms;
    qint64 tokens = 0;
    qint64 firstChunk = 0;
    qint64 lastChunk = -1;
    bool inSegments = false;
    if (!m_postings->fileIsInSegments(fileId, &inSegments))
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
    if (inSegments) {
        // Not merged yet: its segments go whole, and they know its tokens.
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.prepare(u"SELECT coalesce(sum(tokens), 0) FROM postings_segments WHERE file_id = ?"_s);
        q.addBindValue(fileId);
        if (!q.exec() || !q.next())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        tokens = q.value(0).toLongLong();
    } else {
        QSqlQuery q(QSqlDatabase::database(m_connection, false));
        q.setForwardOnly(true);
        q.prepare(u"SELECT id, title, text FROM chunks WHERE file_id = ? ORDER BY ordinal"_s);
        q.addBindValue(fileId);
        if (!q.exec())
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, q.lastError().text()));
        QString title;
        bool first = true;
        int titleLength = 0;
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            firstChunk = first ? id : std::min(firstChunk, id);
            lastChunk = std::max(lastChunk, id);
            if (first || q.value(1).toString() != title) {
                first = false;
                title = q.value(1).toString();
                titleLength = 0;
                m_tokenizer->tokenize(title.toUtf8(), IndexTokenizer::Mode::Document, [&](const char *t, int n) {
                    terms.insert(QByteArray(t, n));
                    ++titleLength;
                });
            }
            tokens += titleLength;
            m_tokenizer->tokenize(q.value(2).toString().toUtf8(), IndexTokenizer::Mode::Document,
                                  [&](const char *t, int n) {
                                      const QByteArray word = QByteArray::fromRawData(t, n);
                                      if (!terms.contains(word))
                                          terms.insert(QByteArray(t, n));
                                      ++tokens;
                                  });
        }
    }
    if (!m_postings->removeFile(terms, fileId, firstChunk, lastChunk))
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
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
