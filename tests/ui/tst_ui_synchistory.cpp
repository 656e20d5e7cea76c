// The history of sync passes (View › Sync history…, or History… on the Sync tab), offscreen, on
// a real SQLite database: a real pass run from the window and one recorded by cron are listed
// with their times, duration, result in words, what they did and their warnings; selecting a
// pass lists its failed files and warnings, which lead to the store and the file; an operator
// sees only the entries of their tenants, and one with no tenant is refused.

#include "core/engine/localengine.h"
#include "ui/data/servicerunner.h"
#include "ui/mainwindow.h"
#include "ui/models/displayformat.h"
#include "ui/panels/filepanel.h"
#include "ui/panels/storepanel.h"
#include "ui/panels/tenantpanel.h"
#include "ui/sync/synchistorydialog.h"
#include "ui/sync/syncpanel.h"
#include "uifixture.h"

#include <QAction>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using vd::ui::MainWindow;
using vd::ui::SyncHistoryDialog;
using vd::ui::SyncPanel;

class tst_UiSyncHistory : public QObject
{
    Q_OBJECT

private:
    vd::test::UiFixture m_fixture;
    qint64 m_scratch = 0; // an acme store that expires within a day: the pass warns about it
    int m_guiErrors = 0; // failed items of the window's pass

    static QTreeWidgetItem *rowWith(QTreeWidget *tree, int column, const QString &text)
    {
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            if (tree->topLevelItem(i)->text(column).contains(text))
                return tree->topLevelItem(i);
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        qputenv("VECTORDESK_ENGINE_DIR", m_fixture.dir.filePath(u"engine"_s).toUtf8());
        QVERIFY(m_fixture.create());
        vd::Database db(m_fixture.url);
        QString error;
        QVERIFY(vd::Database::openAndMigrate(db, &error));
        vd::CoreSession session(db, m_fixture.operatorName);
        vd::StoreDraft draft;
        draft.name = u"scratch"_s;
        draft.expiresAfterDays = 1;
        auto created = session.service().createStore(QString::number(m_fixture.acme), draft);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message()));
        m_scratch = created->id;
        // A real file waiting in globex / research: the window's pass indexes it, so the pass
        // did work and its failed files make it "completed with file errors".
        {
            const QString path = m_fixture.dir.filePath(u"notes.txt"_s);
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QVERIFY(file.write("turbine blade inspection notes\n") > 0);
            file.close();
            vd::engine::LocalEngine local(vd::engine::LocalEngine::rootFor(m_fixture.url));
            vd::VectorStoreService service(db, m_fixture.operatorName,
                                           [&local](vd::BackendKind kind) -> vd::VectorStoreBackend * {
                                               return kind == vd::BackendKind::Local ? &local : nullptr;
                                           });
            auto attached = service.attachPath(u"globex"_s, u"research"_s, path);
            QVERIFY2(attached, attached ? "" : qPrintable(attached.error().message()));
        }
        // bob sees globex only.
        QVERIFY(session.service().addMember(u"globex"_s, u"bob"_s, vd::Role::Viewer));
        // A pass recorded by cron an hour ago, before passes carried ids: 114 files done, 3 failed.
        QSqlQuery q(db.connection());
        const qint64 then = QDateTime::currentMSecsSinceEpoch() - 3'600'000;
        q.prepare(u"INSERT INTO sync_runs (started_at, finished_at, host, pid, triggered_by, status, counts, errors) "
                  u"VALUES (?, ?, 'cron-box', 77, 'headless', 'failed', '{\"ingest\":{\"done\":114,\"failed\":3}}', "
                  u"'[{\"action\":\"ingest\",\"target\":\"tenant acme / store contracts / file 1 (a.pdf)\","
                  u"\"message\":\"damaged\"},{\"action\":\"ingest\",\"target\":\"tenant acme / store contracts / "
                  u"file 2 (b.pdf)\",\"message\":\"damaged\"},{\"action\":\"ingest\",\"target\":\"tenant globex / "
                  u"store research / file 3 (c.pdf)\",\"message\":\"damaged\"}]')"_s);
        q.addBindValue(then - 75'000);
        q.addBindValue(then);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }

    void historyListsPassesAndLeadsToTheFile()
    {
        MainWindow window(m_fixture.url, m_fixture.operatorName);
        window.resize(1280, 800);
        window.show();
        SyncPanel *panel = window.syncPanel();
        window.tabs()->setCurrentWidget(panel);
        QSignalSpy ended(panel, &SyncPanel::passEnded);
        QTest::mouseClick(panel->syncNowButton(), Qt::LeftButton);
        QVERIFY(ended.wait(30'000));
        m_guiErrors = int(panel->lastReport().value(u"errors"_s).toArray().size());
        QVERIFY(m_guiErrors > 0); // the fixture's files have no stored copy

        // Opened from the View menu.
        auto *action = window.findChild<QAction *>(u"syncHistoryAction"_s);
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        action->trigger();
        SyncHistoryDialog *dialog = panel->historyDialog();
        QVERIFY(dialog);
        QTreeWidget *runs = dialog->runsTable();
        QTRY_COMPARE(runs->topLevelItemCount(), 2);

        // Newest first: the window's pass, then cron's.
        QTreeWidgetItem *gui = runs->topLevelItem(0);
        QVERIFY2(
            gui->text(SyncHistoryDialog::ResultColumn).startsWith(u"Completed with %1 file error"_s.arg(m_guiErrors)),
            qPrintable(gui->text(SyncHistoryDialog::ResultColumn)));
        QVERIFY2(gui->text(SyncHistoryDialog::WarningsColumn).toInt() >= 1,
                 qPrintable(gui->text(SyncHistoryDialog::WarningsColumn)));
        QVERIFY2(gui->text(SyncHistoryDialog::ByColumn).startsWith(u"the window on "_s),
                 qPrintable(gui->text(SyncHistoryDialog::ByColumn)));
        // The window's one date format (format::dateTime), never the report's ISO time.
        const auto isDateTime = [](const QString &text) {
            return QLocale().toDateTime(text, vd::ui::format::dateTimeFormat()).isValid();
        };
        QVERIFY2(isDateTime(gui->text(SyncHistoryDialog::StartedColumn)),
                 qPrintable(gui->text(SyncHistoryDialog::StartedColumn)));
        QVERIFY2(isDateTime(gui->text(SyncHistoryDialog::FinishedColumn)),
                 qPrintable(gui->text(SyncHistoryDialog::FinishedColumn)));
        QVERIFY2(gui->text(SyncHistoryDialog::DurationColumn).endsWith(u" s"_s),
                 qPrintable(gui->text(SyncHistoryDialog::DurationColumn)));
        QTreeWidgetItem *cron = runs->topLevelItem(1);
        QCOMPARE(cron->text(SyncHistoryDialog::ResultColumn), u"Completed with 3 file errors"_s);
        QCOMPARE(cron->text(SyncHistoryDialog::DidColumn), u"114 files indexed"_s);
        QCOMPARE(cron->text(SyncHistoryDialog::DurationColumn), u"1 min 15 s"_s);
        QCOMPARE(cron->text(SyncHistoryDialog::WarningsColumn), u"None"_s);
        QCOMPARE(cron->text(SyncHistoryDialog::ByColumn), u"vectordesk --sync on cron-box"_s);

        // The window's pass: its failed files and its warning, in local time.
        runs->setCurrentItem(gui);
        QTreeWidget *items = dialog->itemsTable();
        QTRY_VERIFY(items->topLevelItemCount() > m_guiErrors);
        QVERIFY(dialog->detailLabel()->text().contains(u"file error"_s));
        QTreeWidgetItem *warning = rowWith(items, SyncHistoryDialog::TargetColumn, u"store scratch"_s);
        QVERIFY(warning);
        QCOMPARE(warning->text(SyncHistoryDialog::KindColumn), u"Warning"_s);
        static const QRegularExpression iso(u"\\d{4}-\\d{2}-\\d{2}T\\d{2}"_s);
        QVERIFY2(!warning->text(SyncHistoryDialog::MessageColumn).contains(iso),
                 qPrintable(warning->text(SyncHistoryDialog::MessageColumn)));
        QCOMPARE(warning->data(SyncHistoryDialog::KindColumn, SyncHistoryDialog::StoreIdRole).toLongLong(), m_scratch);
        int failed = 0;
        QTreeWidgetItem *fileError = nullptr;
        for (int i = 0; i < items->topLevelItemCount(); ++i) {
            QTreeWidgetItem *item = items->topLevelItem(i);
            if (item->text(SyncHistoryDialog::KindColumn) != u"Failed"_s)
                continue;
            ++failed;
            if (!fileError && !item->data(SyncHistoryDialog::KindColumn, SyncHistoryDialog::FileNameRole).isNull()
                && !item->data(SyncHistoryDialog::KindColumn, SyncHistoryDialog::FileNameRole).toString().isEmpty())
                fileError = item;
        }
        QCOMPARE(failed, m_guiErrors);
        QVERIFY(fileError);
        const qint64 tenantId =
            fileError->data(SyncHistoryDialog::KindColumn, SyncHistoryDialog::TenantIdRole).toLongLong();
        const qint64 storeId =
            fileError->data(SyncHistoryDialog::KindColumn, SyncHistoryDialog::StoreIdRole).toLongLong();
        const QString fileName =
            fileError->data(SyncHistoryDialog::KindColumn, SyncHistoryDialog::FileNameRole).toString();
        QVERIFY(tenantId != 0 && storeId != 0);
        QVERIFY2(fileError->text(SyncHistoryDialog::TargetColumn).contains(fileName),
                 qPrintable(fileError->text(SyncHistoryDialog::TargetColumn)));

        // Enter on the failed file shows it in its store.
        window.tenantPanel()->selectTenant(m_fixture.globex);
        items->setFocus();
        items->setCurrentItem(fileError);
        QVERIFY(dialog->showButton()->isEnabled());
        const QPointer<SyncHistoryDialog> open(dialog);
        QTest::keyClick(items, Qt::Key_Return);
        QVERIFY(open && dialog->isVisible()); // Enter leads to the file; it does not close the history
        QCOMPARE(window.tabs()->currentIndex(), 0);
        QTRY_COMPARE(window.tenantPanel()->currentTenantId(), tenantId);
        QTRY_COMPARE(window.storePanel()->currentStoreId(), storeId);
        QCOMPARE(window.filePanel()->filterField()->text(), fileName);

        // "Show in its store" on the warning leads to the expiring store.
        items->setCurrentItem(warning);
        QTest::mouseClick(dialog->showButton(), Qt::LeftButton);
        QTRY_COMPARE(window.tenantPanel()->currentTenantId(), m_fixture.acme);
        QTRY_COMPARE(window.storePanel()->currentStoreId(), m_scratch);

        // Cron's pass, recorded before entries carried ids: listed, but leads nowhere.
        runs->setCurrentItem(runs->topLevelItem(1)); // cron's pass
        QTRY_COMPARE(items->topLevelItemCount(), 3);
        items->setCurrentItem(items->topLevelItem(0));
        QCOMPARE(items->topLevelItem(0)->text(SyncHistoryDialog::MessageColumn), u"damaged"_s);
        QVERIFY(!dialog->showButton()->isEnabled());
        dialog->close();
        window.close();
    }

    // bob is a viewer of globex: he sees every pass, with the failed items and warnings of
    // globex only; mallory, in no tenant, is refused with what to do.
    void entriesFollowTheOperatorsTenants()
    {
        {
            vd::ui::ServiceRunner runner(m_fixture.url, u"bob"_s);
            SyncHistoryDialog dialog(&runner);
            QSignalSpy loaded(&dialog, &SyncHistoryDialog::loaded);
            QVERIFY(loaded.wait(10'000));
            QCOMPARE(dialog.runsTable()->topLevelItemCount(), 2);
            int entries = 0;
            for (const vd::SyncRunSummary &run : dialog.runs()) {
                for (const QJsonArray &list : {run.errors, run.warnings}) {
                    for (const QJsonValue &v : list) {
                        const QString target = v.toObject().value(u"target"_s).toString();
                        QVERIFY2(target.startsWith(u"tenant globex"_s), qPrintable(target));
                        ++entries;
                    }
                }
            }
            QVERIFY(entries >= 2); // globex's own: the cron pass's c.pdf, the window's pass's paper.md
            // The cron pass keeps its globex file only.
            QCOMPARE(dialog.runs().at(1).errors.size(), 1);
            // The pass's result still counts every failed item it had in the counts it recorded.
            QCOMPARE(dialog.runsTable()->topLevelItem(1)->text(SyncHistoryDialog::DidColumn), u"114 files indexed"_s);
        }
        {
            vd::ui::ServiceRunner runner(m_fixture.url, u"mallory"_s);
            SyncHistoryDialog dialog(&runner);
            QSignalSpy loaded(&dialog, &SyncHistoryDialog::loaded);
            QVERIFY(loaded.wait(10'000));
            QCOMPARE(dialog.runsTable()->topLevelItemCount(), 0);
            QVERIFY2(dialog.statusLabel()->text().contains(u"needs a role in some tenant"_s),
                     qPrintable(dialog.statusLabel()->text()));
        }
    }
};

QTEST_MAIN(tst_UiSyncHistory)
#include "tst_ui_synchistory.moc"
