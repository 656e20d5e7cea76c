#pragma once

#include "core/engine/extract/extractor.h"

#include <QElapsedTimer>
#include <QLoggingCategory>

#include <chrono>

namespace vd::engine {

Q_DECLARE_LOGGING_CATEGORY(lcExtract)

namespace extract {

// The user-visible file name as it appears in messages: quoted, control characters (a newline
// in a name) shown as U+FFFD so a message is always one line.
QString quotedName(const QString &fileName);

ExtractionError unsupportedFile(const QString &message);
ExtractionError invalidFile(const QString &message);
ExtractionError serverError(const QString &message);
ExtractionError cancelled(const QString &fileName);

// The time one extraction may take (ExtractionLimits::timeLimit), started when the extraction
// starts. Readers check it between blocks of input and between PDF pages, so a file stops within
// one block's work of the limit.
class Deadline
{
public:
    explicit Deadline(std::chrono::nanoseconds limit);
    // A deadline that never passes (detection, which reads bounded amounts only).
    static Deadline none();

    bool passed() const;
    // invalid_file: "'big.docx' took longer than the extraction time limit of 120 s; ..."
    ExtractionError error(const QString &fileName) const;

private:
    std::chrono::nanoseconds m_limit;
    QElapsedTimer m_timer;
};

} // namespace extract
} // namespace vd::engine
