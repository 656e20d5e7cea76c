#pragma once

#include "core/domain/serviceerror.h"
#include "core/session/backends.h"
#include "core/storage/databaseurl.h"

#include <QString>

#include <memory>

namespace vd {

class Database;
class VectorStoreService;

// Everything a front end needs to work on VectorDesk's data, wired once: the thread's database
// connection, both backends over it, and the service that uses them. The CLI, the window's
// workers (service runner, attach job), the ingestion worker and the sync worker all get theirs
// here, so none can forget a backend or wire one differently.
//
// A session belongs to the thread that made it (one Qt SQL connection per thread): make one per
// worker thread, and destroy it in that thread.
class CoreSession
{
public:
    struct Options
    {
        QString operatorName; // who acts through the service; empty: a system actor
        bool migrate = false; // apply missing migrations when opening (the CLI and the window)
        QString engineRoot; // the local engine's folder; empty: beside the database (LocalEngine::rootFor)
        Backends::Substitute substitute; // backends to use instead of the built-in ones (tests)
    };

    // Opens `url` in this thread (migrating it when asked) and wires backends and service over it.
    // A failure names the database and what to do.
    static Result<std::unique_ptr<CoreSession>> open(const DatabaseUrl &url, const Options &options);
    // The same, acting as `operatorName`, with the default engine folder and backends.
    static Result<std::unique_ptr<CoreSession>> open(const DatabaseUrl &url, const QString &operatorName,
                                                     bool migrate = false);

    // Tries a database without changing it (Settings › Test connection): nothing is created or
    // migrated. Answers what was found ("the schema is ready", "N migrations to apply", "no
    // database there yet"); an error names the database and what failed.
    static Result<QString> probe(const DatabaseUrl &url);
    // Who acts when no --as is given: $USER, else $LOGNAME (unset or empty alike), else "local".
    static QString defaultOperator();

    // Over a connection the caller already has open (tests, benchmarks, a worker that opened it
    // itself); the connection must outlive the session.
    CoreSession(Database &db, const QString &operatorName, const QString &engineRoot = {},
                Backends::Substitute substitute = {});
    ~CoreSession();
    CoreSession(const CoreSession &) = delete;
    CoreSession &operator=(const CoreSession &) = delete;

    Database &database() { return *m_db; }
    Backends &backends() { return *m_backends; }
    VectorStoreService &service() { return *m_service; }
    const QString &engineRoot() const { return m_engineRoot; }

private:
    CoreSession(std::unique_ptr<Database> owned, const Options &options);

    std::unique_ptr<Database> m_owned;
    Database *m_db = nullptr;
    QString m_engineRoot;
    std::unique_ptr<Backends> m_backends;
    std::unique_ptr<VectorStoreService> m_service;
};

} // namespace vd
