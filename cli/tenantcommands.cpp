#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/domain/units.h"
#include "core/service/vectorstoreservice.h"

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

void printTenant(Context &c, const Tenant &t)
{
    if (c.json())
        return printJson(c, t.toJson());
    c.out() << u"Tenant %1 (id %2)\n"_s.arg(t.slug).arg(t.id)
            << u"  name:            %1\n"_s.arg(terminalText(t.displayName))
            << u"  plan:            %1%2\n"_s.arg(
                   t.plan, t.planOverrides.isEmpty() ? QString() : u" with overrides "_s + shownJson(t.planOverrides))
            << u"  default backend: %1\n"_s.arg(backendName(t.defaultBackend))
            << u"  created:         %1\n"_s.arg(formatTime(t.createdAt));
    if (t.myRole)
        c.out() << u"  your role:       %1\n"_s.arg(roleName(*t.myRole));
    if (t.deletedAt)
        c.out() << u"  deleted:         %1\n"_s.arg(formatTime(*t.deletedAt));
}

int createTenant(Context &c, const Invocation &in)
{
    TenantDraft draft;
    draft.slug = in.args[0];
    draft.displayName = in.value(u"name"_s);
    if (in.isSet(u"plan"_s))
        draft.plan = in.value(u"plan"_s);
    if (in.isSet(u"backend"_s))
        draft.defaultBackend = in.value(u"backend"_s);
    return report<Tenant>(c, c.service().createTenant(draft), printTenant);
}

int listTenants(Context &c, const Invocation &in)
{
    return reportList(c, c.service().listTenants(visibilityFrom(in.parser)),
                      {u"ID"_s, u"SLUG"_s, u"NAME"_s, u"PLAN"_s, u"BACKEND"_s, u"ROLE"_s, u"STATE"_s},
                      [](const Tenant &t) {
                          return QStringList{QString::number(t.id),
                                             t.slug,
                                             t.displayName,
                                             t.plan,
                                             backendName(t.defaultBackend),
                                             t.myRole ? roleName(*t.myRole) : u"-"_s,
                                             t.deletedAt ? u"deleted "_s + formatTime(*t.deletedAt) : u"live"_s};
                      });
}

int showTenant(Context &c, const Invocation &in)
{
    return report<Tenant>(c, c.service().tenant(in.args[0]), printTenant);
}

int updateTenant(Context &c, const Invocation &in)
{
    TenantUpdate update;
    if (in.isSet(u"name"_s))
        update.displayName = in.value(u"name"_s);
    if (in.isSet(u"backend"_s))
        update.defaultBackend = in.value(u"backend"_s);
    if (!update.displayName && !update.defaultBackend)
        return c.usage(u"Nothing to change: give --name or --backend."_s);
    return report<Tenant>(c, c.service().updateTenant(in.args[0], update), printTenant);
}

// --override KEY=VALUE...: numbers, or allowed_types as comma-separated extensions.
int readOverrides(Context &c, const QStringList &items, QJsonObject *overrides)
{
    for (const QString &item : items) {
        const qsizetype eq = item.indexOf(u'=');
        if (eq <= 0)
            return c.usage(u"--override takes KEY=VALUE, got '%1'."_s.arg(item));
        const QString key = item.left(eq).trimmed();
        const QString value = item.mid(eq + 1).trimmed();
        if (key == u"allowed_types"_s) {
            QJsonArray types;
            for (const QString &type : value.split(u',', Qt::SkipEmptyParts))
                types.append(type.trimmed().toLower().remove(u'.'));
            overrides->insert(key, types);
        } else {
            bool ok = false;
            const qint64 number = value.toLongLong(&ok);
            if (!ok)
                return c.usage(u"--override %1 needs a whole number, got '%2'."_s.arg(key, value));
            overrides->insert(key, number);
        }
    }
    return Ok;
}

int setPlan(Context &c, const Invocation &in)
{
    std::optional<QJsonObject> overrides;
    if (in.isSet(u"clear-overrides"_s))
        overrides = QJsonObject();
    const QStringList items = in.parser.values(u"override"_s);
    if (!items.isEmpty()) {
        overrides = QJsonObject();
        if (const int code = readOverrides(c, items, &*overrides); code != Ok)
            return code;
    }
    return report<Tenant>(c, c.service().setPlan(in.args[0], in.args[1], overrides), printTenant);
}

int deleteTenant(Context &c, const Invocation &in)
{
    return report<Tenant>(c, c.service().deleteTenant(in.args[0]), printTenant);
}

int showQuota(Context &c, const Invocation &in)
{
    auto usage = c.service().quotaUsage(in.args[0]);
    if (!usage)
        return c.fail(usage.error());
    if (c.json()) {
        printJson(c, usage->toJson());
        return Ok;
    }
    const QuotaUsage &u = usage.value();
    c.out() << u"Plan %1\n"_s.arg(u.plan)
            << u"  stores:              %1 of %2\n"_s.arg(u.stores).arg(u.limits.maxStores)
            << u"  files (fullest store): %1 of %2\n"_s.arg(u.largestStoreFiles).arg(u.limits.maxFilesPerStore)
            << u"  storage:             %1 of %2\n"_s.arg(formatBytes(u.totalBytes),
                                                          formatBytes(u.limits.maxTotalBytes))
            << u"  largest file allowed: %1\n"_s.arg(formatBytes(u.limits.maxFileBytes))
            << u"  worst use:           %1%\n"_s.arg(u.worstPercent(), 0, 'f', 1);
    return Ok;
}

} // namespace

QList<std::shared_ptr<Command>> tenantCommands()
{
    return {
        command({.name = u"tenant create"_s,
                 .syntax = u"SLUG [--name NAME] [--plan PLAN] [--backend local|openai]"_s,
                 .summary = u"Create a tenant; you become its owner. Needs instance administrator rights."_s,
                 .positionals = {u"SLUG"_s},
                 .options = {{u"name"_s, u"Display name (default: the slug)."_s, u"name"_s},
                             {u"plan"_s, u"Plan: free, starter, pro or enterprise (default free)."_s, u"plan"_s},
                             {u"backend"_s, u"Default backend of new stores: local or openai."_s, u"backend"_s}}},
                createTenant),
        command({.name = u"tenant list"_s,
                 .syntax = u"[--deleted | --all]"_s,
                 .summary = u"List the tenants you are a member of."_s,
                 .options = {deletedOption(), allOption()}},
                listTenants),
        command({.name = u"tenant show"_s,
                 .syntax = u"TENANT"_s,
                 .summary = u"Show a tenant."_s,
                 .positionals = {u"TENANT"_s}},
                showTenant),
        command({.name = u"tenant update"_s,
                 .syntax = u"TENANT [--name NAME] [--backend local|openai]"_s,
                 .summary = u"Change a tenant's display name or default backend (admin)."_s,
                 .positionals = {u"TENANT"_s},
                 .options = {{u"name"_s, u"New display name."_s, u"name"_s},
                             {u"backend"_s, u"New default backend."_s, u"backend"_s}}},
                updateTenant),
        command({.name = u"tenant set-plan"_s,
                 .syntax = u"TENANT PLAN [--override KEY=VALUE]... [--clear-overrides]"_s,
                 .summary = u"Move a tenant to a plan and set per-tenant limit overrides (admin)."_s,
                 .positionals = {u"TENANT"_s, u"PLAN"_s},
                 .options = {{u"override"_s,
                              u"Override a limit: max_stores, max_files_per_store, max_file_bytes, max_total_bytes "
                              u"(numbers) or allowed_types (comma-separated extensions). Repeatable; replaces all "
                              u"existing overrides."_s,
                              u"key=value"_s},
                             {u"clear-overrides"_s, u"Remove all overrides."_s}}},
                setPlan),
        command({.name = u"tenant delete"_s,
                 .syntax = u"TENANT"_s,
                 .summary = u"Soft-delete a tenant; the sync purges it after the retention period (owner)."_s,
                 .positionals = {u"TENANT"_s}},
                deleteTenant),
        command({.name = u"tenant quota"_s,
                 .syntax = u"TENANT"_s,
                 .summary = u"Show a tenant's use of its plan limits."_s,
                 .positionals = {u"TENANT"_s}},
                showQuota),
    };
}

} // namespace vd::cli
