#include "cli/cli.h"

#include "cli/printers.h"
#include "core/domain/units.h"
#include "core/engine/localengine.h"
#include "core/logging/logging.h"
#include "core/openai/credentialstore.h"
#include "core/service/vectorstoreservice.h"
#include "core/session/backends.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/tracing/tracing.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHash>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace vd::cli {

namespace {

QList<QCommandLineOption> globalOptions()
{
    return {
        QCommandLineOption(u"db"_s, u"Database: a SQLite file path or postgresql://user:password@host:port/db."_s,
                           u"location"_s),
        QCommandLineOption(u"as"_s, u"Act as this operator (default: the OS user)."_s, u"operator"_s),
        QCommandLineOption(u"json"_s, u"Print stable JSON instead of text (docs/cli.md)."_s),
        QCommandLineOption(u"log-json"_s, u"Also write log lines as JSON to this file."_s, u"file"_s),
        QCommandLineOption(u"verbose"_s, u"Log what is done to stderr."_s),
        QCommandLineOption(u"log-level"_s,
                           u"The least severe message logged: debug, info, warning or error (default: info with "
                           u"--log-json, else warning; QT_LOGGING_RULES overrides it per category)."_s,
                           u"level"_s),
        QCommandLineOption(u"log-rotate-mb"_s,
                           u"Rotate the --log-json file past this many MiB, keeping five old ones (default 10; "
                           u"0: never)."_s,
                           u"mib"_s),
        QCommandLineOption(u"otlp-endpoint"_s,
                           u"Send trace spans to this OpenTelemetry collector (OTLP over HTTP, e.g. "
                           u"http://localhost:4318; default $OTEL_EXPORTER_OTLP_ENDPOINT, else off)."_s,
                           u"url"_s),
        QCommandLineOption(u"openai-key-file"_s,
                           u"Read OpenAI API keys from this file (mode 0600, yours) instead of the keychain."_s,
                           u"path"_s),
        QCommandLineOption({u"h"_s, u"help"_s}, u"Show help."_s),
        QCommandLineOption(u"version"_s, u"Show the version."_s),
    };
}

// Options Qt's GUI application consumes itself; they must not make us think of the CLI.
QStringList withoutQtGuiOptions(const QStringList &arguments)
{
    static const QStringList withValue = {
        u"-platform"_s,     u"-style"_s,       u"-qwindowgeometry"_s, u"-geometry"_s,           u"-display"_s,
        u"-qwindowtitle"_s, u"-qwindowicon"_s, u"-stylesheet"_s,      u"-platformpluginpath"_s, u"-platformtheme"_s};
    static const QStringList flags = {u"-reverse"_s, u"-widgetcount"_s, u"-nograb"_s, u"-dograb"_s};
    QStringList result;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (withValue.contains(arguments[i])) {
            ++i;
            continue;
        }
        if (flags.contains(arguments[i]))
            continue;
        result << arguments[i];
    }
    return result;
}

// Every option of every command, for the first parse that finds the command. A name that takes
// a value in one command and none in another (`file list --status S`, `migrate --status`) is
// read as a flag there: its value, if any, is then a positional after the command's words and
// changes nothing in finding the command, while a last `migrate --status` is not refused for a
// value it does not take. The command's own parse reads each option as the command defines it.
QList<QCommandLineOption> allOptions()
{
    QList<QCommandLineOption> options = globalOptions();
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < options.size(); ++i)
        seen.insert(options.at(i).names().constFirst(), i);
    for (const auto &command : commands()) {
        for (const QCommandLineOption &o : command->options()) {
            const auto known = seen.constFind(o.names().constFirst());
            if (known == seen.constEnd()) {
                seen.insert(o.names().constFirst(), options.size());
                options << o;
            } else if (options.at(*known).valueName().isEmpty() != o.valueName().isEmpty()) {
                options[*known] = QCommandLineOption(o.names(), o.description());
            }
        }
    }
    return options;
}

std::shared_ptr<Command> findCommand(const QStringList &positionals, int *words)
{
    for (const auto &command : commands()) {
        const QStringList name = command->name().split(u' ');
        if (positionals.size() >= name.size() && positionals.mid(0, name.size()) == name) {
            *words = int(name.size());
            return command;
        }
    }
    return nullptr;
}

QString generalHelp()
{
    QString text = u"Usage: vectordesk [COMMAND] [OPTIONS]\n\n"
                   u"Without a command, VectorDesk opens its main window.\n\n"
                   u"Commands:\n"_s;
    for (const auto &command : commands())
        text += u"  %1 %2\n      %3\n"_s.arg(command->name(), command->syntax(), command->summary());
    text += u"\nOptions for every command:\n"_s;
    for (const QCommandLineOption &o : globalOptions()) {
        const QString names = (o.names().constFirst().size() == 1 ? u"-h, --help"_s : u"--"_s + o.names().constFirst())
            + (o.valueName().isEmpty() ? QString() : u' ' + o.valueName().toUpper());
        text += u"  %1\n      %2\n"_s.arg(names, o.description());
    }
    text += u"\nThe database is --db, else $VECTORDESK_DB, else the settings, else the default SQLite file.\n"
            u"Exit codes: 0 done, 1 refused or failed, 2 usage error (--sync adds 3 lease held, 4 database\n"
            u"unavailable). See docs/cli.md and docs/sync.md.\n"_s;
    return text;
}

QString commandHelp(const Command &command)
{
    QString text = u"Usage: vectordesk %1 %2\n\n%3\n"_s.arg(command.name(), command.syntax(), command.summary());
    const auto options = command.options();
    if (!options.isEmpty()) {
        text += u"\nOptions:\n"_s;
        for (const QCommandLineOption &o : options) {
            const QString names = u"--"_s + o.names().constFirst()
                + (o.valueName().isEmpty() ? QString() : u' ' + o.valueName().toUpper());
            text += u"  %1\n      %2\n"_s.arg(names, o.description());
        }
    }
    text +=
        u"\nGlobal options: --db, --as, --json, --log-json, --verbose, --otlp-endpoint, --openai-key-file (vectordesk "
        u"--help).\n"_s;
    return text;
}

} // namespace

Context::Context(Streams streams, GlobalOptions options)
    : m_streams(streams)
    , m_options(std::move(options))
{ }

Context::~Context() = default;

QString Context::operatorName() const
{
    if (!m_options.as.isEmpty())
        return m_options.as;
    return CoreSession::defaultOperator();
}

std::optional<DatabaseUrl> Context::resolveDatabaseUrl()
{
    QString source;
    QString error;
    auto url = DatabaseUrl::resolve(m_options.db, &source, &error);
    if (!url)
        usage(source == u"--db"_s ? error : u"%1 (from %2)"_s.arg(error, source));
    return url;
}

bool Context::openDatabase()
{
    if (m_session)
        return true;
    const auto url = resolveDatabaseUrl();
    if (!url) {
        m_openFailureCode = Usage;
        return false;
    }
    auto session = CoreSession::open(url.value(), operatorName(), true);
    if (!session) {
        failText(session.error().message());
        return false;
    }
    m_session = std::move(session).value();
    return true;
}

Database &Context::database()
{
    return m_session->database();
}

VectorStoreService &Context::service()
{
    return m_session->service();
}

Backends &Context::backends()
{
    return m_session->backends();
}

engine::LocalEngine &Context::localEngine()
{
    return m_session->backends().local();
}

int Context::fail(const ServiceError &error)
{
    if (m_options.json) {
        // The command's request id, as in its log lines and audit rows (docs/observability.md).
        QJsonObject body = error.toJson();
        if (const QString id = logging::current().requestId; !id.isEmpty())
            body.insert(u"request_id"_s, id);
        printJsonLine(*this, QJsonObject{{u"error"_s, body}}); // one line: logs and .jsonl files stay parseable
        m_streams.out.flush();
    } else {
        m_streams.err << u"vectordesk: "_s << terminalText(error.message()) << u'\n';
        m_streams.err.flush();
    }
    return Failed;
}

int Context::failText(const QString &message)
{
    return fail(ServiceError::unavailable(message));
}

int Context::usage(const QString &message)
{
    if (m_options.json) {
        printJsonLine(*this, QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, u"usage"_s}, {u"message"_s, message}}}});
        m_streams.out.flush();
    } else {
        m_streams.err << u"vectordesk: "_s << terminalText(message) << u"\n(see vectordesk --help)\n"_s;
        m_streams.err.flush();
    }
    return Usage;
}

bool isHeadless(const QStringList &arguments)
{
    const QStringList args = withoutQtGuiOptions(arguments);
    if (args.contains(u"--help"_s) || args.contains(u"-h"_s) || args.contains(u"--version"_s)
        || args.contains(u"--sync"_s))
        return true;
    QCommandLineParser parser;
    parser.addOptions(allOptions());
    if (!parser.parse(QStringList{u"vectordesk"_s} + args))
        return true; // let the CLI explain the bad option
    return !parser.positionalArguments().isEmpty();
}

int run(const QStringList &argumentsIn, Streams streams)
{
    QStringList arguments = withoutQtGuiOptions(argumentsIn);
    // `vectordesk --sync ...` is the sync command (docs/sync.md).
    if (const qsizetype sync = arguments.indexOf(u"--sync"_s); sync > 0) {
        arguments.removeAt(sync);
        arguments.insert(1, u"sync"_s);
    }
    QCommandLineParser first;
    first.addOptions(allOptions());
    const bool firstOk = first.parse(arguments);
    GlobalOptions options;
    // Errors before the command's own parse still honour --json.
    options.json = arguments.contains(u"--json"_s);
    Context bootstrap(streams, options);
    if (!firstOk)
        return bootstrap.usage(first.errorText());
    if (first.isSet(u"version"_s)) {
        streams.out << u"vectordesk "_s << QStringLiteral(VECTORDESK_VERSION) << u'\n';
        streams.out.flush();
        return Ok;
    }
    const QStringList positionals = first.positionalArguments();
    int words = 0;
    const auto command = findCommand(positionals, &words);
    if (!command) {
        if (positionals.isEmpty() || first.isSet(u"help"_s)) {
            streams.out << generalHelp();
            streams.out.flush();
            return positionals.isEmpty() && first.isSet(u"help"_s) ? Ok : (positionals.isEmpty() ? Usage : Ok);
        }
        return bootstrap.usage(u"Unknown command '%1'."_s.arg(positionals.mid(0, 2).join(u' ')));
    }

    QCommandLineParser parser;
    parser.addOptions(globalOptions());
    parser.addOptions(command->options());
    if (!parser.parse(arguments))
        return bootstrap.usage(u"%1 (in 'vectordesk %2')"_s.arg(parser.errorText(), command->name()));
    if (parser.isSet(u"help"_s)) {
        streams.out << commandHelp(*command);
        streams.out.flush();
        return Ok;
    }
    options.json = parser.isSet(u"json"_s);
    if (parser.isSet(u"db"_s))
        options.db = parser.value(u"db"_s);
    options.as = parser.value(u"as"_s).trimmed();
    options.logJson = parser.value(u"log-json"_s);
    options.verbose = parser.isSet(u"verbose"_s);
    options.openaiKeyFile = parser.value(u"openai-key-file"_s);
    openai::CredentialStore::setKeyFile(options.openaiKeyFile);
    if (parser.isSet(u"as"_s) && options.as.isEmpty())
        return bootstrap.usage(u"--as needs an operator name."_s);

    const QStringList rest = parser.positionalArguments().mid(words);
    const QStringList expected = command->positionals();
    // "ID..." takes one or more, "[ID...]" none or more.
    const bool optionalLast = !expected.isEmpty() && expected.constLast().startsWith(u'[');
    const bool variadic =
        !expected.isEmpty() && (expected.constLast().endsWith(u"..."_s) || expected.constLast().endsWith(u"...]"_s));
    const qsizetype required = expected.size() - (optionalLast ? 1 : 0);
    if ((!variadic && rest.size() != expected.size()) || (variadic && rest.size() < required)) {
        QString message = rest.size() < expected.size()
            ? u"'vectordesk %1' needs %2."_s.arg(command->name(), expected.mid(rest.size()).join(u' '))
            : u"'vectordesk %1' takes %2; unexpected: %3."_s.arg(command->name(),
                                                                 plural(expected.size(), u"argument", u"arguments"),
                                                                 rest.mid(expected.size()).join(u' '));
        return bootstrap.usage(message + u" Usage: vectordesk %1 %2"_s.arg(command->name(), command->syntax()));
    }

    logging::setRequestId(logging::newRequestId());
    // Info lines go to the JSON log; stderr shows warnings unless --verbose.
    if (options.verbose)
        QLoggingCategory::setFilterRules(u"vectordesk.*.debug=true"_s);
    else if (!options.logJson.isEmpty())
        QLoggingCategory::setFilterRules(u"vectordesk.*.debug=false"_s);
    else if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"vectordesk.*.info=false\nvectordesk.*.debug=false"_s);
    logging::setStderrThreshold(options.verbose ? QtDebugMsg : QtWarningMsg);
    if (parser.isSet(u"log-level"_s)) {
        QString error;
        if (!logging::setLevel(parser.value(u"log-level"_s), &error))
            return bootstrap.usage(error);
    }
    if (parser.isSet(u"log-rotate-mb"_s)) {
        bool ok = false;
        const int mib = parser.value(u"log-rotate-mb"_s).toInt(&ok);
        if (!ok || mib < 0 || mib > 100000)
            return bootstrap.usage(u"--log-rotate-mb must be a whole number of MiB from 0 (never rotate) to 100000, "
                                   u"not '%1'."_s.arg(parser.value(u"log-rotate-mb"_s)));
        logging::setRotation(qint64(mib) * 1024 * 1024, 5);
    }
    if (!options.logJson.isEmpty()) {
        QString error;
        if (!logging::install(options.logJson, &error))
            return bootstrap.usage(error);
    }

    {
        QString error;
        if (!tracing::configureEndpoint(parser.value(u"otlp-endpoint"_s), &error))
            return bootstrap.usage(error);
    }

    Context context(streams, options);
    const int code = [&] {
        // The command is the root span of its trace; the CLI's request id is on every span.
        tracing::Span span(u"cli "_s + command->name());
        if (command->needsDatabase() && !context.openDatabase())
            return context.openFailureCode();
        const int exitCode = command->execute(context, parser, rest);
        if (exitCode != Ok)
            span.setError(u"exit_%1"_s.arg(exitCode));
        return exitCode;
    }();
    streams.out.flush();
    streams.err.flush();
    // At most two seconds for the collector to take the last spans (dropped and counted after).
    tracing::shutdown(2000);
    logging::shutdown();
    return code;
}

} // namespace vd::cli
