// The drop preview of the window (planAttach) and `vectordesk file attach` give the same verdict
// for the same files: both apply AttachPolicy, the one attach rule (docs/architecture.md).
#include "cli/cli.h"
#include "core/service/attachpolicy.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/storage/databaseurl.h"
#include "ui/attach/attachplan.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vd;

class tst_AttachVerdict : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &relative, const QByteArray &content)
    {
        const QString path = m_dir.filePath(u"files/"_s + relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void previewAndCliAgree()
    {
        QVERIFY(m_dir.isValid());
        const QString dbPath = m_dir.filePath(u"verdict.sqlite"_s);
        QString why;
        const auto url = DatabaseUrl::parse(dbPath, &why);
        QVERIFY2(url, qPrintable(why));
        qint64 tenantId = 0;
        qint64 storeId = 0;
        {
            auto session = CoreSession::open(*url, u"alice"_s, true);
            QVERIFY2(session, session ? "" : qPrintable(session.error().message()));
            VectorStoreService &service = session.value()->service();
            auto tenant = service.createTenant({u"acme"_s, u"Acme"_s, u"pro"_s, u"local"_s});
            QVERIFY(tenant);
            tenantId = tenant->id;
            // Room for four files: the one already there and three more.
            QVERIFY(service.setPlan(u"acme"_s, u"pro"_s, QJsonObject{{u"max_files_per_store"_s, 4}}));
            auto store = service.createStore(u"acme"_s, {u"docs"_s, {}, {}, std::nullopt, {}});
            QVERIFY(store);
            storeId = store->id;
            QVERIFY(service.attachPath(u"acme"_s, u"docs"_s, write(u"old.txt"_s, "already in the store")));
        }

        struct Case
        {
            QString path;
            QString verdict; // "attach" or the refusal reason
        };
        const QList<Case> cases = {
            {write(u"a.txt"_s, "alpha content"), u"attach"_s},
            // The same name with other content is accepted (names are not unique, as in OpenAI).
            {write(u"sub/a.txt"_s, "another file also named a.txt"), u"attach"_s},
            {write(u"copy.txt"_s, "alpha content"), QString::fromUtf16(attach_refusal::DuplicateContent)},
            {write(u"again.txt"_s, "already in the store"), QString::fromUtf16(attach_refusal::DuplicateContent)},
            {write(u"empty.txt"_s, QByteArray()), QString::fromUtf16(attach_refusal::Empty)},
            {write(u"tool.exe"_s, "MZ not a document"), QString::fromUtf16(attach_refusal::UnsupportedType)},
            // What the content is, as indexing sniffs it: a PNG named .txt, a PDF named .md.
            {write(u"photo.txt"_s,
                   QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGA"
                                          "WjR9awAAAABJRU5ErkJggg==")),
             u"unsupported_file"_s},
            {write(u"report.md"_s, "%PDF-1.7\n1 0 obj << >>\nendobj\n"), u"invalid_file"_s},
            {write(u"b.md"_s, "# bravo"), u"attach"_s},
            {write(u"c.md"_s, "# charlie"), QString::fromUtf16(attach_refusal::StoreFull)},
        };
        QStringList paths;
        for (const Case &c : cases)
            paths << c.path;

        // The window's preview, on a worker's session as the window runs it. It writes nothing.
        QHash<QString, QString> preview;
        {
            auto session = CoreSession::open(*url, u"alice"_s);
            QVERIFY(session);
            std::atomic<bool> cancelled = false;
            auto plan = ui::planAttach(session.value()->service(), tenantId, storeId, paths, cancelled);
            QVERIFY2(plan, plan ? "" : qPrintable(plan.error().message()));
            QCOMPARE(plan->items.size(), cases.size());
            for (const ui::AttachItem &item : plan->items) {
                QVERIFY2(item.state != ui::AttachItem::State::Refused || !item.reasonCode.isEmpty(),
                         qPrintable(item.path + u": "_s + item.reason));
                preview.insert(item.path, item.state == ui::AttachItem::State::Ready ? u"attach"_s : item.reasonCode);
            }
            auto files = session.value()->service().countFiles(u"acme"_s, u"docs"_s);
            QCOMPARE(files.value(), 1);
        }

        // The command line, on the same files in the same order; it attaches for real.
        QString out;
        QString err;
        {
            QTextStream outStream(&out);
            QTextStream errStream(&err);
            QStringList arguments{u"vectordesk"_s, u"file"_s,    u"attach"_s, u"--tenant"_s,
                                  u"acme"_s,       u"--store"_s, u"docs"_s};
            arguments << paths << u"--json"_s << u"--db"_s << dbPath << u"--as"_s << u"alice"_s;
            const int code = cli::run(arguments, {outStream, errStream, nullptr});
            outStream.flush();
            QCOMPARE(code, 1); // some files were refused
        }
        const QJsonObject result = QJsonDocument::fromJson(out.toUtf8()).object();
        QHash<QString, QString> command;
        for (const QJsonValue &refused : result.value(u"refused"_s).toArray()) {
            const QJsonObject r = refused.toObject();
            command.insert(QFileInfo(r.value(u"path"_s).toString()).absoluteFilePath(),
                           r.value(u"error"_s).toObject().value(u"details"_s).toObject().value(u"reason"_s).toString());
        }
        for (const QString &path : std::as_const(paths))
            if (!command.contains(path))
                command.insert(path, u"attach"_s);
        QCOMPARE(result.value(u"data"_s).toArray().size(), 3);

        for (const Case &c : cases) {
            QCOMPARE(preview.value(c.path), c.verdict);
            QCOMPARE(command.value(c.path), c.verdict);
        }
    }
};

QTEST_GUILESS_MAIN(tst_AttachVerdict)
#include "tst_attach_verdict.moc"
