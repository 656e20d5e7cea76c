#include "ui/i18n/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

namespace vd::ui::i18n {

namespace {

struct Installed
{
    QString code = u"en"_s;
    std::unique_ptr<QTranslator> ours;
    std::unique_ptr<QTranslator> qts;
};

Installed &installed()
{
    static Installed state;
    return state;
}

bool known(const QString &code)
{
    for (const Language &l : languages()) {
        if (l.code == code)
            return true;
    }
    return false;
}

} // namespace

QList<Language> languages()
{
    return {{u"en"_s, u"English"_s}, {u"de"_s, u"Deutsch"_s}, {u"fr"_s, u"Français"_s}};
}

QString resolve(const QString &setting, const QStringList &systemLanguages)
{
    if (known(setting))
        return setting;
    for (const QString &tag : systemLanguages) {
        // "de-CH", "fr_CA", "en-GB": the language part decides.
        const QString code = tag.section(u'-', 0, 0).section(u'_', 0, 0).toLower();
        if (known(code))
            return code;
    }
    return u"en"_s;
}

bool install(const QString &code, QString *error, const QLocale &system)
{
    if (!known(code)) {
        if (error)
            *error = u"VectorDesk does not speak '%1'; it speaks en, de and fr."_s.arg(code);
        return false;
    }
    auto ours = std::make_unique<QTranslator>();
    if (!ours->load(u":/i18n/vectordesk_%1.qm"_s.arg(code))) {
        if (error)
            *error = u"The %1 catalog is missing from this build (:/i18n/vectordesk_%1.qm)."_s.arg(code);
        return false;
    }
    Installed &state = installed();
    if (state.ours)
        QCoreApplication::removeTranslator(state.ours.get());
    if (state.qts)
        QCoreApplication::removeTranslator(state.qts.get());
    state.qts.reset();

    // Qt's own words: the system's locale for a language may differ (de-CH), the catalog is per
    // language. A missing catalog leaves Qt's few words (Cancel, Open) in English, nothing else.
    if (code != u"en"_s) {
        auto qts = std::make_unique<QTranslator>();
        if (qts->load(u"qtbase_"_s + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            state.qts = std::move(qts);
    }
    if (state.qts)
        QCoreApplication::installTranslator(state.qts.get());
    state.ours = std::move(ours);
    QCoreApplication::installTranslator(state.ours.get());
    state.code = code;

    QLocale::setDefault(system.language() == QLocale(code).language() ? system : QLocale(code));
    return true;
}

QString current()
{
    return installed().code;
}

} // namespace vd::ui::i18n
