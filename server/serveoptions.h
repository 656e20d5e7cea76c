#pragma once

#include "server/apiserver.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace vd::server {

// `vectordesk serve`'s command line, parsed and checked (nothing opened yet).
struct ServeOptions
{
    std::optional<QString> db; // --db; unset: $VECTORDESK_DB, the settings, the default
    QString host = QStringLiteral("127.0.0.1");
    int port = 8080;
    QString tlsCertificate;
    QString tlsKey;
    bool insecureHttp = false;
    QString advertise; // --advertise URL: where other machines on the database reach this one
    bool sync = true; // --no-sync: no sync worker
    int syncIntervalSeconds = 300;
    QString logJson;
    bool metricsOpen = false; // --metrics-open: GET /metrics without a token
    QString otlpEndpoint; // --otlp-endpoint: the trace collector
    QString logLevel; // --log-level; empty: info
    qint64 logRotateBytes = 10LL * 1024 * 1024; // --log-rotate-mb
    ServerLimits limits;
    bool help = false;
};

// Parses argv (with the program name and "serve"). On a usage error returns nullopt and sets
// *error to one line saying what is wrong and what to do.
std::optional<ServeOptions> parseServeOptions(const QStringList &arguments, QString *error);
QString serveHelp();
// The first positional argument of argv without the program name, read with serve's options
// (so that `--db URL serve` is recognised); empty when there is none.
QString servePositional(const QStringList &arguments);

// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost).
bool isLoopback(const QString &host);

} // namespace vd::server
