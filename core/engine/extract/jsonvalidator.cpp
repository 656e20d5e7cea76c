#include "core/engine/extract/jsonvalidator.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace vd::engine::extract {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

QString shown(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F)
        return u"character '%1'"_s.arg(QLatin1Char(c));
    return u"byte 0x%1"_s.arg(QString::number(byte, 16).toUpper().rightJustified(2, u'0'));
}

} // namespace

JsonValidator::JsonValidator(TextSink &out)
    : m_out(out)
{ }

bool JsonValidator::append(QByteArrayView utf8)
{
    if (!m_error.isEmpty() || m_sinkCancelled)
        return false;
    for (char c : utf8) {
        if (c == '\n') {
            ++m_line;
            m_column = 0;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++m_column; // columns count characters, not bytes
        }
        if (!step(c))
            return false;
        ++m_offset;
    }
    if (!m_out.append(utf8)) {
        m_sinkCancelled = true;
        return false;
    }
    return true;
}

bool JsonValidator::finish()
{
    if (!m_error.isEmpty())
        return false;
    if (m_state == State::Number) {
        if (m_number == NumberPart::Minus || m_number == NumberPart::Dot || m_number == NumberPart::Exponent
            || m_number == NumberPart::ExponentSign)
            return fail(u"the file ends inside a number"_s);
        valueDone();
    }
    // Only whitespace (or nothing) is valid here: the caller reports a file without text.
    if (m_state == State::Done || (m_state == State::Value && m_stack.isEmpty()))
        return true;
    ++m_column;
    if (m_state == State::String || m_state == State::StringEscape || m_state == State::StringUnicode)
        return fail(u"the file ends inside a string"_s);
    return fail(u"the file ends before the JSON value is complete (%1 still open)"_s.arg(
        m_stack.isEmpty()           ? u"a value"_s
            : m_stack.back() == '{' ? u"an object"_s
                                    : u"an array"_s));
}

bool JsonValidator::fail(const QString &what)
{
    m_error = u"%1 at line %2, column %3 (byte %4)"_s.arg(what).arg(m_line).arg(m_column).arg(m_offset);
    return false;
}

bool JsonValidator::startValue(char c)
{
    switch (c) {
    case '{':
    case '[':
        if (m_stack.size() >= kMaxDepth)
            return fail(u"the JSON is nested more than %1 levels deep"_s.arg(kMaxDepth));
        m_stack.append(c);
        m_state = c == '{' ? State::KeyOrObjectEnd : State::ValueOrArrayEnd;
        return true;
    case '"':
        m_stringIsKey = false;
        m_state = State::String;
        return true;
    case 't':
        m_literal = "true";
        break;
    case 'f':
        m_literal = "false";
        break;
    case 'n':
        m_literal = "null";
        break;
    case '-':
        m_number = NumberPart::Minus;
        m_state = State::Number;
        return true;
    default:
        if (isDigit(c)) {
            m_number = c == '0' ? NumberPart::Zero : NumberPart::Integer;
            m_state = State::Number;
            return true;
        }
        return fail(u"expected a value but found %1"_s.arg(shown(c)));
    }
    m_literalPos = 1;
    m_state = State::Literal;
    return true;
}

void JsonValidator::valueDone()
{
    m_state = m_stack.isEmpty() ? State::Done : State::CommaOrEnd;
}

// Advances the number grammar -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? by one character.
// *consumed is false when `c` ended a complete number and must be read as what follows it.
bool JsonValidator::numberStep(char c, bool *consumed)
{
    *consumed = true;
    switch (m_number) {
    case NumberPart::Minus:
        if (isDigit(c)) {
            m_number = c == '0' ? NumberPart::Zero : NumberPart::Integer;
            return true;
        }
        return fail(u"invalid number: expected a digit after '-' but found %1"_s.arg(shown(c)));
    case NumberPart::Zero:
    case NumberPart::Integer:
        if (isDigit(c)) {
            if (m_number == NumberPart::Zero)
                return fail(u"invalid number: a leading zero must not be followed by digits"_s);
            return true;
        }
        if (c == '.') {
            m_number = NumberPart::Dot;
            return true;
        }
        if (c == 'e' || c == 'E') {
            m_number = NumberPart::Exponent;
            return true;
        }
        break;
    case NumberPart::Dot:
        if (isDigit(c)) {
            m_number = NumberPart::Fraction;
            return true;
        }
        return fail(u"invalid number: expected a digit after '.' but found %1"_s.arg(shown(c)));
    case NumberPart::Fraction:
        if (isDigit(c))
            return true;
        if (c == 'e' || c == 'E') {
            m_number = NumberPart::Exponent;
            return true;
        }
        break;
    case NumberPart::Exponent:
        if (c == '+' || c == '-') {
            m_number = NumberPart::ExponentSign;
            return true;
        }
        [[fallthrough]];
    case NumberPart::ExponentSign:
        if (isDigit(c)) {
            m_number = NumberPart::ExponentDigits;
            return true;
        }
        return fail(u"invalid number: expected a digit in the exponent but found %1"_s.arg(shown(c)));
    case NumberPart::ExponentDigits:
        if (isDigit(c))
            return true;
        break;
    }
    *consumed = false;
    valueDone();
    return true;
}

bool JsonValidator::step(char c)
{
    switch (m_state) {
    case State::Value:
        if (isJsonSpace(c))
            return true;
        return startValue(c);
    case State::ValueOrArrayEnd:
        if (isJsonSpace(c))
            return true;
        if (c == ']') {
            m_stack.chop(1);
            valueDone();
            return true;
        }
        return startValue(c);
    case State::KeyOrObjectEnd:
    case State::Key:
        if (isJsonSpace(c))
            return true;
        if (c == '}' && m_state == State::KeyOrObjectEnd) {
            m_stack.chop(1);
            valueDone();
            return true;
        }
        if (c == '"') {
            m_stringIsKey = true;
            m_state = State::String;
            return true;
        }
        return fail(u"expected a string key (in double quotes) but found %1"_s.arg(shown(c)));
    case State::Colon:
        if (isJsonSpace(c))
            return true;
        if (c == ':') {
            m_state = State::Value;
            return true;
        }
        return fail(u"expected ':' after an object key but found %1"_s.arg(shown(c)));
    case State::CommaOrEnd: {
        if (isJsonSpace(c))
            return true;
        const char open = m_stack.back();
        if (c == ',') {
            m_state = open == '{' ? State::Key : State::Value;
            return true;
        }
        if ((open == '{' && c == '}') || (open == '[' && c == ']')) {
            m_stack.chop(1);
            valueDone();
            return true;
        }
        return fail(open == '{' ? u"expected ',' or '}' but found %1"_s.arg(shown(c))
                                : u"expected ',' or ']' but found %1"_s.arg(shown(c)));
    }
    case State::Done:
        if (isJsonSpace(c))
            return true;
        return fail(u"unexpected %1 after the end of the JSON value (a .json file holds one value; "
                    u"JSON Lines is not supported)"_s.arg(shown(c)));
    case State::String:
        if (c == '"') {
            if (m_stringIsKey)
                m_state = State::Colon;
            else
                valueDone();
        } else if (c == '\\') {
            m_state = State::StringEscape;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            return fail(u"control character U+%1 inside a string (it must be escaped)"_s.arg(
                QString::number(static_cast<unsigned char>(c), 16).toUpper().rightJustified(4, u'0')));
        }
        return true;
    case State::StringEscape:
        if (c == 'u') {
            m_unicodeDigits = 0;
            m_state = State::StringUnicode;
            return true;
        }
        if (std::strchr("\"\\/bfnrt", c) && c != '\0') {
            m_state = State::String;
            return true;
        }
        return fail(u"invalid escape '\\%1' inside a string"_s.arg(QLatin1Char(c)));
    case State::StringUnicode:
        if (!isHexDigit(c))
            return fail(u"invalid \\u escape: expected a hex digit but found %1"_s.arg(shown(c)));
        if (++m_unicodeDigits == 4)
            m_state = State::String;
        return true;
    case State::Number: {
        bool consumed = true;
        if (!numberStep(c, &consumed))
            return false;
        return consumed || step(c);
    }
    case State::Literal:
        if (c != m_literal[m_literalPos])
            return fail(u"invalid literal: expected '%1'"_s.arg(QLatin1StringView(m_literal)));
        if (m_literal[++m_literalPos] == '\0')
            valueDone();
        return true;
    }
    return true;
}

} // namespace vd::engine::extract
