#pragma once

#include <QStringList>
#include <QTextStream>

// `vectordesk serve`: the OpenAI-compatible API over the service, headless (docs/api.md).
namespace vd::server {

// Whether argv (without the program name) asks for `serve`.
bool isServe(const QStringList &arguments);

// Runs `vectordesk serve [options]` (argv with the program name) until SIGTERM or SIGINT; needs a
// QCoreApplication. Exit codes as the CLI's: 0 stopped cleanly, 1 failed, 2 usage error.
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace vd::server
