#include "core/engine/extract/extractor.h"

#include "core/domain/filetypes.h"
#include "core/engine/extract/contentsniffer.h"
#include "core/engine/extract/extracterrors.h"
#include "core/engine/extract/htmltotext.h"
#include "core/engine/extract/jsonvalidator.h"
#include "core/engine/extract/ooxmltext.h"
#include "core/engine/extract/pdftext.h"
#include "core/engine/extract/textdecoder.h"
#include "core/engine/extract/textoutput.h"

#include <QFile>

#include <exception>
#include <functional>

using namespace Qt::StringLiterals;

namespace vd::engine {

namespace {

using namespace extract;

// How much of the file detection looks at itself (libmagic reads as much on its own).
constexpr qint64 kHeadBytes = 64 * 1024;

enum class Format { Text, Markdown, Html, Json, Pdf, Docx, Pptx, LegacyDoc };

Format formatForExtension(const QString &extension)
{
    if (extension == u"md")
        return Format::Markdown;
    if (extension == u"html")
        return Format::Html;
    if (extension == u"json")
        return Format::Json;
    if (extension == u"pdf")
        return Format::Pdf;
    if (extension == u"docx")
        return Format::Docx;
    if (extension == u"pptx")
        return Format::Pptx;
    if (extension == u"doc")
        return Format::LegacyDoc;
    return Format::Text; // plain text and every source-code type
}

bool isTextFormat(Format format)
{
    return format == Format::Text || format == Format::Markdown || format == Format::Html || format == Format::Json;
}

QString formatName(Format format)
{
    switch (format) {
    case Format::Text:
        return u"text"_s;
    case Format::Markdown:
        return u"markdown"_s;
    case Format::Html:
        return u"html"_s;
    case Format::Json:
        return u"json"_s;
    case Format::Pdf:
        return u"pdf"_s;
    case Format::Docx:
        return u"docx"_s;
    case Format::Pptx:
        return u"pptx"_s;
    case Format::LegacyDoc:
        return u"doc"_s;
    }
    return {};
}

// What the declared type promises, for "not <noun>" in messages.
QString formatNoun(Format format)
{
    switch (format) {
    case Format::Pdf:
        return u"a PDF document"_s;
    case Format::Docx:
        return u"a Word document"_s;
    case Format::Pptx:
        return u"a PowerPoint presentation"_s;
    default:
        return u"text"_s;
    }
}

enum class Container { Pdf, Zip, Cfb, Other };

Container containerOf(const QByteArray &head)
{
    // The PDF header may follow some junk; readers look for it in the first KiB.
    if (head.left(1024).contains("%PDF-"))
        return Container::Pdf;
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06"))
        return Container::Zip;
    if (head.startsWith("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        return Container::Cfb;
    return Container::Other;
}

// The extension a file of this content should have, when it is a type file search reads.
QString extensionForContent(Container container, const QString &sniffed)
{
    if (container == Container::Pdf || sniffed == u"application/pdf")
        return u"pdf"_s;
    if (sniffed == u"application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        return u"docx"_s;
    if (sniffed == u"application/vnd.openxmlformats-officedocument.presentationml.presentation")
        return u"pptx"_s;
    return {};
}

class NullSink final : public TextSink
{
public:
    bool append(QByteArrayView) override { return true; }
};

// Whether the first bytes decode as text; `whole` when they are the entire file.
std::optional<TextDecoder::Failure> checkTextHead(const QByteArray &head, bool whole)
{
    NullSink sink;
    TextDecoder decoder(sink);
    if (decoder.feed(head) && (!whole || decoder.finish()))
        return std::nullopt;
    return decoder.failure();
}

struct Detection
{
    Format format = Format::Text;
    QString mimeType;
};

QString supportedList()
{
    return vd::FileTypes::extensions().join(u", "_s);
}

// The content is not what the extension says (and not text when a document was declared).
ExtractionError wrongContent(const QString &name, Format declared, Container container, const QString &sniffed,
                             const QByteArray &head, bool whole)
{
    const QString noun = formatNoun(declared);
    const QString realExtension = extensionForContent(container, sniffed);
    if (!realExtension.isEmpty()) {
        const QString mime = container == Container::Pdf ? u"application/pdf"_s : sniffed;
        return invalidFile(u"%1 looks like %2 (%3), not %4; rename it to .%5"_s.arg(name, describeMimeType(mime), mime,
                                                                                    noun, realExtension));
    }
    if (isRecognizedBinaryType(sniffed)) {
        return unsupportedFile(u"%1 looks like %2 (%3), not %4; %5"_s.arg(name, describeMimeType(sniffed), sniffed,
                                                                          noun, whyUnreadable(sniffed)));
    }
    if (!isTextFormat(declared) && !checkTextHead(head, whole))
        return invalidFile(u"%1 contains plain text, not %2; give it the extension of its real type (.txt, .md, "
                           u".html, ...)"_s.arg(name, noun));
    switch (declared) {
    case Format::Pdf:
        return invalidFile(u"%1 is not a PDF document: it does not start with %PDF-; export or print it to PDF "
                           u"again"_s.arg(name));
    case Format::Docx:
    case Format::Pptx:
        return invalidFile(u"%1 is not %2: it is not a ZIP package as .%3 files are; save it again from %4"_s.arg(
            name, noun, formatName(declared), declared == Format::Docx ? u"Word"_s : u"PowerPoint"_s));
    default:
        return invalidFile(u"%1 is not text"_s.arg(name));
    }
}

std::optional<ExtractionError> detect(const QString &path, const QString &fileName, Detection *detection,
                                      QString *seenMimeType)
{
    const QString name = quotedName(fileName);
    const QString extension = vd::FileTypes::extensionOf(fileName);
    if (extension.isEmpty())
        return unsupportedFile(u"%1 has no file extension, so its type is unknown; file search reads these types: "
                               u"%2"_s.arg(name, supportedList()));
    if (!vd::FileTypes::isKnownExtension(extension))
        return unsupportedFile(
            u"%1: file search does not support .%2 files; supported types: %3"_s.arg(name, extension, supportedList()));
    const Format declared = formatForExtension(extension);
    if (declared == Format::LegacyDoc) {
        // docs/extraction.md: no library on the target systems reads Word 97-2003 in-process.
        return unsupportedFile(u"%1 is a legacy Word 97-2003 (.doc) file, which VectorDesk cannot read; open it in "
                               u"Word or LibreOffice and save it as .docx (or PDF)"_s.arg(name));
    }

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return serverError(u"Could not open the stored copy of %1 (%2): %3"_s.arg(name, path, file.errorString()));
    const qint64 size = file.size();
    if (size == 0)
        return invalidFile(u"%1 is empty (0 bytes)"_s.arg(name));
    const QByteArray head = file.read(kHeadBytes);
    if (head.isEmpty())
        return serverError(u"Could not read the stored copy of %1 (%2): %3"_s.arg(name, path, file.errorString()));
    file.close();
    const bool whole = head.size() >= size;

    // libmagic only where its answer can matter (its text analysis of the head costs as much as
    // tokenizing it): for containers, for heads that do not decode, and to name what a refused
    // file looks like. A text file whose head decodes and starts no container is text whatever
    // libmagic says: the content types it could name instead (PDF, DOCX, PPTX) start with the
    // signatures containerOf() looks for.
    std::optional<QString> sniffedOnce;
    const auto sniffed = [&]() -> const QString & {
        if (!sniffedOnce)
            sniffedOnce = sniffMimeType(path);
        return *sniffedOnce;
    };
    const auto refuse = [&](ExtractionError error) {
        if (seenMimeType)
            *seenMimeType = sniffed();
        return error;
    };
    const Container container = containerOf(head);

    if (isTextFormat(declared)) {
        if (container != Container::Other && !extensionForContent(container, sniffed()).isEmpty())
            return refuse(wrongContent(name, declared, container, sniffed(), head, whole));
        if (const auto failure = checkTextHead(head, whole)) {
            if (isRecognizedBinaryType(sniffed()))
                return refuse(wrongContent(name, declared, container, sniffed(), head, whole));
            return refuse(invalidFile(name + u' ' + TextDecoder::describe(*failure)));
        }
    } else if (declared == Format::Pdf) {
        if (container != Container::Pdf)
            return refuse(wrongContent(name, declared, container, sniffed(), head, whole));
    } else {
        const auto office = declared == Format::Docx ? OfficeDocument::Word : OfficeDocument::Presentation;
        const QString application = declared == Format::Docx ? u"Word"_s : u"PowerPoint"_s;
        if (container == Container::Zip) {
            if (auto error = checkOoxmlPackage(path, fileName, office))
                return refuse(*error);
        } else if (container == Container::Cfb) {
            // Office saves a password-protected .docx/.pptx as an OLE compound file holding the
            // encrypted package; libmagic recognises it by its EncryptedPackage stream.
            const QString &type = sniffed();
            if (type == u"application/encrypted" || type.contains(u"encrypted", Qt::CaseInsensitive))
                return refuse(invalidFile(u"%1 is password-protected; remove the password in %2 and upload it "
                                          u"again"_s.arg(name, application)));
            if (type == u"application/msword" || type == u"application/vnd.ms-powerpoint"
                || type == u"application/vnd.ms-excel")
                return refuse(invalidFile(
                    u"%1 is %2 in the old binary format with a .%3 name; open it in %4 and "
                    u"save it as .%3"_s.arg(name, describeMimeType(type), formatName(declared), application)));
            return refuse(
                invalidFile(u"%1 is not %2: it is an OLE compound file, not a ZIP package; save it again from %3"_s.arg(
                    name, formatNoun(declared), application)));
        } else {
            return refuse(wrongContent(name, declared, container, sniffed(), head, whole));
        }
    }
    detection->format = declared;
    detection->mimeType = vd::FileTypes::mimeTypeFor(extension);
    return std::nullopt;
}

// Reads a text file in blocks through the decoder into `target`; `finish` runs at the end.
std::optional<ExtractionError> streamTextFile(const QString &path, const QString &fileName, TextSink &target,
                                              const Deadline &deadline, const std::function<bool()> &finish)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return serverError(u"Could not open the stored copy of %1: %2"_s.arg(quotedName(fileName), file.errorString()));
    TextDecoder decoder(target);
    QByteArray buffer(kExtractBlockSize, Qt::Uninitialized);
    bool ok = true;
    for (;;) {
        const qint64 n = file.read(buffer.data(), buffer.size());
        if (n < 0)
            return serverError(
                u"Could not read the stored copy of %1: %2"_s.arg(quotedName(fileName), file.errorString()));
        if (n == 0)
            break;
        if (!decoder.feed(QByteArrayView(buffer.constData(), qsizetype(n)))) {
            ok = false;
            break;
        }
        if (deadline.passed())
            return deadline.error(fileName);
    }
    if (ok)
        ok = decoder.finish() && finish();
    if (const auto failure = decoder.failure())
        return invalidFile(quotedName(fileName) + u' ' + TextDecoder::describe(*failure));
    if (!ok)
        return ExtractionError{}; // the caller tells a cancel from a format error
    return std::nullopt;
}

QString noTextReason(Format format)
{
    switch (format) {
    case Format::Html:
        return u"only markup, scripts or styles"_s;
    case Format::Pdf:
        return u"it may be a scan or consist of images only; run OCR on it first, file search cannot read images"_s;
    case Format::Docx:
        return u"the document is blank or holds only images"_s;
    case Format::Pptx:
        return u"its slides hold no text, only images or shapes"_s;
    default:
        return u"only whitespace"_s;
    }
}

std::optional<ExtractionError> extractWith(const QString &path, const QString &fileName, TextSink &sink,
                                           ExtractionInfo *info, const ExtractionLimits &limits)
{
    const Deadline deadline(limits.timeLimit);
    Detection detection;
    QString sniffed;
    if (auto error = detect(path, fileName, &detection, &sniffed))
        return error;

    BlockWriter writer(sink);
    std::optional<ExtractionError> error;
    switch (detection.format) {
    case Format::Text:
    case Format::Markdown:
        error = streamTextFile(path, fileName, writer, deadline, [] { return true; });
        break;
    case Format::Html: {
        HtmlToText html(writer);
        error = streamTextFile(path, fileName, html, deadline, [&html] { return html.finish(); });
        break;
    }
    case Format::Json: {
        JsonValidator json(writer);
        error = streamTextFile(path, fileName, json, deadline, [&json] { return json.finish(); });
        if (error && error->code.isEmpty() && !json.error().isEmpty())
            error = invalidFile(u"%1 is not valid JSON: %2"_s.arg(quotedName(fileName), json.error()));
        break;
    }
    case Format::Pdf: {
        TextAssembler text(writer);
        error = extractPdfText(path, fileName, deadline, text);
        if (!error && !text.finish())
            error = ExtractionError{};
        break;
    }
    case Format::Docx:
    case Format::Pptx: {
        TextAssembler text(writer);
        error = extractOoxmlText(path, fileName,
                                 detection.format == Format::Docx ? OfficeDocument::Word : OfficeDocument::Presentation,
                                 deadline, text);
        if (!error && !text.finish())
            error = ExtractionError{};
        break;
    }
    case Format::LegacyDoc:
        return serverError(u"No reader for %1"_s.arg(quotedName(fileName))); // detect() refused it already
    }
    if (!error && !writer.finish())
        error = ExtractionError{};
    if (writer.cancelled())
        return cancelled(fileName);
    if (error) {
        if (error->code.isEmpty())
            return serverError(u"Reading %1 stopped for an unknown reason"_s.arg(quotedName(fileName)));
        return error;
    }
    if (!writer.hasText())
        return invalidFile(u"%1 contains no text (%2)"_s.arg(quotedName(fileName), noTextReason(detection.format)));
    if (info) {
        info->detectedMimeType = detection.mimeType;
        info->format = formatName(detection.format);
        info->bytesOut = writer.bytesOut();
    }
    return std::nullopt;
}

} // namespace

std::optional<ExtractionError> detectType(const QString &path, const QString &fileName, QString *mimeType)
{
    try {
        Detection detection;
        QString sniffed;
        auto error = detect(path, fileName, &detection, &sniffed);
        if (mimeType)
            *mimeType = error ? sniffed : detection.mimeType;
        if (error)
            qCDebug(lcExtract) << "refused" << fileName << error->code << error->message;
        return error;
    } catch (const std::exception &e) {
        return serverError(
            u"Unexpected error while checking %1: %2"_s.arg(quotedName(fileName), QString::fromLocal8Bit(e.what())));
    } catch (...) {
        return serverError(u"Unexpected error while checking %1"_s.arg(quotedName(fileName)));
    }
}

std::optional<ExtractionError> extractText(const QString &path, const QString &fileName, TextSink &sink,
                                           ExtractionInfo *info, const ExtractionLimits &limits)
{
    try {
        auto error = extractWith(path, fileName, sink, info, limits);
        if (error && error->code == ExtractionError::ServerError)
            qCWarning(lcExtract) << "extraction failed:" << error->message;
        else if (error)
            qCDebug(lcExtract) << "refused" << fileName << error->code << error->message;
        return error;
    } catch (const std::exception &e) {
        qCWarning(lcExtract) << "exception while extracting" << fileName << e.what();
        return serverError(
            u"Unexpected error while reading %1: %2"_s.arg(quotedName(fileName), QString::fromLocal8Bit(e.what())));
    } catch (...) {
        qCWarning(lcExtract) << "unknown exception while extracting" << fileName;
        return serverError(u"Unexpected error while reading %1"_s.arg(quotedName(fileName)));
    }
}

} // namespace vd::engine
