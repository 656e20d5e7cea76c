#pragma once

#include <QString>

namespace vd::engine::extract {

// What the content of a file looks like, independent of its name: libmagic's MIME type
// (image/png, application/zip, application/encrypted, text/plain, ...), from at most the first
// MiB. Falls back to QMimeDatabase's content sniffing when libmagic's database cannot be loaded.
// Empty when neither knows. Thread-safe: one libmagic handle per thread.
QString sniffMimeType(const QString &path);

// Whether a sniffed type names something other than text or unknown binary data, for which a
// precise "looks like a PNG image" message can be given.
bool isRecognizedBinaryType(const QString &mimeType);

// "a PNG image", "a ZIP archive", ...; for messages. Falls back to "a file of type <mime>".
QString describeMimeType(const QString &mimeType);

// Why file search cannot use this kind of content: "file search cannot read images".
QString whyUnreadable(const QString &mimeType);

} // namespace vd::engine::extract
