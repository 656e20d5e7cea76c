#include "serverprocess.h"

#include "core/service/vectorstoreservice.h"
#include "core/session/coresession.h"

#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <httplib.h>

using namespace Qt::StringLiterals;

namespace vd::test {

ServerProcess::ServerProcess(const QString &database, const QStringList &extraArguments)
    : m_database(database)
    , m_extra(extraArguments)
{ }

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        stop(5000);
}

bool ServerProcess::start()
{
    const QString binary = qEnvironmentVariable("VECTORDESK_BINARY");
    if (binary.isEmpty()) {
        m_why = u"VECTORDESK_BINARY is not set (run under CTest)"_s;
        return false;
    }
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(binary,
                    QStringList{u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s, m_database, u"--no-sync"_s}
                        + m_extra);
    if (!m_process.waitForStarted(10000)) {
        m_why = m_process.errorString();
        return false;
    }
    static const QRegularExpression listening(u"listening on http://127\\.0\\.0\\.1:(\\d+)/v1"_s);
    while (m_process.waitForReadyRead(20000)) {
        m_output += m_process.readAll();
        const auto match = listening.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_port = match.captured(1).toInt();
            return true;
        }
    }
    m_output += m_process.readAll();
    m_why = u"no 'listening on' line; output: "_s + QString::fromUtf8(m_output);
    return false;
}

int ServerProcess::stop(int waitMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitCode();
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(waitMs)) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return -1;
    }
    m_output += m_process.readAll();
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QString ServerProcess::output()
{
    m_output += m_process.readAll();
    return QString::fromUtf8(m_output);
}

std::unique_ptr<httplib::Client> ServerProcess::client(const QString &token) const
{
    auto client = std::make_unique<httplib::Client>("127.0.0.1", m_port);
    client->set_read_timeout(30, 0);
    client->set_connection_timeout(5, 0);
    if (!token.isEmpty())
        client->set_bearer_token_auth(token.toStdString());
    return client;
}

QString makeToken(const QString &database, const QString &tenant, const QString &role, const QString &name)
{
    QString error;
    auto url = DatabaseUrl::parse(database, &error);
    if (!url)
        return {};
    auto session = CoreSession::open(url.value(), u"alice"_s, true);
    if (!session)
        return {};
    auto created = session.value()->service().createApiToken(tenant, name, roleFromName(role).value_or(Role::Viewer),
                                                             std::nullopt);
    return created ? created->secret : QString();
}

} // namespace vd::test
