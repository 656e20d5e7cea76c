#pragma once

#include "core/domain/serviceerror.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QVariantList>

#include <memory>
#include <variant>

namespace vd {

// A file-attribute filter as OpenAI defines it (openai-vector-stores.md §3.2):
//   comparison {"type": "eq|ne|gt|gte|lt|lte|in|nin", "key": K, "value": V}
//   compound   {"type": "and|or", "filters": [ ... ]}
//
// Semantics VectorDesk defines where OpenAI does not (docs/search.md):
// - a key the file does not have makes every comparison false, including ne and nin;
// - values compare only with values of the same type (string, number, boolean); a comparison
//   across types is false; strings order by Unicode code point;
// - in/nin take a non-empty array of strings and numbers (at most 100);
// - nesting is limited to 8 levels and 64 filters in all.
class Filter
{
public:
    enum class Op { Eq, Ne, Gt, Gte, Lt, Lte, In, Nin, And, Or };

    static Result<Filter> fromJson(const QJsonValue &value);
    QJsonObject toJson() const;

    Op op() const { return m_op; }
    bool isCompound() const { return m_op == Op::And || m_op == Op::Or; }
    const QString &key() const { return m_key; }
    const QJsonValue &value() const { return m_value; }
    const QList<Filter> &children() const { return m_children; }

    // Evaluates the filter against a file's attributes.
    bool matches(const QJsonObject &attributes) const;

    // A SQL boolean expression over the JSON text column `column` (SQLite json1 functions).
    // Keys and values are appended to binds, never spliced into the text.
    QString toSql(const QString &column, QVariantList *binds) const;

    static QString opName(Op op);

private:
    static Result<Filter> parse(const QJsonValue &value, int depth, int *count);

    Op m_op = Op::Eq;
    QString m_key;
    QJsonValue m_value;
    QList<Filter> m_children;
};

} // namespace vd
