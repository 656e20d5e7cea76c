#include "core/domain/uploadedfile.h"
#include "core/service/vectorstoreservice.h"
#include "server/apiserver.h"
#include "server/openaishape.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryFile>

#include <httplib.h>

using namespace Qt::StringLiterals;

// /v1/files: upload (multipart, streamed to disk), list, retrieve, delete, content (openapi.yaml).

namespace vd::server {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// A multipart upload read part by part: the file part goes to a temporary file in the engine's
// incoming folder in blocks as it arrives; the small fields are kept in memory (bounded).
Reply uploadFile(Call &call)
{
    if (!call.request.is_multipart_form_data())
        return Reply::fail(
            ApiError::invalid(u"Uploads are multipart/form-data with the fields 'file' and 'purpose'."_s, u"file"_s));
    QTemporaryFile spooled(call.config.engineRoot + u"/incoming/upload-XXXXXX"_s);
    if (!spooled.open())
        return Reply::fail(ServiceError::unavailable(u"The server cannot write uploads to %1/incoming (%2)."_s.arg(
            call.config.engineRoot, spooled.errorString())));

    const qint64 maxBytes = call.config.limits.maxUploadBytes;
    const qint64 deadlineMs = qint64(call.config.limits.uploadTimeoutSeconds) * 1000;
    QElapsedTimer clock;
    clock.start();
    QString part; // the field being read
    QString filename;
    bool sawFile = false;
    QHash<QString, QByteArray> fields;
    std::optional<ApiError> refusal;
    const bool read = (*call.reader)(
        [&](const httplib::MultipartFormData &header) {
            part = fromStd(header.name);
            if (part == u"file"_s) {
                if (sawFile) {
                    refusal = ApiError::invalid(u"Send one 'file' part per upload."_s, u"file"_s);
                    return false;
                }
                sawFile = true;
                filename = fromStd(header.filename);
            } else if (part != u"purpose"_s && !part.startsWith(u"expires_after"_s)) {
                refusal = ApiError::invalid(u"Unrecognized request argument supplied: %1"_s.arg(part), part);
                return false;
            }
            return true;
        },
        [&](const char *data, size_t length) {
            if (call.stopping) {
                refusal = ApiError::shuttingDown();
                return false;
            }
            if (clock.elapsed() > deadlineMs) {
                refusal = ApiError::invalid(
                    u"The upload took longer than %1 seconds, this server's limit; upload it again."_s.arg(
                        call.config.limits.uploadTimeoutSeconds));
                refusal->status = 408;
                return false;
            }
            if (part == u"file"_s) {
                if (spooled.size() + qint64(length) > maxBytes) {
                    refusal = ApiError::tooLarge(u"The file"_s, maxBytes);
                    return false;
                }
                if (spooled.write(data, qint64(length)) != qint64(length)) {
                    refusal = ApiError::fromService(ServiceError::unavailable(
                        u"The server could not store the upload: %1"_s.arg(spooled.errorString())));
                    return false;
                }
                return true;
            }
            QByteArray &value = fields[part];
            if (value.size() + qint64(length) > 1024) {
                refusal = ApiError::invalid(u"The field '%1' is too long."_s.arg(part), part);
                return false;
            }
            value.append(data, qsizetype(length));
            return true;
        });
    if (refusal)
        return Reply::fail(*refusal);
    if (!read)
        return Reply::fail(ApiError::invalid(u"The multipart body could not be read to its end; upload it again."_s));
    if (!sawFile)
        return Reply::fail(ApiError::invalid(u"Missing required parameter: 'file'."_s, u"file"_s));
    if (!fields.contains(u"purpose"_s))
        return Reply::fail(ApiError::invalid(u"Missing required parameter: 'purpose'."_s, u"purpose"_s));
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        if (it.key().startsWith(u"expires_after"_s))
            return Reply::fail(ApiError::invalid(
                u"expires_after is not supported for uploads on this server: files are kept until deleted "
                u"(docs/api.md, differences)."_s,
                u"expires_after"_s));
    if (!spooled.flush())
        return Reply::fail(
            ServiceError::unavailable(u"The server could not store the upload: %1"_s.arg(spooled.errorString())));
    auto created = call.service.createUpload(call.tenant(), filename, QString::fromUtf8(fields.value(u"purpose"_s)),
                                             spooled.fileName());
    if (!created)
        return Reply::fail(created.error());
    return Reply::json(shape::file(created.value()));
}

Reply listFiles(Call &call)
{
    shape::PageQuery page;
    if (auto p = shape::readPage([&call](const char *name) { return call.query(name); }, 10000, 10000, &page))
        return Reply::fail(*p);
    if (!page.before.isEmpty())
        return Reply::fail(ApiError::invalid(u"Unrecognized request argument supplied: before (the files list "
                                             u"pages with 'after' only)."_s,
                                             u"before"_s));
    if (const auto purpose = call.query("purpose"); purpose && *purpose != u"assistants"_s) {
        // Only assistants files exist here: any other purpose lists none.
        return Reply::json(shape::list({}, {}, {}, false));
    }
    ApiPageQuery query;
    query.limit = page.limit;
    query.ascending = page.ascending;
    query.after = page.after;
    bool hasMore = false;
    auto files = call.service.listUploads(call.tenant(), query, &hasMore);
    if (!files)
        return Reply::fail(files.error());
    QJsonArray data;
    for (const UploadedFile &file : files.value())
        data.append(shape::file(file));
    return Reply::json(shape::list(data, files->isEmpty() ? QString() : files->first().apiId,
                                   files->isEmpty() ? QString() : files->last().apiId, hasMore));
}

Reply retrieveFile(Call &call)
{
    auto file = call.service.upload(call.tenant(), call.pathArg(0));
    if (!file)
        return Reply::fail(file.error());
    return Reply::json(shape::file(file.value()));
}

Reply deleteFile(Call &call)
{
    auto removed = call.service.deleteUpload(call.tenant(), call.pathArg(0));
    if (!removed)
        return Reply::fail(removed.error());
    return Reply::json(shape::deleted(removed->apiId, u"file"_s));
}

Reply fileContent(Call &call)
{
    auto path = call.service.uploadContentPath(call.tenant(), call.pathArg(0));
    if (!path)
        return Reply::fail(path.error());
    Reply reply;
    reply.filePath = path.value();
    // The file's bytes, as OpenAI's service sends them (openapi.yaml declares application/json
    // for this response, which no file's raw bytes are; docs/api.md, differences).
    reply.contentType = "application/octet-stream";
    reply.differs("content: files uploaded for assistants can be downloaded");
    return reply;
}

} // namespace

void addFileRoutes(ApiServer &server)
{
    using B = ApiServer::Body;
    server.route("POST", "/v1/files", B::Upload, uploadFile);
    server.route("GET", "/v1/files", B::None, listFiles);
    server.route("GET", "/v1/files/([^/]+)", B::None, retrieveFile);
    server.route("DELETE", "/v1/files/([^/]+)", B::None, deleteFile);
    server.route("GET", "/v1/files/([^/]+)/content", B::None, fileContent);
}

} // namespace vd::server
