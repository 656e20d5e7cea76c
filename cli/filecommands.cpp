#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/domain/attachpaths.h"
#include "core/domain/units.h"
#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QThread>

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

void printFile(Context &c, const StoreFile &f)
{
    if (c.json())
        return printJson(c, f.toJson());
    c.out() << u"File %1 (id %2)\n"_s.arg(terminalText(f.filename)).arg(f.id)
            << u"  status:     %1\n"_s.arg(fileStatusName(f.status));
    if (!f.lastErrorCode.isEmpty())
        c.out() << u"  last error: %1: %2\n"_s.arg(f.lastErrorCode, terminalText(f.lastErrorMessage));
    c.out() << u"  type:       %1\n"_s.arg(terminalText(f.mimeType))
            << u"  size:       %1\n"_s.arg(formatBytes(f.sizeBytes)) << u"  sha256:     %1\n"_s.arg(f.sha256)
            << u"  attributes: %1\n"_s.arg(shownJson(f.attributes))
            << u"  chunking:   %1\n"_s.arg(chunkingText(f.chunking))
            << u"  attached:   %1\n"_s.arg(formatTime(f.createdAt));
    if (f.deletedAt)
        c.out() << u"  detached:   %1\n"_s.arg(formatTime(*f.deletedAt));
}

// Runs the ingestion worker on its own thread for one store until nothing waits there, printing
// each file's outcome. Returns the number of files that failed, or -1 (after printing why) when
// ingestion stopped.
int waitForIngestion(Context &c, const VectorStore &store, QJsonArray *outcomes)
{
    QThread thread;
    auto *worker = new engine::IngestionWorker(c.database().url(), c.localEngine().root());
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    int failed = 0;
    QString fatal;
    QEventLoop loop; // headless only: the CLI has no window to keep responsive
    QObject::connect(worker, &engine::IngestionWorker::fileFinished, &loop,
                     [&](qint64 fileId, const QString &filename, FileStatus fileStatus, const QString &error) {
                         const QString status = fileStatusName(fileStatus);
                         if (fileStatus != FileStatus::Completed)
                             ++failed;
                         outcomes->append(QJsonObject{
                             {u"id"_s, fileId},
                             {u"filename"_s, filename},
                             {u"status"_s, status},
                             {u"error"_s, error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error)}});
                         if (!c.json())
                             c.out() << (error.isEmpty() ? u"  %1: %2\n"_s.arg(terminalText(filename), status)
                                                         : u"  %1: %2: %3\n"_s.arg(terminalText(filename), status,
                                                                                   terminalText(error)));
                         c.out().flush();
                     });
    QObject::connect(worker, &engine::IngestionWorker::drained, &loop, [&] { loop.quit(); });
    QObject::connect(worker, &engine::IngestionWorker::failed, &loop, [&](const QString &message) {
        fatal = message;
        loop.quit();
    });
    thread.start();
    QMetaObject::invokeMethod(
        worker, [worker, tenantId = store.tenantId, storeId = store.id] { worker->drain(tenantId, storeId); },
        Qt::QueuedConnection);
    loop.exec();
    thread.quit();
    thread.wait();
    if (!fatal.isEmpty()) {
        c.failText(u"Ingestion stopped: %1"_s.arg(fatal));
        return -1;
    }
    return failed;
}

int attachFiles(Context &c, const Invocation &in)
{
    QJsonObject attributes;
    if (const int code = readJsonObject(c, in.parser, u"attributes"_s, u"Attributes"_s, &attributes); code != Ok)
        return code;
    std::optional<ChunkingStrategy> chunking;
    if (const int code = readChunking(c, in.parser, &chunking); code != Ok)
        return code;
    // The same expansion as the window's drop preview: each skipped entry is reported.
    const AttachExpansion expansion = expandAttachPaths(in.args);
    QJsonArray attached;
    QJsonArray refused;
    auto refuse = [&](const QString &path, const ServiceError &error) {
        refused.append(QJsonObject{{u"path"_s, path}, {u"error"_s, error.toJson()}});
        if (!c.json())
            c.err() << u"refused %1: %2\n"_s.arg(terminalText(path), terminalText(error.message()));
    };
    for (const SkippedPath &skipped : expansion.skipped)
        refuse(skipped.path, ServiceError::invalid(skipped.message(), u"path"_s));
    for (const AttachCandidate &candidate : expansion.files) {
        const QString &path = candidate.path;
        auto result = c.service().attachPath(in.tenant, in.store, path, attributes, chunking);
        if (result) {
            attached.append(result->toJson());
            if (!c.json())
                c.out() << u"attached %1 as file %2 (%3)\n"_s.arg(terminalText(path))
                               .arg(result->id)
                               .arg(fileStatusName(result->status));
        } else {
            refuse(path, result.error());
        }
        c.out().flush();
    }
    const bool wait = in.isSet(u"wait"_s);
    int failedIngestion = 0;
    QJsonArray ingested;
    if (wait) {
        auto store = c.service().store(in.tenant, in.store);
        if (!store)
            return c.fail(store.error());
        if (!c.json())
            c.out() << u"ingesting...\n"_s;
        failedIngestion = waitForIngestion(c, store.value(), &ingested);
        if (failedIngestion < 0)
            return Failed;
    }
    if (c.json()) {
        QJsonObject result{{u"object"_s, u"list"_s}, {u"data"_s, attached}, {u"refused"_s, refused}};
        if (wait)
            result.insert(u"ingested"_s, ingested);
        printJson(c, result);
    } else {
        c.out() << u"%1 attached, %2 refused"_s.arg(attached.size()).arg(refused.size())
                << (wait ? u", %1 failed ingestion.\n"_s.arg(failedIngestion) : u".\n"_s);
    }
    return refused.isEmpty() && failedIngestion == 0 ? Ok : Failed;
}

int listFiles(Context &c, const Invocation &in)
{
    FileQuery query;
    query.visibility = deletedOrLive(in.parser);
    query.status = in.value(u"status"_s);
    query.nameContains = in.value(u"name-contains"_s);
    if (in.isSet(u"sort"_s))
        query.sortColumn = in.value(u"sort"_s);
    query.descending = in.isSet(u"desc"_s);
    if (const int code = readWholeNumber(c, in.parser, u"limit"_s, 1, 100000, &query.limit); code != Ok)
        return code;
    if (const int code =
            readWholeNumber(c, in.parser, u"offset"_s, 0, std::numeric_limits<qint64>::max(), &query.offset);
        code != Ok)
        return code;
    return reportList(
        c, c.service().listFiles(in.tenant, in.store, query),
        {u"ID"_s, u"NAME"_s, u"STATUS"_s, u"SIZE"_s, u"UPDATED"_s, u"LAST ERROR"_s}, [](const StoreFile &f) {
            return QStringList{QString::number(f.id),
                               f.filename,
                               fileStatusName(f.status),
                               formatBytes(f.sizeBytes),
                               formatTime(f.updatedAt),
                               f.lastErrorCode.isEmpty() ? QString() : f.lastErrorCode + u": "_s + f.lastErrorMessage};
        });
}

int showFile(Context &c, const Invocation &in)
{
    return report<StoreFile>(c, c.service().file(in.tenant, in.store, in.args[0], deletedOrLive(in.parser)), printFile);
}

int setAttributes(Context &c, const Invocation &in)
{
    QJsonObject attributes;
    if (const int code = readJsonObject(c, in.args[1], u"Attributes"_s, &attributes); code != Ok)
        return code;
    return report<StoreFile>(c, c.service().setFileAttributes(in.tenant, in.store, in.args[0], attributes), printFile);
}

int waitForFiles(Context &c, const Invocation &in)
{
    auto store = c.service().store(in.tenant, in.store);
    if (!store)
        return c.fail(store.error());
    QJsonArray outcomes;
    const int failed = waitForIngestion(c, store.value(), &outcomes);
    if (failed < 0)
        return Failed;
    auto after = c.service().store(in.tenant, in.store);
    if (c.json())
        printJson(c,
                  QJsonObject{{u"object"_s, u"list"_s},
                              {u"data"_s, outcomes},
                              {u"file_counts"_s, after ? after->fileCounts.toJson() : QJsonObject()}});
    else if (after)
        c.out() << u"%1: %2 completed, %3 failed, %4 in progress.\n"_s
                       .arg(plural(after->fileCounts.total(), u"file", u"files"))
                       .arg(after->fileCounts.completed)
                       .arg(after->fileCounts.failed)
                       .arg(after->fileCounts.inProgress);
    return failed == 0 ? Ok : Failed;
}

int showChunks(Context &c, const Invocation &in)
{
    int from = 0;
    int count = -1;
    if (const int code = readWholeNumber(c, in.parser, u"from"_s, 0, std::numeric_limits<int>::max(), &from);
        code != Ok)
        return code;
    if (const int code = readWholeNumber(c, in.parser, u"count"_s, 1, std::numeric_limits<int>::max(), &count);
        code != Ok)
        return code;
    auto file = c.service().file(in.tenant, in.store, in.args[0]);
    if (!file)
        return c.fail(file.error());
    auto chunks = c.service().fileChunks(in.tenant, in.store, in.args[0], from, count);
    if (!chunks)
        return c.fail(chunks.error());
    if (c.json()) {
        QJsonArray data;
        for (const Chunk &chunk : chunks.value())
            data.append(chunk.toJson());
        printJson(c,
                  QJsonObject{{u"object"_s, u"list"_s},
                              {u"file_id"_s, file->id},
                              {u"status"_s, fileStatusName(file->status)},
                              {u"data"_s, data}});
        return Ok;
    }
    if (chunks->isEmpty())
        c.out() << u"No chunks: file %1 is %2.\n"_s.arg(terminalText(file->filename), fileStatusName(file->status));
    for (const Chunk &chunk : chunks.value())
        c.out() << u"--- chunk %1 (%2 tokens, bytes %3-%4)\n%5\n"_s.arg(chunk.ordinal)
                       .arg(chunk.tokenCount)
                       .arg(chunk.startOffset)
                       .arg(chunk.endOffset)
                       .arg(terminalText(QString::fromUtf8(chunk.text), Newlines::Keep));
    return Ok;
}

// "file detach", "file restore", "file retry", "file cancel": one service call on the named file.
std::shared_ptr<Command> fileAction(const QString &name, const QString &summary,
                                    Result<StoreFile> (VectorStoreService::*action)(const QString &, const QString &,
                                                                                    const QString &))
{
    return command({.name = name,
                    .syntax = u"--tenant T --store S FILE"_s,
                    .summary = summary,
                    .positionals = {u"FILE"_s},
                    .scope = Scope::Store},
                   [action](Context &c, const Invocation &in) {
                       return report<StoreFile>(c, (c.service().*action)(in.tenant, in.store, in.args[0]), printFile);
                   });
}

} // namespace

QList<std::shared_ptr<Command>> fileCommands()
{
    return {
        command({.name = u"file attach"_s,
                 .syntax = u"--tenant T --store S PATH... [--attributes JSON] [--chunk-size N --chunk-overlap N | "
                           u"--auto-chunking] [--wait]"_s,
                 .summary =
                     u"Attach files (folders recursively) to a store (editor). Each file is checked on its own; one "
                     u"refused file does not stop the others. Without a chunking option, files are chunked the "
                     u"way the store says."_s,
                 .positionals = {u"PATH..."_s},
                 .scope = Scope::Store,
                 .options =
                     QList<QCommandLineOption>{
                         {u"attributes"_s, u"Attributes for every file, as a JSON object."_s, u"json"_s},
                         {u"wait"_s, u"Ingest now and wait until every file of the store is completed or failed."_s}}
                     + chunkingOptions()},
                attachFiles),
        command({.name = u"file list"_s,
                 .syntax = u"--tenant T --store S [--status S] [--name-contains TEXT] [--deleted] [--sort COLUMN] "
                           u"[--desc] [--limit N] [--offset N]"_s,
                 .summary = u"List a store's files."_s,
                 .scope = Scope::Store,
                 .options = {{u"status"_s, u"Only files in this status: in_progress, completed, failed, cancelled."_s,
                              u"status"_s},
                             {u"name-contains"_s, u"Only files whose name contains this text."_s, u"text"_s},
                             deletedOption(),
                             {u"sort"_s, u"Sort by filename, size_bytes, status, updated_at, created_at, mime_type."_s,
                              u"column"_s},
                             {u"desc"_s, u"Sort descending."_s},
                             {u"limit"_s, u"At most this many files (default 1000)."_s, u"n"_s},
                             {u"offset"_s, u"Skip this many files."_s, u"n"_s}}},
                listFiles),
        command({.name = u"file show"_s,
                 .syntax = u"--tenant T --store S FILE [--deleted]"_s,
                 .summary = u"Show a file."_s,
                 .positionals = {u"FILE"_s},
                 .scope = Scope::Store,
                 .options = {deletedOption()}},
                showFile),
        command({.name = u"file set-attributes"_s,
                 .syntax = u"--tenant T --store S FILE JSON"_s,
                 .summary = u"Replace a file's attributes (editor): at most 16 keys; strings up to 512 characters, "
                            u"numbers, booleans."_s,
                 .positionals = {u"FILE"_s, u"JSON"_s},
                 .scope = Scope::Store},
                setAttributes),
        fileAction(u"file detach"_s, u"Detach a file from its store; restore it until it is purged (editor)."_s,
                   &VectorStoreService::detachFile),
        fileAction(u"file restore"_s, u"Re-attach a detached file (editor)."_s, &VectorStoreService::restoreFile),
        fileAction(u"file retry"_s, u"Put a failed, cancelled or stuck file back in the ingestion queue (editor)."_s,
                   &VectorStoreService::retryFile),
        fileAction(u"file cancel"_s, u"Cancel a file that is still in progress (editor)."_s,
                   &VectorStoreService::cancelFile),
        command({.name = u"file wait"_s,
                 .syntax = u"--tenant T --store S"_s,
                 .summary = u"Ingest the store's waiting files now and wait until each is completed or failed "
                            u"(viewer)."_s,
                 .scope = Scope::Store},
                waitForFiles),
        command({.name = u"file chunks"_s,
                 .syntax = u"--tenant T --store S FILE [--from N] [--count N]"_s,
                 .summary = u"Show the chunks a file was split into: ordinal, tokens, byte range and text."_s,
                 .positionals = {u"FILE"_s},
                 .scope = Scope::Store,
                 .options = {{u"from"_s, u"First chunk ordinal (default 0)."_s, u"n"_s},
                             {u"count"_s, u"At most this many chunks (default all)."_s, u"n"_s}}},
                showChunks),
    };
}

} // namespace vd::cli
