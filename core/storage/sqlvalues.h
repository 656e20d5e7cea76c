#pragma once

#include <QJsonObject>
#include <QString>
#include <QVariant>

#include <optional>

// Converting between domain values and what the SQL drivers bind and return (SQLite and
// PostgreSQL alike): JSON columns as compact text, NULL for absent values.
namespace vd::sql {

QString toJsonText(const QJsonObject &object);
QJsonObject fromJsonText(const QVariant &value);
QVariant nullableInt(const std::optional<qint64> &value);
// NULL for an empty string.
QVariant nullableText(const QString &value);
std::optional<qint64> optionalInt(const QVariant &value);
// "?, ?, ?": `count` placeholders for an IN (...) list.
QString placeholders(qsizetype count);

} // namespace vd::sql
