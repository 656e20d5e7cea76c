#pragma once

#include "cli/cli.h"

#include <QCommandLineParser>

namespace vd::cli {

// What a command acts on. A tenant- or store-scoped command declares --tenant (and --store) before
// its own options and refuses to run without them, so its body starts with both resolved.
enum class Scope { None, Tenant, Store };

// What a command's body gets: the parsed command line, its positional arguments, and the tenant
// and store its scope names (as given; the service resolves them by slug, name or id).
struct Invocation
{
    const QCommandLineParser &parser;
    const QStringList &args;
    QString tenant;
    QString store;

    bool isSet(const QString &option) const { return parser.isSet(option); }
    QString value(const QString &option) const { return parser.value(option); }
};

using Body = std::function<int(Context &, const Invocation &)>;

// A command as help shows it. Written with designated initializers; every member has a default
// member initializer so that GCC's -Wmissing-field-initializers accepts leaving some out.
struct CommandSpec
{
    QString name{};
    QString syntax{};
    QString summary{};
    QStringList positionals{};
    Scope scope = Scope::None;
    QList<QCommandLineOption> options{}; // the command's own; the scope's come first
    bool needsDatabase = true;
};

// A command made of its spec and a body.
class SimpleCommand final : public Command
{
public:
    SimpleCommand(CommandSpec spec, Body body);

    QString name() const override { return m_spec.name; }
    QString summary() const override { return m_spec.summary; }
    QString syntax() const override { return m_spec.syntax; }
    QList<QCommandLineOption> options() const override;
    QStringList positionals() const override { return m_spec.positionals; }
    bool needsDatabase() const override { return m_spec.needsDatabase; }
    int execute(Context &context, const QCommandLineParser &parser, const QStringList &arguments) override;

private:
    CommandSpec m_spec;
    Body m_body;
};

inline std::shared_ptr<Command> command(CommandSpec spec, Body body)
{
    return std::make_shared<SimpleCommand>(std::move(spec), std::move(body));
}

} // namespace vd::cli
