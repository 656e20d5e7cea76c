#include "testdatabase.h"

#include <QFile>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace vd::test {

QString postgresFixtureDir()
{
    return qEnvironmentVariable("VECTORDESK_TEST_PG_DIR");
}

QString runOrFail(const QString &program, const QStringList &arguments, bool *ok)
{
    QProcess process;
    process.start(program, arguments);
    *ok = process.waitForFinished(60000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!*ok)
        qWarning().noquote() << program << arguments.join(u' ') << "failed:" << process.readAllStandardError();
    return QString::fromUtf8(process.readAllStandardOutput()).trimmed();
}

QString freshPostgresUrl(const QString &name, QString *why)
{
    const QString dir = postgresFixtureDir();
    if (dir.isEmpty() || !QFile::exists(dir + u"/url"_s)) {
        *why = u"no PostgreSQL fixture (run through ctest, which starts one)"_s;
        return {};
    }
    const QString script = qEnvironmentVariable("VECTORDESK_SOURCE_DIR") + u"/tests/support/pg-fixture.sh"_s;
    bool ok = false;
    const QString url = runOrFail(script, {u"createdb"_s, dir, name}, &ok);
    if (!ok || url.isEmpty()) {
        *why = u"pg-fixture.sh createdb %1 failed"_s.arg(name);
        return {};
    }
    return url;
}

std::optional<DatabaseUrl> freshPostgres(const QString &name, QString *why)
{
    const QString text = freshPostgresUrl(name, why);
    if (text.isEmpty())
        return std::nullopt;
    QString error;
    auto url = DatabaseUrl::parse(text, &error);
    if (!url)
        *why = error;
    return url;
}

QString postgresTcpUrl()
{
    QFile file(postgresFixtureDir() + u"/tcp-url"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

DatabaseUrl sqliteIn(const QTemporaryDir &dir, const QString &name)
{
    QString error;
    return DatabaseUrl::parse(dir.filePath(name), &error).value();
}

} // namespace vd::test

#include "core/storage/database.h"

#include <QMap>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>

namespace vd::test {

std::unique_ptr<Database> freshDatabase(const QString &engine, const QTemporaryDir &dir, const QString &name)
{
    std::optional<DatabaseUrl> url;
    QString why;
    if (engine == u"sqlite"_s)
        url = sqliteIn(dir, name + u".sqlite"_s);
    else
        url = freshPostgres(name, &why);
    auto db = url ? std::make_unique<Database>(*url) : nullptr;
    if (db && !Database::openAndMigrate(*db, &why))
        db.reset();
    if (!db)
        qWarning().noquote() << why;
    return db;
}

namespace {

QStringList userTables(Database &db)
{
    QStringList tables = db.connection().tables(QSql::Tables);
    tables.removeIf([](const QString &t) { return t.startsWith(u"sqlite_"_s); });
    tables.sort();
    return tables;
}

QString typeFamily(const QString &type)
{
    const QString t = type.toLower();
    if (t.contains(u"int"_s) || t == u"bigint"_s)
        return u"integer"_s;
    if (t.contains(u"char"_s) || t.contains(u"text"_s))
        return u"text"_s;
    if (t.contains(u"real"_s) || t.contains(u"double"_s) || t.contains(u"numeric"_s))
        return u"real"_s;
    if (t.contains(u"bool"_s))
        return u"boolean"_s;
    return t;
}

} // namespace

QString dumpRows(Database &db)
{
    QString dump;
    for (const QString &table : userTables(db)) {
        dump += u"== "_s + table + u'\n';
        QSqlQuery query(db.connection());
        query.exec(u"SELECT * FROM "_s + table);
        QStringList rows;
        while (query.next()) {
            QStringList cells;
            for (int i = 0; i < query.record().count(); ++i)
                cells << (query.isNull(i) ? u"NULL"_s : query.value(i).toString());
            rows << cells.join(u'|');
        }
        rows.sort();
        dump += rows.join(u'\n') + u'\n';
    }
    return dump;
}

QStringList describeSchema(Database &db)
{
    QStringList lines;
    QSqlQuery q(db.connection());
    for (const QString &table : userTables(db)) {
        if (db.isSqlite()) {
            q.exec(u"SELECT name, type, \"notnull\", pk FROM pragma_table_info('%1') ORDER BY name"_s.arg(table));
            while (q.next()) {
                // SQLite's INTEGER PRIMARY KEY is implicitly NOT NULL.
                const bool notNull = q.value(2).toInt() != 0 || q.value(3).toInt() != 0;
                lines << u"column %1.%2 %3 %4"_s.arg(table, q.value(0).toString(), typeFamily(q.value(1).toString()),
                                                     notNull ? u"not null"_s : u"null"_s);
            }
            q.exec(
                u"SELECT name, \"unique\", partial FROM pragma_index_list('%1') WHERE origin = 'c' ORDER BY name"_s.arg(
                    table));
            QList<QStringList> indexes;
            while (q.next())
                indexes << QStringList{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()};
            for (const QStringList &index : indexes) {
                QSqlQuery cols(db.connection());
                cols.exec(
                    u"SELECT coalesce(name, '<expr>') FROM pragma_index_xinfo('%1') WHERE key = 1 ORDER BY seqno"_s.arg(
                        index[0]));
                QStringList names;
                while (cols.next())
                    names << cols.value(0).toString();
                lines << u"index %1 on %2 (%3) %4%5"_s.arg(index[0], table, names.join(u", "_s),
                                                           index[1] == u"1"_s ? u"unique"_s : u"plain"_s,
                                                           index[2] == u"1"_s ? u" partial"_s : QString());
            }
            q.exec(
                u"SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('%1') ORDER BY id, seq"_s
                    .arg(table));
            QMap<int, QStringList> keys;
            while (q.next()) {
                QStringList &key = keys[q.value(0).toInt()];
                if (key.isEmpty())
                    key << q.value(1).toString() << QString() << QString() << q.value(4).toString().toLower();
                key[1] += (key[1].isEmpty() ? QString() : u", "_s) + q.value(2).toString();
                key[2] += (key[2].isEmpty() ? QString() : u", "_s) + q.value(3).toString();
            }
            for (const QStringList &key : std::as_const(keys))
                lines << u"foreign key %1 (%2) -> %3 (%4) on delete %5"_s.arg(table, key[1], key[0], key[2], key[3]);
        } else {
            q.exec(u"SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = "
                   u"current_schema() AND table_name = '%1' ORDER BY column_name"_s.arg(table));
            while (q.next())
                lines << u"column %1.%2 %3 %4"_s.arg(table, q.value(0).toString(), typeFamily(q.value(1).toString()),
                                                     q.value(2).toString() == u"NO"_s ? u"not null"_s : u"null"_s);
            q.exec(
                u"SELECT i.relname, ix.indisunique, ix.indpred IS NOT NULL, "
                u"  array_to_string(array(SELECT coalesce(a.attname, '<expr>') FROM unnest(ix.indkey) WITH ORDINALITY "
                u"k(attnum, n) "
                u"  LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum AND k.attnum <> 0 "
                u"  ORDER BY k.n), ', ') "
                u"FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid "
                u"JOIN pg_namespace ns ON ns.oid = t.relnamespace "
                u"WHERE t.relname = '%1' AND ns.nspname = current_schema() AND NOT ix.indisprimary "
                u"AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid) ORDER BY i.relname"_s
                    .arg(table));
            while (q.next())
                lines << u"index %1 on %2 (%3) %4%5"_s.arg(q.value(0).toString(), table, q.value(3).toString(),
                                                           q.value(1).toBool() ? u"unique"_s : u"plain"_s,
                                                           q.value(2).toBool() ? u" partial"_s : QString());
            q.exec(
                u"SELECT cf.relname, "
                u"  array_to_string(array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n) JOIN "
                u"pg_attribute a "
                u"    ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n), ', '), "
                u"  array_to_string(array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n) JOIN "
                u"pg_attribute a "
                u"    ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n), ', '), "
                u"  CASE c.confdeltype WHEN 'c' THEN 'cascade' WHEN 'a' THEN 'no action' WHEN 'r' THEN 'restrict' "
                u"    WHEN 'n' THEN 'set null' ELSE 'set default' END "
                u"FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class cf ON cf.oid = c.confrelid "
                u"JOIN pg_namespace ns ON ns.oid = t.relnamespace "
                u"WHERE c.contype = 'f' AND t.relname = '%1' AND ns.nspname = current_schema()"_s.arg(table));
            while (q.next())
                lines << u"foreign key %1 (%2) -> %3 (%4) on delete %5"_s.arg(
                    table, q.value(1).toString(), q.value(0).toString(), q.value(2).toString(), q.value(3).toString());
        }
    }
    lines.sort();
    return lines;
}

QString storeCounterMismatch(Database &db, qint64 storeId)
{
    QSqlQuery kept(db.connection());
    kept.prepare(u"SELECT files_in_progress, files_completed, files_failed, files_cancelled, usage_bytes, "
                 u"files_size_bytes FROM vector_stores WHERE id = ?"_s);
    kept.addBindValue(storeId);
    if (!kept.exec() || !kept.next())
        return u"cannot read the store"_s;
    QSqlQuery real(db.connection());
    real.prepare(u"SELECT "
                 u"coalesce(sum(CASE WHEN status = 'in_progress' THEN 1 ELSE 0 END), 0), "
                 u"coalesce(sum(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0), "
                 u"coalesce(sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0), "
                 u"coalesce(sum(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END), 0), "
                 u"coalesce(sum(usage_bytes), 0), coalesce(sum(size_bytes), 0) "
                 u"FROM vector_store_files WHERE store_id = ? AND deleted_at IS NULL"_s);
    real.addBindValue(storeId);
    if (!real.exec() || !real.next())
        return u"cannot read the files"_s;
    QStringList diff;
    for (int c = 0; c < 6; ++c)
        if (kept.value(c).toLongLong() != real.value(c).toLongLong())
            diff << u"column %1: kept %2, rows say %3"_s.arg(c)
                        .arg(kept.value(c).toLongLong())
                        .arg(real.value(c).toLongLong());
    return diff.join(u"; "_s);
}

} // namespace vd::test
