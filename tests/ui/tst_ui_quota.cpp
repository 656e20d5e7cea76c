// Quota gauges: the colour thresholds (amber from 80 %, red from 95 %), the OpenAI storage cost
// estimate, and the panel on a real database following a tenant's use of its plan.

#include "ui/attach/attachsheet.h"
#include "ui/data/servicerunner.h"
#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/tenanttablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/quota/quotagauge.h"
#include "ui/quota/quotapanel.h"
#include "uidriver.h"
#include "uifixture.h"

#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using vd::ui::QuotaGauge;
using vd::ui::QuotaPanel;

class tst_UiQuota : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void levelsChangeAt80And95Percent_data()
    {
        QTest::addColumn<qint64>("used");
        QTest::addColumn<qint64>("limit");
        QTest::addColumn<int>("level");
        QTest::newRow("empty") << qint64(0) << qint64(100) << int(QuotaGauge::Level::Normal);
        QTest::newRow("79.9 %") << qint64(799) << qint64(1000) << int(QuotaGauge::Level::Normal);
        QTest::newRow("80 %") << qint64(800) << qint64(1000) << int(QuotaGauge::Level::Warning);
        QTest::newRow("94.9 %") << qint64(949) << qint64(1000) << int(QuotaGauge::Level::Warning);
        QTest::newRow("95 %") << qint64(950) << qint64(1000) << int(QuotaGauge::Level::Critical);
        QTest::newRow("over the limit") << qint64(7) << qint64(5) << int(QuotaGauge::Level::Critical);
        QTest::newRow("no allowance, some use") << qint64(1) << qint64(0) << int(QuotaGauge::Level::Critical);
        QTest::newRow("no allowance, no use") << qint64(0) << qint64(0) << int(QuotaGauge::Level::Normal);
    }

    void levelsChangeAt80And95Percent()
    {
        QFETCH(qint64, used);
        QFETCH(qint64, limit);
        QFETCH(int, level);
        QuotaGauge gauge(u"Files"_s);
        gauge.setValue(used, limit, QString::number(used), QString::number(limit), u"detail"_s);
        QCOMPARE(int(gauge.level()), level);
        QCOMPARE(gauge.toolTip(), u"detail"_s);
        QCOMPARE(gauge.valueText(), u"%1 of %2"_s.arg(used).arg(limit));
        QVERIFY(gauge.accessibleDescription().startsWith(u"Files: "_s));
    }

    void coloursDiffer()
    {
        const QColor normal = QuotaGauge::colorFor(QuotaGauge::Level::Normal);
        const QColor amber = QuotaGauge::colorFor(QuotaGauge::Level::Warning);
        const QColor red = QuotaGauge::colorFor(QuotaGauge::Level::Critical);
        QVERIFY(normal != amber && amber != red && normal != red);
        QVERIFY(red.red() > red.green() && amber.red() > amber.blue());
    }

    void openAiCostFirstGiBFree()
    {
        const qint64 gib = qint64(1) << 30;
        QCOMPARE(QuotaPanel::openAiCostPerDay(0), 0.0);
        QCOMPARE(QuotaPanel::openAiCostPerDay(gib), 0.0);
        QCOMPARE(QuotaPanel::openAiCostPerDay(gib + gib / 2), 0.05);
        QCOMPARE(QuotaPanel::openAiCostPerDay(11 * gib), 1.0);
    }

    // Globex is on the free plan (2 stores) with one store: half. A second store makes it full:
    // red, with the numbers in the tooltip.
    void panelFollowsTheTenant()
    {
        vd::test::UiFixture fixture;
        QVERIFY(fixture.create());
        vd::ui::ServiceRunner runner(fixture.url, fixture.operatorName);
        QuotaPanel panel(&runner);
        QSignalSpy loaded(&panel, &QuotaPanel::loaded);
        panel.setTenant(fixture.globex, u"Globex"_s);
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(panel.storesGauge()->percent(), 50.0);
        QCOMPARE(int(panel.storesGauge()->level()), int(QuotaGauge::Level::Normal));
        QVERIFY2(panel.costText().startsWith(u"No OpenAI stores"_s), qPrintable(panel.costText()));

        {
            vd::Database db(fixture.url);
            QString error;
            QVERIFY(vd::Database::openAndMigrate(db, &error));
            vd::CoreSession serviceSession(db, fixture.operatorName);
            vd::VectorStoreService &service = serviceSession.service();
            vd::StoreDraft draft;
            draft.name = u"archive"_s;
            QVERIFY(service.createStore(QString::number(fixture.globex), draft));
        }
        panel.reload();
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(panel.storesGauge()->percent(), 100.0);
        QCOMPARE(int(panel.storesGauge()->level()), int(QuotaGauge::Level::Critical));
        QVERIFY2(panel.storesGauge()->toolTip().contains(u"2 live stores"_s),
                 qPrintable(panel.storesGauge()->toolTip()));
        QCOMPARE(panel.storesGauge()->valueText(), u"2 of 2"_s);

        panel.setTenant(0, {});
        QVERIFY(panel.storesGauge()->valueText().isEmpty());
        QCOMPARE(panel.costText(), u"Select a tenant to see its quota."_s);
    }

    // After an attach the tenant row shows the new file count and bytes at once, like the
    // gauges beside it, without F5.
    void tenantRowFollowsAnAttach()
    {
        QSettings().clear();
        QLocale::setDefault(QLocale::c());
        vd::test::UiFixture fixture;
        QVERIFY(fixture.create());
        QTemporaryDir files;
        QVERIFY(vd::test::writeFile(files.filePath(u"memo.txt"_s), QByteArray("quarterly figures ").repeated(20000)));
        vd::ui::MainWindow window(fixture.url, fixture.operatorName);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        vd::ui::FilePanel *panel = window.filePanel();
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowCount() > 0 && !panel->model()->isLoading(), 10'000);
        const vd::ui::TenantTableModel *tenants = window.tenantPanel()->model();
        auto cell = [&](int column) {
            const int row = tenants->rowOfTenant(fixture.acme);
            return row < 0 ? QString() : tenants->index(row, column).data().toString();
        };
        QCOMPARE(cell(vd::ui::TenantTableModel::FilesColumn), u"7"_s);
        const QString bytesBefore = cell(vd::ui::TenantTableModel::BytesColumn);

        QSignalSpy quotaLoaded(window.quotaPanel(), &QuotaPanel::loaded);
        vd::ui::AttachSheet *sheet = panel->attachSheet();
        panel->attachPaths({files.filePath(u"memo.txt"_s)}, fixture.acme, fixture.invoices);
        QTRY_COMPARE(sheet->phase(), vd::ui::AttachSheet::Phase::Preview);
        QSignalSpy messages(window.statusBar(), &QStatusBar::messageChanged);
        QTest::mouseClick(sheet->attachButton(), Qt::LeftButton);
        QTRY_VERIFY(vd::test::showedMessage(messages, u"Attached 1 file"_s));
        QTRY_COMPARE(cell(vd::ui::TenantTableModel::FilesColumn), u"8"_s);
        QVERIFY(cell(vd::ui::TenantTableModel::BytesColumn) != bytesBefore);
        QTRY_VERIFY(!quotaLoaded.isEmpty());
        QTRY_COMPARE(cell(vd::ui::TenantTableModel::BytesColumn),
                     window.quotaPanel()->bytesGauge()->valueText().section(u" of "_s, 0, 0));
    }
};

QTEST_MAIN(tst_UiQuota)
#include "tst_ui_quota.moc"
