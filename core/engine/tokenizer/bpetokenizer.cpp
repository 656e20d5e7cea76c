#include "core/engine/tokenizer/bpetokenizer.h"

#include "core/engine/tokenizer/pretokenizer.h"
#include "core/engine/tokenizer/ranktable.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace vd::engine {

Q_LOGGING_CATEGORY(lcTokenizer, "vectordesk.engine.tokenizer", QtInfoMsg)

using tokenizer::noRank;

namespace {

// The pre-tokenisation patterns the scanner in pretokenizer.cpp implements, as tiktoken@1.0.22
// ships them. A table with another pat_str is refused rather than tokenised differently.
constexpr char16_t cl100kPattern[] =
    uR"re((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";
constexpr char16_t o200kPattern[] =
    uR"re([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)re";

// Pieces up to this many bytes are merged in fixed arrays on the stack (tiktoken's O(n*m) scan);
// longer ones (long runs of spaces, letters or symbols) with a heap in O(n log n).
constexpr qsizetype shortPiece = 128;

constexpr std::array<qint8, 256> base64Values = [] {
    std::array<qint8, 256> values{};
    values.fill(-1);
    constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
        values[std::size_t(quint8(alphabet[i]))] = qint8(i);
    return values;
}();

// Decodes one standard, padded base64 word (UTF-16, ASCII only). False if malformed.
bool decodeBase64(const char16_t *begin, const char16_t *end, std::string *out)
{
    out->clear();
    const qsizetype length = end - begin;
    if (length == 0 || length % 4 != 0)
        return false;
    quint32 buffer = 0;
    int bits = 0;
    int padding = 0;
    for (const char16_t *p = begin; p != end; ++p) {
        if (*p == u'=') {
            ++padding;
            continue;
        }
        if (padding > 0 || *p > 0xFF || base64Values[*p] < 0)
            return false;
        buffer = (buffer << 6) | quint32(base64Values[*p]);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out->push_back(char((buffer >> bits) & 0xFF));
        }
    }
    return padding <= 2 && !out->empty();
}

struct IdSink
{
    std::vector<quint32> *ids;
    void operator()(quint32 id, qsizetype, qsizetype) { ids->push_back(id); }
};

struct IdEndSink
{
    std::vector<quint32> *ids;
    std::vector<qsizetype> *ends;
    void operator()(quint32 id, qsizetype, qsizetype end)
    {
        ids->push_back(id);
        ends->push_back(end);
    }
};

struct TokenSink
{
    std::vector<BpeTokenizer::Token> *tokens;
    void operator()(quint32 id, qsizetype begin, qsizetype end) { tokens->push_back({id, begin, end}); }
};

struct CountSink
{
    qsizetype count = 0;
    void operator()(quint32, qsizetype, qsizetype) { ++count; }
};

} // namespace

struct BpeTokenizer::Data
{
    explicit Data(Encoding encoding)
        : pretokenizer(encoding)
    { }

    tokenizer::RankTable ranks;
    std::array<quint32, 256> byteRanks{};
    std::vector<quint32> pairRanks; // rank of every 2-byte string, indexed by (b0 << 8) | b1
    Pretokenizer pretokenizer;
    QHash<QByteArray, quint32> specialByName;
    QHash<quint32, QByteArray> specialById;
};

BpeTokenizer::BpeTokenizer(Encoding encoding, std::unique_ptr<Data> data, QString error)
    : m_encoding(encoding)
    , m_data(std::move(data))
    , m_error(std::move(error))
{ }

BpeTokenizer::~BpeTokenizer() = default;

const BpeTokenizer &BpeTokenizer::get(Encoding encoding)
{
    const auto load = [](Encoding e) {
        const QString name = encodingName(e);
        const QString path = u":/tokenizers/%1.json"_s.arg(name);
        QElapsedTimer timer;
        timer.start();
        QFile file(path);
        QString error;
        std::unique_ptr<BpeTokenizer> tokenizer;
        if (!file.open(QIODevice::ReadOnly))
            error = u"The %1 rank table %2 cannot be read (%3); the application was built without its "
                    u"tokenizer resources and must be rebuilt."_s.arg(name, path, file.errorString());
        else
            tokenizer = fromJson(e, file.readAll(), &error);
        if (!tokenizer) {
            qCCritical(lcTokenizer).noquote() << error;
            return std::unique_ptr<BpeTokenizer>(new BpeTokenizer(e, nullptr, error));
        }
        qCDebug(lcTokenizer) << "loaded" << name << "with" << tokenizer->mergeableTokenCount() << "tokens in"
                             << timer.elapsed() << "ms";
        return tokenizer;
    };
    switch (encoding) {
    case Encoding::Cl100kBase: {
        static const std::unique_ptr<BpeTokenizer> cl100k = load(Encoding::Cl100kBase);
        return *cl100k;
    }
    case Encoding::O200kBase:
        break;
    }
    static const std::unique_ptr<BpeTokenizer> o200k = load(Encoding::O200kBase);
    return *o200k;
}

std::unique_ptr<BpeTokenizer> BpeTokenizer::fromJson(Encoding encoding, QByteArrayView json, QString *errorMessage)
{
    const QString name = encodingName(encoding);
    const auto fail = [&](const QString &why) {
        if (errorMessage)
            *errorMessage = u"The %1 rank table cannot be used: %2"_s.arg(name, why);
        return std::unique_ptr<BpeTokenizer>();
    };

    QJsonParseError parseError;
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(json.data(), json.size()), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(u"it is not valid JSON (%1 at byte %2)."_s.arg(parseError.errorString()).arg(parseError.offset));
    const QJsonObject object = document.object();

    const QString pattern = object.value(u"pat_str").toString();
    const QStringView expected = encoding == Encoding::Cl100kBase ? cl100kPattern : o200kPattern;
    if (pattern != expected)
        return fail(
            u"its pre-tokenisation pattern (pat_str) is not the one of %1 that this tokenizer implements."_s.arg(name));

    auto data = std::make_unique<Data>(encoding);

    const QJsonValue ranksValue = object.value(u"bpe_ranks");
    if (!ranksValue.isString())
        return fail(u"it has no bpe_ranks text."_s);
    const QString ranksText = ranksValue.toString();
    const char16_t *p = reinterpret_cast<const char16_t *>(ranksText.utf16());
    const char16_t *const end = p + ranksText.size();
    data->ranks.reserve(std::size_t(ranksText.size() / 8), std::size_t(ranksText.size() / 2));
    std::string bytes;
    qint64 nextRank = -1;
    while (p != end) {
        while (p != end && *p == u' ')
            ++p;
        const char16_t *word = p;
        while (p != end && *p != u' ')
            ++p;
        if (word == p)
            break;
        if (p - word == 1 && *word == u'!') {
            while (p != end && *p == u' ')
                ++p;
            const char16_t *number = p;
            while (p != end && *p != u' ')
                ++p;
            bool ok = false;
            nextRank = QStringView(number, p).toLongLong(&ok);
            if (!ok || nextRank < 0 || nextRank > 0xFFFFFF)
                return fail(u"bpe_ranks has a run marker '!' without a valid start rank."_s);
            continue;
        }
        if (nextRank < 0)
            return fail(u"bpe_ranks does not start with a run marker ('! <rank>')."_s);
        if (!decodeBase64(word, p, &bytes))
            return fail(u"bpe_ranks holds an entry that is not base64: '%1'."_s.arg(QStringView(word, p)));
        if (nextRank > 0xFFFFFF)
            return fail(u"bpe_ranks holds more tokens than ranks up to 16777215."_s);
        if (bytes.size() > tokenizer::RankTable::maxTokenLength)
            return fail(u"bpe_ranks holds a token of %1 bytes; at most %2 are supported."_s.arg(bytes.size())
                            .arg(tokenizer::RankTable::maxTokenLength));
        data->ranks.add(QByteArrayView(bytes.data(), qsizetype(bytes.size())), quint32(nextRank));
        ++nextRank;
    }
    QByteArrayView duplicate;
    if (!data->ranks.finish(&duplicate))
        return fail(u"bpe_ranks lists a byte string or a rank twice ('%1')."_s.arg(
            QString::fromLatin1(duplicate.toByteArray().toHex())));

    for (int b = 0; b < 256; ++b) {
        const auto byte = quint8(b);
        const quint32 rank = data->ranks.rank(&byte, 1);
        if (rank == noRank)
            return fail(u"bpe_ranks has no token for the single byte 0x%1, so some text could not be encoded."_s.arg(
                b, 2, 16, QLatin1Char('0')));
        data->byteRanks[std::size_t(b)] = rank;
    }
    data->pairRanks.assign(65536, noRank);
    for (int pair = 0; pair < 65536; ++pair) {
        const quint8 two[2] = {quint8(pair >> 8), quint8(pair & 0xFF)};
        data->pairRanks[std::size_t(pair)] = data->ranks.rank(two, 2);
    }

    const QJsonObject special = object.value(u"special_tokens").toObject();
    for (auto it = special.begin(); it != special.end(); ++it) {
        const qint64 id = it.value().toInteger(-1);
        if (id < 0 || id > 0xFFFFFFFE || !data->ranks.bytes(quint32(id)).isEmpty())
            return fail(u"special token %1 has an id that is not free (%2)."_s.arg(it.key()).arg(id));
        data->specialByName.insert(it.key().toUtf8(), quint32(id));
        data->specialById.insert(quint32(id), it.key().toUtf8());
    }

    return std::unique_ptr<BpeTokenizer>(new BpeTokenizer(encoding, std::move(data), QString()));
}

bool BpeTokenizer::isValid() const
{
    return m_data != nullptr;
}

qsizetype BpeTokenizer::mergeableTokenCount() const
{
    return m_data ? qsizetype(m_data->ranks.size()) : 0;
}

qsizetype BpeTokenizer::specialTokenCount() const
{
    return m_data ? m_data->specialById.size() : 0;
}

std::vector<quint32> BpeTokenizer::encode(QByteArrayView utf8) const
{
    std::vector<quint32> ids;
    ids.reserve(std::size_t(utf8.size() / 3 + 16));
    IdSink sink{&ids};
    encodeWith(utf8, sink);
    return ids;
}

void BpeTokenizer::encode(QByteArrayView utf8, std::vector<quint32> *ids, std::vector<qsizetype> *tokenEnds) const
{
    if (tokenEnds) {
        IdEndSink sink{ids, tokenEnds};
        encodeWith(utf8, sink);
    } else {
        IdSink sink{ids};
        encodeWith(utf8, sink);
    }
}

std::vector<BpeTokenizer::Token> BpeTokenizer::encodeWithOffsets(QByteArrayView utf8) const
{
    std::vector<Token> tokens;
    tokens.reserve(std::size_t(utf8.size() / 3 + 16));
    TokenSink sink{&tokens};
    encodeWith(utf8, sink);
    return tokens;
}

qsizetype BpeTokenizer::count(QByteArrayView utf8) const
{
    CountSink sink;
    encodeWith(utf8, sink);
    return sink.count;
}

QByteArray BpeTokenizer::decode(std::span<const quint32> ids, bool *ok) const
{
    QByteArray out;
    bool allKnown = m_data != nullptr;
    if (m_data) {
        out.reserve(qsizetype(ids.size()) * 4);
        for (const quint32 id : ids) {
            const QByteArrayView bytes = m_data->ranks.bytes(id);
            if (!bytes.isEmpty()) {
                out.append(bytes);
                continue;
            }
            const auto special = m_data->specialById.constFind(id);
            if (special != m_data->specialById.cend())
                out.append(*special);
            else
                allKnown = false;
        }
    }
    if (ok)
        *ok = allKnown;
    return out;
}

QByteArrayView BpeTokenizer::tokenBytes(quint32 id) const
{
    if (!m_data)
        return {};
    const QByteArrayView bytes = m_data->ranks.bytes(id);
    if (!bytes.isEmpty())
        return bytes;
    const auto special = m_data->specialById.constFind(id);
    return special != m_data->specialById.cend() ? QByteArrayView(*special) : QByteArrayView();
}

qint64 BpeTokenizer::specialTokenId(QByteArrayView name) const
{
    if (!m_data)
        return -1;
    const auto it = m_data->specialByName.constFind(name.toByteArray());
    return it == m_data->specialByName.cend() ? -1 : qint64(*it);
}

template<typename Sink> void BpeTokenizer::encodeWith(QByteArrayView utf8, Sink &sink) const
{
    if (!m_data)
        return;
    const Data &d = *m_data;
    const auto *bytes = reinterpret_cast<const quint8 *>(utf8.data());
    const qsizetype size = utf8.size();
    for (qsizetype pos = 0; pos < size;) {
        const qsizetype end = d.pretokenizer.pieceEnd(utf8, pos);
        const qsizetype length = end - pos;
        if (length == 1) {
            sink(d.byteRanks[bytes[pos]], pos, end);
        } else if (const quint32 rank = d.ranks.rank(bytes + pos, std::size_t(length)); rank != noRank) {
            sink(rank, pos, end);
        } else if (length <= shortPiece) {
            mergeShort(bytes + pos, length, pos, sink);
        } else {
            mergeLong(bytes + pos, length, pos, sink);
        }
        pos = end;
    }
}

// tiktoken's byte_pair_merge: repeatedly merge the adjacent pair whose concatenation has the
// lowest rank (the leftmost one on ties) until no adjacent pair is a token.
template<typename Sink>
void BpeTokenizer::mergeShort(const quint8 *piece, qsizetype length, qsizetype offset, Sink &sink) const
{
    const Data &d = *m_data;
    std::array<quint32, shortPiece + 1> start;
    std::array<quint32, shortPiece> token;
    std::array<quint32, shortPiece> pair; // rank of parts i and i + 1 merged
    qsizetype parts = length;
    for (qsizetype i = 0; i < length; ++i) {
        start[std::size_t(i)] = quint32(i);
        token[std::size_t(i)] = d.byteRanks[piece[i]];
    }
    start[std::size_t(length)] = quint32(length);
    for (qsizetype i = 0; i + 1 < length; ++i)
        pair[std::size_t(i)] = d.pairRanks[(std::size_t(piece[i]) << 8) | piece[i + 1]];

    const auto rankOf = [&](qsizetype from, qsizetype to) {
        return d.ranks.rank(piece + start[std::size_t(from)], start[std::size_t(to)] - start[std::size_t(from)]);
    };

    while (parts > 1) {
        quint32 best = noRank;
        qsizetype at = 0;
        for (qsizetype i = 0; i + 1 < parts; ++i) {
            if (pair[std::size_t(i)] < best) {
                best = pair[std::size_t(i)];
                at = i;
            }
        }
        if (best == noRank)
            break;
        token[std::size_t(at)] = best;
        // Remove part at + 1.
        std::copy(start.begin() + at + 2, start.begin() + parts + 1, start.begin() + at + 1);
        std::copy(token.begin() + at + 2, token.begin() + parts, token.begin() + at + 1);
        if (at + 2 < parts - 1)
            std::copy(pair.begin() + at + 2, pair.begin() + parts - 1, pair.begin() + at + 1);
        --parts;
        if (at + 1 < parts)
            pair[std::size_t(at)] = rankOf(at, at + 2);
        if (at > 0)
            pair[std::size_t(at - 1)] = rankOf(at - 1, at + 1);
    }
    for (qsizetype i = 0; i < parts; ++i)
        sink(token[std::size_t(i)], offset + start[std::size_t(i)], offset + start[std::size_t(i + 1)]);
}

// The same merge order with a priority queue keyed by (rank, start): the minimum is exactly the
// leftmost lowest-ranked pair that the linear scan would pick.
template<typename Sink>
void BpeTokenizer::mergeLong(const quint8 *piece, qsizetype length, qsizetype offset, Sink &sink) const
{
    const Data &d = *m_data;
    const auto n = quint32(length);
    constexpr quint32 none = 0xFFFFFFFFu;
    // Parts are named by the offset of their first byte; next[i] is the start of the next part.
    std::vector<quint32> next(n), prev(n), token(n);
    std::vector<bool> alive(n, true);
    for (quint32 i = 0; i < n; ++i) {
        next[i] = i + 1;
        prev[i] = i == 0 ? none : i - 1;
        token[i] = d.byteRanks[piece[i]];
    }
    struct Candidate
    {
        quint32 rank;
        quint32 left;
        quint32 rightEnd;
        bool operator>(const Candidate &other) const
        {
            return rank != other.rank ? rank > other.rank : left > other.left;
        }
    };
    std::vector<Candidate> queue; // a min-heap
    queue.reserve(n);
    const auto push = [&queue](Candidate c) {
        queue.push_back(c);
        std::push_heap(queue.begin(), queue.end(), std::greater<>());
    };
    for (quint32 i = 0; i + 1 < n; ++i) {
        const quint32 rank = d.pairRanks[(std::size_t(piece[i]) << 8) | piece[i + 1]];
        if (rank != noRank)
            push({rank, i, i + 2});
    }
    const auto endOf = [&](quint32 part) {
        return next[part];
    };
    while (!queue.empty()) {
        std::pop_heap(queue.begin(), queue.end(), std::greater<>());
        const Candidate c = queue.back();
        queue.pop_back();
        if (!alive[c.left])
            continue;
        const quint32 right = next[c.left];
        if (right == n || endOf(right) != c.rightEnd)
            continue; // stale: one of the two parts has grown since
        token[c.left] = c.rank;
        next[c.left] = next[right];
        if (next[right] != n)
            prev[next[right]] = c.left;
        alive[right] = false;
        if (const quint32 before = prev[c.left]; before != none) {
            const quint32 rank = d.ranks.rank(piece + before, endOf(c.left) - before);
            if (rank != noRank)
                push({rank, before, endOf(c.left)});
        }
        if (const quint32 after = next[c.left]; after != n) {
            const quint32 rank = d.ranks.rank(piece + c.left, endOf(after) - c.left);
            if (rank != noRank)
                push({rank, c.left, endOf(after)});
        }
    }
    for (quint32 i = 0; i != n; i = next[i])
        sink(token[i], offset + i, offset + next[i]);
}

} // namespace vd::engine
