// View › Activity (ui/activity, docs/observability.md): recent operations with request id,
// duration and outcome; latencies; the log tail with level, category and request filters; a failed
// file leads to its ingestion's log lines. Real service, real ingestion, in this process.

#include "core/logging/logging.h"
#include "core/service/vectorstoreservice.h"
#include "enginefixture.h"
#include "ui/activity/activitydialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

QStringList column(QTableWidget *t, int c)
{
    QStringList values;
    for (int r = 0; r < t->rowCount(); ++r)
        values << (t->item(r, c) ? t->item(r, c)->text() : QString());
    return values;
}

int rowOf(QTableWidget *t, int c, const QString &text)
{
    for (int r = 0; r < t->rowCount(); ++r)
        if (t->item(r, c) && t->item(r, c)->text() == text)
            return r;
    return -1;
}

} // namespace

class TestUiActivity : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::EngineFixture> m_f;
    qint64 m_broken = 0;

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(logging::install(QString(), &error), qPrintable(error));
        logging::setStderrThreshold(QtFatalMsg);
        m_f = std::make_unique<test::EngineFixture>();
        QVERIFY2(m_f->ok(), qPrintable(m_f->error()));
        VectorStoreService &svc = m_f->service();
        QVERIFY(svc.createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(svc.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        {
            logging::ContextScope scope(u"req_window_attach_1"_s);
            QVERIFY(svc.attachPath(u"acme"_s, u"docs"_s, m_f->writeFile(u"notes.txt"_s, "Rotor blade icing.\n")));
            auto broken = svc.attachPath(u"acme"_s, u"docs"_s,
                                         m_f->writeFile(u"broken.pdf"_s,
                                                        "%PDF-1.7\n1 0 obj << /Type /Catalog >>\n"
                                                        "trailer << /Root 1 0 R >>\n%%EOF\n"));
            QVERIFY2(broken, broken ? "" : qPrintable(broken.error().message()));
            m_broken = broken->id;
        }
        auto summary = m_f->ingest();
        QVERIFY(summary);
        QCOMPARE(summary->failed, 1);
        SearchRequest r;
        r.queries = {u"rotor"_s};
        QVERIFY(svc.search(u"acme"_s, {u"docs"_s}, r));
        QVERIFY(!svc.search(u"acme"_s, {u"nosuchstore"_s}, r));
    }

    void operationsShowRequestIdDurationAndOutcome()
    {
        ui::ActivityDialog dialog;
        QTableWidget *ops = dialog.operationTable();
        const QStringList names = column(ops, 1);
        QVERIFY2(names.count(u"attach"_s) == 2, qPrintable(names.join(u',')));
        QCOMPARE(names.count(u"ingest"_s), 2);
        QVERIFY(names.count(u"search"_s) == 2);
        // Newest first: the failed search is on top, with the error code as its outcome.
        QCOMPARE(ops->item(0, 1)->text(), u"search"_s);
        QCOMPARE(ops->item(0, 4)->text(), u"not_found"_s);
        QVERIFY(column(ops, 5).contains(u"req_window_attach_1"_s));
        QVERIFY(column(ops, 4).contains(u"invalid_file"_s));
        for (const QString &d : column(ops, 3))
            QVERIFY2(d.endsWith(u" ms"_s) || d.endsWith(u" s"_s), qPrintable(d));

        QTableWidget *lat = dialog.latencyTable();
        const int search = rowOf(lat, 0, u"Search"_s);
        QVERIFY(search >= 0);
        QCOMPARE(lat->item(search, 1)->text(), u"2"_s);
        QVERIFY(lat->item(search, 2)->text().endsWith(u" ms"_s));
        const int ingestion = rowOf(lat, 0, u"Ingestion (attach to done)"_s);
        QCOMPARE(lat->item(ingestion, 1)->text(), u"2"_s);
    }

    void selectingAnOperationShowsItsLogLines()
    {
        ui::ActivityDialog dialog;
        QTableWidget *ops = dialog.operationTable();
        const int failed = rowOf(ops, 4, u"invalid_file"_s);
        QVERIFY(failed >= 0);
        const QString request = ops->item(failed, 5)->text();
        ops->setCurrentCell(failed, 0);
        QCOMPARE(dialog.requestField()->text(), request);
        const QStringList requests = column(dialog.logTable(), 3);
        QVERIFY(!requests.isEmpty());
        QCOMPARE(requests.count(request), requests.size());
        QVERIFY2(column(dialog.logTable(), 4).join(u'\n').contains(u"broken.pdf failed"_s),
                 qPrintable(column(dialog.logTable(), 4).join(u'\n')));
    }

    void levelAndCategoryFilterTheTail()
    {
        ui::ActivityDialog dialog;
        const qsizetype all = column(dialog.logTable(), 1).size();
        QVERIFY(all > 0);
        QVERIFY(column(dialog.logTable(), 1).contains(u"info"_s));
        dialog.levelBox()->setCurrentIndex(2); // warnings and errors
        for (const QString &level : column(dialog.logTable(), 1))
            QVERIFY2(level != u"info"_s && level != u"debug"_s, qPrintable(level));
        dialog.levelBox()->setCurrentIndex(0);
        dialog.categoryField()->setText(u"ingest"_s);
        const QStringList categories = column(dialog.logTable(), 2);
        QVERIFY(!categories.isEmpty());
        for (const QString &c : categories)
            QVERIFY2(c.contains(u"ingest"_s), qPrintable(c));
    }

    // The queue rows say they are being read until the window's runner has read them, then
    // show what the database holds: here one file waiting.
    void theQueueIsReadWhenShown()
    {
        ui::ActivityDialog dialog;
        QSignalSpy wanted(&dialog, &ui::ActivityDialog::stateWanted);
        QTableWidget *lat = dialog.latencyTable();
        const int waiting = rowOf(lat, 0, u"Files waiting for ingestion"_s);
        QVERIFY(waiting >= 0);
        QCOMPARE(lat->item(waiting, 1)->text(), u"reading…"_s);
        dialog.show();
        QCOMPARE(wanted.count(), 1);

        QVERIFY(m_f->service().attachPath(u"acme"_s, u"docs"_s, m_f->writeFile(u"later.txt"_s, "Waiting.\n")));
        QVERIFY(VectorStoreService::refreshStateMetrics(m_f->database(), QDateTime::currentMSecsSinceEpoch()));
        dialog.stateRead({});
        QCOMPARE(lat->item(waiting, 1)->text(), u"1"_s);
        const int oldest = rowOf(lat, 0, u"Oldest waiting since"_s);
        QVERIFY2(lat->item(oldest, 1)->text() != u"–"_s, qPrintable(lat->item(oldest, 1)->text()));
        QVERIFY(lat->item(waiting, 0)->toolTip().startsWith(u"Read from the database at"_s));

        dialog.stateRead(u"The database is unreachable."_s);
        QCOMPARE(lat->item(waiting, 1)->text(), u"unknown"_s);
        QCOMPARE(lat->item(waiting, 0)->toolTip(), u"The database is unreachable."_s);
        QVERIFY(m_f->ingest()); // leave nothing waiting for the next test
    }

    void aFailedFileLeadsToItsIngestionsLines()
    {
        ui::ActivityDialog dialog;
        QVERIFY(dialog.showFile(m_broken, u"broken.pdf"_s));
        QVERIFY(dialog.noteLabel()->isVisibleTo(&dialog));
        QVERIFY(dialog.noteLabel()->text().contains(u"invalid_file"_s));
        const QString request = dialog.requestField()->text();
        QVERIFY(request.startsWith(u"req_"_s));
        QVERIFY(column(dialog.logTable(), 4).join(u'\n').contains(u"broken.pdf failed"_s));
        // A file this process never ingested says where to look instead of showing nothing.
        QVERIFY(!dialog.showFile(987654, u"elsewhere.txt"_s));
        QVERIFY(dialog.noteLabel()->text().contains(u"elsewhere.txt"_s));
        QVERIFY(dialog.requestField()->text().isEmpty());
    }
};

QTEST_MAIN(TestUiActivity)
#include "tst_ui_activity.moc"
