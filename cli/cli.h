#pragma once

#include "core/storage/databaseurl.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>

class QCommandLineParser;
class QIODevice;

namespace vd {
namespace engine {
class LocalEngine;
}

class Backends;
class CoreSession;
class Database;
class VectorStoreService;
class ServiceError;
} // namespace vd

namespace vd::cli {

// Exit codes of the headless commands (docs/cli.md).
enum ExitCode { Ok = 0, Failed = 1, Usage = 2, LeaseHeld = 3, DatabaseUnavailable = 4 };

// Where a command writes and reads; tests pass string-backed streams.
struct Streams
{
    QTextStream &out;
    QTextStream &err;
    QIODevice *in = nullptr;
};

// Options every command understands.
struct GlobalOptions
{
    std::optional<QString> db; // nullopt: --db not given (an empty value is refused)
    QString as;
    QString logJson;
    QString openaiKeyFile;
    bool json = false;
    bool verbose = false;
};

class Context;

// One headless subcommand: "tenant create", "store list", "migrate", ...
class Command
{
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // "SLUG [--plan PLAN]": shown in help.
    virtual QString syntax() const = 0;
    virtual QList<QCommandLineOption> options() const { return {}; }
    // Names of the positional arguments (for help and argument-count checks); a trailing "..."
    // accepts one or more.
    virtual QStringList positionals() const { return {}; }
    virtual bool needsDatabase() const { return true; }
    virtual int execute(Context &context, const QCommandLineParser &parser, const QStringList &arguments) = 0;
};

// What a running command can use: streams, options, the database and service (opened lazily).
class Context
{
public:
    Context(Streams streams, GlobalOptions options);
    ~Context();

    QTextStream &out() { return m_streams.out; }
    QTextStream &err() { return m_streams.err; }
    QIODevice *in() { return m_streams.in; }
    const GlobalOptions &options() const { return m_options; }
    bool json() const { return m_options.json; }

    // The database location: --db, else $VECTORDESK_DB, else the settings, else the default
    // SQLite file. A malformed one is a usage error: printed (naming where it came from unless
    // that was --db), and nothing is returned.
    std::optional<DatabaseUrl> resolveDatabaseUrl();
    // Opens and migrates the database; on failure prints the reason and returns false, and
    // openFailureCode() says how to exit (Usage for a malformed location, else Failed).
    bool openDatabase();
    int openFailureCode() const { return m_openFailureCode; }
    CoreSession &session() { return *m_session; }
    Database &database();
    VectorStoreService &service();
    Backends &backends();
    engine::LocalEngine &localEngine();
    QString operatorName() const;

    // Prints a service error (human line on err, or a JSON object on out) and returns Failed.
    int fail(const ServiceError &error);
    // Prints a usage error and returns Usage.
    int usage(const QString &message);
    // Prints a failure that is not a ServiceError and returns Failed.
    int failText(const QString &message);

private:
    Streams m_streams;
    GlobalOptions m_options;
    std::unique_ptr<CoreSession> m_session;
    int m_openFailureCode = Failed;
};

// All commands, in help order.
const QList<std::shared_ptr<Command>> &commands();

// Whether these arguments (argv without the program name) ask for a headless command, help
// or version, as opposed to the GUI.
bool isHeadless(const QStringList &arguments);

// Runs the command named by the arguments (argv including the program name).
int run(const QStringList &arguments, Streams streams);

} // namespace vd::cli
