#include "cli/commands.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/storage/database.h"
#include "core/storage/migrator.h"

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

int migrate(Context &c, const Invocation &in)
{
    const auto url = c.resolveDatabaseUrl(); // prints why it cannot
    if (!url)
        return Usage;
    QString error;
    Database db(url.value());
    if (!db.open(&error))
        return c.failText(error);
    Migrator migrator(db);
    QStringList appliedNow;
    if (!in.isSet(u"status"_s) && !migrator.migrate(&error, -1, &appliedNow))
        return c.failText(error);
    QList<int> pending;
    if (!migrator.verify(&pending, &error))
        return c.failText(error);
    QList<AppliedMigration> applied;
    if (!migrator.applied(&applied, &error))
        return c.failText(error);
    const int version = applied.isEmpty() ? 0 : applied.constLast().version;
    if (c.json()) {
        QJsonArray appliedJson;
        for (const AppliedMigration &m : applied)
            appliedJson.append(QJsonObject{{u"object"_s, u"migration"_s},
                                           {u"version"_s, m.version},
                                           {u"name"_s, m.name},
                                           {u"checksum"_s, QString::fromLatin1(m.checksum)},
                                           {u"applied_at"_s, m.appliedAt}});
        QJsonArray pendingJson;
        for (int v : pending)
            pendingJson.append(migrator.available().at(v - 1).name);
        printJson(c,
                  QJsonObject{{u"object"_s, u"schema"_s},
                              {u"database"_s, url->redacted()},
                              {u"version"_s, version},
                              {u"latest"_s, migrator.latestVersion()},
                              {u"applied"_s, appliedJson},
                              {u"applied_now"_s, QJsonArray::fromStringList(appliedNow)},
                              {u"pending"_s, pendingJson}});
        return Ok;
    }
    c.out() << url->describe() << u'\n';
    for (const QString &name : std::as_const(appliedNow))
        c.out() << u"  applied now: "_s << name << u'\n';
    c.out()
        << u"  schema version %1 of %2, %3 pending\n"_s.arg(version).arg(migrator.latestVersion()).arg(pending.size());
    return Ok;
}

} // namespace

QList<std::shared_ptr<Command>> migrateCommands()
{
    return {command(
        {.name = u"migrate"_s,
         .syntax = u"[--status]"_s,
         .summary = u"Bring the database schema up to date (--status: only show applied and pending migrations)."_s,
         .options = {{u"status"_s, u"Show the schema state without changing anything."_s}},
         .needsDatabase = false},
        migrate)};
}

} // namespace vd::cli
