// The search playground, offscreen over a real local engine: query, stores, max results, a
// filter edited as rows and as JSON (kept in sync), the threshold slider re-filtering fetched
// results, the chunk viewer with neighbours, and copying results as JSON.

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "ui/mainwindow.h"
#include "ui/models/filetablemodel.h"
#include "ui/panels/filepanel.h"
#include "ui/search/filtereditor.h"
#include "ui/search/searchpanel.h"
#include "ui/search/searchresultmodel.h"
#include "uifixture.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

using namespace Qt::StringLiterals;
using vd::ui::FilterEditor;
using vd::ui::MainWindow;
using vd::ui::SearchPanel;

class tst_UiSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void filterRowsAndJsonStayInSync();
    void invalidJsonSaysWhyAndBlocksSearch();
    void searchWithFilterAndThreshold();
    void ctrlFFocusesTheQuery();

private:
    bool openSearch(MainWindow &window);
    vd::test::UiFixture m_fixture;
    QTemporaryDir m_docs;
    qint64 m_kb = 0;
};

void tst_UiSearch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_fixture.create());
    QVERIFY(m_docs.isValid());

    // A store with three documents, indexed by the real local engine.
    vd::Database db(m_fixture.url);
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    vd::engine::LocalEngine local(vd::engine::LocalEngine::rootFor(m_fixture.url));
    vd::VectorStoreService service(db, m_fixture.operatorName,
                                   [&](vd::BackendKind) -> vd::VectorStoreBackend * { return &local; });
    vd::StoreDraft draft;
    draft.name = u"kb"_s;
    auto kb = service.createStore(u"acme"_s, draft);
    QVERIFY2(kb, kb ? "" : qPrintable(kb.error().message()));
    m_kb = kb->id;
    struct Doc
    {
        QString name;
        QByteArray text;
        QJsonObject attributes;
    };
    const QList<Doc> docs = {
        {u"refunds.md"_s,
         "# Refund policy\n\nCustomers may ask for a refund within 30 days. Refunds go back to the original card.\n",
         {{u"team"_s, u"support"_s}, {u"year"_s, 2024}}},
        {u"pricing.md"_s,
         "# Pricing\n\nThe enterprise plan includes priority refund handling and a discount.\n",
         {{u"team"_s, u"sales"_s}, {u"year"_s, 2023}}},
        {u"travel.md"_s, "# Travel\n\nBook trains for trips under four hours.\n", {{u"team"_s, u"hr"_s}}},
    };
    for (const Doc &doc : docs) {
        QFile file(m_docs.filePath(doc.name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(doc.text);
        file.close();
        auto attached = service.attachPath(u"acme"_s, u"kb"_s, file.fileName(), doc.attributes);
        QVERIFY2(attached, attached ? "" : qPrintable(attached.error().message()));
    }
    vd::engine::Ingestor ingestor(db, [&](vd::BackendKind) -> vd::VectorStoreBackend * { return &local; });
    auto drained = ingestor.drain([] { return false; }, {}, m_fixture.acme, m_kb);
    QVERIFY2(drained, drained ? "" : qPrintable(drained.error().message()));
    QCOMPARE(drained->completed, 3);
}

void tst_UiSearch::init()
{
    QSettings().clear();
}

bool tst_UiSearch::openSearch(MainWindow &window)
{
    window.resize(1280, 800);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    auto *panel = window.filePanel();
    if (!QTest::qWaitFor([&] { return panel->model()->rowCount() > 0; }, 10'000))
        return false;
    window.showSearch();
    SearchPanel *search = window.searchPanel();
    return QTest::qWaitFor([&] { return search->storeList()->count() == 3; }, 10'000);
}

void tst_UiSearch::filterRowsAndJsonStayInSync()
{
    FilterEditor editor;
    // Rows → JSON: one condition is a comparison; two in a group are a compound.
    editor.addCondition(u"team"_s, u"eq"_s, u"sales"_s);
    QCOMPARE(QJsonDocument::fromJson(editor.jsonText().toUtf8()).object(),
             (QJsonObject{{u"type"_s, u"eq"_s}, {u"key"_s, u"team"_s}, {u"value"_s, u"sales"_s}}));
    editor.addCondition(u"year"_s, u"gte"_s, u"2024"_s);
    const QJsonObject two = QJsonDocument::fromJson(editor.jsonText().toUtf8()).object();
    QCOMPARE(two.value(u"type"_s).toString(), u"and"_s);
    QCOMPARE(two.value(u"filters"_s).toArray().at(1).toObject().value(u"value"_s), QJsonValue(2024));
    // Values: numbers, booleans, quoted text, lists for in/nin.
    QCOMPARE(FilterEditor::parseValue(u"eq"_s, u"\"2024\""_s), QJsonValue(u"2024"_s));
    QCOMPARE(FilterEditor::parseValue(u"eq"_s, u"true"_s), QJsonValue(true));
    QCOMPARE(FilterEditor::parseValue(u"in"_s, u"a, 2"_s), QJsonValue(QJsonArray{u"a"_s, 2}));

    // JSON → rows: two groups joined by OR.
    editor.setJsonText(uR"({"type":"or","filters":[{"type":"eq","key":"team","value":"hr"},
             {"type":"and","filters":[{"type":"eq","key":"team","value":"sales"},{"type":"lt","key":"year","value":2024}]}]})"_s);
    QVERIFY(editor.isValid());
    QCOMPARE(editor.groupCount(), 2);
    QCOMPARE(editor.findChild<QComboBox *>(u"groupsOperator"_s)->currentData().toString(), u"or"_s);
    QList<QLineEdit *> keys = editor.findChildren<QLineEdit *>(u"conditionKey"_s);
    QCOMPARE(keys.size(), 3);
    // Editing a row rewrites the JSON.
    keys.first()->setText(u"department"_s);
    QVERIFY(editor.jsonText().contains(u"department"_s));
    QCOMPARE(editor.filter()->value(u"type"_s).toString(), u"or"_s);
}

void tst_UiSearch::invalidJsonSaysWhyAndBlocksSearch()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(openSearch(window));
    SearchPanel *search = window.searchPanel();
    search->queryField()->setText(u"refund"_s);
    QTRY_VERIFY(search->searchButton()->isEnabled());
    search->filterEditor()->setJsonText(u"{\"type\": \"between\", \"key\": \"year\", \"value\": 1}"_s);
    QVERIFY(!search->filterEditor()->isValid());
    QVERIFY(!search->searchButton()->isEnabled());
    QCOMPARE(search->searchButton()->toolTip(), u"Fix the filter first."_s);
    auto *status = search->findChild<QLabel *>(u"filterJsonStatus"_s);
    QVERIFY2(status->text().contains(u"between"_s), qPrintable(status->text()));
    search->filterEditor()->setJsonText(u"{\"type\": "_s);
    QVERIFY(status->text().startsWith(u"Not valid JSON"_s));
    search->filterEditor()->setJsonText(QString());
    QVERIFY(search->searchButton()->isEnabled());
}

void tst_UiSearch::searchWithFilterAndThreshold()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(openSearch(window));
    SearchPanel *search = window.searchPanel();
    QAbstractItemModelTester tester(search->results(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QListWidget *stores = search->storeList();
    for (int i = 0; i < stores->count(); ++i)
        stores->item(i)->setCheckState(stores->item(i)->text() == u"kb"_s ? Qt::Checked : Qt::Unchecked);
    search->queryField()->setText(u"refund"_s);
    search->maxResultsBox()->setValue(5);

    // No filter: both files that mention refunds.
    QTest::mouseClick(search->searchButton(), Qt::LeftButton);
    QTRY_VERIFY(!search->isSearching());
    vd::ui::SearchResultModel *results = search->results();
    QCOMPARE(results->rowCount(), 2);
    QVERIFY2(search->statusText().startsWith(u"2 results for “refund” in 1 store ("_s),
             qPrintable(search->statusText()));
    QVERIFY(search->statusText().endsWith(u" ms)."_s));
    QStringList names = {results->index(0, 1).data().toString(), results->index(1, 1).data().toString()};
    names.sort();
    QCOMPARE(names, (QStringList{u"pricing.md"_s, u"refunds.md"_s}));
    const double lowest = results->index(1, 0).data(vd::ui::SearchResultModel::ScoreRole).toDouble();
    const double highest = results->index(0, 0).data(vd::ui::SearchResultModel::ScoreRole).toDouble();
    QVERIFY(highest > lowest);
    QVERIFY(results->index(0, 2).data(vd::ui::SearchResultModel::MatchedTermsRole).toStringList().size() > 0);

    // The threshold slider hides fetched results below it without searching again.
    const int between = int((lowest + highest) / 2 * 100) + 1;
    QVERIFY(between > int(lowest * 100));
    search->thresholdSlider()->setValue(qMin(between, int(highest * 100)));
    QCOMPARE(results->rowCount(), 1);
    QVERIFY(search->statusText().startsWith(u"1 of 2 results at or above"_s));
    search->thresholdSlider()->setValue(0);
    QCOMPARE(results->rowCount(), 2);

    // A filter written as rows: only the sales team's file.
    search->filterEditor()->addCondition(u"team"_s, u"eq"_s, u"sales"_s);
    QTest::mouseClick(search->searchButton(), Qt::LeftButton);
    QTRY_VERIFY(!search->isSearching());
    QCOMPARE(results->rowCount(), 1);
    QCOMPARE(results->index(0, 1).data().toString(), u"pricing.md"_s);
    QCOMPARE(results->index(0, vd::ui::SearchResultModel::AttributesColumn).data().toString(),
             u"team=sales, year=2023"_s);

    // The first result opens in the chunk viewer, with the matched terms highlighted.
    QTRY_VERIFY(search->chunkView()->toPlainText().contains(u"priority refund handling"_s));
    QVERIFY(search->chunkView()->toHtml().contains(u"#ffe58f"_s));

    // Copy as JSON: OpenAI's response shape.
    search->copyResultsAsJson();
    const QJsonObject copied = QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object();
    QCOMPARE(copied.value(u"object"_s).toString(), u"vector_store.search_results.page"_s);
    QCOMPARE(copied.value(u"data"_s).toArray().size(), 1);
    QCOMPARE(copied.value(u"data"_s).toArray().first().toObject().value(u"filename"_s).toString(), u"pricing.md"_s);

    // A filter that matches nothing says what to try.
    search->filterEditor()->setJsonText(u"{\"type\": \"eq\", \"key\": \"team\", \"value\": \"legal\"}"_s);
    QTest::mouseClick(search->searchButton(), Qt::LeftButton);
    QTRY_VERIFY(!search->isSearching());
    QCOMPARE(results->rowCount(), 0);
    QVERIFY2(search->statusText().startsWith(u"No results for “refund” in 1 store"_s),
             qPrintable(search->statusText()));
}

void tst_UiSearch::ctrlFFocusesTheQuery()
{
    MainWindow window(m_fixture.url, m_fixture.operatorName);
    QVERIFY(openSearch(window));
    window.tabs()->setCurrentIndex(0);
    window.activateWindow();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(window.tabs()->currentWidget(), window.searchPanel());
    QTRY_VERIFY(window.searchPanel()->queryField()->hasFocus());
}

QTEST_MAIN(tst_UiSearch)
#include "tst_ui_search.moc"
