#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace vd::engine {

// The byte-pair encodings VectorDesk embeds (rank tables under :/tokenizers).
enum class Encoding {
    Cl100kBase, // text-embedding-3-*, text-embedding-ada-002, GPT-4
    O200kBase, // GPT-4o and later
};

// "cl100k_base" / "o200k_base", as tiktoken names them.
QString encodingName(Encoding encoding);
std::optional<Encoding> encodingFromName(QStringView name);

} // namespace vd::engine
