// Store and file actions offscreen: role-aware enabling (a viewer sees destructive actions
// disabled, with the role they need in the tooltip), delete → trash → restore, creating a store
// through its dialog, and metadata limits checked as you type.

#include "core/session/coresession.h"
#include "ui/actions/storeactions.h"
#include "ui/attach/attachsheet.h"
#include "ui/data/ingestionrunner.h"
#include "ui/dialogs/keyvalueeditor.h"
#include "ui/dialogs/storedialog.h"
#include "ui/dialogs/trashdialog.h"
#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/storetablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/widgets/chunkingeditor.h"
#include "ui/widgets/placeholdertableview.h"
#include "uidriver.h"
#include "uifixture.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using vd::ui::MainWindow;

using vd::test::topLevel;

namespace {

QStringList storeNames(const MainWindow &window)
{
    QStringList names;
    const auto *model = window.storePanel()->model();
    for (int row = 0; row < model->rowCount(); ++row)
        names << model->index(row, 0).data().toString();
    names.sort();
    return names;
}

} // namespace

class tst_UiActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void viewerSeesDestructiveActionsDisabled();
    void ownerMayDoEverything();
    void deleteGoesToTrashAndRestores();
    void createStoreThroughTheDialog();
    void metadataLimitsAreCheckedAsYouType();
    void editFileAttributes();
    void retryFailedFile();
    void aRefusedActionShowsItsRequestId();
    void everyControlHasAnAccessibleName();

private:
    bool showAndSettle(MainWindow &window);
    vd::test::UiFixture m_fixture;
};

void tst_UiActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_fixture.create());
    vd::Database db(m_fixture.url);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    vd::CoreSession serviceSession(db, m_fixture.operatorName);
    vd::VectorStoreService &service = serviceSession.service();
    auto member = service.addMember(u"acme"_s, u"victor"_s, vd::Role::Viewer);
    QVERIFY2(member, member ? "" : qPrintable(member.error().message()));
}

void tst_UiActions::init()
{
    QSettings().clear();
}

bool tst_UiActions::showAndSettle(MainWindow &window)
{
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    auto *panel = window.filePanel();
    return QTest::qWaitFor(
        [&] {
            return panel->model()->rowCount() > 0 && !panel->model()->isLoading()
                && !window.storePanel()->model()->isLoading();
        },
        10'000);
}

void tst_UiActions::viewerSeesDestructiveActionsDisabled()
{
    MainWindow window(m_fixture.url, u"victor"_s);
    QVERIFY(showAndSettle(window));
    vd::ui::StoreActions *actions = window.storeActions();
    QCOMPARE(actions->currentRole(), vd::Role::Viewer);
    const QString needsAdmin = u"Needs the admin role in acme; you are viewer."_s;
    for (QAction *action : {actions->newStore(), actions->editStore(), actions->setPrimary(), actions->deleteStore()}) {
        QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));
        QCOMPARE(action->toolTip(), needsAdmin);
    }
    window.filePanel()->view()->selectRow(0);
    QVERIFY(!actions->detachFiles()->isEnabled());
    QCOMPARE(actions->detachFiles()->toolTip(), u"Needs the editor role in acme; you are viewer."_s);
    QVERIFY2(!window.addFilesAction()->isEnabled(), qPrintable(window.addFilesAction()->toolTip()));
    QCOMPARE(window.addFilesAction()->toolTip(), u"Needs the editor role in acme; you are viewer."_s);
    // Viewing the trash is allowed; restoring is not.
    QVERIFY(actions->trash()->isEnabled());
    actions->trash()->trigger();
    vd::ui::TrashDialog *trash = actions->trashDialog();
    QVERIFY(trash);
    QTRY_VERIFY(!trash->isLoading());
    QVERIFY(!trash->restoreButton()->isEnabled());
    QCOMPARE(trash->restoreButton()->toolTip(), needsAdmin);
    trash->close();
    // The role is visible in the status bar.
    QCOMPARE(window.findChild<QLabel *>(u"operatorLabel"_s)->text(), u"Operator: victor · Viewer in acme"_s);
    // Del on the store table does nothing for a viewer: no confirmation appears.
    window.storePanel()->view()->setFocus();
    QTest::keyClick(window.storePanel()->view(), Qt::Key_Delete);
    QVERIFY(!topLevel<QMessageBox>(u"deleteStoreConfirmation"_s));
}

void tst_UiActions::ownerMayDoEverything()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    vd::ui::StoreActions *actions = window.storeActions();
    QCOMPARE(actions->currentRole(), vd::Role::Owner);
    QVERIFY(actions->newStore()->isEnabled());
    QVERIFY(actions->editStore()->isEnabled());
    QVERIFY(actions->deleteStore()->isEnabled());
    QCOMPARE(actions->deleteStore()->toolTip(), u"Move the store to the trash (Del)"_s);
    QVERIFY(window.addFilesAction()->isEnabled());
    QVERIFY(!actions->detachFiles()->isEnabled()); // nothing selected
    QCOMPARE(actions->detachFiles()->toolTip(), u"Select files first."_s);
    window.filePanel()->view()->selectRow(0);
    QVERIFY(actions->detachFiles()->isEnabled());
}

void tst_UiActions::deleteGoesToTrashAndRestores()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    window.storePanel()->selectStore(m_fixture.invoices);
    QTRY_COMPARE(window.storePanel()->currentStoreId(), m_fixture.invoices);
    QCOMPARE(storeNames(window), (QStringList{u"contracts"_s, u"invoices"_s}));

    // Del on the store table asks first, saying what goes away.
    window.activateWindow();
    window.storePanel()->view()->setFocus();
    QTest::keyClick(window.storePanel()->view(), Qt::Key_Delete);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = topLevel<QMessageBox>(u"deleteStoreConfirmation"_s)) != nullptr);
    QCOMPARE(box->text(), u"Delete store invoices of acme?"_s);
    QVERIFY2(box->informativeText().startsWith(u"Its 2 files (0 bytes indexed) stop being searchable at once."_s),
             qPrintable(box->informativeText()));
    QVERIFY(box->informativeText().contains(u"trash"_s));
    auto *confirm = box->findChild<QPushButton *>(u"confirmDeleteButton"_s);
    QVERIFY(confirm);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_COMPARE(storeNames(window), QStringList{u"contracts"_s});
    QTRY_VERIFY(window.statusBar()->currentMessage().startsWith(u"Deleted store invoices"_s));

    // The trash lists it; Restore brings it back.
    window.storeActions()->trash()->trigger();
    vd::ui::TrashDialog *trash = window.storeActions()->trashDialog();
    QVERIFY(trash);
    QTRY_COMPARE(trash->list()->topLevelItemCount(), 1);
    QCOMPARE(trash->list()->topLevelItem(0)->text(0), u"invoices"_s);
    QCOMPARE(trash->list()->topLevelItem(0)->text(2), u"2"_s);
    QVERIFY(trash->restoreButton()->isEnabled());
    QTest::mouseClick(trash->restoreButton(), Qt::LeftButton);
    QTRY_COMPARE(storeNames(window), (QStringList{u"contracts"_s, u"invoices"_s}));
    QTRY_COMPARE(trash->list()->topLevelItemCount(), 0);
    QTRY_COMPARE(window.statusBar()->currentMessage(), u"Restored store invoices"_s);
    trash->close();
}

void tst_UiActions::createStoreThroughTheDialog()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    window.storeActions()->newStore()->trigger();
    vd::ui::StoreDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = topLevel<vd::ui::StoreDialog>(u"storeDialog"_s)) != nullptr);
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    QCOMPARE(ok->toolTip(), u"Name the store."_s);
    // A name that exists: the service refuses, the dialog stays open with its message.
    dialog->nameField()->setText(u"contracts"_s);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog->errorText().isEmpty());
    QVERIFY2(dialog->errorText().contains(u"contracts"_s), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    dialog->nameField()->setText(u"policies"_s);
    dialog->expiryBox()->setChecked(true);
    dialog->metadataEditor()->addRow(u"owner"_s, u"string"_s, u"legal"_s);
    vd::ui::ChunkingEditor *chunking = dialog->chunkingEditor();
    QCOMPARE(chunking->modeBox()->currentText(), u"Automatic (800-token chunks, 400 overlap)"_s);
    chunking->modeBox()->setCurrentIndex(chunking->modeBox()->findText(u"Fixed size"_s));
    chunking->sizeBox()->setValue(300);
    chunking->overlapBox()->setValue(200);
    QVERIFY(!ok->isEnabled());
    QCOMPARE(ok->toolTip(), u"An overlap of 200 tokens is too large for 300-token chunks; use 0 to 150."_s);
    chunking->overlapBox()->setValue(50);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!topLevel<vd::ui::StoreDialog>(u"storeDialog"_s));
    QTRY_VERIFY(storeNames(window).contains(u"policies"_s));
    QTRY_COMPARE(window.storePanel()->currentStore() ? window.storePanel()->currentStore()->name : QString(),
                 u"policies"_s);
    const vd::VectorStore *created = window.storePanel()->currentStore();
    QCOMPARE(created->metadata.value(u"owner"_s).toString(), u"legal"_s);
    QVERIFY(created->expiresAfter.has_value());
    QCOMPARE(created->expiresAfter->days, 30);
    QCOMPARE(created->chunking, (vd::ChunkingStrategy{u"static"_s, 300, 50}));

    // Editing shows the store's chunking; going back to automatic is saved.
    window.storeActions()->editStore()->trigger();
    QTRY_VERIFY((dialog = topLevel<vd::ui::StoreDialog>(u"storeDialog"_s)) != nullptr);
    chunking = dialog->chunkingEditor();
    QCOMPARE(chunking->modeBox()->currentText(), u"Fixed size"_s);
    QCOMPARE(chunking->sizeBox()->value(), 300);
    QCOMPARE(chunking->overlapBox()->value(), 50);
    chunking->modeBox()->setCurrentIndex(chunking->modeBox()->findText(u"Automatic (800-token chunks, 400 overlap)"_s));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!topLevel<vd::ui::StoreDialog>(u"storeDialog"_s));
    QTRY_COMPARE(window.storePanel()->currentStore()->chunking, vd::ChunkingStrategy{});
}

void tst_UiActions::metadataLimitsAreCheckedAsYouType()
{
    vd::ui::KeyValueEditor editor(vd::ui::KeyValueEditor::Kind::Attributes);
    editor.addRow(u"year"_s, u"number"_s, u"2024"_s);
    editor.addRow(u"public"_s, u"boolean"_s, u"true"_s);
    QVERIFY(editor.isValid());
    QCOMPARE(editor.object(), (QJsonObject{{u"year"_s, 2024}, {u"public"_s, true}}));
    editor.table()->item(0, 2)->setText(u"soon"_s);
    QVERIFY(!editor.isValid());
    QCOMPARE(editor.problem(), u"The value of “year” is not a number."_s);
    editor.table()->item(0, 2)->setText(u"2025"_s);
    QVERIFY(editor.isValid());
    editor.table()->item(1, 0)->setText(QString(65, u'k'));
    QVERIFY(editor.problem().contains(u"at most 64"_s));
    editor.table()->item(1, 0)->setText(u"public"_s);
    const int text = editor.addRow(u"note"_s, u"string"_s, QString(513, u'x'));
    QCOMPARE(editor.problem(), u"The value of “note” is 513 characters long; text values may have at most 512."_s);
    editor.table()->item(text, 2)->setText(u"short"_s);
    for (int i = 0; i < 14; ++i)
        editor.addRow(u"k%1"_s.arg(i), u"string"_s, u"v"_s);
    QCOMPARE(editor.problem(), u"17 keys; at most 16 are allowed."_s);
}

void tst_UiActions::editFileAttributes()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    window.storePanel()->selectStore(m_fixture.contracts);
    vd::ui::FilePanel *files = window.filePanel();
    QTRY_COMPARE(files->model()->storeId(), m_fixture.contracts);
    QTRY_VERIFY(files->model()->rowOf(m_fixture.completedFile) >= 0);
    QVERIFY(!window.storeActions()->editAttributes()->isEnabled());
    files->view()->selectRow(files->model()->rowOf(m_fixture.completedFile));
    QVERIFY(window.storeActions()->editAttributes()->isEnabled());
    window.storeActions()->editAttributes()->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = topLevel<QDialog>(u"attributesDialog"_s)) != nullptr);
    auto *editor = dialog->findChild<vd::ui::KeyValueEditor *>();
    QPushButton *save = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
    const int row = editor->addRow(u"year"_s, u"number"_s, u"soon"_s);
    QVERIFY(!save->isEnabled());
    editor->table()->item(row, 2)->setText(u"2025"_s);
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY(!topLevel<QDialog>(u"attributesDialog"_s));
    QTRY_COMPARE(files->model()->fileAt(files->model()->rowOf(m_fixture.completedFile))->attributes.value(u"year"_s),
                 QJsonValue(2025));
}

void tst_UiActions::retryFailedFile()
{
    // A viewer: retry and cancel are disabled, the tooltip names the role.
    {
        MainWindow window(m_fixture.url, u"victor"_s);
        QVERIFY(showAndSettle(window));
        window.storePanel()->selectStore(m_fixture.contracts);
        vd::ui::FilePanel *files = window.filePanel();
        QTRY_VERIFY(files->model()->storeId() == m_fixture.contracts
                    && files->model()->rowOf(m_fixture.failedFile) >= 0);
        files->view()->selectRow(files->model()->rowOf(m_fixture.failedFile));
        QVERIFY(!window.storeActions()->retryFiles()->isEnabled());
        QCOMPARE(window.storeActions()->retryFiles()->toolTip(), u"Needs the editor role in acme; you are viewer."_s);
        QVERIFY(!window.storeActions()->cancelFiles()->isEnabled());
    }
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    window.storePanel()->selectStore(m_fixture.contracts);
    vd::ui::FilePanel *files = window.filePanel();
    QTRY_VERIFY(files->model()->storeId() == m_fixture.contracts && files->model()->rowOf(m_fixture.failedFile) >= 0);
    vd::ui::StoreActions *actions = window.storeActions();
    // A completed file can be neither retried nor cancelled.
    files->view()->selectRow(files->model()->rowOf(m_fixture.completedFile));
    QVERIFY(!actions->retryFiles()->isEnabled());
    QCOMPARE(actions->retryFiles()->toolTip(), u"Select failed, cancelled or stuck files first."_s);
    QVERIFY(!actions->cancelFiles()->isEnabled());
    // The failed one can be retried (not cancelled: it is not in progress).
    files->view()->selectRow(files->model()->rowOf(m_fixture.failedFile));
    QVERIFY(actions->retryFiles()->isEnabled());
    QVERIFY(!actions->cancelFiles()->isEnabled());
    QSignalSpy changed(actions, &vd::ui::StoreActions::changed);
    QSignalSpy indexed(window.ingestionRunner(), &vd::ui::IngestionRunner::fileFinished);
    actions->retryFiles()->trigger();
    QVERIFY(changed.wait(10'000));
    QCOMPARE(changed.first().first().toString(), u"Retrying 1 file"_s);
    // The ingestion runner picks the retried file up again (its stored copy is missing in the
    // fixture, so it fails again, with the new reason).
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(indexed.cbegin(), indexed.cend(),
                    [&](const QList<QVariant> &args) { return args.first().toLongLong() == m_fixture.failedFile; }),
        10'000);
    const auto finished = std::find_if(indexed.cbegin(), indexed.cend(), [&](const QList<QVariant> &args) {
        return args.first().toLongLong() == m_fixture.failedFile;
    });
    QCOMPARE(finished->at(2).value<vd::FileStatus>(), vd::FileStatus::Failed);
    QVERIFY2(finished->at(3).toString().contains(u"missing"_s), qPrintable(finished->at(3).toString()));
}

// A store deleted by a teammate after it was shown: "Make primary" is refused, and the banner names
// the request id of that call (docs/observability.md), which the copy button copies.
void tst_UiActions::aRefusedActionShowsItsRequestId()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    window.storePanel()->selectStore(m_fixture.invoices);
    QTRY_COMPARE(window.storePanel()->currentStoreId(), m_fixture.invoices);
    {
        vd::Database db(m_fixture.url);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        vd::CoreSession teammate(db, m_fixture.operatorName);
        QVERIFY(teammate.service().deleteStore(u"acme"_s, QString::number(m_fixture.invoices)));
    }
    QVERIFY(window.storeActions()->setPrimary()->isEnabled());
    window.storeActions()->setPrimary()->trigger();
    QTRY_VERIFY(!window.storePanel()->errorMessage().isEmpty());
    QVERIFY2(window.storePanel()->errorMessage().contains(u"No store"_s),
             qPrintable(window.storePanel()->errorMessage()));
    const QString requestId = window.storePanel()->errorRequestId();
    QVERIFY2(requestId.startsWith(u"req_"_s), qPrintable(requestId));
    auto *copy = window.storePanel()->findChild<QPushButton *>(u"copyRequestIdButton"_s);
    QVERIFY(copy && copy->isVisibleTo(window.storePanel()));
    QTest::mouseClick(copy, Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), requestId);
}

void tst_UiActions::everyControlHasAnAccessibleName()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    window.showSearch();
    window.filePanel()->attachPaths({QFINDTESTDATA("tst_ui_actions.cpp")});
    QTRY_COMPARE(window.filePanel()->attachSheet()->phase(), vd::ui::AttachSheet::Phase::Preview);
    QStringList unnamed;
    const QList<QWidget *> widgets = window.findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w)
            || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QAbstractSlider *>(w)
            || qobject_cast<QAbstractItemView *>(w);
        if (!control || qobject_cast<QScrollBar *>(w) || w->inherits("QLineEditIconButton")
            || w->inherits("QToolBarExtension") || w->inherits("QTabBar") || w->inherits("QDockWidgetTitleButton")
            || (w->parentWidget() && w->parentWidget()->inherits("QHeaderView"))
            // Qt's own parts of composite widgets: headers, corner buttons, a spin box's editor.
            || qobject_cast<QHeaderView *>(w) || w->inherits("QTableCornerButton")
            || qobject_cast<QAbstractSpinBox *>(w->parentWidget()) || w->objectName() == u"qt_menubar_ext_button"_s)
            continue;
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        if (!iface || iface->text(QAccessible::Name).trimmed().isEmpty())
            unnamed << u"%1 (%2)"_s.arg(w->objectName(), QString::fromLatin1(w->metaObject()->className()));
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
}

QTEST_MAIN(tst_UiActions)
#include "tst_ui_actions.moc"
