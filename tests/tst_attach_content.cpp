// One content rule for attaching and indexing (issue #16): what a file holds is checked against
// its name at attach time with the function ingestion uses (engine::detectType, through
// AttachPolicy::checkContent), so a program or an image renamed .txt, a PDF named .txt or a
// legacy .doc is refused before anything is written, with the message and code ingestion would
// have recorded. An extension file search does not read is unsupported_file, as in
// docs/extraction.md.

#include "core/engine/extract/extractor.h"
#include "core/service/attachpolicy.h"
#include "enginefixture.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;

class tst_AttachContent : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::EngineFixture> m_f;
    int m_row = 0;

    // Files under the engine's folder: what an attach has copied there.
    int engineFiles() const
    {
        int n = 0;
        QDirIterator it(m_f->engine().root(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++n;
        }
        return n;
    }

private slots:
    void initTestCase()
    {
        m_f = std::make_unique<test::EngineFixture>();
        QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
        QVERIFY(m_f->service().createTenant({u"acme"_s, u"Acme"_s, u"pro"_s, u"local"_s}));
        QVERIFY(m_f->service().createStore(u"acme"_s, {u"docs"_s, {}, {}, std::nullopt, {}}));
    }

    void attachChecksContentAsIngestionDoes_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason"); // empty: attached
        QTest::addColumn<QString>("says");

        QFile self(QCoreApplication::applicationFilePath());
        QVERIFY(self.open(QIODevice::ReadOnly));
        const QByteArray program = self.read(256 * 1024); // this test program: an ELF executable
        const QByteArray png = QByteArray::fromBase64(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

        QTest::newRow("a program renamed .txt is refused as unsupported_file")
            << u"program.txt"_s << program << u"unsupported_file"_s << u"not text"_s;
        QTest::newRow("a PNG named .txt is refused as unsupported_file")
            << u"photo.txt"_s << png << u"unsupported_file"_s << u"looks like a PNG image"_s;
        QTest::newRow("a PDF named .txt is refused as invalid_file, rename it")
            << u"report.txt"_s << QByteArray("%PDF-1.7\n1 0 obj << >>\nendobj\n") << u"invalid_file"_s
            << u"rename it to .pdf"_s;
        QTest::newRow("a legacy Word .doc is refused as unsupported_file")
            << u"old.doc"_s << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 word 97", 16) << u"unsupported_file"_s
            << u"legacy Word 97-2003"_s;
        QTest::newRow("text named .pdf is refused as invalid_file")
            << u"notes.pdf"_s << QByteArray("just some notes\n") << u"invalid_file"_s << u"not a PDF"_s;
        QTest::newRow("an extension file search does not read is unsupported_file")
            << u"tool.exe"_s << QByteArray("MZ not a document") << u"unsupported_file"_s
            << u"not a supported file type (.exe)"_s;
        QTest::newRow("plain text named .txt is attached")
            << u"plain.txt"_s << QByteArray("turbine blades\n") << QString() << QString();
        QTest::newRow("Markdown named .md is attached")
            << u"readme.md"_s << QByteArray("# Readme\n\nWing loads.\n") << QString() << QString();
    }

    void attachChecksContentAsIngestionDoes()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QFETCH(QString, says);
        const QString path = m_f->writeFile(u"%1/%2"_s.arg(++m_row).arg(name), content);
        VectorStoreService &service = m_f->service();

        // The rule on its own, as the window's preview applies it.
        auto policy = service.attachPolicy(u"acme"_s, u"docs"_s);
        QVERIFY(policy);
        Result<void> verdict = policy->checkFile(name, content.size());
        if (verdict)
            verdict = policy->checkContent(path, name);
        QString mimeType;
        const auto detected = engine::detectType(path, name, &mimeType);

        const qint64 before = service.countFiles(u"acme"_s, u"docs"_s).value();
        const int copiesBefore = engineFiles();
        auto attached = service.attachPath(u"acme"_s, u"docs"_s, path);
        if (reason.isEmpty()) {
            QVERIFY2(verdict, verdict ? "" : qPrintable(verdict.error().message()));
            QVERIFY2(!detected, detected ? qPrintable(detected->message) : "");
            QVERIFY2(attached, attached ? "" : qPrintable(attached.error().message()));
            QCOMPARE(service.countFiles(u"acme"_s, u"docs"_s).value(), before + 1);
            return;
        }
        QVERIFY(!verdict);
        QCOMPARE(attachRefusalReason(verdict.error()), reason);
        QVERIFY2(verdict.error().message().contains(says), qPrintable(verdict.error().message()));
        // The service refuses the same way, before writing anything: no row, no copy.
        QVERIFY(!attached);
        QCOMPARE(attached.error().message(), verdict.error().message());
        QCOMPARE(attachRefusalReason(attached.error()), reason);
        QCOMPARE(attached.error().kind(), ServiceError::Kind::InvalidInput);
        QCOMPARE(service.countFiles(u"acme"_s, u"docs"_s).value(), before);
        QCOMPARE(engineFiles(), copiesBefore);
        // Ingestion's own check agrees, code and words, for every file that has a known type.
        if (name != u"tool.exe"_s) {
            QVERIFY(detected);
            QCOMPARE(detected->code, reason);
            QCOMPARE(verdict.error().message(), detected->message);
        }
    }
};

QTEST_GUILESS_MAIN(tst_AttachContent)
#include "tst_attach_content.moc"
