#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/domain/apitoken.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/holderclient.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

// token create, list, revoke: API tokens of `vectordesk serve` (docs/api.md).

namespace vd::cli {

namespace {

int createToken(Context &c, const Invocation &in)
{
    const auto role = roleFromName(in.value(u"role"_s));
    if (!in.isSet(u"role"_s) || !role)
        return c.usage(u"--role must be viewer, editor or admin."_s);
    if (!in.isSet(u"name"_s))
        return c.usage(u"--name is required: name the token after what uses it (ci-bot, chat-app)."_s);
    std::optional<int> days;
    if (int code = readWholeNumber(c, in.parser, u"expires-days"_s, 1, 3650, &days); code != Ok)
        return code;
    auto result = c.service().createApiToken(in.tenant, in.value(u"name"_s), *role, days);
    if (!result)
        return c.fail(result.error());
    const ApiToken &token = result->token;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (c.json()) {
        QJsonObject json = token.toJson(now);
        json.insert(u"secret"_s, result->secret);
        printJson(c, json);
        return Ok;
    }
    // The secret goes alone on out (so `$(vectordesk token create ...)` captures just it); the
    // explanation on err.
    c.err() << u"Created API token '%1' (%2) for tenant %3%4. It is shown once and cannot be shown again; keep it "
               u"in a secret store.\n"_s.arg(terminalText(token.name), roleName(token.role), terminalText(in.tenant),
                                             token.expiresAt ? u", expires %1"_s.arg(formatTime(*token.expiresAt))
                                                             : QString());
    c.err().flush();
    c.out() << result->secret << '\n';
    return Ok;
}

int listTokens(Context &c, const Invocation &in)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto result = c.service().listApiTokens(in.tenant, in.isSet(u"all"_s));
    if (!result)
        return c.fail(result.error());
    if (c.json()) {
        QJsonArray data;
        for (const ApiToken &token : result.value())
            data.append(token.toJson(now));
        printJson(c, QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, data}});
        return Ok;
    }
    QList<QStringList> rows;
    for (const ApiToken &t : result.value())
        rows << QStringList{QString::number(t.id),
                            t.name,
                            roleName(t.role),
                            t.prefix + u"…"_s,
                            t.state(now),
                            t.createdBy,
                            formatTime(t.createdAt),
                            t.expiresAt ? formatTime(*t.expiresAt) : u"never"_s};
    printTable(c, {u"ID"_s, u"NAME"_s, u"ROLE"_s, u"PREFIX"_s, u"STATE"_s, u"CREATED BY"_s, u"CREATED"_s, u"EXPIRES"_s},
               rows);
    return Ok;
}

int revokeToken(Context &c, const Invocation &in)
{
    auto result = c.service().revokeApiToken(in.tenant, in.args[0]);
    if (!result)
        return c.fail(result.error());
    return printOutcome(
        c, result->toJson(QDateTime::currentMSecsSinceEpoch()),
        u"API token '%1' of %2 is revoked; requests with it now answer 401.\n"_s.arg(result->name, in.tenant));
}

// Keeps a token on this machine for the tenant's local stores held by another machine
// (core/session/holderclient.h): checked against the database first, written 0600.
int useToken(Context &c, const Invocation &in)
{
    auto secret = readSecret(c, u"API token"_s);
    if (!secret)
        return c.fail(secret.error());
    if (secret->isEmpty())
        return c.usage(
            u"Give the token on standard input, e.g. `vectordesk token use --tenant %1 < token.txt`."_s.arg(in.tenant));
    auto principal =
        VectorStoreService::authenticateToken(c.database(), secret.value(), QDateTime::currentMSecsSinceEpoch());
    if (!principal)
        return c.fail(principal.error());
    if (principal->tenantSlug.compare(in.tenant, Qt::CaseInsensitive) != 0
        && QString::number(principal->tenantId) != in.tenant)
        return c.fail(ServiceError::invalid(
            u"That token belongs to tenant %1, not %2; nothing was saved."_s.arg(principal->tenantSlug, in.tenant),
            u"tenant"_s));
    const QString path = HolderClient::tokenFile(principal->tenantSlug);
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())
        || !QFile::setPermissions(info.absolutePath(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return c.fail(ServiceError::unavailable(
            u"Cannot create the folder %1 for the token."_s.arg(QDir::toNativeSeparators(info.absolutePath()))));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(secret->toUtf8() + '\n') < 0 || !file.commit())
        return c.fail(ServiceError::unavailable(
            u"Cannot write %1: %2"_s.arg(QDir::toNativeSeparators(path), file.errorString())));
    return printOutcome(
        c,
        QJsonObject{{u"tenant"_s, principal->tenantSlug},
                    {u"token"_s, principal->name},
                    {u"role"_s, roleName(principal->role)},
                    {u"file"_s, path}},
        u"Saved API token '%1' (%2) of tenant %3 in %4; this machine uses it to reach the tenant's "
        u"local stores held by other machines (docs/teams.md).\n"_s.arg(
            principal->name, roleName(principal->role), principal->tenantSlug, QDir::toNativeSeparators(path)));
}

} // namespace

QList<std::shared_ptr<Command>> tokenCommands()
{
    return {
        command({.name = u"token create"_s,
                 .syntax = u"--tenant T --role viewer|editor|admin --name NAME [--expires-days N]"_s,
                 .summary = u"Create an API token for `vectordesk serve`; prints its secret once (admin)."_s,
                 .scope = Scope::Tenant,
                 .options = {{u"role"_s, u"viewer, editor or admin."_s, u"role"_s},
                             {u"name"_s, u"A name for the token (letters, digits, - _ .)."_s, u"name"_s},
                             {u"expires-days"_s, u"The token stops working after N days (1 to 3650)."_s, u"N"_s}}},
                createToken),
        command({.name = u"token list"_s,
                 .syntax = u"--tenant T [--all]"_s,
                 .summary = u"List a tenant's active API tokens; --all adds revoked and expired ones (admin)."_s,
                 .scope = Scope::Tenant,
                 .options = {{u"all"_s, u"Include revoked and expired tokens."_s}}},
                listTokens),
        command({.name = u"token revoke"_s,
                 .syntax = u"--tenant T TOKEN"_s,
                 .summary = u"Revoke an API token, by name or id; it stops working at once (admin)."_s,
                 .positionals = {u"TOKEN"_s},
                 .scope = Scope::Tenant},
                revokeToken),
        command({.name = u"token use"_s,
                 .syntax = u"--tenant T < TOKEN"_s,
                 .summary = u"Keep an API token (read from standard input) on this machine, to reach the tenant's "
                            u"local stores that another machine holds (docs/teams.md)."_s,
                 .scope = Scope::Tenant},
                useToken),
    };
}

} // namespace vd::cli
