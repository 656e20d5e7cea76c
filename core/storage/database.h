#pragma once

#include "core/storage/databaseurl.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QString>

namespace vd {

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

// One Qt SQL connection, owned by the thread that created it. Every thread that touches the
// database makes its own Database; the connection is removed again on destruction.
class Database
{
public:
    explicit Database(DatabaseUrl url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the connection and applies the per-connection settings (SQLite: WAL, foreign keys,
    // busy timeout). On failure *error is one line naming the database and what failed.
    bool open(QString *error);
    bool isOpen() const;

    QSqlDatabase connection() const;
    const DatabaseUrl &url() const { return m_url; }
    bool isSqlite() const { return m_url.isSqlite(); }
    bool isPostgres() const { return m_url.isPostgres(); }

    // Opens and brings the schema up to date (or refuses: newer schema, changed migration).
    static bool openAndMigrate(Database &db, QString *error);

private:
    DatabaseUrl m_url;
    QString m_connectionName;
};

// Turns a driver error into words an admin can act on, naming where the database is.
QString describeConnectionError(const DatabaseUrl &url, const QString &driverText);

// A write transaction. SQLite takes the write lock up front (BEGIN IMMEDIATE) so a
// read-then-write sequence cannot deadlock or lose a race; PostgreSQL uses READ COMMITTED and
// callers lock the rows they depend on (see lockTenant in the service). Rolls back unless
// committed.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    QString error() const { return m_error; }
    bool commit();
    void rollback();

private:
    Database &m_db;
    bool m_active = false;
    QString m_error;
};

} // namespace vd
