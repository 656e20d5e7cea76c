// Type detection and text extraction (docs/extraction.md): every rule on real files, made here
// in a temporary directory or committed under data/ (data/make-fixtures.py).

#include "core/domain/filetypes.h"
#include "core/engine/extract/extractor.h"
#include "core/engine/extract/htmltotext.h"
#include "core/engine/extract/jsonvalidator.h"
#include "core/engine/extract/textdecoder.h"
#include "core/engine/extract/textoutput.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <zip.h>

using namespace Qt::StringLiterals;
using vd::engine::ExtractionError;
using vd::engine::ExtractionInfo;
using vd::engine::kExtractBlockSize;

namespace {

const QString kDataDir = QStringLiteral(VECTORDESK_EXTRACT_DATA_DIR);

// Keeps what it is given and checks the TextSink contract on every block.
class CollectingSink final : public vd::engine::TextSink
{
public:
    bool append(QByteArrayView utf8) override
    {
        ++blocks;
        total += utf8.size();
        maxBlock = std::max(maxBlock, utf8.size());
        if (!utf8.isValidUtf8())
            allBlocksValidUtf8 = false;
        if (utf8.isEmpty())
            emptyBlocks = true;
        hash.addData(utf8);
        if (keep)
            text.append(utf8);
        return cancelAfterBlocks < 0 || blocks < cancelAfterBlocks;
    }

    QByteArray text;
    QCryptographicHash hash{QCryptographicHash::Sha256};
    qint64 total = 0;
    qsizetype maxBlock = 0;
    int blocks = 0;
    int cancelAfterBlocks = -1;
    bool keep = true;
    bool allBlocksValidUtf8 = true;
    bool emptyBlocks = false;
};

struct Outcome
{
    std::optional<ExtractionError> error;
    QByteArray text;
    ExtractionInfo info;
};

Outcome extract(const QString &path, const QString &fileName)
{
    CollectingSink sink;
    Outcome outcome;
    outcome.error = vd::engine::extractText(path, fileName, sink, &outcome.info);
    outcome.text = sink.text;
    return outcome;
}

QByteArray fixture(const QString &name)
{
    QFile file(kDataDir + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

QByteArray utf16(const QString &text, bool bigEndian, bool bom = true)
{
    QByteArray out;
    if (bom)
        out = bigEndian ? QByteArray("\xFE\xFF") : QByteArray("\xFF\xFE");
    for (QChar c : text) {
        const char16_t unit = c.unicode();
        const char high = char(unit >> 8);
        const char low = char(unit & 0xFF);
        out.append(bigEndian ? high : low);
        out.append(bigEndian ? low : high);
    }
    return out;
}

// A real 1x1 PNG: signature, IHDR and IEND chunks.
QByteArray pngImage()
{
    return QByteArray::fromHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                               "1f15c4890000000d49444154789c6300010000050001"
                               "0d0a2db40000000049454e44ae426082");
}

// An empty gzip member.
QByteArray gzipData()
{
    return QByteArray::fromHex("1f8b0800000000000003030000000000000000");
}

qint64 statusKiB(const QByteArray &field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Resets the process's peak RSS (VmHWM) so a test can measure its own peak.
bool resetPeakRss()
{
    QFile clearRefs(u"/proc/self/clear_refs"_s);
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

} // namespace

class TestExtract : public QObject
{
    Q_OBJECT

private:
    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(u"%1-%2"_s.arg(++m_counter).arg(name));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QTemporaryDir m_dir;
    int m_counter = 0;

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void textIsExtracted_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QString>("format");

        const QByteArray unicode = u"Zürich – 東京 – 🙂\n"_s.toUtf8();
        QTest::newRow("ASCII text is kept byte for byte")
            << u"notes.txt"_s << QByteArray("Hello world.\nSecond line.\n")
            << QByteArray("Hello world.\nSecond line.\n") << u"text"_s;
        QTest::newRow("UTF-8 text is kept byte for byte") << u"notes.txt"_s << unicode << unicode << u"text"_s;
        QTest::newRow("a UTF-8 BOM is dropped")
            << u"bom.txt"_s << QByteArray(QByteArray("\xEF\xBB\xBF") + unicode) << unicode << u"text"_s;
        QTest::newRow("UTF-16 LE with BOM becomes UTF-8")
            << u"le.txt"_s << utf16(u"Zürich – 東京 – 🙂\n"_s, false) << unicode << u"text"_s;
        QTest::newRow("UTF-16 BE with BOM becomes UTF-8")
            << u"be.txt"_s << utf16(u"Zürich – 東京 – 🙂\n"_s, true) << unicode << u"text"_s;
        QTest::newRow("CRLF line endings are kept as they are")
            << u"dos.txt"_s << QByteArray("one\r\ntwo\r\n") << QByteArray("one\r\ntwo\r\n") << u"text"_s;
        QTest::newRow("a file without a final newline stays so")
            << u"short.txt"_s << QByteArray("x") << QByteArray("x") << u"text"_s;
        QTest::newRow("Markdown is read as text") << u"README.md"_s << QByteArray("# Title\n\n*bold* `code`\n")
                                                  << QByteArray("# Title\n\n*bold* `code`\n") << u"markdown"_s;
        QTest::newRow("an upper-case extension counts")
            << u"NOTES.TXT"_s << QByteArray("upper\n") << QByteArray("upper\n") << u"text"_s;
        QTest::newRow("a shell script with a shebang is text")
            << u"run.sh"_s << QByteArray("#!/bin/sh\necho hi\n") << QByteArray("#!/bin/sh\necho hi\n") << u"text"_s;
        QTest::newRow("JSON is kept as written")
            << u"data.json"_s << QByteArray("{\"a\": [1, -2.5e3, true, false, null, \"\\u00e9\\n\"], \"b\": {}}\n")
            << QByteArray("{\"a\": [1, -2.5e3, true, false, null, \"\\u00e9\\n\"], \"b\": {}}\n") << u"json"_s;
        QTest::newRow("a JSON scalar is a JSON document")
            << u"n.json"_s << QByteArray(" 42 ") << QByteArray(" 42 ") << u"json"_s;
        for (const char *extension : {"c", "cpp", "cs", "css", "go", "java", "js", "php", "py", "rb", "tex", "ts"}) {
            const QByteArray source = "// source\nint main() { return 0; }\n";
            QTest::addRow("a .%s source file is read as text", extension)
                << QString(u"source."_s + QLatin1StringView(extension)) << source << source << u"text"_s;
        }
    }

    void textIsExtracted()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, expected);
        QFETCH(QString, format);

        const QString path = write(u"file.bin"_s, content);
        QString mimeType;
        const auto detected = vd::engine::detectType(path, fileName, &mimeType);
        QVERIFY2(!detected, qPrintable(detected ? detected->message : QString()));
        QCOMPARE(mimeType, vd::FileTypes::mimeTypeFor(vd::FileTypes::extensionOf(fileName)));

        const Outcome outcome = extract(path, fileName);
        QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.text, expected);
        QCOMPARE(outcome.info.format, format);
        QCOMPARE(outcome.info.detectedMimeType, mimeType);
        QCOMPARE(outcome.info.bytesOut, qint64(expected.size()));
    }

    void refused_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("fragments");
        // Whether detectType() already refuses it (otherwise only a full read finds the problem).
        QTest::addColumn<bool>("early");

        const QString invalid = ExtractionError::InvalidFile.toString();
        const QString unsupported = ExtractionError::UnsupportedFile.toString();

        // Encodings
        QTest::newRow("Latin-1 text is refused at its first non-UTF-8 byte")
            << u"latin1.txt"_s << QByteArray(QByteArray(1234, 'a') + "\xE9t\xE9\n") << invalid
            << QStringList{u"'latin1.txt' is not UTF-8, UTF-16 (with BOM) or ASCII text: invalid byte 0xE9 at "
                           u"offset 1234; convert it to UTF-8"_s}
            << true;
        QTest::newRow("Latin-1 beyond the first 64 KiB is found while extracting")
            << u"late.txt"_s << QByteArray(QByteArray(200000, 'a') + "\xE9t\xE9\n") << invalid
            << QStringList{u"invalid byte 0xE9 at offset 200000"_s} << false;
        QTest::newRow("UTF-8 that ends inside a character is refused")
            << u"cut.txt"_s << QByteArray("abc\xE2\x82") << invalid
            << QStringList{u"it ends inside a character (byte 0xE2 at offset 3)"_s} << true;
        QTest::newRow("an overlong UTF-8 encoding is refused")
            << u"overlong.txt"_s << QByteArray("a\xC0\xAF") << invalid
            << QStringList{u"invalid byte 0xC0 at offset 1"_s} << true;
        QTest::newRow("a UTF-8 encoded surrogate is refused")
            << u"surrogate.txt"_s << QByteArray("ab\xED\xA0\x80") << invalid
            << QStringList{u"invalid byte 0xED at offset 2"_s} << true;
        QTest::newRow("a NUL byte makes a text file binary")
            << u"nul.txt"_s << QByteArray("some text\0more text", 19) << invalid
            << QStringList{u"'nul.txt' is not text: it contains a NUL byte at offset 9, so it is binary data"_s}
            << true;
        QTest::newRow("UTF-16 without a BOM is refused with a hint")
            << u"nobom.txt"_s << utf16(u"Hello world, this is UTF-16 text.\n"_s, false, false) << invalid
            << QStringList{u"looks like UTF-16 text without a byte-order mark"_s, u"save it as UTF-8"_s} << true;
        QTest::newRow("an unpaired UTF-16 surrogate is refused")
            << u"pair.txt"_s
            << QByteArray("\xFF\xFE"
                          "a\0\x00\xD8"
                          "b\0",
                          8)
            << invalid << QStringList{u"unpaired surrogate 0xD800 at offset 4"_s} << true;
        QTest::newRow("UTF-16 with an odd number of bytes is refused")
            << u"odd.txt"_s
            << QByteArray("\xFF\xFE"
                          "a\0b",
                          5)
            << invalid << QStringList{u"is not valid UTF-16 text: it ends inside a character (offset 4)"_s} << true;

        // Empty
        QTest::newRow("an empty file is invalid")
            << u"empty.txt"_s << QByteArray() << invalid << QStringList{u"'empty.txt' is empty (0 bytes)"_s} << true;
        QTest::newRow("a file of whitespace has no text")
            << u"blank.md"_s << QByteArray(" \n\t\r\n  ") << invalid
            << QStringList{u"'blank.md' contains no text (only whitespace)"_s} << false;
        QTest::newRow("HTML with only scripts and styles has no text")
            << u"empty.html"_s
            << QByteArray("<html><head><style>p{}</style><script>var a = '<b>x</b>';</script></head><body> "
                          "<!-- nothing --> </body></html>")
            << invalid << QStringList{u"contains no text (only markup, scripts or styles)"_s} << false;
        QTest::newRow("a JSON file of whitespace has no text")
            << u"blank.json"_s << QByteArray("\n \n") << invalid << QStringList{u"contains no text"_s} << false;

        // Types
        QTest::newRow("a PNG renamed .txt is an unsupported image")
            << u"photo.txt"_s << pngImage() << unsupported
            << QStringList{u"'photo.txt' looks like a PNG image (image/png), not text; file search cannot read "
                           u"images"_s}
            << true;
        QTest::newRow("a PNG renamed .pdf is an unsupported image")
            << u"scan.pdf"_s << pngImage() << unsupported
            << QStringList{u"looks like a PNG image (image/png), not a PDF document"_s} << true;
        QTest::newRow("a gzip file named .md is an unsupported archive")
            << u"notes.md"_s << gzipData() << unsupported
            << QStringList{u"looks like a gzip archive (application/gzip), not text; file search cannot read "
                           u"archives"_s}
            << true;
        QTest::newRow("binary garbage named .txt is invalid")
            << u"garbage.txt"_s << QByteArray::fromHex("9c8f00ff13e7aa01b2c3d4e5f6") << invalid
            << QStringList{u"'garbage.txt' is not"_s} << true;
        QTest::newRow("a type file search does not read is unsupported")
            << u"table.xlsx"_s << QByteArray("x") << unsupported
            << QStringList{u"'table.xlsx': file search does not support .xlsx files"_s,
                           u"supported types: c, cpp, cs, css, doc, docx"_s}
            << true;
        QTest::newRow("a name without an extension is unsupported")
            << u"Makefile"_s << QByteArray("all:\n") << unsupported
            << QStringList{u"'Makefile' has no file extension"_s} << true;
        QTest::newRow("a legacy .doc is refused with what to do")
            << u"minutes.doc"_s << fixture(u"legacy-word.doc"_s) << unsupported
            << QStringList{u"legacy Word 97-2003 (.doc)"_s, u"save it as .docx"_s} << true;
        QTest::newRow("a PDF named .txt must be renamed")
            << u"report.txt"_s << fixture(u"sample.pdf"_s) << invalid
            << QStringList{u"'report.txt' looks like a PDF document (application/pdf), not text; rename it to .pdf"_s}
            << true;
        QTest::newRow("text named .pdf is not a PDF")
            << u"report.pdf"_s << QByteArray("Just some text\n") << invalid
            << QStringList{u"'report.pdf' contains plain text, not a PDF document"_s} << true;
        QTest::newRow("text named .docx is not a Word document")
            << u"letter.docx"_s << QByteArray("Dear all,\n") << invalid
            << QStringList{u"contains plain text, not a Word document"_s} << true;

        // JSON
        QTest::newRow("invalid JSON names the line and column")
            << u"bad.json"_s << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << invalid
            << QStringList{u"'bad.json' is not valid JSON: expected ',' or '}' but found character '\"' at line 3, "
                           u"column 3 (byte 13)"_s}
            << false;
        QTest::newRow("JSON Lines in a .json file is refused")
            << u"lines.json"_s << QByteArray("{\"a\":1}\n{\"a\":2}\n") << invalid
            << QStringList{u"JSON Lines is not supported"_s, u"line 2, column 1"_s} << false;
        QTest::newRow("truncated JSON is refused")
            << u"cut.json"_s << QByteArray("[1, 2") << invalid
            << QStringList{u"ends before the JSON value is complete (an array still open)"_s} << false;
        QTest::newRow("a bad escape in JSON is refused") << u"escape.json"_s << QByteArray("[\"a\\qb\"]") << invalid
                                                         << QStringList{u"invalid escape '\\q'"_s} << false;
        QTest::newRow("a leading zero in a JSON number is refused")
            << u"zero.json"_s << QByteArray("[012]") << invalid << QStringList{u"leading zero"_s} << false;
        QTest::newRow("a raw newline inside a JSON string is refused")
            << u"newline.json"_s << QByteArray("[\"a\nb\"]") << invalid
            << QStringList{u"control character U+000A inside a string"_s} << false;

        // PDF
        QTest::newRow("a password-protected PDF is refused")
            << u"secret.pdf"_s << fixture(u"encrypted.pdf"_s) << invalid
            << QStringList{u"'secret.pdf' is password-protected; remove the password and upload it again"_s} << false;
        QTest::newRow("a damaged PDF is refused") << u"broken.pdf"_s << fixture(u"damaged.pdf"_s) << invalid
                                                  << QStringList{u"'broken.pdf' is damaged"_s} << false;
        QTest::newRow("a PDF without text (a scan) is refused")
            << u"scan.pdf"_s << fixture(u"no-text.pdf"_s) << invalid
            << QStringList{u"'scan.pdf' contains no text"_s, u"run OCR on it first"_s} << false;

        // DOCX and PPTX
        QTest::newRow("a password-protected DOCX is refused")
            << u"secret.docx"_s << fixture(u"encrypted.docx"_s) << invalid
            << QStringList{u"'secret.docx' is password-protected"_s} << true;
        QTest::newRow("a password-protected PPTX is refused")
            << u"secret.pptx"_s << fixture(u"encrypted.docx"_s) << invalid
            << QStringList{u"'secret.pptx' is password-protected; remove the password in PowerPoint"_s} << true;
        QTest::newRow("a Word 97-2003 file named .docx must be saved again")
            << u"old.docx"_s << fixture(u"legacy-word.doc"_s) << invalid
            << QStringList{u"'old.docx' is a Word 97-2003 document in the old binary format with a .docx name; "
                           u"open it in Word and save it as .docx"_s}
            << true;
        QTest::newRow("a ZIP that is not a Word document is refused")
            << u"archive.docx"_s << fixture(u"plain-zip.docx"_s) << invalid
            << QStringList{u"'archive.docx' is not a valid Word document: it is a ZIP archive without "
                           u"word/document.xml"_s}
            << true;
        QTest::newRow("a DOCX without its main part is refused")
            << u"hollow.docx"_s << fixture(u"missing-part.docx"_s) << invalid
            << QStringList{u"(word/document.xml is missing)"_s} << true;
        QTest::newRow("a DOCX with malformed XML is refused")
            << u"bad.docx"_s << fixture(u"bad-xml.docx"_s) << invalid
            << QStringList{u"'bad.docx' is damaged: word/document.xml is not well-formed XML (line 2"_s} << false;
        QTest::newRow("a PPTX named .docx must be renamed")
            << u"deck.docx"_s << fixture(u"sample.pptx"_s) << invalid
            << QStringList{u"'deck.docx' is a PowerPoint presentation, not a Word document; rename it to .pptx"_s}
            << true;
        QTest::newRow("a DOCX named .pptx must be renamed")
            << u"doc.pptx"_s << fixture(u"sample.docx"_s) << invalid
            << QStringList{u"'doc.pptx' is a Word document, not a PowerPoint presentation; rename it to .docx"_s}
            << true;
        const QByteArray docx = fixture(u"sample.docx"_s);
        QTest::newRow("a truncated DOCX is damaged")
            << u"cut.docx"_s << docx.left(docx.size() / 2) << invalid
            << QStringList{u"'cut.docx' is damaged: it is not a readable ZIP package"_s} << true;
    }

    void refused()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, code);
        QFETCH(QStringList, fragments);
        QFETCH(bool, early);

        const QString path = write(u"file.bin"_s, content);
        const Outcome outcome = extract(path, fileName);
        QVERIFY2(outcome.error, outcome.text.constData());
        QCOMPARE(outcome.error->code, code);
        for (const QString &fragment : std::as_const(fragments))
            QVERIFY2(outcome.error->message.contains(fragment), qPrintable(outcome.error->message));

        const auto detected = vd::engine::detectType(path, fileName);
        if (early) {
            QVERIFY2(detected, "detectType() accepted it");
            QCOMPARE(detected->code, outcome.error->code);
            QCOMPARE(detected->message, outcome.error->message);
        } else {
            QVERIFY2(!detected, qPrintable(detected ? detected->message : QString()));
        }
    }

    void detectTypeReportsWhatTheContentIs_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("mimeType");

        QTest::newRow("an accepted file gets the MIME type OpenAI lists")
            << u"script.py"_s << QByteArray("print('hi')\n") << u"text/x-python"_s;
        QTest::newRow("an accepted PDF") << u"a.pdf"_s << fixture(u"sample.pdf"_s) << u"application/pdf"_s;
        QTest::newRow("a refused file gets what it looks like") << u"a.txt"_s << pngImage() << u"image/png"_s;
        QTest::newRow("an encrypted Office file")
            << u"a.docx"_s << fixture(u"encrypted.docx"_s) << u"application/encrypted"_s;
    }

    void detectTypeReportsWhatTheContentIs()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, mimeType);
        QString detected;
        vd::engine::detectType(write(u"f"_s, content), fileName, &detected);
        QCOMPARE(detected, mimeType);
    }

    void charactersStraddlingReadBlocks_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QByteArray>("expected");

        const QByteArray tail = u" and the rest: ünïcödé\n"_s.toUtf8();
        QTest::newRow("a 2-byte character straddles the 1 MiB read boundary")
            << QByteArray(QByteArray(kExtractBlockSize - 1, 'a') + "\xC3\xA9" + tail)
            << QByteArray(QByteArray(kExtractBlockSize - 1, 'a') + "\xC3\xA9" + tail);
        QTest::newRow("a 4-byte character straddles the 1 MiB read boundary")
            << QByteArray(QByteArray(kExtractBlockSize - 2, 'a') + "\xF0\x9F\x99\x82" + tail)
            << QByteArray(QByteArray(kExtractBlockSize - 2, 'a') + "\xF0\x9F\x99\x82" + tail);
        QTest::newRow("a 3-byte character straddles the second read boundary")
            << QByteArray(QByteArray(2 * kExtractBlockSize - 1, 'b') + "\xE2\x82\xAC" + tail)
            << QByteArray(QByteArray(2 * kExtractBlockSize - 1, 'b') + "\xE2\x82\xAC" + tail);
        const QString as(kExtractBlockSize / 2 - 2, u'a');
        QTest::newRow("a UTF-16 surrogate pair straddles the 1 MiB read boundary")
            << utf16(as + u"🙂"_s + QString::fromUtf8(tail), false)
            << QByteArray(as.toUtf8() + "\xF0\x9F\x99\x82" + tail);
    }

    void charactersStraddlingReadBlocks()
    {
        QFETCH(QByteArray, content);
        QFETCH(QByteArray, expected);
        CollectingSink sink;
        const auto error = vd::engine::extractText(write(u"big.txt"_s, content), u"big.txt"_s, sink);
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        QVERIFY(sink.text == expected);
        QVERIFY(sink.allBlocksValidUtf8);
        QVERIFY(sink.maxBlock <= kExtractBlockSize);
        QVERIFY(sink.blocks >= int(expected.size() / kExtractBlockSize));
    }

    void decoderIgnoresHowInputIsSplit_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("UTF-8 with every sequence length") << u"aé€🙂z\n東京"_s.toUtf8();
        QTest::newRow("UTF-8 with a BOM") << QByteArray(QByteArray("\xEF\xBB\xBF") + u"é🙂"_s.toUtf8());
        QTest::newRow("UTF-16 LE with surrogates") << utf16(u"aé€🙂z"_s, false);
        QTest::newRow("UTF-16 BE with surrogates") << utf16(u"aé€🙂z"_s, true);
        QTest::newRow("invalid UTF-8 in the middle") << QByteArray("abc\xE2\x28\xA1xyz");
        QTest::newRow("a lone high surrogate at the end") << QByteArray("\xFF\xFE"
                                                                        "a\0\x3D\xD8",
                                                                        6);
        QTest::newRow("a short file of one byte") << QByteArray("q");
    }

    void decoderIgnoresHowInputIsSplit()
    {
        QFETCH(QByteArray, input);
        const auto decode = [&input](qsizetype piece) {
            CollectingSink sink;
            vd::engine::extract::TextDecoder decoder(sink);
            bool ok = true;
            for (qsizetype at = 0; ok && at < input.size(); at += piece)
                ok = decoder.feed(QByteArrayView(input).sliced(at, std::min(piece, input.size() - at)));
            ok = ok && decoder.finish();
            const auto failure = decoder.failure();
            // After a failure the output is discarded, so only its place and kind must agree.
            return std::make_tuple(ok, ok ? sink.text : QByteArray(), failure ? failure->offset : -1,
                                   failure ? int(failure->problem) : -1);
        };
        const auto whole = decode(input.size());
        for (qsizetype piece = 1; piece <= 7; ++piece)
            QCOMPARE(decode(piece), whole);
    }

    void blockWriterNeverSplitsACharacter()
    {
        CollectingSink sink;
        vd::engine::extract::BlockWriter writer(sink, 5);
        const QByteArray text = u"aé€🙂z東京 plain ascii 🙂🙂🙂"_s.toUtf8();
        for (qsizetype at = 0; at < text.size(); at += 3)
            QVERIFY(writer.append(QByteArrayView(text).sliced(at, std::min<qsizetype>(3, text.size() - at))));
        QVERIFY(writer.append(text));
        QVERIFY(writer.finish());
        QCOMPARE(sink.text, text + text);
        QVERIFY(sink.allBlocksValidUtf8);
        QVERIFY(sink.maxBlock <= 5);
        QVERIFY(!sink.emptyBlocks);
        QCOMPARE(writer.bytesOut(), qint64(2 * text.size()));
    }

    void largeLogIsStreamed()
    {
        // 50 MB of log lines, written in pieces so the test itself never holds it.
        const QString path = m_dir.filePath(u"server.log"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCryptographicHash written(QCryptographicHash::Sha256);
        qint64 size = 0;
        QByteArray chunk;
        for (int line = 0; size < 50'000'000; ++line) {
            chunk +=
                "2024-05-01T12:00:00Z INFO request " + QByteArray::number(line) + " served in 12 ms — ünïcödé ok\n";
            if (chunk.size() > 1'000'000) {
                written.addData(chunk);
                size += file.write(chunk);
                chunk.clear();
            }
        }
        written.addData(chunk);
        size += file.write(chunk);
        file.close();

        const bool canMeasure = resetPeakRss();
        const qint64 rssBefore = statusKiB("VmRSS");
        CollectingSink sink;
        sink.keep = false;
        ExtractionInfo info;
        const auto error = vd::engine::extractText(path, u"server.log.txt"_s, sink, &info);
        const qint64 peak = statusKiB("VmHWM");
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        QCOMPARE(sink.total, size);
        QCOMPARE(info.bytesOut, size);
        QCOMPARE(sink.hash.result(), written.result());
        QVERIFY(sink.maxBlock <= kExtractBlockSize);
        QVERIFY(sink.blocks >= int(size / kExtractBlockSize));
        QVERIFY(sink.allBlocksValidUtf8);
        if (!canMeasure)
            QSKIP("cannot reset the peak RSS (/proc/self/clear_refs) here; memory not measured");
        qInfo("50 MB text: peak RSS %lld KiB over the %lld KiB before", peak - rssBefore, rssBefore);
        QVERIFY2(peak - rssBefore < 24 * 1024, "extraction held far more than a few blocks in memory");
    }

    void largeDocxIsStreamed()
    {
        // A DOCX whose document.xml inflates to about 32 MB.
        const int paragraphs = 400'000;
        const QString path = m_dir.filePath(u"big.docx"_s);
        qint64 expectedBytes = 0;
        {
            QByteArray xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas."
                             "openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
            for (int i = 0; i < paragraphs; ++i) {
                const QByteArray text = "Paragraph " + QByteArray::number(i) + " lorem ipsum dolor sit amet.";
                xml += "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>";
                expectedBytes += text.size() + 1;
            }
            xml += "</w:body></w:document>";
            int code = 0;
            zip_t *archive = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
            QVERIFY(archive);
            zip_source_t *source = zip_source_buffer(archive, xml.constData(), zip_uint64_t(xml.size()), 0);
            QVERIFY(zip_file_add(archive, "word/document.xml", source, 0) >= 0);
            QCOMPARE(zip_close(archive), 0);
        }

        const bool canMeasure = resetPeakRss();
        const qint64 rssBefore = statusKiB("VmRSS");
        CollectingSink sink;
        sink.keep = false;
        const auto error = vd::engine::extractText(path, u"big.docx"_s, sink);
        const qint64 peak = statusKiB("VmHWM");
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        QCOMPARE(sink.total, expectedBytes);
        QVERIFY(sink.maxBlock <= kExtractBlockSize);
        if (!canMeasure)
            QSKIP("cannot reset the peak RSS (/proc/self/clear_refs) here; memory not measured");
        qInfo("32 MB document.xml: peak RSS %lld KiB over the %lld KiB before", peak - rssBefore, rssBefore);
        QVERIFY2(peak - rssBefore < 24 * 1024, "the DOCX was not streamed");
    }

    void html_data()
    {
        QTest::addColumn<QByteArray>("html");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("script, style, noscript, template and comments are dropped")
            << QByteArray("<p>Keep</p><script>if (a < b) { document.write('<p>no</p>'); }</script>"
                          "<style>p { color: red }</style><noscript><p>no</p></noscript>"
                          "<template><p>no</p></template><!-- <p>no</p> --><p>this</p>")
            << QByteArray("Keep\n\nthis\n");
        QTest::newRow("block elements start lines, inline elements do not")
            << QByteArray("<h1>Title</h1><p>One <b>bold</b> <i>word</i>.</p><div>Two</div><ul><li>a</li><li>b</li>"
                          "</ul>")
            << QByteArray("Title\n\nOne bold word.\n\nTwo\n\na\nb\n");
        QTest::newRow("whitespace collapses outside pre")
            << QByteArray("<p>  a \n\t b  </p>\n\n\n<p>c</p>") << QByteArray("a b\n\nc\n");
        QTest::newRow("pre keeps its whitespace") << QByteArray("<pre>line 1\n    indented</pre><p>after</p>")
                                                  << QByteArray("line 1\n    indented\n\nafter\n");
        QTest::newRow("character references are decoded")
            << QByteArray("<p>&lt;tag&gt; &amp; &quot;q&quot; &eacute;t&eacute; &#233; &#xE9; &#x1F642; "
                          "&euro;&nbsp;5 &#150;</p>")
            << u"<tag> & \"q\" été é é 🙂 € 5 –\n"_s.toUtf8();
        QTest::newRow("an unknown or unterminated reference stays as written")
            << QByteArray("<p>AT&T &bogus; a &amp b &#xZZ;</p>") << QByteArray("AT&T &bogus; a & b &#xZZ;\n");
        QTest::newRow("br breaks lines and table cells are separated by tabs")
            << QByteArray("<table><tr><th>Name</th><th>Qty</th></tr><tr><td>Apple</td><td>3</td></tr></table>"
                          "line<br>next")
            << QByteArray("Name\tQty\nApple\t3\n\nline\nnext\n");
        QTest::newRow("a '>' inside a quoted attribute does not end the tag")
            << QByteArray("<a title=\"a > b\" href='x>y'>link</a> text") << QByteArray("link text\n");
        QTest::newRow("upper-case tags and a doctype are understood")
            << QByteArray("<!DOCTYPE html><HTML><BODY><P>Hi</P><SCRIPT>x</SCRIPT></BODY></HTML>") << QByteArray("Hi\n");
        QTest::newRow("a '<' that starts no tag is text")
            << QByteArray("<p>1 < 2 and 3 <= 4</p>") << QByteArray("1 < 2 and 3 <= 4\n");
        QTest::newRow("the end of a script is found whatever its case and spacing")
            << QByteArray("<script>a = '</scripts>';</SCRIPT >b") << QByteArray("b\n");
        QTest::newRow("processing instructions are dropped")
            << QByteArray("<?xml version=\"1.0\"?><p>x</p>") << QByteArray("x\n");
        QTest::newRow("the title is text")
            << QByteArray("<html><head><title>Page title</title><meta charset=utf-8></head><body><p>Body</p>"
                          "</body></html>")
            << QByteArray("Page title\n\nBody\n");
        QTest::newRow("non-ASCII text passes through")
            << u"<p>Grüße, 東京 🙂</p>"_s.toUtf8() << u"Grüße, 東京 🙂\n"_s.toUtf8();
    }

    void html()
    {
        QFETCH(QByteArray, html);
        QFETCH(QByteArray, expected);
        const Outcome outcome = extract(write(u"page.html"_s, html), u"page.html"_s);
        QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.text, expected);
        QCOMPARE(outcome.info.format, u"html"_s);
    }

    void htmlIgnoresHowInputIsSplit()
    {
        const QByteArray page =
            u"<!DOCTYPE html><html><head><title>T &amp; co</title><style>a>b{}</style></head>"
            u"<body><!-- c -- x --><p class=\"x>y\">Grüße&nbsp;&eacute;&#x1F642; 1 < 2</p>"
            u"<script>if(a</b)x='</script>';</script><pre> keep\n  this </pre>"
            u"<table><tr><td>a</td><td>b</td></tr></table>AT&T<br/>end &unknown</body></html>"_s.toUtf8();
        const auto convert = [&page](qsizetype piece) {
            CollectingSink sink;
            vd::engine::extract::HtmlToText html(sink);
            for (qsizetype at = 0; at < page.size(); at += piece)
                html.append(QByteArrayView(page).sliced(at, std::min(piece, page.size() - at)));
            html.finish();
            return sink.text;
        };
        const QByteArray whole = convert(page.size());
        QVERIFY(whole.contains(u"Grüße é🙂 1 < 2"_s.toUtf8()));
        QVERIFY(!whole.contains("</script>"));
        for (qsizetype piece : {1, 2, 3, 5, 7, 64})
            QCOMPARE(convert(piece), whole);
    }

    void jsonValidatorIgnoresHowInputIsSplit_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("valid") << QByteArray("{\"k\": [1, -0.5e+10, \"\\u00e9\\\"\", true, null, {}], \"e\": []}");
        QTest::newRow("invalid number") << QByteArray("{\"k\": [1, -.5]}");
        QTest::newRow("invalid literal") << QByteArray("[tru]");
        QTest::newRow("missing colon") << QByteArray("{\"k\" 1}");
    }

    void jsonValidatorIgnoresHowInputIsSplit()
    {
        QFETCH(QByteArray, json);
        const auto validate = [&json](qsizetype piece) {
            CollectingSink sink;
            vd::engine::extract::JsonValidator validator(sink);
            bool ok = true;
            for (qsizetype at = 0; ok && at < json.size(); at += piece)
                ok = validator.append(QByteArrayView(json).sliced(at, std::min(piece, json.size() - at)));
            ok = ok && validator.finish();
            return std::make_pair(ok, validator.error());
        };
        const auto whole = validate(json.size());
        for (qsizetype piece = 1; piece <= 4; ++piece)
            QCOMPARE(validate(piece), whole);
    }

    void jsonNestingIsLimited()
    {
        const int depth = vd::engine::extract::JsonValidator::kMaxDepth + 1;
        const Outcome outcome =
            extract(write(u"deep.json"_s, QByteArray(depth, '[') + QByteArray(depth, ']')), u"deep.json"_s);
        QVERIFY(outcome.error);
        QVERIFY2(outcome.error->message.contains(u"nested more than 1000 levels"_s),
                 qPrintable(outcome.error->message));
    }

    void documents_data()
    {
        QTest::addColumn<QString>("fixtureName");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QString>("format");

        const QByteArray pdf = u"Hello from page one.\nCafé naïve résumé\n\nSecond page text.\n"_s.toUtf8();
        QTest::newRow("PDF pages are read in order, separated by a blank line")
            << u"sample.pdf"_s << u"Q3 report.pdf"_s << pdf << u"pdf"_s;
        QTest::newRow("a PDF with only an owner password is read")
            << u"owner-password.pdf"_s << u"locked-for-editing.pdf"_s << pdf << u"pdf"_s;
        QTest::newRow("DOCX: runs, tabs, breaks, tables, text boxes once, tracked and field text right, footnotes")
            << u"sample.docx"_s << u"report.docx"_s
            << u"Quarterly report\nRevenue grew 12% in Zürich & Genève.\nName\tValue\nLine two\ninserted words\n"
               u"Page 7\nCell A1\nCell B1\nText box words\nLast paragraph with a non-breaking-hyphen.\n\n"
               u"Source: annual accounts.\n"_s.toUtf8()
            << u"docx"_s;
        QTest::newRow("PPTX slides follow the presentation's order, not their file names")
            << u"sample.pptx"_s << u"deck.pptx"_s
            << u"Slide file two: Grüße\n\nSlide file one\nBullet & more\n\nSlide file ten\nBefore break\n"
               u"after break\n"_s.toUtf8()
            << u"pptx"_s;
        QTest::newRow("PPTX without a slide list: slides in numeric order (2 before 10)")
            << u"no-slide-list.pptx"_s << u"deck.pptx"_s
            << u"Slide file one\nBullet & more\n\nSlide file two: Grüße\n\nSlide file ten\nBefore break\n"
               u"after break\n"_s.toUtf8()
            << u"pptx"_s;
    }

    void documents()
    {
        QFETCH(QString, fixtureName);
        QFETCH(QString, fileName);
        QFETCH(QByteArray, expected);
        QFETCH(QString, format);
        const QString path = kDataDir + u'/' + fixtureName;
        const auto detected = vd::engine::detectType(path, fileName);
        QVERIFY2(!detected, qPrintable(detected ? detected->message : QString()));
        const Outcome outcome = extract(path, fileName);
        QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.text, expected);
        QCOMPARE(outcome.info.format, format);
    }

    void unusualFileNames_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::newRow("a name with spaces") << u"quarterly report final v2.txt"_s;
        QTest::newRow("a Unicode name") << u"Résumé 履歴書 🙂.md"_s;
        QTest::newRow("a name with a newline") << u"two\nlines.txt"_s;
        QTest::newRow("a name with quotes and a leading dash") << u"-'quoted' \"name\".txt"_s;
    }

    void unusualFileNames()
    {
        QFETCH(QString, fileName);
        // The file on disk carries the name too.
        const QString path = m_dir.filePath(fileName);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("content\n");
        file.close();
        const Outcome outcome = extract(path, fileName);
        QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.text, QByteArray("content\n"));

        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.close();
        const Outcome empty = extract(path, fileName);
        QVERIFY(empty.error);
        QVERIFY2(!empty.error->message.contains(u'\n'), "a message must stay on one line");
        QVERIFY(empty.error->message.endsWith(u"is empty (0 bytes)"_s));
    }

    void sinkCanCancel_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("text") << u"a.txt"_s << QByteArray(3 * kExtractBlockSize, 'x');
        QTest::newRow("HTML") << u"a.html"_s << QByteArray(QByteArray("<p>") + QByteArray(3 * kExtractBlockSize, 'x'));
        QTest::newRow("JSON") << u"a.json"_s << QByteArray("\"" + QByteArray(3 * kExtractBlockSize, 'x') + "\"");
        QTest::newRow("PDF") << u"a.pdf"_s << fixture(u"sample.pdf"_s);
        QTest::newRow("DOCX") << u"a.docx"_s << fixture(u"sample.docx"_s);
        QTest::newRow("PPTX") << u"a.pptx"_s << fixture(u"sample.pptx"_s);
    }

    void sinkCanCancel()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        CollectingSink sink;
        sink.cancelAfterBlocks = 1;
        const auto error = vd::engine::extractText(write(fileName, content), fileName, sink);
        QVERIFY(error);
        QCOMPARE(error->code, ExtractionError::Cancelled.toString());
        QCOMPARE(sink.blocks, 1);
    }

    void missingFileIsAServerError()
    {
        const QString path = m_dir.filePath(u"does-not-exist.txt"_s);
        const Outcome outcome = extract(path, u"notes.txt"_s);
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->code, ExtractionError::ServerError.toString());
        QVERIFY2(outcome.error->message.contains(u"Could not open the stored copy of 'notes.txt'"_s),
                 qPrintable(outcome.error->message));
    }

    void damagedCopiesNeverCrash()
    {
        // Truncations and flipped bytes of every document fixture: each must end in a clean
        // outcome. A crash or hang here is a bug in the extractor or the libraries under it.
        const QStringList allowed = {ExtractionError::InvalidFile.toString(),
                                     ExtractionError::UnsupportedFile.toString(),
                                     ExtractionError::ServerError.toString()};
        QRandomGenerator random(20240501);
        int refused = 0;
        int read = 0;
        for (const QString &name : {u"sample.pdf"_s, u"owner-password.pdf"_s, u"encrypted.pdf"_s, u"sample.docx"_s,
                                    u"sample.pptx"_s, u"encrypted.docx"_s}) {
            const QByteArray original = fixture(name);
            QList<QByteArray> variants;
            for (int percent : {1, 10, 30, 50, 70, 90, 99})
                variants << original.left(original.size() * percent / 100);
            for (int i = 0; i < 40; ++i) {
                QByteArray flipped = original;
                for (int flips = 0; flips < 1 + i % 4; ++flips)
                    flipped[random.bounded(int(flipped.size()))] = char(random.bounded(256));
                variants << flipped;
            }
            for (const QByteArray &variant : std::as_const(variants)) {
                const Outcome outcome = extract(write(name, variant), name);
                if (outcome.error) {
                    ++refused;
                    QVERIFY2(allowed.contains(outcome.error->code), qPrintable(outcome.error->code));
                    QVERIFY(!outcome.error->message.isEmpty());
                } else {
                    ++read;
                    QVERIFY(outcome.text.isValidUtf8());
                }
            }
        }
        qInfo("damaged copies: %d refused, %d still readable", refused, read);
        QVERIFY(refused > 0);
    }

    void concurrentExtractionsAreIndependent()
    {
        struct Job
        {
            QString path;
            QString fileName;
            QByteArray expected;
        };
        QList<Job> jobs;
        for (const QString &name : {u"sample.pdf"_s, u"sample.docx"_s, u"sample.pptx"_s, u"encrypted.pdf"_s})
            jobs.append({kDataDir + u'/' + name, name, {}});
        jobs.append({write(u"page.html"_s, "<p>Hello &amp; bye</p>"), u"page.html"_s, {}});
        jobs.append({write(u"le.txt"_s, utf16(u"Grüße"_s, false)), u"le.txt"_s, {}});
        for (Job &job : jobs) {
            const Outcome outcome = extract(job.path, job.fileName);
            job.expected = outcome.error ? outcome.error->message.toUtf8() : outcome.text;
        }

        std::atomic<int> mismatches = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&jobs, &mismatches, t] {
                for (int round = 0; round < 10; ++round) {
                    for (qsizetype j = 0; j < jobs.size(); ++j) {
                        const Job &job = jobs[(j + t) % jobs.size()];
                        const Outcome outcome = extract(job.path, job.fileName);
                        const QByteArray got = outcome.error ? outcome.error->message.toUtf8() : outcome.text;
                        if (got != job.expected)
                            ++mismatches;
                    }
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(mismatches.load(), 0);
    }
};

QTEST_GUILESS_MAIN(TestExtract)
#include "tst_extract.moc"
