#include "core/openai/credentialstore.h"

#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <qt6keychain/keychain.h>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace vd::openai {

namespace {

QMutex g_mutex;
QString g_keyFile;

QString keychainErrorText(QKeychain::Error error, const QString &text)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
        return u"no keychain (Secret Service) is available: %1"_s.arg(text);
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return u"the keychain refused access (is it locked?): %1"_s.arg(text);
    default:
        return text;
    }
}

} // namespace

CredentialStore::CredentialStore(QObject *parent)
    : QObject(parent)
{ }

void CredentialStore::setKeyFile(const QString &path)
{
    QMutexLocker locker(&g_mutex);
    g_keyFile = path;
}

QString CredentialStore::keyFile()
{
    QMutexLocker locker(&g_mutex);
    return g_keyFile;
}

QString CredentialStore::entryName(qint64 tenantId)
{
    return u"tenant:%1"_s.arg(tenantId);
}

std::optional<ServiceError> CredentialStore::validateKey(const QString &key)
{
    if (key.isEmpty())
        return ServiceError::invalid(u"The API key is empty; paste the key OpenAI gave you (it starts with sk-)."_s,
                                     u"key"_s);
    for (const QChar c : key)
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f)
            return ServiceError::invalid(
                u"The API key contains spaces or characters an OpenAI key never has; check what was pasted."_s,
                u"key"_s);
    return std::nullopt;
}

Result<QString> CredentialStore::readKeyFile(const QString &path)
{
    struct stat st
    {
    };
    const QByteArray native = QFile::encodeName(path);
    if (::stat(native.constData(), &st) != 0)
        return ServiceError::invalid(u"The key file %1 does not exist or cannot be read."_s.arg(path),
                                     u"openai-key-file"_s);
    if (!S_ISREG(st.st_mode))
        return ServiceError::invalid(u"The key file %1 is not a regular file."_s.arg(path), u"openai-key-file"_s);
    if (st.st_uid != ::getuid())
        return ServiceError::denied(u"The key file %1 belongs to another user (uid %2, you are %3); refusing it. Make "
                                    u"it yours: chown $USER %1"_s.arg(path)
                                        .arg(st.st_uid)
                                        .arg(::getuid()),
                                    u"file owner"_s);
    if ((st.st_mode & 077) != 0)
        return ServiceError::denied(u"The key file %1 has mode %2, so other users can read it; refusing it. Restrict "
                                    u"it: chmod 600 %1"_s.arg(path, QString::number(st.st_mode & 0777, 8)),
                                    u"file owner"_s);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ServiceError::invalid(u"Cannot read the key file %1: %2."_s.arg(path, file.errorString()),
                                     u"openai-key-file"_s);
    const QString key = QString::fromUtf8(file.read(4096)).trimmed();
    if (auto problem = validateKey(key))
        return ServiceError::invalid(u"The key file %1 does not hold a usable key: %2"_s.arg(path, problem->message()),
                                     u"openai-key-file"_s);
    return key;
}

ServiceError CredentialStore::noKeyError(const QString &tenantSlug, const QString &keychainProblem)
{
    return ServiceError(
        ServiceError::Kind::InvalidInput,
        u"No OpenAI API key for tenant %1%2. Give one in any of these ways: `vectordesk key set --tenant %1` (the OS "
        u"keychain; reads the key from standard input), --openai-key-file PATH (a file of mode 0600 that you own), "
        u"or the environment variable %3."_s.arg(
            tenantSlug, keychainProblem.isEmpty() ? QString() : u" (keychain: %1)"_s.arg(keychainProblem),
            QString::fromLatin1(kEnvironmentVariable)),
        QJsonObject{{u"field"_s, u"api_key"_s}});
}

// Keychain jobs have no parent and delete themselves when finished (QKeychain's autoDelete): a job
// deleted while its D-Bus call is in flight is called back anyway by libsecret, after it is gone.
// The connection's context (this store) drops the answer when the store went first.
void CredentialStore::readKeychain(qint64 tenantId, const QString &tenantSlug,
                                   std::function<void(Result<QString>)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kServiceName));
    job->setKey(entryName(tenantId));
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [job, tenantSlug, done = std::move(done)] {
        if (job->error() == QKeychain::NoError) {
            done(job->textData());
        } else if (job->error() == QKeychain::EntryNotFound) {
            done(ServiceError::notFound(u"The keychain has no OpenAI key for tenant %1."_s.arg(tenantSlug)));
        } else {
            done(ServiceError::unavailable(u"Cannot read the OpenAI key of tenant %1 from the keychain: %2."_s.arg(
                tenantSlug, keychainErrorText(job->error(), job->errorString()))));
        }
    });
    job->start();
}

void CredentialStore::writeKeychain(qint64 tenantId, const QString &tenantSlug, const QString &key,
                                    std::function<void(Result<void>)> done)
{
    if (auto problem = validateKey(key)) {
        done(*problem);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(kServiceName));
    job->setKey(entryName(tenantId));
    job->setInsecureFallback(false);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [job, tenantSlug, done = std::move(done)] {
        if (job->error() == QKeychain::NoError)
            done({});
        else
            done(ServiceError::unavailable(
                u"Cannot store the OpenAI key of tenant %1 in the keychain: %2. On a machine without a keychain use "
                u"--openai-key-file PATH or %3 instead."_s.arg(tenantSlug,
                                                               keychainErrorText(job->error(), job->errorString()),
                                                               QString::fromLatin1(kEnvironmentVariable))));
    });
    job->start();
}

void CredentialStore::clearKeychain(qint64 tenantId, const QString &tenantSlug, std::function<void(Result<void>)> done)
{
    auto *job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kServiceName));
    job->setKey(entryName(tenantId));
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [job, tenantSlug, done = std::move(done)] {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            done({});
        else
            done(ServiceError::unavailable(u"Cannot remove the OpenAI key of tenant %1 from the keychain: %2."_s.arg(
                tenantSlug, keychainErrorText(job->error(), job->errorString()))));
    });
    job->start();
}

void CredentialStore::resolve(qint64 tenantId, const QString &tenantSlug, std::function<void(Result<QString>)> done)
{
    const QString file = keyFile();
    if (!file.isEmpty()) {
        done(readKeyFile(file));
        return;
    }
    const QString fromEnvironment = qEnvironmentVariable(kEnvironmentVariable).trimmed();
    if (!fromEnvironment.isEmpty()) {
        if (auto problem = validateKey(fromEnvironment))
            done(ServiceError::invalid(u"%1 does not hold a usable key: %2"_s.arg(
                QString::fromLatin1(kEnvironmentVariable), problem->message())));
        else
            done(fromEnvironment);
        return;
    }
    readKeychain(tenantId, tenantSlug, [tenantSlug, done = std::move(done)](Result<QString> key) {
        if (key)
            done(key);
        else
            done(noKeyError(tenantSlug,
                            key.error().kind() == ServiceError::Kind::NotFound ? QString() : key.error().message()));
    });
}

} // namespace vd::openai
