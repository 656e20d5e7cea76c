#include "testdatabase.h"

#include <QFile>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace vd::test {

QString postgresFixtureDir()
{
    return qEnvironmentVariable("VECTORDESK_TEST_PG_DIR");
}

QString runOrFail(const QString &program, const QStringList &arguments, bool *ok)
{
    QProcess process;
    process.start(program, arguments);
    *ok = process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!*ok)
        qWarning().noquote() << program << arguments.join(u' ') << "failed:" << process.readAllStandardError();
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

QString freshPostgresUrl(const QString &name, QString *why)
{
    const QString dir = postgresFixtureDir();
    if (dir.isEmpty() || !QFile::exists(dir + u"/url"_s)) {
        *why = u"no PostgreSQL fixture (run through ctest, which starts one)"_s;
        return {};
    }
    const QString script = qEnvironmentVariable("VECTORDESK_SOURCE_DIR") + u"/tests/support/pg-fixture.sh"_s;
    bool ok = false;
    const QString url = runOrFail(script, {u"createdb"_s, dir, name}, &ok);
    if (!ok || url.isEmpty()) {
        *why = u"pg-fixture.sh createdb %1 failed"_s.arg(name);
        return {};
    }
    return url;
}

std::optional<DatabaseUrl> freshPostgres(const QString &name, QString *why)
{
    const QString text = freshPostgresUrl(name, why);
    if (text.isEmpty())
        return std::nullopt;
    QString error;
    auto url = DatabaseUrl::parse(text, &error);
    if (!url)
        *why = error;
    return url;
}

QString postgresTcpUrl()
{
    QFile file(postgresFixtureDir() + u"/tcp-url"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

DatabaseUrl sqliteIn(const QTemporaryDir &dir, const QString &name)
{
    QString error;
    return DatabaseUrl::parse(dir.filePath(name), &error).value();
}

} // namespace vd::test
