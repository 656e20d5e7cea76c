#pragma once

#include "core/engine/extract/extractor.h"

#include <optional>

namespace vd::engine::extract {

class Deadline;
class TextAssembler;

// Extracts the text of a PDF page by page with poppler (poppler-cpp, reading order, no layout
// padding). Password-protected and damaged files become invalid_file; the deadline is checked
// before each page (poppler cannot be stopped inside one).
std::optional<ExtractionError> extractPdfText(const QString &path, const QString &fileName, const Deadline &deadline,
                                              TextAssembler &out);

} // namespace vd::engine::extract
