// The window's files, offscreen over a real local engine: Del on files asks first, detached
// files are listed in the trash and come back with their chunks searchable (and Ctrl+Z undoes a
// detach); the file page shows metadata and chunks in pages and is opened from a file row and
// from a search result at its chunk; the playground's Store column, empty-table messages, F5
// keeping the ticked stores; attributes at attach; CSV/JSON export; retrying every failed file.

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "ui/actions/storeactions.h"
#include "ui/attach/attachmodel.h"
#include "ui/attach/attachsheet.h"
#include "ui/dialogs/keyvalueeditor.h"
#include "ui/dialogs/trashdialog.h"
#include "ui/files/chunkmodel.h"
#include "ui/files/filepage.h"
#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/storetablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/search/searchpanel.h"
#include "ui/search/searchresultmodel.h"
#include "ui/widgets/placeholdertableview.h"
#include "uidriver.h"
#include "uifixture.h"

#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using vd::test::topLevel;
using vd::ui::MainWindow;

class tst_UiFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void delOnFilesAsksAndCancelKeepsThem();
    void detachedFileIsInTheTrashAndRestoresSearchable();
    void ctrlZUndoesTheLastDetach();
    void filePageShowsMetadataAndChunksInPages();
    void failedFilePageShowsTheErrorAndRetries();
    void searchResultOpensTheFilePageAtItsChunk();
    void storeColumnEmptyMessagesAndF5KeepsStores();
    void attributesAtAttach();
    void exportFilesAndResults();
    void retryAllFailedFiles();

private:
    bool showStore(MainWindow &window, qint64 storeId);
    bool search(MainWindow &window, const QStringList &stores, const QString &query);
    int rowOfName(MainWindow &window, const QString &name);
    vd::test::UiFixture m_fixture;
    QTemporaryDir m_docs;
    qint64 m_kb = 0;
    qint64 m_long = 0; // long.txt in kb: 600 small chunks
};

void tst_UiFiles::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_fixture.create());
    QVERIFY(m_docs.isValid());
    vd::Database db(m_fixture.url);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    vd::engine::LocalEngine local(vd::engine::LocalEngine::rootFor(m_fixture.url));
    vd::VectorStoreService service(db, m_fixture.operatorName,
                                   [&](vd::BackendKind) -> vd::VectorStoreBackend * { return &local; });
    vd::StoreDraft draft;
    draft.name = u"kb"_s;
    auto kb = service.createStore(u"acme"_s, draft);
    QVERIFY2(kb, kb ? "" : qPrintable(kb.error().message()));
    m_kb = kb->id;
    const QList<std::pair<QString, QByteArray>> docs = {
        {u"refunds.md"_s, "# Refund policy\n\nCustomers may ask for a refund within 30 days.\n"},
        {u"travel.md"_s, "# Travel\n\nBook trains for trips under four hours.\n"},
    };
    for (const auto &[name, text] : docs) {
        QVERIFY(vd::test::writeFile(m_docs.filePath(name), text));
        auto attached = service.attachPath(u"acme"_s, u"kb"_s, m_docs.filePath(name), {});
        QVERIFY2(attached, attached ? "" : qPrintable(attached.error().message()));
    }
    // A long file in small chunks that overlap: more chunks than one page of the file page.
    QByteArray longText;
    for (int i = 0; i < 6000; ++i)
        longText += "Sentence " + QByteArray::number(i) + " talks about aircraft wing flutter. ";
    longText += "The final sentence mentions zeppelins.";
    QVERIFY(vd::test::writeFile(m_docs.filePath(u"long.txt"_s), longText));
    vd::ChunkingStrategy small;
    small.type = u"static"_s;
    small.maxChunkSizeTokens = 100;
    small.chunkOverlapTokens = 20;
    auto longFile = service.attachPath(u"acme"_s, u"kb"_s, m_docs.filePath(u"long.txt"_s), {}, small);
    QVERIFY2(longFile, longFile ? "" : qPrintable(longFile.error().message()));
    m_long = longFile->id;
    vd::engine::Ingestor ingestor(db, [&](vd::BackendKind) -> vd::VectorStoreBackend * { return &local; });
    auto drained = ingestor.drain([] { return false; }, {}, m_fixture.acme, m_kb);
    QVERIFY2(drained, drained ? "" : qPrintable(drained.error().message()));
    QCOMPARE(drained->completed, 3);
}

void tst_UiFiles::init()
{
    QSettings().clear();
}

bool tst_UiFiles::showStore(MainWindow &window, qint64 storeId)
{
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    window.activateWindow();
    if (!QTest::qWaitFor([&] { return window.storePanel()->model()->rowCount() > 0; }, 10'000))
        return false;
    window.storePanel()->selectStore(storeId);
    auto *files = window.filePanel();
    return QTest::qWaitFor(
        [&] {
            return files->model()->storeId() == storeId && !files->model()->isLoading()
                && files->model()->rowCount() > 0;
        },
        10'000);
}

int tst_UiFiles::rowOfName(MainWindow &window, const QString &name)
{
    return vd::test::rowNamed(window.filePanel()->model(), name);
}

bool tst_UiFiles::search(MainWindow &window, const QStringList &stores, const QString &query)
{
    window.showSearch();
    vd::ui::SearchPanel *panel = window.searchPanel();
    if (!QTest::qWaitFor([&] { return panel->storeList()->count() == 3; }, 10'000))
        return false;
    for (int i = 0; i < panel->storeList()->count(); ++i) {
        QListWidgetItem *item = panel->storeList()->item(i);
        item->setCheckState(stores.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
    }
    panel->queryField()->setText(query);
    QTest::keyClick(panel->queryField(), Qt::Key_Return);
    return QTest::qWaitFor([&] { return !panel->isSearching(); }, 10'000);
}

void tst_UiFiles::delOnFilesAsksAndCancelKeepsThem()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showStore(window, m_kb));
    vd::ui::FilePanel *files = window.filePanel();
    files->view()->selectRow(rowOfName(window, u"travel.md"_s));
    files->view()->setFocus();
    QTest::keyClick(files->view(), Qt::Key_Delete);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = topLevel<QMessageBox>(u"detachFilesConfirmation"_s)) != nullptr);
    QCOMPARE(box->text(), u"Detach travel.md from store kb?"_s);
    QVERIFY2(box->informativeText().contains(u"Ctrl+Z"_s), qPrintable(box->informativeText()));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
    QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!topLevel<QMessageBox>(u"detachFilesConfirmation"_s));
    files->reload();
    QTRY_VERIFY(!files->model()->isLoading());
    QVERIFY(rowOfName(window, u"travel.md"_s) >= 0);
}

void tst_UiFiles::detachedFileIsInTheTrashAndRestoresSearchable()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showStore(window, m_kb));
    vd::ui::FilePanel *files = window.filePanel();
    files->view()->selectRow(rowOfName(window, u"refunds.md"_s));
    files->view()->setFocus();
    QTest::keyClick(files->view(), Qt::Key_Delete);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = topLevel<QMessageBox>(u"detachFilesConfirmation"_s)) != nullptr);
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDetachButton"_s), Qt::LeftButton);
    QTRY_COMPARE(rowOfName(window, u"refunds.md"_s), -1);
    QTRY_VERIFY(window.statusBar()->currentMessage().startsWith(u"Detached 1 file"_s));

    // Detached: no longer found.
    QVERIFY(search(window, {u"kb"_s}, u"refund"_s));
    QCOMPARE(window.searchPanel()->results()->rowCount(), 0);

    // View › Trash lists it under Files (no deleted store, so that tab shows).
    window.tabs()->setCurrentIndex(0);
    window.storeActions()->trash()->trigger();
    vd::ui::TrashDialog *trash = window.storeActions()->trashDialog();
    QVERIFY(trash);
    QTRY_VERIFY(!trash->isLoading());
    QTRY_COMPARE(trash->tabs()->currentWidget(), trash->fileList());
    QCOMPARE(trash->fileList()->topLevelItemCount(), 1);
    QCOMPARE(trash->fileList()->topLevelItem(0)->text(0), u"refunds.md"_s);
    QCOMPARE(trash->fileList()->topLevelItem(0)->text(1), u"kb"_s);
    QVERIFY(trash->statusText() != u"The trash is empty."_s);
    QVERIFY(trash->restoreButton()->isEnabled());
    QTest::mouseClick(trash->restoreButton(), Qt::LeftButton);
    QTRY_VERIFY(rowOfName(window, u"refunds.md"_s) >= 0);
    QTRY_COMPARE(window.statusBar()->currentMessage(), u"Restored file refunds.md"_s);
    QTRY_VERIFY(!trash->isLoading());
    QTRY_COMPARE(trash->fileList()->topLevelItemCount(), 0);
    QCOMPARE(trash->statusText(), u"The trash is empty."_s);
    trash->close();

    // Restored with its chunks: searchable again.
    QVERIFY(search(window, {u"kb"_s}, u"refund"_s));
    QCOMPARE(window.searchPanel()->results()->rowCount(), 1);
    QCOMPARE(window.searchPanel()->results()->index(0, vd::ui::SearchResultModel::FileColumn).data().toString(),
             u"refunds.md"_s);
}

void tst_UiFiles::ctrlZUndoesTheLastDetach()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showStore(window, m_kb));
    vd::ui::FilePanel *files = window.filePanel();
    QAction *undo = window.storeActions()->undoDetach();
    QVERIFY(!undo->isEnabled());
    files->view()->selectRow(rowOfName(window, u"travel.md"_s));
    window.storeActions()->detachFiles()->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = topLevel<QMessageBox>(u"detachFilesConfirmation"_s)) != nullptr);
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDetachButton"_s), Qt::LeftButton);
    QTRY_COMPARE(rowOfName(window, u"travel.md"_s), -1);
    QTRY_VERIFY(undo->isEnabled());
    // The confirmation took the focus; back in the window, Ctrl+Z is its shortcut.
    window.activateWindow();
    QTRY_VERIFY(window.isActiveWindow());
    files->view()->setFocus();
    QTest::keyClick(files->view(), Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY(rowOfName(window, u"travel.md"_s) >= 0);
    QTRY_COMPARE(window.statusBar()->currentMessage(), u"Restored 1 file"_s);
    QVERIFY(!undo->isEnabled());
}

void tst_UiFiles::filePageShowsMetadataAndChunksInPages()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showStore(window, m_kb));
    vd::ui::FilePanel *files = window.filePanel();
    // Enter on a file row opens its page.
    files->view()->setFocus();
    files->view()->setCurrentIndex(files->model()->index(rowOfName(window, u"long.txt"_s), 0));
    QTest::keyClick(files->view(), Qt::Key_Return);
    vd::ui::FilePage *page = nullptr;
    QTRY_VERIFY((page = window.storeActions()->filePage()) != nullptr);
    QTRY_VERIFY(!page->isLoading());
    QCOMPARE(page->fileId(), m_long);
    QCOMPARE(page->field(u"status"_s), u"Completed"_s);
    QCOMPARE(page->field(u"sha256"_s).size(), 64);
    QCOMPARE(page->field(u"type"_s), u"text/plain"_s);
    QVERIFY2(page->field(u"chunking"_s).startsWith(u"Static: 100-token chunks, 20 overlap"_s),
             qPrintable(page->field(u"chunking"_s)));
    QCOMPARE(page->field(u"lastError"_s), u"—"_s);
    QVERIFY(page->field(u"source"_s).endsWith(u"long.txt"_s));
    // The first page of chunks, more as the table scrolls.
    vd::ui::ChunkModel *chunks = page->chunks();
    QTRY_COMPARE(chunks->rowCount(), vd::ui::ChunkModel::kPageSize);
    QVERIFY(chunks->hasMore());
    QVERIFY(page->chunkStatus()->text().startsWith(u"Chunks 0–249 loaded"_s));
    page->chunkTable()->scrollToBottom();
    QTRY_VERIFY(chunks->rowCount() > vd::ui::ChunkModel::kPageSize);
    // The last chunk: loaded through, selected, its text whole.
    page->showChunk(100000);
    QTRY_VERIFY(!chunks->hasMore());
    QTRY_VERIFY(!chunks->isLoading());
    const int last = chunks->rowCount() - 1;
    QVERIFY(last > 300);
    page->chunkTable()->setCurrentIndex(chunks->index(last, 0));
    QVERIFY(page->chunkText()->toPlainText().contains(u"zeppelins"_s));
    // Overlapping chunks: the shared start is marked, not a second copy.
    QVERIFY2(page->chunkText()->toPlainText().contains(u"the dimmed start repeats the end of chunk"_s),
             qPrintable(page->chunkText()->toPlainText().left(200)));
    // A completed, live file: detach and edit are offered, restore is not.
    QVERIFY(page->detachButton()->isEnabled());
    QVERIFY(page->attributesButton()->isEnabled());
    QVERIFY(!page->restoreButton()->isEnabled());
    QVERIFY(!page->retryButton()->isEnabled());
    // Detach from the page asks too; the page then shows the file as detached and restores it.
    QTest::mouseClick(page->detachButton(), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = topLevel<QMessageBox>(u"detachFilesConfirmation"_s)) != nullptr);
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDetachButton"_s), Qt::LeftButton);
    QTRY_VERIFY(!page->isLive());
    QTRY_VERIFY(page->restoreButton()->isEnabled());
    QVERIFY(!page->field(u"detached"_s).isEmpty() && page->field(u"detached"_s) != u"—"_s);
    QCOMPARE(page->chunks()->rowCount(), 0);
    QTest::mouseClick(page->restoreButton(), Qt::LeftButton);
    QTRY_VERIFY(page->isLive());
    QTRY_COMPARE(chunks->rowCount(), vd::ui::ChunkModel::kPageSize);
    QTRY_VERIFY(rowOfName(window, u"long.txt"_s) >= 0);
    page->close();
}

void tst_UiFiles::failedFilePageShowsTheErrorAndRetries()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showStore(window, m_fixture.contracts));
    vd::ui::FilePanel *files = window.filePanel();
    const int row = files->model()->rowOf(m_fixture.failedFile);
    QVERIFY(row >= 0);
    // Double-click on a row opens its page.
    const QRect rect = files->view()->visualRect(files->model()->index(row, 0));
    // A double-click is a press followed by a double-click event (QTest sends only the latter).
    QTest::mousePress(files->view()->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(files->view()->viewport(), Qt::LeftButton, {}, rect.center());
    vd::ui::FilePage *page = nullptr;
    QTRY_VERIFY((page = window.storeActions()->filePage()) != nullptr);
    QTRY_VERIFY(!page->isLoading());
    QCOMPARE(page->fileId(), m_fixture.failedFile);
    QCOMPARE(page->field(u"status"_s), u"Failed"_s);
    QCOMPARE(page->field(u"lastError"_s), u"invalid_file: The document has no extractable text."_s);
    QVERIFY(page->chunkTable()->placeholderText().contains(u"Retry"_s));
    QVERIFY(page->retryButton()->isEnabled());
    // Every message shown, not just the current one: the retried file's ingestion may end, and
    // say so in the status bar, before the next look at it.
    QStringList shown;
    connect(window.statusBar(), &QStatusBar::messageChanged, this,
            [&shown](const QString &message) { shown << message; });
    QTest::mouseClick(page->retryButton(), Qt::LeftButton);
    QTRY_VERIFY2(!shown.filter(QRegularExpression(u"^Retrying sow\\.docx"_s)).isEmpty(),
                 qPrintable(shown.join(u" | "_s)));
    // The page follows the retry: in progress, done, or (the fixture's file has no stored bytes,
    // so its ingestion may already have ended by the time the page reloads) failed again with a
    // new error, never the old state.
    QTRY_VERIFY2(page->field(u"status"_s) != u"Failed"_s
                     || page->field(u"lastError"_s) != u"invalid_file: The document has no extractable text."_s,
                 qPrintable(page->field(u"status"_s) + u" "_s + page->field(u"lastError"_s)));
    page->close();
}

void tst_UiFiles::searchResultOpensTheFilePageAtItsChunk()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showStore(window, m_kb));
    QVERIFY(search(window, {u"kb"_s}, u"zeppelins"_s));
    vd::ui::SearchPanel *panel = window.searchPanel();
    QCOMPARE(panel->results()->rowCount(), 1);
    const vd::SearchHit *hit = panel->results()->hitAt(0);
    QCOMPARE(hit->fileId, m_long);
    const int ordinal = hit->chunkOrdinals.value(0);
    QVERIFY(ordinal > vd::ui::ChunkModel::kPageSize); // beyond the first page
    // The snippet starts on a word (a chunk may begin inside one).
    const QString snippet = panel->results()->index(0, vd::ui::SearchResultModel::TextColumn).data().toString();
    QVERIFY2(snippet.startsWith(u"…"_s) || snippet.front().isUpper() || !snippet.front().isLetter(),
             qPrintable(snippet));
    // Enter on the result opens the file's page at that chunk.
    panel->resultTable()->setFocus();
    panel->resultTable()->setCurrentIndex(panel->results()->index(0, 0));
    QTest::keyClick(panel->resultTable(), Qt::Key_Return);
    vd::ui::FilePage *page = nullptr;
    QTRY_VERIFY((page = window.storeActions()->filePage()) != nullptr);
    QTRY_COMPARE(page->chunks()->rowAt(page->chunkTable()->currentIndex().row())
                     ? page->chunks()->rowAt(page->chunkTable()->currentIndex().row())->chunk.ordinal
                     : -1,
                 ordinal);
    QVERIFY(page->chunkText()->toPlainText().contains(u"zeppelins"_s));
    page->close();
}

void tst_UiFiles::storeColumnEmptyMessagesAndF5KeepsStores()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showStore(window, m_kb));
    vd::ui::SearchPanel *panel = window.searchPanel();
    window.showSearch();
    QVERIFY(panel->resultTable()->placeholderText().contains(u"press Enter"_s));
    QVERIFY(panel->findChild<QLabel *>(u"searchModeLabel"_s)->text().contains(u"BM25"_s));

    // One store: no Store column.
    QVERIFY(search(window, {u"kb"_s}, u"flutter"_s));
    QVERIFY(panel->resultTable()->isColumnHidden(vd::ui::SearchResultModel::StoreColumn));
    // Two stores: a Store column naming each result's store.
    QVERIFY(search(window, {u"kb"_s, u"contracts"_s}, u"flutter"_s));
    QVERIFY(panel->results()->rowCount() > 0);
    QVERIFY(!panel->resultTable()->isColumnHidden(vd::ui::SearchResultModel::StoreColumn));
    QCOMPARE(panel->results()->index(0, vd::ui::SearchResultModel::StoreColumn).data().toString(), u"kb"_s);
    QVERIFY2(panel->statusText().contains(u"in 2 stores ("_s), qPrintable(panel->statusText()));
    QVERIFY(panel->lastSearchMs() >= 0);
    // The status shows once: in the panel, not again in the status bar.
    QVERIFY(!window.statusBar()->currentMessage().contains(u"flutter"_s));

    // F5 keeps the ticked stores (and so the results still match them).
    window.findChild<QAction *>(u"refreshAction"_s)->trigger();
    QTRY_COMPARE(panel->storeList()->count(), 3);
    QStringList checked;
    for (int i = 0; i < panel->storeList()->count(); ++i)
        if (panel->storeList()->item(i)->checkState() == Qt::Checked)
            checked << panel->storeList()->item(i)->text();
    checked.sort();
    QCOMPARE(checked, (QStringList{u"contracts"_s, u"kb"_s}));

    // No result: the table says so, and what to try.
    QVERIFY(search(window, {u"kb"_s}, u"xylophone"_s));
    QCOMPARE(panel->results()->rowCount(), 0);
    QVERIFY2(panel->resultTable()->placeholderText().startsWith(u"No results for “xylophone”."_s),
             qPrintable(panel->resultTable()->placeholderText()));
    // Results hidden by the threshold: the table says how to see them.
    QVERIFY(search(window, {u"kb"_s}, u"flutter"_s));
    QVERIFY(panel->results()->rowCount() > 0);
    panel->thresholdSlider()->setValue(100);
    if (panel->results()->rowCount() == 0)
        QVERIFY2(panel->resultTable()->placeholderText().contains(u"Lower the score threshold"_s),
                 qPrintable(panel->resultTable()->placeholderText()));
}

void tst_UiFiles::attributesAtAttach()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showStore(window, m_kb));
    QVERIFY(vd::test::writeFile(m_docs.filePath(u"tagged.txt"_s), "A document about tagging files.\n"));
    vd::ui::AttachSheet *sheet = window.filePanel()->attachSheet();
    window.filePanel()->attachPaths({m_docs.filePath(u"tagged.txt"_s)});
    QTRY_COMPARE(sheet->phase(), vd::ui::AttachSheet::Phase::Preview);
    QVERIFY(!sheet->attributesEditor()->isVisible());
    QTest::mouseClick(sheet->attributesToggle(), Qt::LeftButton);
    QVERIFY(sheet->attributesEditor()->isVisible());
    const int row = sheet->attributesEditor()->addRow(u"team"_s, u"string"_s, u""_s);
    sheet->attributesEditor()->table()->item(row, 2)->setText(u"legal"_s);
    sheet->attributesEditor()->addRow(u"year"_s, u"number"_s, u"soon"_s);
    QVERIFY(!sheet->attachButton()->isEnabled()); // "soon" is not a number
    sheet->attributesEditor()->table()->item(row + 1, 2)->setText(u"2025"_s);
    QVERIFY(sheet->attachButton()->isEnabled());
    QTest::mouseClick(sheet->attachButton(), Qt::LeftButton);
    QTRY_COMPARE(sheet->phase(), vd::ui::AttachSheet::Phase::Report);
    QTRY_VERIFY(rowOfName(window, u"tagged.txt"_s) >= 0);
    const vd::StoreFile *file = window.filePanel()->model()->fileAt(rowOfName(window, u"tagged.txt"_s));
    QCOMPARE(file->attributes, (QJsonObject{{u"team"_s, u"legal"_s}, {u"year"_s, 2025}}));
}

void tst_UiFiles::exportFilesAndResults()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showStore(window, m_fixture.contracts));
    QVERIFY(window.filePanel()->exportAction()->isEnabled());
    const QString csvPath = m_docs.filePath(u"contracts.csv"_s);
    window.filePanel()->exportFiles(csvPath);
    QTRY_VERIFY(window.statusBar()->currentMessage().startsWith(u"Exported 5 files to"_s));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QVERIFY(lines.first().startsWith("id,filename,status,size_bytes"));
    QCOMPARE(lines.size(), 7); // header, 5 files, the empty rest after the last line break
    QVERIFY(lines.at(1).contains("appendix.txt")); // sorted by name
    const QString jsonPath = m_docs.filePath(u"contracts.json"_s);
    window.filePanel()->exportFiles(jsonPath);
    QTRY_VERIFY(window.statusBar()->currentMessage().endsWith(u"contracts.json"_s));
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray array = QJsonDocument::fromJson(json.readAll()).array();
    QCOMPARE(array.size(), 5);
    QVERIFY(array.first().toObject().contains(u"sha256"_s));

    QVERIFY(search(window, {u"kb"_s}, u"flutter"_s));
    vd::ui::SearchPanel *panel = window.searchPanel();
    QVERIFY(panel->exportButton()->isEnabled());
    const QString resultsPath = m_docs.filePath(u"results.csv"_s);
    QSignalSpy exported(panel, &vd::ui::SearchPanel::exported);
    panel->exportResults(resultsPath);
    QTRY_COMPARE(exported.size(), 1);
    QFile results(resultsPath);
    QVERIFY(results.open(QIODevice::ReadOnly));
    const QList<QByteArray> resultLines = results.readAll().split('\n');
    QVERIFY(resultLines.first().startsWith("score,file,file_id,store,chunk,text"));
    QCOMPARE(resultLines.size(), panel->results()->rowCount() + 2);
    QVERIFY(resultLines.at(1).contains("long.txt,"));
}

void tst_UiFiles::retryAllFailedFiles()
{
    {
        MainWindow window(m_fixture.url, m_fixture.operatorName);
        QVERIFY(showStore(window, m_fixture.invoices));
        // No failed file in invoices: disabled, and says why.
        QAction *retryAll = window.storeActions()->retryAllFailed();
        QVERIFY(!retryAll->isEnabled());
        QCOMPARE(retryAll->toolTip(), u"invoices has no failed files."_s);
    }
    // contracts: a failed file (sow.docx, unless a test before retried it: fail it again).
    {
        vd::Database db(m_fixture.url);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QVERIFY(vd::test::UiFixture::finishFile(db, m_fixture.failedFile, u"failed"_s, u"invalid_file"_s,
                                                u"The document has no extractable text."_s, 0));
        QVERIFY(vd::test::UiFixture::recountStore(db, m_fixture.contracts));
    }
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showStore(window, m_fixture.contracts));
    QAction *retryAll = window.storeActions()->retryAllFailed();
    QTRY_VERIFY(retryAll->isEnabled());
    // The message, not the status bar: indexing that follows writes there too.
    QSignalSpy changed(window.storeActions(), &vd::ui::StoreActions::changed);
    window.activateWindow();
    QTRY_VERIFY(window.isActiveWindow());
    const qint64 failedBefore = window.storePanel()->currentStore()->fileCounts.failed;
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    // Every failed file of the store, however many earlier tests' indexing left failed.
    const qint64 failed = failedBefore;
    QVERIFY(failed >= 1);
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().toString(),
             failed == 1 ? u"Retrying 1 failed file"_s : u"Retrying %1 failed files"_s.arg(failed));
}

QTEST_MAIN(tst_UiFiles)
#include "tst_ui_files.moc"
