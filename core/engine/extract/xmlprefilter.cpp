#include "core/engine/extract/xmlprefilter.h"

#include <cstring>

using namespace Qt::StringLiterals;

namespace vd::engine::extract {

namespace {

bool isPrefixOf(const QByteArray &prefix, QByteArrayView word)
{
    return word.startsWith(prefix);
}

QString mebibytes(qint64 bytes)
{
    return u"%1 MiB"_s.arg(bytes / (1024 * 1024));
}

} // namespace

XmlPrefilter::XmlPrefilter(qint64 maxTokenBytes, int maxDepth)
    : m_maxTokenBytes(maxTokenBytes)
    , m_maxDepth(maxDepth)
{ }

bool XmlPrefilter::filter(QByteArrayView in, QByteArray *out, QString *problem)
{
    XmlPrefilter prefilter;
    out->clear();
    out->reserve(in.size());
    if (prefilter.feed(in, out))
        return true;
    *problem = prefilter.problem();
    return false;
}

bool XmlPrefilter::fail(const QString &problem)
{
    m_problem = problem;
    return false;
}

bool XmlPrefilter::countToken(qint64 bytes, const char *what)
{
    m_tokenBytes += bytes;
    if (m_tokenBytes <= m_maxTokenBytes)
        return true;
    return fail(u"it holds a single XML %1 of more than %2, more than a document holds"_s.arg(
        QLatin1String(what), mebibytes(m_maxTokenBytes)));
}

bool XmlPrefilter::feed(QByteArrayView in, QByteArray *out)
{
    if (!m_problem.isEmpty())
        return false;
    if (m_state == State::Start) {
        m_start.append(in);
        if (m_start.size() < 3)
            return true;
        const QByteArray start = std::exchange(m_start, {});
        m_state = State::Text;
        if (start.startsWith("\xEF\xBB\xBF"))
            return feedUtf8(QByteArrayView(start).sliced(3), out);
        if (!start.startsWith("\xFF\xFE") && !start.startsWith("\xFE\xFF"))
            return feedUtf8(start, out);
        m_utf16.emplace(start.startsWith("\xFF\xFE") ? QStringConverter::Utf16LE : QStringConverter::Utf16BE);
        return feedUtf8(QString(m_utf16->decode(QByteArrayView(start).sliced(2))).toUtf8(), out);
    }
    if (m_utf16)
        return feedUtf8(QString(m_utf16->decode(in)).toUtf8(), out);
    return feedUtf8(in, out);
}

bool XmlPrefilter::feedUtf8(QByteArrayView in, QByteArray *out)
{
    const char *p = in.data();
    const qsizetype n = in.size();
    qsizetype i = 0;
    qsizetype passFrom = -1; // start of bytes passed through unchanged in Tag/TagQuote
    auto passUntil = [&](qsizetype end) {
        if (passFrom >= 0 && end > passFrom)
            out->append(p + passFrom, end - passFrom);
        passFrom = -1;
    };
    while (i < n) {
        switch (m_state) {
        case State::Start:
        case State::Text: {
            m_state = State::Text;
            const void *lt = std::memchr(p + i, '<', size_t(n - i));
            const qsizetype end = lt ? static_cast<const char *>(lt) - p : n;
            if (!countToken(end - i, "text run"))
                return false;
            out->append(p + i, end - i);
            i = end;
            if (lt) {
                m_state = State::Open;
                ++i;
            }
            break;
        }
        case State::Open: {
            const char c = p[i];
            if (c == '!') {
                m_state = State::Bang;
                m_bang.clear();
                ++i;
            } else if (c == '?') {
                m_state = State::Pi;
                m_run = 0;
                ++i;
            } else {
                // A start or end tag: the text run before it is over.
                m_state = State::Tag;
                m_endTag = c == '/';
                m_lastTagByte = 0;
                m_tokenBytes = 0;
                out->append('<');
                if (!countToken(1, "tag"))
                    return false;
            }
            break;
        }
        case State::Bang: {
            m_bang.append(p[i++]);
            if (m_bang == "--") {
                m_state = State::Comment;
                m_run = 0;
            } else if (m_bang == "[CDATA[") {
                m_state = State::CData;
                m_run = 0;
            } else if (m_bang == "DOCTYPE") {
                return fail(u"it contains a document type declaration (<!DOCTYPE), which Office Open XML does "
                            u"not allow"_s);
            } else if (!isPrefixOf(m_bang, "--") && !isPrefixOf(m_bang, "[CDATA[") && !isPrefixOf(m_bang, "DOCTYPE")) {
                // Not XML; QXmlStreamReader names the problem.
                out->append("<!" + m_bang);
                m_state = State::Text;
            }
            break;
        }
        case State::Comment:
            for (; i < n; ++i) {
                const char c = p[i];
                if (c == '>' && m_run >= 2) {
                    m_state = State::Text;
                    ++i;
                    break;
                }
                m_run = c == '-' ? m_run + 1 : 0;
            }
            break;
        case State::Pi:
            for (; i < n; ++i) {
                const char c = p[i];
                if (c == '>' && m_run > 0) {
                    m_state = State::Text;
                    ++i;
                    break;
                }
                m_run = c == '?' ? 1 : 0;
            }
            break;
        case State::CData: {
            const qsizetype before = out->size();
            for (; i < n; ++i) {
                const char c = p[i];
                if (c == ']') {
                    ++m_run;
                    continue;
                }
                if (c == '>' && m_run >= 2) {
                    out->append(QByteArray(m_run - 2, ']'));
                    m_run = 0;
                    m_state = State::Text;
                    ++i;
                    break;
                }
                if (m_run > 0) {
                    out->append(QByteArray(m_run, ']'));
                    m_run = 0;
                }
                if (c == '<')
                    out->append("&lt;");
                else if (c == '>')
                    out->append("&gt;");
                else if (c == '&')
                    out->append("&amp;");
                else
                    out->append(c);
            }
            if (!countToken(out->size() - before + m_run, "text run"))
                return false;
            break;
        }
        case State::Tag:
        case State::TagQuote: {
            passFrom = i;
            const qsizetype from = i;
            bool closed = false;
            for (; i < n; ++i) {
                const char c = p[i];
                if (m_state == State::TagQuote) {
                    if (c == m_quote) {
                        m_state = State::Tag;
                        m_lastTagByte = c;
                    }
                    continue;
                }
                if (c == '"' || c == '\'') {
                    m_state = State::TagQuote;
                    m_quote = c;
                } else if (c == '>') {
                    closed = true;
                    ++i;
                    break;
                } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    m_lastTagByte = c;
                }
            }
            passUntil(i);
            if (!countToken(i - from, "tag"))
                return false;
            if (closed) {
                m_state = State::Text;
                m_tokenBytes = 0;
                if (!endTag())
                    return false;
            }
            break;
        }
        }
    }
    return true;
}

bool XmlPrefilter::endTag()
{
    if (m_endTag) {
        m_depth = std::max(0, m_depth - 1);
        return true;
    }
    if (m_lastTagByte == '/')
        return true; // an empty element
    if (++m_depth > m_maxDepth)
        return fail(u"it nests elements more than %1 levels deep"_s.arg(m_maxDepth));
    return true;
}

} // namespace vd::engine::extract
