#include "cli/commands.h"
#include "cli/options.h"
#include "cli/printers.h"
#include "cli/simplecommand.h"
#include "core/domain/validation.h"
#include "core/service/firstsetup.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"

#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>

#include <unistd.h>

using namespace Qt::StringLiterals;

// vectordesk init: the first tenant and store, asked for in a terminal or given as flags
// (docs/cli.md, the runbook's first start). Safe to run again: what exists is kept and said so.

namespace vd::cli {

namespace {

// A name as a shell word, for the commands printed to copy.
QString shellWord(const QString &word)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9._-]+$"_s);
    if (plain.match(word).hasMatch())
        return word;
    return u"'"_s + QString(word).replace(u"'"_s, u"'\\''"_s) + u"'"_s;
}

// Answers typed in a terminal (or, with --interactive, read line by line from standard input).
class Prompter
{
public:
    explicit Prompter(Context &c)
        : m_c(c)
    {
        m_in = c.in();
        if (!m_in && m_stdin.open(stdin, QIODevice::ReadOnly))
            m_in = &m_stdin;
    }

    // The answer, or `fallback` for an empty line; nullopt at the end of the input.
    std::optional<QString> ask(const QString &question, const QString &fallback)
    {
        m_c.err() << question << u" ["_s << fallback << u"]: "_s;
        m_c.err().flush();
        const QByteArray raw = m_in ? m_in->readLine(4096) : QByteArray();
        if (raw.isEmpty()) { // the end of the input (an empty line is "\n")
            m_c.err() << u"\n"_s;
            return std::nullopt;
        }
        const QString line = QString::fromUtf8(raw).trimmed();
        return line.isEmpty() ? fallback : line;
    }

private:
    Context &m_c;
    QIODevice *m_in = nullptr;
    QFile m_stdin;
};

int init(Context &c, const Invocation &in)
{
    const bool interactive =
        !in.isSet(u"yes"_s) && !c.json() && (in.isSet(u"interactive"_s) || (!c.in() && ::isatty(STDIN_FILENO)));
    TenantDraft tenantDraft;
    tenantDraft.slug = in.isSet(u"tenant"_s) ? in.value(u"tenant"_s).trimmed() : suggestedSlug(c.operatorName());
    tenantDraft.displayName = in.value(u"name"_s).trimmed();
    if (in.isSet(u"plan"_s))
        tenantDraft.plan = in.value(u"plan"_s).trimmed();
    if (in.isSet(u"backend"_s))
        tenantDraft.defaultBackend = in.value(u"backend"_s).trimmed();
    StoreDraft storeDraft;
    storeDraft.name = in.isSet(u"store"_s) ? in.value(u"store"_s).trimmed() : u"docs"_s;

    if (interactive) {
        Prompter prompter(c);
        c.err() << u"Setting up VectorDesk in %1 as %2. Press Enter to keep the value in brackets.\n"_s.arg(
            c.database().url().describe(), c.operatorName());
        const auto stop = [&c] {
            return c.usage(u"The answers ended before the set-up was complete; nothing was created. Run vectordesk "
                           u"init again, or give --tenant and --store with --yes in a script."_s);
        };
        auto slug = prompter.ask(u"Tenant (a short name: letters, digits, dashes)"_s, tenantDraft.slug);
        if (!slug)
            return stop();
        tenantDraft.slug = *slug;
        if (!in.isSet(u"name"_s)) {
            auto name = prompter.ask(u"Tenant display name"_s, tenantDraft.slug);
            if (!name)
                return stop();
            tenantDraft.displayName = *name;
        }
        if (!in.isSet(u"backend"_s)) {
            auto backend = prompter.ask(u"Where stores keep their index: local (this machine, offline) or openai"_s,
                                        tenantDraft.defaultBackend);
            if (!backend)
                return stop();
            tenantDraft.defaultBackend = *backend;
        }
        auto store = prompter.ask(u"First vector store"_s, storeDraft.name);
        if (!store)
            return stop();
        storeDraft.name = *store;
    }

    auto setup = setUpTenant(c.service(), tenantDraft, storeDraft);
    if (!setup)
        return c.fail(setup.error());
    const Tenant &tenant = setup->tenant;
    const VectorStore &store = *setup->store;
    const bool tenantCreated = setup->tenantCreated;
    const bool storeCreated = setup->storeCreated;

    if (c.json()) {
        printJson(c,
                  QJsonObject{{u"object"_s, u"init"_s},
                              {u"tenant"_s, tenant.toJson()},
                              {u"tenant_created"_s, tenantCreated},
                              {u"store"_s, store.toJson()},
                              {u"store_created"_s, storeCreated}});
        return Ok;
    }
    c.out() << u"Tenant %1 (id %2): %3\n"_s.arg(tenant.slug)
                   .arg(tenant.id)
                   .arg(tenantCreated ? u"created, you are its owner"_s : u"already there, kept"_s)
            << u"Store %1 (id %2, %3%4): %5\n"_s.arg(terminalText(store.name))
                   .arg(store.id)
                   .arg(backendName(store.backend), store.isPrimary ? u", primary"_s : QString())
                   .arg(storeCreated ? u"created"_s : u"already there, kept"_s)
            << u"\nNext:\n"_s
            << u"  vectordesk file attach --tenant %1 --store %2 --wait PATH...   add documents\n"_s.arg(
                   tenant.slug, shellWord(store.name))
            << u"  vectordesk search --tenant %1 --store %2 WORDS...              search them\n"_s.arg(
                   tenant.slug, shellWord(store.name))
            << u"  vectordesk                                                    open the window\n"_s;
    return Ok;
}

} // namespace

QList<std::shared_ptr<Command>> initCommands()
{
    return {command(
        {.name = u"init"_s,
         .syntax = u"[--tenant SLUG] [--name NAME] [--plan PLAN] [--backend local|openai] [--store NAME] "
                   u"[--yes | --interactive]"_s,
         .summary = u"Set up the first tenant and vector store. In a terminal it asks for each value; with --yes (or "
                    u"without a terminal) it takes the flags, defaulting to a tenant named after you and a store "
                    u"'docs'. What already exists is kept, so running it again changes nothing."_s,
         .options = {{u"tenant"_s, u"The tenant's slug (default: made from your operator name)."_s, u"slug"_s},
                     {u"name"_s, u"The tenant's display name (default: the slug)."_s, u"name"_s},
                     {u"plan"_s, u"The tenant's plan (default free; see vectordesk plan list)."_s, u"plan"_s},
                     {u"backend"_s, u"Where the tenant's stores keep their index: local (default) or openai."_s,
                      u"backend"_s},
                     {u"store"_s, u"The first store's name (default docs)."_s, u"name"_s},
                     {u"yes"_s, u"Ask nothing: use the flags and defaults."_s},
                     {u"interactive"_s, u"Ask for each value even without a terminal (answers one per line)."_s}}},
        init)};
}

} // namespace vd::cli
