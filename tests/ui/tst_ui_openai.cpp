// OpenAI stores in the window, end to end against the in-test fake OpenAI server on loopback: a
// store created through the dialog with the OpenAI backend, files dropped on it, previewed,
// uploaded, attached and processed (their rows turn completed in place), then found in the
// search playground. The key comes from VECTORDESK_OPENAI_API_KEY (no keychain in this test).

#include "core/openai/credentialstore.h"
#include "core/openai/openaisettings.h"
#include "fakeopenaiserver.h"
#include "ui/actions/storeactions.h"
#include "ui/attach/attachmodel.h"
#include "ui/attach/attachsheet.h"
#include "ui/dialogs/storedialog.h"
#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/search/searchpanel.h"
#include "ui/search/searchresultmodel.h"
#include "ui/settings/openaikeybox.h"
#include "ui/settings/settingsdialog.h"
#include "ui/widgets/placeholdertableview.h"
#include "uidriver.h"
#include "uifixture.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using vd::test::dropFiles;
using vd::test::FakeOpenAIServer;
using vd::test::topLevel;
using vd::test::writeFile;
using vd::ui::AttachItem;
using vd::ui::AttachSheet;
using vd::ui::MainWindow;

class tst_UiOpenAI : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void createDropAttachAndSearch();
    void keyTestGoesThroughTheService();

private:
    vd::test::UiFixture m_fixture;
    QTemporaryDir m_files;
    FakeOpenAIServer *m_server = nullptr;
};

void tst_UiOpenAI::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    qputenv("no_proxy", "127.0.0.1,localhost");
    // No Secret Service here: the key comes from the environment, for every tenant.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/vectordesk-test-bus");
    m_server = new FakeOpenAIServer(this);
    QVERIFY(m_server->listen());
    qputenv(vd::openai::CredentialStore::kEnvironmentVariable, m_server->apiKey().toUtf8());
    QVERIFY(m_fixture.create());

    vd::Database db(m_fixture.url);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    vd::CoreSession serviceSession(db, m_fixture.operatorName);
    vd::VectorStoreService &service = serviceSession.service();
    vd::openai::TenantOpenAIUpdate update;
    update.baseUrl = m_server->baseUrl().toString();
    auto settings = service.updateOpenAISettings(u"acme"_s, update);
    QVERIFY2(settings, settings ? "" : qPrintable(settings.error().message()));

    QVERIFY(m_files.isValid());
    QVERIFY(writeFile(m_files.filePath(u"pets.md"_s),
                      "# Pets on board\n\nEach passenger may bring two woodchucks in the cabin.\n"));
    QVERIFY(writeFile(m_files.filePath(u"meals.txt"_s), "Meals are served on flights longer than three hours.\n"));
}

void tst_UiOpenAI::init()
{
    QSettings().clear();
}

void tst_UiOpenAI::createDropAttachAndSearch()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    vd::ui::FilePanel *panel = window.filePanel();
    QTRY_VERIFY(panel->model()->rowCount() > 0 && !panel->model()->isLoading());

    // Create the store through the dialog: the remote store exists before the row appears.
    window.storeActions()->newStore()->trigger();
    vd::ui::StoreDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = topLevel<vd::ui::StoreDialog>(u"storeDialog"_s)) != nullptr);
    dialog->nameField()->setText(u"handbook"_s);
    dialog->backendBox()->setCurrentIndex(dialog->backendBox()->findData(u"openai"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isCheckingKey(), 20'000); // the key comes from the environment
    QVERIFY2(dialog->keyNote()->text().contains(u"has an OpenAI key"_s), qPrintable(dialog->keyNote()->text()));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!topLevel<vd::ui::StoreDialog>(u"storeDialog"_s), 15'000);
    QCOMPARE(m_server->storeCount(), 1);
    QTRY_COMPARE(window.storePanel()->currentStore() ? window.storePanel()->currentStore()->name : QString(),
                 u"handbook"_s);
    const vd::VectorStore store = *window.storePanel()->currentStore();
    QCOMPARE(store.backend, vd::BackendKind::OpenAI);
    QVERIFY(store.remoteId.startsWith(u"vs_"_s));
    QTRY_COMPARE(panel->model()->storeId(), store.id);
    QTRY_VERIFY(!panel->model()->isLoading());
    QCOMPARE(panel->model()->totalCount(), 0);

    // Drop two files: preview, then attach; ingestion uploads and attaches them.
    AttachSheet *sheet = panel->attachSheet();
    QWidget *viewport = panel->view()->viewport();
    QVERIFY(dropFiles(viewport, viewport->rect().center(),
                      {m_files.filePath(u"pets.md"_s), m_files.filePath(u"meals.txt"_s)}));
    QTRY_COMPARE(sheet->phase(), AttachSheet::Phase::Preview);
    QCOMPARE(sheet->model()->count(AttachItem::State::Ready), 2);
    QCOMPARE(m_server->count("POST", u"/v1/files"_s), 0); // nothing is written before confirming
    QTest::mouseClick(sheet->attachButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(sheet->phase(), AttachSheet::Phase::Report, 15'000);
    QCOMPARE(sheet->model()->count(AttachItem::State::Attached), 2);

    vd::ui::FileTableModel *files = panel->model();
    QTRY_COMPARE(files->totalCount(), 2);
    const qint64 petsId = sheet->model()->itemAt(0)->fileId;
    QVERIFY(petsId > 0);
    QTRY_VERIFY(files->rowOf(petsId) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(files->fileAt(files->rowOf(petsId))->status, vd::FileStatus::Completed, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(files->fileAt(1 - files->rowOf(petsId))->status, vd::FileStatus::Completed, 30'000);
    QCOMPARE(m_server->count("POST", u"/v1/files"_s), 2);
    QCOMPARE(m_server->storeFileIds(store.remoteId).size(), 2);
    // What the rows show is what was recorded: reloaded, both are completed with OpenAI's file id.
    panel->reload();
    QTRY_VERIFY(!files->isLoading() && files->rowCount() == 2);
    for (int row = 0; row < 2; ++row) {
        QCOMPARE(files->fileAt(row)->status, vd::FileStatus::Completed);
        QVERIFY(files->fileAt(row)->remoteFileId.startsWith(u"file-"_s));
    }

    // The playground searches the OpenAI store the same way as a local one.
    window.showSearch();
    vd::ui::SearchPanel *search = window.searchPanel();
    QListWidget *stores = search->storeList();
    QTRY_COMPARE(stores->count(), 3);
    QListWidgetItem *handbook = nullptr;
    for (int i = 0; i < stores->count(); ++i) {
        QListWidgetItem *item = stores->item(i);
        item->setCheckState(item->data(Qt::UserRole).toLongLong() == store.id ? Qt::Checked : Qt::Unchecked);
        if (item->checkState() == Qt::Checked)
            handbook = item;
    }
    QVERIFY(handbook);
    QCOMPARE(handbook->text(), u"handbook (OpenAI)"_s);
    search->queryField()->setText(u"woodchucks"_s);
    QTRY_VERIFY(search->searchButton()->isEnabled());
    QTest::mouseClick(search->searchButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!search->isSearching(), 15'000);
    QVERIFY2(search->results()->rowCount() >= 1, qPrintable(search->statusText()));
    QCOMPARE(search->results()->hitAt(0)->filename, u"pets.md"_s);
    QVERIFY(m_server->count("POST", u"/v1/vector_stores/%1/search"_s.arg(store.remoteId)) >= 1);
    search->resultTable()->setCurrentIndex(search->results()->index(0, 0));
    QTRY_VERIFY(search->chunkView()->toPlainText().contains(u"two woodchucks"_s));
    QVERIFY(search->chunkView()->toPlainText().contains(u"not available for OpenAI stores"_s));
}

// Settings › OpenAI keys › Test: the operator's key check runs through the service (viewer role
// or more), reaches the tenant's base URL, and says where the key works.
void tst_UiOpenAI::keyTestGoesThroughTheService()
{
    vd::ui::SettingsDialog dialog;
    dialog.addOpenAIKeys(m_fixture.url, m_fixture.operatorName, {{m_fixture.acme, u"acme"_s, u"Acme Corp"_s, {}}},
                         m_fixture.acme);
    vd::ui::OpenAIKeyBox *box = dialog.openAIKeyBox();
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    QVERIFY(box->testButton()->isEnabled());
    QTest::mouseClick(box->testButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    QCOMPARE(box->stateLabel()->text(), u"The key works with %1"_s.arg(m_server->baseUrl().toString()));

    // Someone who is not a member of acme learns nothing about it.
    vd::ui::SettingsDialog stranger;
    stranger.addOpenAIKeys(m_fixture.url, u"mallory"_s, {{m_fixture.acme, u"acme"_s, u"Acme Corp"_s, {}}},
                           m_fixture.acme);
    box = stranger.openAIKeyBox();
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    QTest::mouseClick(box->testButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!box->isBusy(), 20'000);
    QVERIFY2(box->stateLabel()->text().startsWith(u"No tenant"_s), qPrintable(box->stateLabel()->text()));
}

QTEST_MAIN(tst_UiOpenAI)
#include "tst_ui_openai.moc"
