#include "cli/simplecommand.h"

#include "cli/options.h"

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

// The value of a scope option, or nothing (after printing a usage error) when it is missing or blank.
std::optional<QString> scopeValue(Context &c, const QCommandLineParser &p, const QString &option,
                                  const QString &missing)
{
    if (!p.isSet(option) || p.value(option).trimmed().isEmpty()) {
        c.usage(missing);
        return std::nullopt;
    }
    return p.value(option);
}

} // namespace

SimpleCommand::SimpleCommand(CommandSpec spec, Body body)
    : m_spec(std::move(spec))
    , m_body(std::move(body))
{ }

QList<QCommandLineOption> SimpleCommand::options() const
{
    QList<QCommandLineOption> options;
    if (m_spec.scope != Scope::None)
        options << tenantOption();
    if (m_spec.scope == Scope::Store)
        options << storeOption();
    return options + m_spec.options;
}

int SimpleCommand::execute(Context &context, const QCommandLineParser &parser, const QStringList &arguments)
{
    Invocation invocation{parser, arguments, {}, {}};
    if (m_spec.scope != Scope::None) {
        const auto tenant = scopeValue(context, parser, u"tenant"_s, u"Name the tenant with --tenant SLUG."_s);
        if (!tenant)
            return Usage;
        invocation.tenant = *tenant;
    }
    if (m_spec.scope == Scope::Store) {
        const auto store = scopeValue(context, parser, u"store"_s, u"Name the store with --store NAME."_s);
        if (!store)
            return Usage;
        invocation.store = *store;
    }
    return m_body(context, invocation);
}

} // namespace vd::cli
