#pragma once

#include "core/domain/searchrequest.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <deque>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace vd::openai {

Q_DECLARE_LOGGING_CATEGORY(lcOpenAI)

// Where and how one tenant talks to OpenAI (or a compatible server).
struct ClientConfig
{
    QString tenant; // the tenant's slug, for messages ("The API key for tenant acme ...")
    QUrl baseUrl = QUrl(QStringLiteral("https://api.openai.com/v1"));
    QString apiKey; // never logged
    QString organization; // OpenAI-Organization header, when set
    QString project; // OpenAI-Project header, when set
    int connectTimeoutMs = 15'000; // no byte received for this long (connecting included): the attempt fails
    int totalTimeoutMs = 120'000; // one attempt, from sending to the last byte of the answer
    int maxAttempts = 4; // including the first
    int backoffBaseMs = 500; // first retry after ~this, doubling, with jitter
    int backoffMaxMs = 20'000;
    int maxRetryAfterMs = 120'000; // a Retry-After longer than this is not waited for
    int maxTotalWaitMs = 300'000; // all the waits between the attempts of one request
    int maxRedirects = 5; // same-origin redirects followed (GET; DELETE with 307/308), never to another origin
    // The most of an answer read, by kind of request; a larger answer is refused as it arrives.
    qint64 maxObjectBytes = 2LL * 1024 * 1024; // one object (or an error)
    qint64 maxPageBytes = 16LL * 1024 * 1024; // one page of a list (up to 100 objects; Files: 10,000)
    qint64 maxSearchBytes = 32LL * 1024 * 1024; // one search answer (up to 50 results with their chunks)
    qint64 maxContentBytes = 64LL * 1024 * 1024; // a store file's parsed text
    int maxConcurrent = 4; // requests in flight for this tenant
    int attachesPerMinute = 300; // per vector store (files and file batches), OpenAI's limit
    int attachWindowMs = 60'000; // the window attachesPerMinute counts in (tests shorten it)
    QList<QPair<QByteArray, QByteArray>> extraHeaders; // sent with every request (tests: Prism's Prefer)

    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://api.openai.com/v1")); }
};

// One list call's cursor and filter (GET /vector_stores, /vector_stores/{id}/files, ...).
struct ListQuery
{
    int limit = 100; // 1..100
    QString order; // asc | desc; empty: the server's default
    QString after;
    QString before;
    QString filter; // store files only: in_progress | completed | failed | cancelled
};

// What a search returned: the local engine's response shape, plus each hit's remote file id
// (same order as response.data; SearchHit::fileId is left 0 for the caller to map).
struct RemoteSearchResult
{
    SearchResponse response;
    QStringList remoteFileIds;
};

using JsonCallback = std::function<void(Result<QJsonObject>)>;

// An asynchronous client for OpenAI's Files, Vector Stores, Vector Store Files, File Batches and
// Search endpoints, over QNetworkAccessManager. Every call returns at once and answers through its
// callback, in the thread that owns the client (no nested event loops). Retries 408/409/429/5xx
// and network errors with exponential backoff and jitter, honouring Retry-After/retry-after-ms;
// limits requests in flight, and attach requests per store per minute.
class OpenAIClient : public QObject
{
    Q_OBJECT

public:
    explicit OpenAIClient(ClientConfig config, QObject *parent = nullptr);
    ~OpenAIClient() override;

    const ClientConfig &config() const { return m_config; }
    // For tests: the random source of the jitter, and the number of requests sent (attempts).
    void setJitter(std::function<double()> uniform01) { m_jitter = std::move(uniform01); }
    int attemptsSent() const { return m_attemptsSent; }

    // Files. uploadFile and createVectorStore are not retried after an attempt that may have
    // created the object (no answer, or 5xx): their error then has details.maybe_created = true.
    void uploadFile(const QString &path, const QString &filename, JsonCallback done); // purpose=assistants
    void getFile(const QString &fileId, JsonCallback done);
    void deleteFile(const QString &fileId, JsonCallback done);
    void listFiles(const ListQuery &query, JsonCallback done); // purpose=assistants

    // Vector stores
    void createVectorStore(const QJsonObject &body, JsonCallback done);
    void listVectorStores(const ListQuery &query, JsonCallback done);
    void getVectorStore(const QString &storeId, JsonCallback done);
    void modifyVectorStore(const QString &storeId, const QJsonObject &body, JsonCallback done);
    void deleteVectorStore(const QString &storeId, JsonCallback done);

    // Vector store files
    void createVectorStoreFile(const QString &storeId, const QString &fileId, const QJsonObject &attributes,
                               const ChunkingStrategy &chunking, JsonCallback done);
    void listVectorStoreFiles(const QString &storeId, const ListQuery &query, JsonCallback done);
    void getVectorStoreFile(const QString &storeId, const QString &fileId, JsonCallback done);
    void updateVectorStoreFileAttributes(const QString &storeId, const QString &fileId, const QJsonObject &attributes,
                                         JsonCallback done);
    void deleteVectorStoreFile(const QString &storeId, const QString &fileId, JsonCallback done);
    void vectorStoreFileContent(const QString &storeId, const QString &fileId, JsonCallback done);
    // VectorDesk's own, for `vectordesk serve` holding a local store (docs/api.md, docs/teams.md):
    // restore a detached file; `limit` chunks of a file from ordinal `first`.
    void restoreVectorStoreFile(const QString &storeId, const QString &fileId, JsonCallback done);
    void vectorStoreFileChunks(const QString &storeId, const QString &fileId, int first, int limit, JsonCallback done);

    // File batches. createFileBatches splits the ids into batches of at most kMaxBatchFiles and
    // answers with every batch object once all were created (or with the first failure).
    static constexpr int kMaxBatchFiles = 500;
    void createFileBatches(const QString &storeId, const QStringList &fileIds, const QJsonObject &attributes,
                           const ChunkingStrategy &chunking, std::function<void(Result<QList<QJsonObject>>)> done);
    // One batch of at most kMaxBatchFiles files, each with its own attributes and chunking strategy
    // (the `files` form). A create: not retried after an attempt that may have created it (the
    // error then has details.maybe_created = true).
    struct BatchFile
    {
        QString fileId;
        QJsonObject attributes;
        ChunkingStrategy chunking;
    };
    void createFileBatch(const QString &storeId, const QList<BatchFile> &files, JsonCallback done);
    void getFileBatch(const QString &storeId, const QString &batchId, JsonCallback done);
    void cancelFileBatch(const QString &storeId, const QString &batchId, JsonCallback done);
    void listFileBatchFiles(const QString &storeId, const QString &batchId, const ListQuery &query, JsonCallback done);

    // Search: the request as the local engine takes it, the answer in the local engine's shape.
    // withMatches: ask a VectorDesk server for each result's matched words and chunk ordinals
    // (kSearchMatchesInclude); OpenAI is never asked.
    void search(const QString &storeId, const SearchRequest &request,
                std::function<void(Result<RemoteSearchResult>)> done, bool withMatches = false);

    // Every page of a list call, following `after` while has_more. A cursor or an object id seen
    // twice is an error (a server whose pagination loops; nothing is acted on twice), and so is a
    // list longer than maxPages pages, unless `upToMaxPages` (then the first maxPages pages are
    // enough: a look for something recent).
    using Lister = std::function<void(const ListQuery &, JsonCallback)>;
    static void listAll(const Lister &lister, ListQuery first, int maxPages,
                        std::function<void(Result<QList<QJsonObject>>)> done, bool upToMaxPages = false);

    // Text that came from the server (its error messages, a quoted body), fit to be stored or shown:
    // servers may quote the Authorization header they received (gateways do).
    static QString serverText(const QString &text);

    // JSON helpers shared with the backend and the tests.
    static QJsonObject chunkingJson(const ChunkingStrategy &chunking);
    static Result<RemoteSearchResult> parseSearch(const QJsonObject &page);

signals:
    void uploadProgress(const QString &path, qint64 sent, qint64 total);

private:
    struct Request;
    struct Attempt;
    void enqueue(std::shared_ptr<Request> request);
    void pump();
    void start(const std::shared_ptr<Request> &request);
    void finished(const std::shared_ptr<Request> &request, QNetworkReply *reply, Attempt &attempt);
    // Retries after delayMs unless that would pass maxTotalWaitMs for the request (then false).
    // Counts the retry in vectordesk_openai_retries by the status that caused it (0: no answer).
    bool scheduleRetry(const std::shared_ptr<Request> &request, qint64 delayMs, int status);
    QString budgetText(const Request &request, qint64 delayMs) const;
    int backoffMs(int attempt) const;
    ServiceError httpError(const Request &request, int status, const QJsonObject &body, const QByteArray &raw,
                           const QString &requestId, const QString &extra = {}) const;
    void request(QByteArray method, const QString &path, const QUrlQuery &query, const QJsonObject *body,
                 bool vectorStore, JsonCallback done, const QString &attachStore = {}, bool createsObject = false);
    static QUrlQuery listQuery(const ListQuery &query);
    // The metrics' label of a request: its method and path without ids, "get:vector_stores.files".
    static QString operationLabel(const QByteArray &method, const QString &path);

    ClientConfig m_config;
    QNetworkAccessManager *m_network = nullptr;
    std::deque<std::shared_ptr<Request>> m_queue;
    int m_inFlight = 0;
    int m_attemptsSent = 0;
    QHash<QString, std::deque<qint64>> m_attachTimes; // store id -> start times (ms) in the last minute
    QTimer *m_pumpTimer = nullptr;
    std::function<double()> m_jitter;
};

} // namespace vd::openai
