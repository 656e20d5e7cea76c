// Drag and drop attach, driven offscreen like a user: files dropped on the file table (or on a
// store row) open an inline preview that says what will be attached and what is refused and
// why; confirming attaches in the background; rows appear in the file table and their status
// changes in place as the local engine indexes them.

#include "ui/attach/attachmodel.h"
#include "ui/attach/attachsheet.h"
#include "ui/data/ingestionrunner.h"
#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/widgets/chunkingeditor.h"
#include "ui/widgets/placeholdertableview.h"
#include "uidriver.h"
#include "uifixture.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QUrl>

using namespace Qt::StringLiterals;
using vd::ui::AttachItem;
using vd::ui::AttachSheet;
using vd::ui::MainWindow;

using vd::test::dropFiles;
using vd::test::rowNamed;
using vd::test::writeFile;

class tst_UiAttach : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void dropShowsPreviewThenAttachesAndIndexes();
    void refusedFilesSayWhy();
    void dropOnStoreRowAttachesToThatStore();
    void cancelClosesThePreviewWithoutWriting();
    void addFilesNeedsAStore();
    void chunkingIsChosenInThePreview();

private:
    bool showAndSettle(MainWindow &window);
    vd::test::UiFixture m_fixture;
    QTemporaryDir m_files;
};

void tst_UiAttach::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_fixture.create());
    QVERIFY(m_files.isValid());
    QVERIFY(QDir(m_files.path()).mkpath(u"folder/sub"_s));
    QVERIFY(
        writeFile(m_files.filePath(u"policy.md"_s), "# Travel policy\n\nEconomy class for flights under six hours.\n"));
    QVERIFY(writeFile(m_files.filePath(u"folder/faq.txt"_s), "Where is the office? On the third floor.\n"));
    QVERIFY(writeFile(m_files.filePath(u"folder/sub/notes.txt"_s), "Quarterly notes about the roadmap.\n"));
    QVERIFY(writeFile(m_files.filePath(u"setup.exe"_s), "MZ binary"));
    QVERIFY(writeFile(m_files.filePath(u"nda.txt"_s), "A different NDA with the same name.\n"));
    QVERIFY(writeFile(m_files.filePath(u"copy-of-policy.md"_s),
                      "# Travel policy\n\nEconomy class for flights under six hours.\n"));
    QVERIFY(writeFile(m_files.filePath(u"empty.txt"_s), ""));
    // Content that does not match its name, which indexing would fail: this test program renamed
    // .txt, a PNG named .txt, a legacy Word file.
    QFile self(QCoreApplication::applicationFilePath());
    QVERIFY(self.open(QIODevice::ReadOnly));
    QVERIFY(writeFile(m_files.filePath(u"program.txt"_s), self.read(256 * 1024)));
    QVERIFY(
        writeFile(m_files.filePath(u"photo.txt"_s),
                  QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9"
                                         "awAAAABJRU5ErkJggg==")));
    QVERIFY(writeFile(m_files.filePath(u"minutes.doc"_s), QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 word", 13)));
}

void tst_UiAttach::init()
{
    QSettings().clear();
}

bool tst_UiAttach::showAndSettle(MainWindow &window)
{
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    auto *panel = window.filePanel();
    return QTest::qWaitFor([&] { return panel->model()->rowCount() > 0 && !panel->model()->isLoading(); }, 10'000);
}

void tst_UiAttach::dropShowsPreviewThenAttachesAndIndexes()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    vd::ui::FilePanel *panel = window.filePanel();
    QCOMPARE(panel->model()->storeId(), m_fixture.contracts);
    AttachSheet *sheet = panel->attachSheet();
    QAbstractItemModelTester tester(sheet->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);

    QWidget *viewport = panel->view()->viewport();
    QVERIFY(dropFiles(viewport, viewport->rect().center(),
                      {m_files.filePath(u"policy.md"_s), m_files.filePath(u"folder"_s)}));
    QTRY_COMPARE(sheet->phase(), AttachSheet::Phase::Preview);
    QVERIFY(sheet->isVisible());
    // Nothing is written before the preview is confirmed.
    QCOMPARE(panel->model()->totalCount(), 5);

    // A folder is expanded recursively; its files are named relative to where it was dropped.
    const auto *model = sheet->model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(rowNamed(model, u"policy.md"_s), 0);
    QVERIFY(rowNamed(model, u"folder/faq.txt"_s) > 0);
    QVERIFY(rowNamed(model, u"folder/sub/notes.txt"_s) > 0);
    QCOMPARE(model->count(AttachItem::State::Ready), 3);
    QCOMPARE(sheet->attachButton()->text(), u"Attach 3 files"_s);
    QVERIFY(sheet->summaryText().contains(u"3 files will be attached"_s));

    QSignalSpy finished(sheet, &AttachSheet::finished);
    QSignalSpy messages(window.statusBar(), &QStatusBar::messageChanged);
    QTest::mouseClick(sheet->attachButton(), Qt::LeftButton);
    QTRY_COMPARE(sheet->phase(), AttachSheet::Phase::Report);
    QCOMPARE(model->count(AttachItem::State::Attached), 3);
    QVERIFY(sheet->progressBar()->isVisible());
    QCOMPARE(sheet->progressBar()->value(), 3);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toString(), u"Attached 3 files to contracts"_s);
    QTRY_VERIFY(vd::test::showedMessage(messages, u"Attached 3 files"_s));

    // The rows appear in the file table (reloaded once), then change status in place.
    vd::ui::FileTableModel *files = panel->model();
    QTRY_COMPARE(files->totalCount(), 8);
    QTRY_VERIFY(files->rowOf(model->itemAt(0)->fileId) >= 0);
    const qint64 policyId = model->itemAt(0)->fileId;
    QSignalSpy resets(files, &QAbstractItemModel::modelReset);
    panel->view()->selectRow(files->rowOf(policyId));
    QTRY_COMPARE_WITH_TIMEOUT(files->fileAt(files->rowOf(policyId))->status, vd::FileStatus::Completed, 20'000);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(panel->view()->currentIndex().row(), files->rowOf(policyId));
    // The report follows the files through indexing.
    QTRY_COMPARE(model->index(0, vd::ui::AttachModel::OutcomeColumn).data().toString(), u"Attached · Completed"_s);

    // The report stays until closed; then it can be reopened from the panel header.
    QTest::mouseClick(sheet->closeButton(), Qt::LeftButton);
    QCOMPARE(sheet->phase(), AttachSheet::Phase::Idle);
    QVERIFY(!sheet->isVisible());
    auto *reportButton = panel->findChild<QToolButton *>(u"attachReportButton"_s);
    QVERIFY(reportButton && reportButton->isVisible());
}

void tst_UiAttach::refusedFilesSayWhy()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    vd::ui::FilePanel *panel = window.filePanel();
    AttachSheet *sheet = panel->attachSheet();
    QWidget *viewport = panel->view()->viewport();
    QVERIFY(
        dropFiles(viewport, viewport->rect().center(),
                  {m_files.filePath(u"setup.exe"_s), m_files.filePath(u"nda.txt"_s), m_files.filePath(u"empty.txt"_s),
                   m_files.filePath(u"copy-of-policy.md"_s), m_files.filePath(u"program.txt"_s),
                   m_files.filePath(u"photo.txt"_s), m_files.filePath(u"minutes.doc"_s)}));
    QTRY_COMPARE(sheet->phase(), AttachSheet::Phase::Preview);
    const auto *model = sheet->model();
    QCOMPARE(model->rowCount(), 7);
    auto outcome = [&](const QString &name) {
        return model->index(rowNamed(model, name), vd::ui::AttachModel::OutcomeColumn).data().toString();
    };
    // The reasons are the attach rule's own (AttachPolicy), word for word what the CLI says.
    QVERIFY2(outcome(u"setup.exe"_s).startsWith(u"Will be refused: 'setup.exe' is not a supported file type (.exe)"_s),
             qPrintable(outcome(u"setup.exe"_s)));
    QCOMPARE(model->itemAt(rowNamed(model, u"setup.exe"_s))->reasonCode, u"unsupported_file"_s);
    QCOMPARE(outcome(u"empty.txt"_s), u"Will be refused: 'empty.txt' is empty (0 bytes): there is nothing to index."_s);
    // The same bytes as policy.md, attached by the first test: a duplicate by content.
    QVERIFY2(outcome(u"copy-of-policy.md"_s)
                 .startsWith(u"Will be refused: Store 'contracts' already has this content as 'policy.md'"_s),
             qPrintable(outcome(u"copy-of-policy.md"_s)));
    // What the content is, sniffed as indexing does (engine::detectType), with its words.
    QVERIFY2(outcome(u"program.txt"_s).startsWith(u"Will be refused: 'program.txt' looks like "_s)
                 && outcome(u"program.txt"_s).contains(u"not text"_s),
             qPrintable(outcome(u"program.txt"_s)));
    QCOMPARE(model->itemAt(rowNamed(model, u"program.txt"_s))->reasonCode, u"unsupported_file"_s);
    QVERIFY2(outcome(u"photo.txt"_s).startsWith(u"Will be refused: 'photo.txt' looks like a PNG image"_s),
             qPrintable(outcome(u"photo.txt"_s)));
    QVERIFY2(outcome(u"minutes.doc"_s).contains(u"legacy Word 97-2003 (.doc)"_s),
             qPrintable(outcome(u"minutes.doc"_s)));
    // Another nda.txt with other content is accepted: names are not unique in a store (as in
    // OpenAI, and as `vectordesk file attach` always did).
    QCOMPARE(model->itemAt(rowNamed(model, u"nda.txt"_s))->state, AttachItem::State::Ready);
    QVERIFY(sheet->attachButton()->isEnabled());
    QCOMPARE(sheet->attachButton()->text(), u"Attach 1 file"_s);
    QVERIFY2(sheet->summaryText().contains(u"6 refused"_s), qPrintable(sheet->summaryText()));
}

void tst_UiAttach::dropOnStoreRowAttachesToThatStore()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    QTableView *stores = window.storePanel()->view();
    int invoicesRow = rowNamed(stores->model(), u"invoices"_s);
    QVERIFY(invoicesRow >= 0);
    const QPoint pos = stores->visualRect(stores->model()->index(invoicesRow, 0)).center();
    QVERIFY(dropFiles(stores->viewport(), pos, {m_files.filePath(u"folder/faq.txt"_s)}));
    AttachSheet *sheet = window.filePanel()->attachSheet();
    QTRY_COMPARE(sheet->phase(), AttachSheet::Phase::Preview);
    QCOMPARE(sheet->model()->plan().storeId, m_fixture.invoices);
    QCOMPARE(sheet->model()->plan().storeName, u"invoices"_s);
    QTRY_COMPARE(window.storePanel()->currentStoreId(), m_fixture.invoices);
    // Dropping below the last row (no store there) is refused.
    QVERIFY(!dropFiles(stores->viewport(), QPoint(5, stores->viewport()->height() - 2),
                       {m_files.filePath(u"policy.md"_s)}));
}

void tst_UiAttach::cancelClosesThePreviewWithoutWriting()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    vd::ui::FilePanel *panel = window.filePanel();
    const qint64 before = panel->model()->totalCount();
    AttachSheet *sheet = panel->attachSheet();
    panel->attachPaths({m_files.filePath(u"folder/sub/notes.txt"_s)}, m_fixture.acme, m_fixture.invoices);
    QTRY_COMPARE(sheet->phase(), AttachSheet::Phase::Preview);
    QCOMPARE(sheet->model()->count(AttachItem::State::Ready), 1);
    QTest::mouseClick(sheet->closeButton(), Qt::LeftButton);
    QCOMPARE(sheet->phase(), AttachSheet::Phase::Idle);
    panel->reload();
    QTRY_VERIFY(!panel->model()->isLoading());
    QCOMPARE(panel->model()->totalCount(), before);
}

void tst_UiAttach::addFilesNeedsAStore()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    QVERIFY(window.addFilesAction()->isEnabled());
    QCOMPARE(window.addFilesAction()->shortcut(), QKeySequence(QKeySequence::Open));
    QVERIFY(window.addFolderAction()->isEnabled());
}

void tst_UiAttach::chunkingIsChosenInThePreview()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    vd::ui::FilePanel *panel = window.filePanel();
    AttachSheet *sheet = panel->attachSheet();
    vd::ui::ChunkingEditor *chunking = sheet->chunkingEditor();
    QVERIFY(!chunking->isVisible());
    panel->attachPaths({m_files.filePath(u"folder/sub/notes.txt"_s)}, m_fixture.acme, m_fixture.invoices);
    QTRY_COMPARE(sheet->phase(), AttachSheet::Phase::Preview);
    // The store's chunking is offered first and chosen; the numbers show only for a fixed size.
    QVERIFY(chunking->isVisible());
    QCOMPARE(chunking->modeBox()->currentText(), u"The store's: automatic"_s);
    QVERIFY(!chunking->chunking().has_value());
    QVERIFY(!chunking->sizeBox()->isVisible());

    chunking->modeBox()->setCurrentIndex(chunking->modeBox()->findText(u"Fixed size"_s));
    QVERIFY(chunking->sizeBox()->isVisible());
    chunking->sizeBox()->setValue(100);
    chunking->overlapBox()->setValue(80);
    // Checked as you type: the reason shows and Attach waits for a valid choice.
    QVERIFY(!chunking->isValid());
    auto *problem = chunking->findChild<QLabel *>(u"chunkingProblem"_s);
    QVERIFY(problem && problem->isVisible());
    QCOMPARE(problem->text(), u"An overlap of 80 tokens is too large for 100-token chunks; use 0 to 50."_s);
    QVERIFY(!sheet->attachButton()->isEnabled());
    QCOMPARE(sheet->attachButton()->toolTip(), problem->text());
    chunking->overlapBox()->setValue(20);
    QVERIFY(chunking->isValid());
    QVERIFY(!problem->isVisible());
    QVERIFY(sheet->attachButton()->isEnabled());

    QTest::mouseClick(sheet->attachButton(), Qt::LeftButton);
    QTRY_COMPARE(sheet->phase(), AttachSheet::Phase::Report);
    QVERIFY(!chunking->isVisible());
    const qint64 fileId = sheet->model()->itemAt(0)->fileId;
    QVERIFY(fileId > 0);
    vd::Database db(m_fixture.url);
    QVERIFY(db.open(nullptr));
    vd::CoreSession serviceSession(db, m_fixture.operatorName);
    vd::VectorStoreService &service = serviceSession.service();
    auto file = service.file(u"acme"_s, u"invoices"_s, QString::number(fileId));
    QVERIFY2(file, file ? "" : qPrintable(file.error().message()));
    QCOMPARE(file->chunking, (vd::ChunkingStrategy{u"static"_s, 100, 20}));
}

QTEST_MAIN(tst_UiAttach)
#include "tst_ui_attach.moc"
