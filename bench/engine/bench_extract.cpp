// Extraction of hostile files (issue #13; docs/extraction.md "Hostile input"; figures in
// docs/benchmarks.md): generates each file in a temporary folder, extracts it once through the
// public extractText() and prints the wall time, the peak RSS growth and the outcome.
//
//   bench_extract [--mb N]     N MiB of hostile payload per file (default 64)
//   bench_extract --only NAME  one case (docx-comment, docx-pi, docx-cdata, docx-nesting,
//                              docx-text-run, pptx-repeated-slide, html-comment, json-nesting)

#include "core/engine/extract/extractor.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>

#include <cstdio>
#include <functional>
#include <zip.h>

using namespace Qt::StringLiterals;

namespace {

const QByteArray kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

class CountingSink final : public vd::engine::TextSink
{
public:
    bool append(QByteArrayView utf8) override
    {
        bytes += utf8.size();
        return true;
    }
    qint64 bytes = 0;
};

// Parts are given as generators so a large part is built once and freed after zipping.
bool writeZip(const QString &path, const QList<std::pair<QByteArray, std::function<QByteArray()>>> &parts)
{
    int code = 0;
    zip_t *archive = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive)
        return false;
    QList<QByteArray> keep; // libzip reads the buffers at zip_close
    for (const auto &[name, make] : parts) {
        keep << make();
        zip_source_t *source =
            zip_source_buffer(archive, keep.constLast().constData(), zip_uint64_t(keep.constLast().size()), 0);
        if (!source || zip_file_add(archive, name.constData(), source, ZIP_FL_OVERWRITE) < 0) {
            zip_discard(archive);
            return false;
        }
    }
    return zip_close(archive) == 0;
}

QByteArray wordDocument(const QByteArray &inner)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" + kWordNs
        + "\"><w:body><w:p><w:r><w:t>before</w:t></w:r></w:p>" + inner
        + "<w:p><w:r><w:t>after</w:t></w:r></w:p></w:body></w:document>";
}

qint64 statusKiB(const QByteArray &field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    return -1;
}

struct Case
{
    QString name;
    QString fileName;
    std::function<bool(const QString &path, qint64 bytes)> make;
};

QList<Case> cases()
{
    const auto docx = [](const std::function<QByteArray(qint64)> &payload) {
        return [payload](const QString &path, qint64 bytes) {
            return writeZip(path, {{"word/document.xml", [&]() -> QByteArray {
                                        return wordDocument(payload(bytes));
                                    }}});
        };
    };
    const auto file = [](const std::function<QByteArray(qint64)> &payload) {
        return [payload](const QString &path, qint64 bytes) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(payload(bytes)) > 0;
        };
    };
    QList<Case> list;
    list << Case{u"docx-comment"_s, u"comment.docx"_s,
                 docx([](qint64 n) -> QByteArray { return "<!--" + QByteArray(n, 'a') + "-->"; })};
    list << Case{u"docx-pi"_s, u"pi.docx"_s,
                 docx([](qint64 n) -> QByteArray { return "<?pi " + QByteArray(n, 'a') + "?>"; })};
    list << Case{u"docx-cdata"_s, u"cdata.docx"_s,
                 docx([](qint64 n) -> QByteArray { return "<w:x><![CDATA[" + QByteArray(n, 'a') + "]]></w:x>"; })};
    list << Case{u"docx-nesting"_s, u"nesting.docx"_s,
                 docx([](qint64 n) -> QByteArray { return QByteArray("<w:x>").repeated(n / 5); })};
    list << Case{u"docx-text-run"_s, u"run.docx"_s, docx([](qint64 n) -> QByteArray {
                     return "<w:p><w:r><w:t>" + QByteArray(n, 'a') + "</w:t></w:r></w:p>";
                 })};
    list << Case{u"pptx-repeated-slide"_s, u"repeated.pptx"_s, [](const QString &path, qint64 bytes) {
                     const QByteArray pns = "http://schemas.openxmlformats.org/presentationml/2006/main";
                     const QByteArray rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
                     const qint64 entries = std::max<qint64>(1, bytes / 320); // 200,000 at 64 MiB
                     return writeZip(
                         path,
                         {{"ppt/presentation.xml",
                           [&]() -> QByteArray {
                               QByteArray ids;
                               for (qint64 i = 0; i < entries; ++i)
                                   ids += "<p:sldId id=\"" + QByteArray::number(256 + i) + "\" r:id=\"rId2\"/>";
                               return "<?xml version=\"1.0\"?><p:presentation xmlns:p=\"" + pns + "\" xmlns:r=\"" + rns
                                   + "\"><p:sldIdLst>" + ids + "</p:sldIdLst></p:presentation>";
                           }},
                          {"ppt/_rels/presentation.xml.rels",
                           [&]() -> QByteArray {
                               return "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats."
                                      "org/package/2006/relationships\"><Relationship Id=\"rId2\" Type=\""
                                   + rns + "/slide\" Target=\"slides/slide1.xml\"/></Relationships>";
                           }},
                          {"ppt/slides/slide1.xml", [&]() -> QByteArray {
                               return "<?xml version=\"1.0\"?><p:sld xmlns:p=\"" + pns
                                   + "\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><p:cSld>"
                                     "<p:spTree><p:sp><p:txBody><a:p><a:r><a:t>slide</a:t></a:r></a:p>"
                                   + QByteArray(4000, ' ') + "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>";
                           }}});
                 }};
    list << Case{u"html-comment"_s, u"comment.html"_s, file([](qint64 n) -> QByteArray {
                     return "<p>before</p><!--" + QByteArray(n, 'a') + "--><p>after</p>";
                 })};
    list << Case{u"json-nesting"_s, u"nesting.json"_s, file([](qint64 n) -> QByteArray { return QByteArray(n, '['); })};
    return list;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    qint64 mib = 64;
    QString only;
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--mb"_s && i + 1 < args.size())
            mib = args[++i].toLongLong();
        else if (args[i] == u"--only"_s && i + 1 < args.size())
            only = args[++i];
    }
    QTemporaryDir dir;
    QTextStream out(stdout);
    out << u"case                 payload   time      peak RSS +   outcome\n"_s;
    for (const Case &c : cases()) {
        if (!only.isEmpty() && c.name != only)
            continue;
        const QString path = dir.filePath(c.fileName);
        if (!c.make(path, mib * 1024 * 1024)) {
            out << c.name << u": cannot write the file\n"_s;
            return 1;
        }
        QFile clearRefs(u"/proc/self/clear_refs"_s);
        if (clearRefs.open(QIODevice::WriteOnly))
            clearRefs.write("5");
        clearRefs.close();
        const qint64 before = statusKiB("VmRSS");
        CountingSink sink;
        QElapsedTimer timer;
        timer.start();
        const auto error = vd::engine::extractText(path, c.fileName, sink);
        const qint64 ms = timer.elapsed();
        const qint64 peak = statusKiB("VmHWM") - before;
        const QString outcome =
            error ? error->code + u": "_s + error->message.left(110) : u"ok, %1 bytes of text"_s.arg(sink.bytes);
        out << QString(c.name).leftJustified(20) << u' ' << QString::number(mib).rightJustified(4) << u" MiB "_s
            << QString::number(double(ms) / 1000, 'f', 2).rightJustified(7) << u" s "_s
            << QString::number(peak / 1024).rightJustified(7) << u" MiB   "_s << outcome << u'\n';
        out.flush();
        QFile::remove(path);
    }
    return 0;
}
