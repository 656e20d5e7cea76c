#include "core/engine/index/localindex.h"

#include "core/engine/index/indextokenizer.h"
#include "core/engine/index/walcheckpointer.h"

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
#include <atomic>
#include <cmath>
#include <limits>
#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace vd::engine {

Q_LOGGING_CATEGORY(lcIndex, "vectordesk.engine.index", QtInfoMsg)

namespace {

std::atomic<int> g_busyTimeoutMs = 30'000;

// SQLITE_BUSY and SQLITE_LOCKED, with their extended codes (the low byte is the primary code).
bool isBusyCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok && ((code & 0xff) == 5 || (code & 0xff) == 6);
}

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

namespace {

ServiceError indexFailure(const QString &path, const QSqlError &error)
{
    if (isBusyCode(error))
        return ServiceError(
            ServiceError::Kind::Unavailable,
            u"The index %1 is busy: another process or worker is writing to it (%2)."_s.arg(path, error.text()),
            QJsonObject{{u"contention"_s, true}});
    return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(path, error.text()));
}

} // namespace

void LocalIndex::setBusyTimeoutMs(int ms)
{
    g_busyTimeoutMs = std::max(0, ms);
}

int LocalIndex::busyTimeoutMs()
{
    return g_busyTimeoutMs;
}

bool LocalIndex::isContention(const ServiceError &error)
{
    return error.details().value(u"contention"_s).toBool();
}

void LocalIndex::FinalizeStatement::operator()(sqlite3_stmt *statement) const
{
    sqlite3_finalize(statement);
}

LocalIndex::LocalIndex(QString path)
    : m_path(std::move(path))
    , m_connection(nextConnectionName())
{ }

LocalIndex::~LocalIndex()
{
    if (m_inFile)
        abortFile();
    m_checkpointer.reset();
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
        return indexFailure(m_path, q.lastError());
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
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMs()));
    if (!db.open())
        return ServiceError::unavailable(u"Cannot open the index %1: %2"_s.arg(m_path, db.lastError().text()));
    // Pages of 16 KiB for a new index: a chunk row (about 2.5 KB for 800 tokens) left most of a
    // 4 KiB page empty, as no two fit; seven fit in 16 KiB. The chunks table shrinks by 40 % and
    // so does what ingestion writes. (The page size of an existing index stays as it is.)
    const QStringList setup = {
        u"PRAGMA page_size=16384"_s,
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous=NORMAL"_s,
        u"PRAGMA cache_size=-32000"_s,
        // A checkpoint every 64 MiB of WAL (4,096 pages of 16 KiB), as it was with 16,384 pages of
        // 4 KiB. It holds for writes outside files (removals, visibility) until the connection
        // writes a file: then WalCheckpointer checkpoints on its own thread instead.
        u"PRAGMA wal_autocheckpoint=4096"_s,
        u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"_s,
        u"INSERT OR IGNORE INTO meta (key, value) VALUES ('chunks', 0), ('format', 3), ('tokens', 0), "
        u"('postings', 1)"_s,
        QString::fromLatin1(kPostingsSchema),
        QString::fromLatin1(kRunsSchema),
        QString::fromLatin1(kSegmentsSchema),
        QString::fromLatin1(kSegmentsFileSchema),
        QString::fromLatin1(kBucketsSchema),
        u"CREATE TABLE IF NOT EXISTS files (file_id INTEGER PRIMARY KEY, filename TEXT NOT NULL, "
        u"attributes TEXT NOT NULL DEFAULT '{}', visible INTEGER NOT NULL DEFAULT 1, chunk_count INTEGER NOT NULL, "
        u"token_count INTEGER NOT NULL, text_bytes INTEGER NOT NULL, chunk_bytes INTEGER NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS chunks (id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, ordinal INTEGER NOT "
        u"NULL, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, token_count INTEGER NOT NULL, "
        u"title TEXT NOT NULL, text TEXT NOT NULL, UNIQUE (file_id, ordinal))"_s,
        u"CREATE INDEX IF NOT EXISTS files_hidden ON files (file_id) WHERE visible = 0"_s,
    };
    // The pragmas hold per connection; the schema only needs creating once.
    QSqlQuery probe(db);
    QSet<QString> tables;
    if (probe.exec(u"SELECT name FROM sqlite_master WHERE name IN ('chunks', 'chunks_fts', 'postings_recent', "
                   u"'postings_runs')"_s))
        while (probe.next())
            tables.insert(probe.value(0).toString());
    probe.finish();
    for (const QString &statement : tables.contains(u"chunks"_s) ? setup.mid(1, 4) : setup)
        if (auto r = exec(statement); !r)
            return r;
    // Indexes of format 1 also kept an FTS5 table of the chunks, written by triggers: search no
    // longer reads it (the postings rank, phrases and highlights come from the chunks' text), so
    // it goes, once. Its pages are free for the index's next writes.
    if (tables.contains(u"chunks_fts"_s)) {
        qCInfo(lcIndex).noquote() << "dropping the FTS5 table of" << m_path << "(index format 1 to 2)";
        for (const QString &statement :
             {u"BEGIN IMMEDIATE"_s, u"DROP TRIGGER IF EXISTS chunks_ai"_s, u"DROP TRIGGER IF EXISTS chunks_ad"_s,
              u"DROP TABLE IF EXISTS chunks_fts"_s, u"UPDATE meta SET value = 2 WHERE key = 'format'"_s, u"COMMIT"_s})
            if (auto r = exec(statement); !r) {
                QSqlQuery(db).exec(u"ROLLBACK"_s);
                return r;
            }
    }
    QString why;
    m_tokenizer = IndexTokenizer::create(db, &why);
    if (!m_tokenizer)
        return ServiceError::unavailable(u"Cannot index into %1: %2."_s.arg(m_path, why));
    m_postings = std::make_unique<PostingsTable>(db);
    // Segments of the format before buckets (a row per word) move into buckets, once.
    if (tables.contains(u"postings_recent"_s)) {
        qCInfo(lcIndex).noquote() << "moving the postings segments of" << m_path << "into buckets";
        if (auto r = exec(u"BEGIN IMMEDIATE"_s); !r)
            return r;
        if (!exec(QString::fromLatin1(kBucketsSchema)) || !m_postings->upgradeSegments()) {
            QSqlQuery(db).exec(u"ROLLBACK"_s);
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
        }
        if (auto r = exec(u"COMMIT"_s); !r)
            return r;
    }
    // Blocks of the format before runs (format 2) move into one run, once.
    if (tables.contains(u"chunks"_s) && !tables.contains(u"postings_runs"_s)) {
        qCInfo(lcIndex).noquote() << "moving the postings of" << m_path << "into a run (index format 3)";
        if (auto r = exec(u"BEGIN IMMEDIATE"_s); !r)
            return r;
        if (!m_postings->upgradeBlocks()) {
            QSqlQuery(db).exec(u"ROLLBACK"_s);
            return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
        }
        if (auto r = exec(u"COMMIT"_s); !r)
            return r;
    }
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

QString LocalIndex::titleFor(const QString &filename, const QString &documentTitle)
{
    const QString name = titleOf(filename);
    return documentTitle.isEmpty() ? name : name + u' ' + documentTitle;
}

Result<void> LocalIndex::flushPostings(bool intoRun)
{
    // Rebuilding, the chunk ids are the chunks' own (base 0) and the segment, of many files,
    // becomes a run at once.
    const bool ok = intoRun ? m_postings->writeSegment(0, m_builder.takeSegment(), 0) && m_postings->mergeSegments(true)
                            : m_postings->writeSegment(m_currentFile, m_builder.takeSegment(), m_chunkBase);
    if (!ok)
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
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
        for (const char *schema : {kRunsSchema, kMergingSchema, kSegmentsSchema, kSegmentsFileSchema, kBucketsSchema})
            if (auto r = exec(QString::fromLatin1(schema)); !r)
                return r;
        auto valid = metaValue(u"postings"_s);
        if (!valid)
            return valid.error();
        if (*valid == 1)
            return {}; // another connection did it meanwhile
        // The per-word statistics of earlier versions: the postings replace them.
        for (const QString &statement :
             {u"DROP TABLE IF EXISTS term_stats"_s, u"DELETE FROM postings"_s, u"DELETE FROM postings_runs"_s,
              u"DELETE FROM postings_merging"_s, u"DELETE FROM postings_buckets"_s, u"DELETE FROM postings_segments"_s,
              u"DELETE FROM meta WHERE key = 'term_stats'"_s})
            if (auto r = exec(statement); !r)
                return r;
        m_builder.startFile(*m_tokenizer, {});
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
                m_builder.setTitle(*m_tokenizer, title.toUtf8());
            }
            m_builder.add(q.value(0).toLongLong(), q.value(1).toLongLong(), *m_tokenizer,
                          q.value(3).toString().toUtf8());
            if (m_builder.full())
                if (auto r = flushPostings(true); !r)
                    return r;
        }
        if (auto r = flushPostings(true); !r)
            return r;
        return exec(u"INSERT OR REPLACE INTO meta (key, value) VALUES ('tokens', ?), ('postings', 1)"_s,
                    {m_builder.fileTokens()});
    };
    if (auto r = rebuild(); !r) {
        QSqlQuery(QSqlDatabase::database(m_connection, false)).exec(u"ROLLBACK"_s);
        m_builder.clearPending();
        return r;
    }
    return exec(u"COMMIT"_s);
}

Result<void> LocalIndex::beginFile(qint64 fileId, const QString &filename, const QJsonObject &attributes)
{
    if (!m_checkpointer) {
        QString why;
        if (sqlite3 *writer = sqliteConnection(QSqlDatabase::database(m_connection, false), &why))
            m_checkpointer = std::make_unique<WalCheckpointer>(m_path, writer);
    }
    if (auto r = exec(u"BEGIN IMMEDIATE"_s); !r)
        return r;
    m_inFile = true;
    m_currentFile = fileId;
    m_currentChunks = 0;
    m_currentTokens = 0;
    m_currentChunkBytes = 0;
    m_currentTitle = titleFor(filename, {});
    m_fileKind = Kind::Unknown;
    m_fileTokens = 0;
    m_builder.clearPending();
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
    // A prepared file's chunks take the ids after every chunk there is (inside this transaction,
    // which holds the index's write lock), so its segments come after every block.
    QSqlQuery last(QSqlDatabase::database(m_connection, false));
    if (!last.exec(u"SELECT coalesce(max(id), 0) + 1 FROM chunks"_s) || !last.next()) {
        const auto error = indexFailure(m_path, last.lastError());
        abortFile();
        return error;
    }
    m_chunkBase = last.value(0).toLongLong();
    return {};
}

void LocalIndex::setDocumentTitle(const QString &title)
{
    if (m_currentChunks == 0 && !title.isEmpty())
        m_currentTitle += u' ' + title;
}

Result<void> LocalIndex::insertChunk(const Chunk &chunk, std::optional<qint64> id)
{
    if (!m_inFile)
        return ServiceError::unavailable(u"Chunk added outside of a file transaction."_s);
    if (!m_insertChunk) {
        QString why;
        sqlite3 *db = sqliteConnection(QSqlDatabase::database(m_connection, false), &why);
        sqlite3_stmt *statement = nullptr;
        if (!db
            || sqlite3_prepare_v3(db,
                                  "INSERT INTO chunks (id, file_id, ordinal, start_offset, end_offset, token_count, "
                                  "title, text) VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr)
                != SQLITE_OK)
            return ServiceError::unavailable(
                u"The index %1 failed: %2"_s.arg(m_path, db ? QString::fromUtf8(sqlite3_errmsg(db)) : why));
        m_insertChunk.reset(statement);
    }
    if (m_currentChunks == 0) // the title is final once the first chunk is in
        m_currentTitleUtf8 = m_currentTitle.toUtf8();
    // Each step below is followed by a reset, so the statement is ready for new bindings here.
    sqlite3_stmt *q = m_insertChunk.get();
    sqlite3_bind_int64(q, 1, m_currentFile);
    sqlite3_bind_int64(q, 2, chunk.ordinal);
    sqlite3_bind_int64(q, 3, chunk.startOffset);
    sqlite3_bind_int64(q, 4, chunk.endOffset);
    sqlite3_bind_int64(q, 5, chunk.tokenCount);
    sqlite3_bind_text(q, 6, m_currentTitleUtf8.constData(), int(m_currentTitleUtf8.size()), SQLITE_STATIC);
    sqlite3_bind_text(q, 7, chunk.text.constData(), int(chunk.text.size()), SQLITE_STATIC);
    if (id)
        sqlite3_bind_int64(q, 8, *id);
    else
        sqlite3_bind_null(q, 8);
    const int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return ServiceError::unavailable(
            u"The index %1 failed: %2"_s.arg(m_path, QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(q)))));
    ++m_currentChunks;
    m_currentTokens += chunk.tokenCount;
    m_currentChunkBytes += chunk.text.size();
    return {};
}

Result<void> LocalIndex::addChunk(const Chunk &chunk)
{
    if (m_fileKind == Kind::Prepared)
        return ServiceError::unavailable(u"A prepared file's chunks cannot be mixed with counted ones."_s);
    m_fileKind = Kind::Counted;
    const bool first = m_currentChunks == 0;
    if (auto r = insertChunk(chunk, std::nullopt); !r)
        return r;
    if (first) // the words are counted here: a prepared file's were counted where it was prepared
        m_builder.startFile(*m_tokenizer, m_currentTitleUtf8);
    // Segments count chunk ids from the file's first id, as prepared files do.
    m_builder.add(sqlite3_last_insert_rowid(sqlite3_db_handle(m_insertChunk.get())) - m_chunkBase, m_currentFile,
                  *m_tokenizer, chunk.text);
    if (m_builder.full())
        return flushPostings();
    return {};
}

Result<void> LocalIndex::addPreparedChunk(const Chunk &chunk)
{
    if (m_fileKind == Kind::Counted)
        return ServiceError::unavailable(u"A prepared file's chunks cannot be mixed with counted ones."_s);
    m_fileKind = Kind::Prepared;
    return insertChunk(chunk, m_chunkBase + chunk.ordinal);
}

Result<void> LocalIndex::addPreparedSegment(const EncodedSegment &segment)
{
    if (!m_inFile || m_fileKind != Kind::Prepared)
        return ServiceError::unavailable(u"Prepared postings belong after a prepared file's chunks."_s);
    if (!m_postings->writeSegment(m_currentFile, segment, m_chunkBase))
        return ServiceError::unavailable(u"The index %1 failed: %2"_s.arg(m_path, m_postings->error()));
    m_fileTokens += segment.tokens;
    return {};
}

Result<IndexedFile> LocalIndex::commitFile(qint64 textBytes)
{
    if (!m_inFile)
        return ServiceError::unavailable(u"No file is being indexed."_s);
    m_insertChunk.reset();
    IndexedFile stats{m_currentFile, m_currentChunks, m_currentTokens, textBytes, m_currentChunkBytes};
    const qint64 tokens = m_fileKind == Kind::Prepared ? m_fileTokens : m_builder.fileTokens();
    auto r =
        exec(u"UPDATE files SET chunk_count = ?, token_count = ?, text_bytes = ?, chunk_bytes = ? WHERE file_id = ?"_s,
             {stats.chunkCount, stats.tokenCount, stats.textBytes, stats.chunkBytes, stats.fileId});
    if (r)
        r = exec(u"UPDATE meta SET value = value + ? WHERE key = 'chunks'"_s, {stats.chunkCount});
    if (r)
        r = exec(u"UPDATE meta SET value = value + ? WHERE key = 'tokens'"_s, {tokens});
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
    m_builder.clearPending();
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
    // The file's words (its chunks tokenized again), whose
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

} // namespace vd::engine
