// The sync panel of the main window, offscreen, on a real SQLite database: "Sync now" runs a real
// pass on the worker thread, the waiting file's row turns completed in place and the panel shows
// the finished run; with another runner holding the lease the panel says who holds it.

#include "core/engine/localengine.h"
#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/models/modelroles.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/sync/syncpanel.h"
#include "uifixture.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;
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
        QVERIFY(!status.isEmpty());
        QVERIFY2(panel->lastRunLabel()->text().startsWith(status), qPrintable(panel->lastRunLabel()->text()));

        // The fixture's files without a stored copy fail, each listed with its reason.
        QVERIFY(panel->errorsList()->count() > 0);
        QVERIFY(panel->errorsList()->item(0)->text().contains(u"missing"_s));

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
        QTRY_VERIFY2(panel.lastRunLabel()->text().startsWith(u"succeeded at "_s),
                     qPrintable(panel.lastRunLabel()->text()));
        QVERIFY2(panel.lastRunLabel()->text().contains(u"3 done, 0 failed, in 2.5 s"_s),
                 qPrintable(panel.lastRunLabel()->text()));
        QVERIFY(panel.lastRunLabel()->toolTip().contains(u"headless"_s));
        QVERIFY(panel.lastRunLabel()->toolTip().contains(u"cron-box"_s));
        const auto *summary = panel.findChild<QLabel *>(u"syncSummary"_s);
        QVERIFY(summary);
        QCOMPARE(summary->text(), u"2 files indexed · 1 file purged"_s);
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
