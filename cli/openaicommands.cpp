#include "cli/openaicommands.h"

#include "core/engine/localengine.h"
#include "core/openai/credentialstore.h"
#include "core/openai/openaibackend.h"
#include "core/openai/openaisettings.h"
#include "core/service/storeimport.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/backends.h"
#include "core/storage/database.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

using Runner = std::function<int(Context &, const QCommandLineParser &, const QStringList &)>;

class OpenAICommand final : public Command
{
public:
    OpenAICommand(QString name, QString syntax, QString summary, QStringList positionals,
                  QList<QCommandLineOption> options, Runner runner)
        : m_name(std::move(name))
        , m_syntax(std::move(syntax))
        , m_summary(std::move(summary))
        , m_positionals(std::move(positionals))
        , m_options(std::move(options))
        , m_runner(std::move(runner))
    { }
    QString name() const override { return m_name; }
    QString summary() const override { return m_summary; }
    QString syntax() const override { return m_syntax; }
    QList<QCommandLineOption> options() const override { return m_options; }
    QStringList positionals() const override { return m_positionals; }
    int execute(Context &context, const QCommandLineParser &parser, const QStringList &arguments) override
    {
        return m_runner(context, parser, arguments);
    }

private:
    QString m_name, m_syntax, m_summary;
    QStringList m_positionals;
    QList<QCommandLineOption> m_options;
    Runner m_runner;
};

QCommandLineOption tenantOption()
{
    return {u"tenant"_s, u"The tenant, by slug or id."_s, u"tenant"_s};
}

bool needTenant(Context &c, const QCommandLineParser &p, QString *tenant)
{
    *tenant = p.value(u"tenant"_s).trimmed();
    if (tenant->isEmpty()) {
        c.usage(u"Name the tenant with --tenant SLUG."_s);
        return false;
    }
    return true;
}

void printJson(Context &c, const QJsonObject &object)
{
    c.out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

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
    QFile stdinFile;
    QIODevice *in = c.in();
    if (!in) {
        if (!stdinFile.open(stdin, QIODevice::ReadOnly))
            return ServiceError::unavailable(u"Cannot read standard input: %1."_s.arg(stdinFile.errorString()));
        in = &stdinFile;
    }
    const bool tty = !c.in() && ::isatty(STDIN_FILENO);
    termios saved{};
    if (tty) {
        c.err() << u"OpenAI API key (input hidden): "_s;
        c.err().flush();
        ::tcgetattr(STDIN_FILENO, &saved);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &silent);
    }
    const QString key = QString::fromUtf8(tty ? in->readLine(4096) : in->read(4096)).trimmed();
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        c.err() << u"\n"_s;
    }
    if (auto problem = openai::CredentialStore::validateKey(key))
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

int keySet(Context &c, const QCommandLineParser &p, const QStringList &)
{
    QString ref;
    if (!needTenant(c, p, &ref))
        return Usage;
    auto t = tenantWithRole(c, ref, Role::Admin, u"Setting the OpenAI key"_s);
    if (!t)
        return c.fail(t.error());
    auto key = readKey(c);
    if (!key)
        return c.fail(key.error());
    openai::CredentialStore store;
    auto written = waitFor<void>([&](auto done) { store.writeKeychain(t->id, t->slug, key.value(), std::move(done)); });
    if (!written)
        return c.fail(written.error());
    if (c.json())
        printJson(c, QJsonObject{{u"tenant"_s, t->slug}, {u"stored"_s, u"keychain"_s}});
    else
        c.out() << u"The OpenAI key of tenant %1 is stored in the keychain.\n"_s.arg(t->slug);
    return Ok;
}

int keyClear(Context &c, const QCommandLineParser &p, const QStringList &)
{
    QString ref;
    if (!needTenant(c, p, &ref))
        return Usage;
    auto t = tenantWithRole(c, ref, Role::Admin, u"Clearing the OpenAI key"_s);
    if (!t)
        return c.fail(t.error());
    openai::CredentialStore store;
    auto cleared = waitFor<void>([&](auto done) { store.clearKeychain(t->id, t->slug, std::move(done)); });
    if (!cleared)
        return c.fail(cleared.error());
    if (c.json())
        printJson(c, QJsonObject{{u"tenant"_s, t->slug}, {u"cleared"_s, true}});
    else
        c.out() << u"The keychain holds no OpenAI key for tenant %1 any more.\n"_s.arg(t->slug);
    return Ok;
}

int keyTest(Context &c, const QCommandLineParser &p, const QStringList &)
{
    QString ref;
    if (!needTenant(c, p, &ref))
        return Usage;
    auto t = tenantWithRole(c, ref, Role::Viewer, u"Testing the OpenAI key"_s);
    if (!t)
        return c.fail(t.error());
    auto works = c.backends().openai().checkKey(t.value());
    if (!works)
        return c.fail(works.error());
    const QString where = works.value();
    if (c.json())
        printJson(c, QJsonObject{{u"tenant"_s, t->slug}, {u"ok"_s, true}, {u"base_url"_s, where}});
    else
        c.out() << u"ok: the OpenAI key of tenant %1 works with %2.\n"_s.arg(t->slug, where);
    return Ok;
}

int tenantOpenAI(Context &c, const QCommandLineParser &p, const QStringList &args)
{
    const QString ref = args.value(0);
    openai::TenantOpenAIUpdate update;
    if (p.isSet(u"base-url"_s))
        update.baseUrl = p.value(u"base-url"_s);
    if (p.isSet(u"organization"_s))
        update.organization = p.value(u"organization"_s);
    if (p.isSet(u"project"_s))
        update.project = p.value(u"project"_s);
    const bool changing = update.baseUrl || update.organization || update.project;
    auto settings = changing ? c.service().updateOpenAISettings(ref, update) : c.service().openAISettings(ref);
    if (!settings)
        return c.fail(settings.error());
    if (c.json()) {
        printJson(c, settings->toJson());
    } else {
        c.out() << u"base URL:     %1\norganization: %2\nproject:      %3\n"_s.arg(
            settings->baseUrl.toString(), settings->organization.isEmpty() ? u"(none)"_s : settings->organization,
            settings->project.isEmpty() ? u"(none)"_s : settings->project);
    }
    return Ok;
}

int storeImport(Context &c, const QCommandLineParser &p, const QStringList &ids)
{
    QString ref;
    if (!needTenant(c, p, &ref))
        return Usage;
    const bool all = p.isSet(u"all"_s);
    if (all == !ids.isEmpty())
        return c.usage(u"Name the OpenAI vector store ids to import, or --all (not both)."_s);
    openai::OpenAIBackend &backend = c.backends().openai();
    auto imported = openai::importStores(c.service(), backend, ref, ids);
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
            c.out() << u"imported %1 as store '%2' (id %3) with %4 file(s)\n"_s.arg(item.remoteId, item.name)
                           .arg(item.storeId)
                           .arg(item.files);
        else
            c.out() << u"skipped %1: %2\n"_s.arg(item.remoteId, item.skipped);
        for (const QString &skipped : item.skippedFiles)
            c.out() << u"  skipped file %1\n"_s.arg(skipped);
    }
    if (c.json())
        printJson(c, QJsonObject{{u"object"_s, u"list"_s}, {u"data"_s, items}});
    else
        c.out() << u"%1 store(s) imported, %2 skipped.\n"_s.arg(stores).arg(imported->size() - stores);
    return Ok;
}

} // namespace

QList<std::shared_ptr<Command>> openaiCommands()
{
    QList<std::shared_ptr<Command>> list;
    list << std::make_shared<OpenAICommand>(
        u"key set"_s, u"--tenant T < keyfile"_s,
        u"Store the tenant's OpenAI API key in the OS keychain (admin). The key is read from standard input, never "
        u"from the command line."_s,
        QStringList{}, QList<QCommandLineOption>{tenantOption()}, keySet);
    list << std::make_shared<OpenAICommand>(u"key clear"_s, u"--tenant T"_s,
                                            u"Remove the tenant's OpenAI API key from the OS keychain (admin)."_s,
                                            QStringList{}, QList<QCommandLineOption>{tenantOption()}, keyClear);
    list << std::make_shared<OpenAICommand>(
        u"key test"_s, u"--tenant T [--openai-key-file PATH]"_s,
        u"Check the tenant's OpenAI key with a cheap authenticated call (GET /vector_stores?limit=1); prints ok or "
        u"the reason."_s,
        QStringList{}, QList<QCommandLineOption>{tenantOption()}, keyTest);
    list << std::make_shared<OpenAICommand>(
        u"tenant openai"_s, u"TENANT [--base-url URL] [--organization ORG] [--project PROJECT]"_s,
        u"Show or change (admin) how the tenant reaches OpenAI: base URL (default https://api.openai.com/v1; any "
        u"compatible server), and the OpenAI-Organization / OpenAI-Project headers. An empty value resets one."_s,
        QStringList{u"TENANT"_s},
        QList<QCommandLineOption>{
            {u"base-url"_s, u"The API's base URL, e.g. https://api.openai.com/v1."_s, u"url"_s},
            {u"organization"_s, u"Send OpenAI-Organization with this id (empty: do not)."_s, u"org"_s},
            {u"project"_s, u"Send OpenAI-Project with this id (empty: do not)."_s, u"project"_s}},
        tenantOpenAI);
    list << std::make_shared<OpenAICommand>(
        u"store import"_s, u"--tenant T (--all | ID...)"_s,
        u"Adopt existing OpenAI vector stores of the tenant's API key into the tenant (admin), with their files "
        u"(names from GET /files/{id}). Stores VectorDesk already knows are skipped."_s,
        QStringList{u"[ID...]"_s},
        QList<QCommandLineOption>{tenantOption(), {u"all"_s, u"Import every store the key can list."_s}}, storeImport);
    return list;
}

} // namespace vd::cli
