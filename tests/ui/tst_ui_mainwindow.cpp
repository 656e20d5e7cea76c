// The main window driven like a user would, offscreen: tenants, stores and files appear, the
// selection links the three tables, refresh keeps it, errors stay inline and empty tables say
// what to do.

#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/storetablemodel.h"
#include "ui/models/tenanttablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/widgets/placeholdertableview.h"
#include "uifixture.h"

#include <QAction>
#include <QApplication>
#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using vd::ui::MainWindow;
using vd::ui::PlaceholderTableView;

namespace {

QStringList texts(const QAbstractItemModel *model, int column = 0)
{
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row)
        values << model->index(row, column).data().toString();
    return values;
}

PlaceholderTableView *table(const MainWindow &window, const QString &name)
{
    return window.findChild<PlaceholderTableView *>(name);
}

// Clicks the row whose first column reads `text`; false when there is none.
bool clickRow(QTableView *view, const QString &text)
{
    const int row = int(texts(view->model()).indexOf(text));
    if (row < 0)
        return false;
    const QRect rect = view->visualRect(view->model()->index(row, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
    return true;
}

} // namespace

class tst_UiMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void showsTenantsStoresAndFilesAtStart();
    void selectingTenantLoadsItsStores();
    void keyboardMovesBetweenTenants();
    void selectingStoreLoadsItsFiles();
    void refreshKeepsTheSelection();
    void remembersSelectionAndLayout();
    void statusBarNamesDatabaseAndOperator();
    void emptyDatabaseSaysHowToCreateTenant();
    void loadErrorIsShownInline();

private:
    // Shows a window and waits until the first tenant's first store's files are in.
    bool showAndSettle(MainWindow &window);

    vd::test::UiFixture m_fixture;
};

void tst_UiMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_fixture.create());
}

void tst_UiMainWindow::init()
{
    QSettings().clear();
}

bool tst_UiMainWindow::showAndSettle(MainWindow &window)
{
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    auto *files = table(window, u"fileTable"_s);
    auto *panel = window.findChild<vd::ui::FilePanel *>(u"filePanel"_s);
    if (!files || !panel)
        return false;
    // Files are loaded last; once they are, tenants and stores are too.
    return QTest::qWaitFor([&] { return files->model()->rowCount() > 0 && !panel->model()->isLoading(); }, 10'000);
}

void tst_UiMainWindow::showsTenantsStoresAndFilesAtStart()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QCOMPARE(window.windowTitle(), u"VectorDesk"_s);
    QVERIFY(showAndSettle(window));
    auto *tenants = table(window, u"tenantTable"_s);
    auto *stores = table(window, u"storeTable"_s);
    auto *files = table(window, u"fileTable"_s);
    QVERIFY(tenants && stores && files);
    QCOMPARE(tenants->accessibleName(), u"Tenants"_s);
    QCOMPARE(stores->accessibleName(), u"Stores"_s);
    QCOMPARE(files->accessibleName(), u"Files"_s);

    QCOMPARE(texts(tenants->model()), (QStringList{u"Acme Corp (acme)"_s, u"Globex (globex)"_s}));
    // Nothing selected yet: the first tenant and its first store become current.
    QCOMPARE(window.tenantPanel()->currentTenantId(), m_fixture.acme);
    QCOMPARE(texts(stores->model()), (QStringList{u"contracts"_s, u"invoices"_s}));
    QCOMPARE(window.storePanel()->currentStoreId(), m_fixture.contracts);
    QCOMPARE(files->model()->rowCount(), 5);
    QCOMPARE(window.filePanel()->summary(), u"contracts · 5 files"_s);
    QCOMPARE(window.storePanel()->summary(), u"Acme Corp · 2 stores"_s);
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void tst_UiMainWindow::selectingTenantLoadsItsStores()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    auto *tenants = table(window, u"tenantTable"_s);
    auto *stores = table(window, u"storeTable"_s);
    auto *files = table(window, u"fileTable"_s);

    QVERIFY(clickRow(tenants, u"Globex (globex)"_s));
    QCOMPARE(window.tenantPanel()->currentTenantId(), m_fixture.globex);
    QTRY_COMPARE(texts(stores->model()), QStringList{u"research"_s});
    QTRY_COMPARE(texts(files->model()), QStringList{u"paper.md"_s});
    QCOMPARE(window.storePanel()->currentStoreId(), m_fixture.research);

    QVERIFY(clickRow(tenants, u"Acme Corp (acme)"_s));
    QTRY_COMPARE(texts(stores->model()), (QStringList{u"contracts"_s, u"invoices"_s}));
    QTRY_COMPARE(files->model()->rowCount(), 5);
}

void tst_UiMainWindow::keyboardMovesBetweenTenants()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    auto *tenants = table(window, u"tenantTable"_s);
    auto *stores = table(window, u"storeTable"_s);
    tenants->setFocus();
    QTest::keyClick(tenants, Qt::Key_Down);
    QCOMPARE(window.tenantPanel()->currentTenantId(), m_fixture.globex);
    QTRY_COMPARE(texts(stores->model()), QStringList{u"research"_s});
}

void tst_UiMainWindow::selectingStoreLoadsItsFiles()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    auto *stores = table(window, u"storeTable"_s);
    auto *files = table(window, u"fileTable"_s);

    QVERIFY(clickRow(stores, u"invoices"_s));
    QCOMPARE(window.storePanel()->currentStoreId(), m_fixture.invoices);
    QTRY_COMPARE(texts(files->model()), (QStringList{u"inv-001.txt"_s, u"inv-002.txt"_s}));
    QCOMPARE(window.filePanel()->summary(), u"invoices · 2 files"_s);

    QVERIFY(clickRow(stores, u"contracts"_s));
    QTRY_COMPARE(files->model()->rowCount(), 5);
}

void tst_UiMainWindow::refreshKeepsTheSelection()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(showAndSettle(window));
    auto *tenants = table(window, u"tenantTable"_s);
    auto *stores = table(window, u"storeTable"_s);
    auto *files = table(window, u"fileTable"_s);
    QVERIFY(clickRow(tenants, u"Globex (globex)"_s));
    QTRY_COMPARE(texts(files->model()), QStringList{u"paper.md"_s});

    auto *refresh = window.findChild<QAction *>(u"refreshAction"_s);
    QVERIFY(refresh);
    QCOMPARE(refresh->shortcut(), QKeySequence(Qt::Key_F5));
    QSignalSpy tenantsLoaded(window.tenantPanel()->model(), &vd::ui::TenantTableModel::loadFinished);
    QSignalSpy filesLoaded(window.filePanel()->model(), &vd::ui::FileTableModel::loadFinished);
    refresh->trigger();
    QVERIFY(tenantsLoaded.wait(10'000));
    QTRY_COMPARE(filesLoaded.size(), 1);
    QCOMPARE(window.tenantPanel()->currentTenantId(), m_fixture.globex);
    QCOMPARE(texts(stores->model()), QStringList{u"research"_s});
    QCOMPARE(texts(files->model()), QStringList{u"paper.md"_s});
    QCOMPARE(tenants->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(tenants->selectionModel()->selectedRows().constFirst().data().toString(), u"Globex (globex)"_s);
}

void tst_UiMainWindow::remembersSelectionAndLayout()
{
    {
        MainWindow window(m_fixture.url, m_fixture.operatorName);
        QVERIFY(showAndSettle(window));
        window.resize(1100, 700);
        QVERIFY(clickRow(table(window, u"tenantTable"_s), u"Acme Corp (acme)"_s));
        QVERIFY(clickRow(table(window, u"storeTable"_s), u"invoices"_s));
        QTRY_COMPARE(table(window, u"fileTable"_s)->model()->rowCount(), 2);
        window.close();
    }
    QVERIFY(QSettings().contains(u"ui/mainWindow/geometry"_s));
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QCOMPARE(window.size(), QSize(1100, 700));
    window.show();
    QTRY_COMPARE(window.storePanel()->currentStoreId(), m_fixture.invoices);
    QTRY_COMPARE(texts(table(window, u"fileTable"_s)->model()), (QStringList{u"inv-001.txt"_s, u"inv-002.txt"_s}));
}

void tst_UiMainWindow::statusBarNamesDatabaseAndOperator()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    auto *database = window.findChild<QLabel *>(u"databaseLabel"_s);
    auto *op = window.findChild<QLabel *>(u"operatorLabel"_s);
    QVERIFY(database && op);
    QCOMPARE(database->text(), m_fixture.url.describe());
    QVERIFY2(op->text().contains(u"alice"_s), qPrintable(op->text()));
}

void tst_UiMainWindow::emptyDatabaseSaysHowToCreateTenant()
{
    QTemporaryDir dir;
    QString error;
    auto url = vd::DatabaseUrl::parse(dir.filePath(u"empty.sqlite"_s), &error);
    QVERIFY2(url, qPrintable(error));
    {
        vd::Database db(*url);
        QVERIFY2(vd::Database::openAndMigrate(db, &error), qPrintable(error));
    }
    MainWindow window(*url, u"root"_s);
    window.show();
    auto *tenants = table(window, u"tenantTable"_s);
    QTRY_VERIFY2(tenants->placeholderText().contains(u"vectordesk tenant create SLUG"_s),
                 qPrintable(tenants->placeholderText()));
    QCOMPARE(tenants->model()->rowCount(), 0);
    QVERIFY(table(window, u"storeTable"_s)->placeholderText().contains(u"Select a tenant"_s));
    QVERIFY(table(window, u"fileTable"_s)->placeholderText().contains(u"Select a store"_s));
    QCOMPARE(window.tenantPanel()->summary(), u"0 tenants"_s);
}

void tst_UiMainWindow::loadErrorIsShownInline()
{
    QTemporaryDir dir; // a folder where the database file should be
    QString error;
    auto url = vd::DatabaseUrl::parse(dir.path(), &error);
    QVERIFY2(url, qPrintable(error));
    MainWindow window(*url, u"alice"_s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(!window.tenantPanel()->errorMessage().isEmpty());
    QVERIFY2(window.tenantPanel()->errorMessage().contains(u"folder"_s),
             qPrintable(window.tenantPanel()->errorMessage()));
    auto *banner = window.tenantPanel()->findChild<QFrame *>(u"errorBanner"_s);
    QVERIFY(banner && banner->isVisible());
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    QVERIFY(table(window, u"tenantTable"_s)->placeholderText().contains(u"could not be loaded"_s));
}

QTEST_MAIN(tst_UiMainWindow)
#include "tst_ui_mainwindow.moc"
