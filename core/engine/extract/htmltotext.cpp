#include "core/engine/extract/htmltotext.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace vd::engine::extract {

namespace {

using namespace std::string_view_literals;

struct NamedReference
{
    std::string_view name;
    char32_t codePoint;
};

// The character references pages actually use: markup, Latin-1, typography, currency, common
// math and arrows. HTML defines 2,231; an unknown one is kept as written.
constexpr NamedReference kNamedReferences[] = {
    {"AElig"sv, 0xC6},    {"Aacute"sv, 0xC1},   {"Acirc"sv, 0xC2},    {"Agrave"sv, 0xC0},   {"Alpha"sv, 0x391},
    {"Aring"sv, 0xC5},    {"Atilde"sv, 0xC3},   {"Auml"sv, 0xC4},     {"Beta"sv, 0x392},    {"Ccedil"sv, 0xC7},
    {"Delta"sv, 0x394},   {"ETH"sv, 0xD0},      {"Eacute"sv, 0xC9},   {"Ecirc"sv, 0xCA},    {"Egrave"sv, 0xC8},
    {"Euml"sv, 0xCB},     {"Gamma"sv, 0x393},   {"Iacute"sv, 0xCD},   {"Icirc"sv, 0xCE},    {"Igrave"sv, 0xCC},
    {"Iuml"sv, 0xCF},     {"Lambda"sv, 0x39B},  {"Ntilde"sv, 0xD1},   {"OElig"sv, 0x152},   {"Oacute"sv, 0xD3},
    {"Ocirc"sv, 0xD4},    {"Ograve"sv, 0xD2},   {"Omega"sv, 0x3A9},   {"Oslash"sv, 0xD8},   {"Otilde"sv, 0xD5},
    {"Ouml"sv, 0xD6},     {"Phi"sv, 0x3A6},     {"Pi"sv, 0x3A0},      {"Prime"sv, 0x2033},  {"Psi"sv, 0x3A8},
    {"Scaron"sv, 0x160},  {"Sigma"sv, 0x3A3},   {"THORN"sv, 0xDE},    {"Theta"sv, 0x398},   {"Uacute"sv, 0xDA},
    {"Ucirc"sv, 0xDB},    {"Ugrave"sv, 0xD9},   {"Uuml"sv, 0xDC},     {"Yacute"sv, 0xDD},   {"Yuml"sv, 0x178},
    {"aacute"sv, 0xE1},   {"acirc"sv, 0xE2},    {"acute"sv, 0xB4},    {"aelig"sv, 0xE6},    {"agrave"sv, 0xE0},
    {"alpha"sv, 0x3B1},   {"amp"sv, 0x26},      {"and"sv, 0x2227},    {"apos"sv, 0x27},     {"aring"sv, 0xE5},
    {"asymp"sv, 0x2248},  {"atilde"sv, 0xE3},   {"auml"sv, 0xE4},     {"bdquo"sv, 0x201E},  {"beta"sv, 0x3B2},
    {"brvbar"sv, 0xA6},   {"bull"sv, 0x2022},   {"ccedil"sv, 0xE7},   {"cedil"sv, 0xB8},    {"cent"sv, 0xA2},
    {"check"sv, 0x2713},  {"chi"sv, 0x3C7},     {"circ"sv, 0x2C6},    {"copy"sv, 0xA9},     {"curren"sv, 0xA4},
    {"dagger"sv, 0x2020}, {"darr"sv, 0x2193},   {"deg"sv, 0xB0},      {"delta"sv, 0x3B4},   {"divide"sv, 0xF7},
    {"eacute"sv, 0xE9},   {"ecirc"sv, 0xEA},    {"egrave"sv, 0xE8},   {"emsp"sv, 0x2003},   {"ensp"sv, 0x2002},
    {"epsilon"sv, 0x3B5}, {"equiv"sv, 0x2261},  {"eta"sv, 0x3B7},     {"eth"sv, 0xF0},      {"euml"sv, 0xEB},
    {"euro"sv, 0x20AC},   {"exist"sv, 0x2203},  {"forall"sv, 0x2200}, {"frac12"sv, 0xBD},   {"frac14"sv, 0xBC},
    {"frac34"sv, 0xBE},   {"gamma"sv, 0x3B3},   {"ge"sv, 0x2265},     {"gt"sv, 0x3E},       {"harr"sv, 0x2194},
    {"hearts"sv, 0x2665}, {"hellip"sv, 0x2026}, {"iacute"sv, 0xED},   {"icirc"sv, 0xEE},    {"iexcl"sv, 0xA1},
    {"igrave"sv, 0xEC},   {"infin"sv, 0x221E},  {"int"sv, 0x222B},    {"iota"sv, 0x3B9},    {"iquest"sv, 0xBF},
    {"isin"sv, 0x2208},   {"iuml"sv, 0xEF},     {"kappa"sv, 0x3BA},   {"lambda"sv, 0x3BB},  {"laquo"sv, 0xAB},
    {"larr"sv, 0x2190},   {"lceil"sv, 0x2308},  {"ldquo"sv, 0x201C},  {"le"sv, 0x2264},     {"lfloor"sv, 0x230A},
    {"lowast"sv, 0x2217}, {"loz"sv, 0x25CA},    {"lrm"sv, 0x200E},    {"lsaquo"sv, 0x2039}, {"lsquo"sv, 0x2018},
    {"lt"sv, 0x3C},       {"macr"sv, 0xAF},     {"mdash"sv, 0x2014},  {"micro"sv, 0xB5},    {"middot"sv, 0xB7},
    {"minus"sv, 0x2212},  {"mu"sv, 0x3BC},      {"nabla"sv, 0x2207},  {"nbsp"sv, 0xA0},     {"ndash"sv, 0x2013},
    {"ne"sv, 0x2260},     {"not"sv, 0xAC},      {"notin"sv, 0x2209},  {"ntilde"sv, 0xF1},   {"nu"sv, 0x3BD},
    {"oacute"sv, 0xF3},   {"ocirc"sv, 0xF4},    {"oelig"sv, 0x153},   {"ograve"sv, 0xF2},   {"omega"sv, 0x3C9},
    {"omicron"sv, 0x3BF}, {"or"sv, 0x2228},     {"ordf"sv, 0xAA},     {"ordm"sv, 0xBA},     {"oslash"sv, 0xF8},
    {"otilde"sv, 0xF5},   {"ouml"sv, 0xF6},     {"para"sv, 0xB6},     {"part"sv, 0x2202},   {"permil"sv, 0x2030},
    {"phi"sv, 0x3C6},     {"pi"sv, 0x3C0},      {"plusmn"sv, 0xB1},   {"pound"sv, 0xA3},    {"prime"sv, 0x2032},
    {"prod"sv, 0x220F},   {"psi"sv, 0x3C8},     {"quot"sv, 0x22},     {"radic"sv, 0x221A},  {"raquo"sv, 0xBB},
    {"rarr"sv, 0x2192},   {"rceil"sv, 0x2309},  {"rdquo"sv, 0x201D},  {"reg"sv, 0xAE},      {"rfloor"sv, 0x230B},
    {"rho"sv, 0x3C1},     {"rlm"sv, 0x200F},    {"rsaquo"sv, 0x203A}, {"rsquo"sv, 0x2019},  {"sbquo"sv, 0x201A},
    {"scaron"sv, 0x161},  {"sdot"sv, 0x22C5},   {"sect"sv, 0xA7},     {"shy"sv, 0xAD},      {"sigma"sv, 0x3C3},
    {"sim"sv, 0x223C},    {"spades"sv, 0x2660}, {"sub"sv, 0x2282},    {"sum"sv, 0x2211},    {"sup"sv, 0x2283},
    {"sup1"sv, 0xB9},     {"sup2"sv, 0xB2},     {"sup3"sv, 0xB3},     {"szlig"sv, 0xDF},    {"tau"sv, 0x3C4},
    {"there4"sv, 0x2234}, {"theta"sv, 0x3B8},   {"thinsp"sv, 0x2009}, {"thorn"sv, 0xFE},    {"tilde"sv, 0x2DC},
    {"times"sv, 0xD7},    {"trade"sv, 0x2122},  {"uacute"sv, 0xFA},   {"uarr"sv, 0x2191},   {"ucirc"sv, 0xFB},
    {"ugrave"sv, 0xF9},   {"uml"sv, 0xA8},      {"upsilon"sv, 0x3C5}, {"uuml"sv, 0xFC},     {"xi"sv, 0x3BE},
    {"yacute"sv, 0xFD},   {"yen"sv, 0xA5},      {"yuml"sv, 0xFF},     {"zeta"sv, 0x3B6},    {"zwj"sv, 0x200D},
    {"zwnj"sv, 0x200C},
};

// &#128; .. &#159; mean Windows-1252 characters (HTML "numeric character reference end state").
constexpr std::array<char16_t, 32> kWindows1252 = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

constexpr std::string_view kRawTextElements[] = {"script"sv, "style"sv, "xmp"sv, "iframe"sv, "noembed"sv, "noframes"sv};
constexpr std::string_view kDroppedElements[] = {"noscript"sv, "template"sv};
constexpr std::string_view kPreformatted[] = {"pre"sv, "textarea"sv, "listing"sv};
// Blocks separated by a blank line.
constexpr std::string_view kParagraphs[] = {"p"sv,      "h1"sv,    "h2"sv,  "h3"sv,     "h4"sv, "h5"sv,
                                            "h6"sv,     "table"sv, "ul"sv,  "ol"sv,     "dl"sv, "blockquote"sv,
                                            "figure"sv, "hr"sv,    "pre"sv, "listing"sv};
// Blocks that start a new line.
constexpr std::string_view kLines[] = {
    "address"sv,  "article"sv, "aside"sv,  "body"sv,   "caption"sv,  "center"sv,     "dd"sv,
    "details"sv,  "dialog"sv,  "div"sv,    "dt"sv,     "fieldset"sv, "figcaption"sv, "footer"sv,
    "form"sv,     "head"sv,    "header"sv, "hgroup"sv, "html"sv,     "legend"sv,     "li"sv,
    "main"sv,     "menu"sv,    "nav"sv,    "option"sv, "section"sv,  "summary"sv,    "tbody"sv,
    "textarea"sv, "tfoot"sv,   "thead"sv,  "title"sv,  "tr"sv,
};

template<std::size_t N> bool contains(const std::string_view (&list)[N], const QByteArray &name)
{
    const std::string_view key(name.constData(), std::size_t(name.size()));
    return std::find(std::begin(list), std::end(list), key) != std::end(list);
}

bool isHtmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool isAsciiLetter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAsciiAlnum(char c)
{
    return isAsciiLetter(c) || (c >= '0' && c <= '9');
}

char toLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

QByteArray encodeUtf8(char32_t cp)
{
    const char32_t buffer[1] = {cp};
    return QString::fromUcs4(buffer, 1).toUtf8();
}

} // namespace

HtmlToText::HtmlToText(TextSink &out)
    : m_out(out)
{ }

bool HtmlToText::flushRun(QByteArrayView data, qsizetype end)
{
    if (m_runStart < 0)
        return true;
    const qsizetype start = std::exchange(m_runStart, -1);
    return m_out.text(data.sliced(start, end - start));
}

bool HtmlToText::append(QByteArrayView data)
{
    m_runStart = -1;
    for (qsizetype i = 0; i < data.size(); ++i) {
        const char c = data[i];
        switch (m_state) {
        case State::Text:
            if (c == '<' || c == '&' || isHtmlSpace(c)) {
                if (!flushRun(data, i))
                    return false;
                if (c == '<') {
                    m_state = State::TagOpen;
                } else if (c == '&') {
                    m_state = State::CharRef;
                    m_charRef.clear();
                } else if (!dropping()) {
                    if (m_preDepth > 0) {
                        if (!m_out.text(data.sliced(i, 1)))
                            return false;
                    } else {
                        m_out.space();
                    }
                }
            } else if (m_runStart < 0 && !dropping()) {
                m_runStart = i;
            }
            break;
        case State::TagOpen:
            if (isAsciiLetter(c)) {
                m_tagName = QByteArray(1, toLower(c));
                m_isEndTag = m_selfClosing = false;
                m_state = State::TagName;
            } else if (c == '/') {
                m_state = State::EndTagOpen;
            } else if (c == '!') {
                m_declaration.clear();
                m_state = State::MarkupDecl;
            } else if (c == '?') {
                m_state = State::BogusComment;
            } else {
                // "a < b": not a tag.
                if (!dropping() && !m_out.text("<"))
                    return false;
                m_state = State::Text;
                --i;
            }
            break;
        case State::EndTagOpen:
            if (isAsciiLetter(c)) {
                m_tagName = QByteArray(1, toLower(c));
                m_isEndTag = true;
                m_selfClosing = false;
                m_state = State::EndTagName;
            } else {
                m_state = c == '>' ? State::Text : State::BogusComment;
            }
            break;
        case State::TagName:
        case State::EndTagName:
            if (isHtmlSpace(c)) {
                m_state = State::InTag;
            } else if (c == '/') {
                m_selfClosing = true;
                m_state = State::InTag;
            } else if (c == '>') {
                endOfTag();
            } else if (m_tagName.size() < 64) {
                m_tagName.append(toLower(c));
            }
            break;
        case State::InTag:
            if (c == '"') {
                m_state = State::AttributeDq;
            } else if (c == '\'') {
                m_state = State::AttributeSq;
            } else if (c == '>') {
                endOfTag();
            } else if (c == '/') {
                m_selfClosing = true;
            } else if (!isHtmlSpace(c)) {
                m_selfClosing = false;
            }
            break;
        case State::AttributeDq:
            if (c == '"')
                m_state = State::InTag;
            break;
        case State::AttributeSq:
            if (c == '\'')
                m_state = State::InTag;
            break;
        case State::MarkupDecl:
            m_declaration.append(c);
            if (m_declaration == "--") {
                m_dashes = 0;
                m_state = State::Comment;
            } else if (m_declaration != "-") {
                m_state = c == '>' ? State::Text : State::BogusComment;
            }
            break;
        case State::Comment:
            if (c == '-') {
                ++m_dashes;
            } else {
                if (c == '>' && m_dashes >= 2)
                    m_state = State::Text;
                m_dashes = 0;
            }
            break;
        case State::BogusComment:
            if (c == '>')
                m_state = State::Text;
            break;
        case State::RawText:
            if (m_rawMatched < m_rawEndTag.size()) {
                if (toLower(c) == m_rawEndTag[m_rawMatched])
                    ++m_rawMatched;
                else
                    m_rawMatched = c == '<' ? 1 : 0;
            } else if (isHtmlSpace(c) || c == '/' || c == '>') {
                m_tagName = m_rawEndTag.sliced(2);
                m_isEndTag = true;
                m_selfClosing = false;
                m_state = State::InTag;
                if (c == '>')
                    endOfTag();
            } else {
                m_rawMatched = c == '<' ? 1 : 0; // "</scripts"
            }
            break;
        case State::CharRef:
            if (isAsciiAlnum(c) || (c == '#' && m_charRef.isEmpty())) {
                if (m_charRef.size() >= 32) { // no reference is that long: it was plain text
                    if (!finishCharRef(false))
                        return false;
                    m_state = State::Text;
                    --i;
                } else {
                    m_charRef.append(c);
                }
            } else if (c == ';') {
                if (!finishCharRef(true))
                    return false;
                m_state = State::Text;
            } else {
                if (!finishCharRef(false))
                    return false;
                m_state = State::Text;
                --i;
            }
            break;
        }
    }
    return m_state != State::Text || flushRun(data, data.size());
}

bool HtmlToText::finish()
{
    if (m_state == State::CharRef && !finishCharRef(false))
        return false;
    if (m_state == State::TagOpen && !dropping() && !m_out.text("<"))
        return false;
    m_state = State::Text;
    return m_out.finish();
}

void HtmlToText::endOfTag()
{
    m_state = State::Text;
    if (m_isEndTag)
        endTag(m_tagName);
    else
        startTag(m_tagName, m_selfClosing);
}

void HtmlToText::startTag(const QByteArray &name, bool selfClosing)
{
    if (contains(kRawTextElements, name)) {
        m_rawEndTag = "</" + name;
        m_rawMatched = 0;
        m_state = State::RawText;
        return;
    }
    if (contains(kDroppedElements, name)) {
        if (!selfClosing)
            ++m_skipDepth;
        return;
    }
    if (dropping())
        return;
    if (name == "br") {
        m_out.lineBreak();
    } else if (name == "td" || name == "th") {
        m_out.tab();
    } else if (contains(kParagraphs, name)) {
        m_out.newlines(2);
    } else if (contains(kLines, name)) {
        m_out.newlines(1);
    }
    if (contains(kPreformatted, name) && !selfClosing)
        ++m_preDepth;
}

void HtmlToText::endTag(const QByteArray &name)
{
    if (contains(kDroppedElements, name)) {
        if (m_skipDepth > 0)
            --m_skipDepth;
        return;
    }
    if (dropping())
        return;
    if (contains(kPreformatted, name) && m_preDepth > 0)
        --m_preDepth;
    if (name == "br") {
        m_out.lineBreak(); // browsers read </br> as <br>
    } else if (name == "td" || name == "th") {
        m_out.tab();
    } else if (contains(kParagraphs, name)) {
        m_out.newlines(2);
    } else if (contains(kLines, name)) {
        m_out.newlines(1);
    }
}

bool HtmlToText::finishCharRef(bool terminated)
{
    const QByteArray ref = std::exchange(m_charRef, {});
    std::optional<char32_t> cp;
    if (ref.startsWith('#')) {
        const bool hex = ref.size() > 1 && (ref[1] == 'x' || ref[1] == 'X');
        const QByteArray digits = ref.sliced(hex ? 2 : 1);
        bool ok = !digits.isEmpty();
        char32_t value = 0;
        for (char d : digits) {
            int digit = -1;
            if (d >= '0' && d <= '9')
                digit = d - '0';
            else if (hex && toLower(d) >= 'a' && toLower(d) <= 'f')
                digit = toLower(d) - 'a' + 10;
            if (digit < 0) {
                ok = false;
                break;
            }
            value = std::min<char32_t>(value * (hex ? 16 : 10) + char32_t(digit), 0x110000);
        }
        if (ok) {
            if (value >= 0x80 && value <= 0x9F)
                value = kWindows1252[value - 0x80];
            if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
                value = 0xFFFD;
            cp = value;
        }
    } else {
        const std::string_view key(ref.constData(), std::size_t(ref.size()));
        for (const NamedReference &named : kNamedReferences) {
            if (named.name == key) {
                cp = named.codePoint;
                break;
            }
        }
    }
    if (cp)
        return emitCodePoint(*cp);
    if (dropping())
        return true;
    const QByteArray literal = "&" + ref + (terminated ? ";" : "");
    return m_out.text(literal);
}

bool HtmlToText::emitCodePoint(char32_t cp)
{
    if (dropping())
        return true;
    const bool whitespace = cp == 0x20 || cp == 0x09 || cp == 0x0A || cp == 0x0D || cp == 0x0C || cp == 0xA0;
    if (whitespace && m_preDepth == 0) {
        m_out.space();
        return true;
    }
    return m_out.text(whitespace ? QByteArray(1, cp == 0xA0 ? ' ' : char(cp)) : encodeUtf8(cp));
}

} // namespace vd::engine::extract
