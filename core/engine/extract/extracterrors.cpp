#include "core/engine/extract/extracterrors.h"

using namespace Qt::StringLiterals;

namespace vd::engine {

Q_LOGGING_CATEGORY(lcExtract, "vectordesk.engine.extract", QtInfoMsg)

namespace extract {

QString quotedName(const QString &fileName)
{
    QString shown = fileName;
    for (QChar &c : shown) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QChar::ReplacementCharacter;
    }
    return u'\'' + shown + u'\'';
}

ExtractionError unsupportedFile(const QString &message)
{
    return {ExtractionError::UnsupportedFile.toString(), message};
}

ExtractionError invalidFile(const QString &message)
{
    return {ExtractionError::InvalidFile.toString(), message};
}

ExtractionError serverError(const QString &message)
{
    return {ExtractionError::ServerError.toString(), message};
}

ExtractionError cancelled(const QString &fileName)
{
    return {ExtractionError::Cancelled.toString(), u"Extraction of %1 was cancelled."_s.arg(quotedName(fileName))};
}

} // namespace extract
} // namespace vd::engine
