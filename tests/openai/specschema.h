#pragma once

// The schemas of OpenAI's spec (openapi.yaml, read with libyaml) and a JSON-schema check of the
// subset they use: $ref, $recursiveRef/$recursiveAnchor, type, enum, properties, required,
// additionalProperties, items, anyOf, oneOf, allOf, minimum, maximum, minItems, maxItems.
// Unknown keywords (description, default, x-…) are ignored.

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace vd::test {

// components.schemas of the spec at `path`; empty with *error set when it cannot be read.
QJsonObject loadSpecSchemas(const QString &path, QString *error);

// What is wrong with `value` against `schemas[name]`: one line per violation ("$.filters.type:
// 'xor' is not one of eq, ne, ..."); empty when it is valid.
QStringList validateAgainst(const QJsonObject &schemas, const QString &name, const QJsonValue &value);

} // namespace vd::test
