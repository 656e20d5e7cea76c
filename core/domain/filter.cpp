#include "core/domain/filter.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vd {

namespace {

constexpr int kMaxDepth = 8;
constexpr int kMaxFilters = 64;
constexpr int kMaxListItems = 100;
constexpr int kMaxKeyLength = 64;

enum class Kind { Missing, String, Number, Boolean, Other };

Kind kindOf(const QJsonValue &v)
{
    if (v.isUndefined())
        return Kind::Missing;
    if (v.isString())
        return Kind::String;
    if (v.isDouble())
        return Kind::Number;
    if (v.isBool())
        return Kind::Boolean;
    return Kind::Other;
}

// -1, 0, 1 for values of the same kind; nullopt when they cannot be compared.
std::optional<int> compare(const QJsonValue &a, const QJsonValue &b)
{
    const Kind ka = kindOf(a);
    if (ka != kindOf(b))
        return std::nullopt;
    switch (ka) {
    case Kind::String: {
        // Code point order, as SQLite's BINARY collation on UTF-8 gives.
        const QByteArray x = a.toString().toUtf8();
        const QByteArray y = b.toString().toUtf8();
        return x < y ? -1 : (x == y ? 0 : 1);
    }
    case Kind::Number: {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x < y ? -1 : (x == y ? 0 : 1);
    }
    case Kind::Boolean:
        return a.toBool() == b.toBool() ? 0 : (a.toBool() ? 1 : -1);
    default:
        return std::nullopt;
    }
}

bool inList(const QJsonValue &attribute, const QJsonArray &list)
{
    for (const QJsonValue &item : list) {
        if (compare(attribute, item) == 0)
            return true;
    }
    return false;
}

QString typeName(const QJsonValue &v)
{
    switch (kindOf(v)) {
    case Kind::String:
        return u"a string"_s;
    case Kind::Number:
        return u"a number"_s;
    case Kind::Boolean:
        return u"a boolean"_s;
    case Kind::Missing:
        return u"missing"_s;
    case Kind::Other:
        return v.isArray() ? u"an array"_s : (v.isNull() ? u"null"_s : u"an object"_s);
    }
    return u"unknown"_s;
}

} // namespace

QString Filter::opName(Op op)
{
    switch (op) {
    case Op::Eq:
        return u"eq"_s;
    case Op::Ne:
        return u"ne"_s;
    case Op::Gt:
        return u"gt"_s;
    case Op::Gte:
        return u"gte"_s;
    case Op::Lt:
        return u"lt"_s;
    case Op::Lte:
        return u"lte"_s;
    case Op::In:
        return u"in"_s;
    case Op::Nin:
        return u"nin"_s;
    case Op::And:
        return u"and"_s;
    case Op::Or:
        return u"or"_s;
    }
    return u"eq"_s;
}

Result<Filter> Filter::fromJson(const QJsonValue &value)
{
    int count = 0;
    return parse(value, 1, &count);
}

Result<Filter> Filter::parse(const QJsonValue &value, int depth, int *count)
{
    if (!value.isObject())
        return ServiceError::invalid(u"A filter must be a JSON object such as {\"type\": \"eq\", \"key\": \"region\", "
                                     u"\"value\": \"us\"}."_s,
                                     u"filters"_s);
    if (depth > kMaxDepth)
        return ServiceError::invalid(
            u"Filters nest %1 levels deep; at most %2 are allowed."_s.arg(depth).arg(kMaxDepth), u"filters"_s);
    if (++*count > kMaxFilters)
        return ServiceError::invalid(u"The filter has more than %1 parts; simplify it."_s.arg(kMaxFilters),
                                     u"filters"_s);
    const QJsonObject object = value.toObject();
    if (object.contains(u"type"_s) && !object.value(u"type"_s).isString())
        return ServiceError::invalid(u"A filter's type must be a string: eq, ne, gt, gte, lt, lte, in, nin, and or "
                                     u"or."_s,
                                     u"filters.type"_s);
    const QString type = object.value(u"type"_s).toString(u"eq"_s);
    static const QStringList ops = {u"eq"_s,  u"ne"_s, u"gt"_s,  u"gte"_s, u"lt"_s,
                                    u"lte"_s, u"in"_s, u"nin"_s, u"and"_s, u"or"_s};
    const qsizetype index = ops.indexOf(type);
    if (index < 0)
        return ServiceError::invalid(
            u"Unknown filter type '%1'; use eq, ne, gt, gte, lt, lte, in, nin, and or or."_s.arg(type),
            u"filters.type"_s);
    Filter filter;
    filter.m_op = Op(index);
    if (filter.isCompound()) {
        const QJsonValue children = object.value(u"filters"_s);
        if (!children.isArray() || children.toArray().isEmpty())
            return ServiceError::invalid(u"An '%1' filter needs a non-empty \"filters\" list."_s.arg(type),
                                         u"filters.filters"_s);
        for (const QJsonValue &child : children.toArray()) {
            auto parsed = parse(child, depth + 1, count);
            if (!parsed)
                return parsed.error();
            filter.m_children.append(parsed.value());
        }
        for (const QString &extra : object.keys())
            if (extra != u"type"_s && extra != u"filters"_s)
                return ServiceError::invalid(u"An '%1' filter has an unknown field '%2'."_s.arg(type, extra),
                                             u"filters"_s);
        return filter;
    }
    for (const QString &extra : object.keys())
        if (extra != u"type"_s && extra != u"key"_s && extra != u"value"_s)
            return ServiceError::invalid(
                u"A '%1' filter has an unknown field '%2' (fields: type, key, value)."_s.arg(type, extra),
                u"filters"_s);
    const QJsonValue key = object.value(u"key"_s);
    if (!key.isString() || key.toString().isEmpty() || key.toString().size() > kMaxKeyLength)
        return ServiceError::invalid(
            u"A '%1' filter needs a \"key\": the attribute name, 1 to %2 characters."_s.arg(type).arg(kMaxKeyLength),
            u"filters.key"_s);
    filter.m_key = key.toString();
    filter.m_value = object.value(u"value"_s);
    const Kind kind = kindOf(filter.m_value);
    switch (filter.m_op) {
    case Op::Eq:
    case Op::Ne:
        if (kind != Kind::String && kind != Kind::Number && kind != Kind::Boolean)
            return ServiceError::invalid(u"Filter '%1' on '%2' needs a string, number or boolean value, not %3."_s.arg(
                                             type, filter.m_key, typeName(filter.m_value)),
                                         u"filters.value"_s);
        break;
    case Op::Gt:
    case Op::Gte:
    case Op::Lt:
    case Op::Lte:
        if (kind != Kind::String && kind != Kind::Number)
            return ServiceError::invalid(u"Filter '%1' on '%2' needs a number or string value, not %3."_s.arg(
                                             type, filter.m_key, typeName(filter.m_value)),
                                         u"filters.value"_s);
        break;
    case Op::In:
    case Op::Nin: {
        const QJsonArray list = filter.m_value.toArray();
        if (!filter.m_value.isArray() || list.isEmpty() || list.size() > kMaxListItems)
            return ServiceError::invalid(
                u"Filter '%1' on '%2' needs a list of 1 to %3 strings or numbers."_s.arg(type, filter.m_key)
                    .arg(kMaxListItems),
                u"filters.value"_s);
        for (const QJsonValue &item : list)
            if (!item.isString() && !item.isDouble())
                return ServiceError::invalid(
                    u"Filter '%1' on '%2' lists %3; only strings and numbers are allowed."_s.arg(type, filter.m_key,
                                                                                                 typeName(item)),
                    u"filters.value"_s);
        break;
    }
    case Op::And:
    case Op::Or:
        break;
    }
    return filter;
}

QJsonObject Filter::toJson() const
{
    if (isCompound()) {
        QJsonArray children;
        for (const Filter &child : m_children)
            children.append(child.toJson());
        return {{u"type"_s, opName(m_op)}, {u"filters"_s, children}};
    }
    return {{u"type"_s, opName(m_op)}, {u"key"_s, m_key}, {u"value"_s, m_value}};
}

bool Filter::matches(const QJsonObject &attributes) const
{
    if (m_op == Op::And)
        return std::all_of(m_children.cbegin(), m_children.cend(),
                           [&](const Filter &f) { return f.matches(attributes); });
    if (m_op == Op::Or)
        return std::any_of(m_children.cbegin(), m_children.cend(),
                           [&](const Filter &f) { return f.matches(attributes); });
    const QJsonValue attribute = attributes.value(m_key);
    const Kind kind = kindOf(attribute);
    if (kind == Kind::Missing || kind == Kind::Other)
        return false;
    switch (m_op) {
    case Op::In:
        return kind != Kind::Boolean && inList(attribute, m_value.toArray());
    case Op::Nin:
        return kind != Kind::Boolean && !inList(attribute, m_value.toArray());
    default:
        break;
    }
    const auto order = compare(attribute, m_value);
    if (!order)
        return false;
    switch (m_op) {
    case Op::Eq:
        return *order == 0;
    case Op::Ne:
        return *order != 0;
    case Op::Gt:
        return *order > 0;
    case Op::Gte:
        return *order >= 0;
    case Op::Lt:
        return *order < 0;
    case Op::Lte:
        return *order <= 0;
    default:
        return false;
    }
}

QString Filter::toSql(const QString &column, QVariantList *binds) const
{
    if (isCompound()) {
        QStringList parts;
        for (const Filter &child : m_children)
            parts << child.toSql(column, binds);
        return u"("_s + parts.join(m_op == Op::And ? u" AND "_s : u" OR "_s) + u')';
    }
    // json_each gives every attribute with its key, JSON type and value: the key is bound, so
    // no attribute name ever becomes part of a JSON path or of the SQL text.
    const QString head = u"EXISTS (SELECT 1 FROM json_each("_s + column + u") j WHERE j.key = ? AND "_s;
    binds->append(m_key);
    const QString isText = u"j.type = 'text'"_s;
    const QString isNumber = u"j.type IN ('integer', 'real')"_s;
    auto comparison = [&](const QString &sqlOp) -> QString {
        if (m_value.isBool()) {
            // Booleans are JSON types of their own: 'true' and 'false'.
            binds->append(m_value.toBool() ? u"true"_s : u"false"_s);
            return head + (sqlOp == u"="_s ? u"j.type = ?)"_s : u"j.type IN ('true', 'false') AND j.type <> ?)"_s);
        }
        if (m_value.isString()) {
            binds->append(m_value.toString());
            return head + isText + u" AND j.value "_s + sqlOp + u" ?)"_s;
        }
        binds->append(m_value.toDouble());
        return head + isNumber + u" AND j.value "_s + sqlOp + u" ?)"_s;
    };
    switch (m_op) {
    case Op::Eq:
        return comparison(u"="_s);
    case Op::Ne:
        return comparison(u"<>"_s);
    case Op::Gt:
        return comparison(u">"_s);
    case Op::Gte:
        return comparison(u">="_s);
    case Op::Lt:
        return comparison(u"<"_s);
    case Op::Lte:
        return comparison(u"<="_s);
    case Op::In:
    case Op::Nin: {
        QStringList strings;
        QStringList numbers;
        QVariantList stringBinds;
        QVariantList numberBinds;
        for (const QJsonValue &item : m_value.toArray()) {
            if (item.isString()) {
                strings << u"?"_s;
                stringBinds << item.toString();
            } else {
                numbers << u"?"_s;
                numberBinds << item.toDouble();
            }
        }
        QStringList alternatives;
        if (!strings.isEmpty())
            alternatives << u"("_s + isText + u" AND j.value IN ("_s + strings.join(u", "_s) + u"))"_s;
        if (!numbers.isEmpty())
            alternatives << u"("_s + isNumber + u" AND j.value IN ("_s + numbers.join(u", "_s) + u"))"_s;
        binds->append(stringBinds);
        binds->append(numberBinds);
        const QString listed = alternatives.join(u" OR "_s);
        if (m_op == Op::In)
            return head + u"("_s + listed + u"))"_s;
        return head + u"j.type IN ('text', 'integer', 'real') AND NOT ("_s + listed + u"))"_s;
    }
    case Op::And:
    case Op::Or:
        break;
    }
    return u"0"_s;
}

} // namespace vd
