#pragma once

#include <QString>

#include <optional>

namespace vd {

// Where the metadata database lives. One string for every mode: a plain path means SQLite,
// postgresql://user:password@host:port/database[?host=/socket/dir&sslmode=...] means PostgreSQL.
struct DatabaseUrl
{
    enum class Kind { Sqlite, Postgres };

    Kind kind = Kind::Sqlite;
    QString sqlitePath; // absolute
    QString host; // TCP host, or a socket directory when it starts with '/'
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString connectOptions; // QPSQL connect options ("sslmode=require;connect_timeout=5")
    // Whether opening may create the SQLite file's folder. Only the default location does: a
    // location someone typed whose folder is missing is a mistake, refused with the path.
    bool createFolder = false;

    // Parses a connection string. On failure returns nullopt and sets *error to one line that
    // names what is wrong and shows the accepted forms.
    static std::optional<DatabaseUrl> parse(const QString &text, QString *error);

    // The default SQLite file in QStandardPaths::AppDataLocation (its folder is made if missing).
    static DatabaseUrl defaultSqlite();

    // Picks the connection string: the option when it was given (nullopt: not given), else
    // VECTORDESK_DB when it is set, else the settings, else the default SQLite file. *source says
    // which one was used (for messages). An option or VECTORDESK_DB that is given but empty is
    // refused, never taken to mean the default: whoever typed it meant some database.
    static std::optional<DatabaseUrl> resolve(const std::optional<QString> &option, QString *source, QString *error);

    bool isSqlite() const { return kind == Kind::Sqlite; }
    bool isPostgres() const { return kind == Kind::Postgres; }

    // Human description that never contains the password: "SQLite file /x/y.db",
    // "PostgreSQL database docs at 127.0.0.1:5432 as user bob".
    QString describe() const;
    // The connection string with the password masked; safe for logs.
    QString redacted() const;
};

} // namespace vd
