#pragma once

#include "core/engine/tokenizer/encoding.h"
#include "core/engine/tokenizer/unicodeclasses.h"

#include <QByteArrayView>

#include <cstdint>
#include <vector>

namespace vd::engine {

// Splits UTF-8 text into the pieces that the encoding's pre-tokenisation regex (`pat_str`)
// finds, with tiktoken's semantics (fancy-regex, leftmost-first alternation, `find_iter`), by a
// hand-written scanner instead of a regex engine.
//
// cl100k_base:  (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}
//               | ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
// o200k_base:   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|...|'d)?
//               |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|...|'d)?
//               |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
//
// Invalid UTF-8: each maximal ill-formed subpart (as the WHATWG/Unicode "U+FFFD substitution of
// maximal subparts" practice delimits it) is classified as one U+FFFD (General_Category So: not a
// letter, number or space), but its original bytes stay in the piece. Pieces therefore always
// tile the input exactly, whatever it holds. docs/tokenizer.md has the details.
class Pretokenizer
{
public:
    explicit Pretokenizer(Encoding encoding);

    Encoding encoding() const { return m_encoding; }

    // End (exclusive byte offset) of the piece that starts at `pos` (< text.size()).
    qsizetype pieceEnd(QByteArrayView text, qsizetype pos) const
    {
        const auto *data = reinterpret_cast<const std::uint8_t *>(text.data());
        return m_encoding == Encoding::Cl100kBase ? cl100kPieceEnd(data, text.size(), pos)
                                                  : o200kPieceEnd(data, text.size(), pos);
    }

    // All piece end offsets of `text`, in order (the last is text.size()).
    std::vector<qsizetype> pieceEnds(QByteArrayView text) const;

private:
    qsizetype cl100kPieceEnd(const std::uint8_t *data, qsizetype size, qsizetype pos) const;
    qsizetype o200kPieceEnd(const std::uint8_t *data, qsizetype size, qsizetype pos) const;

    Encoding m_encoding;
    const tokenizer::UnicodeClassTable *m_table;
};

} // namespace vd::engine
