#include "core/domain/filetypes.h"
#include "core/domain/status.h"
#include "core/domain/validation.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;

namespace {
QJsonObject mapWithKeys(int n)
{
    QJsonObject map;
    for (int i = 0; i < n; ++i)
        map.insert(u"key%1"_s.arg(i), u"value"_s);
    return map;
}
} // namespace

// `count` emoji (each one code point, two UTF-16 units).
QString emoji(int count)
{
    QString text;
    for (int i = 0; i < count; ++i)
        text += QString::fromUcs4(U"\U0001F600", 1);
    return text;
}

class TestValidation : public QObject
{
    Q_OBJECT

private slots:
    void metadataLimits_data()
    {
        QTest::addColumn<QJsonObject>("metadata");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("16 keys are fine") << mapWithKeys(16) << true << QString();
        QTest::newRow("17 keys are refused") << mapWithKeys(17) << false << u"17 keys; at most 16"_s;
        QTest::newRow("64-char key is fine") << QJsonObject{{QString(64, u'k'), u"v"_s}} << true << QString();
        QTest::newRow("65-char key is refused")
            << QJsonObject{{QString(65, u'k'), u"v"_s}} << false << u"65 characters long; at most 64"_s;
        QTest::newRow("512-char value is fine") << QJsonObject{{u"k"_s, QString(512, u'v')}} << true << QString();
        QTest::newRow("513-char value is refused")
            << QJsonObject{{u"k"_s, QString(513, u'v')}} << false << u"513 characters long; at most 512"_s;
        // Characters are code points, as OpenAI counts them: an emoji is one, not two UTF-16 units.
        QTest::newRow("512 emoji are 512 characters") << QJsonObject{{u"k"_s, emoji(512)}} << true << QString();
        QTest::newRow("513 emoji are refused")
            << QJsonObject{{u"k"_s, emoji(513)}} << false << u"513 characters long; at most 512"_s;
        QTest::newRow("numbers are not metadata") << QJsonObject{{u"k"_s, 3}} << false << u"must be a string"_s;
    }

    void metadataLimits()
    {
        QFETCH(QJsonObject, metadata);
        QFETCH(bool, valid);
        QFETCH(QString, mentions);
        const auto problem = validateMetadata(metadata);
        QCOMPARE(!problem.has_value(), valid);
        if (problem) {
            QCOMPARE(problem->kind(), ServiceError::Kind::InvalidInput);
            QVERIFY2(problem->message().contains(mentions), qPrintable(problem->message()));
        }
    }

    void attributesAcceptScalars_data()
    {
        QTest::addColumn<QJsonObject>("attributes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("string number boolean") << QJsonObject{{u"s"_s, u"x"_s}, {u"n"_s, 2.5}, {u"b"_s, true}} << true;
        QTest::newRow("600-char string") << QJsonObject{{u"s"_s, QString(600, u'x')}} << false;
        QTest::newRow("array value") << QJsonObject{{u"a"_s, QJsonArray{1, 2}}} << false;
        QTest::newRow("object value") << QJsonObject{{u"o"_s, QJsonObject{}}} << false;
        QTest::newRow("null value") << QJsonObject{{u"z"_s, QJsonValue::Null}} << false;
        QTest::newRow("17 keys") << mapWithKeys(17) << false;
    }

    void attributesAcceptScalars()
    {
        QFETCH(QJsonObject, attributes);
        QFETCH(bool, valid);
        QCOMPARE(!validateAttributes(attributes).has_value(), valid);
    }

    void expiryDays_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<bool>("valid");
        QTest::newRow("0 days") << 0 << false;
        QTest::newRow("1 day") << 1 << true;
        QTest::newRow("365 days") << 365 << true;
        QTest::newRow("366 days") << 366 << false;
        QTest::newRow("negative") << -5 << false;
    }

    void expiryDays()
    {
        QFETCH(int, days);
        QFETCH(bool, valid);
        const auto problem = validateExpiryDays(days);
        QCOMPARE(!problem.has_value(), valid);
        if (problem)
            QVERIFY(problem->message().contains(u"use 1 to 365 days"_s));
    }

    void chunking_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("overlap");
        QTest::addColumn<QString>("problem");
        QTest::newRow("auto") << u"auto"_s << 0 << 0 << QString();
        QTest::newRow("static 800/400") << u"static"_s << 800 << 400 << QString();
        QTest::newRow("static 100/0") << u"static"_s << 100 << 0 << QString();
        QTest::newRow("static 4096/2048") << u"static"_s << 4096 << 2048 << QString();
        QTest::newRow("size 99") << u"static"_s << 99 << 0 << u"use 100 to 4096"_s;
        QTest::newRow("size 4097") << u"static"_s << 4097 << 0 << u"use 100 to 4096"_s;
        QTest::newRow("overlap above half") << u"static"_s << 800 << 401 << u"use 0 to 400"_s;
        QTest::newRow("negative overlap") << u"static"_s << 800 << -1 << u"use 0 to 400"_s;
        QTest::newRow("unknown type") << u"semantic"_s << 800 << 0 << u"unknown"_s;
    }

    void chunking()
    {
        QFETCH(QString, type);
        QFETCH(int, size);
        QFETCH(int, overlap);
        QFETCH(QString, problem);
        const auto result = validateChunking({type, size, overlap});
        QCOMPARE(result.has_value(), !problem.isEmpty());
        if (result)
            QVERIFY2(result->message().contains(problem), qPrintable(result->message()));
    }

    void slugs_data()
    {
        QTest::addColumn<QString>("slug");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << u"acme"_s << true;
        QTest::newRow("hyphenated, mixed case") << u"Acme-EU"_s << true;
        QTest::newRow("one character") << u"a"_s << false;
        QTest::newRow("leading hyphen") << u"-acme"_s << false;
        QTest::newRow("space") << u"ac me"_s << false;
        QTest::newRow("all digits") << u"1234"_s << false;
        QTest::newRow("64 characters") << QString(64, u'a') << false;
    }

    void statusNamesAreOpenAIs()
    {
        // The one spelling of each state, as OpenAI's API and the database write it.
        const QList<std::pair<FileStatus, QString>> files = {{FileStatus::InProgress, u"in_progress"_s},
                                                             {FileStatus::Completed, u"completed"_s},
                                                             {FileStatus::Failed, u"failed"_s},
                                                             {FileStatus::Cancelled, u"cancelled"_s}};
        for (const auto &[status, name] : files) {
            QCOMPARE(fileStatusName(status), name);
            QCOMPARE(fileStatusFromName(name), std::optional<FileStatus>(status));
        }
        QCOMPARE(storeStatusName(StoreStatus::Expired), u"expired"_s);
        QCOMPARE(storeStatusFromName(u"in_progress"_s), std::optional<StoreStatus>(StoreStatus::InProgress));
        QCOMPARE(backendFromName(u"openai"_s), std::optional<BackendKind>(BackendKind::OpenAI));
        QCOMPARE(backendName(BackendKind::Local), u"local"_s);
        // Anything else is unknown, including other cases and OpenAI's undocumented values.
        QVERIFY(!fileStatusFromName(u"Completed"_s));
        QVERIFY(!fileStatusFromName(u"processing"_s));
        QVERIFY(!storeStatusFromName(u"failed"_s));
        QVERIFY(validateBackend(u"pinecone"_s).has_value());
    }

    void storeNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("problem"); // empty: valid
        QTest::newRow("plain") << u"contracts"_s << QString();
        QTest::newRow("digits with a letter") << u"2025 reports"_s << QString();
        // An all-digit name would be mistaken for a store id (`store show 1`).
        QTest::newRow("all digits") << u"1"_s << u"all digits"_s;
        QTest::newRow("256 emoji fit") << emoji(256) << QString();
        QTest::newRow("257 emoji do not") << emoji(257) << u"257 characters long"_s;
    }

    void storeNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, problem);
        const auto result = validateStoreName(name);
        QCOMPARE(!result.has_value(), problem.isEmpty());
        if (result)
            QVERIFY2(result->message().contains(problem), qPrintable(result->message()));
    }

    void slugs()
    {
        QFETCH(QString, slug);
        QFETCH(bool, valid);
        QCOMPARE(!validateSlug(slug).has_value(), valid);
    }

    void fileTypesFollowOpenAIsList()
    {
        QCOMPARE(FileTypes::mimeTypeFor(u"PDF"_s), u"application/pdf"_s);
        QCOMPARE(FileTypes::mimeTypeFor(u"go"_s), u"text/x-golang"_s);
        QVERIFY(FileTypes::mimeTypeFor(u"png"_s).isEmpty());
        QVERIFY(FileTypes::isAllowed(u"md"_s, {}));
        QVERIFY(!FileTypes::isAllowed(u"md"_s, {u"txt"_s}));
        QVERIFY(!FileTypes::isAllowed(u"exe"_s, {}));
        QCOMPARE(FileTypes::extensions().size(), 21);
    }

    void jsonParsingNamesTheProblem()
    {
        ServiceError error;
        QVERIFY(!parseJsonObject(u"{\"a\": }"_s, u"Metadata"_s, &error));
        QVERIFY(error.message().startsWith(u"Metadata is not valid JSON"_s));
        QVERIFY(!parseJsonObject(u"[1,2]"_s, u"Attributes"_s, &error));
        QVERIFY(error.message().contains(u"must be a JSON object"_s));
        QVERIFY(parseJsonObject(u"{\"a\": 1}"_s, u"Attributes"_s, &error));
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
