// Extraction of files crafted to be slow or to eat memory (issue #13, docs/extraction.md "Hostile
// input"): huge comments, CDATA and processing instructions, deep nesting, a DTD, a slide listed
// 200,000 times, a part named again and again; the time limit; and that the store's index is not
// locked while a file is read. The archives are generated here (nothing big is committed). No
// timing is asserted: each test checks bounded work (what was read, what was refused, peak
// memory) so that a slow shared machine cannot make it fail; bench/engine/bench_extract.cpp
// measures the times.

#include "core/engine/extract/extractor.h"
#include "core/engine/extract/xmlprefilter.h"
#include "enginefixture.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <zip.h>

using namespace Qt::StringLiterals;
using vd::engine::ExtractionError;
using vd::engine::ExtractionLimits;

namespace {

const QByteArray kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

class CollectingSink final : public vd::engine::TextSink
{
public:
    bool append(QByteArrayView utf8) override
    {
        text.append(utf8);
        return true;
    }
    QByteArray text;
};

struct Outcome
{
    std::optional<ExtractionError> error;
    QByteArray text;
};

Outcome extract(const QString &path, const QString &name, const ExtractionLimits &limits = {})
{
    CollectingSink sink;
    Outcome outcome;
    outcome.error = vd::engine::extractText(path, name, sink, nullptr, limits);
    outcome.text = sink.text;
    return outcome;
}

// Writes a ZIP of the given parts (name, content); libzip compresses them.
bool writeZip(const QString &path, const QList<std::pair<QByteArray, QByteArray>> &parts)
{
    int code = 0;
    zip_t *archive = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive)
        return false;
    for (const auto &[name, content] : parts) {
        zip_source_t *source = zip_source_buffer(archive, content.constData(), zip_uint64_t(content.size()), 0);
        if (!source || zip_file_add(archive, name.constData(), source, ZIP_FL_OVERWRITE) < 0) {
            zip_discard(archive);
            return false;
        }
    }
    return zip_close(archive) == 0;
}

QByteArray wordDocument(const QByteArray &body)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" + kWordNs + "\"><w:body>" + body
        + "</w:body></w:document>";
}

QByteArray paragraph(const QByteArray &text)
{
    return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>";
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

bool resetPeakRss()
{
    QFile clearRefs(u"/proc/self/clear_refs"_s);
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

} // namespace

class TestExtractHostile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString docx(const QByteArray &documentXml, QList<std::pair<QByteArray, QByteArray>> more = {})
    {
        const QString path = m_dir.filePath(u"doc%1.docx"_s.arg(++m_counter));
        more.prepend({"word/document.xml", documentXml});
        if (!writeZip(path, more))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // The part QXmlStreamReader rescanned from its start for every 256 KiB block: 64 MiB took a
    // minute and 424 MB. Now the comment is skipped in one pass with constant memory.
    void hugeCommentsCdataAndInstructionsCostConstantMemory_data()
    {
        QTest::addColumn<QByteArray>("open");
        QTest::addColumn<QByteArray>("close");
        QTest::addColumn<QByteArray>("inside");
        QTest::newRow("a 48 MiB comment") << QByteArray("<!--") << QByteArray("-->") << QByteArray();
        QTest::newRow("a 48 MiB processing instruction") << QByteArray("<?pi ") << QByteArray("?>") << QByteArray();
        QTest::newRow("48 MiB of comments of 1 KiB")
            << QByteArray() << QByteArray() << QByteArray("<!--" + QByteArray(1017, 'c') + "-->");
    }

    void hugeCommentsCdataAndInstructionsCostConstantMemory()
    {
        QFETCH(QByteArray, open);
        QFETCH(QByteArray, close);
        QFETCH(QByteArray, inside);
        const qint64 size = 48 * 1024 * 1024;
        QByteArray filler = inside.isEmpty() ? QByteArray(size, 'a') : inside.repeated(size / inside.size());
        const QString path = docx(wordDocument(paragraph("before") + open + filler + close + paragraph("after")));
        filler.clear();
        filler.squeeze();

        const bool canMeasure = resetPeakRss();
        const qint64 rssBefore = statusKiB("VmRSS");
        const Outcome outcome = extract(path, u"hostile.docx"_s);
        const qint64 peak = statusKiB("VmHWM");
        QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.text, QByteArray("before\nafter\n"));
        if (!canMeasure)
            QSKIP("cannot reset the peak RSS (/proc/self/clear_refs) here; memory not measured");
        qInfo("peak RSS %lld KiB over the %lld KiB before", peak - rssBefore, rssBefore);
        QVERIFY2(peak - rssBefore < 24 * 1024, "the part was held in memory instead of streamed");
    }

    void cdataInTextIsText()
    {
        const Outcome outcome =
            extract(docx(wordDocument("<w:p><w:r><w:t><![CDATA[a < b && c]]]]></w:t></w:r></w:p>")), u"c.docx"_s);
        QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.text, QByteArray("a < b && c]]\n"));
    }

    void hostilePartsAreRefusedNamingTheLimit_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("message");
        const int levels = 2'000'000;
        QTest::newRow("2,000,000 nested elements")
            << wordDocument(QByteArray("<w:p>").repeated(levels)) << u"nests elements more than 1000 levels deep"_s;
        QTest::newRow("a 9 MiB text run") << wordDocument(paragraph(QByteArray(9 * 1024 * 1024, 'x')))
                                          << u"a single XML text run of more than 8 MiB"_s;
        QTest::newRow("a 9 MiB CDATA section")
            << wordDocument("<w:p><w:r><w:t><![CDATA[" + QByteArray(9 * 1024 * 1024, '<') + "]]></w:t></w:r></w:p>")
            << u"a single XML text run of more than 8 MiB"_s;
        QTest::newRow("a tag with a 9 MiB attribute")
            << wordDocument("<w:p w:x=\"" + QByteArray(9 * 1024 * 1024, 'x') + "\"/>")
            << u"a single XML tag of more than 8 MiB"_s;
        QTest::newRow("a DTD with an entity bomb")
            << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
                          "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><w:document xmlns:w=\""
                          + kWordNs + "\"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
            << u"document type declaration (<!DOCTYPE)"_s;
    }

    void hostilePartsAreRefusedNamingTheLimit()
    {
        QFETCH(QByteArray, xml);
        QFETCH(QString, message);
        const QString path = docx(xml);
        xml.clear();
        xml.squeeze();
        const bool canMeasure = resetPeakRss();
        const qint64 rssBefore = statusKiB("VmRSS");
        const Outcome outcome = extract(path, u"hostile.docx"_s);
        const qint64 peak = statusKiB("VmHWM");
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->code, ExtractionError::InvalidFile.toString());
        QVERIFY2(outcome.error->message.contains(message) && outcome.error->message.contains(u"word/document.xml"_s),
                 qPrintable(outcome.error->message));
        if (canMeasure)
            QVERIFY2(peak - rssBefore < 48 * 1024, qPrintable(u"peak RSS grew by %1 KiB"_s.arg(peak - rssBefore)));
    }

    // 200,000 entries naming one slide: read once, not 200,000 times until the 1 GiB cap.
    void aSlideListedAgainAndAgainIsReadOnce()
    {
        const QByteArray pns = "http://schemas.openxmlformats.org/presentationml/2006/main";
        const QByteArray rns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        QByteArray list;
        for (int i = 0; i < 200'000; ++i)
            list += "<p:sldId id=\"" + QByteArray::number(256 + i) + "\" r:id=\"rId2\"/>";
        const QByteArray presentation = "<?xml version=\"1.0\"?><p:presentation xmlns:p=\"" + pns + "\" xmlns:r=\""
            + rns + "\"><p:sldIdLst>" + list + "</p:sldIdLst></p:presentation>";
        const QByteArray slide = "<?xml version=\"1.0\"?><p:sld xmlns:p=\"" + pns
            + "\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><p:cSld><p:spTree><p:sp>"
              "<p:txBody><a:p><a:r><a:t>Only once</a:t></a:r></a:p>"
            + QByteArray(4000, ' ') + "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>";
        const QByteArray rels =
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
            "relationships\"><Relationship Id=\"rId2\" Type=\""
            + rns
            + "/slide\" Target=\"slides/slide1.xml\"/>"
              "</Relationships>";
        const QByteArray types =
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            "<Override PartName=\"/ppt/presentation.xml\" ContentType=\"application/"
            "vnd.openxmlformats-officedocument.presentationml.presentation.main+xml\"/></Types>";
        const QString path = m_dir.filePath(u"repeated.pptx"_s);
        QVERIFY(writeZip(path,
                         {{"[Content_Types].xml", types},
                          {"ppt/presentation.xml", presentation},
                          {"ppt/_rels/presentation.xml.rels", rels},
                          {"ppt/slides/slide1.xml", slide}}));
        const Outcome outcome = extract(path, u"repeated.pptx"_s);
        QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.text, QByteArray("Only once\n"));
    }

    void aPartNamedByManyRelationshipsIsReadOnce()
    {
        QByteArray relationships;
        for (int i = 0; i < 20'000; ++i)
            relationships += "<Relationship Id=\"rId" + QByteArray::number(i)
                + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" "
                  "Target=\"footnotes.xml\"/>";
        const QByteArray rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/"
                                "package/2006/relationships\">"
            + relationships + "</Relationships>";
        const QByteArray footnotes = "<?xml version=\"1.0\"?><w:footnotes xmlns:w=\"" + kWordNs
            + "\"><w:footnote><w:p><w:r><w:t>Footnote</w:t></w:r></w:p></w:footnote></w:footnotes>";
        const Outcome outcome =
            extract(docx(wordDocument(paragraph("Body")),
                         {{"word/_rels/document.xml.rels", rels}, {"word/footnotes.xml", footnotes}}),
                    u"notes.docx"_s);
        QVERIFY2(!outcome.error, qPrintable(outcome.error ? outcome.error->message : QString()));
        QCOMPARE(outcome.text, QByteArray("Body\n\nFootnote\n"));
    }

    // The time limit: with a limit already passed at the first check, every reader stops there
    // with invalid_file naming the limit.
    void theTimeLimitStopsEveryReader_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("path");
        const QString text = m_dir.filePath(u"limit.txt"_s);
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("plain text\n");
        file.close();
        QTest::newRow("text") << u"limit.txt"_s << text;
        QTest::newRow("docx") << u"limit.docx"_s << docx(wordDocument(paragraph("words")));
        QTest::newRow("pdf") << u"limit.pdf"_s << QStringLiteral(VECTORDESK_EXTRACT_DATA_DIR) + u"/sample.pdf"_s;
    }

    void theTimeLimitStopsEveryReader()
    {
        QFETCH(QString, name);
        QFETCH(QString, path);
        QVERIFY(!extract(path, name).error); // readable within the default limit
        ExtractionLimits limits;
        limits.timeLimit = std::chrono::nanoseconds(1);
        const Outcome outcome = extract(path, name, limits);
        QVERIFY(outcome.error);
        QCOMPARE(outcome.error->code, ExtractionError::InvalidFile.toString());
        QVERIFY2(outcome.error->message.contains(u"took longer than the extraction time limit of"_s)
                     && outcome.error->message.contains(name),
                 qPrintable(outcome.error->message));
    }

    void thePrefilterIgnoresHowItIsFed()
    {
        const QByteArray xml = "\xEF\xBB\xBF<?xml version=\"1.0\"?><r a='x>y' b=\"/\"><!-- c -- -->t<![CDATA[a<b>&]]]>"
                               "<e/><?pi ?? ?>u</r>";
        QByteArray whole;
        QString problem;
        QVERIFY(vd::engine::extract::XmlPrefilter::filter(xml, &whole, &problem));
        QCOMPARE(whole, QByteArray("<r a='x>y' b=\"/\">ta&lt;b&gt;&amp;]<e/>u</r>"));
        for (int step = 1; step < 8; ++step) {
            vd::engine::extract::XmlPrefilter prefilter;
            QByteArray pieces;
            for (qsizetype at = 0; at < xml.size(); at += step)
                QVERIFY(prefilter.feed(QByteArrayView(xml).sliced(at, std::min<qsizetype>(step, xml.size() - at)),
                                       &pieces));
            QCOMPARE(pieces, whole);
        }
    }

    // Ingestion reads the file before it touches the store's index: while a file is extracted
    // (here one that fails only at its end), another writer can still take the index.
    void extractionDoesNotHoldTheStoresIndex()
    {
        vd::test::EngineFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        vd::VectorStoreService &svc = f.service();
        QVERIFY(svc.createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(svc.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        QVERIFY(svc.attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"first.txt"_s, "wing flutter\n")));
        QVERIFY(f.ingest());
        // 3 MiB of text, then a byte that is not UTF-8: found only after three blocks.
        QByteArray late(3 * 1024 * 1024, 'a');
        late += "\xE9\n";
        auto attached = svc.attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"late.txt"_s, late));
        QVERIFY2(attached, attached ? "" : qPrintable(attached.error().message()));
        auto tenant = svc.tenant(u"acme"_s);
        auto store = svc.store(u"acme"_s, u"docs"_s);
        QVERIFY(tenant && store);

        const QString indexPath = f.engine().indexPath(tenant->id, store->id);
        QVERIFY(QFile::exists(indexPath));
        int probes = 0;
        QStringList locked;
        const std::function<bool()> probe = [&] {
            ++probes;
            const QString name = u"probe%1"_s.arg(probes);
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
                db.setDatabaseName(indexPath);
                db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=0"_s);
                if (db.open()) {
                    QSqlQuery q(db);
                    if (!q.exec(u"BEGIN IMMEDIATE"_s))
                        locked << q.lastError().text();
                    else
                        q.exec(u"ROLLBACK"_s);
                }
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
            return false;
        };
        const auto outcome = f.engine().ingest(*tenant, *store, *attached, probe);
        QVERIFY(!outcome);
        QVERIFY2(outcome.error().message().contains(u"not UTF-8"_s), qPrintable(outcome.error().message()));
        QVERIFY2(probes >= 2, "the probe never ran during extraction");
        QVERIFY2(locked.isEmpty(), qPrintable(u"the index was locked during extraction: "_s + locked.join(u"; "_s)));
    }
};

QTEST_GUILESS_MAIN(TestExtractHostile)
#include "tst_extract_hostile.moc"
