#pragma once

#include "core/engine/extract/extractor.h"

#include <QLoggingCategory>

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

} // namespace extract
} // namespace vd::engine
