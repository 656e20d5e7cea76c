// The metrics (core/metrics, docs/observability.md): the catalogue, the text format as promtool
// reads it, bounded labels, the atomic textfile, and exact values after a scripted sequence of
// operations through the service and the ingestion worker.

#include "core/metrics/metrics.h"
#include "core/service/vectorstoreservice.h"
#include "enginefixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace vd;
using metrics::Metric;

namespace {

SearchRequest request(const QString &query)
{
    SearchRequest r;
    r.queries = {query};
    return r;
}

// On PATH, or unpacked from Debian's package by scripts/deps --test into tools/promtool.
QString promtool()
{
    const QString onPath = QStandardPaths::findExecutable(u"promtool"_s);
    if (!onPath.isEmpty())
        return onPath;
    const QString unpacked = qEnvironmentVariable("VECTORDESK_SOURCE_DIR") + u"/tools/promtool/usr/bin/promtool"_s;
    return QFileInfo(unpacked).isExecutable() ? unpacked : QString();
}

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private slots:
    void init() { metrics::reset(); }

    void catalogueIsInEnumOrderWithUniqueNames()
    {
        QSet<QString> names;
        const QRegularExpression name(u"^vectordesk_[a-z_]+$"_s);
        for (qsizetype i = 0; i < metrics::catalogue().size(); ++i) {
            const metrics::Family &f = metrics::catalogue().at(i);
            QCOMPARE(int(f.metric), int(i));
            QVERIFY2(name.match(f.name).hasMatch(), qPrintable(f.name));
            QVERIFY2(!names.contains(f.name), qPrintable(f.name));
            names.insert(f.name);
            QVERIFY2(!f.help.isEmpty(), qPrintable(f.name));
            QCOMPARE(f.type == metrics::Type::Histogram, !f.buckets.isEmpty());
            for (qsizetype b = 1; b < f.buckets.size(); ++b)
                QVERIFY(f.buckets.at(b) > f.buckets.at(b - 1));
        }
        QCOMPARE(metrics::catalogue().size(), qsizetype(Metric::UsageBytes) + 1);
    }

    // docs/observability.md names every metric with its type and labels, as the code has them.
    void everyMetricIsDocumented()
    {
        QFile doc(qEnvironmentVariable("VECTORDESK_SOURCE_DIR") + u"/docs/observability.md"_s);
        QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
        const QString text = QString::fromUtf8(doc.readAll());
        for (const metrics::Family &f : metrics::catalogue()) {
            const QString name = f.type == metrics::Type::Counter ? f.name + u"_total"_s : f.name;
            const QString type = f.type == metrics::Type::Counter ? u"counter"_s
                : f.type == metrics::Type::Gauge                  ? u"gauge"_s
                                                                  : u"histogram"_s;
            const QString row = u"| `%1` | %2 | %3 |"_s.arg(name, type, f.labels.join(u", "_s));
            QVERIFY2(text.contains(row), qPrintable(u"docs/observability.md lacks the row "_s + row));
        }
    }

    void textFormatIsExact()
    {
        metrics::add(Metric::QuotaRefusals, {u"acme"_s, u"max_stores"_s});
        metrics::add(Metric::QuotaRefusals, {u"acme"_s, u"max_stores"_s}, 2);
        metrics::set(Metric::QueueFiles, {u"local"_s, u"acme"_s}, 7);
        metrics::observe(Metric::SyncPassSeconds, {u"succeeded"_s}, 0.003);
        metrics::observe(Metric::SyncPassSeconds, {u"succeeded"_s}, 2);
        const QString text = QString::fromUtf8(metrics::prometheusText());
        QVERIFY(text.contains(u"# TYPE vectordesk_quota_refusals_total counter\n"
                              u"vectordesk_quota_refusals_total{tenant=\"acme\",limit=\"max_stores\"} 3\n"_s));
        QVERIFY(text.contains(u"# TYPE vectordesk_ingestion_queue_files gauge\n"
                              u"vectordesk_ingestion_queue_files{backend=\"local\",tenant=\"acme\"} 7\n"_s));
        // Buckets are cumulative: 0.003 falls in le=0.005, 2 in le=2.5.
        QVERIFY(text.contains(u"vectordesk_sync_pass_seconds_bucket{outcome=\"succeeded\",le=\"0.0025\"} 0\n"
                              u"vectordesk_sync_pass_seconds_bucket{outcome=\"succeeded\",le=\"0.005\"} 1\n"_s));
        QVERIFY(text.contains(u"vectordesk_sync_pass_seconds_bucket{outcome=\"succeeded\",le=\"2.5\"} 2\n"_s));
        QVERIFY(text.contains(u"vectordesk_sync_pass_seconds_bucket{outcome=\"succeeded\",le=\"+Inf\"} 2\n"
                              u"vectordesk_sync_pass_seconds_sum{outcome=\"succeeded\"} 2.003\n"
                              u"vectordesk_sync_pass_seconds_count{outcome=\"succeeded\"} 2\n"_s));
        // One tenant's view leaves out other tenants and the families without a tenant.
        metrics::add(Metric::QuotaRefusals, {u"globex"_s, u"max_files_per_store"_s});
        const QString acme = QString::fromUtf8(metrics::prometheusText(u"acme"_s));
        QVERIFY(acme.contains(u"tenant=\"acme\""_s));
        QVERIFY(!acme.contains(u"globex"_s));
        QVERIFY(!acme.contains(u"vectordesk_sync_pass_seconds"_s));
        // JSON carries the same values.
        const QJsonArray families = metrics::toJson().value(u"metrics"_s).toArray();
        bool found = false;
        for (const QJsonValue &f : families)
            if (f[u"name"_s].toString() == u"vectordesk_quota_refusals_total"_s)
                for (const QJsonValue &s : f[u"series"_s].toArray())
                    if (s[u"labels"_s][u"tenant"_s].toString() == u"acme"_s) {
                        QCOMPARE(s[u"value"_s].toDouble(), 3.0);
                        found = true;
                    }
        QVERIFY(found);
    }

    void labelsAreBoundedAndFreeOfSecrets_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("kept");
        QTest::newRow("a tenant slug") << u"acme-eu"_s << u"acme-eu"_s;
        QTest::newRow("a route") << u"post:/v1/vector_stores/{id}/search"_s << u"post:/v1/vector_stores/{id}/search"_s;
        QTest::newRow("a file name with a space") << u"annual report.pdf"_s << u"other"_s;
        QTest::newRow("free text") << u"could not open \"x\""_s << u"other"_s;
        QTest::newRow("an OpenAI key") << u"sk-proj-abcdefghijklmnopqrstuvwx"_s << u"other"_s;
        QTest::newRow("empty") << QString() << u"other"_s;
        QTest::newRow("too long") << QString(81, u'a') << u"other"_s;
    }
    void labelsAreBoundedAndFreeOfSecrets()
    {
        QFETCH(QString, value);
        QFETCH(QString, kept);
        QCOMPARE(metrics::labelValue(value), kept);
        metrics::add(Metric::SyncItems, {value, u"done"_s});
        QCOMPARE(metrics::value(Metric::SyncItems, {kept, u"done"_s}), 1.0);
    }

    void quantileInterpolatesWithinTheBucket()
    {
        QVERIFY(!metrics::quantile(Metric::SearchSeconds, 0.5));
        // 10 observations in (0.01, 0.025]: the median is halfway through that bucket.
        for (int i = 0; i < 10; ++i)
            metrics::observe(Metric::SearchSeconds, {u"local"_s, u"acme"_s, u"ok"_s}, 0.02);
        QCOMPARE(*metrics::quantile(Metric::SearchSeconds, 0.5), 0.0175);
        QCOMPARE(*metrics::quantile(Metric::SearchSeconds, 0.5, {{u"tenant"_s, u"acme"_s}}), 0.0175);
        QVERIFY(!metrics::quantile(Metric::SearchSeconds, 0.5, {{u"tenant"_s, u"globex"_s}}));
    }

    void disabledRecordsNothing()
    {
        metrics::setEnabled(false);
        metrics::add(Metric::QuotaRefusals, {u"acme"_s, u"max_stores"_s});
        metrics::setEnabled(true);
        QCOMPARE(metrics::value(Metric::QuotaRefusals, {u"acme"_s, u"max_stores"_s}), 0.0);
    }

    // A scripted day: the values are exact, not merely present.
    void scriptedSequenceGivesExactValues()
    {
        test::EngineFixture f;
        QVERIFY2(f.ok(), qPrintable(f.error()));
        VectorStoreService &svc = f.service();
        QVERIFY(svc.createTenant({u"acme"_s, {}, u"pro"_s, u"local"_s}));
        QVERIFY(svc.setPlan(u"acme"_s, u"pro"_s, QJsonObject{{u"max_stores"_s, 1}}));
        QVERIFY(svc.createStore(u"acme"_s, {u"docs"_s, {}, {}, {}, {}}));
        auto second = svc.createStore(u"acme"_s, {u"more"_s, {}, {}, {}, {}});
        QVERIFY(!second);
        QCOMPARE(second.error().kind(), ServiceError::Kind::QuotaExceeded);

        const QByteArray one = "Rotor blade icing reduces lift. De-icing boots break the ice.\n";
        const QByteArray two = "Turbine wake interaction and rotor noise at low speed.\n";
        QVERIFY(svc.attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"one.txt"_s, one)));
        QVERIFY(svc.attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"two.md"_s, two)));
        QVERIFY(svc.attachPath(u"acme"_s, u"docs"_s,
                               f.writeFile(u"broken.pdf"_s, "%PDF-1.7\n1 0 obj << /Type /Catalog >>\nnot a pdf")));
        auto empty = svc.attachPath(u"acme"_s, u"docs"_s, f.writeFile(u"empty.txt"_s, QByteArray()));
        QVERIFY(!empty);
        const QString emptyCode = empty.error().code();

        QVERIFY(VectorStoreService::refreshStateMetrics(f.database(), QDateTime::currentMSecsSinceEpoch()));
        QCOMPARE(metrics::value(Metric::QueueFiles, {u"local"_s, u"acme"_s}), 3.0);
        QVERIFY(metrics::value(Metric::QueueOldestSeconds, {u"local"_s, u"acme"_s}) >= 0.0);

        auto summary = f.ingest();
        QVERIFY(summary);
        QCOMPARE(summary->completed, 2);
        QCOMPARE(summary->failed, 1);

        auto hits = svc.search(u"acme"_s, {u"docs"_s}, request(u"rotor"_s));
        QVERIFY(hits);
        auto none = svc.search(u"acme"_s, {u"docs"_s}, request(u"zeppelin"_s));
        QVERIFY(none);
        QVERIFY(!svc.search(u"acme"_s, {u"nosuchstore"_s}, request(u"rotor"_s)));

        qint64 chunks = 0;
        const auto files = svc.listFiles(u"acme"_s, u"docs"_s);
        QVERIFY(files);
        for (const StoreFile &file : files.value())
            if (file.status == FileStatus::Completed)
                chunks += svc.fileChunks(u"acme"_s, u"docs"_s, QString::number(file.id))->size();
        QVERIFY(chunks >= 2);

        const QString t = u"acme"_s;
        const QString l = u"local"_s;
        QCOMPARE(metrics::value(Metric::AttachSeconds, {l, t, u"ok"_s}), 3.0);
        QCOMPARE(metrics::value(Metric::AttachSeconds, {l, t, emptyCode}), 1.0);
        QCOMPARE(metrics::value(Metric::IngestionSeconds, {l, t, u"ok"_s}), 2.0);
        QCOMPARE(metrics::value(Metric::IngestionSeconds, {l, t, u"invalid_file"_s}), 1.0);
        QCOMPARE(metrics::value(Metric::IngestedBytes, {l, t}), double(one.size() + two.size()));
        QCOMPARE(metrics::value(Metric::IngestedChunks, {l, t}), double(chunks));
        for (const QString &stage : {u"extract"_s, u"tokenize"_s, u"index"_s})
            QCOMPARE(metrics::value(Metric::IngestStageSeconds, {l, stage}), 2.0);
        QCOMPARE(metrics::value(Metric::SearchSeconds, {l, t, u"ok"_s}), 2.0);
        QCOMPARE(metrics::value(Metric::SearchSeconds, {u"none"_s, t, u"not_found"_s}), 1.0);
        QCOMPARE(metrics::value(Metric::SearchResults, {l, t}), 2.0);
        QCOMPARE(metrics::sum(Metric::SearchResults, {l, t}), double(hits->data.size() + none->data.size()));
        QCOMPARE(metrics::value(Metric::QuotaRefusals, {t, u"max_stores"_s}), 1.0);

        QVERIFY(VectorStoreService::refreshStateMetrics(f.database(), QDateTime::currentMSecsSinceEpoch()));
        QCOMPARE(metrics::value(Metric::QueueFiles, {l, t}), 0.0);
        QCOMPARE(metrics::value(Metric::StoreFiles, {l, t, u"completed"_s}), 2.0);
        QCOMPARE(metrics::value(Metric::StoreFiles, {l, t, u"failed"_s}), 1.0);
        QCOMPARE(metrics::value(Metric::StoreFiles, {l, t, u"in_progress"_s}), 0.0);
        QVERIFY(metrics::value(Metric::UsageBytes, {l, t}) > 0);

        // No file name reached a label.
        const QString text = QString::fromUtf8(metrics::prometheusText());
        for (const QString &name : {u"one.txt"_s, u"two.md"_s, u"broken.pdf"_s, u"empty.txt"_s, u"nosuchstore"_s})
            QVERIFY2(!text.contains(name), qPrintable(name));
    }

    void promtoolAcceptsTheOutput()
    {
        const QString tool = promtool();
        QVERIFY2(!tool.isEmpty(), "promtool is missing: install Debian's prometheus package (scripts/deps --test)");
        for (const metrics::Family &f : metrics::catalogue()) {
            QStringList labels;
            for (const QString &name : f.labels)
                labels << (name == u"tenant"_s ? u"acme"_s : u"x"_s);
            if (f.type == metrics::Type::Histogram)
                metrics::observe(f.metric, labels, 0.2);
            else
                metrics::add(f.metric, labels, 1);
        }
        QProcess check;
        check.setProcessChannelMode(QProcess::MergedChannels);
        check.start(tool, {u"check"_s, u"metrics"_s});
        QVERIFY(check.waitForStarted());
        check.write(metrics::prometheusText());
        check.closeWriteChannel();
        QVERIFY(check.waitForFinished(30000));
        const QString said = QString::fromUtf8(check.readAll());
        // promtool prints lint problems and exits non-zero on any.
        QVERIFY2(check.exitCode() == 0 && said.trimmed().isEmpty(), qPrintable(said));
    }

    void textfileIsReplacedAtomically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"vectordesk.prom"_s);
        metrics::add(Metric::SyncItems, {u"expire"_s, u"done"_s});
        QString error;
        QVERIFY2(metrics::writeTextfile(path, &error), qPrintable(error));
        QFile before(path);
        QVERIFY(before.open(QIODevice::ReadOnly));
        struct stat first
        {
        };
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &first), 0);

        metrics::add(Metric::SyncItems, {u"expire"_s, u"done"_s});
        QVERIFY2(metrics::writeTextfile(path, &error), qPrintable(error));
        struct stat second
        {
        };
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &second), 0);
        // A new file was renamed over the old one: a reader that had the old one open still reads
        // it whole, and no temporary file is left beside it.
        QVERIFY(first.st_ino != second.st_ino);
        QVERIFY(before.readAll().contains("vectordesk_sync_items_total{action=\"expire\",outcome=\"done\"} 1\n"));
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QVERIFY(after.readAll().contains("vectordesk_sync_items_total{action=\"expire\",outcome=\"done\"} 2\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"vectordesk.prom"_s});

        QVERIFY(!metrics::writeTextfile(dir.filePath(u"missing/x.prom"_s), &error));
        QVERIFY2(error.contains(u"missing/x.prom"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
