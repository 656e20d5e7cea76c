#pragma once

#include <QString>
#include <QStringList>

namespace vd {

// The file types OpenAI file search accepts (openai-vector-stores.md §5.2), by extension.
class FileTypes
{
public:
    // Extensions without the dot, lower case, in the documented order.
    static QStringList extensions();
    static bool isKnownExtension(const QString &extension);
    // The MIME type OpenAI names for an extension; empty when unknown.
    static QString mimeTypeFor(const QString &extension);
    // The lower-case extension of a file name ("Report.PDF" -> "pdf"); empty when none.
    static QString extensionOf(const QString &fileName);
    // Whether the extension is allowed by a plan's list (empty list = every known type).
    static bool isAllowed(const QString &extension, const QStringList &allowedTypes);
};

} // namespace vd
