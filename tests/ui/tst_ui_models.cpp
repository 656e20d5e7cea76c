// The table models over a real SQLite database: contents, roles, numeric sorting, batch
// loading, and that results of overtaken requests are dropped. Every model runs under
// QAbstractItemModelTester; loads are awaited through signals, never sleeps.

#include "ui/data/servicerunner.h"
#include "ui/models/displayformat.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/modelroles.h"
#include "ui/models/storetablemodel.h"
#include "ui/models/tenanttablemodel.h"
#include "uifixture.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QColor>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using vd::ui::FileTableModel;
using vd::ui::ServiceRunner;
using vd::ui::StoreTableModel;
using vd::ui::TenantTableModel;
namespace format = vd::ui::format;

namespace {

constexpr qint64 kNow = 1'750'000'000'000; // a fixed "now" for relative times
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

QStringList texts(const QAbstractItemModel &model, int column, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, column).data(role).toString();
    return values;
}

QList<qint64> sortValues(const QAbstractItemModel &model, int column)
{
    QList<qint64> values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, column).data(vd::ui::SortRole).toLongLong();
    return values;
}

// Starts a load with `start` and waits until the model says it finished.
template<typename Start> bool loadAndWait(vd::ui::ServiceTableModel *model, Start start)
{
    QSignalSpy finished(model, &vd::ui::ServiceTableModel::loadFinished);
    start();
    return !finished.isEmpty() || finished.wait(10'000);
}

// Fetches batches until every matching file is loaded (views do this as the user scrolls).
bool fetchAll(FileTableModel &model)
{
    return QTest::qWaitFor(
        [&] {
            if (model.canFetchMore({}))
                model.fetchMore({});
            return !model.isFetching() && model.rowCount() >= model.totalCount();
        },
        10'000);
}

} // namespace

class tst_UiModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void formatsValuesForPeople_data();
    void formatsValuesForPeople();
    void formatsExpiry_data();
    void formatsExpiry();
    void formatsFileCounts();

    void tenantModelShowsTenantsWithQuota();
    void tenantModelSortsBytesNumerically();
    void tenantModelOfOperatorWithoutTenantsIsEmpty();
    void storeModelShowsStoresOfTenant();
    void storeModelDropsStaleResults();
    void fileModelShowsFilesWithStatus();
    void fileModelSortsSizeNumericallyThroughProxy();
    void fileModelSortsInTheDatabase_data();
    void fileModelSortsInTheDatabase();
    void fileModelLoadsInBatches();
    void fileModelFiltersByName();
    void unreachableDatabaseReportsError();

private:
    vd::test::UiFixture m_fixture;
    std::unique_ptr<ServiceRunner> m_runner;
};

void tst_UiModels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_fixture.create());
    m_runner = std::make_unique<ServiceRunner>(m_fixture.url, m_fixture.operatorName);
}

void tst_UiModels::formatsValuesForPeople_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero bytes") << format::bytes(0) << u"0 bytes"_s;
    QTest::newRow("bytes below a KiB stay bytes") << format::bytes(900) << u"900 bytes"_s;
    QTest::newRow("sizes use binary units") << format::bytes(1'258'291) << u"1.2 MiB"_s;
    QTest::newRow("percent without decimals") << format::percent(37.4) << u"37%"_s;
    QTest::newRow("seconds ago is just now") << format::relativeTime(kNow - 20'000, kNow) << u"just now"_s;
    QTest::newRow("minutes ago") << format::relativeTime(kNow - 5 * kMinute, kNow) << u"5 min ago"_s;
    QTest::newRow("hours ago") << format::relativeTime(kNow - 3 * kHour, kNow) << u"3 h ago"_s;
    QTest::newRow("one day ago is yesterday") << format::relativeTime(kNow - kDay - kHour, kNow) << u"yesterday"_s;
    QTest::newRow("days ago") << format::relativeTime(kNow - 4 * kDay, kNow) << u"4 days ago"_s;
    QTest::newRow("future days") << format::relativeTime(kNow + 2 * kDay + kHour, kNow) << u"in 2 days"_s;
    QTest::newRow("long ago is a date") << format::relativeTime(kNow - 90 * kDay, kNow)
                                        << format::date(kNow - 90 * kDay);
    QTest::newRow("statuses read as words") << format::statusText(vd::FileStatus::InProgress) << u"In progress"_s;
    QTest::newRow("roles are capitalized") << format::roleText(vd::Role::Owner) << u"Owner"_s;
    QTest::newRow("openai backend") << format::backendText(vd::BackendKind::OpenAI) << u"OpenAI"_s;
    QTest::newRow("attributes on one line")
        << format::attributesText({{u"year"_s, 2024}, {u"author"_s, u"alice"_s}, {u"draft"_s, false}})
        << u"author=alice, draft=false, year=2024"_s;
}

void tst_UiModels::formatsValuesForPeople()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void tst_UiModels::formatsExpiry_data()
{
    QTest::addColumn<std::optional<qint64>>("expiresAt");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no expiry date never expires") << std::optional<qint64>() << u"never"_s;
    QTest::newRow("expiry ahead") << std::optional<qint64>(kNow + 5 * kDay + kHour) << u"in 5 days"_s;
    QTest::newRow("expired") << std::optional<qint64>(kNow - 2 * kDay - kHour) << u"expired 2 days ago"_s;
}

void tst_UiModels::formatsExpiry()
{
    QFETCH(std::optional<qint64>, expiresAt);
    QFETCH(QString, expected);
    QCOMPARE(format::expiresIn(expiresAt, kNow), expected);
}

void tst_UiModels::formatsFileCounts()
{
    vd::FileCounts counts;
    QCOMPARE(format::fileCountsText(counts), u"none"_s);
    counts.completed = 12;
    counts.inProgress = 3;
    counts.failed = 1;
    QCOMPARE(format::fileCountsText(counts), u"12 ✓ · 3 ◷ · 1 ✗"_s);
    QCOMPARE(format::fileCountsToolTip(counts), u"12 completed, 3 in progress, 1 failed, 0 cancelled"_s);
}

void tst_UiModels::tenantModelShowsTenantsWithQuota()
{
    TenantTableModel model(m_runner.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAndWait(&model, [&] { model.reload(); }));
    QVERIFY2(model.errorMessage().isEmpty(), qPrintable(model.errorMessage()));
    QVERIFY(model.isInstanceAdmin());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(texts(model, TenantTableModel::NameColumn), (QStringList{u"Acme Corp (acme)"_s, u"Globex (globex)"_s}));
    QCOMPARE(texts(model, TenantTableModel::PlanColumn), (QStringList{u"Starter"_s, u"Free"_s}));
    QCOMPARE(texts(model, TenantTableModel::StoresColumn), (QStringList{u"2"_s, u"1"_s}));
    QCOMPARE(texts(model, TenantTableModel::FilesColumn), (QStringList{u"7"_s, u"1"_s}));
    QCOMPARE(texts(model, TenantTableModel::RoleColumn), (QStringList{u"Owner"_s, u"Owner"_s}));
    QCOMPARE(model.headerData(TenantTableModel::BytesColumn, Qt::Horizontal).toString(), u"File bytes"_s);
    const QModelIndex acme = model.index(model.rowOfTenant(m_fixture.acme), 0);
    QCOMPARE(acme.data(vd::ui::IdRole).toLongLong(), m_fixture.acme);
    QCOMPARE(acme.data(vd::ui::RefRole).toString(), QString::number(m_fixture.acme));
    // Globex (free plan, 2 stores allowed) uses 1 of 2 stores: 50% is its most used limit.
    const QModelIndex globexQuota = model.index(model.rowOfTenant(m_fixture.globex), TenantTableModel::QuotaColumn);
    QCOMPARE(globexQuota.data().toString(), u"50%"_s);
    QCOMPARE(globexQuota.data(vd::ui::SortRole).toDouble(), 50.0);
}

void tst_UiModels::tenantModelSortsBytesNumerically()
{
    TenantTableModel model(m_runner.get());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(vd::ui::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAndWait(&model, [&] { model.reload(); }));
    proxy.sort(TenantTableModel::BytesColumn, Qt::AscendingOrder);
    // Globex holds 1.2 KiB, Acme 1.9 MiB: "1.2 KiB" > "1.9 MiB" as text, but not as bytes.
    QCOMPARE(texts(proxy, TenantTableModel::NameColumn), (QStringList{u"Globex (globex)"_s, u"Acme Corp (acme)"_s}));
    proxy.sort(TenantTableModel::BytesColumn, Qt::DescendingOrder);
    QCOMPARE(texts(proxy, TenantTableModel::NameColumn), (QStringList{u"Acme Corp (acme)"_s, u"Globex (globex)"_s}));
}

void tst_UiModels::tenantModelOfOperatorWithoutTenantsIsEmpty()
{
    ServiceRunner runner(m_fixture.url, u"mallory"_s);
    TenantTableModel model(&runner);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAndWait(&model, [&] { model.reload(); }));
    QVERIFY2(model.errorMessage().isEmpty(), qPrintable(model.errorMessage()));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isInstanceAdmin());
}

void tst_UiModels::storeModelShowsStoresOfTenant()
{
    StoreTableModel model(m_runner.get());
    model.setClock([] { return kNow; });
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAndWait(&model, [&] { model.setTenant(m_fixture.acme); }));
    QVERIFY2(model.errorMessage().isEmpty(), qPrintable(model.errorMessage()));
    QCOMPARE(texts(model, StoreTableModel::NameColumn), (QStringList{u"contracts"_s, u"invoices"_s}));
    QCOMPARE(texts(model, StoreTableModel::BackendColumn), (QStringList{u"Local"_s, u"Local"_s}));
    // A completed store with a failed file does not read as plain, green "Completed".
    QCOMPARE(texts(model, StoreTableModel::StatusColumn), (QStringList{u"Completed, 1 failed"_s, u"Completed"_s}));
    QCOMPARE(model.index(0, StoreTableModel::StatusColumn).data(Qt::ForegroundRole).value<QColor>(),
             vd::ui::StatusBadges().color(format::Tone::Bad));
    QCOMPARE(model.index(1, StoreTableModel::StatusColumn).data(Qt::ForegroundRole).value<QColor>(),
             vd::ui::StatusBadges().color(format::Tone::Good));
    // The two size columns say what they count.
    QCOMPARE(model.headerData(StoreTableModel::UsageColumn, Qt::Horizontal).toString(), u"Indexed text"_s);
    QCOMPARE(texts(model, StoreTableModel::FilesColumn), (QStringList{u"1 ✓ · 3 ◷ · 1 ✗"_s, u"2 ◷"_s}));
    QCOMPARE(texts(model, StoreTableModel::UsageColumn), (QStringList{u"4.0 KiB"_s, u"0 bytes"_s}));
    QCOMPARE(texts(model, StoreTableModel::ExpiresColumn), (QStringList{u"never"_s, u"never"_s}));
    // The tenant's first store is its primary one, marked with the primary icon.
    QCOMPARE(texts(model, StoreTableModel::PrimaryColumn), (QStringList{u"Primary"_s, QString()}));
    QVERIFY(!model.index(0, StoreTableModel::PrimaryColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.index(0, 0).data(vd::ui::IdRole).toLongLong(), m_fixture.contracts);
    // Failed files make the files column red.
    const QColor filesColor = model.index(0, StoreTableModel::FilesColumn).data(Qt::ForegroundRole).value<QColor>();
    QCOMPARE(filesColor, vd::ui::StatusBadges().color(format::Tone::Bad));

    QVERIFY(loadAndWait(&model, [&] { model.setTenant(0); }));
    QCOMPARE(model.rowCount(), 0);
}

void tst_UiModels::storeModelDropsStaleResults()
{
    StoreTableModel model(m_runner.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&model, &StoreTableModel::loadFinished);
    // The user clicks Acme, then Globex before Acme's stores arrive: only Globex's may show.
    model.setTenant(m_fixture.acme);
    model.setTenant(m_fixture.globex);
    QVERIFY(finished.wait(10'000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(texts(model, StoreTableModel::NameColumn), QStringList{u"research"_s});
    // Acme's answer arrives too, and changes nothing.
    QVERIFY(m_runner->waitForIdle(10'000));
    QCoreApplication::processEvents();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(texts(model, StoreTableModel::NameColumn), QStringList{u"research"_s});
}

void tst_UiModels::fileModelShowsFilesWithStatus()
{
    FileTableModel model(m_runner.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAndWait(&model, [&] { model.setStore(m_fixture.acme, m_fixture.contracts); }));
    QVERIFY2(model.errorMessage().isEmpty(), qPrintable(model.errorMessage()));
    QCOMPARE(model.totalCount(), 5);
    QCOMPARE(texts(model, FileTableModel::NameColumn),
             (QStringList{u"appendix.txt"_s, u"msa-2024.pdf"_s, u"nda.txt"_s, u"pricing.md"_s, u"sow.docx"_s}));
    QCOMPARE(texts(model, FileTableModel::SizeColumn),
             (QStringList{u"4.9 KiB"_s, u"1.9 MiB"_s, u"9 bytes"_s, u"10 bytes"_s, u"100 bytes"_s}));
    // The type is short (the extension); the MIME type is in its tooltip.
    QCOMPARE(texts(model, FileTableModel::TypeColumn).at(1), u"PDF"_s);
    QCOMPARE(model.index(1, FileTableModel::TypeColumn).data(Qt::ToolTipRole).toString(), u"application/pdf"_s);
    QCOMPARE(texts(model, FileTableModel::AttributesColumn).at(1), u"customer=initech, year=2024"_s);
    QCOMPARE(texts(model, FileTableModel::StatusColumn),
             (QStringList{u"In progress"_s, u"In progress"_s, u"Completed"_s, u"In progress"_s, u"Failed"_s}));
    QCOMPARE(texts(model, FileTableModel::ErrorColumn).at(4), u"The document has no extractable text."_s);

    // Statuses are colored badges: completed green, in progress amber, failed red.
    const vd::ui::StatusBadges badges;
    auto statusColor = [&](int row) {
        return model.index(row, FileTableModel::StatusColumn).data(Qt::ForegroundRole).value<QColor>();
    };
    QCOMPARE(statusColor(2), badges.color(format::Tone::Good));
    QCOMPARE(statusColor(0), badges.color(format::Tone::Busy));
    QCOMPARE(statusColor(4), badges.color(format::Tone::Bad));
    QVERIFY(!model.index(4, FileTableModel::StatusColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(model.index(4, 0).data(vd::ui::StatusRole).toString(), u"failed"_s);
    QCOMPARE(model.index(4, 0).data(vd::ui::IdRole).toLongLong(), m_fixture.failedFile);
    QCOMPARE(model.index(4, FileTableModel::ErrorColumn).data(Qt::ToolTipRole).toString(),
             u"invalid_file: The document has no extractable text."_s);
}

void tst_UiModels::fileModelSortsSizeNumericallyThroughProxy()
{
    FileTableModel model(m_runner.get());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(vd::ui::SortRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAndWait(&model, [&] { model.setStore(m_fixture.acme, m_fixture.contracts); }));
    proxy.sort(FileTableModel::SizeColumn, Qt::AscendingOrder);
    QCOMPARE(sortValues(proxy, FileTableModel::SizeColumn), (QList<qint64>{9, 10, 100, 5'000, 2'000'000}));
    QCOMPARE(texts(proxy, FileTableModel::SizeColumn),
             (QStringList{u"9 bytes"_s, u"10 bytes"_s, u"100 bytes"_s, u"4.9 KiB"_s, u"1.9 MiB"_s}));
}

void tst_UiModels::fileModelSortsInTheDatabase_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("size ascending is numeric")
        << int(FileTableModel::SizeColumn) << Qt::AscendingOrder
        << QStringList{u"nda.txt"_s, u"pricing.md"_s, u"sow.docx"_s, u"appendix.txt"_s, u"msa-2024.pdf"_s};
    QTest::newRow("size descending is numeric")
        << int(FileTableModel::SizeColumn) << Qt::DescendingOrder
        << QStringList{u"msa-2024.pdf"_s, u"appendix.txt"_s, u"sow.docx"_s, u"pricing.md"_s, u"nda.txt"_s};
    QTest::newRow("name descending") << int(FileTableModel::NameColumn) << Qt::DescendingOrder
                                     << QStringList{u"sow.docx"_s, u"pricing.md"_s, u"nda.txt"_s, u"msa-2024.pdf"_s,
                                                    u"appendix.txt"_s};
}

void tst_UiModels::fileModelSortsInTheDatabase()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, names);
    FileTableModel model(m_runner.get());
    model.setBatchSize(2); // the order must hold over all files, not only the first batch
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAndWait(&model, [&] { model.setStore(m_fixture.acme, m_fixture.contracts); }));
    QVERIFY(loadAndWait(&model, [&] { model.sort(column, order); }));
    QCOMPARE(model.sortColumn(), column);
    QVERIFY(fetchAll(model));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(texts(model, FileTableModel::NameColumn), names);
}

void tst_UiModels::fileModelLoadsInBatches()
{
    // No QAbstractItemModelTester here: it asks for more rows after every change, which would load
    // all batches at once. The other file model tests run under it, batches included.
    FileTableModel model(m_runner.get());
    model.setBatchSize(2);
    QVERIFY(loadAndWait(&model, [&] { model.setStore(m_fixture.acme, m_fixture.contracts); }));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.totalCount(), 5);
    QVERIFY(model.canFetchMore({}));
    QSignalSpy fetched(&model, &FileTableModel::fetchFinished);
    model.fetchMore({});
    QVERIFY(!model.canFetchMore({})); // one batch at a time
    QVERIFY(fetched.wait(10'000));
    QCOMPARE(model.rowCount(), 4);
    model.fetchMore({});
    QVERIFY(fetched.wait(10'000));
    QCOMPARE(model.rowCount(), 5);
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(texts(model, FileTableModel::NameColumn),
             (QStringList{u"appendix.txt"_s, u"msa-2024.pdf"_s, u"nda.txt"_s, u"pricing.md"_s, u"sow.docx"_s}));
}

void tst_UiModels::fileModelFiltersByName()
{
    FileTableModel model(m_runner.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(loadAndWait(&model, [&] { model.setStore(m_fixture.acme, m_fixture.contracts); }));
    QVERIFY(loadAndWait(&model, [&] { model.setNameFilter(u"  .TXT "_s); }));
    QCOMPARE(texts(model, FileTableModel::NameColumn), (QStringList{u"appendix.txt"_s, u"nda.txt"_s}));
    QCOMPARE(model.totalCount(), 2);
    QVERIFY(loadAndWait(&model, [&] { model.setNameFilter(u"nothing-like-this"_s); }));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.errorMessage().isEmpty());
}

void tst_UiModels::unreachableDatabaseReportsError()
{
    // A folder where the database file should be: opening fails in the worker thread.
    QTemporaryDir dir;
    QString error;
    auto url = vd::DatabaseUrl::parse(dir.path(), &error);
    QVERIFY2(url, qPrintable(error));
    ServiceRunner runner(*url, u"alice"_s);
    TenantTableModel model(&runner);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy failed(&model, &TenantTableModel::loadFailed);
    QVERIFY(loadAndWait(&model, [&] { model.reload(); }));
    QCOMPARE(failed.size(), 1);
    QVERIFY2(model.errorMessage().contains(u"folder"_s), qPrintable(model.errorMessage()));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoading());
}

QTEST_MAIN(tst_UiModels)
#include "tst_ui_models.moc"
