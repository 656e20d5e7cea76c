// The Agents dialog (docs/agents.md): a tenant's agents with their status, options edited with
// validation as you type, the tool JSON copied, on a real SQLite database through the runner.

#include "core/domain/agent.h"
#include "ui/agents/agentsdialog.h"
#include "ui/data/servicerunner.h"
#include "uifixture.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace vd;

class tst_UiAgents : public QObject
{
    Q_OBJECT

private slots:
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
        QTRY_VERIFY(dialog.statusLabel()->text().contains(u"2 agent(s)"_s)
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
};

QTEST_MAIN(tst_UiAgents)
#include "tst_ui_agents.moc"
