#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace httplib {
class Client;
}

namespace vd::test {

// `vectordesk serve` on a free loopback port over a SQLite file in a temporary folder, started as
// the real binary ($VECTORDESK_BINARY) and stopped with SIGTERM.
class ServerProcess
{
public:
    ServerProcess(const QString &database, const QStringList &extraArguments = {});
    ~ServerProcess();

    // Starts it and waits for its "listening on" line; false (with why()) when it did not start.
    bool start();
    // SIGTERM, then waits; the exit code (-1 when it had to be killed).
    int stop(int waitMs = 20000);
    int port() const { return m_port; }
    const QString &why() const { return m_why; }
    QString output();
    QProcess &process() { return m_process; }
    std::unique_ptr<httplib::Client> client(const QString &token) const;

private:
    QString m_database;
    QStringList m_extra;
    QProcess m_process;
    int m_port = 0;
    QString m_why;
    QByteArray m_output;
};

// Creates a token with the CLI in-process service; returns its secret.
QString makeToken(const QString &database, const QString &tenant, const QString &role, const QString &name);

} // namespace vd::test
