// Linked into every window test: the window's English catalog is installed before the test's
// widgets are made, as app/main.cpp does at start, so plural forms read "1 file", "2 files".
#include "ui/i18n/language.h"

#include <QCoreApplication>

namespace {

void installEnglish()
{
    QString error;
    if (!vd::ui::i18n::install(QStringLiteral("en"), &error))
        qFatal("%s", qUtf8Printable(error));
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(installEnglish)
