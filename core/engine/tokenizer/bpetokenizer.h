#pragma once

#include "core/engine/tokenizer/encoding.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QLoggingCategory>
#include <QString>

#include <memory>
#include <span>
#include <vector>

namespace vd::engine {

Q_DECLARE_LOGGING_CATEGORY(lcTokenizer)

// Native byte-pair-encoding tokenizer for OpenAI's cl100k_base and o200k_base encodings.
//
// Token ids are those of tiktoken@1.0.22's `encode_ordinary(text)` (the same as `encode(text,
// allowed_special=[], disallowed_special=[])`): special tokens such as "<|endoftext|>" are NOT
// recognised in the input and are encoded as ordinary text. For valid UTF-8 the ids are identical
// to tiktoken's; for ill-formed UTF-8 see docs/tokenizer.md (the bytes are kept, so decoding the
// ids always gives back the input byte for byte).
//
// Instances are immutable once loaded and safe to use from any number of threads at once.
class BpeTokenizer
{
public:
    // A token and the bytes of the input it stands for: [begin, end). Consecutive tokens tile
    // the input; a token may start or end inside a multi-byte UTF-8 character.
    struct Token
    {
        quint32 id;
        qsizetype begin;
        qsizetype end;
    };

    // The tokenizer of `encoding`, loaded from the embedded tables (:/tokenizers) on first use.
    // Thread-safe; loading happens once. If the embedded tables cannot be read (a broken build),
    // the returned tokenizer is not valid: it logs why and encodes nothing.
    static const BpeTokenizer &get(Encoding encoding);

    // Loads a tokenizer from a rank table in tiktoken's JSON form ({pat_str, special_tokens,
    // bpe_ranks}). Returns nullptr and sets `errorMessage` if the data is not usable, including
    // when pat_str is not the pattern of `encoding` (the pre-tokeniser is written for it).
    static std::unique_ptr<BpeTokenizer> fromJson(Encoding encoding, QByteArrayView json,
                                                  QString *errorMessage = nullptr);

    ~BpeTokenizer();
    BpeTokenizer(const BpeTokenizer &) = delete;
    BpeTokenizer &operator=(const BpeTokenizer &) = delete;

    Encoding encoding() const { return m_encoding; }
    bool isValid() const;
    QString errorString() const { return m_error; }

    // Number of mergeable (ordinary) tokens and of special tokens.
    qsizetype mergeableTokenCount() const;
    qsizetype specialTokenCount() const;

    std::vector<quint32> encode(QByteArrayView utf8) const;
    // Appends the ids of `utf8` to `ids` and, if `tokenEnds` is given, the end offset (in bytes,
    // relative to utf8.data()) of each token to `tokenEnds`.
    void encode(QByteArrayView utf8, std::vector<quint32> *ids, std::vector<qsizetype> *tokenEnds = nullptr) const;
    std::vector<Token> encodeWithOffsets(QByteArrayView utf8) const;
    // encode(utf8).size(), without storing the ids.
    qsizetype count(QByteArrayView utf8) const;

    // The bytes the ids stand for (special tokens give their text). Unknown ids are skipped and
    // make `ok` false.
    QByteArray decode(std::span<const quint32> ids, bool *ok = nullptr) const;
    // Bytes of one token (empty for an unknown id).
    QByteArrayView tokenBytes(quint32 id) const;
    // Id of a special token such as "<|endoftext|>", or -1.
    qint64 specialTokenId(QByteArrayView name) const;

private:
    struct Data;

    BpeTokenizer(Encoding encoding, std::unique_ptr<Data> data, QString error);

    template<typename Sink> void encodeWith(QByteArrayView utf8, Sink &sink) const;
    template<typename Sink> void mergeShort(const quint8 *piece, qsizetype length, qsizetype offset, Sink &sink) const;
    template<typename Sink> void mergeLong(const quint8 *piece, qsizetype length, qsizetype offset, Sink &sink) const;

    Encoding m_encoding;
    std::unique_ptr<Data> m_data;
    QString m_error;
};

} // namespace vd::engine
