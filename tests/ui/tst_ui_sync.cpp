// The sync panel of the main window, offscreen, on a real SQLite database: "Sync now" runs a real
// pass on the worker thread, the waiting file's row turns completed in place and the panel shows
// the finished run; with another runner holding the lease the panel says who holds it.

#include "core/engine/localengine.h"
#include "ui/mainwindow.h"
#include "ui/models/displayformat.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/modelroles.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/sync/syncpanel.h"
#include "uifixture.h"

#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;
namespace format = vd::ui::format;
using vd::ui::MainWindow;
using vd::ui::SyncPanel;

class tst_UiSync : public QObject
{
    Q_OBJECT

private:
    vd::test::UiFixture m_fixture;
    qint64 m_waiting = 0;

    // A real file waiting in globex / research.
    bool attachWaiting()
    {
        const QString path = m_fixture.dir.filePath(u"notes.txt"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write("turbine blade inspection notes\n") < 0)
            return false;
        file.close();
        vd::Database db(m_fixture.url);
        QString error;
        if (!vd::Database::openAndMigrate(db, &error))
            return false;
        vd::engine::LocalEngine local(vd::engine::LocalEngine::rootFor(m_fixture.url));
        vd::VectorStoreService service(db, m_fixture.operatorName,
                                       [&local](vd::BackendKind kind) -> vd::VectorStoreBackend * {
                                           return kind == vd::BackendKind::Local ? &local : nullptr;
                                       });
        auto attached = service.attachPath(u"globex"_s, u"research"_s, path);
        if (!attached)
            qWarning("%s", qPrintable(attached.error().message()));
        m_waiting = attached ? attached->id : 0;
        return m_waiting != 0;
    }

private slots:
    void initTestCase()
    {
        // One engine folder for the fixture, this test and the window: the one that holds the
        // fixture's local stores (docs/teams.md).
        qputenv("VECTORDESK_ENGINE_DIR", m_fixture.dir.filePath(u"engine"_s).toUtf8());
        QVERIFY(m_fixture.create());
        QVERIFY(attachWaiting());
    }

    void passIndexesWaitingFileAndShowsRun()
    {
        MainWindow window(m_fixture.url, m_fixture.operatorName);
        window.show();
        window.tenantPanel()->selectTenant(m_fixture.globex);
        window.storePanel()->selectStore(m_fixture.research);
        auto *files = window.filePanel()->model();
        QTRY_VERIFY(files->rowOf(m_waiting) >= 0);
        const int statusColumn = vd::ui::FileTableModel::StatusColumn;
        QCOMPARE(files->index(files->rowOf(m_waiting), statusColumn).data(vd::ui::StatusRole).toString(),
                 u"in_progress"_s);

        SyncPanel *panel = window.syncPanel();
        QVERIFY(panel);
        QVERIFY(panel->nextRun() > QDateTime::currentDateTime());
        QSignalSpy ended(panel, &SyncPanel::passEnded);
        window.tabs()->setCurrentWidget(panel);
        QTest::mouseClick(panel->syncNowButton(), Qt::LeftButton);
        QVERIFY(panel->isRunning());
        QVERIFY(!panel->syncNowButton()->isEnabled());
        QVERIFY(ended.wait(30'000));
        QVERIFY(!panel->isRunning());
        QVERIFY(panel->syncNowButton()->isEnabled());

        // The report names the pass; the panel shows it.
        QCOMPARE(panel->lastReport().value(u"triggered_by"_s).toString(), u"gui"_s);
        const QString status = panel->lastReport().value(u"status"_s).toString();
        QCOMPARE(status, u"failed"_s); // the record keeps the machine word

        // The fixture's files without a stored copy fail, each listed with its reason; the
        // waiting file was indexed, so the pass completed, with file errors, not "failed".
        const int failed = panel->errorsList()->count();
        QVERIFY(failed > 0);
        QCOMPARE(failed, panel->lastReport().value(u"errors"_s).toArray().size());
        QVERIFY(panel->errorsList()->item(0)->text().contains(u"missing"_s));
        const QString result = panel->lastRunLabel()->text();
        QVERIFY2(result.startsWith(u"Completed with %1 file error"_s.arg(failed)), qPrintable(result));
        QVERIFY2(result.contains(u"%1 failed"_s.arg(failed)), qPrintable(result));
        // The window's one date format, not the report's ISO time.
        const QString at = result.section(u" at "_s, 1).section(u": "_s, 0, 0);
        QVERIFY2(QLocale().toDateTime(at, format::dateTimeFormat()).isValid(), qPrintable(result));
        QVERIFY2(ended.first().first().toString().startsWith(u"Sync pass: Completed with"_s),
                 qPrintable(ended.first().first().toString()));

        // Each failed file leads to its store, the file shown by name.
        QListWidgetItem *entry = panel->errorsList()->item(0);
        const qint64 tenantId = entry->data(SyncPanel::TenantIdRole).toLongLong();
        const qint64 storeId = entry->data(SyncPanel::StoreIdRole).toLongLong();
        const QString fileName = entry->data(SyncPanel::FileNameRole).toString();
        QVERIFY(tenantId != 0 && storeId != 0 && !fileName.isEmpty());
        QVERIFY(entry->toolTip().contains(u"Double-click to show the file"_s));
        QVERIFY2(entry->text().contains(fileName), qPrintable(entry->text()));
        panel->errorsList()->setFocus();
        panel->errorsList()->setCurrentItem(entry);
        QTest::keyClick(panel->errorsList(), Qt::Key_Return);
        QCOMPARE(window.tabs()->currentIndex(), 0);
        QTRY_COMPARE(window.tenantPanel()->currentTenantId(), tenantId);
        QTRY_COMPARE(window.storePanel()->currentStoreId(), storeId);
        QCOMPARE(window.filePanel()->filterField()->text(), fileName);
        QTRY_VERIFY(files->rowCount() >= 1 && !files->isLoading());
        QTRY_COMPARE(files->index(0, 0).data().toString(), fileName);
        window.tenantPanel()->selectTenant(m_fixture.globex);
        window.storePanel()->selectStore(m_fixture.research);
        window.filePanel()->filterField()->clear();
        QTRY_VERIFY(files->rowOf(m_waiting) >= 0);

        // The row changes in place, to completed.
        QTRY_COMPARE(files->index(files->rowOf(m_waiting), statusColumn).data(vd::ui::StatusRole).toString(),
                     u"completed"_s);
        QCOMPARE(window.storePanel()->currentStoreId(), m_fixture.research);
        window.close();
    }

    // A new window shows the last pass any runner recorded, here one from cron on another host.
    void lastRecordedRunShowsAtStart()
    {
        {
            vd::Database db(m_fixture.url);
            QString error;
            QVERIFY(vd::Database::openAndMigrate(db, &error));
            QSqlQuery q(db.connection());
            const qint64 now = QDateTime::currentMSecsSinceEpoch() + 60'000; // after the GUI's pass
            q.prepare(u"INSERT INTO sync_runs (started_at, finished_at, host, pid, triggered_by, status, counts, "
                      u"errors) VALUES (?, ?, 'cron-box', 77, 'headless', 'succeeded', "
                      u"'{\"ingest\":{\"done\":2},\"purge_file\":{\"done\":1}}', '[]')"_s);
            q.addBindValue(now - 2'500);
            q.addBindValue(now);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        SyncPanel panel(m_fixture.url);
        QTRY_VERIFY2(panel.lastRunLabel()->text().startsWith(u"Completed at "_s),
                     qPrintable(panel.lastRunLabel()->text()));
        QVERIFY2(panel.lastRunLabel()->text().contains(u"3 done in 2.5 s"_s), qPrintable(panel.lastRunLabel()->text()));
        // Who started it in words, as the sync history says it, not the stored "headless".
        QVERIFY2(panel.lastRunLabel()->toolTip().endsWith(u", started by vectordesk --sync on cron-box"_s),
                 qPrintable(panel.lastRunLabel()->toolTip()));
        const auto *summary = panel.findChild<QLabel *>(u"syncSummary"_s);
        QVERIFY(summary);
        QCOMPARE(summary->text(), u"2 files indexed · 1 file purged"_s);
        // The next run in the window's one date format.
        const auto *next = panel.findChild<QLabel *>(u"syncNextRun"_s);
        QVERIFY2(next->text().contains(QRegularExpression(u" \\(every \\d+ min\\)$"_s)), qPrintable(next->text()));
        QVERIFY2(QLocale().toDateTime(next->text().section(u" ("_s, 0, 0), format::dateTimeFormat()).isValid(),
                 qPrintable(next->text()));
    }

    // How a pass reads, from its record: work done with some files failing completed with
    // file errors; nothing done and everything failing failed; a pass that only warned says so.
    void resultWords_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("counts");
        QTest::addColumn<QString>("errors");
        QTest::addColumn<QString>("result");
        QTest::addColumn<QString>("did");
        const QString threeFiles = u"[{\"action\":\"ingest\",\"target\":\"tenant acme / store c / file 1 (a.pdf)\","
                                   u"\"message\":\"damaged\"},{\"action\":\"ingest\",\"target\":\"tenant acme / "
                                   u"store c / file 2 (b.pdf)\",\"message\":\"damaged\"},{\"action\":\"ingest\","
                                   u"\"target\":\"tenant acme / store c / file 3 (c.pdf)\",\"message\":\"damaged\"}]"_s;
        QTest::newRow("114 files done and 3 damaged PDFs failed: completed with 3 file errors")
            << u"failed"_s << u"{\"ingest\":{\"done\":114,\"failed\":3}}"_s << threeFiles
            << u"Completed with 3 file errors at "_s << u"114 files indexed"_s;
        QTest::newRow("nothing done and every item failed: failed")
            << u"failed"_s << u"{\"ingest\":{\"failed\":3}}"_s << threeFiles << u"Failed at "_s
            << u"Nothing was done: every item failed (see Errors)"_s;
        QTest::newRow("a store failed to refresh beside indexed files: completed with 1 error")
            << u"failed"_s << u"{\"ingest\":{\"done\":2},\"refresh_store\":{\"failed\":1}}"_s
            << u"[{\"action\":\"refresh_store\",\"target\":\"tenant acme / store c\",\"message\":\"503\"}]"_s
            << u"Completed with 1 error at "_s << u"2 files indexed"_s;
        QTest::newRow("only a warning: says so, not nothing to do")
            << u"succeeded"_s << u"{\"expiry_warning\":{\"reported\":1}}"_s << u"[]"_s << u"Completed at "_s
            << u"1 warning (see Warnings)"_s;
        QTest::newRow("nothing at all: nothing to do") << u"succeeded"_s << u"{}"_s << u"[]"_s << u"Completed at "_s
                                                       << u"Nothing to do: everything was up to date"_s;
    }

    void resultWords()
    {
        QFETCH(QString, status);
        QFETCH(QString, counts);
        QFETCH(QString, errors);
        QFETCH(QString, result);
        QFETCH(QString, did);
        const qint64 now = QDateTime::currentMSecsSinceEpoch() + 3'600'000; // after every other pass
        {
            vd::Database db(m_fixture.url);
            QString error;
            QVERIFY(vd::Database::openAndMigrate(db, &error));
            QSqlQuery q(db.connection());
            q.prepare(u"INSERT INTO sync_runs (started_at, finished_at, host, pid, triggered_by, status, counts, "
                      u"errors) VALUES (?, ?, 'cron-box', 77, 'headless', ?, ?, ?)"_s);
            q.addBindValue(now - 1'000);
            q.addBindValue(now);
            q.addBindValue(status);
            q.addBindValue(counts);
            q.addBindValue(errors);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        SyncPanel panel(m_fixture.url);
        QTRY_VERIFY2(panel.lastRunLabel()->text().startsWith(result), qPrintable(panel.lastRunLabel()->text()));
        // The one date format of the window, never a raw ISO time.
        QVERIFY2(panel.lastRunLabel()->text().contains(format::date(now) + u' '),
                 qPrintable(panel.lastRunLabel()->text()));
        const auto *summary = panel.findChild<QLabel *>(u"syncSummary"_s);
        QCOMPARE(summary->text(), did);
    }

    // A pass that warns about a store expiring soon: the warning shows the local time, not an
    // ISO timestamp, the summary says there is a warning, and the warning leads to the store.
    void expiryWarningLeadsToTheStore()
    {
        qint64 expiring = 0;
        {
            vd::Database db(m_fixture.url);
            QString error;
            QVERIFY(vd::Database::openAndMigrate(db, &error));
            vd::CoreSession session(db, m_fixture.operatorName);
            vd::StoreDraft draft;
            draft.name = u"scratch"_s;
            draft.expiresAfterDays = 1;
            auto created = session.service().createStore(QString::number(m_fixture.acme), draft);
            QVERIFY2(created, created ? "" : qPrintable(created.error().message()));
            expiring = created->id;
        }
        MainWindow window(m_fixture.url, m_fixture.operatorName);
        window.show();
        SyncPanel *panel = window.syncPanel();
        window.tabs()->setCurrentWidget(panel);
        QSignalSpy ended(panel, &SyncPanel::passEnded);
        QTest::mouseClick(panel->syncNowButton(), Qt::LeftButton);
        QVERIFY(ended.wait(30'000));
        QListWidgetItem *warning = nullptr;
        for (int i = 0; i < panel->warningsList()->count(); ++i)
            if (panel->warningsList()->item(i)->data(SyncPanel::StoreIdRole).toLongLong() == expiring)
                warning = panel->warningsList()->item(i);
        QVERIFY(warning);
        QVERIFY2(warning->text().startsWith(u"Expiring soon: acme / scratch — expires at "_s),
                 qPrintable(warning->text()));
        static const QRegularExpression iso(u"\\d{4}-\\d{2}-\\d{2}T\\d{2}"_s);
        QVERIFY2(!warning->text().contains(iso), qPrintable(warning->text()));
        const QString expiresAt = warning->text().section(u"expires at "_s, 1).section(u" ("_s, 0, 0);
        QVERIFY2(QLocale().toDateTime(expiresAt, format::dateTimeFormat()).isValid(), qPrintable(warning->text()));
        const auto *summary = panel->findChild<QLabel *>(u"syncSummary"_s);
        QVERIFY2(summary->text().contains(u"warning"_s), qPrintable(summary->text()));
        QVERIFY(!summary->text().startsWith(u"Nothing to do"_s));

        panel->warningsList()->setFocus();
        panel->warningsList()->setCurrentItem(warning);
        QTest::keyClick(panel->warningsList(), Qt::Key_Return);
        QCOMPARE(window.tabs()->currentIndex(), 0);
        QTRY_COMPARE(window.tenantPanel()->currentTenantId(), m_fixture.acme);
        QTRY_COMPARE(window.storePanel()->currentStoreId(), expiring);
        window.close();
    }

    void leaseHeldShowsHolder()
    {
        {
            vd::Database db(m_fixture.url);
            QString error;
            QVERIFY(vd::Database::openAndMigrate(db, &error));
            QSqlQuery q(db.connection());
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            q.prepare(u"INSERT INTO sync_lease (name, host, pid, triggered_by, acquired_at, heartbeat_at, expires_at) "
                      u"VALUES ('sync', 'build-7', 4242, 'headless', ?, ?, ?)"_s);
            q.addBindValue(now);
            q.addBindValue(now);
            q.addBindValue(now + 10 * 60 * 1000);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        SyncPanel panel(m_fixture.url);
        QSignalSpy ended(&panel, &SyncPanel::passEnded);
        panel.syncNow();
        QVERIFY(ended.wait(30'000));
        QCOMPARE(panel.errorsList()->count(), 1);
        const QString text = panel.errorsList()->item(0)->text();
        QVERIFY2(text.contains(u"build-7"_s) && text.contains(u"4242"_s), qPrintable(text));
        QVERIFY(panel.lastRunLabel()->text().contains(u"build-7"_s));
        QVERIFY(ended.first().first().toString().contains(u"lease"_s));
    }
};

QTEST_MAIN(tst_UiSync)
#include "tst_ui_sync.moc"
