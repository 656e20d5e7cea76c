#pragma once

#include "core/engine/extract/extractor.h"

#include <optional>

namespace vd::engine::extract {

class Deadline;
class TextAssembler;

enum class OfficeDocument { Word, Presentation };

// Checks that the ZIP file at `path` is an Office Open XML package of the declared kind: it
// opens, names its main part in _rels/.rels (or has the conventional one), the part exists, and
// [Content_Types].xml says it is a Word document / PowerPoint presentation.
std::optional<ExtractionError> checkOoxmlPackage(const QString &path, const QString &fileName, OfficeDocument declared);

// Streams the text of a DOCX (body, then footnotes and endnotes) or a PPTX (slides in
// presentation order) to `out`. XML parts are inflated in blocks, passed through XmlPrefilter and
// parsed as they come; each part is read at most once (a slide listed twice is read once), and
// the deadline is checked after every block.
std::optional<ExtractionError> extractOoxmlText(const QString &path, const QString &fileName, OfficeDocument declared,
                                                const Deadline &deadline, TextAssembler &out);

} // namespace vd::engine::extract
