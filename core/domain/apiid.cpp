#include "core/domain/apiid.h"

#include <QRandomGenerator>

namespace vd::apiid {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr int kAlphabetSize = int(sizeof(kAlphabet) - 1);
} // namespace

QString generate(const char *prefix, int length)
{
    QString id = QString::fromLatin1(prefix);
    QRandomGenerator *random = QRandomGenerator::system();
    for (int i = 0; i < length; ++i)
        id += QLatin1Char(kAlphabet[random->bounded(kAlphabetSize)]);
    return id;
}

bool hasShape(const QString &text, const char *prefix)
{
    const QString start = QString::fromLatin1(prefix);
    if (!text.startsWith(start))
        return false;
    const qsizetype rest = text.size() - start.size();
    if (rest < 1 || rest > 60)
        return false;
    for (qsizetype i = start.size(); i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')))
            return false;
    }
    return true;
}

} // namespace vd::apiid
