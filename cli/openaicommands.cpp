#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/domain/units.h"
#include "core/openai/credentialstore.h"
#include "core/openai/openaibackend.h"
#include "core/openai/openaisettings.h"
#include "core/service/storeimport.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/backends.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

// The tenant, when the operator has at least `needed` in it.
Result<Tenant> tenantWithRole(Context &c, const QString &ref, Role needed, const QString &doing)
{
    auto t = c.service().tenant(ref);
    if (!t)
        return t.error();
    auto role = c.service().roleIn(ref);
    if (!role)
        return role.error();
    if (int(role.value()) < int(needed))
        return ServiceError::denied(u"%1 needs the %2 role in tenant %3; you are %4."_s.arg(
                                        doing, roleName(needed), t->slug, roleName(role.value())),
                                    roleName(needed));
    return t;
}

// Reads the key from standard input (never from the command line), without echo on a terminal.
Result<QString> readKey(Context &c)
{
    auto key = readSecret(c, u"OpenAI API key"_s);
    if (!key)
        return key;
    if (auto problem = openai::CredentialStore::validateKey(key.value()))
        return *problem;
    return key;
}

template<typename T> Result<T> waitFor(const std::function<void(std::function<void(Result<T>)>)> &launch)
{
    QEventLoop loop; // headless only
    std::optional<Result<T>> answer;
    launch([&](Result<T> r) {
        answer = std::move(r);
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return std::move(*answer);
}

int keySet(Context &c, const Invocation &in)
{
    auto t = tenantWithRole(c, in.tenant, Role::Admin, u"Setting the OpenAI key"_s);
    if (!t)
        return c.fail(t.error());
    auto key = readKey(c);
    if (!key)
        return c.fail(key.error());
    openai::CredentialStore store;
    auto written = waitFor<void>([&](auto done) { store.writeKeychain(t->id, t->slug, key.value(), std::move(done)); });
    if (!written)
        return c.fail(written.error());
    return printOutcome(c, QJsonObject{{u"tenant"_s, t->slug}, {u"stored"_s, u"keychain"_s}},
                        u"The OpenAI key of tenant %1 is stored in the keychain.\n"_s.arg(t->slug));
}

int keyClear(Context &c, const Invocation &in)
{
    auto t = tenantWithRole(c, in.tenant, Role::Admin, u"Clearing the OpenAI key"_s);
    if (!t)
        return c.fail(t.error());
    openai::CredentialStore store;
    auto cleared = waitFor<void>([&](auto done) { store.clearKeychain(t->id, t->slug, std::move(done)); });
    if (!cleared)
        return c.fail(cleared.error());
    return printOutcome(c, QJsonObject{{u"tenant"_s, t->slug}, {u"cleared"_s, true}},
                        u"The keychain holds no OpenAI key for tenant %1 any more.\n"_s.arg(t->slug));
}

int keyTest(Context &c, const Invocation &in)
{
    auto t = tenantWithRole(c, in.tenant, Role::Viewer, u"Testing the OpenAI key"_s);
    if (!t)
        return c.fail(t.error());
    auto works = c.service().checkBackend(t->slug, BackendKind::OpenAI);
    if (!works)
        return c.fail(works.error());
    const QString where = works.value();
    return printOutcome(c, QJsonObject{{u"tenant"_s, t->slug}, {u"ok"_s, true}, {u"base_url"_s, where}},
                        u"ok: the OpenAI key of tenant %1 works with %2.\n"_s.arg(t->slug, where));
}

int tenantOpenAI(Context &c, const Invocation &in)
{
    const QString ref = in.args.value(0);
    openai::TenantOpenAIUpdate update;
    if (in.isSet(u"base-url"_s))
        update.baseUrl = in.value(u"base-url"_s);
    if (in.isSet(u"organization"_s))
        update.organization = in.value(u"organization"_s);
    if (in.isSet(u"project"_s))
        update.project = in.value(u"project"_s);
    const bool changing = update.baseUrl || update.organization || update.project;
    auto settings = changing ? c.service().updateOpenAISettings(ref, update) : c.service().openAISettings(ref);
    if (!settings)
        return c.fail(settings.error());
    return printOutcome(c, settings->toJson(),
                        u"base URL:     %1\norganization: %2\nproject:      %3\n"_s.arg(
                            settings->baseUrl.toString(),
                            settings->organization.isEmpty() ? u"(none)"_s : settings->organization,
                            settings->project.isEmpty() ? u"(none)"_s : settings->project));
}

int storeImport(Context &c, const Invocation &in)
{
    const QStringList &ids = in.args;
    const bool all = in.isSet(u"all"_s);
    if (all == !ids.isEmpty())
        return c.usage(u"Name the OpenAI vector store ids to import, or --all (not both)."_s);
    openai::OpenAIBackend &backend = c.backends().openai();
    auto imported = openai::importStores(c.service(), backend, in.tenant, ids);
    if (!imported)
        return c.fail(imported.error());
    int stores = 0;
    QJsonArray items;
    for (const openai::ImportedStore &item : imported.value()) {
        items.append(item.toJson());
        if (item.storeId > 0)
            ++stores;
        if (c.json())
            continue;
        if (item.storeId > 0)
            c.out() << u"imported %1 as store '%2' (id %3) with %4\n"_s
                           .arg(terminalText(item.remoteId), terminalText(item.name))
                           .arg(item.storeId)
                           .arg(plural(item.files, u"file", u"files"));
        else
            c.out() << u"skipped %1: %2\n"_s.arg(terminalText(item.remoteId), terminalText(item.skipped));
        for (const QString &skipped : item.skippedFiles)
            c.out() << u"  skipped file %1\n"_s.arg(terminalText(skipped));
    }
    return printOutcome(
        c, QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, items}},
        u"%1 imported, %2 skipped.\n"_s.arg(plural(stores, u"store", u"stores")).arg(imported->size() - stores));
}

} // namespace

QList<std::shared_ptr<Command>> openaiCommands()
{
    return {
        command({.name = u"key set"_s,
                 .syntax = u"--tenant T < keyfile"_s,
                 .summary = u"Store the tenant's OpenAI API key in the OS keychain (admin). The key is read from "
                            u"standard input, never from the command line."_s,
                 .scope = Scope::Tenant},
                keySet),
        command({.name = u"key clear"_s,
                 .syntax = u"--tenant T"_s,
                 .summary = u"Remove the tenant's OpenAI API key from the OS keychain (admin)."_s,
                 .scope = Scope::Tenant},
                keyClear),
        command({.name = u"key test"_s,
                 .syntax = u"--tenant T [--openai-key-file PATH]"_s,
                 .summary = u"Check the tenant's OpenAI key with a cheap authenticated call (GET "
                            u"/vector_stores?limit=1); prints ok or the reason."_s,
                 .scope = Scope::Tenant},
                keyTest),
        command({.name = u"tenant openai"_s,
                 .syntax = u"TENANT [--base-url URL] [--organization ORG] [--project PROJECT]"_s,
                 .summary = u"Show or change (admin) how the tenant reaches OpenAI: base URL (default "
                            u"https://api.openai.com/v1; any compatible server), and the OpenAI-Organization / "
                            u"OpenAI-Project headers. An empty value resets one."_s,
                 .positionals = {u"TENANT"_s},
                 .options = {{u"base-url"_s, u"The API's base URL, e.g. https://api.openai.com/v1."_s, u"url"_s},
                             {u"organization"_s, u"Send OpenAI-Organization with this id (empty: do not)."_s, u"org"_s},
                             {u"project"_s, u"Send OpenAI-Project with this id (empty: do not)."_s, u"project"_s}}},
                tenantOpenAI),
        command({.name = u"store import"_s,
                 .syntax = u"--tenant T (--all | ID...)"_s,
                 .summary = u"Adopt existing OpenAI vector stores of the tenant's API key into the tenant (admin), "
                            u"with their files (names from GET /files/{id}). Stores VectorDesk already knows are "
                            u"skipped."_s,
                 .positionals = {u"[ID...]"_s},
                 .scope = Scope::Tenant,
                 .options = {{u"all"_s, u"Import every store the key can list."_s}}},
                storeImport),
    };
}

} // namespace vd::cli
