#include "core/engine/localengine.h"

#include "core/domain/units.h"
#include "core/engine/chunking/chunker.h"
#include "core/engine/extract/extractor.h"
#include "core/engine/index/indextokenizer.h"
#include "core/engine/spool.h"
#include "core/engine/tokenizer/bpetokenizer.h"
#include "core/metrics/metrics.h"
#include "core/storage/databaseurl.h"
#include "core/tracing/tracing.h"

#include <QDataStream>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QThread>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vd::engine {

Q_LOGGING_CATEGORY(lcEngine, "vectordesk.engine", QtInfoMsg)

namespace {

// A document's title: its first Markdown heading if it opens with one, else its opening
// sentence (up to a full stop, question mark or blank line), when that is short enough to be a
// title (at most 200 characters).
QString documentTitle(QByteArrayView firstBlock)
{
    const QString text = QString::fromUtf8(firstBlock.first(std::min<qsizetype>(firstBlock.size(), 4096)));
    qsizetype start = 0;
    while (start < text.size() && text.at(start).isSpace())
        ++start;
    qsizetype end = start;
    if (text.mid(start, 1) == u"#"_s) {
        end = text.indexOf(u'\n', start);
        return QStringView(text)
            .mid(start, (end < 0 ? text.size() : end) - start)
            .toString()
            .remove(u'#')
            .simplified()
            .left(200);
    }
    for (; end < text.size(); ++end) {
        const QChar c = text.at(end);
        if ((c == u'.' || c == u'?' || c == u'!') && (end + 1 >= text.size() || text.at(end + 1).isSpace()))
            break;
        if (c == u'\n' && end + 1 < text.size() && text.at(end + 1) == u'\n')
            break;
    }
    const QString sentence = QStringView(text).mid(start, end - start).toString().simplified();
    return sentence.size() <= 200 ? sentence : QString();
}

// Feeds extracted text into the chunker, noting the document's title from its first block.
class ChunkingSink final : public TextSink
{
public:
    ChunkingSink(Chunker &chunker, const std::function<bool()> &cancelled)
        : m_chunker(chunker)
        , m_cancelled(cancelled)
    { }
    bool append(QByteArrayView utf8) override
    {
        if (!m_titled) {
            m_titled = true;
            m_title = documentTitle(utf8);
        }
        if (m_cancelled && m_cancelled()) {
            m_stopped = true;
            return false;
        }
        auto r = m_chunker.append(utf8);
        if (!r) {
            m_error = r.error();
            return false;
        }
        return true;
    }
    const QString &title() const { return m_title; }
    bool stopped() const { return m_stopped; }
    const std::optional<ServiceError> &error() const { return m_error; }

private:
    Chunker &m_chunker;
    const std::function<bool()> &m_cancelled;
    QString m_title;
    bool m_titled = false;
    bool m_stopped = false;
    std::optional<ServiceError> m_error;
};

// Keeps the extracted text in a spool while extraction runs, so that the store's index is
// locked only while the text is chunked and written, never while a file is being read (an
// extraction may run up to its time limit; docs/extraction.md).
class SpoolSink final : public TextSink
{
public:
    SpoolSink(Spool &spool, const std::function<bool()> &cancelled)
        : m_spool(spool)
        , m_cancelled(cancelled)
    { }
    bool append(QByteArrayView utf8) override
    {
        if (m_cancelled && m_cancelled()) {
            m_stopped = true;
            return false;
        }
        if (m_spool.write(utf8.data(), utf8.size()) != utf8.size()) {
            m_error = u"Cannot write the extracted text to %1: %2"_s.arg(m_spool.location(), m_spool.errorString());
            return false;
        }
        return true;
    }
    bool stopped() const { return m_stopped; }
    const QString &error() const { return m_error; }

private:
    Spool &m_spool;
    const std::function<bool()> &m_cancelled;
    bool m_stopped = false;
    QString m_error;
};

// How many bytes of `data` end on a whole UTF-8 character (the rest starts one that continues).
qsizetype wholeCharacters(QByteArrayView data)
{
    qsizetype lead = data.size();
    while (lead > 0 && data.size() - lead < 3 && (quint8(data[lead - 1]) & 0xC0) == 0x80)
        --lead;
    if (lead == 0)
        return data.size();
    const quint8 c = quint8(data[lead - 1]);
    const qsizetype length = c < 0x80 ? 1 : (c >= 0xF0 ? 4 : (c >= 0xE0 ? 3 : 2));
    return lead - 1 + length <= data.size() ? data.size() : lead - 1;
}

// Feeds the spooled text to `sink` in blocks that never split a character; false when it stopped.
bool replay(Spool &spool, TextSink &sink, QString *error)
{
    if (!spool.seek(0)) {
        *error = u"Cannot read the extracted text back from %1: %2"_s.arg(spool.location(), spool.errorString());
        return false;
    }
    QByteArray carry;
    QByteArray buffer(kExtractBlockSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = spool.read(buffer.data(), buffer.size() - carry.size());
        if (n < 0) {
            *error = u"Cannot read the extracted text back from %1: %2"_s.arg(spool.location(), spool.errorString());
            return false;
        }
        if (n == 0)
            return carry.isEmpty() || sink.append(carry);
        const QByteArray block = carry + QByteArrayView(buffer.constData(), qsizetype(n));
        const qsizetype whole = wholeCharacters(block);
        carry = block.mid(whole);
        if (whole > 0 && !sink.append(QByteArrayView(block).first(whole)))
            return false;
    }
}

ServiceError fileError(const QString &code, const QString &message)
{
    ServiceError::Kind kind =
        code == u"server_error"_s ? ServiceError::Kind::Unavailable : ServiceError::Kind::InvalidInput;
    return ServiceError(kind, message, QJsonObject{{u"last_error_code"_s, code}});
}

// A failure of the store's index: server_error, still marked as contention when another writer
// held the index, so that ingestion puts the file back in the queue instead of failing it.
ServiceError indexError(const ServiceError &error)
{
    ServiceError e = fileError(u"server_error"_s, error.message());
    if (!LocalIndex::isContention(error))
        return e;
    return ServiceError(e.kind(), e.message(),
                        QJsonObject{{u"last_error_code"_s, u"server_error"_s}, {u"contention"_s, true}});
}

} // namespace

LocalEngine::LocalEngine(QString root)
    : m_root(std::move(root))
    , m_blobs(m_root + u"/blobs"_s)
{ }

QString LocalEngine::rootFor(const DatabaseUrl &url)
{
    const QString overridden = qEnvironmentVariable("VECTORDESK_ENGINE_DIR");
    if (!overridden.isEmpty())
        return QDir(overridden).absolutePath();
    if (url.isSqlite()) {
        const QFileInfo db(url.sqlitePath);
        return db.absolutePath() + u'/' + db.completeBaseName() + u".engine"_s;
    }
    QString key = u"%1-%2-%3"_s.arg(url.host).arg(url.port).arg(url.database);
    for (QChar &c : key)
        if (!c.isLetterOrNumber() && c != u'-' && c != u'_')
            c = u'_';
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/engine/"_s + key;
}

QString LocalEngine::indexPath(qint64 tenantId, qint64 storeId) const
{
    return u"%1/tenants/%2/%3.index"_s.arg(m_root).arg(tenantId).arg(storeId);
}

Result<QString> LocalEngine::engineId() const
{
    if (!m_engineId.isEmpty())
        return m_engineId;
    // Made once, by whichever process comes first: O_EXCL decides, and a reader that finds the
    // file before its writer finished waits a moment for the whole id.
    const QString path = m_root + u"/engine-id"_s;
    const auto valid = [](const QByteArray &text) {
        return text.size() == 36 && !QUuid::fromString(QLatin1StringView(text)).isNull();
    };
    if (!QDir().mkpath(m_root))
        return ServiceError::unavailable(
            u"Cannot create the engine folder %1."_s.arg(QDir::toNativeSeparators(m_root)));
    QFile created(path);
    if (created.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        const QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        if (created.write(id) != id.size() || !created.flush()) {
            created.remove();
            return ServiceError::unavailable(
                u"Cannot write the engine id to %1: %2"_s.arg(QDir::toNativeSeparators(path), created.errorString()));
        }
        created.close();
        m_engineId = QString::fromLatin1(id);
        return m_engineId;
    }
    for (int attempt = 0; attempt < 50; ++attempt) {
        QFile existing(path);
        if (!existing.open(QIODevice::ReadOnly))
            return ServiceError::unavailable(
                u"Cannot read the engine id in %1: %2"_s.arg(QDir::toNativeSeparators(path), existing.errorString()));
        const QByteArray text = existing.readAll().trimmed();
        if (valid(text)) {
            m_engineId = QString::fromLatin1(text);
            return m_engineId;
        }
        QThread::msleep(20);
    }
    return ServiceError::unavailable(
        u"The engine id file %1 does not hold an id; remove it only if no store of this "
        u"engine folder is in use, and start VectorDesk again."_s.arg(QDir::toNativeSeparators(path)));
}

bool LocalEngine::holds(const VectorStore &store) const
{
    if (store.engineHolder.isEmpty())
        return QFile::exists(indexPath(store.tenantId, store.id));
    auto id = engineId();
    return id && id.value() == store.engineHolder;
}

ServiceError LocalEngine::notHeld(const Tenant &tenant, const VectorStore &store, const QString &action) const
{
    if (m_elsewhere)
        return m_elsewhere->refusal(tenant, store, action);
    return ServiceError::unavailable(
        u"%1 store '%2' is not possible here: its index is held by another engine folder (%3), not by this one (%4)."_s
            .arg(action, store.name, store.engineHolder.isEmpty() ? u"not recorded"_s : store.engineHolder,
                 QDir::toNativeSeparators(m_root)));
}

Result<LocalIndex *> LocalEngine::index(qint64 tenantId, qint64 storeId)
{
    const auto key = std::make_pair(tenantId, storeId);
    auto it = m_indexes.find(key);
    if (it != m_indexes.end())
        return it->second.get();
    if (m_indexes.size() >= 64) // a bound on open files; reopening is cheap
        m_indexes.erase(m_indexes.begin());
    auto opened = std::make_unique<LocalIndex>(indexPath(tenantId, storeId));
    if (auto r = opened->open(); !r)
        return r.error();
    return m_indexes.emplace(key, std::move(opened)).first->second.get();
}

Result<QString> LocalEngine::createStore(const Tenant &tenant, const VectorStore &store)
{
    if (!store.engineHolder.isEmpty() && !holds(store))
        return notHeld(tenant, store, u"Creating the index of"_s);
    if (auto r = index(tenant.id, store.id); !r)
        return r.error();
    return QString();
}

Result<void> LocalEngine::purgeStore(const Tenant &tenant, const VectorStore &store)
{
    if (!holds(store) && !store.engineHolder.isEmpty())
        return notHeld(tenant, store, u"Purging the index of"_s);
    m_indexes.erase(std::make_pair(tenant.id, store.id));
    const QString path = indexPath(tenant.id, store.id);
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        QFile file(path + suffix);
        if (file.exists() && !file.remove())
            return ServiceError::unavailable(
                u"Cannot remove the index file %1: %2."_s.arg(file.fileName(), file.errorString()));
    }
    return {};
}

Result<StagedFile> LocalEngine::stageFile(const Tenant &, const QString &path)
{
    auto stored = m_blobs.store(path);
    if (!stored)
        return stored.error();
    return StagedFile{stored->sha256, stored->size, !stored->alreadyPresent};
}

Result<void> LocalEngine::discardStaged(const Tenant &, const StagedFile &staged)
{
    if (!staged.wasNew)
        return {};
    return m_blobs.remove(staged.sha256);
}

Result<IngestOutcome> LocalEngine::ingest(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                          const std::function<bool()> &cancelled)
{
    if (auto refused = refuseIngest(tenant, store))
        return *refused;
    auto prepared = prepare(file, cancelled);
    if (!prepared)
        return prepared.error();
    return write(tenant, store, file, prepared.value());
}

std::optional<ServiceError> LocalEngine::refuseIngest(const Tenant &tenant, const VectorStore &store) const
{
    // The ingestion queue gives an engine only the stores it holds; one recorded elsewhere since
    // it was claimed goes back to the queue for its holder.
    if (store.engineHolder.isEmpty() || holds(store))
        return std::nullopt;
    ServiceError refused = notHeld(tenant, store, u"Ingesting a file into"_s);
    return ServiceError(ServiceError::Kind::Conflict, refused.message(), QJsonObject{{u"cancelled"_s, true}});
}

Result<PreparedFile> LocalEngine::prepare(const StoreFile &file, const std::function<bool()> &cancelled) const
{
    const QString blob = m_blobs.pathFor(file.sha256);
    if (!QFile::exists(blob))
        return fileError(u"server_error"_s,
                         u"The stored copy of %1 is missing (%2); attach the file again."_s.arg(file.filename, blob));
    const BpeTokenizer &tokenizer = BpeTokenizer::get(Encoding::Cl100kBase);
    if (!tokenizer.isValid())
        return fileError(u"server_error"_s,
                         u"The cl100k_base tokenizer could not be loaded: %1"_s.arg(tokenizer.errorString()));
    const auto cancelledResult = [&file] {
        return ServiceError(ServiceError::Kind::Conflict, u"Ingestion of %1 was cancelled."_s.arg(file.filename),
                            QJsonObject{{u"cancelled"_s, true}});
    };

    // 1. Extract into the spool, with the index untouched.
    const QString spoolDir = m_root + u"/spool"_s;
    if (!QDir().mkpath(spoolDir))
        return fileError(u"server_error"_s, u"Cannot create the folder %1 for extracted text."_s.arg(spoolDir));
    Spool spool(spoolDir);
    spool.open(QIODevice::ReadWrite);
    // Each stage's time goes to vectordesk_ingest_stage_seconds (docs/observability.md).
    // Each is also a span, a child of the file's "ingest" span: ingest.extract, .chunk, .index.
    QElapsedTimer stage;
    stage.start();
    std::optional<tracing::Span> stageSpan(std::in_place, u"ingest.extract"_s);
    const auto stageDone = [&stage, &stageSpan](const QString &name, const QString &next) {
        metrics::observe(metrics::Metric::IngestStageSeconds, {u"local"_s, name}, double(stage.nsecsElapsed()) / 1e9);
        stageSpan.reset();
        if (!next.isEmpty())
            stageSpan.emplace(next);
        stage.restart();
    };
    SpoolSink spoolSink(spool, cancelled);
    ExtractionInfo info;
    const auto extractionError = extractText(blob, file.filename, spoolSink, &info, m_extractionLimits);
    if (!spoolSink.error().isEmpty())
        return fileError(u"server_error"_s, spoolSink.error());
    if (spoolSink.stopped() || (extractionError && extractionError->code == ExtractionError::Cancelled))
        return cancelledResult();
    if (extractionError)
        return fileError(extractionError->code, extractionError->message);
    stageDone(u"extract"_s, u"ingest.chunk"_s);

    // 2. Chunk the text into a second spool, the index still untouched: tokenizing is the slow
    //    part, and another worker or process may be writing to the same store meanwhile.
    PreparedFile prepared;
    prepared.chunks = std::make_unique<Spool>(spoolDir);
    Spool &chunkSpool = *prepared.chunks;
    chunkSpool.open(QIODevice::ReadWrite);
    QDataStream chunksOut(&chunkSpool);
    // The chunks' words are counted and made into postings here too, on this thread, into a
    // third spool of segments: the index's writer only stores them (docs/architecture.md).
    QString tokenizerError;
    const auto words = IndexTokenizer::create(&tokenizerError);
    if (!words)
        return fileError(u"server_error"_s, u"Cannot count the words of %1: %2."_s.arg(file.filename, tokenizerError));
    prepared.postings = std::make_unique<Spool>(spoolDir);
    Spool &postingsSpool = *prepared.postings;
    postingsSpool.open(QIODevice::ReadWrite);
    QDataStream postingsOut(&postingsSpool);
    PostingsBuilder postings;
    const ChunkingSink *titleSource = nullptr; // the document title is known before the first chunk
    const auto spoolSegment = [&]() -> Result<void> {
        const EncodedSegment segment = postings.takeSegment();
        postingsOut << segment.postings << segment.tokens << segment.buckets;
        ++prepared.segmentCount;
        if (postingsOut.status() != QDataStream::Ok)
            return ServiceError::unavailable(
                u"Cannot write the postings to %1: %2"_s.arg(postingsSpool.location(), postingsSpool.errorString()));
        return {};
    };
    Chunker chunker(
        Chunker::tokenizingWith(tokenizer), file.chunking.maxChunkSizeTokens, file.chunking.chunkOverlapTokens,
        [&](const Chunk &chunk) -> Result<void> {
            chunksOut << qint32(chunk.ordinal) << chunk.startOffset << chunk.endOffset << qint32(chunk.tokenCount)
                      << chunk.text;
            if (chunksOut.status() != QDataStream::Ok)
                return ServiceError::unavailable(
                    u"Cannot write the chunks to %1: %2"_s.arg(chunkSpool.location(), chunkSpool.errorString()));
            if (chunk.ordinal == 0)
                postings.startFile(*words, LocalIndex::titleFor(file.filename, titleSource->title()).toUtf8());
            postings.add(chunk.ordinal, file.id, *words, chunk.text, chunk.startOffset);
            return postings.full() ? spoolSegment() : Result<void>();
        });
    // The words of the text are counted once, not once per overlapping chunk (PostingsBuilder).
    chunker.setSegmentObserver(
        [&](qint64 start, QByteArrayView segment) { postings.noteText(start, segment, *words); });
    ChunkingSink sink(chunker, cancelled);
    titleSource = &sink;
    QString replayError;
    const bool replayed = replay(spool, sink, &replayError);
    if (sink.error())
        return fileError(u"server_error"_s, sink.error()->message());
    if (sink.stopped())
        return cancelledResult();
    if (!replayed)
        return fileError(u"server_error"_s, replayError);
    if (auto r = chunker.finish(); !r)
        return fileError(u"server_error"_s, r.error().message());
    if (chunker.chunkCount() == 0)
        return fileError(u"invalid_file"_s, u"%1 contains no text to index."_s.arg(file.filename));
    if (auto r = spoolSegment(); !r)
        return fileError(u"server_error"_s, r.error().message());
    for (Spool *spooled : {&chunkSpool, &postingsSpool})
        if (!spooled->seek(0))
            return fileError(
                u"server_error"_s,
                u"Cannot read the prepared file back from %1: %2"_s.arg(spooled->location(), spooled->errorString()));
    stageDone(u"tokenize"_s, QString());
    prepared.chunkCount = chunker.chunkCount();
    prepared.textBytes = chunker.textBytes();
    prepared.title = sink.title();
    return prepared;
}

Result<IngestOutcome> LocalEngine::write(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                         PreparedFile &prepared, const std::function<void()> &between)
{
    if (auto refused = refuseIngest(tenant, store))
        return *refused;
    QElapsedTimer stage;
    stage.start();
    tracing::Span stageSpan(u"ingest.index"_s);
    // 3. Write the chunks in one short index transaction (docs/architecture.md, contention).
    auto opened = index(tenant.id, store.id);
    if (!opened)
        return indexError(opened.error());
    LocalIndex &index = **opened;
    if (auto r = index.beginFile(file.id, file.filename, file.attributes); !r)
        return indexError(r.error());
    index.setDocumentTitle(prepared.title);
    Spool &chunkSpool = *prepared.chunks;
    QDataStream chunksIn(&chunkSpool);
    for (int i = 0; i < prepared.chunkCount; ++i) {
        qint32 ordinal = 0;
        qint32 tokenCount = 0;
        Chunk chunk;
        chunksIn >> ordinal >> chunk.startOffset >> chunk.endOffset >> tokenCount >> chunk.text;
        if (chunksIn.status() != QDataStream::Ok) {
            index.abortFile();
            return fileError(
                u"server_error"_s,
                u"Cannot read the chunks back from %1: %2"_s.arg(chunkSpool.location(), chunkSpool.errorString()));
        }
        chunk.ordinal = ordinal;
        chunk.tokenCount = tokenCount;
        if (auto r = index.addPreparedChunk(chunk); !r) {
            index.abortFile();
            return indexError(r.error());
        }
        if (between && i % 256 == 255)
            between();
    }
    QDataStream postingsIn(prepared.postings.get());
    for (int i = 0; i < prepared.segmentCount; ++i) {
        EncodedSegment segment;
        postingsIn >> segment.postings >> segment.tokens >> segment.buckets;
        if (postingsIn.status() != QDataStream::Ok || segment.buckets.size() != kSegmentBuckets) {
            index.abortFile();
            return fileError(u"server_error"_s,
                             u"Cannot read the postings back from %1: %2"_s.arg(prepared.postings->location(),
                                                                                prepared.postings->errorString()));
        }
        if (auto r = index.addPreparedSegment(segment); !r) {
            index.abortFile();
            return indexError(r.error());
        }
    }
    auto committed = index.commitFile(prepared.textBytes);
    if (!committed)
        return indexError(committed.error());
    metrics::observe(metrics::Metric::IngestStageSeconds, {u"local"_s, u"index"_s}, double(stage.nsecsElapsed()) / 1e9);
    qCInfo(lcEngine).noquote() << "indexed" << file.filename << "into"
                               << plural(committed->chunkCount, u"chunk", u"chunks") << "of"
                               << plural(committed->tokenCount, u"token", u"tokens");
    IngestOutcome outcome;
    outcome.usageBytes = committed->chunkBytes;
    outcome.chunkCount = committed->chunkCount;
    outcome.tokenCount = committed->tokenCount;
    return outcome;
}

Result<void> LocalEngine::setFileVisible(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                         bool visible)
{
    if (!holds(store))
        return notHeld(tenant, store, u"Hiding or showing a file of"_s);
    auto opened = index(tenant.id, store.id);
    if (!opened)
        return opened.error();
    return (*opened)->setVisible(file.id, visible);
}

Result<void> LocalEngine::setFileAttributes(const Tenant &tenant, const VectorStore &store, const StoreFile &file)
{
    if (!holds(store))
        return notHeld(tenant, store, u"Changing file attributes in"_s);
    auto opened = index(tenant.id, store.id);
    if (!opened)
        return opened.error();
    return (*opened)->setAttributes(file.id, file.attributes);
}

Result<void> LocalEngine::purgeFile(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                    bool lastReference)
{
    if (!holds(store)) {
        if (!store.engineHolder.isEmpty())
            return notHeld(tenant, store, u"Purging a file of"_s);
        // Not recorded and no index here: nothing of the file is in this engine but its bytes.
        return lastReference ? m_blobs.remove(file.sha256) : Result<void>();
    }
    auto opened = index(tenant.id, store.id);
    if (!opened)
        return opened.error();
    if (auto r = (*opened)->removeFile(file.id); !r)
        return r;
    if (lastReference)
        return m_blobs.remove(file.sha256);
    return {};
}

Result<QString> LocalEngine::checkConnection(const Tenant &tenant)
{
    Q_UNUSED(tenant);
    if (!QDir().mkpath(m_root) || !QFileInfo(m_root).isWritable())
        return ServiceError::unavailable(u"The local engine cannot write to its folder %1; check that it exists and "
                                         u"that this user may write there."_s.arg(QDir::toNativeSeparators(m_root)));
    return QDir::toNativeSeparators(m_root);
}

Result<QList<Chunk>> LocalEngine::chunks(const Tenant &tenant, const VectorStore &store, const StoreFile &file,
                                         int first, int count)
{
    if (!holds(store))
        return notHeld(tenant, store, u"Reading the chunks of"_s);
    auto opened = index(tenant.id, store.id);
    if (!opened)
        return opened.error();
    return (*opened)->chunks(file.id, first, count);
}

Result<SearchResponse> LocalEngine::search(const Tenant &tenant, const QList<VectorStore> &stores,
                                           const SearchRequest &request)
{
    // Stores whose index another engine holds are searched there (the same scores: each store's
    // are relative to the best its own index can reach), the others here, and merged.
    QList<VectorStore> here;
    QList<VectorStore> elsewhere;
    for (const VectorStore &store : stores)
        (holds(store) ? here : elsewhere).append(store);
    if (!elsewhere.isEmpty()) {
        if (!m_elsewhere)
            return notHeld(tenant, elsewhere.constFirst(), u"Searching"_s);
        auto remote = m_elsewhere->search(tenant, elsewhere, request);
        if (!remote || here.isEmpty())
            return remote;
        auto local = search(tenant, here, request);
        if (!local)
            return local;
        QList<SearchHit> &hits = local.value().data;
        hits += remote->data;
        std::stable_sort(hits.begin(), hits.end(),
                         [](const SearchHit &a, const SearchHit &b) { return a.score > b.score; });
        if (hits.size() > request.maxNumResults)
            hits.resize(request.maxNumResults);
        return local;
    }
    SearchResponse response;
    response.searchQuery = request.queries;
    QStringList allTerms;
    // Enough chunks that rolling up into files still fills max_num_results.
    const int perStore = std::max(50, request.maxNumResults * 8);
    QHash<QPair<qint64, qint64>, qsizetype> seen; // (store, chunk) -> position
    QList<std::pair<qint64, LocalIndex::Candidate>> candidates;
    for (const VectorStore &store : stores) {
        if (store.tenantId != tenant.id)
            return ServiceError::notFound(u"Store %1 does not belong to tenant %2."_s.arg(store.id).arg(tenant.slug));
        auto opened = index(tenant.id, store.id);
        if (!opened)
            return opened.error();
        for (const QString &query : request.queries) {
            const QStringList terms = analyzeQuery(query);
            for (const QString &t : terms)
                if (!allTerms.contains(t))
                    allTerms << t;
            auto found = (*opened)->search(terms, request.filters, perStore);
            if (!found)
                return found.error();
            for (const LocalIndex::Candidate &c : found.value()) {
                const auto key = qMakePair(store.id, c.chunkId);
                const auto it = seen.constFind(key);
                if (it == seen.cend()) {
                    seen.insert(key, candidates.size());
                    candidates.append({store.id, c});
                } else if (candidates[*it].second.score < c.score) {
                    candidates[*it].second = c; // several queries: a chunk keeps its best score
                }
            }
        }
    }
    response.data = rollUp(std::move(candidates), request);
    // Text and matched words only for what is returned.
    for (const VectorStore &store : stores) {
        QList<qint64> ids;
        for (const SearchHit &hit : std::as_const(response.data))
            if (hit.storeId == store.id)
                ids += hit.chunkIds;
        if (ids.isEmpty())
            continue;
        auto opened = index(tenant.id, store.id);
        if (!opened)
            return opened.error();
        auto texts = (*opened)->texts(ids, allTerms);
        if (!texts)
            return texts.error();
        for (SearchHit &hit : response.data) {
            if (hit.storeId != store.id)
                continue;
            for (const qint64 id : std::as_const(hit.chunkIds)) {
                const LocalIndex::ChunkText chunk = texts->value(id);
                hit.content << chunk.text;
                for (const QString &t : chunk.matchedTerms)
                    if (!hit.matchedTerms.contains(t))
                        hit.matchedTerms << t;
            }
        }
    }
    response.explain = QJsonObject{
        {u"engine"_s, u"local"_s},
        {u"ranker"_s, request.ranker},
        {u"score"_s, u"bm25 of the best chunk divided by the best bm25 the query terms can reach in the store"_s},
        {u"terms"_s, QJsonArray::fromStringList(allTerms)},
        {u"score_threshold"_s, request.scoreThreshold},
        {u"rewrite_query"_s,
         request.rewriteQuery ? u"requested, not applied: the local engine searches the query as given"_s
                              : u"not requested"_s},
    };
    return response;
}

QList<SearchHit> rollUp(QList<std::pair<qint64, LocalIndex::Candidate>> candidates, const SearchRequest &request)
{
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto &a, const auto &b) { return a.second.score > b.second.score; });
    QList<SearchHit> hits;
    if (request.ranker == u"none"_s) {
        for (const auto &[storeId, c] : candidates) {
            if (c.score < request.scoreThreshold || hits.size() >= request.maxNumResults)
                break;
            hits.append({c.fileId, storeId, c.filename, c.score, c.attributes, {}, {c.ordinal}, {c.chunkId}, {}});
        }
        return hits;
    }
    QHash<QPair<qint64, qint64>, qsizetype> byFile;
    for (const auto &[storeId, c] : candidates) {
        if (c.score < request.scoreThreshold)
            break;
        const auto key = qMakePair(storeId, c.fileId);
        auto it = byFile.constFind(key);
        if (it == byFile.cend()) {
            if (hits.size() >= request.maxNumResults)
                continue;
            byFile.insert(key, hits.size());
            hits.append({c.fileId, storeId, c.filename, c.score, c.attributes, {}, {c.ordinal}, {c.chunkId}, {}});
            continue;
        }
        SearchHit &hit = hits[*it];
        if (hit.chunkIds.size() < 3) {
            hit.chunkIds << c.chunkId;
            hit.chunkOrdinals << c.ordinal;
        }
    }
    return hits;
}

} // namespace vd::engine
