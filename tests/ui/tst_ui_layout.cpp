// The window's layout at 1024×700 and 1600×1000, offscreen over a real local engine: the columns
// that matter are inside their table's viewport and wide enough for their text (not elided):
// tenants' name, quota and role; stores' name and files; files' name, size and status (and at
// 1600 px every column of the stores and files, relative times included); search results'
// score, file and store, with the best chunk starting on screen. On the narrow window the
// search's attribute filter is folded away (and opens from its toggle).

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/storetablemodel.h"
#include "ui/models/tenanttablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/search/searchpanel.h"
#include "ui/search/searchresultmodel.h"
#include "ui/widgets/placeholdertableview.h"
#include "uidriver.h"
#include "uifixture.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using vd::ui::MainWindow;

namespace {

// Why a column is not whole on screen, or empty when it is: shown, inside the viewport, and at
// least as wide as its header and the cells shown need (so nothing in it is elided).
QString columnProblem(const QTableView *view, int column)
{
    const QHeaderView *header = view->horizontalHeader();
    const QString name = view->model()->headerData(column, Qt::Horizontal).toString();
    if (view->isColumnHidden(column))
        return u"%1: %2 is hidden"_s.arg(view->objectName(), name);
    const int x = header->sectionViewportPosition(column);
    const int width = header->sectionSize(column);
    if (x < 0 || x + width > view->viewport()->width())
        return u"%1: %2 spans %3..%4, outside the viewport of %5 px"_s.arg(view->objectName(), name)
            .arg(x)
            .arg(x + width)
            .arg(view->viewport()->width());
    const QAbstractItemView *cells = view; // QTableView's sizeHintForColumn is protected
    const int needed = qMax(cells->sizeHintForColumn(column), header->sectionSizeHint(column));
    if (width < needed)
        return u"%1: %2 is %3 px wide, its text needs %4 px"_s.arg(view->objectName(), name).arg(width).arg(needed);
    return {};
}

QString problems(const QTableView *view, const QList<int> &columns)
{
    QStringList found;
    for (int column : columns)
        if (const QString p = columnProblem(view, column); !p.isEmpty())
            found << p;
    return found.join(u"; "_s);
}

} // namespace

class tst_UiLayout : public QObject
{
    Q_OBJECT

private:
    vd::test::UiFixture m_fixture;
    QTemporaryDir m_docs;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        qputenv("VECTORDESK_ENGINE_DIR", m_fixture.dir.filePath(u"engine"_s).toUtf8());
        QVERIFY(m_fixture.create());
        QVERIFY(m_docs.isValid());
        vd::Database db(m_fixture.url);
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        vd::engine::LocalEngine local(vd::engine::LocalEngine::rootFor(m_fixture.url));
        vd::VectorStoreService service(db, m_fixture.operatorName,
                                       [&](vd::BackendKind) -> vd::VectorStoreBackend * { return &local; });
        // Two indexed stores with names as long as real ones, for a search across stores.
        QList<qint64> stores;
        for (const QString &store : {u"employee-handbook"_s, u"customer-support-kb"_s}) {
            vd::StoreDraft draft;
            draft.name = store;
            auto created = service.createStore(u"acme"_s, draft);
            QVERIFY(created);
            stores << created->id;
            for (int i = 0; i < 3; ++i) {
                const QString name = u"%1-policy-document-%2.md"_s.arg(store).arg(i);
                QVERIFY(vd::test::writeFile(m_docs.filePath(name),
                                            "# Refund policy " + name.toUtf8()
                                                + "\n\nCustomers may ask for a refund within 30 days of "
                                                  "the purchase; the refund reaches their account within a week.\n"));
                auto attached = service.attachPath(u"acme"_s, store, m_docs.filePath(name));
                QVERIFY2(attached, attached ? "" : qPrintable(attached.error().message()));
            }
        }
        vd::engine::Ingestor ingestor(db, [&](vd::BackendKind) -> vd::VectorStoreBackend * { return &local; });
        for (qint64 store : std::as_const(stores)) {
            auto drained = ingestor.drain([] { return false; }, {}, m_fixture.acme, store);
            QVERIFY2(drained, drained ? "" : qPrintable(drained.error().message()));
            QCOMPARE(drained->completed, 3);
        }
    }

    void init()
    {
        QSettings().clear(); // no saved splitters or columns: the window lays itself out
    }

    void columnsThatMatterAreWhole_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x700: tenant quota and role, store files, file sizes, results beyond score and file")
            << QSize(1024, 700);
        QTest::newRow("1600x1000: every store and file column whole, relative times included") << QSize(1600, 1000);
    }

    void columnsThatMatterAreWhole()
    {
        QFETCH(QSize, size);
        const bool wide = size.width() >= 1600;
        MainWindow window(m_fixture.url, m_fixture.operatorName);
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), size);
        QTRY_VERIFY(window.tenantPanel()->model()->rowCount() == 2 && !window.tenantPanel()->model()->isLoading());
        window.tenantPanel()->selectTenant(m_fixture.acme);
        QTRY_VERIFY(window.storePanel()->model()->rowCount() >= 4 && !window.storePanel()->model()->isLoading());
        window.storePanel()->selectStore(m_fixture.contracts); // a failed file with its error, every status
        auto *files = window.filePanel();
        QTRY_VERIFY(files->model()->storeId() == m_fixture.contracts && files->model()->rowCount() == 5
                    && !files->model()->isLoading());

        using Tenant = vd::ui::TenantTableModel;
        using Store = vd::ui::StoreTableModel;
        using File = vd::ui::FileTableModel;
        QTRY_VERIFY2(
            problems(window.tenantPanel()->view(), {Tenant::NameColumn, Tenant::QuotaColumn, Tenant::RoleColumn})
                .isEmpty(),
            qPrintable(
                problems(window.tenantPanel()->view(), {Tenant::NameColumn, Tenant::QuotaColumn, Tenant::RoleColumn})));
        const QList<int> storeColumns = wide
            ? QList<int>{Store::NameColumn,  Store::BackendColumn, Store::StatusColumn,  Store::FilesColumn,
                         Store::UsageColumn, Store::ExpiresColumn, Store::PrimaryColumn, Store::LastActiveColumn}
            : QList<int>{Store::NameColumn, Store::StatusColumn, Store::FilesColumn};
        QTRY_VERIFY2(problems(window.storePanel()->view(), storeColumns).isEmpty(),
                     qPrintable(problems(window.storePanel()->view(), storeColumns)));
        const QList<int> fileColumns = wide
            ? QList<int>{File::NameColumn, File::TypeColumn, File::SizeColumn, File::StatusColumn, File::UpdatedColumn}
            : QList<int>{File::NameColumn, File::SizeColumn, File::StatusColumn};
        QTRY_VERIFY2(problems(files->view(), fileColumns).isEmpty(), qPrintable(problems(files->view(), fileColumns)));
        // The stores get the height of their rows, the files the rest.
        QVERIFY2(files->view()->height() > window.storePanel()->view()->height(),
                 qPrintable(u"files %1 px, stores %2 px"_s.arg(files->view()->height())
                                .arg(window.storePanel()->view()->height())));

        // A search across two stores: score, file and store whole, the best chunk on screen.
        window.showSearch();
        vd::ui::SearchPanel *search = window.searchPanel();
        QCOMPARE(search->isFilterExpanded(), wide);
        QVERIFY(search->filterToggle()->isVisible());
        QTRY_VERIFY(search->storeList()->count() >= 4);
        for (int i = 0; i < search->storeList()->count(); ++i) {
            QListWidgetItem *item = search->storeList()->item(i);
            item->setCheckState(item->text().startsWith(u"employee"_s) || item->text().startsWith(u"customer"_s)
                                    ? Qt::Checked
                                    : Qt::Unchecked);
        }
        search->queryField()->setText(u"refund purchase"_s);
        QTest::keyClick(search->queryField(), Qt::Key_Return);
        QTRY_VERIFY(!search->isSearching() && search->results()->rowCount() == 6);
        using Result = vd::ui::SearchResultModel;
        const QTableView *results = search->resultTable();
        // Score and store whole; the file name too when there is room (at 1024 px these 40-character
        // names elide rather than push the best chunk off screen: at least 130 px of name, 240 of chunk).
        const QList<int> resultColumns = wide ? QList<int>{Result::ScoreColumn, Result::FileColumn, Result::StoreColumn}
                                              : QList<int>{Result::ScoreColumn, Result::StoreColumn};
        QTRY_VERIFY2(problems(results, resultColumns).isEmpty(), qPrintable(problems(results, resultColumns)));
        QVERIFY(results->horizontalHeader()->sectionSize(Result::FileColumn) >= 130);
        const int chunkAt = results->horizontalHeader()->sectionViewportPosition(Result::TextColumn);
        QVERIFY2(chunkAt >= 0 && chunkAt + 240 <= results->viewport()->width(),
                 qPrintable(u"the best chunk starts at %1 of %2 px"_s.arg(chunkAt).arg(results->viewport()->width())));

        // The folded filter opens from its toggle and folds again; the user's choice then stays.
        if (!wide) {
            QTest::mouseClick(search->filterToggle(), Qt::LeftButton);
            QVERIFY(search->isFilterExpanded());
            QTest::mouseClick(search->filterToggle(), Qt::LeftButton);
            QVERIFY(!search->isFilterExpanded());
            QVERIFY2(search->filterToggle()->text().contains(u"none"_s), qPrintable(search->filterToggle()->text()));
        }
        window.close();
    }
};

QTEST_MAIN(tst_UiLayout)
#include "tst_ui_layout.moc"
