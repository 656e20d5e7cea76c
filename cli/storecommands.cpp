#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/domain/units.h"
#include "core/service/vectorstoreservice.h"

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

QString expiryText(const VectorStore &s)
{
    if (!s.expiresAfter)
        return u"never"_s;
    return u"%1 days after last activity (%2)"_s.arg(s.expiresAfter->days).arg(formatTime(s.expiresAt.value_or(0)));
}

void printStore(Context &c, const VectorStore &s)
{
    if (c.json())
        return printJson(c, s.toJson());
    c.out()
        << u"Store %1 (id %2)%3\n"_s.arg(terminalText(s.name)).arg(s.id).arg(s.isPrimary ? u", primary"_s : QString())
        << u"  backend:  %1%2\n"_s.arg(backendName(s.backend),
                                       s.remoteId.isEmpty() ? QString() : u" (" + terminalText(s.remoteId) + u')')
        << u"  status:   %1\n"_s.arg(storeStatusName(s.status))
        << u"  files:    %1 total: %2 completed, %3 in progress, %4 failed, %5 cancelled\n"_s.arg(s.fileCounts.total())
               .arg(s.fileCounts.completed)
               .arg(s.fileCounts.inProgress)
               .arg(s.fileCounts.failed)
               .arg(s.fileCounts.cancelled)
        << u"  usage:    %1\n"_s.arg(formatBytes(s.usageBytes)) << u"  expires:  %1\n"_s.arg(expiryText(s))
        << u"  metadata: %1\n"_s.arg(shownJson(s.metadata))
        << u"  chunking: %1, for files attached without their own\n"_s.arg(chunkingText(s.chunking))
        << u"  created:  %1\n"_s.arg(formatTime(s.createdAt));
    if (s.deletedAt)
        c.out() << u"  deleted:  %1\n"_s.arg(formatTime(*s.deletedAt));
}

int createStore(Context &c, const Invocation &in)
{
    StoreDraft draft;
    draft.name = in.args[0];
    draft.backend = in.value(u"backend"_s);
    if (const int code = readJsonObject(c, in.parser, u"metadata"_s, u"Metadata"_s, &draft.metadata); code != Ok)
        return code;
    if (const int code = readExpiryDays(c, in.parser, &draft.expiresAfterDays); code != Ok)
        return code;
    std::optional<ChunkingStrategy> chunking;
    if (const int code = readChunking(c, in.parser, &chunking); code != Ok)
        return code;
    draft.chunking = chunking.value_or(ChunkingStrategy{});
    return report<VectorStore>(c, c.service().createStore(in.tenant, draft), printStore);
}

int listStores(Context &c, const Invocation &in)
{
    return reportList(
        c, c.service().listStores(in.tenant, visibilityFrom(in.parser)),
        {u"ID"_s, u"NAME"_s, u"BACKEND"_s, u"STATUS"_s, u"FILES"_s, u"USAGE"_s, u"EXPIRES"_s, u"STATE"_s},
        [](const VectorStore &s) {
            return QStringList{QString::number(s.id),
                               s.name + (s.isPrimary ? u" *"_s : QString()),
                               backendName(s.backend),
                               storeStatusName(s.status),
                               QString::number(s.fileCounts.total()),
                               formatBytes(s.usageBytes),
                               s.expiresAt ? formatTime(*s.expiresAt) : u"never"_s,
                               s.deletedAt ? u"deleted "_s + formatTime(*s.deletedAt) : u"live"_s};
        },
        u"(* primary store)\n"_s);
}

// A local store's holder (docs/teams.md): which machine has its index, and where it serves it.
int showStore(Context &c, const Invocation &in)
{
    auto store = c.service().store(in.tenant, in.args[0], deletedOrLive(in.parser));
    if (!store)
        return c.fail(store.error());
    auto holder = c.service().storeHolder(in.tenant, QString::number(store->id), deletedOrLive(in.parser));
    if (!holder)
        return c.fail(holder.error());
    if (c.json()) {
        QJsonObject object = store->toJson();
        if (holder.value()) {
            const EngineHolder &h = holder.value()->holder;
            object.insert(u"holder"_s,
                          QJsonObject{{u"host"_s, h.host},
                                      {u"folder"_s, h.folder},
                                      {u"api_url"_s, h.apiUrl.isEmpty() ? QJsonValue() : h.apiUrl},
                                      {u"this_machine"_s, holder.value()->here}});
        }
        printJson(c, object);
        return Ok;
    }
    printStore(c, store.value());
    if (holder.value()) {
        const EngineHolder &h = holder.value()->holder;
        const QString host = h.host.isEmpty() ? u"an unrecorded machine"_s : terminalText(h.host);
        c.out() << u"  held by:  %1, engine folder %2%3; %4\n"_s.arg(
            host, terminalText(h.folder), holder.value()->here ? u" (this machine)"_s : QString(),
            h.apiUrl.isEmpty() ? u"not served"_s : u"served at "_s + terminalText(h.apiUrl));
    }
    return Ok;
}

int updateStore(Context &c, const Invocation &in)
{
    StoreUpdate update;
    if (in.isSet(u"rename"_s))
        update.name = in.value(u"rename"_s);
    if (const int code = readJsonObject(c, in.parser, u"metadata"_s, u"Metadata"_s, &update.metadata); code != Ok)
        return code;
    if (in.isSet(u"expires-after-days"_s) && in.isSet(u"no-expiry"_s))
        return c.usage(u"Give either --expires-after-days or --no-expiry, not both."_s);
    std::optional<int> days;
    if (const int code = readExpiryDays(c, in.parser, &days); code != Ok)
        return code;
    if (days)
        update.expiresAfterDays = days;
    if (in.isSet(u"no-expiry"_s))
        update.expiresAfterDays = std::optional<int>();
    if (const int code = readChunking(c, in.parser, &update.chunking); code != Ok)
        return code;
    if (!update.name && !update.metadata && !update.expiresAfterDays && !update.chunking)
        return c.usage(u"Nothing to change: give --rename, --metadata, --expires-after-days, --no-expiry, "
                       u"--chunk-size with --chunk-overlap, or --auto-chunking."_s);
    return report<VectorStore>(c, c.service().updateStore(in.tenant, in.args[0], update), printStore);
}

int purgeStore(Context &c, const Invocation &in)
{
    auto store = c.service().store(in.tenant, in.args[0], Visibility::Deleted);
    auto result = c.service().purgeStore(in.tenant, in.args[0]);
    if (!result)
        return c.fail(result.error());
    return printOutcome(c,
                        QJsonObject{{u"id"_s, store ? QJsonValue(store->id) : QJsonValue(QJsonValue::Null)},
                                    {u"object"_s, u"vector_store.deleted"_s},
                                    {u"deleted"_s, true}},
                        u"Purged store %1.\n"_s.arg(in.args[0]));
}

int ensurePrimary(Context &c, const Invocation &in)
{
    return report<VectorStore>(c, c.service().ensurePrimary(in.tenant), printStore);
}

// "store delete", "store restore", "store set-primary": one service call on the named store.
std::shared_ptr<Command> storeAction(const QString &name, const QString &summary,
                                     Result<VectorStore> (VectorStoreService::*action)(const QString &,
                                                                                       const QString &))
{
    return command({.name = name,
                    .syntax = u"--tenant T STORE"_s,
                    .summary = summary,
                    .positionals = {u"STORE"_s},
                    .scope = Scope::Tenant},
                   [action](Context &c, const Invocation &in) {
                       return report<VectorStore>(c, (c.service().*action)(in.tenant, in.args[0]), printStore);
                   });
}

// Deletes the store, then says which agents lose it (docs/agents.md) on err, so --json stays one object.
int deleteStore(Context &c, const Invocation &in)
{
    auto agents = c.service().agentsUsingStore(in.tenant, in.args[0]);
    int code = report<VectorStore>(c, c.service().deleteStore(in.tenant, in.args[0]), printStore);
    if (code == Ok && agents && !agents->isEmpty())
        c.err() << u"Agents that lose store '%1': %2. Check them with: vectordesk agent check --tenant %3\n"_s.arg(
            terminalText(in.args[0]), terminalText(agents->join(u", "_s)), terminalText(in.tenant));
    return code;
}

} // namespace

QList<std::shared_ptr<Command>> storeCommands()
{
    return {
        command({.name = u"store create"_s,
                 .syntax = u"--tenant T NAME [--backend local|openai] [--metadata JSON] [--expires-after-days N] "
                           u"[--chunk-size N --chunk-overlap N]"_s,
                 .summary = u"Create a vector store (admin). The tenant's first store becomes its primary store. Its "
                            u"chunking applies to files attached without their own (default: auto)."_s,
                 .positionals = {u"NAME"_s},
                 .scope = Scope::Tenant,
                 .options =
                     QList<QCommandLineOption>{
                         {u"backend"_s, u"local (embedded engine) or openai; default: the tenant's."_s, u"backend"_s},
                         metadataOption(),
                         expiryOption()}
                     + chunkingOptions()},
                createStore),
        command({.name = u"store list"_s,
                 .syntax = u"--tenant T [--deleted | --all]"_s,
                 .summary = u"List a tenant's stores (--deleted: the trash)."_s,
                 .scope = Scope::Tenant,
                 .options = {deletedOption(), allOption()}},
                listStores),
        command({.name = u"store show"_s,
                 .syntax = u"--tenant T STORE [--deleted]"_s,
                 .summary = u"Show a store."_s,
                 .positionals = {u"STORE"_s},
                 .scope = Scope::Tenant,
                 .options = {deletedOption()}},
                showStore),
        command({.name = u"store update"_s,
                 .syntax = u"--tenant T STORE [--rename NAME] [--metadata JSON] [--expires-after-days N | "
                           u"--no-expiry] [--chunk-size N --chunk-overlap N | --auto-chunking]"_s,
                 .summary = u"Rename a store, replace its metadata, change its expiry policy or its chunking (admin). "
                            u"A new chunking applies to files attached afterwards."_s,
                 .positionals = {u"STORE"_s},
                 .scope = Scope::Tenant,
                 .options = QList<QCommandLineOption>{{u"rename"_s, u"New name."_s, u"name"_s},
                                                      metadataOption(),
                                                      expiryOption(),
                                                      {u"no-expiry"_s, u"Remove the expiry policy."_s}}
                     + chunkingOptions()},
                updateStore),
        command({.name = u"store delete"_s,
                 .syntax = u"--tenant T STORE"_s,
                 .summary = u"Move a store to the trash; restore it until it is purged (admin). Names the agents "
                            u"that lose it."_s,
                 .positionals = {u"STORE"_s},
                 .scope = Scope::Tenant},
                deleteStore),
        storeAction(u"store restore"_s, u"Bring a store back from the trash (admin)."_s,
                    &VectorStoreService::restoreStore),
        storeAction(u"store set-primary"_s, u"Make a store the tenant's primary store (admin)."_s,
                    &VectorStoreService::setPrimary),
        command({.name = u"store purge"_s,
                 .syntax = u"--tenant T STORE"_s,
                 .summary = u"Remove a deleted store and its files for good (admin)."_s,
                 .positionals = {u"STORE"_s},
                 .scope = Scope::Tenant},
                purgeStore),
        command({.name = u"store ensure-primary"_s,
                 .syntax = u"--tenant T"_s,
                 .summary =
                     u"Make sure the tenant has a primary store (promote the oldest, or create 'primary') (admin)."_s,
                 .scope = Scope::Tenant},
                ensurePrimary),
    };
}

} // namespace vd::cli
