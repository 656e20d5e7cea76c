// The Agents dialog (docs/agents.md): a tenant's agents with their status, options edited with
// validation as you type, the tool JSON copied; agents created, bound, unbound and deleted by the
// roles allowed to, a refused call's message; and the window's store delete confirmation and expiry
// naming the agents that lose the store. On a real SQLite database through the runner.

#include "core/domain/agent.h"
#include "ui/actions/storeactions.h"
#include "ui/agents/agentsdialog.h"
#include "ui/data/servicerunner.h"
#include "ui/dialogs/storedialog.h"
#include "ui/mainwindow.h"
#include "ui/models/storetablemodel.h"
#include "ui/panels/storepanel.h"
#include "uidriver.h"
#include "uifixture.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

// Runs `work` with a service of the fixture's database as `as`; fails the test when it cannot open.
template<typename Work> bool withService(const test::UiFixture &fixture, Work work, const QString &as = {})
{
    Database db(fixture.url);
    QString error;
    if (!db.open(&error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    CoreSession session(db, as.isEmpty() ? fixture.operatorName : as);
    return work(session.service());
}

template<typename T> QString why(const Result<T> &r)
{
    return r ? QString() : r.error().message();
}

int indexOfText(const QComboBox *box, const QString &prefix)
{
    for (int i = 0; i < box->count(); ++i)
        if (box->itemText(i).startsWith(prefix))
            return i;
    return -1;
}

} // namespace

class tst_UiAgents : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void edits_an_agent_refuses_a_bad_filter_and_copies_valid_json()
    {
        test::UiFixture fixture;
        QVERIFY(fixture.create());
        {
            Database db(fixture.url);
            QString error;
            QVERIFY2(db.open(&error), qPrintable(error));
            CoreSession session(db, fixture.operatorName);
            AgentDraft support;
            support.name = u"support"_s;
            support.binding = AgentBinding::Explicit;
            auto made = session.service().createAgent(u"acme"_s, support, {u"contracts"_s});
            QVERIFY2(made, qPrintable(made ? QString() : made.error().message()));
            AgentDraft orphan;
            orphan.name = u"orphan"_s;
            orphan.binding = AgentBinding::Explicit;
            QVERIFY(session.service().createAgent(u"acme"_s, orphan));
        }
        ui::ServiceRunner runner(fixture.url, fixture.operatorName);
        ui::AgentsDialog dialog(&runner, u"acme"_s);
        dialog.show();
        // The list shows each agent's status; the first (orphan) is broken and has no tool.
        QTRY_COMPARE(dialog.agentList()->count(), 2);
        QCOMPARE(dialog.agentList()->item(0)->text(), u"orphan — broken"_s);
        QVERIFY(dialog.agentList()->item(1)->text().startsWith(u"support — "_s));
        QTRY_VERIFY(dialog.problemsLabel()->text().contains(u"none is bound"_s));
        QVERIFY(!dialog.copyButton()->isEnabled());

        dialog.agentList()->setCurrentRow(1);
        QTRY_VERIFY(dialog.toolView()->toPlainText().contains(u"\"file_search\""_s));
        QVERIFY(dialog.copyButton()->isEnabled());

        // A bad filter: the message as you type, and nothing can be saved.
        dialog.optionsEdit()->setPlainText(u"{\"filters\": {\"type\": \"xor\", \"key\": \"region\", \"value\": 1}}"_s);
        QVERIFY2(dialog.validationLabel()->text().startsWith(u"filters: "_s),
                 qPrintable(dialog.validationLabel()->text()));
        QVERIFY(!dialog.saveButton()->isEnabled());
        dialog.optionsEdit()->setPlainText(u"{\"max_num_results\": 99}"_s);
        QVERIFY(dialog.validationLabel()->text().contains(u"max_num_results must be a whole number from 1 to 50"_s));
        QVERIFY(!dialog.saveButton()->isEnabled());

        // A good one saves, and the tool follows.
        dialog.optionsEdit()->setPlainText(
            u"{\"max_num_results\": 5, \"filters\": {\"type\": \"eq\", \"key\": \"region\", \"value\": \"eu\"}}"_s);
        QVERIFY(dialog.validationLabel()->text().isEmpty());
        QVERIFY(dialog.saveButton()->isEnabled());
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog.statusLabel()->text() == u"Saved agent support."_s
                    && dialog.toolView()->toPlainText().contains(u"\"max_num_results\": 5"_s));

        QApplication::clipboard()->clear();
        QTest::mouseClick(dialog.copyButton(), Qt::LeftButton);
        QJsonParseError parse;
        const QJsonObject copied = QJsonDocument::fromJson(QApplication::clipboard()->text().toUtf8(), &parse).object();
        QCOMPARE(parse.error, QJsonParseError::NoError);
        QCOMPARE(copied[u"type"_s].toString(), u"file_search"_s);
        QCOMPARE(copied[u"max_num_results"_s].toInt(), 5);
        QCOMPARE(copied[u"filters"_s][u"key"_s].toString(), u"region"_s);
        QCOMPARE(copied[u"vector_store_ids"_s].toArray().size(), 1);
        QVERIFY(copied[u"vector_store_ids"_s].toArray()[0].toString().startsWith(u"vs_"_s));
        // What was copied is a valid tool by the service's own rule.
        QJsonObject options = copied;
        options.remove(u"type"_s);
        options.remove(u"vector_store_ids"_s);
        QVERIFY(FileSearchOptions::fromJson(options));
        QVERIFY(runner.waitForIdle(10000));
    }

    void creates_binds_unbinds_and_deletes_an_agent()
    {
        test::UiFixture fixture;
        QVERIFY(fixture.create());
        QString servedInvoices;
        QVERIFY(withService(fixture, [&](VectorStoreService &s) {
            auto invoices = s.store(u"acme"_s, u"invoices"_s);
            auto served = invoices ? s.storeApiId(invoices.value()) : Result<QString>(invoices.error());
            servedInvoices = served ? served.value() : QString();
            return bool(served);
        }));
        QVERIFY(servedInvoices.startsWith(u"vs_"_s));
        ui::ServiceRunner runner(fixture.url, fixture.operatorName);
        ui::AgentsDialog dialog(&runner, u"acme"_s);
        dialog.show();
        QTRY_VERIFY(dialog.statusLabel()->text().startsWith(u"No agents yet"_s));
        QCOMPARE(dialog.agentList()->count(), 0);

        // The name is checked as you type; Create says why it is disabled.
        QVERIFY(!dialog.createButton()->isEnabled());
        QCOMPARE(dialog.createButton()->toolTip(), u"Name the agent."_s);
        dialog.nameField()->setText(u"-helper"_s);
        QVERIFY2(dialog.nameValidationLabel()->text().contains(u"letter or digit"_s),
                 qPrintable(dialog.nameValidationLabel()->text()));
        QVERIFY(!dialog.createButton()->isEnabled());
        QCOMPARE(dialog.createButton()->toolTip(), dialog.nameValidationLabel()->text());
        dialog.nameField()->setText(u"helper"_s);
        QVERIFY(dialog.nameValidationLabel()->text().isEmpty());
        QVERIFY(dialog.createButton()->isEnabled());

        // Create: explicit, no store yet; the list shows it broken (nothing bound).
        dialog.newBindingBox()->setCurrentIndex(dialog.newBindingBox()->findData(u"explicit"_s));
        QVERIFY(dialog.newStoreBox()->isEnabled());
        dialog.newStoreBox()->setCurrentIndex(0); // (none yet)
        QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog.statusLabel()->text(), u"Created agent helper."_s);
        QCOMPARE(dialog.agentList()->count(), 1);
        QCOMPARE(dialog.agentList()->item(0)->text(), u"helper — broken"_s);
        QVERIFY(dialog.nameField()->text().isEmpty());
        QCOMPARE(dialog.agentList()->currentRow(), 0);
        QTRY_VERIFY(dialog.problemsLabel()->text().contains(u"none is bound"_s));
        QCOMPARE(dialog.boundStoreList()->count(), 0);

        // Bind invoices from the picker of the tenant's stores: the tool lists its served id.
        QCOMPARE(dialog.storePicker()->count(), 2); // contracts, invoices
        const int invoices = indexOfText(dialog.storePicker(), u"invoices"_s);
        QVERIFY(invoices >= 0);
        dialog.storePicker()->setCurrentIndex(invoices);
        QVERIFY2(dialog.bindButton()->isEnabled(), qPrintable(dialog.bindButton()->toolTip()));
        QTest::mouseClick(dialog.bindButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog.statusLabel()->text().startsWith(u"Bound invoices"_s));
        QTRY_VERIFY(dialog.toolView()->toPlainText().contains(servedInvoices));
        const QJsonObject tool = QJsonDocument::fromJson(dialog.toolView()->toPlainText().toUtf8()).object();
        QCOMPARE(tool[u"vector_store_ids"_s].toArray(), QJsonArray{servedInvoices});
        QCOMPARE(dialog.boundStoreList()->count(), 1);
        QCOMPARE(dialog.boundStoreList()->item(0)->text(), u"invoices"_s);
        QVERIFY(dialog.agentList()->item(0)->text().startsWith(u"helper — "_s));
        QVERIFY(!dialog.agentList()->item(0)->text().endsWith(u"broken"_s));
        QCOMPARE(dialog.storePicker()->count(), 1); // invoices is bound already

        // Unbind: broken again, no tool.
        QVERIFY(!dialog.unbindButton()->isEnabled());
        QCOMPARE(dialog.unbindButton()->toolTip(), u"Select a bound store first."_s);
        dialog.boundStoreList()->setCurrentRow(0);
        QVERIFY(dialog.unbindButton()->isEnabled());
        QTest::mouseClick(dialog.unbindButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog.statusLabel()->text().startsWith(u"Unbound invoices"_s));
        QTRY_COMPARE(dialog.agentList()->item(0)->text(), u"helper — broken"_s);
        QCOMPARE(dialog.boundStoreList()->count(), 0);
        QTRY_VERIFY(dialog.toolView()->toPlainText().isEmpty());

        // Delete asks first; cancel keeps it, confirm removes it.
        QTest::mouseClick(dialog.deleteButton(), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = test::topLevel<QMessageBox>(u"deleteAgentConfirmation"_s)) != nullptr);
        QCOMPARE(box->text(), u"Delete agent helper of acme?"_s);
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!test::topLevel<QMessageBox>(u"deleteAgentConfirmation"_s));
        QCOMPARE(dialog.agentList()->count(), 1);
        QTest::mouseClick(dialog.deleteButton(), Qt::LeftButton);
        QTRY_VERIFY((box = test::topLevel<QMessageBox>(u"deleteAgentConfirmation"_s)) != nullptr);
        auto *confirm = box->findChild<QPushButton *>(u"confirmDeleteAgentButton"_s);
        QVERIFY(confirm);
        QTest::mouseClick(confirm, Qt::LeftButton);
        QTRY_COMPARE(dialog.statusLabel()->text(), u"Deleted agent helper."_s);
        QCOMPARE(dialog.agentList()->count(), 0);
        QVERIFY(!dialog.copyButton()->isEnabled());
        QVERIFY(!dialog.deleteButton()->isEnabled());
        QCOMPARE(dialog.deleteButton()->toolTip(), u"Select an agent first."_s);
        QVERIFY(withService(fixture, [](VectorStoreService &s) { return s.listAgents(u"acme"_s)->isEmpty(); }));
        QVERIFY(runner.waitForIdle(10000));
    }

    void tenant_default_agent_switched_to_explicit_and_bound()
    {
        test::UiFixture fixture;
        QVERIFY(fixture.create());
        ui::ServiceRunner runner(fixture.url, fixture.operatorName);
        ui::AgentsDialog dialog(&runner, u"acme"_s);
        dialog.show();
        QTRY_VERIFY(dialog.statusLabel()->text().startsWith(u"No agents yet"_s));
        dialog.nameField()->setText(u"faq"_s);
        QCOMPARE(dialog.newBindingBox()->currentData().toString(), u"tenant_default"_s);
        QVERIFY(!dialog.newStoreBox()->isEnabled());
        QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog.statusLabel()->text(), u"Created agent faq."_s);
        // tenant_default follows the primary store (contracts, the tenant's first): no binding here.
        QVERIFY(!dialog.bindButton()->isEnabled());
        QVERIFY(dialog.bindButton()->toolTip().contains(u"choose explicit"_s));
        QTRY_VERIFY(dialog.toolView()->toPlainText().contains(u"vector_store_ids"_s));
        // Switch to explicit (saved), then bind invoices.
        dialog.bindingBox()->setCurrentIndex(dialog.bindingBox()->findData(u"explicit"_s));
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(dialog.statusLabel()->text(), u"Saved agent faq."_s);
        QTRY_COMPARE(dialog.agentList()->item(0)->text(), u"faq — broken"_s);
        QVERIFY2(dialog.bindButton()->isEnabled(), qPrintable(dialog.bindButton()->toolTip()));
        dialog.storePicker()->setCurrentIndex(indexOfText(dialog.storePicker(), u"invoices"_s));
        QTest::mouseClick(dialog.bindButton(), Qt::LeftButton);
        QTRY_VERIFY(dialog.statusLabel()->text().startsWith(u"Bound invoices"_s));
        QVERIFY(withService(fixture, [](VectorStoreService &s) {
            auto a = s.agent(u"acme"_s, u"faq"_s);
            return a && a->binding == AgentBinding::Explicit && a->storeNames == QStringList{u"invoices"_s};
        }));
        QVERIFY(runner.waitForIdle(10000));
    }

    void a_viewer_sees_the_buttons_disabled_with_the_role_needed()
    {
        test::UiFixture fixture;
        QVERIFY(fixture.create());
        QVERIFY(withService(fixture, [](VectorStoreService &s) {
            AgentDraft d;
            d.name = u"support"_s;
            d.binding = AgentBinding::Explicit;
            auto made = s.createAgent(u"acme"_s, d, {u"contracts"_s});
            auto member = s.addMember(u"acme"_s, u"victor"_s, Role::Viewer);
            auto editor = s.addMember(u"acme"_s, u"erin"_s, Role::Editor);
            return made && member && editor;
        }));
        {
            ui::ServiceRunner runner(fixture.url, u"victor"_s);
            ui::AgentsDialog dialog(&runner, u"acme"_s);
            dialog.show();
            QTRY_COMPARE(dialog.agentList()->count(), 1);
            QTRY_VERIFY(dialog.toolView()->toPlainText().contains(u"file_search"_s)); // viewers read
            dialog.nameField()->setText(u"helper"_s);
            dialog.boundStoreList()->setCurrentRow(0);
            const QString needsAdmin = u"Needs the admin role in acme; you are viewer."_s;
            const QString needsEditor = u"Needs the editor role in acme; you are viewer."_s;
            for (auto [button, tip] :
                 {std::pair{dialog.createButton(), needsAdmin}, std::pair{dialog.deleteButton(), needsAdmin},
                  std::pair{dialog.saveButton(), needsEditor}, std::pair{dialog.bindButton(), needsEditor},
                  std::pair{dialog.unbindButton(), needsEditor}}) {
                QVERIFY2(!button->isEnabled(), qPrintable(button->text()));
                QCOMPARE(button->toolTip(), tip);
            }
            QVERIFY(dialog.copyButton()->isEnabled());
            QVERIFY(runner.waitForIdle(10000));
        }
        // An editor binds and saves, but neither creates nor deletes.
        ui::ServiceRunner runner(fixture.url, u"erin"_s);
        ui::AgentsDialog dialog(&runner, u"acme"_s);
        dialog.show();
        QTRY_COMPARE(dialog.agentList()->count(), 1);
        QTRY_VERIFY(dialog.toolView()->toPlainText().contains(u"file_search"_s));
        dialog.nameField()->setText(u"helper"_s);
        QVERIFY(!dialog.createButton()->isEnabled());
        QCOMPARE(dialog.createButton()->toolTip(), u"Needs the admin role in acme; you are editor."_s);
        QVERIFY(!dialog.deleteButton()->isEnabled());
        QVERIFY(dialog.saveButton()->isEnabled());
        QVERIFY(dialog.bindButton()->isEnabled());
        QVERIFY(runner.waitForIdle(10000));
    }

    void a_refused_call_shows_the_service_message()
    {
        test::UiFixture fixture;
        QVERIFY(fixture.create());
        QVERIFY(withService(fixture, [](VectorStoreService &s) {
            AgentDraft d;
            d.name = u"support"_s;
            return bool(s.createAgent(u"acme"_s, d));
        }));
        ui::ServiceRunner runner(fixture.url, fixture.operatorName);
        ui::AgentsDialog dialog(&runner, u"acme"_s);
        dialog.show();
        QTRY_COMPARE(dialog.agentList()->count(), 1);
        // A name the rule accepts, but taken (agents are named case-insensitively): the service refuses.
        dialog.nameField()->setText(u"Support"_s);
        QVERIFY(dialog.createButton()->isEnabled());
        QTest::mouseClick(dialog.createButton(), Qt::LeftButton);
        QTRY_VERIFY2(dialog.statusLabel()->text().contains(u"already has an agent named 'Support'"_s),
                     qPrintable(dialog.statusLabel()->text()));
        QVERIFY(!dialog.statusLabel()->styleSheet().isEmpty()); // shown as a problem
        QCOMPARE(dialog.agentList()->count(), 1);
        QCOMPARE(dialog.nameField()->text(), u"Support"_s); // kept to correct
        QVERIFY(dialog.createButton()->isEnabled());
        QVERIFY(runner.waitForIdle(10000));
    }

    void store_delete_and_expiry_name_the_agents_that_lose_the_store()
    {
        test::UiFixture fixture;
        QVERIFY(fixture.create());
        QVERIFY(withService(fixture, [](VectorStoreService &s) {
            AgentDraft support;
            support.name = u"support"_s;
            support.binding = AgentBinding::Explicit;
            auto made = s.createAgent(u"acme"_s, support, {u"invoices"_s});
            if (!made)
                qWarning("%s", qPrintable(why(made)));
            AgentDraft other; // bound to contracts only: does not lose invoices
            other.name = u"legal"_s;
            other.binding = AgentBinding::Explicit;
            return made && s.createAgent(u"acme"_s, other, {u"contracts"_s});
        }));
        ui::MainWindow window(fixture.url, fixture.operatorName);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY(window.storePanel()->model()->rowCount() == 2);
        window.storePanel()->selectStore(fixture.invoices);
        QTRY_COMPARE(window.storePanel()->currentStoreId(), fixture.invoices);
        QTRY_VERIFY(window.storeActions()->deleteStore()->isEnabled());
        window.storeActions()->deleteStore()->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = test::topLevel<QMessageBox>(u"deleteStoreConfirmation"_s)) != nullptr);
        QCOMPARE(box->text(), u"Delete store invoices of acme?"_s);
        QVERIFY2(box->informativeText().contains(u"Agents that lose store invoices: support."_s),
                 qPrintable(box->informativeText()));
        QVERIFY(!box->informativeText().contains(u"legal"_s));
        // Cancel leaves the store.
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!test::topLevel<QMessageBox>(u"deleteStoreConfirmation"_s));
        QVERIFY(withService(fixture, [](VectorStoreService &s) {
            auto store = s.store(u"acme"_s, u"invoices"_s);
            return store && !store->deletedAt
                && s.agentsUsingStore(u"acme"_s, u"invoices"_s).value() == QStringList{u"support"_s};
        }));

        // Adding an expiry to it in Edit store names them too; a store no agent uses says nothing.
        ui::ServiceRunner runner(fixture.url, fixture.operatorName);
        const VectorStore *invoices = window.storePanel()->currentStore();
        QVERIFY(invoices);
        ui::StoreDialog edit(&runner, fixture.acme, u"acme"_s, invoices);
        edit.show();
        QVERIFY(!edit.expiryBox()->isChecked());
        QVERIFY(runner.waitForIdle(10000));
        QCoreApplication::processEvents(); // the agents' answer arrives
        QVERIFY(edit.expiryAgentsNote()->isHidden());
        edit.expiryBox()->setChecked(true);
        QTRY_VERIFY(edit.expiryAgentsNote()->isVisible());
        QCOMPARE(edit.expiryAgentsNote()->text(), u"Agents that lose store invoices when it expires: support."_s);
        edit.expiryBox()->setChecked(false);
        QVERIFY(edit.expiryAgentsNote()->isHidden());
        QVERIFY(runner.waitForIdle(10000));
    }
};

QTEST_MAIN(tst_UiAgents)
#include "tst_ui_agents.moc"
