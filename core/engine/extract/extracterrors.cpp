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

Deadline::Deadline(std::chrono::nanoseconds limit)
    : m_limit(limit)
{
    m_timer.start();
}

Deadline Deadline::none()
{
    return Deadline(std::chrono::nanoseconds::max());
}

bool Deadline::passed() const
{
    return m_limit != std::chrono::nanoseconds::max() && std::chrono::nanoseconds(m_timer.nsecsElapsed()) > m_limit;
}

ExtractionError Deadline::error(const QString &fileName) const
{
    using namespace std::chrono;
    const QString limit = m_limit >= seconds(1) && m_limit % seconds(1) == nanoseconds(0)
        ? u"%1 s"_s.arg(duration_cast<seconds>(m_limit).count())
        : u"%1 ms"_s.arg(double(m_limit.count()) / 1e6);
    return invalidFile(u"%1 took longer than the extraction time limit of %2 and was stopped; a document that "
                       u"large or complex (or crafted to be slow) cannot be indexed: split it into smaller files"_s.arg(
                           quotedName(fileName), limit));
}

} // namespace extract
} // namespace vd::engine
