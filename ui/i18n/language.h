#pragma once

#include <QList>
#include <QLocale>
#include <QString>

namespace vd::ui::i18n {

// The languages the window speaks: English (the source), German and French. The catalogs are
// compiled into the binary under :/i18n; Qt's own words (standard buttons, file dialogs) come
// from Qt's catalogs (qtbase_<lang>.qm, package qt6-translations-l10n) when installed.
struct Language
{
    QString code; // "en", "de", "fr"
    QString nativeName; // "English", "Deutsch", "Français": what a user looks for in the list
};
QList<Language> languages();

// The language to use for a setting: the setting when it names one of languages(), otherwise
// the first of the system's UI languages that VectorDesk speaks, otherwise English.
QString resolve(const QString &setting, const QStringList &systemLanguages = QLocale::system().uiLanguages());

// Installs the catalogs of `code` (a languages() code) into the application, replacing any
// installed before, and makes its locale the default, so numbers, sizes and dates read as the
// words around them do: `system` when it is of that language (de-AT keeps its formats), else
// the language's main locale (de-DE). Widgets made afterwards speak the language; the window is
// built after this at start, which is why a change in Settings applies at the next start.
// English installs the catalog of its plural forms ("1 file", "2 files"). Returns false, with
// the reason in `error`, for a language VectorDesk does not speak or a catalog missing from
// the binary.
bool install(const QString &code, QString *error = nullptr, const QLocale &system = QLocale::system());

// The language install() last put in place ("en" before any).
QString current();

} // namespace vd::ui::i18n
