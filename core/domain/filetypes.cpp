#include "core/domain/filetypes.h"

#include <QFileInfo>
#include <QHash>

using namespace Qt::StringLiterals;

namespace vd {

namespace {

struct Entry
{
    const char16_t *extension;
    const char16_t *mimeType;
};

constexpr Entry kSupported[] = {
    {u"c", u"text/x-c"},
    {u"cpp", u"text/x-c++"},
    {u"cs", u"text/x-csharp"},
    {u"css", u"text/css"},
    {u"doc", u"application/msword"},
    {u"docx", u"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {u"go", u"text/x-golang"},
    {u"html", u"text/html"},
    {u"java", u"text/x-java"},
    {u"js", u"text/javascript"},
    {u"json", u"application/json"},
    {u"md", u"text/markdown"},
    {u"pdf", u"application/pdf"},
    {u"php", u"text/x-php"},
    {u"pptx", u"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {u"py", u"text/x-python"},
    {u"rb", u"text/x-ruby"},
    {u"sh", u"application/x-sh"},
    {u"tex", u"text/x-tex"},
    {u"ts", u"application/typescript"},
    {u"txt", u"text/plain"},
};

} // namespace

QStringList FileTypes::extensions()
{
    QStringList result;
    for (const Entry &entry : kSupported)
        result << QString::fromUtf16(entry.extension);
    return result;
}

bool FileTypes::isKnownExtension(const QString &extension)
{
    return !mimeTypeFor(extension).isEmpty();
}

QString FileTypes::mimeTypeFor(const QString &extension)
{
    const QString lower = extension.toLower();
    for (const Entry &entry : kSupported) {
        if (lower == QStringView(entry.extension))
            return QString::fromUtf16(entry.mimeType);
    }
    return {};
}

QString FileTypes::extensionOf(const QString &fileName)
{
    return QFileInfo(fileName).suffix().toLower();
}

bool FileTypes::isAllowed(const QString &extension, const QStringList &allowedTypes)
{
    if (!isKnownExtension(extension))
        return false;
    return allowedTypes.isEmpty() || allowedTypes.contains(extension.toLower());
}

} // namespace vd
