#include "core/engine/extract/ooxmltext.h"

#include "core/engine/extract/extracterrors.h"
#include "core/engine/extract/textoutput.h"
#include "core/engine/extract/xmlprefilter.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <QXmlStreamReader>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <zip.h>

using namespace Qt::StringLiterals;

namespace vd::engine::extract {

namespace {

// Office files are XML compressed about 10:1; a package inflating to more than this is not a
// document anybody wrote but a ZIP bomb.
constexpr qint64 kMaxInflatedBytes = qint64(1) << 30;
// Relationship and content-type parts are small; a bigger one is not read.
constexpr qint64 kMaxSmallPartBytes = 8 * 1024 * 1024;
constexpr qint64 kReadBlock = 256 * 1024;

constexpr QStringView kMcNs = u"http://schemas.openxmlformats.org/markup-compatibility/2006";
constexpr QStringView kRelsNs = u"http://schemas.openxmlformats.org/package/2006/relationships";
constexpr QStringView kContentTypesNs = u"http://schemas.openxmlformats.org/package/2006/content-types";
constexpr QStringView kWordNs[] = {u"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                   u"http://purl.oclc.org/ooxml/wordprocessingml/main"};
constexpr QStringView kDrawingNs[] = {u"http://schemas.openxmlformats.org/drawingml/2006/main",
                                      u"http://purl.oclc.org/ooxml/drawingml/main"};
constexpr QStringView kPresentationNs[] = {u"http://schemas.openxmlformats.org/presentationml/2006/main",
                                           u"http://purl.oclc.org/ooxml/presentationml/main"};
constexpr QStringView kRelationshipAttrNs[] = {u"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                                               u"http://purl.oclc.org/ooxml/officeDocument/relationships"};

template<std::size_t N> bool isOneOf(QStringView value, const QStringView (&list)[N])
{
    return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

enum class OfficeKind { Word, Presentation, Spreadsheet, Unknown };

// How reading a package went, before it becomes a message.
struct PackageProblem
{
    enum Kind { Damaged, Encrypted, TooLarge, Missing, Xml, Refused, TimedOut, Memory, Cancelled } kind;
    QString part;
    QString detail;
};

QString zipErrorText(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const QString text = QString::fromUtf8(zip_error_strerror(&error));
    zip_error_fini(&error);
    return text;
}

struct ZipDiscard
{
    void operator()(zip_t *archive) const { zip_discard(archive); }
};
struct ZipFileClose
{
    void operator()(zip_file_t *file) const { zip_fclose(file); }
};

class Package
{
public:
    explicit Package(const Deadline &deadline)
        : m_deadline(deadline)
    { }

    // Empty on success; otherwise why libzip could not open it.
    std::optional<PackageProblem> open(const QString &path)
    {
        int code = 0;
        m_zip.reset(zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &code));
        if (m_zip)
            return std::nullopt;
        return PackageProblem{
            code == ZIP_ER_MEMORY ? PackageProblem::Memory : PackageProblem::Damaged, {}, zipErrorText(code)};
    }

    bool has(const QString &part) const { return index(part) >= 0; }
    const Deadline &deadline() const { return m_deadline; }

    QStringList names() const
    {
        QStringList result;
        const zip_int64_t count = zip_get_num_entries(m_zip.get(), 0);
        for (zip_int64_t i = 0; i < count; ++i) {
            if (const char *name = zip_get_name(m_zip.get(), zip_uint64_t(i), 0))
                result << QString::fromUtf8(name);
        }
        return result;
    }

    // Inflates `part` block by block into `consume` (which returns false to stop).
    std::optional<PackageProblem> read(const QString &part, const std::function<bool(QByteArrayView)> &consume)
    {
        const zip_int64_t at = index(part);
        if (at < 0)
            return PackageProblem{PackageProblem::Missing, part, {}};
        std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen_index(m_zip.get(), zip_uint64_t(at), 0));
        if (!file)
            return problemFor(zip_error_code_zip(zip_get_error(m_zip.get())), part);
        QByteArray buffer(kReadBlock, Qt::Uninitialized);
        for (;;) {
            const zip_int64_t n = zip_fread(file.get(), buffer.data(), zip_uint64_t(buffer.size()));
            if (n < 0)
                return problemFor(zip_error_code_zip(zip_file_get_error(file.get())), part);
            if (n == 0)
                return std::nullopt;
            m_inflated += n;
            if (m_inflated > kMaxInflatedBytes)
                return PackageProblem{PackageProblem::TooLarge, part, {}};
            if (!consume(QByteArrayView(buffer.constData(), qsizetype(n))))
                return PackageProblem{PackageProblem::Cancelled, part, {}};
            if (m_deadline.passed())
                return PackageProblem{PackageProblem::TimedOut, part, {}};
        }
    }

    std::optional<PackageProblem> readSmall(const QString &part, QByteArray *data)
    {
        data->clear();
        bool tooBig = false;
        auto problem = read(part, [&](QByteArrayView block) {
            data->append(block);
            tooBig = data->size() > kMaxSmallPartBytes;
            return !tooBig;
        });
        if (tooBig)
            return PackageProblem{PackageProblem::TooLarge, part, {}};
        return problem;
    }

private:
    zip_int64_t index(const QString &part) const
    {
        // Part names in OPC are case-insensitive.
        return zip_name_locate(m_zip.get(), part.toUtf8().constData(), ZIP_FL_NOCASE);
    }

    static PackageProblem problemFor(int code, const QString &part)
    {
        if (code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
            return {PackageProblem::Encrypted, part, zipErrorText(code)};
        if (code == ZIP_ER_MEMORY)
            return {PackageProblem::Memory, part, zipErrorText(code)};
        return {PackageProblem::Damaged, part, zipErrorText(code)};
    }

    const Deadline &m_deadline;
    std::unique_ptr<zip_t, ZipDiscard> m_zip;
    qint64 m_inflated = 0;
};

// Parses an XML part while it is being inflated; `handler` sees every token and returns false
// to stop (the sink cancelled).
std::optional<PackageProblem> parseXmlPart(Package &package, const QString &part,
                                           const std::function<bool(const QXmlStreamReader &)> &handler)
{
    QXmlStreamReader xml;
    XmlPrefilter prefilter;
    QByteArray filtered;
    int depth = 0;
    bool rootClosed = false;
    bool stopped = false;
    auto problem = package.read(part, [&](QByteArrayView block) {
        filtered.clear();
        if (!prefilter.feed(block, &filtered))
            return false;
        xml.addData(filtered);
        for (;;) {
            const QXmlStreamReader::TokenType token = xml.readNext();
            if (token == QXmlStreamReader::Invalid)
                break;
            if (token == QXmlStreamReader::StartElement)
                ++depth;
            if (!handler(xml)) {
                stopped = true;
                return false;
            }
            if (token == QXmlStreamReader::EndElement && --depth == 0)
                rootClosed = true;
        }
        return xml.error() == QXmlStreamReader::PrematureEndOfDocumentError;
    });
    if (stopped)
        return PackageProblem{PackageProblem::Cancelled, part, {}};
    if (!prefilter.problem().isEmpty())
        return PackageProblem{PackageProblem::Refused, part, prefilter.problem()};
    if (xml.hasError() && !(xml.error() == QXmlStreamReader::PrematureEndOfDocumentError && rootClosed)) {
        if (problem && problem->kind != PackageProblem::Cancelled)
            return problem;
        const QString detail = xml.error() == QXmlStreamReader::PrematureEndOfDocumentError
            ? u"the XML ends before the document is complete"_s
            : u"line %1, column %2: %3"_s.arg(xml.lineNumber()).arg(xml.columnNumber()).arg(xml.errorString());
        return PackageProblem{PackageProblem::Xml, part, detail};
    }
    if (problem)
        return problem;
    if (!rootClosed)
        return PackageProblem{PackageProblem::Xml, part, u"the part holds no XML document"_s};
    return std::nullopt;
}

// Resolves a relationship target against the folder of the part that declares it.
QString resolveTarget(const QString &sourcePart, const QString &target)
{
    const QString decoded = QUrl::fromPercentEncoding(target.toUtf8());
    QString resolved;
    if (decoded.startsWith(u'/')) {
        resolved = decoded;
    } else {
        const qsizetype slash = sourcePart.lastIndexOf(u'/');
        resolved = (slash < 0 ? QString() : sourcePart.left(slash + 1)) + decoded;
    }
    resolved = QDir::cleanPath(resolved);
    while (resolved.startsWith(u'/'))
        resolved.remove(0, 1);
    return resolved;
}

QString relsPartFor(const QString &part)
{
    if (part.isEmpty())
        return u"_rels/.rels"_s;
    const qsizetype slash = part.lastIndexOf(u'/');
    return part.left(slash + 1) + u"_rels/"_s + part.mid(slash + 1) + u".rels"_s;
}

struct Relationship
{
    QString id;
    QString type; // the last segment of the type URI: officeDocument, slide, footnotes, ...
    QString target;
};

// The internal relationships of `part` ("" for the package). A missing .rels part is no error.
std::optional<PackageProblem> readRelationships(Package &package, const QString &part, QList<Relationship> *out)
{
    out->clear();
    const QString relsPart = relsPartFor(part);
    if (!package.has(relsPart))
        return std::nullopt;
    QByteArray raw;
    if (auto problem = package.readSmall(relsPart, &raw))
        return problem;
    QByteArray data;
    QString refused;
    if (!XmlPrefilter::filter(raw, &data, &refused))
        return PackageProblem{PackageProblem::Refused, relsPart, refused};
    QXmlStreamReader xml(data);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"Relationship"
            && xml.namespaceUri() == kRelsNs) {
            const QXmlStreamAttributes attributes = xml.attributes();
            if (attributes.value(u"TargetMode"_s) == u"External")
                continue;
            const QStringView type = attributes.value(u"Type"_s);
            out->append({attributes.value(u"Id"_s).toString(), type.mid(type.lastIndexOf(u'/') + 1).toString(),
                         resolveTarget(part, attributes.value(u"Target"_s).toString())});
        }
    }
    if (xml.hasError())
        return PackageProblem{
            PackageProblem::Xml, relsPart,
            u"line %1, column %2: %3"_s.arg(xml.lineNumber()).arg(xml.columnNumber()).arg(xml.errorString())};
    return std::nullopt;
}

// The content type [Content_Types].xml gives `part` (an Override, else the Default for its
// extension); empty when there is none.
QString contentTypeOf(Package &package, const QString &part)
{
    QByteArray raw;
    if (!package.has(u"[Content_Types].xml"_s) || package.readSmall(u"[Content_Types].xml"_s, &raw))
        return {};
    QByteArray data;
    QString refused;
    if (!XmlPrefilter::filter(raw, &data, &refused))
        return {}; // then the main part's folder tells the kind
    const QString partName = u'/' + part;
    const QString extension = part.mid(part.lastIndexOf(u'.') + 1);
    QString byDefault;
    QXmlStreamReader xml(data);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement || xml.namespaceUri() != kContentTypesNs)
            continue;
        const QXmlStreamAttributes attributes = xml.attributes();
        if (xml.name() == u"Override" && attributes.value(u"PartName"_s).compare(partName, Qt::CaseInsensitive) == 0)
            return attributes.value(u"ContentType"_s).toString();
        if (xml.name() == u"Default" && attributes.value(u"Extension"_s).compare(extension, Qt::CaseInsensitive) == 0)
            byDefault = attributes.value(u"ContentType"_s).toString();
    }
    return byDefault;
}

struct PackageInfo
{
    OfficeKind kind = OfficeKind::Unknown;
    QString mainPart;
};

std::optional<PackageProblem> inspect(Package &package, PackageInfo *info)
{
    QList<Relationship> relationships;
    if (auto problem = readRelationships(package, {}, &relationships))
        return problem;
    for (const Relationship &relationship : std::as_const(relationships)) {
        if (relationship.type == u"officeDocument") {
            info->mainPart = relationship.target;
            break;
        }
    }
    if (info->mainPart.isEmpty()) {
        for (const QString &conventional : {u"word/document.xml"_s, u"ppt/presentation.xml"_s, u"xl/workbook.xml"_s}) {
            if (package.has(conventional)) {
                info->mainPart = conventional;
                break;
            }
        }
    }
    if (info->mainPart.isEmpty())
        return std::nullopt; // a ZIP, but not an Office document
    const QString contentType = contentTypeOf(package, info->mainPart);
    if (contentType.contains(u"wordprocessingml") || contentType.contains(u"ms-word"))
        info->kind = OfficeKind::Word;
    else if (contentType.contains(u"presentationml") || contentType.contains(u"ms-powerpoint"))
        info->kind = OfficeKind::Presentation;
    else if (contentType.contains(u"spreadsheetml") || contentType.contains(u"ms-excel"))
        info->kind = OfficeKind::Spreadsheet;
    else if (info->mainPart.startsWith(u"word/"))
        info->kind = OfficeKind::Word;
    else if (info->mainPart.startsWith(u"ppt/"))
        info->kind = OfficeKind::Presentation;
    else if (info->mainPart.startsWith(u"xl/"))
        info->kind = OfficeKind::Spreadsheet;
    return std::nullopt;
}

QString documentNoun(OfficeDocument kind)
{
    return kind == OfficeDocument::Word ? u"Word document"_s : u"PowerPoint presentation"_s;
}

QString application(OfficeDocument kind)
{
    return kind == OfficeDocument::Word ? u"Word"_s : u"PowerPoint"_s;
}

ExtractionError errorFor(const PackageProblem &problem, const QString &fileName, OfficeDocument kind,
                         const Deadline &deadline)
{
    const QString name = quotedName(fileName);
    switch (problem.kind) {
    case PackageProblem::Damaged:
        if (problem.part.isEmpty())
            return invalidFile(u"%1 is damaged: it is not a readable ZIP package (%2); save it again from %3"_s.arg(
                name, problem.detail, application(kind)));
        return invalidFile(u"%1 is damaged: its part %2 cannot be read (%3); save it again from %4"_s.arg(
            name, problem.part, problem.detail, application(kind)));
    case PackageProblem::Encrypted:
        return invalidFile(u"%1 is password-protected; remove the password and upload it again"_s.arg(name));
    case PackageProblem::TooLarge:
        return invalidFile(u"%1 expands to more than 1 GiB of XML (%2), more than a document holds; it may be a "
                           u"ZIP bomb, or split it into smaller files"_s.arg(name, problem.part));
    case PackageProblem::Missing:
        return invalidFile(u"%1 is not a valid %2 (%3 is missing); save it again from %4"_s.arg(
            name, documentNoun(kind), problem.part, application(kind)));
    case PackageProblem::Xml:
        return invalidFile(u"%1 is damaged: %2 is not well-formed XML (%3); save it again from %4"_s.arg(
            name, problem.part, problem.detail, application(kind)));
    case PackageProblem::Refused:
        return invalidFile(u"%1 was refused: its part %2 is not what %3 writes (%4); save it again from %3"_s.arg(
            name, problem.part, application(kind), problem.detail));
    case PackageProblem::TimedOut:
        return deadline.error(fileName);
    case PackageProblem::Memory:
        return serverError(u"Out of memory while reading %1"_s.arg(name));
    case PackageProblem::Cancelled:
        return cancelled(fileName);
    }
    return serverError(u"Unexpected failure while reading %1"_s.arg(name));
}

std::optional<ExtractionError> openAndInspect(Package &package, const QString &path, const QString &fileName,
                                              OfficeDocument declared, PackageInfo *info)
{
    if (auto problem = package.open(path))
        return errorFor(*problem, fileName, declared, package.deadline());
    if (auto problem = inspect(package, info))
        return errorFor(*problem, fileName, declared, package.deadline());
    const QString name = quotedName(fileName);
    switch (info->kind) {
    case OfficeKind::Word:
        if (declared == OfficeDocument::Presentation)
            return invalidFile(u"%1 is a Word document, not a PowerPoint presentation; rename it to .docx"_s.arg(name));
        break;
    case OfficeKind::Presentation:
        if (declared == OfficeDocument::Word)
            return invalidFile(u"%1 is a PowerPoint presentation, not a Word document; rename it to .pptx"_s.arg(name));
        break;
    case OfficeKind::Spreadsheet:
        return unsupportedFile(u"%1 is an Excel workbook; file search cannot read spreadsheets; export the sheets as "
                               u"CSV text or PDF"_s.arg(name));
    case OfficeKind::Unknown:
        return invalidFile(u"%1 is not a valid %2: it is a ZIP archive without %3"_s.arg(
            name, documentNoun(declared),
            declared == OfficeDocument::Word ? u"word/document.xml"_s : u"ppt/presentation.xml"_s));
    }
    if (!package.has(info->mainPart))
        return errorFor({PackageProblem::Missing, info->mainPart, {}}, fileName, declared, package.deadline());
    return std::nullopt;
}

// --- DOCX ---------------------------------------------------------------------------------

// w:t text; w:tab, w:br, w:cr, w:noBreakHyphen inside runs; a line per paragraph. Deleted text
// (w:delText), field codes (w:instrText) and the fallback copy of text boxes (mc:Fallback) are
// not text of the document.
class WordText
{
public:
    explicit WordText(TextAssembler &out)
        : m_out(out)
    { }

    bool operator()(const QXmlStreamReader &xml)
    {
        switch (xml.tokenType()) {
        case QXmlStreamReader::StartElement:
            if (m_skip > 0 || (xml.namespaceUri() == kMcNs && xml.name() == u"Fallback")) {
                ++m_skip;
            } else if (isOneOf(xml.namespaceUri(), kWordNs)) {
                const QStringView name = xml.name();
                if (name == u"t") {
                    m_inText = true;
                } else if (name == u"r") {
                    ++m_runDepth;
                } else if (m_runDepth > 0) {
                    if (name == u"tab" || name == u"ptab")
                        m_out.tab();
                    else if (name == u"br" || name == u"cr")
                        m_out.lineBreak();
                    else if (name == u"noBreakHyphen")
                        return m_out.text("-");
                }
            }
            return true;
        case QXmlStreamReader::EndElement:
            if (m_skip > 0) {
                --m_skip;
            } else if (isOneOf(xml.namespaceUri(), kWordNs)) {
                const QStringView name = xml.name();
                if (name == u"t")
                    m_inText = false;
                else if (name == u"r")
                    m_runDepth = std::max(0, m_runDepth - 1);
                else if (name == u"p")
                    m_out.newlines(1);
            }
            return true;
        case QXmlStreamReader::Characters:
            if (m_inText && m_skip == 0)
                return m_out.text(xml.text().toUtf8());
            return true;
        default:
            return true;
        }
    }

private:
    TextAssembler &m_out;
    int m_skip = 0;
    int m_runDepth = 0;
    bool m_inText = false;
};

std::optional<PackageProblem> wordText(Package &package, const PackageInfo &info, TextAssembler &out)
{
    QStringList parts{info.mainPart};
    QList<Relationship> relationships;
    if (auto problem = readRelationships(package, info.mainPart, &relationships))
        return problem;
    // Footnotes and endnotes follow the body; headers, footers and comments are left out
    // (docs/extraction.md).
    // Each part once, however often the relationships name it.
    for (const QString &type : {u"footnotes"_s, u"endnotes"_s}) {
        for (const Relationship &relationship : std::as_const(relationships)) {
            if (relationship.type == type && !parts.contains(relationship.target, Qt::CaseInsensitive)
                && package.has(relationship.target))
                parts << relationship.target;
        }
    }
    for (const QString &part : std::as_const(parts)) {
        out.newlines(2);
        WordText handler(out);
        if (auto problem = parseXmlPart(package, part, std::ref(handler)))
            return problem;
    }
    return std::nullopt;
}

// --- PPTX ---------------------------------------------------------------------------------

class SlideText
{
public:
    explicit SlideText(TextAssembler &out)
        : m_out(out)
    { }

    bool operator()(const QXmlStreamReader &xml)
    {
        switch (xml.tokenType()) {
        case QXmlStreamReader::StartElement:
            if (m_skip > 0 || (xml.namespaceUri() == kMcNs && xml.name() == u"Fallback")) {
                ++m_skip;
            } else if (isOneOf(xml.namespaceUri(), kDrawingNs)) {
                if (xml.name() == u"t")
                    m_inText = true;
                else if (xml.name() == u"br")
                    m_out.lineBreak();
            }
            return true;
        case QXmlStreamReader::EndElement:
            if (m_skip > 0) {
                --m_skip;
            } else if (isOneOf(xml.namespaceUri(), kDrawingNs)) {
                if (xml.name() == u"t")
                    m_inText = false;
                else if (xml.name() == u"p")
                    m_out.newlines(1);
            }
            return true;
        case QXmlStreamReader::Characters:
            if (m_inText && m_skip == 0)
                return m_out.text(xml.text().toUtf8());
            return true;
        default:
            return true;
        }
    }

private:
    TextAssembler &m_out;
    int m_skip = 0;
    bool m_inText = false;
};

// The slides in the order the presentation shows them (p:sldIdLst); when that list is missing,
// the slide parts in the order of their numbers (slide2 before slide10).
std::optional<PackageProblem> slideParts(Package &package, const PackageInfo &info, QStringList *slides)
{
    QStringList ids;
    auto problem = parseXmlPart(package, info.mainPart, [&ids](const QXmlStreamReader &xml) {
        if (xml.isStartElement() && xml.name() == u"sldId" && isOneOf(xml.namespaceUri(), kPresentationNs)) {
            for (QStringView ns : kRelationshipAttrNs) {
                const QStringView id = xml.attributes().value(ns.toString(), u"id"_s);
                if (!id.isEmpty())
                    ids << id.toString();
            }
        }
        return true;
    });
    if (problem)
        return problem;
    QList<Relationship> relationships;
    if (auto relsProblem = readRelationships(package, info.mainPart, &relationships))
        return relsProblem;
    QHash<QString, QString> targets;
    for (const Relationship &relationship : std::as_const(relationships))
        targets.insert(relationship.id, relationship.target);
    // A slide listed again (200,000 times in a crafted file) is read once: PowerPoint never
    // repeats a slide, and reading it again would only repeat its text.
    QSet<QString> listed;
    for (const QString &id : std::as_const(ids)) {
        const QString target = targets.value(id);
        if (target.isEmpty() || listed.contains(target.toLower()))
            continue;
        if (!package.has(target))
            return PackageProblem{PackageProblem::Missing, target, {}};
        listed.insert(target.toLower());
        *slides << target;
    }
    if (!slides->isEmpty())
        return std::nullopt;

    const QString folder = info.mainPart.left(info.mainPart.lastIndexOf(u'/') + 1) + u"slides/"_s;
    static const QRegularExpression slideName(u"^slide(\\d+)\\.xml$"_s, QRegularExpression::CaseInsensitiveOption);
    std::map<qint64, QString> numbered;
    for (const QString &name : package.names()) {
        if (!name.startsWith(folder, Qt::CaseInsensitive))
            continue;
        const QRegularExpressionMatch match = slideName.match(QStringView(name).mid(folder.size()));
        if (match.hasMatch())
            numbered.emplace(match.captured(1).toLongLong(), name);
    }
    for (const auto &[number, name] : numbered)
        *slides << name;
    return std::nullopt;
}

std::optional<PackageProblem> presentationText(Package &package, const PackageInfo &info, TextAssembler &out)
{
    QStringList slides;
    if (auto problem = slideParts(package, info, &slides))
        return problem;
    for (const QString &slide : std::as_const(slides)) {
        out.newlines(2); // slides are separated by a blank line
        SlideText handler(out);
        if (auto problem = parseXmlPart(package, slide, std::ref(handler)))
            return problem;
    }
    return std::nullopt;
}

} // namespace

std::optional<ExtractionError> checkOoxmlPackage(const QString &path, const QString &fileName, OfficeDocument declared)
{
    const Deadline unlimited = Deadline::none(); // detection reads bounded parts only
    Package package(unlimited);
    PackageInfo info;
    return openAndInspect(package, path, fileName, declared, &info);
}

std::optional<ExtractionError> extractOoxmlText(const QString &path, const QString &fileName, OfficeDocument declared,
                                                const Deadline &deadline, TextAssembler &out)
{
    Package package(deadline);
    PackageInfo info;
    if (auto error = openAndInspect(package, path, fileName, declared, &info))
        return error;
    const auto problem =
        declared == OfficeDocument::Word ? wordText(package, info, out) : presentationText(package, info, out);
    if (problem)
        return errorFor(*problem, fileName, declared, package.deadline());
    return std::nullopt;
}

} // namespace vd::engine::extract
