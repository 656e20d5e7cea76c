#pragma once

#include "core/engine/extract/extractor.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace vd::engine::extract {

// Checks that UTF-8 text fed in blocks of any size is one JSON value (RFC 8259) and passes it
// on unchanged: OpenAI indexes a .json file as its text. Memory stays constant apart from the
// nesting stack (one byte per level, at most kMaxDepth).
class JsonValidator final : public TextSink
{
public:
    static constexpr int kMaxDepth = 1000;

    explicit JsonValidator(TextSink &out);

    bool append(QByteArrayView utf8) override;
    // The end of the text: a value must be complete.
    bool finish();

    // "expected ',' or '}' at line 3, column 5 (byte 42)"; empty while the text is valid.
    QString error() const { return m_error; }
    bool sinkCancelled() const { return m_sinkCancelled; }

private:
    enum class State {
        Value, // a value must start here
        ValueOrArrayEnd, // after '['
        KeyOrObjectEnd, // after '{'
        Key, // after ',' in an object
        Colon,
        CommaOrEnd, // after a value inside an array or object
        Done, // after the top-level value: only whitespace
        String,
        StringEscape,
        StringUnicode,
        Number,
        Literal,
    };
    enum class NumberPart { Minus, Zero, Integer, Dot, Fraction, Exponent, ExponentSign, ExponentDigits };

    bool step(char c);
    bool startValue(char c);
    void valueDone();
    bool numberStep(char c, bool *consumed);
    bool fail(const QString &what);

    TextSink &m_out;
    State m_state = State::Value;
    QByteArray m_stack; // '{' or '[' per open container
    bool m_stringIsKey = false;
    int m_unicodeDigits = 0;
    NumberPart m_number = NumberPart::Minus;
    const char *m_literal = nullptr;
    int m_literalPos = 0;
    qint64 m_offset = 0;
    qint64 m_line = 1;
    qint64 m_column = 0;
    QString m_error;
    bool m_sinkCancelled = false;
};

} // namespace vd::engine::extract
