#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <chrono>
#include <optional>

namespace vd::engine {

// Type detection and text extraction for the file types OpenAI file search accepts
// (openai-vector-stores.md §5.2). docs/extraction.md has every rule and the reasons.
//
// Both functions are thread-safe (poppler and libzip handles per call, a libmagic handle per thread) and
// never throw: bad input becomes an ExtractionError, never a crash of the caller.

// Why a file cannot be used. `code` is one of the values of OpenAI's
// vector_store.file.last_error.code, or `cancelled` when the sink asked to stop (that one is not
// an error: the file's status becomes `cancelled` with no last_error).
struct ExtractionError
{
    static constexpr QStringView UnsupportedFile = u"unsupported_file";
    static constexpr QStringView InvalidFile = u"invalid_file";
    static constexpr QStringView ServerError = u"server_error";
    static constexpr QStringView Cancelled = u"cancelled";

    QString code;
    // For the admin: what is wrong with which file and what to do ("'q3.pdf' is
    // password-protected; remove the password and upload it again").
    QString message;
};

// Receives the extracted text as UTF-8, in order, in blocks of at most kExtractBlockSize bytes;
// a block never splits a UTF-8 character. Return false to cancel the extraction.
// When extractText() fails, whatever the sink already received must be discarded.
class TextSink
{
public:
    virtual ~TextSink() = default;
    virtual bool append(QByteArrayView utf8) = 0;
};

inline constexpr qsizetype kExtractBlockSize = 1024 * 1024;

struct ExtractionInfo
{
    // The MIME type the file was accepted as: the one OpenAI lists for its extension
    // (text/x-python, application/pdf, ...).
    QString detectedMimeType;
    // How it was read: "text", "markdown", "html", "json", "pdf", "docx" or "pptx".
    QString format;
    // UTF-8 bytes handed to the sink.
    qint64 bytesOut = 0;
};

// Bounds on one extraction, whatever the file holds (docs/extraction.md, "Hostile input"). The
// other bounds (inflated size, XML token size and nesting) are fixed; this one can be chosen.
struct ExtractionLimits
{
    // The whole extraction, checked between blocks of input and between PDF pages. Past it the
    // file is invalid_file: "... took longer than the extraction time limit of 120 s ...".
    std::chrono::nanoseconds timeLimit = std::chrono::seconds(120);
};

// Checks, without extracting, that the file at `path` is of a supported type and that its
// content matches the extension of `fileName` (the user-visible name; its extension is the
// declared type). Reads the first bytes (and, for DOCX/PPTX, the ZIP directory and package
// relationships) only, so it is cheap enough to call before attaching a file.
// `mimeType` gets the accepted type's MIME type or, on failure, what the content looks like
// (image/png, application/zip, ...; empty when unknown).
std::optional<ExtractionError> detectType(const QString &path, const QString &fileName, QString *mimeType = nullptr);

// Detects the type as detectType() does, then streams the file's text to `sink`. Memory use does
// not grow with the file: text files are read in 1 MiB blocks, XML parts of DOCX/PPTX are
// inflated and parsed in blocks, PDFs page by page.
std::optional<ExtractionError> extractText(const QString &path, const QString &fileName, TextSink &sink,
                                           ExtractionInfo *info = nullptr, const ExtractionLimits &limits = {});

} // namespace vd::engine
