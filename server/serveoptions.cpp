#include "server/serveoptions.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace vd::server {

namespace {

bool readNumber(const QCommandLineParser &parser, const QString &name, int min, int max, int *value, QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int number = parser.value(name).toInt(&ok);
    if (!ok || number < min || number > max) {
        *error = u"--%1 must be a whole number from %2 to %3 (got '%4')."_s.arg(name).arg(min).arg(max).arg(
            parser.value(name));
        return false;
    }
    *value = number;
    return true;
}

} // namespace

bool isLoopback(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString serveHelp()
{
    return u"Usage: vectordesk serve [--listen ADDR:PORT] [--db URL] [--tls-cert FILE --tls-key FILE] "
           u"[--insecure-http] [--no-sync]\n"
           u"Serves VectorDesk's OpenAI-compatible API (vector stores, files, search) under /v1 until SIGTERM.\n"
           u"Clients authenticate with tokens from `vectordesk token create` (docs/api.md).\n\n"
           u"  --listen ADDR:PORT          where to listen (default 127.0.0.1:8080; port 0: any free port)\n"
           u"  --db URL                    the database (as for every command)\n"
           u"  --tls-cert FILE --tls-key FILE   serve HTTPS with this PEM certificate and key\n"
           u"  --insecure-http             allow plain HTTP on an address other than loopback\n"
           u"  --advertise URL             where other machines on the same database reach this server for\n"
           u"                              the local stores it holds (default: the --listen address, unless\n"
           u"                              that is 0.0.0.0 or ::; docs/teams.md)\n"
           u"  --no-sync                   do not run the sync worker (ingestion still runs)\n"
           u"  --sync-interval SECONDS     time between sync passes (default 300)\n"
           u"  --max-concurrent-requests N requests in flight at once before 429 (default 32)\n"
           u"  --max-concurrent-uploads N  uploads in flight at once before 429 (default 4)\n"
           u"  --max-json-bytes N          largest JSON body (default 1048576)\n"
           u"  --max-upload-bytes N        largest uploaded file (default and most 536870912; plans may allow less)\n"
           u"  --read-timeout SECONDS      drop a client that sends nothing for this long (default 30); a stalled\n"
           u"                              upload delays the exit on SIGTERM by at most this\n"
           u"  --metrics-open              answer GET /metrics without a token, with every tenant's series (for a\n"
           u"                              Prometheus on a trusted network; with a token it shows that token's\n"
           u"                              tenant; docs/observability.md)\n"
           u"  --otlp-endpoint URL         send trace spans to this OpenTelemetry collector (OTLP over HTTP;\n"
           u"                              default $OTEL_EXPORTER_OTLP_ENDPOINT, else off; docs/observability.md)\n"
           u"  --log-json FILE             append log lines as JSON\n"
           u"  --log-level LEVEL           the least severe message logged: debug, info (default), warning, error\n"
           u"  --log-rotate-mb MIB         rotate the --log-json file past this size, keeping five (default 10;\n"
           u"                              0: never)\n"_s;
}

namespace {
void addServeOptions(QCommandLineParser &parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions({
        {u"listen"_s, u"Address and port."_s, u"addr:port"_s},
        {u"db"_s, u"Database."_s, u"url"_s},
        {u"tls-cert"_s, u"Certificate."_s, u"file"_s},
        {u"tls-key"_s, u"Key."_s, u"file"_s},
        {u"insecure-http"_s, u"Plain HTTP off loopback."_s},
        {u"no-sync"_s, u"No sync worker."_s},
        {u"advertise"_s, u"URL."_s, u"url"_s},
        {u"sync-interval"_s, u"Seconds."_s, u"seconds"_s},
        {u"max-concurrent-requests"_s, u"N."_s, u"n"_s},
        {u"max-concurrent-uploads"_s, u"N."_s, u"n"_s},
        {u"max-json-bytes"_s, u"N."_s, u"n"_s},
        {u"max-upload-bytes"_s, u"N."_s, u"n"_s},
        {u"read-timeout"_s, u"Seconds."_s, u"seconds"_s},
        {u"log-json"_s, u"File."_s, u"file"_s},
        {u"metrics-open"_s, u"Open /metrics."_s},
        {u"otlp-endpoint"_s, u"Collector."_s, u"url"_s},
        {u"log-level"_s, u"Level."_s, u"level"_s},
        {u"log-rotate-mb"_s, u"MiB."_s, u"mib"_s},
        {{u"h"_s, u"help"_s}, u"Help."_s},
    });
}
} // namespace

QString servePositional(const QStringList &arguments)
{
    QCommandLineParser parser;
    addServeOptions(parser);
    parser.parse(QStringList{u"vectordesk"_s} + arguments);
    return parser.positionalArguments().value(0);
}

std::optional<ServeOptions> parseServeOptions(const QStringList &arguments, QString *error)
{
    QCommandLineParser parser;
    addServeOptions(parser);
    if (!parser.parse(arguments)) {
        *error = parser.errorText() + u"; see vectordesk serve --help."_s;
        return std::nullopt;
    }
    ServeOptions options;
    if (parser.isSet(u"help"_s)) {
        options.help = true;
        return options;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || positional.first() != u"serve"_s) {
        *error =
            u"Unexpected argument '%1'; vectordesk serve takes options only (see --help)."_s.arg(positional.value(1));
        return std::nullopt;
    }
    if (parser.isSet(u"db"_s))
        options.db = parser.value(u"db"_s);
    if (parser.isSet(u"listen"_s)) {
        const QString listen = parser.value(u"listen"_s);
        const qsizetype colon = listen.lastIndexOf(u':');
        bool ok = false;
        const int port = colon > 0 ? listen.mid(colon + 1).toInt(&ok) : -1;
        QString host = colon > 0 ? listen.left(colon) : QString();
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        if (!ok || port < 0 || port > 65535 || host.isEmpty()) {
            *error = u"--listen must be ADDRESS:PORT, such as 127.0.0.1:8080 or [::1]:8080 (got '%1')."_s.arg(listen);
            return std::nullopt;
        }
        options.host = host;
        options.port = port;
    }
    options.tlsCertificate = parser.value(u"tls-cert"_s);
    options.tlsKey = parser.value(u"tls-key"_s);
    if (options.tlsCertificate.isEmpty() != options.tlsKey.isEmpty()) {
        *error = u"Give both --tls-cert and --tls-key (PEM files), or neither."_s;
        return std::nullopt;
    }
    options.insecureHttp = parser.isSet(u"insecure-http"_s);
    if (!isLoopback(options.host) && options.tlsCertificate.isEmpty() && !options.insecureHttp) {
        *error = u"Refusing to serve plain HTTP on %1, which is not a loopback address: API tokens would cross the "
                 u"network unencrypted. Give --tls-cert and --tls-key, or --insecure-http if a TLS proxy in front "
                 u"of this server encrypts the traffic."_s.arg(options.host);
        return std::nullopt;
    }
    options.sync = !parser.isSet(u"no-sync"_s);
    if (parser.isSet(u"advertise"_s)) {
        const QUrl advertised(parser.value(u"advertise"_s), QUrl::StrictMode);
        if (!advertised.isValid() || (advertised.scheme() != u"http"_s && advertised.scheme() != u"https"_s)
            || advertised.host().isEmpty() || !advertised.path(QUrl::FullyEncoded).remove(u'/').isEmpty()
            || advertised.hasQuery() || advertised.hasFragment()) {
            *error = u"--advertise must be the server's address as other machines reach it, such as "
                     u"https://vectordesk.example.net:8443 (no path), not '%1'."_s.arg(parser.value(u"advertise"_s));
            return std::nullopt;
        }
        options.advertise = advertised.toString(QUrl::StripTrailingSlash);
    }
    options.logJson = parser.value(u"log-json"_s);
    options.metricsOpen = parser.isSet(u"metrics-open"_s);
    options.otlpEndpoint = parser.value(u"otlp-endpoint"_s);
    options.logLevel = parser.value(u"log-level"_s);
    int rotateMib = 10;
    if (!readNumber(parser, u"log-rotate-mb"_s, 0, 100000, &rotateMib, error))
        return std::nullopt;
    options.logRotateBytes = qint64(rotateMib) * 1024 * 1024;
    ServerLimits &limits = options.limits;
    int uploadBytes = int(limits.maxUploadBytes);
    int jsonBytes = int(limits.maxJsonBodyBytes);
    if (!readNumber(parser, u"sync-interval"_s, 10, 86400, &options.syncIntervalSeconds, error)
        || !readNumber(parser, u"max-concurrent-requests"_s, 1, 1000, &limits.maxConcurrentRequests, error)
        || !readNumber(parser, u"max-concurrent-uploads"_s, 1, 100, &limits.maxConcurrentUploads, error)
        || !readNumber(parser, u"read-timeout"_s, 1, 600, &limits.readTimeoutSeconds, error)
        || !readNumber(parser, u"max-json-bytes"_s, 1024, 64 * 1024 * 1024, &jsonBytes, error)
        || !readNumber(parser, u"max-upload-bytes"_s, 1, 512 * 1024 * 1024, &uploadBytes, error))
        return std::nullopt;
    limits.maxUploadBytes = uploadBytes;
    limits.maxJsonBodyBytes = jsonBytes;
    limits.threads = limits.maxConcurrentRequests + 8;
    return options;
}

} // namespace vd::server
