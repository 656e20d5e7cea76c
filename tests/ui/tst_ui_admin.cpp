// The administration screens of the window, offscreen on a real SQLite database: members and
// roles, tenants and plans, the audit log. Each is opened from the Tenant menu, driven through its
// widgets, and checked against what the service then reports; an operator without the role sees
// the controls disabled with the reason in the tooltip.

#include "ui/admin/adminactions.h"
#include "ui/admin/auditdialog.h"
#include "ui/admin/membersdialog.h"
#include "ui/admin/tenantsdialog.h"
#include "ui/mainwindow.h"
#include "ui/models/displayformat.h"
#include "ui/models/tenanttablemodel.h"
#include "ui/panels/tenantpanel.h"
#include "uifixture.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using vd::ui::MainWindow;

namespace {

int rowOf(const QTreeWidget *table, const QString &first)
{
    for (int i = 0; i < table->topLevelItemCount(); ++i)
        if (table->topLevelItem(i)->text(0) == first)
            return i;
    return -1;
}

} // namespace

class tst_UiAdmin : public QObject
{
    Q_OBJECT

private:
    vd::test::UiFixture m_fixture;

    // Opens the window as `who` and waits until its tenants are in.
    static bool settle(MainWindow &window)
    {
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return false;
        return QTest::qWaitFor([&] { return window.tenantPanel()->model()->rowCount() > 0; }, 10'000);
    }

    template<typename D> static D *open(MainWindow &window, QAction *action, D *(vd::ui::AdminActions::*get)() const)
    {
        action->trigger();
        D *dialog = (window.adminActions()->*get)();
        if (!dialog || !QTest::qWaitFor([&] { return !dialog->isBusy(); }, 10'000))
            return nullptr;
        return dialog;
    }

    // A member with `role` in acme, acting as `name`.
    bool addMember(const QString &name, vd::Role role)
    {
        vd::Database db(m_fixture.url);
        QString error;
        if (!vd::Database::openAndMigrate(db, &error))
            return false;
        vd::CoreSession session(db, m_fixture.operatorName);
        return bool(session.service().addMember(u"acme"_s, name, role));
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_fixture.create());
    }
    void init() { QSettings().clear(); }

    void membersAddChangeAndRemove()
    {
        MainWindow window(m_fixture.url, m_fixture.operatorName);
        QVERIFY(settle(window));
        window.tenantPanel()->selectTenant(m_fixture.acme);
        auto *dialog = open(window, window.adminActions()->members(), &vd::ui::AdminActions::membersDialog);
        QVERIFY(dialog);
        QCOMPARE(dialog->currentTenant()->id, m_fixture.acme);
        QTreeWidget *table = dialog->table();
        QCOMPARE(rowOf(table, u"carol"_s), -1);

        QSignalSpy settled(dialog, &vd::ui::AdminDialog::settled);
        QVERIFY(!dialog->addButton()->isEnabled()); // no name yet
        QTest::keyClicks(dialog->operatorField(), u"carol"_s);
        dialog->roleBox()->setCurrentIndex(dialog->roleBox()->findText(u"Editor"_s));
        QVERIFY(dialog->addButton()->isEnabled());
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        QTRY_VERIFY(rowOf(table, u"carol"_s) >= 0);
        QCOMPARE(table->topLevelItem(rowOf(table, u"carol"_s))->text(1), u"Editor"_s);
        QCOMPARE(dialog->statusLabel()->text(), u"carol is now editor of acme"_s);
        QTRY_COMPARE(window.statusBar()->currentMessage(), u"carol is now editor of acme"_s);

        // Selecting a member fills the form; another role changes theirs.
        table->setCurrentItem(table->topLevelItem(rowOf(table, u"carol"_s)));
        QCOMPARE(dialog->operatorField()->text(), u"carol"_s);
        QCOMPARE(dialog->roleBox()->currentText(), u"Editor"_s);
        dialog->roleBox()->setCurrentIndex(dialog->roleBox()->findText(u"Viewer"_s));
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog->statusLabel()->text(), u"carol is now viewer of acme"_s);
        QTRY_VERIFY(rowOf(table, u"carol"_s) >= 0 && !dialog->isBusy());
        QCOMPARE(table->topLevelItem(rowOf(table, u"carol"_s))->text(1), u"Viewer"_s);

        table->setCurrentItem(table->topLevelItem(rowOf(table, u"carol"_s)));
        QVERIFY(dialog->removeButton()->isEnabled());
        QTest::mouseClick(dialog->removeButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog->statusLabel()->text(), u"carol is no longer a member of acme"_s);
        QTRY_VERIFY(!dialog->isBusy());
        QCOMPARE(rowOf(table, u"carol"_s), -1);

        // A refusal from the service is shown, not swallowed.
        const int members = table->topLevelItemCount();
        dialog->operatorField()->setText(QString(129, u'x'));
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog->statusLabel()->text(), u"Operator name must be 1 to 128 characters."_s);
        QTRY_VERIFY(!dialog->isBusy());
        QCOMPARE(table->topLevelItemCount(), members);
    }

    void membersNeedTheOwnerRole()
    {
        QVERIFY(addMember(u"dave"_s, vd::Role::Editor));
        MainWindow window(m_fixture.url, u"dave"_s);
        QVERIFY(settle(window));
        auto *dialog = open(window, window.adminActions()->members(), &vd::ui::AdminActions::membersDialog);
        QVERIFY(dialog);
        QCOMPARE(dialog->currentTenant()->slug, u"acme"_s);
        // An editor may look at the members...
        QTRY_VERIFY(rowOf(dialog->table(), u"dave"_s) >= 0);
        // ... but not change them, and is told why.
        const QString why = u"Needs the owner role in acme; you are editor."_s;
        QVERIFY(!dialog->addButton()->isEnabled());
        QCOMPARE(dialog->addButton()->toolTip(), why);
        QVERIFY(!dialog->removeButton()->isEnabled());
        QCOMPARE(dialog->removeButton()->toolTip(), why);
        QVERIFY(!dialog->operatorField()->isEnabled());
    }

    void tenantsRenameChangePlanAndCreate()
    {
        MainWindow window(m_fixture.url, m_fixture.operatorName);
        QVERIFY(settle(window));
        window.tenantPanel()->selectTenant(m_fixture.globex);
        auto *dialog = open(window, window.adminActions()->tenants(), &vd::ui::AdminActions::tenantsDialog);
        QVERIFY(dialog);
        // The plans and their limits.
        QTreeWidget *plans = dialog->table();
        QCOMPARE(plans->topLevelItemCount(), 4);
        QCOMPARE(plans->topLevelItem(rowOf(plans, u"Starter"_s))->text(1), u"10"_s);
        QCOMPARE(dialog->currentTenant()->slug, u"globex"_s);
        QCOMPARE(dialog->nameField()->text(), u"Globex"_s);
        QCOMPARE(dialog->planBox()->currentData().toString(), u"free"_s);

        // Rename: the tenant row of the window follows.
        const vd::ui::TenantTableModel *tenants = window.tenantPanel()->model();
        dialog->nameField()->setText(u"Globex Corporation"_s);
        QTest::mouseClick(dialog->renameButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog->statusLabel()->text(), u"Tenant globex is now called Globex Corporation"_s);
        QTRY_COMPARE(tenants->index(tenants->rowOfTenant(m_fixture.globex), 0).data().toString(),
                     u"Globex Corporation (globex)"_s);
        QCOMPARE(dialog->tenantBox()->currentText(), u"Globex Corporation (globex)"_s);

        // Overrides that are not JSON are refused before anything is sent.
        dialog->planBox()->setCurrentIndex(dialog->planBox()->findData(u"starter"_s));
        dialog->overridesField()->setText(u"max_stores=7"_s);
        QTest::mouseClick(dialog->setPlanButton(), Qt::LeftButton);
        QVERIFY2(dialog->statusLabel()->text().startsWith(u"The overrides are not a JSON object"_s),
                 qPrintable(dialog->statusLabel()->text()));
        QVERIFY(!dialog->isBusy());
        // Change plan with an override: the plan column and the quota follow.
        dialog->overridesField()->setText(u"{\"max_stores\": 7}"_s);
        QTest::mouseClick(dialog->setPlanButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog->statusLabel()->text(), u"Tenant globex is now on the starter plan, with overrides"_s);
        QTRY_COMPARE(tenants->index(tenants->rowOfTenant(m_fixture.globex), vd::ui::TenantTableModel::PlanColumn)
                         .data()
                         .toString(),
                     u"Starter"_s);
        QTRY_VERIFY(tenants->rowAt(tenants->rowOfTenant(m_fixture.globex))->quota.has_value());
        QCOMPARE(tenants->rowAt(tenants->rowOfTenant(m_fixture.globex))->quota->limits.maxStores, 7);
        // An override the service refuses: its message is shown.
        dialog->overridesField()->setText(u"{\"max_colours\": 3}"_s);
        QTest::mouseClick(dialog->setPlanButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog->isBusy());
        QVERIFY2(dialog->statusLabel()->text().contains(u"max_colours"_s), qPrintable(dialog->statusLabel()->text()));

        // Create a tenant (instance administrator): it appears in the window.
        QVERIFY(!dialog->createButton()->isEnabled()); // no slug yet
        QTest::keyClicks(dialog->newSlugField(), u"initech"_s);
        dialog->newNameField()->setText(u"Initech"_s);
        dialog->newPlanBox()->setCurrentIndex(dialog->newPlanBox()->findData(u"pro"_s));
        QTest::mouseClick(dialog->createButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog->statusLabel()->text(), u"Created tenant initech on the pro plan"_s);
        QCOMPARE(dialog->tenantBox()->currentText(), u"Initech (initech)"_s);
        QTRY_VERIFY(tenants->rowOfTenant(dialog->currentTenant()->id) >= 0);
    }

    void tenantsNeedTheirRoles()
    {
        QVERIFY(addMember(u"erin"_s, vd::Role::Editor));
        MainWindow window(m_fixture.url, u"erin"_s);
        QVERIFY(settle(window));
        auto *dialog = open(window, window.adminActions()->tenants(), &vd::ui::AdminActions::tenantsDialog);
        QVERIFY(dialog);
        QTRY_COMPARE(dialog->table()->topLevelItemCount(), 4); // anyone may see the plans
        QVERIFY(!dialog->renameButton()->isEnabled());
        QCOMPARE(dialog->renameButton()->toolTip(), u"Needs the admin role in acme; you are editor."_s);
        QVERIFY(!dialog->setPlanButton()->isEnabled());
        QCOMPARE(dialog->setPlanButton()->toolTip(), u"Needs the admin role in acme; you are editor."_s);
        QTest::keyClicks(dialog->newSlugField(), u"x"_s); // disabled: typing does nothing
        QVERIFY(!dialog->createButton()->isEnabled());
        QCOMPARE(dialog->createButton()->toolTip(),
                 u"Creating tenants needs an instance administrator; you are not one."_s);
    }

    void auditLogFilters()
    {
        // An entry from two days ago, so the time filter has something to leave out.
        {
            vd::Database db(m_fixture.url);
            QString error;
            QVERIFY(vd::Database::openAndMigrate(db, &error));
            QSqlQuery q(db.connection());
            q.prepare(u"INSERT INTO audit_log (at, operator, tenant_id, action, target, request_id, detail) "
                      u"VALUES (?, 'olga', ?, 'tenant.update', 'tenant acme', '', '{}')"_s);
            q.addBindValue(QDateTime::currentMSecsSinceEpoch() - 2 * 24 * 3'600'000LL);
            q.addBindValue(m_fixture.acme);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        MainWindow window(m_fixture.url, m_fixture.operatorName);
        QVERIFY(settle(window));
        window.tenantPanel()->selectTenant(m_fixture.acme);
        auto *dialog = open(window, window.adminActions()->audit(), &vd::ui::AdminActions::auditDialog);
        QVERIFY(dialog);
        QTreeWidget *table = dialog->table();
        const int all = table->topLevelItemCount();
        QVERIFY(all > 5); // tenant, stores, files, members, olga's
        QCOMPARE(dialog->visibleRows(), all);
        QVERIFY2(dialog->statusLabel()->text() == u"%1 entries."_s.arg(all), qPrintable(dialog->statusLabel()->text()));
        // Newest first, in the window's one date format.
        QVERIFY(table->topLevelItem(0)->data(0, Qt::UserRole).toLongLong()
                >= table->topLevelItem(all - 1)->data(0, Qt::UserRole).toLongLong());
        QVERIFY2(QLocale().toDateTime(table->topLevelItem(0)->text(0), vd::ui::format::dateTimeFormat()).isValid(),
                 qPrintable(table->topLevelItem(0)->text(0)));

        // Each filter is the service's (VectorStoreService::auditLog with an AuditQuery): the
        // rows are what the database matched, not rows hidden.
        auto settled = [&] {
            return QTest::qWaitFor([&] { return !dialog->isBusy(); }, 10'000);
        };
        const int attach = dialog->actionFilter()->findData(u"file.attach"_s);
        QVERIFY(attach > 0);
        dialog->actionFilter()->setCurrentIndex(attach);
        QVERIFY(settled());
        QVERIFY(table->topLevelItemCount() > 0 && table->topLevelItemCount() < all);
        for (int i = 0; i < table->topLevelItemCount(); ++i)
            QCOMPARE(table->topLevelItem(i)->text(2), u"file.attach"_s);
        QCOMPARE(dialog->actionFilter()->currentData().toString(), u"file.attach"_s); // kept across the reload
        QVERIFY2(dialog->statusLabel()->text().endsWith(u"match."_s), qPrintable(dialog->statusLabel()->text()));
        // By operator, as typed (case-insensitive, part of the name), once typing pauses.
        dialog->actionFilter()->setCurrentIndex(0);
        QVERIFY(settled());
        QTest::keyClicks(dialog->operatorFilter(), u"nobody"_s);
        QTRY_COMPARE(table->topLevelItemCount(), 0);
        QVERIFY(settled());
        dialog->operatorFilter()->clear();
        QTest::keyClicks(dialog->operatorFilter(), u"OLG"_s);
        QTRY_COMPARE(table->topLevelItemCount(), 1);
        QCOMPARE(table->topLevelItem(0)->text(1), u"olga"_s);
        dialog->operatorFilter()->clear();
        QTRY_COMPARE(table->topLevelItemCount(), all);
        // By time: olga's entry is two days old.
        dialog->timeFilter()->setCurrentIndex(dialog->timeFilter()->findData(24));
        QVERIFY(settled());
        QCOMPARE(table->topLevelItemCount(), all - 1);
        for (int i = 0; i < table->topLevelItemCount(); ++i)
            QVERIFY(table->topLevelItem(i)->text(1) != u"olga"_s);
        dialog->timeFilter()->setCurrentIndex(dialog->timeFilter()->findData(7 * 24));
        QVERIFY(settled());
        QCOMPARE(table->topLevelItemCount(), all);
        // Filters and the limit together: the newest 10 of the last week.
        dialog->limitBox()->setValue(10);
        Q_EMIT dialog->limitBox()->editingFinished();
        QVERIFY(settled());
        QCOMPARE(table->topLevelItemCount(), 10);
        QVERIFY2(dialog->statusLabel()->text().startsWith(u"The newest 10 matching entries"_s),
                 qPrintable(dialog->statusLabel()->text()));
        dialog->limitBox()->setValue(500);
        dialog->timeFilter()->setCurrentIndex(0);
        QVERIFY(settled());

        // Another tenant: its own trail.
        dialog->selectTenant(m_fixture.globex);
        QTRY_VERIFY(!dialog->isBusy() && table->topLevelItemCount() > 0);
        QVERIFY(table->topLevelItemCount() < all);
    }

    void auditLogNeedsTheAdminRole()
    {
        QVERIFY(addMember(u"frank"_s, vd::Role::Editor));
        MainWindow window(m_fixture.url, u"frank"_s);
        QVERIFY(settle(window));
        auto *dialog = open(window, window.adminActions()->audit(), &vd::ui::AdminActions::auditDialog);
        QVERIFY(dialog);
        const QString why = u"Needs the admin role in acme; you are editor."_s;
        QCOMPARE(dialog->statusLabel()->text(), why);
        QCOMPARE(dialog->table()->topLevelItemCount(), 0);
        QVERIFY(!dialog->operatorFilter()->isEnabled());
        QCOMPARE(dialog->operatorFilter()->toolTip(), why);
        QVERIFY(!dialog->actionFilter()->isEnabled());
    }
};

QTEST_MAIN(tst_UiAdmin)
#include "tst_ui_admin.moc"
