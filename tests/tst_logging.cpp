// The JSON log (core/logging, docs/observability.md): its fields, size-based rotation, levels, and
// no secret in any line, including text quoted from a server.

#include "core/logging/logging.h"
#include "core/tracing/tracing.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;

Q_LOGGING_CATEGORY(lcTest, "vectordesk.test", QtDebugMsg)

namespace {

QList<QJsonObject> linesOf(const QString &path)
{
    QList<QJsonObject> lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        lines << (error.error == QJsonParseError::NoError ? doc.object() : QJsonObject{{u"unparsed"_s, 1}});
    }
    return lines;
}

} // namespace

class TestLogging : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"vectordesk.log.json"_s);
        logging::setStderrThreshold(QtFatalMsg); // keep the test's output readable
        QString error;
        QVERIFY2(logging::install(m_path, &error), qPrintable(error));
    }

    void linesCarryTheContext()
    {
        logging::setRotation(0, 5);
        logging::ContextScope scope(u"req_0123456789abcdef0123"_s, u"acme"_s);
        logging::setSpan("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
        qCInfo(lcTest) << "attached notes.txt";
        const QJsonObject last = linesOf(m_path).constLast();
        QCOMPARE(last[u"message"_s].toString(), u"attached notes.txt"_s);
        QCOMPARE(last[u"level"_s].toString(), u"info"_s);
        QCOMPARE(last[u"category"_s].toString(), u"vectordesk.test"_s);
        QCOMPARE(last[u"request_id"_s].toString(), u"req_0123456789abcdef0123"_s);
        QCOMPARE(last[u"tenant"_s].toString(), u"acme"_s);
        QCOMPARE(last[u"trace_id"_s].toString(), u"4bf92f3577b34da6a3ce929d0e0e4736"_s);
        QCOMPARE(last[u"span_id"_s].toString(), u"00f067aa0ba902b7"_s);
    }

    void scopesNestAndRestore()
    {
        // A scope gives its work a request id (and a tenant when it has one) and gives the
        // thread back what it had: one job never lends its context to the next.
        logging::ContextScope outer(u"req_outer"_s, u"acme"_s);
        {
            logging::ContextScope inner(u"req_inner"_s);
            QCOMPARE(logging::current().requestId, u"req_inner"_s);
            QCOMPARE(logging::current().tenant, u"acme"_s); // no tenant of its own: the thread's
            {
                logging::ContextScope other(u"req_other"_s, u"globex"_s);
                QCOMPARE(logging::current().tenant, u"globex"_s);
            }
            QCOMPARE(logging::current().requestId, u"req_inner"_s);
            QCOMPARE(logging::current().tenant, u"acme"_s);
        }
        QCOMPARE(logging::current().requestId, u"req_outer"_s);
    }

    void secretsNeverReachALine()
    {
        logging::setRotation(0, 5);
        const QStringList secrets{u"sk-proj-AbCdEf0123456789xyz"_s, u"vdk_Q2hhbmdlTWUhISEhISEhISEhISE"_s,
                                  u"hunter2hunter2"_s};
        // As an OpenAI gateway might quote a request back, and as a database URL is written.
        qCWarning(lcTest).noquote() << "OpenAI said: 401 Incorrect API key provided: sk-proj-AbCdEf0123456789xyz";
        qCWarning(lcTest).noquote() << R"(server quoted {"Authorization": "Bearer vdk_Q2hhbmdlTWUhISEhISEhISEhISE"})";
        qCWarning(lcTest).noquote() << "cannot connect to postgresql://vd:hunter2hunter2@db.example/vectordesk";
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        for (const QString &secret : secrets)
            QVERIFY2(!text.contains(secret.toUtf8()), qPrintable(secret));
        QVERIFY(text.contains("sk-***"));
        QVERIFY(text.contains("db.example"));
    }

    void rotatesBySizeAndKeepsFive()
    {
        logging::setRotation(4096, 5);
        for (int i = 0; i < 400; ++i)
            qCInfo(lcTest) << "line" << i << QByteArray(60, 'x');
        logging::setRotation(0, 5);
        for (int i = 1; i <= 5; ++i)
            QVERIFY2(QFile::exists(m_path + u'.' + QString::number(i)), qPrintable(QString::number(i)));
        QVERIFY(!QFile::exists(m_path + u".6"_s));
        // Every file is whole JSON lines and none grew far past the limit.
        for (const QString &name : QDir(m_dir.path()).entryList(QDir::Files)) {
            const QString path = m_dir.filePath(name);
            QVERIFY2(QFileInfo(path).size() < 4096 + 1024, qPrintable(name));
            for (const QJsonObject &line : linesOf(path))
                QVERIFY2(!line.contains(u"unparsed"_s), qPrintable(name));
        }
        // The newest line is in the current file, the ones before it in .1.
        QVERIFY(linesOf(m_path).constLast()[u"message"_s].toString().contains(u"399"_s));
        QVERIFY(!linesOf(m_path + u".1"_s).isEmpty());
    }

    void levelsSwitchCategoriesOff_data()
    {
        QTest::addColumn<QString>("level");
        QTest::addColumn<bool>("info");
        QTest::addColumn<bool>("warning");
        QTest::newRow("debug") << u"debug"_s << true << true;
        QTest::newRow("info") << u"info"_s << true << true;
        QTest::newRow("warning") << u"WARNING"_s << false << true;
        QTest::newRow("error") << u"error"_s << false << false;
    }
    void levelsSwitchCategoriesOff()
    {
        QFETCH(QString, level);
        QFETCH(bool, info);
        QFETCH(bool, warning);
        QString error;
        QVERIFY2(logging::setLevel(level, &error), qPrintable(error));
        QCOMPARE(lcTest().isInfoEnabled(), info);
        QCOMPARE(lcTest().isWarningEnabled(), warning);
        QVERIFY(lcTest().isCriticalEnabled());
    }

    void anUnknownLevelIsRefusedByName()
    {
        QString error;
        QVERIFY(!logging::setLevel(u"loud"_s, &error));
        QVERIFY2(error.contains(u"'loud'"_s) && error.contains(u"debug, info, warning or error"_s), qPrintable(error));
    }

    void cleanupTestCase() { logging::shutdown(); }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
