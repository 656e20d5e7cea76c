// vectordesk: one binary, two front ends. The mode is chosen before any widget exists:
// a command (or --help/--version) runs headless on QCoreApplication; otherwise the main window.

#include "cli/cli.h"
#include "core/logging/logging.h"
#include "core/session/coresession.h"
#include "core/storage/database.h"
#include "core/tracing/tracing.h"
#include "server/serve.h"
#include "ui/i18n/language.h"
#include "ui/mainwindow.h"
#include "ui/settings/appsettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIcon>
#include <QMessageBox>
#include <QTextStream>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(u"VectorDesk"_s);
    QCoreApplication::setOrganizationDomain(u"vectordesk.org"_s);
    QCoreApplication::setApplicationName(u"vectordesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(VECTORDESK_VERSION));
}

QStringList argumentsOf(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

int runHeadless(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    describeApplication();
    QString error;
    vd::logging::install(QString(), &error);
    QTextStream out(stdout);
    QTextStream err(stderr);
    // `vectordesk serve` is the API server (server/), a front end beside the CLI.
    if (vd::server::isServe(QCoreApplication::arguments().mid(1)))
        return vd::server::run(QCoreApplication::arguments(), out, err);
    return vd::cli::run(QCoreApplication::arguments(), {out, err, nullptr});
}

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    describeApplication();
    QGuiApplication::setApplicationDisplayName(u"VectorDesk"_s);
    QGuiApplication::setDesktopFileName(u"org.vectordesk.VectorDesk"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/org.vectordesk.VectorDesk.svg"_s));
    QString error;
    vd::logging::install(QString(), &error);
    // Before any widget: the window is built in the language chosen in Settings, or the system's.
    if (!vd::ui::i18n::install(vd::ui::i18n::resolve(vd::ui::settings::language()), &error))
        qWarning("%s", qUtf8Printable(error));

    QCommandLineParser parser;
    const QCommandLineOption dbOption(u"db"_s, u"Database location."_s, u"location"_s);
    const QCommandLineOption asOption(u"as"_s, u"Operator."_s, u"operator"_s);
    const QCommandLineOption otlpOption(u"otlp-endpoint"_s, u"Trace collector."_s, u"url"_s);
    parser.addOptions({dbOption, asOption, otlpOption});
    parser.parse(QCoreApplication::arguments());
    if (!vd::tracing::configureEndpoint(parser.value(otlpOption), &error, vd::ui::settings::otlpEndpoint())) {
        // A bad saved setting must not lock the user out of the Settings that fix it.
        const bool fromSettings =
            parser.value(otlpOption).isEmpty() && qEnvironmentVariableIsEmpty("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (!fromSettings) {
            QMessageBox::critical(nullptr, u"VectorDesk"_s, error);
            return 1;
        }
        QMessageBox::warning(nullptr, u"VectorDesk"_s, error + u" Tracing stays off."_s);
    }

    QString source;
    const auto url = vd::DatabaseUrl::resolve(
        parser.isSet(dbOption) ? std::optional<QString>(parser.value(dbOption)) : std::nullopt, &source, &error);
    if (!url) {
        QMessageBox::critical(nullptr, u"VectorDesk"_s, error);
        return 1;
    }
    {
        vd::Database db(url.value());
        if (!vd::Database::openAndMigrate(db, &error)) {
            QMessageBox::critical(nullptr, u"VectorDesk"_s, error);
            return 1;
        }
    }
    QString operatorName = parser.value(asOption).trimmed();
    if (operatorName.isEmpty())
        operatorName = vd::CoreSession::defaultOperator();

    vd::ui::MainWindow window(url.value(), operatorName);
    window.show();
    const int code = QApplication::exec();
    vd::tracing::shutdown(2000);
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    const QStringList arguments = argumentsOf(argc, argv);
    if (vd::server::isServe(arguments.mid(1)) || vd::cli::isHeadless(arguments.mid(1)))
        return runHeadless(argc, argv);
    return runGui(argc, argv);
}
