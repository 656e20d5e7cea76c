#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>

namespace vd::engine::extract {

// Sits between an inflating OOXML part and QXmlStreamReader, in one pass over the bytes with
// constant memory, so that parsing a part costs time linear in its size and memory bounded by
// the limits below whatever the part holds (docs/extraction.md, "Hostile input"):
// - comments and processing instructions (the XML declaration too) are dropped: they are no
//   text, and QXmlStreamReader rescans an unfinished one from its start every time more data
//   arrives (a 64 MiB comment took a minute);
// - a CDATA section becomes the same text with <, > and & escaped, for the same reason;
// - a DTD (<!DOCTYPE) is refused: Office Open XML does not allow one (ECMA-376 Part 2, §8.1.4),
//   and it is how entity-expansion bombs are made;
// - a text run or a tag longer than maxTokenBytes is refused: QXmlStreamReader holds a whole
//   token in memory;
// - elements nested deeper than maxDepth are refused: QXmlStreamReader keeps a stack entry per
//   open element (millions of nested tags took gigabytes).
// A UTF-16 part (with its byte-order mark) is converted to UTF-8 first; the XML declaration that
// named its encoding is dropped with the other processing instructions.
class XmlPrefilter
{
public:
    static constexpr qint64 kDefaultMaxTokenBytes = 8 * 1024 * 1024;
    static constexpr int kDefaultMaxDepth = 1000;

    explicit XmlPrefilter(qint64 maxTokenBytes = kDefaultMaxTokenBytes, int maxDepth = kDefaultMaxDepth);

    // Appends what QXmlStreamReader should see of `in` to *out. False when the input is refused;
    // problem() then says why ("it nests elements more than 1000 levels deep").
    bool feed(QByteArrayView in, QByteArray *out);
    const QString &problem() const { return m_problem; }

    // The whole of a small part at once.
    static bool filter(QByteArrayView in, QByteArray *out, QString *problem);

private:
    enum class State {
        Start, // nothing seen yet (a byte-order mark may come)
        Text,
        Open, // after '<'
        Bang, // after "<!": deciding between comment, CDATA and DTD
        Comment,
        CData,
        Pi, // <? ... ?>
        Tag, // inside a start or end tag
        TagQuote, // inside a quoted attribute value
    };

    bool feedUtf8(QByteArrayView in, QByteArray *out);
    bool fail(const QString &problem);
    bool countToken(qint64 bytes, const char *what);
    bool endTag();

    qint64 m_maxTokenBytes;
    int m_maxDepth;
    State m_state = State::Start;
    QByteArray m_start; // the first bytes, until the byte-order mark is known
    std::optional<QStringDecoder> m_utf16; // set for a UTF-16 part
    QByteArray m_bang; // what follows "<!", at most 8 bytes
    int m_run = 0; // consecutive '-' (comment), ']' (CDATA) or '?' (PI) just seen
    char m_quote = 0;
    char m_lastTagByte = 0; // the last byte of the tag before '>' ('/' for an empty element)
    bool m_endTag = false;
    qint64 m_tokenBytes = 0; // bytes of the current text run or tag
    int m_depth = 0;
    QString m_problem;
};

} // namespace vd::engine::extract
