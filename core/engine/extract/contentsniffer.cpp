#include "core/engine/extract/contentsniffer.h"

#include "core/engine/extract/extracterrors.h"

#include <QFile>
#include <QMimeDatabase>

#include <magic.h>
#include <memory>

using namespace Qt::StringLiterals;

namespace vd::engine::extract {

namespace {

// libmagic reads this much of the file at most (its default is 7 MiB): the head our own checks
// read too. Its text analysis runs over all it reads, which for text files cost as much as
// tokenizing them at 1 MiB (docs/benchmarks.md); containers are told by their first bytes.
constexpr std::size_t kSniffBytes = 64 * 1024;

struct MagicCloser
{
    void operator()(magic_t cookie) const { magic_close(cookie); }
};
using Magic = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

struct Description
{
    QStringView mimeType;
    QStringView text;
};

constexpr Description kDescriptions[] = {
    {u"application/pdf", u"a PDF document"},
    {u"application/msword", u"a Word 97-2003 document"},
    {u"application/vnd.ms-excel", u"an Excel 97-2003 workbook"},
    {u"application/vnd.ms-powerpoint", u"a PowerPoint 97-2003 presentation"},
    {u"application/vnd.openxmlformats-officedocument.wordprocessingml.document", u"a Word document"},
    {u"application/vnd.openxmlformats-officedocument.presentationml.presentation", u"a PowerPoint presentation"},
    {u"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", u"an Excel workbook"},
    {u"application/vnd.oasis.opendocument.text", u"an OpenDocument text"},
    {u"application/vnd.oasis.opendocument.spreadsheet", u"an OpenDocument spreadsheet"},
    {u"application/vnd.oasis.opendocument.presentation", u"an OpenDocument presentation"},
    {u"application/encrypted", u"an encrypted Office document"},
    {u"application/zip", u"a ZIP archive"},
    {u"application/gzip", u"a gzip archive"},
    {u"application/x-gzip", u"a gzip archive"},
    {u"application/x-bzip2", u"a bzip2 archive"},
    {u"application/x-xz", u"an xz archive"},
    {u"application/zstd", u"a Zstandard archive"},
    {u"application/x-tar", u"a tar archive"},
    {u"application/x-7z-compressed", u"a 7-Zip archive"},
    {u"application/vnd.rar", u"a RAR archive"},
    {u"application/x-rar", u"a RAR archive"},
    {u"application/java-archive", u"a Java archive"},
    {u"application/x-executable", u"a program"},
    {u"application/x-pie-executable", u"a program"},
    {u"application/x-sharedlib", u"a shared library"},
    {u"application/x-object", u"an object file"},
    {u"application/x-dosexec", u"a Windows program"},
    {u"application/x-mach-binary", u"a macOS program"},
    {u"application/x-sqlite3", u"an SQLite database"},
    {u"application/vnd.sqlite3", u"an SQLite database"},
    {u"application/x-iso9660-image", u"a disk image"},
    {u"application/rtf", u"an RTF document"},
    {u"text/rtf", u"an RTF document"},
    {u"application/epub+zip", u"an EPUB book"},
    {u"image/png", u"a PNG image"},
    {u"image/jpeg", u"a JPEG image"},
    {u"image/gif", u"a GIF image"},
    {u"image/webp", u"a WebP image"},
    {u"image/tiff", u"a TIFF image"},
    {u"image/bmp", u"a BMP image"},
    {u"image/x-ms-bmp", u"a BMP image"},
    {u"image/heic", u"a HEIC image"},
    {u"image/vnd.microsoft.icon", u"an icon"},
    {u"image/svg+xml", u"an SVG image"},
};

bool isTextLike(QStringView mimeType)
{
    static constexpr QStringView textual[] = {
        u"application/json",
        u"application/javascript",
        u"application/x-javascript",
        u"application/xml",
        u"application/x-sh",
        u"application/x-shellscript",
        u"application/x-php",
        u"application/x-ruby",
        u"application/x-perl",
        u"application/x-python",
        u"application/typescript",
        u"application/x-tex",
        u"application/x-wine-extension-ini",
        u"application/csv",
        u"application/x-ndjson",
        u"image/svg+xml",
        u"message/rfc822",
        u"message/news",
    };
    if (mimeType.startsWith(u"text/"))
        return true;
    for (QStringView known : textual) {
        if (mimeType == known)
            return true;
    }
    return false;
}

// One libmagic handle per thread, loaded on first use: loading the database costs ~15 ms, and a
// handle must not be shared between threads. Null when the database cannot be loaded.
magic_t threadMagic()
{
    thread_local const Magic cookie = [] {
        Magic opened(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR));
        if (!opened)
            return opened;
        const std::size_t bytes = kSniffBytes;
        magic_setparam(opened.get(), MAGIC_PARAM_BYTES_MAX, &bytes);
        if (magic_load(opened.get(), nullptr) != 0) {
            qCWarning(lcExtract) << "libmagic database not loaded:" << magic_error(opened.get())
                                 << "- falling back to QMimeDatabase";
            opened.reset();
        }
        return opened;
    }();
    return cookie.get();
}

} // namespace

QString sniffMimeType(const QString &path)
{
    if (magic_t cookie = threadMagic()) {
        const QByteArray encoded = QFile::encodeName(path);
        if (const char *type = magic_file(cookie, encoded.constData()))
            return QString::fromUtf8(type);
        qCDebug(lcExtract) << "libmagic could not read" << path << magic_error(cookie);
        return {};
    }
    const QMimeType type = QMimeDatabase().mimeTypeForFile(path, QMimeDatabase::MatchContent);
    return type.isDefault() ? QString() : type.name();
}

bool isRecognizedBinaryType(const QString &mimeType)
{
    return !mimeType.isEmpty() && !isTextLike(mimeType) && mimeType != u"application/octet-stream"
        && !mimeType.startsWith(u"inode/") && mimeType != u"application/x-empty";
}

QString describeMimeType(const QString &mimeType)
{
    for (const Description &description : kDescriptions) {
        if (description.mimeType == mimeType)
            return description.text.toString();
    }
    if (mimeType.startsWith(u"image/"))
        return u"an image"_s;
    if (mimeType.startsWith(u"audio/"))
        return u"an audio file"_s;
    if (mimeType.startsWith(u"video/"))
        return u"a video"_s;
    if (mimeType.startsWith(u"font/"))
        return u"a font"_s;
    return u"a file of type %1"_s.arg(mimeType);
}

QString whyUnreadable(const QString &mimeType)
{
    if (mimeType.startsWith(u"image/"))
        return u"file search cannot read images"_s;
    if (mimeType.startsWith(u"audio/") || mimeType.startsWith(u"video/"))
        return u"file search cannot read audio or video"_s;
    const QString description = describeMimeType(mimeType);
    if (description.endsWith(u"archive"))
        return u"file search cannot read archives; extract the files and attach them one by one"_s;
    if (description.contains(u"workbook") || description.contains(u"spreadsheet"))
        return u"file search cannot read spreadsheets; export the sheets as CSV text or PDF"_s;
    if (description.contains(u"program") || description.contains(u"library") || description.contains(u"object"))
        return u"file search cannot read programs"_s;
    return u"file search cannot read this type of file"_s;
}

} // namespace vd::engine::extract
