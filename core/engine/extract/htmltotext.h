#pragma once

#include "core/engine/extract/extractor.h"
#include "core/engine/extract/textoutput.h"

#include <QByteArray>

namespace vd::engine::extract {

// Turns an HTML document (UTF-8, fed in blocks of any size) into its readable text, the way a
// browser's "select all, copy" would, without building a DOM:
// - script, style (raw text) and noscript, template, comments, <!DOCTYPE ...>, <?...?> are
//   dropped; attributes are dropped;
// - block elements (p, div, li, h1-h6, tr, ...) start new lines, <br> breaks a line, table cells
//   are separated by tabs; elsewhere runs of whitespace collapse to one space;
// - pre, textarea and listing keep their whitespace;
// - character references are decoded: numeric (&#233; &#xE9;) and the common named ones
//   (&amp; &eacute; &mdash; ...); an unknown one is kept as written.
// Memory stays constant: only the current tag name or character reference is buffered.
class HtmlToText final : public TextSink
{
public:
    explicit HtmlToText(TextSink &out);

    bool append(QByteArrayView utf8) override;
    bool finish();

private:
    enum class State {
        Text,
        TagOpen, // after '<'
        TagName, // <name
        EndTagOpen, // after '</'
        EndTagName, // </name
        InTag, // attributes
        AttributeDq, // attr="..."
        AttributeSq, // attr='...'
        MarkupDecl, // after '<!'
        Comment, // <!-- ... -->
        BogusComment, // <!DOCTYPE ...>, <?...>, </ 1>: up to '>'
        RawText, // inside script/style: up to </name
        CharRef, // after '&'
    };

    bool textByte(char c);
    bool flushRun(QByteArrayView data, qsizetype end);
    void endOfTag();
    void startTag(const QByteArray &name, bool selfClosing);
    void endTag(const QByteArray &name);
    bool finishCharRef(bool terminated);
    bool emitCodePoint(char32_t cp);
    bool dropping() const { return m_skipDepth > 0; }

    TextAssembler m_out;
    State m_state = State::Text;
    QByteArray m_tagName;
    bool m_isEndTag = false;
    bool m_selfClosing = false;
    QByteArray m_declaration; // the first bytes after '<!'
    int m_dashes = 0; // consecutive '-' seen in a comment
    QByteArray m_rawEndTag; // "</script" while in RawText
    qsizetype m_rawMatched = 0;
    QByteArray m_charRef; // what follows '&'
    int m_skipDepth = 0; // inside noscript/template
    int m_preDepth = 0; // inside pre/textarea/listing
    qsizetype m_runStart = -1; // start of the pending text run in the current block
};

} // namespace vd::engine::extract
