#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace vd::test {

// A small, stateful stand-in for OpenAI's Files / Vector Stores API over HTTP/1.1 on loopback,
// for flows Prism cannot express (processing that takes several polls, injected failures,
// pagination over real data, crash recovery). One request per connection (Connection: close).
// It serves from a thread of its own, so it answers while the test's thread is blocked in a
// synchronous backend call (whose caller's event loop never runs); every member is thread-safe.
class FakeOpenAIServer : public QObject
{
    Q_OBJECT

public:
    struct Received
    {
        QByteArray method;
        QString path; // without the query, e.g. /v1/vector_stores
        QUrlQuery query;
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
    };
    // An answer given instead of the normal one to the next matching request(s).
    struct Injected
    {
        int status = 500;
        QByteArray body = "{\"error\":{\"message\":\"injected failure\",\"type\":\"server_error\",\"param\":null,"
                          "\"code\":null}}";
        QList<QPair<QByteArray, QByteArray>> headers;
        int delayMs = 0;
        bool processFirst = false; // do what the request asks, then answer with this (a lost answer)
        // Hostile servers. Each replaces the normal way of answering:
        bool drop = false; // close the connection without a byte of answer
        qint64 streamBytes = 0; // a body of this many bytes ('x'), written as the client reads it
        bool omitLength = false; // with streamBytes: no Content-Length (the body ends when the server closes)
        qint64 truncateAfter = -1; // send only this many bytes of `body`, then reset the connection
        int trickleMs = 0; // send `body` one byte every trickleMs
        // `{{authorization}}` in body is replaced by the request's Authorization header (a gateway
        // quoting what it received).
    };

    explicit FakeOpenAIServer(QObject *parent = nullptr);
    ~FakeOpenAIServer() override; // stops its thread; the port is closed afterwards

    bool listen();
    QUrl baseUrl() const; // http://127.0.0.1:PORT/v1

    QString apiKey() const;
    void setApiKey(const QString &key);
    void setPollsUntilDone(int polls); // GETs of an in_progress store file before it finishes (default 1)
    void setDelayAllMs(int ms); // every answer that much later

    // The next `times` requests whose method matches and whose path starts with `pathPrefix`.
    void inject(const QByteArray &method, const QString &pathPrefix, const Injected &answer, int times = 1);
    int count(const QByteArray &method, const QString &pathPrefix) const;
    QList<Received> requests() const; // every request so far, in order (a copy)

    // State, for seeding and checking.
    QString addStore(const QString &name, const QJsonObject &metadata = {});
    QString addFile(const QString &filename, const QByteArray &content);
    void removeStore(const QString &id);
    // Attaches a file as already processed (status completed, or failed with `errorCode`).
    void attachProcessed(const QString &storeId, const QString &fileId, const QJsonObject &attributes,
                         const QString &errorCode = {});
    // Attaches a file still in progress: it completes after `polls` more looks (GETs of it, or
    // lists of the store's files in progress).
    void attachInProgress(const QString &storeId, const QString &fileId, int polls);
    void removeFile(const QString &id);
    int storeCount() const;
    int fileCount() const;
    QStringList storeFileIds(const QString &storeId) const;
    QList<int> batchSizes() const; // files per created batch, in order
    QList<QJsonObject> batchBodies() const; // the body of each created batch, in order

private:
    struct File
    {
        QString id;
        QString filename;
        QByteArray content;
        qint64 createdAt = 0;
        qint64 seq = 0;
    };
    struct StoreFile
    {
        QString id;
        QString status = QStringLiteral("in_progress");
        int pollsLeft = 1;
        QJsonObject attributes;
        QJsonObject lastError;
        qint64 seq = 0;
    };
    struct Store
    {
        QString id;
        QJsonObject object;
        QHash<QString, StoreFile> files;
        qint64 seq = 0;
    };
    // A file batch: its files stay the store's; the batch reports on them.
    struct Batch
    {
        QString id;
        QString storeId;
        QStringList fileIds;
        qint64 createdAt = 0;
        bool cancelled = false;
    };

    void onConnection();
    void onReadable(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Received &request);
    void write(QTcpSocket *socket, int status, const QByteArray &body,
               const QList<QPair<QByteArray, QByteArray>> &headers, int delayMs);
    void writeHostile(QTcpSocket *socket, const Injected &answer, const QByteArray &body);
    QJsonObject handle(const Received &request, int *status);
    QJsonObject storeJson(const Store &store) const;
    QJsonObject storeFileJson(const Store &store, const StoreFile &file) const;
    QJsonObject fileJson(const File &file) const;
    QJsonObject batchJson(const Batch &batch) const;
    QJsonObject handleBatches(const Received &request, const QStringList &parts, Store &store, int *status);
    // One step of processing for a file in progress (a poll of it or of its batch).
    void advance(StoreFile &file);
    static QJsonObject error(int *status, int code, const QString &message, const QString &type = {});
    template<typename T>
    QJsonObject page(QList<T> items, const QUrlQuery &query, const std::function<QJsonObject(const T &)> &toJson);

    // The thread it serves from: m_worker lives there, parent of the QTcpServer and its sockets.
    QThread m_thread;
    QObject *m_worker = nullptr;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    // Guards everything below and the settings; recursive because handle() seeds through the
    // public members.
    mutable QRecursiveMutex m_mutex;
    QString m_apiKey = QStringLiteral("sk-fake-test-key-0123456789");
    int m_pollsUntilDone = 1;
    int m_delayAllMs = 0;
    QList<Received> m_requests;
    QList<int> m_batchSizes;
    QList<QJsonObject> m_batchBodies;
    QHash<QString, Batch> m_batches;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    struct Rule
    {
        QByteArray method;
        QString prefix;
        Injected answer;
        int times = 0;
    };
    QList<Rule> m_rules;
    QHash<QString, Store> m_stores;
    QHash<QString, File> m_files;
    qint64 m_seq = 0;
    int m_requestNumber = 0;
};

} // namespace vd::test
