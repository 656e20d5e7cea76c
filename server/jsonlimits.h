#pragma once

#include "server/apierror.h"

#include <QByteArray>
#include <QJsonObject>

#include <variant>

namespace vd::server {

// A request body as a JSON object, refused (400, OpenAI's wording) when it is not valid JSON, not
// an object, or nests objects and arrays deeper than `maxDepth`. The depth is measured on the
// text before parsing, so a hostile body cannot make the parser recurse.
class ParsedJson
{
public:
    ParsedJson(QJsonObject object)
        : m_state(std::move(object))
    { }
    ParsedJson(ApiError error)
        : m_state(std::move(error))
    { }
    explicit operator bool() const { return std::holds_alternative<QJsonObject>(m_state); }
    const QJsonObject &value() const { return std::get<QJsonObject>(m_state); }
    const ApiError &error() const { return std::get<ApiError>(m_state); }

private:
    std::variant<QJsonObject, ApiError> m_state;
};

ParsedJson parseJsonObject(const QByteArray &text, int maxDepth);
// The deepest nesting of objects and arrays in `text`, ignoring brackets inside strings.
int jsonDepth(const QByteArray &text);

} // namespace vd::server
