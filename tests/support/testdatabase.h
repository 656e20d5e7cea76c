#pragma once

#include "core/storage/databaseurl.h"

#include <QString>
#include <QTemporaryDir>

#include <optional>

namespace vd::test {

// Where the PostgreSQL fixture (tests/support/pg-fixture.sh) put its files; empty when the test
// runs outside CTest.
QString postgresFixtureDir();

// A fresh, empty PostgreSQL database on the fixture server (dropped and re-created each call).
// Returns nullopt and sets *why when no fixture server is available.
std::optional<DatabaseUrl> freshPostgres(const QString &name, QString *why);
// The same database as a connection string (socket URL), for the CLI.
QString freshPostgresUrl(const QString &name, QString *why);
// The fixture's TCP URL with the password (for authentication tests).
QString postgresTcpUrl();

// A SQLite database file in dir.
DatabaseUrl sqliteIn(const QTemporaryDir &dir, const QString &name = QStringLiteral("test.sqlite"));

// Runs a shell command, returning its stdout; fails the calling test on a non-zero exit.
QString runOrFail(const QString &program, const QStringList &arguments, bool *ok);

} // namespace vd::test

#include <memory>

namespace vd {
class Database;
}

namespace vd::test {

// A fresh database, opened and migrated: a SQLite file `name`.sqlite in `dir` for engine
// "sqlite", a database `name` on the fixture server for "postgresql". nullptr, with a warning
// saying why, when it cannot be made.
std::unique_ptr<Database> freshDatabase(const QString &engine, const QTemporaryDir &dir, const QString &name);

// Every row of every table, in a stable order: compare before and after an operation to prove
// it changed nothing.
QString dumpRows(Database &db);

// A normalized description of the schema (tables, columns with type family and nullability,
// indexes with uniqueness and columns), identical for equivalent SQLite and PostgreSQL schemas.
QStringList describeSchema(Database &db);

// A store's counters (files per status, usage, sizes) against the sums recomputed from its live
// files: empty when they agree, else which counters differ and by how much.
QString storeCounterMismatch(Database &db, qint64 storeId);

} // namespace vd::test
