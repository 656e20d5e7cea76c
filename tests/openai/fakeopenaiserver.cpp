#include "fakeopenaiserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace vd::test {

namespace {

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

QJsonObject counts(int inProgress, int completed, int failed, int cancelled)
{
    return QJsonObject{{u"in_progress"_s, inProgress},
                       {u"completed"_s, completed},
                       {u"failed"_s, failed},
                       {u"cancelled"_s, cancelled},
                       {u"total"_s, inProgress + completed + failed + cancelled}};
}

} // namespace

FakeOpenAIServer::FakeOpenAIServer(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_thread.setObjectName(u"fake-openai-server"_s);
    m_worker->moveToThread(&m_thread);
    // The server, its sockets and pending answers go with m_worker, deleted in that thread.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

FakeOpenAIServer::~FakeOpenAIServer()
{
    m_thread.quit();
    m_thread.wait();
}

bool FakeOpenAIServer::listen()
{
    bool listening = false;
    QMetaObject::invokeMethod(
        m_worker,
        [this, &listening] {
            m_server = new QTcpServer(m_worker);
            connect(m_server, &QTcpServer::newConnection, m_worker, [this] { onConnection(); });
            listening = m_server->listen(QHostAddress::LocalHost, 0);
            QMutexLocker locker(&m_mutex);
            m_port = m_server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return listening;
}

QUrl FakeOpenAIServer::baseUrl() const
{
    QMutexLocker locker(&m_mutex);
    return QUrl(u"http://127.0.0.1:%1/v1"_s.arg(m_port));
}

QString FakeOpenAIServer::apiKey() const
{
    QMutexLocker locker(&m_mutex);
    return m_apiKey;
}

void FakeOpenAIServer::setApiKey(const QString &key)
{
    QMutexLocker locker(&m_mutex);
    m_apiKey = key;
}

void FakeOpenAIServer::setPollsUntilDone(int polls)
{
    QMutexLocker locker(&m_mutex);
    m_pollsUntilDone = polls;
}

void FakeOpenAIServer::setDelayAllMs(int ms)
{
    QMutexLocker locker(&m_mutex);
    m_delayAllMs = ms;
}

QList<FakeOpenAIServer::Received> FakeOpenAIServer::requests() const
{
    QMutexLocker locker(&m_mutex);
    return m_requests;
}

QList<int> FakeOpenAIServer::batchSizes() const
{
    QMutexLocker locker(&m_mutex);
    return m_batchSizes;
}

QList<QJsonObject> FakeOpenAIServer::batchBodies() const
{
    QMutexLocker locker(&m_mutex);
    return m_batchBodies;
}

int FakeOpenAIServer::storeCount() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_stores.size());
}

int FakeOpenAIServer::fileCount() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_files.size());
}

void FakeOpenAIServer::inject(const QByteArray &method, const QString &pathPrefix, const Injected &answer, int times)
{
    QMutexLocker locker(&m_mutex);
    m_rules.append({method, pathPrefix, answer, times});
}

int FakeOpenAIServer::count(const QByteArray &method, const QString &pathPrefix) const
{
    QMutexLocker locker(&m_mutex);
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(), [&](const Received &r) {
        return (method.isEmpty() || r.method == method) && r.path.startsWith(pathPrefix);
    }));
}

QString FakeOpenAIServer::addStore(const QString &name, const QJsonObject &metadata)
{
    QMutexLocker locker(&m_mutex);
    Store s;
    s.seq = ++m_seq;
    s.id = u"vs_%1"_s.arg(s.seq);
    s.object = QJsonObject{{u"id"_s, s.id},
                           {u"object"_s, u"vector_store"_s},
                           {u"created_at"_s, nowSeconds()},
                           {u"name"_s, name},
                           {u"metadata"_s, metadata},
                           {u"last_active_at"_s, nowSeconds()},
                           {u"expires_at"_s, QJsonValue::Null}};
    m_stores.insert(s.id, s);
    return s.id;
}

QString FakeOpenAIServer::addFile(const QString &filename, const QByteArray &content)
{
    QMutexLocker locker(&m_mutex);
    File f;
    f.seq = ++m_seq;
    f.id = u"file-%1"_s.arg(f.seq);
    f.filename = filename;
    f.content = content;
    f.createdAt = nowSeconds();
    m_files.insert(f.id, f);
    return f.id;
}

void FakeOpenAIServer::attachProcessed(const QString &storeId, const QString &fileId, const QJsonObject &attributes,
                                       const QString &errorCode)
{
    QMutexLocker locker(&m_mutex);
    StoreFile f;
    f.id = fileId;
    f.seq = ++m_seq;
    f.pollsLeft = 0;
    f.attributes = attributes;
    f.status = errorCode.isEmpty() ? u"completed"_s : u"failed"_s;
    if (!errorCode.isEmpty())
        f.lastError = QJsonObject{{u"code"_s, errorCode}, {u"message"_s, u"Fake failure: %1"_s.arg(errorCode)}};
    m_stores[storeId].files.insert(fileId, f);
}

void FakeOpenAIServer::attachInProgress(const QString &storeId, const QString &fileId, int polls)
{
    QMutexLocker locker(&m_mutex);
    StoreFile f;
    f.id = fileId;
    f.seq = ++m_seq;
    f.pollsLeft = polls;
    m_stores[storeId].files.insert(fileId, f);
}

void FakeOpenAIServer::removeStore(const QString &id)
{
    QMutexLocker locker(&m_mutex);
    m_stores.remove(id);
}

void FakeOpenAIServer::removeFile(const QString &id)
{
    QMutexLocker locker(&m_mutex);
    m_files.remove(id);
    for (Store &s : m_stores)
        s.files.remove(id);
}

QStringList FakeOpenAIServer::storeFileIds(const QString &storeId) const
{
    QMutexLocker locker(&m_mutex);
    QStringList ids = m_stores.value(storeId).files.keys();
    ids.sort();
    return ids;
}

// In the server's thread, as everything below.
void FakeOpenAIServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, [this, socket] {
            QMutexLocker locker(&m_mutex);
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeOpenAIServer::onReadable(QTcpSocket *socket)
{
    QMutexLocker locker(&m_mutex);
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    if (buffer.startsWith('\x16')) { // a TLS ClientHello: this server speaks plain HTTP only
        Received hello;
        hello.method = "TLS";
        m_requests.append(hello);
        buffer.clear();
        socket->write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        socket->disconnectFromHost();
        return;
    }
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    Received r;
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    r.method = first.value(0);
    const QUrl url(QString::fromLatin1(first.value(1)));
    r.path = url.path();
    r.query = QUrlQuery(url);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            r.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    const qint64 length = r.headers.value("content-length", "0").toLongLong();
    if (buffer.size() - (headerEnd + 4) < length)
        return; // more body to come
    r.body = buffer.mid(headerEnd + 4, length);
    buffer.clear();
    m_requests.append(r);
    respond(socket, r);
}

void FakeOpenAIServer::write(QTcpSocket *socket, int status, const QByteArray &body,
                             const QList<QPair<QByteArray, QByteArray>> &headers, int delayMs)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    response += "Content-Type: application/json\r\nConnection: close\r\n";
    response += "x-request-id: req_fake_" + QByteArray::number(++m_requestNumber) + "\r\n";
    for (const auto &[name, value] : headers)
        response += name + ": " + value + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    QPointer<QTcpSocket> guarded(socket);
    auto send = [guarded, response] {
        if (!guarded || guarded->state() != QAbstractSocket::ConnectedState)
            return;
        guarded->write(response);
        guarded->disconnectFromHost();
    };
    const int delay = delayMs + m_delayAllMs;
    if (delay > 0)
        QTimer::singleShot(delay, m_worker, send);
    else
        send();
}

void FakeOpenAIServer::writeHostile(QTcpSocket *socket, const Injected &answer, const QByteArray &body)
{
    QPointer<QTcpSocket> guarded(socket);
    if (answer.drop) { // the request arrived (and maybe was processed); no answer at all
        socket->disconnectFromHost();
        return;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reason(answer.status) + "\r\n";
    head += "Content-Type: application/json\r\nConnection: close\r\n";
    for (const auto &[name, value] : answer.headers)
        head += name + ": " + value + "\r\n";
    if (answer.streamBytes > 0) {
        if (!answer.omitLength)
            head += "Content-Length: " + QByteArray::number(answer.streamBytes) + "\r\n";
        socket->write(head + "\r\n");
        // Written as the client takes it (never more than 256 KiB queued), so this process holds
        // no more than that whatever the size offered.
        auto left = std::make_shared<qint64>(answer.streamBytes);
        auto pump = [guarded, left] {
            static const QByteArray chunk(64 * 1024, 'x');
            while (guarded && guarded->state() == QAbstractSocket::ConnectedState && *left > 0
                   && guarded->bytesToWrite() < 256 * 1024) {
                const qint64 n = std::min<qint64>(*left, chunk.size());
                guarded->write(chunk.constData(), n);
                *left -= n;
            }
            if (guarded && *left == 0 && guarded->bytesToWrite() == 0)
                guarded->disconnectFromHost();
        };
        connect(socket, &QTcpSocket::bytesWritten, socket, pump);
        pump();
        return;
    }
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    if (answer.truncateAfter >= 0) { // a connection reset in the middle of the body
        socket->write(head + body.left(answer.truncateAfter));
        socket->flush();
        socket->abort();
        return;
    }
    socket->write(head);
    auto *timer = new QTimer(socket);
    auto sent = std::make_shared<qsizetype>(0);
    connect(timer, &QTimer::timeout, socket, [guarded, timer, sent, body] {
        if (!guarded || guarded->state() != QAbstractSocket::ConnectedState) {
            timer->stop();
            return;
        }
        guarded->write(body.mid((*sent)++, 1));
        if (*sent >= body.size()) {
            timer->stop();
            guarded->disconnectFromHost();
        }
    });
    timer->start(answer.trickleMs);
}

void FakeOpenAIServer::respond(QTcpSocket *socket, const Received &request)
{
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        Rule &rule = m_rules[i];
        if (rule.method == request.method && request.path.startsWith(rule.prefix)) {
            const Injected answer = rule.answer;
            if (--rule.times <= 0)
                m_rules.removeAt(i);
            if (answer.processFirst) {
                int ignored = 200;
                handle(request, &ignored);
            }
            QByteArray body = answer.body;
            body.replace("{{authorization}}", request.headers.value("authorization"));
            if (answer.drop || answer.streamBytes > 0 || answer.truncateAfter >= 0 || answer.trickleMs > 0)
                writeHostile(socket, answer, body);
            else
                write(socket, answer.status, body, answer.headers, answer.delayMs);
            return;
        }
    }
    int status = 200;
    const QJsonObject body = handle(request, &status);
    write(socket, status, QJsonDocument(body).toJson(QJsonDocument::Compact), {}, 0);
}

QJsonObject FakeOpenAIServer::error(int *status, int code, const QString &message, const QString &type)
{
    *status = code;
    return QJsonObject{{u"error"_s,
                        QJsonObject{{u"message"_s, message},
                                    {u"type"_s, type.isEmpty() ? u"invalid_request_error"_s : type},
                                    {u"param"_s, QJsonValue::Null},
                                    {u"code"_s, QJsonValue::Null}}}};
}

QJsonObject FakeOpenAIServer::fileJson(const File &f) const
{
    return QJsonObject{{u"id"_s, f.id},
                       {u"object"_s, u"file"_s},
                       {u"bytes"_s, f.content.size()},
                       {u"created_at"_s, f.createdAt},
                       {u"filename"_s, f.filename},
                       {u"purpose"_s, u"assistants"_s}};
}

QJsonObject FakeOpenAIServer::storeJson(const Store &s) const
{
    QJsonObject o = s.object;
    int c[4] = {0, 0, 0, 0};
    qint64 usage = 0;
    for (const StoreFile &f : s.files) {
        c[f.status == u"in_progress"_s ? 0 : f.status == u"completed"_s ? 1 : f.status == u"failed"_s ? 2 : 3]++;
        if (f.status == u"completed"_s)
            usage += m_files.value(f.id).content.size();
    }
    o.insert(u"file_counts"_s, counts(c[0], c[1], c[2], c[3]));
    o.insert(u"usage_bytes"_s, usage);
    o.insert(u"status"_s, c[0] > 0 ? u"in_progress"_s : u"completed"_s);
    return o;
}

QJsonObject FakeOpenAIServer::storeFileJson(const Store &s, const StoreFile &f) const
{
    const QString name = m_files.value(f.id).filename;
    const QJsonValue status = f.status == u"object"_s && name.contains(u"status-object"_s)
        ? QJsonValue(QJsonObject{{u"value"_s, u"completed"_s}})
        : QJsonValue(f.status);
    const qint64 usage = f.status == u"completed"_s ? m_files.value(f.id).content.size() : 0;
    const QJsonValue usageBytes = name.contains(u"usage-string"_s) && f.status == u"completed"_s
        ? QJsonValue(QString::number(usage))
        : QJsonValue(usage);
    return QJsonObject{
        {u"id"_s, f.id},
        {u"object"_s, u"vector_store.file"_s},
        {u"usage_bytes"_s, usageBytes},
        {u"created_at"_s, nowSeconds()},
        {u"vector_store_id"_s, s.id},
        {u"status"_s, status},
        {u"last_error"_s, f.lastError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(f.lastError)},
        {u"attributes"_s, f.attributes},
        {u"chunking_strategy"_s,
         QJsonObject{{u"type"_s, u"static"_s},
                     {u"static"_s, QJsonObject{{u"max_chunk_size_tokens"_s, 800}, {u"chunk_overlap_tokens"_s, 400}}}}}};
}

template<typename T>
QJsonObject FakeOpenAIServer::page(QList<T> items, const QUrlQuery &query,
                                   const std::function<QJsonObject(const T &)> &toJson)
{
    std::sort(items.begin(), items.end(), [](const T &a, const T &b) { return a.seq < b.seq; });
    if (query.queryItemValue(u"order"_s) != u"asc"_s)
        std::reverse(items.begin(), items.end());
    const int limit = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt() : 20;
    qsizetype start = 0;
    const QString after = query.queryItemValue(u"after"_s);
    if (!after.isEmpty()) {
        for (qsizetype i = 0; i < items.size(); ++i)
            if (items[i].id == after)
                start = i + 1;
    }
    QJsonArray data;
    for (qsizetype i = start; i < items.size() && data.size() < limit; ++i)
        data.append(toJson(items[i]));
    const bool more = start + data.size() < items.size();
    return QJsonObject{{u"object"_s, u"list"_s},
                       {u"data"_s, data},
                       {u"first_id"_s, data.isEmpty() ? QJsonValue(QJsonValue::Null) : data.first()[u"id"_s]},
                       {u"last_id"_s, data.isEmpty() ? QJsonValue(QJsonValue::Null) : data.last()[u"id"_s]},
                       {u"has_more"_s, more}};
}

QJsonObject FakeOpenAIServer::handle(const Received &r, int *status)
{
    if (r.headers.value("authorization") != "Bearer " + m_apiKey.toUtf8()) {
        *status = 401;
        return QJsonObject{{u"error"_s,
                            QJsonObject{{u"message"_s, u"Incorrect API key provided."_s},
                                        {u"type"_s, u"invalid_request_error"_s},
                                        {u"param"_s, QJsonValue::Null},
                                        {u"code"_s, u"invalid_api_key"_s}}}};
    }
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    const QStringList parts = r.path.split(u'/', Qt::SkipEmptyParts); // v1, ...
    const QString top = parts.value(1);
    if (top == u"files"_s) {
        if (parts.size() == 2 && r.method == "POST") {
            // multipart/form-data: purpose and file
            const QByteArray type = r.headers.value("content-type");
            const qsizetype b = type.indexOf("boundary=");
            if (b < 0)
                return error(status, 400, u"expected multipart/form-data"_s);
            QByteArray boundary = "--" + type.mid(b + 9);
            boundary.replace("\"", "");
            QString filename;
            QByteArray content;
            QByteArray purpose;
            qsizetype pos = 0;
            while ((pos = r.body.indexOf(boundary, pos)) >= 0) {
                pos += boundary.size();
                const qsizetype headEnd = r.body.indexOf("\r\n\r\n", pos);
                if (headEnd < 0)
                    break;
                const QByteArray head = r.body.mid(pos, headEnd - pos);
                const qsizetype next = r.body.indexOf(QByteArray("\r\n" + boundary), headEnd);
                if (next < 0)
                    break;
                const QByteArray value = r.body.mid(headEnd + 4, next - headEnd - 4);
                static const QRegularExpression fileNameRe(u"filename=\"([^\"]*)\""_s);
                if (head.contains("name=\"file\"")) {
                    filename = fileNameRe.match(QString::fromUtf8(head)).captured(1);
                    content = value;
                } else if (head.contains("name=\"purpose\"")) {
                    purpose = value;
                }
                pos = next;
            }
            if (purpose != "assistants" || filename.isEmpty())
                return error(status, 400, u"purpose=assistants and a file are required"_s);
            return fileJson(m_files.value(addFile(filename, content)));
        }
        if (parts.size() == 2 && r.method == "GET") {
            const QList<File> files = m_files.values();
            return page<File>(files, r.query, [this](const File &f) { return fileJson(f); });
        }
        const QString id = parts.value(2);
        if (!m_files.contains(id))
            return error(status, 404, u"No such File object: %1"_s.arg(id));
        if (r.method == "DELETE") {
            removeFile(id);
            return QJsonObject{{u"id"_s, id}, {u"object"_s, u"file"_s}, {u"deleted"_s, true}};
        }
        return fileJson(m_files.value(id));
    }
    if (top != u"vector_stores"_s)
        return error(status, 404, u"Unknown path %1"_s.arg(r.path));
    if (r.headers.value("openai-beta") != "assistants=v2")
        return error(status, 400, u"missing OpenAI-Beta: assistants=v2"_s);
    if (parts.size() == 2) {
        if (r.method == "POST") {
            const QString id = addStore(body.value(u"name"_s).toString(), body.value(u"metadata"_s).toObject());
            if (body.contains(u"expires_after"_s))
                m_stores[id].object.insert(u"expires_after"_s, body.value(u"expires_after"_s));
            return storeJson(m_stores.value(id));
        }
        const QList<Store> stores = m_stores.values();
        return page<Store>(stores, r.query, [this](const Store &s) { return storeJson(s); });
    }
    const QString storeId = parts.value(2);
    if (!m_stores.contains(storeId))
        return error(status, 404, u"No vector store found with id '%1'."_s.arg(storeId));
    Store &store = m_stores[storeId];
    if (parts.size() == 3) {
        if (r.method == "DELETE") {
            m_stores.remove(storeId);
            return QJsonObject{{u"id"_s, storeId}, {u"object"_s, u"vector_store.deleted"_s}, {u"deleted"_s, true}};
        }
        if (r.method == "POST") {
            for (const QString &key : {u"name"_s, u"metadata"_s, u"expires_after"_s})
                if (body.contains(key))
                    store.object.insert(key, body.value(key));
        }
        return storeJson(store);
    }
    const QString sub = parts.value(3);
    if (sub == u"search"_s) {
        QStringList queries;
        if (body.value(u"query"_s).isArray())
            for (const QJsonValue &q : body.value(u"query"_s).toArray())
                queries << q.toString();
        else
            queries << body.value(u"query"_s).toString();
        QJsonArray data;
        const int max = body.value(u"max_num_results"_s).toInt(10);
        for (const StoreFile &f : std::as_const(store.files)) {
            if (f.status != u"completed"_s || data.size() >= max)
                continue;
            const File &file = m_files[f.id];
            const QString text = QString::fromUtf8(file.content);
            int hits = 0;
            for (const QString &q : std::as_const(queries))
                for (const QString &word : q.split(u' ', Qt::SkipEmptyParts))
                    hits += text.contains(word, Qt::CaseInsensitive) ? 1 : 0;
            if (hits == 0)
                continue;
            data.append(
                QJsonObject{{u"file_id"_s, f.id},
                            {u"filename"_s, file.filename},
                            {u"score"_s, std::min(1.0, 0.5 + 0.1 * hits)},
                            {u"attributes"_s, f.attributes},
                            {u"content"_s, QJsonArray{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, text}}}}});
        }
        return QJsonObject{{u"object"_s, u"vector_store.search_results.page"_s},
                           {u"search_query"_s, QJsonArray::fromStringList(queries)},
                           {u"data"_s, data},
                           {u"has_more"_s, false},
                           {u"next_page"_s, QJsonValue::Null}};
    }
    if (sub == u"file_batches"_s)
        return handleBatches(r, parts, store, status);
    if (sub != u"files"_s)
        return error(status, 404, u"Unknown path %1"_s.arg(r.path));
    if (parts.size() == 4) {
        if (r.method == "POST") {
            const QString fileId = body.value(u"file_id"_s).toString();
            if (!m_files.contains(fileId))
                return error(status, 404, u"No file found with id '%1'."_s.arg(fileId));
            StoreFile f;
            f.id = fileId;
            f.seq = ++m_seq;
            f.pollsLeft = m_pollsUntilDone;
            f.attributes = body.value(u"attributes"_s).toObject();
            if (store.files.contains(fileId))
                f = store.files.value(fileId);
            store.files.insert(fileId, f);
            return storeFileJson(store, f);
        }
        QList<StoreFile> files;
        const QString filter = r.query.queryItemValue(u"filter"_s);
        // A look at the files in progress (the list's first page) moves their processing on, as a
        // GET of each would.
        if (filter == u"in_progress"_s && !r.query.hasQueryItem(u"after"_s))
            for (StoreFile &f : store.files)
                advance(f);
        for (const StoreFile &f : std::as_const(store.files))
            if (filter.isEmpty() || f.status == filter)
                files << f;
        return page<StoreFile>(files, r.query, [this, &store](const StoreFile &f) { return storeFileJson(store, f); });
    }
    const QString fileId = parts.value(4);
    if (!store.files.contains(fileId))
        return error(status, 404, u"No file found with id '%1' in vector store '%2'."_s.arg(fileId, storeId));
    StoreFile &f = store.files[fileId];
    if (r.method == "DELETE") {
        store.files.remove(fileId);
        return QJsonObject{{u"id"_s, fileId}, {u"object"_s, u"vector_store.file.deleted"_s}, {u"deleted"_s, true}};
    }
    if (parts.value(5) == u"content"_s)
        return QJsonObject{
            {u"object"_s, u"vector_store.file_content.page"_s},
            {u"data"_s,
             QJsonArray{QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, QString::fromUtf8(m_files[fileId].content)}}}},
            {u"has_more"_s, false},
            {u"next_page"_s, QJsonValue::Null}};
    if (r.method == "POST") {
        f.attributes = body.value(u"attributes"_s).toObject();
        return storeFileJson(store, f);
    }
    advance(f);
    return storeFileJson(store, f);
}

// A GET of the file (or of its batch) moves processing on: after pollsUntilDone polls the file is
// done; a file named "...fail-<code>..." fails with that code. Hostile statuses: a file named
// "...status-<word>..." ends with that status (a server with statuses of its own; storeFileJson
// reports "status-object" with a status that is an object), and "usage-string" completes with
// usage_bytes as a string.
void FakeOpenAIServer::advance(StoreFile &f)
{
    if (f.status != u"in_progress"_s || --f.pollsLeft > 0)
        return;
    static const QRegularExpression statusRe(u"status-([A-Za-z_]+)"_s);
    static const QRegularExpression failRe(u"fail-(server_error|unsupported_file|invalid_file)"_s);
    const QString name = m_files.value(f.id).filename;
    if (const auto m = statusRe.match(name); m.hasMatch()) {
        f.status = m.captured(1);
    } else if (const auto fail = failRe.match(name); fail.hasMatch()) {
        f.status = u"failed"_s;
        f.lastError =
            QJsonObject{{u"code"_s, fail.captured(1)}, {u"message"_s, u"Fake failure: %1"_s.arg(fail.captured(1))}};
    } else {
        f.status = u"completed"_s;
    }
}

QJsonObject FakeOpenAIServer::batchJson(const Batch &b) const
{
    int c[4] = {0, 0, 0, 0};
    const Store store = m_stores.value(b.storeId);
    for (const QString &id : b.fileIds) {
        if (!store.files.contains(id))
            continue; // detached since
        const QString status = store.files.value(id).status;
        c[status == u"in_progress"_s ? 0 : status == u"completed"_s ? 1 : status == u"failed"_s ? 2 : 3]++;
    }
    const QString status = b.cancelled ? u"cancelled"_s : c[0] > 0 ? u"in_progress"_s : u"completed"_s;
    return QJsonObject{{u"id"_s, b.id},
                       {u"object"_s, u"vector_store.files_batch"_s},
                       {u"created_at"_s, b.createdAt},
                       {u"vector_store_id"_s, b.storeId},
                       {u"status"_s, status},
                       {u"file_counts"_s, counts(c[0], c[1], c[2], c[3])}};
}

// POST file_batches (file_ids with shared attributes, or files[] each with its own), GET one
// (a poll: moves its files' processing on), POST .../cancel (files in progress become cancelled),
// GET .../files (a page of the batch's files, with the status filter).
QJsonObject FakeOpenAIServer::handleBatches(const Received &r, const QStringList &parts, Store &store, int *status)
{
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    if (parts.size() == 4 && r.method == "POST") {
        const bool byIds = body.contains(u"file_ids"_s);
        if (byIds == body.contains(u"files"_s))
            return error(status, 400, u"give exactly one of file_ids and files"_s);
        const QJsonArray items = body.value(byIds ? u"file_ids"_s : u"files"_s).toArray();
        if (items.isEmpty() || items.size() > 500)
            return error(status, 400, u"a file batch holds 1 to 500 files"_s);
        for (const QJsonValue &item : items) {
            const QString id = byIds ? item.toString() : item.toObject().value(u"file_id"_s).toString();
            if (!m_files.contains(id))
                return error(status, 404, u"No file found with id '%1'."_s.arg(id));
        }
        m_batchSizes << int(items.size());
        m_batchBodies << body;
        Batch batch;
        batch.id = u"vsfb_%1"_s.arg(++m_seq);
        batch.storeId = store.id;
        batch.createdAt = nowSeconds();
        for (const QJsonValue &item : items) {
            StoreFile f;
            f.id = byIds ? item.toString() : item.toObject().value(u"file_id"_s).toString();
            f.seq = ++m_seq;
            f.pollsLeft = m_pollsUntilDone;
            f.attributes = (byIds ? body : item.toObject()).value(u"attributes"_s).toObject();
            if (store.files.contains(f.id))
                f = store.files.value(f.id);
            store.files.insert(f.id, f);
            batch.fileIds << f.id;
        }
        m_batches.insert(batch.id, batch);
        return batchJson(batch);
    }
    const QString batchId = parts.value(4);
    if (!m_batches.contains(batchId) || m_batches.value(batchId).storeId != store.id)
        return error(status, 404, u"No file batch found with id '%1'."_s.arg(batchId));
    Batch &batch = m_batches[batchId];
    const QString action = parts.value(5);
    if (action == u"cancel"_s && r.method == "POST") {
        for (const QString &id : std::as_const(batch.fileIds))
            if (store.files.contains(id) && store.files[id].status == u"in_progress"_s)
                store.files[id].status = u"cancelled"_s;
        batch.cancelled = true;
        return batchJson(batch);
    }
    if (action == u"files"_s && r.method == "GET") {
        QList<StoreFile> files;
        const QString filter = r.query.queryItemValue(u"filter"_s);
        for (const QString &id : std::as_const(batch.fileIds))
            if (store.files.contains(id) && (filter.isEmpty() || store.files.value(id).status == filter))
                files << store.files.value(id);
        return page<StoreFile>(files, r.query, [this, &store](const StoreFile &f) { return storeFileJson(store, f); });
    }
    if (parts.size() == 5 && r.method == "GET") {
        for (const QString &id : std::as_const(batch.fileIds))
            if (store.files.contains(id))
                advance(store.files[id]);
        return batchJson(batch);
    }
    return error(status, 404, u"Unknown path %1"_s.arg(r.path));
}

} // namespace vd::test
