#include "core/storage/database.h"

#include "core/storage/migrator.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace vd {

Q_LOGGING_CATEGORY(lcStorage, "vectordesk.core.storage", QtInfoMsg)

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"vectordesk-%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

bool execPragma(QSqlDatabase &db, const QString &statement, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(statement)) {
        *error = query.lastError().text();
        return false;
    }
    return true;
}

} // namespace

Database::Database(DatabaseUrl url)
    : m_url(std::move(url))
    , m_connectionName(nextConnectionName())
{ }

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Database::isOpen() const
{
    return QSqlDatabase::database(m_connectionName, false).isOpen();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool Database::open(QString *error)
{
    if (isOpen())
        return true;
    if (m_url.isSqlite()) {
        if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s)) {
            *error = u"The Qt SQLite driver is not installed (Debian package libqt6sql6-sqlite)."_s;
            return false;
        }
        const QFileInfo file(m_url.sqlitePath);
        const QDir dir = file.absoluteDir();
        if (!dir.exists() && !m_url.createFolder) {
            *error = u"The folder %1 for the SQLite database %2 does not exist; check the path for a typo, or "
                     u"create the folder first (mkdir -p %1)."_s.arg(QDir::toNativeSeparators(dir.absolutePath()),
                                                                     QDir::toNativeSeparators(m_url.sqlitePath));
            return false;
        }
        if (!dir.exists() && !QDir().mkpath(dir.absolutePath())) {
            *error = u"Cannot create the folder %1 for the SQLite database; check its permissions."_s.arg(
                QDir::toNativeSeparators(dir.absolutePath()));
            return false;
        }
        if (file.exists() && file.isDir()) {
            *error = u"%1 is a folder, not a database file; name a file such as %1/vectordesk.sqlite."_s.arg(
                QDir::toNativeSeparators(file.absoluteFilePath()));
            return false;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
        db.setDatabaseName(m_url.sqlitePath);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=10000"_s);
        if (!db.open()) {
            *error = describeConnectionError(m_url, db.lastError().text());
            return false;
        }
        QString pragmaError;
        // journal_mode=WAL lets readers (the GUI) work while a writer (sync) holds the lock.
        if (!execPragma(db, u"PRAGMA journal_mode=WAL"_s, &pragmaError)
            || !execPragma(db, u"PRAGMA foreign_keys=ON"_s, &pragmaError)
            || !execPragma(db, u"PRAGMA synchronous=NORMAL"_s, &pragmaError)) {
            *error = describeConnectionError(m_url, pragmaError);
            db.close();
            return false;
        }
        // An existing file that is not a database only fails on the first real read.
        QSqlQuery probe(db);
        if (!probe.exec(u"SELECT count(*) FROM sqlite_master"_s)) {
            *error = describeConnectionError(m_url, probe.lastError().text());
            db.close();
            return false;
        }
        qCDebug(lcStorage) << "opened" << m_url.describe();
        return true;
    }

    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        *error = u"The Qt PostgreSQL driver is not installed (Debian package libqt6sql6-psql)."_s;
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connectionName);
    db.setHostName(m_url.host);
    db.setPort(m_url.port);
    db.setUserName(m_url.user);
    db.setPassword(m_url.password);
    db.setDatabaseName(m_url.database);
    db.setConnectOptions(m_url.connectOptions);
    if (!db.open()) {
        *error = describeConnectionError(m_url, db.lastError().text());
        return false;
    }
    QString setupError;
    if (!execPragma(db, u"SET client_min_messages TO WARNING"_s, &setupError)
        || !execPragma(db, u"SET TIME ZONE 'UTC'"_s, &setupError)) {
        *error = describeConnectionError(m_url, setupError);
        db.close();
        return false;
    }
    qCDebug(lcStorage) << "opened" << m_url.describe();
    return true;
}

bool Database::openAndMigrate(Database &db, QString *error)
{
    if (!db.open(error))
        return false;
    Migrator migrator(db);
    return migrator.migrate(error);
}

QString describeConnectionError(const DatabaseUrl &url, const QString &driverText)
{
    QString detail = driverText.simplified();
    // libpq prefixes its messages with the host it tried; keep the substance.
    detail.remove(u"QPSQL: Unable to connect"_s);
    detail = detail.trimmed();
    const QString lower = detail.toLower();
    QString hint;
    if (url.isPostgres()) {
        if (lower.contains(u"password authentication failed"_s))
            hint = u"the password for user %1 was rejected; check the URL's user and password"_s.arg(url.user);
        else if (lower.contains(u"no password supplied"_s))
            hint = u"the server wants a password for user %1; add it to the URL"_s.arg(url.user);
        else if (lower.contains(u"connection refused"_s))
            hint = u"connection refused; is PostgreSQL running and listening there?"_s;
        else if (lower.contains(u"no such file or directory"_s))
            hint = u"no server socket there; is PostgreSQL running with that socket directory and port?"_s;
        else if (lower.contains(u"does not exist"_s) && lower.contains(u"database"_s))
            hint = u"database %1 does not exist; create it with createdb %1"_s.arg(url.database);
        else if (lower.contains(u"could not translate host name"_s))
            hint = u"host name %1 is unknown"_s.arg(url.host);
        else if (lower.contains(u"timeout expired"_s))
            hint = u"timed out; check the host, port and firewall"_s;
        const QString head = u"Cannot open %1"_s.arg(url.describe());
        return hint.isEmpty() ? u"%1: %2"_s.arg(head, detail) : u"%1: %2."_s.arg(head, hint);
    }
    if (lower.contains(u"file is not a database"_s))
        hint = u"the file exists but is not a SQLite database; name another file"_s;
    else if (lower.contains(u"unable to open"_s) || lower.contains(u"readonly"_s))
        hint = u"it cannot be opened for writing; check the path and its permissions"_s;
    else if (lower.contains(u"locked"_s) || lower.contains(u"busy"_s))
        hint = u"another process keeps it locked; try again when it is done"_s;
    const QString head = u"Cannot open %1"_s.arg(url.describe());
    return hint.isEmpty() ? u"%1: %2"_s.arg(head, detail) : u"%1: %2."_s.arg(head, hint);
}

Transaction::Transaction(Database &db)
    : m_db(db)
{
    QSqlQuery query(m_db.connection());
    const QString begin = m_db.isSqlite() ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
    if (query.exec(begin))
        m_active = true;
    else
        m_error = query.lastError().text();
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    QSqlQuery query(m_db.connection());
    if (!query.exec(u"COMMIT"_s)) {
        m_error = query.lastError().text();
        rollback();
        return false;
    }
    m_active = false;
    return true;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    QSqlQuery query(m_db.connection());
    if (!query.exec(u"ROLLBACK"_s))
        qCWarning(lcStorage) << "rollback failed:" << query.lastError().text();
    m_active = false;
}

} // namespace vd
