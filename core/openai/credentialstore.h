#pragma once

#include "core/domain/serviceerror.h"

#include <QObject>
#include <QString>

#include <functional>

namespace vd::openai {

// Where a tenant's OpenAI API key comes from, in this order:
//  1. a key file named explicitly (--openai-key-file PATH): must be a regular file of mode 0600
//     (or stricter) owned by the user running VectorDesk, else it is refused;
//  2. the environment variable VECTORDESK_OPENAI_API_KEY (applies to every tenant);
//  3. the OS keychain (Secret Service on Linux, through QtKeychain): service "VectorDesk OpenAI",
//     one entry per tenant, named "tenant:<id>".
// Keys are never written to the database, the settings, a log or an error message.
class CredentialStore : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *kServiceName = "VectorDesk OpenAI";
    static constexpr const char *kEnvironmentVariable = "VECTORDESK_OPENAI_API_KEY";

    explicit CredentialStore(QObject *parent = nullptr);

    // Process-wide: the key file given on the command line (empty: none). Set before any
    // thread reads keys.
    static void setKeyFile(const QString &path);
    static QString keyFile();

    // The keychain entry of a tenant.
    static QString entryName(qint64 tenantId);

    // Asynchronous keychain access; the callbacks run in this object's thread.
    void readKeychain(qint64 tenantId, const QString &tenantSlug, std::function<void(Result<QString>)> done);
    void writeKeychain(qint64 tenantId, const QString &tenantSlug, const QString &key,
                       std::function<void(Result<void>)> done);
    void clearKeychain(qint64 tenantId, const QString &tenantSlug, std::function<void(Result<void>)> done);

    // The key for a tenant from the sources above (asynchronous; the keychain is asked last).
    // OpenAIBackend asks it on its network thread and waits for the answer on the calling thread.
    void resolve(qint64 tenantId, const QString &tenantSlug, std::function<void(Result<QString>)> done);

    // Reads and checks a key file: regular file, owned by the user, no group/other permissions.
    static Result<QString> readKeyFile(const QString &path);
    // A key must look like one: non-empty, printable ASCII, no spaces.
    static std::optional<ServiceError> validateKey(const QString &key);
    // The message when no source has a key: it lists every option.
    static ServiceError noKeyError(const QString &tenantSlug, const QString &keychainProblem);
};

} // namespace vd::openai
