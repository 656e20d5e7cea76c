// Attribute filters: parsing errors, semantics, and that the SQL form (used by the index)
// agrees with the C++ form (used to re-check results) on every attribute set.

#include "core/domain/filter.h"
#include "core/domain/searchrequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {

// Test literals write JSON quotes as backticks (moc cannot read raw string literals).
QString j(const char *text)
{
    return QString::fromUtf8(text).replace(u'`', u'"');
}

QJsonObject obj(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestFilter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"filters"_s);
        db.setDatabaseName(u":memory:"_s);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"CREATE TABLE files (id INTEGER PRIMARY KEY, attributes TEXT NOT NULL)"_s));
        const QList<QJsonObject> files = {
            obj(j("{`region`: `us`, `year`: 2024, `signed`: true, `score`: 4.5}").toUtf8()),
            obj(j("{`region`: `eu`, `year`: 2023, `signed`: false}").toUtf8()),
            obj(j("{`region`: `US`, `year`: `2024`}").toUtf8()),
            obj(j("{`year`: 2025, `tags`: `a,b`}").toUtf8()),
            obj(j("{}").toUtf8()),
            obj(j("{`region`: `ü-land`, `year`: 1999.5, `key with \\`quotes\\``: `x`}").toUtf8()),
        };
        for (const QJsonObject &f : files) {
            q.prepare(u"INSERT INTO files (attributes) VALUES (?)"_s);
            q.addBindValue(QString::fromUtf8(QJsonDocument(f).toJson(QJsonDocument::Compact)));
            QVERIFY(q.exec());
            m_files << f;
        }
    }

    void semantics_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QList<int>>("matching"); // 1-based file ids
        QTest::newRow("eq string is case-sensitive") << j("{`type`:`eq`,`key`:`region`,`value`:`us`}") << QList<int>{1};
        QTest::newRow("type defaults to eq") << j("{`key`:`region`,`value`:`eu`}") << QList<int>{2};
        QTest::newRow("eq number does not match a numeric string")
            << j("{`type`:`eq`,`key`:`year`,`value`:2024}") << QList<int>{1};
        QTest::newRow("eq boolean") << j("{`type`:`eq`,`key`:`signed`,`value`:false}") << QList<int>{2};
        QTest::newRow("ne skips files without the key")
            << j("{`type`:`ne`,`key`:`region`,`value`:`us`}") << QList<int>{2, 3, 6};
        QTest::newRow("gte number") << j("{`type`:`gte`,`key`:`year`,`value`:2024}") << QList<int>{1, 4};
        QTest::newRow("lt number with fractions") << j("{`type`:`lt`,`key`:`year`,`value`:2000}") << QList<int>{6};
        QTest::newRow("gt string orders by code point")
            << j("{`type`:`gt`,`key`:`region`,`value`:`eu`}") << QList<int>{1, 6};
        QTest::newRow("in mixes strings and numbers")
            << j("{`type`:`in`,`key`:`year`,`value`:[2023, `2024`]}") << QList<int>{2, 3};
        QTest::newRow("nin needs the key")
            << j("{`type`:`nin`,`key`:`region`,`value`:[`us`,`eu`]}") << QList<int>{3, 6};
        QTest::newRow("and") << j("{`type`:`and`,`filters`:[{`type`:`eq`,`key`:`region`,`value`:`us`},{`type`:`gte`,`"
                                  "key`:`score`,`value`:4}]}")
                             << QList<int>{1};
        QTest::newRow("or of nested and")
            << j("{`type`:`or`,`filters`:[{`type`:`eq`,`key`:`tags`,`value`:`a,b`},{`type`:`and`,`filters`:[{`type`:`"
                 "eq`,`key`:`signed`,`value`:false},{`type`:`lte`,`key`:`year`,`value`:2023}]}]}")
            << QList<int>{2, 4};
        QTest::newRow("keys with quotes are just keys")
            << j("{`type`:`eq`,`key`:`key with \\`quotes\\``,`value`:`x`}") << QList<int>{6};
        QTest::newRow("an injection attempt is only a value")
            << j("{`type`:`eq`,`key`:`region`,`value`:`us' OR 1=1 --`}") << QList<int>{};
    }

    void semantics()
    {
        QFETCH(QString, filter);
        QFETCH(QList<int>, matching);
        auto parsed = Filter::fromJson(QJsonDocument::fromJson(filter.toUtf8()).object());
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message()));
        QList<int> viaCpp;
        for (int i = 0; i < m_files.size(); ++i)
            if (parsed->matches(m_files[i]))
                viaCpp << i + 1;
        QCOMPARE(viaCpp, matching);
        QCOMPARE(viaSql(parsed.value()), matching);
        // Round trip through JSON keeps the meaning.
        auto again = Filter::fromJson(parsed->toJson());
        QVERIFY(again);
        QCOMPARE(viaSql(again.value()), matching);
    }

    void sqlAndCppAgreeOnRandomFilters()
    {
        QRandomGenerator random(20261124);
        const QStringList keys = {u"region"_s, u"year"_s, u"signed"_s, u"score"_s, u"tags"_s, u"missing"_s};
        const QJsonArray values = {u"us"_s, u"eu"_s, u"US"_s, 2024, 2023.0, 4.5, true, false, u"2024"_s, u"a,b"_s};
        const QStringList ops = {u"eq"_s, u"ne"_s, u"gt"_s, u"gte"_s, u"lt"_s, u"lte"_s, u"in"_s, u"nin"_s};
        std::function<QJsonObject(int)> make = [&](int depth) -> QJsonObject {
            if (depth < 3 && random.bounded(3) == 0) {
                QJsonArray children;
                for (int i = 0, n = 1 + random.bounded(3); i < n; ++i)
                    children.append(make(depth + 1));
                return {{u"type"_s, random.bounded(2) ? u"and"_s : u"or"_s}, {u"filters"_s, children}};
            }
            const QString op = ops[random.bounded(ops.size())];
            QJsonValue value = values[random.bounded(values.size())];
            if (op == u"in"_s || op == u"nin"_s) {
                QJsonArray list;
                for (int i = 0, n = 1 + random.bounded(3); i < n; ++i) {
                    QJsonValue v = values[random.bounded(values.size())];
                    list.append(v.isBool() ? QJsonValue(u"x"_s) : v);
                }
                value = list;
            } else if (value.isBool() && op != u"eq"_s && op != u"ne"_s) {
                value = 1;
            }
            return {{u"type"_s, op}, {u"key"_s, keys[random.bounded(keys.size())]}, {u"value"_s, value}};
        };
        for (int round = 0; round < 400; ++round) {
            const QJsonObject json = make(0);
            auto parsed = Filter::fromJson(json);
            QVERIFY2(parsed, qPrintable(QString::fromUtf8(QJsonDocument(json).toJson())));
            QList<int> viaCpp;
            for (int i = 0; i < m_files.size(); ++i)
                if (parsed->matches(m_files[i]))
                    viaCpp << i + 1;
            QCOMPARE(viaSql(parsed.value()), viaCpp);
        }
    }

    void badFiltersNameTheProblem_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown type") << j("{`type`:`like`,`key`:`a`,`value`:`b`}") << u"Unknown filter type 'like'"_s;
        // A number is not a type (it used to be read as the default, eq).
        QTest::newRow("type not a string") << j("{`type`:1,`key`:`a`,`value`:`b`}") << u"type must be a string"_s;
        QTest::newRow("missing key") << j("{`type`:`eq`,`value`:`b`}") << u"needs a \"key\""_s;
        QTest::newRow("object value") << j("{`type`:`eq`,`key`:`a`,`value`:{}}") << u"not an object"_s;
        QTest::newRow("gt on boolean") << j("{`type`:`gt`,`key`:`a`,`value`:true}") << u"needs a number or string"_s;
        QTest::newRow("in without list") << j("{`type`:`in`,`key`:`a`,`value`:`x`}") << u"needs a list"_s;
        QTest::newRow("empty and") << j("{`type`:`and`,`filters`:[]}") << u"non-empty \"filters\" list"_s;
        QTest::newRow("unknown field") << j("{`type`:`eq`,`key`:`a`,`value`:1,`property`:`x`}")
                                       << u"unknown field 'property'"_s;
        QString deep = j("{`type`:`eq`,`key`:`a`,`value`:1}");
        for (int i = 0; i < 9; ++i)
            deep = j("{`type`:`and`,`filters`:[") + deep + u"]}"_s;
        QTest::newRow("too deep") << deep << u"levels deep"_s;
    }

    void badFiltersNameTheProblem()
    {
        QFETCH(QString, filter);
        QFETCH(QString, message);
        auto parsed = Filter::fromJson(QJsonDocument::fromJson(filter.toUtf8()).object());
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().kind(), ServiceError::Kind::InvalidInput);
        QVERIFY2(parsed.error().message().contains(message), qPrintable(parsed.error().message()));
    }

    void searchRequestValidation_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("no query") << j("{}") << u"needs a \"query\""_s;
        QTest::newRow("empty query") << j("{`query`: `  `}") << u"The query is empty"_s;
        QTest::newRow("max 0") << j("{`query`: `x`, `max_num_results`: 0}") << u"from 1 to 50"_s;
        QTest::newRow("max 51") << j("{`query`: `x`, `max_num_results`: 51}") << u"from 1 to 50"_s;
        QTest::newRow("threshold 1.5") << j("{`query`: `x`, `ranking_options`: {`score_threshold`: 1.5}}")
                                       << u"from 0 to 1"_s;
        QTest::newRow("unknown ranker") << j("{`query`: `x`, `ranking_options`: {`ranker`: `best`}}")
                                        << u"Unknown ranker 'best'"_s;
        QTest::newRow("hybrid search is not a search option")
            << j("{`query`: `x`, `ranking_options`: {`hybrid_search`: {}}}")
            << u"Unknown ranking option 'hybrid_search'"_s;
        QTest::newRow("unknown field") << j("{`query`: `x`, `top_k`: 3}") << u"Unknown search field 'top_k'"_s;
    }

    void searchRequestValidation()
    {
        QFETCH(QString, body);
        QFETCH(QString, message);
        auto request = SearchRequest::fromJson(QJsonDocument::fromJson(body.toUtf8()).object());
        QVERIFY(!request);
        QVERIFY2(request.error().message().contains(message), qPrintable(request.error().message()));
    }

    // NaN passes "< 0 || > 1" (every comparison with it is false): the one check refuses it and
    // the infinities, for a parsed body and for a request a form filled in.
    void searchRequestRefusesNonFiniteThresholds_data()
    {
        QTest::addColumn<double>("threshold");
        QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN();
        QTest::newRow("+infinity") << std::numeric_limits<double>::infinity();
        QTest::newRow("-infinity") << -std::numeric_limits<double>::infinity();
        QTest::newRow("just above 1") << 1.000001;
    }

    void searchRequestRefusesNonFiniteThresholds()
    {
        QFETCH(double, threshold);
        const QJsonObject body{{u"query"_s, u"x"_s},
                               {u"ranking_options"_s, QJsonObject{{u"score_threshold"_s, threshold}}}};
        auto parsed = SearchRequest::fromJson(body);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().message().startsWith(u"score_threshold must be a number from 0 to 1 (got "_s),
                 qPrintable(parsed.error().message()));
        SearchRequest filledIn;
        filledIn.queries = {u"x"_s};
        filledIn.scoreThreshold = threshold;
        QVERIFY(filledIn.check());
        filledIn.scoreThreshold = 0.5;
        QVERIFY(!filledIn.check());
    }

    void searchRequestDefaultsAndArrays()
    {
        auto request = SearchRequest::fromJson(obj(j("{`query`: [`a b`, `c`], `rewrite_query`: true}").toUtf8()));
        QVERIFY(request);
        QCOMPARE(request->queries, (QStringList{u"a b"_s, u"c"_s}));
        QCOMPARE(request->maxNumResults, 10);
        QCOMPARE(request->ranker, u"auto"_s);
        QCOMPARE(request->scoreThreshold, 0.0);
        QVERIFY(request->rewriteQuery);
    }

private:
    QList<int> viaSql(const Filter &filter)
    {
        QVariantList binds;
        const QString where = filter.toSql(u"attributes"_s, &binds);
        QSqlQuery q(QSqlDatabase::database(u"filters"_s));
        if (!q.prepare(u"SELECT id FROM files WHERE "_s + where + u" ORDER BY id"_s)) {
            qWarning() << q.lastError().text() << where;
            return {-1};
        }
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (!q.exec()) {
            qWarning() << q.lastError().text() << where;
            return {-1};
        }
        QList<int> ids;
        while (q.next())
            ids << q.value(0).toInt();
        return ids;
    }

    QList<QJsonObject> m_files;
};

QTEST_GUILESS_MAIN(TestFilter)
#include "tst_filter.moc"
