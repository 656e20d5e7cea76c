#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace vd {

class Database;

struct Migration
{
    int version = 0;
    QString name; // "0002_vector_stores_and_files"
    QByteArray sql; // as committed, before dialect tokens are replaced
    QByteArray checksum; // hex sha256 of sql
};

struct AppliedMigration
{
    int version = 0;
    QString name;
    QByteArray checksum;
    qint64 appliedAt = 0;
};

// Applies the numbered .sql files of migrations/ (embedded under :/migrations) in order, each in
// its own transaction, and records them in schema_migrations. Refuses a database that is newer
// than this binary or whose applied migrations no longer match their files.
class Migrator
{
public:
    explicit Migrator(Database &db, const QString &directory = QStringLiteral(":/migrations"));

    const QList<Migration> &available() const { return m_available; }
    int latestVersion() const;

    // What the database records; empty for a fresh database.
    bool applied(QList<AppliedMigration> *out, QString *error) const;

    // Checks that the database can be used by this binary without changing it.
    // *pending receives the versions still to apply.
    bool verify(QList<int> *pending, QString *error) const;

    // Brings the schema to targetVersion (default: latest). *appliedNow lists what ran.
    bool migrate(QString *error, int targetVersion = -1, QStringList *appliedNow = nullptr);

    // The SQL for this database's dialect, tokens replaced.
    QString render(const Migration &migration) const;

    // Splits a script into statements at ';' outside quotes and comments.
    static QStringList splitStatements(const QString &script);

private:
    bool ensureTable(QString *error);

    Database &m_db;
    QList<Migration> m_available;
    QString m_loadError;
};

} // namespace vd
