#include "specschema.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>
#include <functional>
#include <yaml.h>

using namespace Qt::StringLiterals;

namespace vd::test {

namespace {

struct Parser
{
    yaml_parser_t parser;
    QString error;

    bool next(yaml_event_t *event)
    {
        if (!yaml_parser_parse(&parser, event)) {
            error = u"YAML error at line %1: %2"_s.arg(parser.problem_mark.line + 1)
                        .arg(QString::fromUtf8(parser.problem ? parser.problem : "unknown"));
            return false;
        }
        return true;
    }

    static QJsonValue scalar(const yaml_event_t &event)
    {
        const QString text = QString::fromUtf8(reinterpret_cast<const char *>(event.data.scalar.value),
                                               qsizetype(event.data.scalar.length));
        if (event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
            return text;
        if (text == u"true"_s)
            return true;
        if (text == u"false"_s)
            return false;
        if (text == u"null"_s || text == u"~"_s || text.isEmpty())
            return QJsonValue::Null;
        static const QRegularExpression number(u"^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"_s);
        if (number.match(text).hasMatch())
            return text.toDouble();
        return text;
    }

    // The node that starts with `event` (already read).
    bool node(yaml_event_t &event, QJsonValue *out)
    {
        switch (event.type) {
        case YAML_SCALAR_EVENT:
            *out = scalar(event);
            yaml_event_delete(&event);
            return true;
        case YAML_SEQUENCE_START_EVENT: {
            yaml_event_delete(&event);
            QJsonArray array;
            for (;;) {
                yaml_event_t e;
                if (!next(&e))
                    return false;
                if (e.type == YAML_SEQUENCE_END_EVENT) {
                    yaml_event_delete(&e);
                    break;
                }
                QJsonValue v;
                if (!node(e, &v))
                    return false;
                array.append(v);
            }
            *out = array;
            return true;
        }
        case YAML_MAPPING_START_EVENT: {
            yaml_event_delete(&event);
            QJsonObject object;
            for (;;) {
                yaml_event_t k;
                if (!next(&k))
                    return false;
                if (k.type == YAML_MAPPING_END_EVENT) {
                    yaml_event_delete(&k);
                    break;
                }
                QJsonValue key;
                if (!node(k, &key))
                    return false;
                yaml_event_t v;
                if (!next(&v))
                    return false;
                QJsonValue value;
                if (!node(v, &value))
                    return false;
                object.insert(key.isString() ? key.toString() : key.toVariant().toString(), value);
            }
            *out = object;
            return true;
        }
        default:
            error = u"Unsupported YAML construct (event %1): anchors and aliases are not read."_s.arg(int(event.type));
            yaml_event_delete(&event);
            return false;
        }
    }
};

bool isWhole(double d)
{
    return std::isfinite(d) && d == std::floor(d);
}

bool hasType(const QJsonValue &v, const QString &type)
{
    if (type == u"string"_s)
        return v.isString();
    if (type == u"number"_s)
        return v.isDouble();
    if (type == u"integer"_s)
        return v.isDouble() && isWhole(v.toDouble());
    if (type == u"boolean"_s)
        return v.isBool();
    if (type == u"object"_s)
        return v.isObject();
    if (type == u"array"_s)
        return v.isArray();
    if (type == u"null"_s)
        return v.isNull();
    return false;
}

QString shown(const QJsonValue &v)
{
    if (v.isString())
        return u"'%1'"_s.arg(v.toString());
    if (v.isDouble())
        return QString::number(v.toDouble());
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isNull())
        return u"null"_s;
    return v.isArray() ? u"an array"_s : u"an object"_s;
}

struct Validator
{
    const QJsonObject &schemas;

    QStringList check(const QJsonObject &schemaIn, const QJsonValue &v, const QString &at, QJsonObject anchor) const
    {
        QJsonObject schema = schemaIn;
        if (schema.value(u"$recursiveAnchor"_s).toBool())
            anchor = schema;
        if (schema.contains(u"$ref"_s)) {
            const QString ref = schema.value(u"$ref"_s).toString();
            const QString prefix = u"#/components/schemas/"_s;
            if (!ref.startsWith(prefix) || !schemas.contains(ref.mid(prefix.size())))
                return {u"%1: the schema refers to %2, which the spec does not have"_s.arg(at, ref)};
            return check(schemas.value(ref.mid(prefix.size())).toObject(), v, at, anchor);
        }
        if (schema.contains(u"$recursiveRef"_s)) {
            if (anchor.isEmpty())
                return {u"%1: $recursiveRef without a $recursiveAnchor"_s.arg(at)};
            return check(anchor, v, at, anchor);
        }
        QStringList errors;
        if (schema.contains(u"type"_s)) {
            const QJsonValue type = schema.value(u"type"_s);
            QStringList types;
            if (type.isArray())
                for (const QJsonValue &t : type.toArray())
                    types << t.toString();
            else
                types << type.toString();
            if (std::none_of(types.cbegin(), types.cend(), [&](const QString &t) { return hasType(v, t); }))
                return {u"%1: %2 is not of type %3"_s.arg(at, shown(v), types.join(u" or "_s))};
        }
        if (schema.contains(u"enum"_s) && !schema.value(u"enum"_s).toArray().contains(v)) {
            QStringList allowed;
            for (const QJsonValue &e : schema.value(u"enum"_s).toArray())
                allowed << e.toVariant().toString();
            errors << u"%1: %2 is not one of %3"_s.arg(at, shown(v), allowed.join(u", "_s));
        }
        if (v.isDouble()) {
            if (schema.contains(u"minimum"_s) && v.toDouble() < schema.value(u"minimum"_s).toDouble())
                errors << u"%1: %2 is below the minimum %3"_s.arg(at, shown(v), shown(schema.value(u"minimum"_s)));
            if (schema.contains(u"maximum"_s) && v.toDouble() > schema.value(u"maximum"_s).toDouble())
                errors << u"%1: %2 is above the maximum %3"_s.arg(at, shown(v), shown(schema.value(u"maximum"_s)));
        }
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            const QJsonObject properties = schema.value(u"properties"_s).toObject();
            for (const QJsonValue &r : schema.value(u"required"_s).toArray())
                if (!o.contains(r.toString()))
                    errors << u"%1: the required property '%2' is missing"_s.arg(at, r.toString());
            for (auto it = o.begin(); it != o.end(); ++it) {
                const QString path = at + u"."_s + it.key();
                if (properties.contains(it.key())) {
                    errors += check(properties.value(it.key()).toObject(), it.value(), path, anchor);
                } else if (schema.contains(u"additionalProperties"_s)) {
                    const QJsonValue extra = schema.value(u"additionalProperties"_s);
                    if (extra.isBool() && !extra.toBool())
                        errors << u"%1: the property '%2' is not allowed"_s.arg(at, it.key());
                    else if (extra.isObject())
                        errors += check(extra.toObject(), it.value(), path, anchor);
                }
            }
        }
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            if (schema.contains(u"minItems"_s) && a.size() < schema.value(u"minItems"_s).toInt())
                errors << u"%1: fewer than %2 items"_s.arg(at).arg(schema.value(u"minItems"_s).toInt());
            if (schema.contains(u"maxItems"_s) && a.size() > schema.value(u"maxItems"_s).toInt())
                errors << u"%1: more than %2 items"_s.arg(at).arg(schema.value(u"maxItems"_s).toInt());
            if (schema.contains(u"items"_s))
                for (qsizetype i = 0; i < a.size(); ++i)
                    errors += check(schema.value(u"items"_s).toObject(), a.at(i), u"%1[%2]"_s.arg(at).arg(i), anchor);
        }
        for (const QJsonValue &sub : schema.value(u"allOf"_s).toArray())
            errors += check(sub.toObject(), v, at, anchor);
        for (const QString &keyword : {u"anyOf"_s, u"oneOf"_s}) {
            if (!schema.contains(keyword))
                continue;
            int matched = 0;
            QStringList why;
            for (const QJsonValue &sub : schema.value(keyword).toArray()) {
                const QStringList e = check(sub.toObject(), v, at, anchor);
                if (e.isEmpty())
                    ++matched;
                else
                    why << e.join(u"; "_s);
            }
            if (matched == 0)
                errors << u"%1: matches none of %2 [%3]"_s.arg(at, keyword, why.join(u" | "_s));
            else if (keyword == u"oneOf"_s && matched > 1)
                errors << u"%1: matches %2 of oneOf, not exactly one"_s.arg(at).arg(matched);
        }
        return errors;
    }
};

} // namespace

QJsonObject loadSpecSchemas(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"Cannot read the OpenAI spec %1: %2"_s.arg(path, file.errorString());
        return {};
    }
    const QByteArray bytes = file.readAll();
    Parser p;
    yaml_parser_initialize(&p.parser);
    yaml_parser_set_input_string(&p.parser, reinterpret_cast<const unsigned char *>(bytes.constData()),
                                 size_t(bytes.size()));
    QJsonValue root;
    bool ok = true;
    for (bool done = false; ok && !done;) {
        yaml_event_t event;
        ok = p.next(&event);
        if (!ok)
            break;
        if (event.type == YAML_MAPPING_START_EVENT || event.type == YAML_SEQUENCE_START_EVENT) {
            ok = p.node(event, &root);
            done = true;
        } else {
            done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
        }
    }
    yaml_parser_delete(&p.parser);
    if (!ok) {
        *error = p.error;
        return {};
    }
    const QJsonObject schemas = root.toObject().value(u"components"_s).toObject().value(u"schemas"_s).toObject();
    if (schemas.isEmpty())
        *error = u"The spec %1 has no components.schemas."_s.arg(path);
    return schemas;
}

QStringList validateAgainst(const QJsonObject &schemas, const QString &name, const QJsonValue &value)
{
    if (!schemas.contains(name))
        return {u"The spec has no schema '%1'."_s.arg(name)};
    return Validator{schemas}.check(schemas.value(name).toObject(), value, u"$"_s, {});
}

} // namespace vd::test
