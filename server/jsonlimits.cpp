#include "server/jsonlimits.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace vd::server {

int jsonDepth(const QByteArray &text)
{
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

ParsedJson parseJsonObject(const QByteArray &text, int maxDepth)
{
    const int depth = jsonDepth(text);
    if (depth > maxDepth)
        return ApiError::invalid(
            u"The JSON body nests objects and arrays %1 levels deep; this server accepts at most %2."_s.arg(depth).arg(
                maxDepth));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError)
        return ApiError::invalid(
            u"We could not parse the JSON body of your request (%1 at offset %2). The OpenAI API expects a JSON "
            u"payload."_s.arg(error.errorString())
                .arg(error.offset));
    if (!document.isObject())
        return ApiError::invalid(u"The JSON body must be an object ({...})."_s);
    return document.object();
}

} // namespace vd::server
