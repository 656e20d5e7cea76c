// Tokenizer throughput on a large mixed text, single-threaded, excluding table loading.
//
//   bench_tokenizer [--encoding cl100k_base|o200k_base|all] [--input FILE | --megabytes N]
//                   [--generate FILE] [--repeats N] [--json]
//
// Without --input, the text is generated in memory (deterministic: slices of the parity corpus
// in tests/engine/data/tokenizer/corpus, weighted towards prose and code, with digits
// perturbed). --generate writes that text to FILE and exits, so tiktoken can read the very same
// bytes (bench/tokenizer-vs-tiktoken.sh). Figures: MB/s (10^6 bytes), tokens/s, and an FNV-1a
// checksum of the ids that tools/tokenizer-parity/bench-tiktoken.js prints as well.

#include "core/engine/tokenizer/bpetokenizer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace Qt::StringLiterals;
using vd::engine::BpeTokenizer;
using vd::engine::Encoding;

namespace {

QByteArray generateText(const QString &corpusDir, qsizetype bytes)
{
    struct Source
    {
        QList<QByteArray> lines;
        int weight;
    };
    std::vector<Source> sources;
    int totalWeight = 0;
    const QDir dir(corpusDir);
    for (const QString &name : dir.entryList({u"*.txt"_s}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly) || file.size() == 0)
            continue;
        QList<QByteArray> lines;
        const QByteArray content = file.readAll();
        qsizetype start = 0;
        while (start < content.size()) {
            qsizetype end = content.indexOf('\n', start);
            end = end < 0 ? content.size() : end + 1;
            lines.append(content.sliced(start, end - start));
            start = end;
        }
        int weight = 1;
        if (name.startsWith(u"english"))
            weight = 8;
        else if (name.startsWith(u"code-"))
            weight = 5;
        else if (name.startsWith(u"unicode-"))
            weight = 2;
        sources.push_back({lines, weight});
        totalWeight += weight;
    }
    if (sources.empty())
        return {};

    std::mt19937_64 random(0x5EED'70CE'2024ull);
    QByteArray text;
    text.reserve(bytes + (1 << 16));
    while (text.size() < bytes) {
        auto pick = qint64(random() % quint64(totalWeight));
        std::size_t s = 0;
        while ((pick -= sources[s].weight) >= 0)
            ++s;
        const QList<QByteArray> &lines = sources[s].lines;
        const auto first = qsizetype(random() % quint64(lines.size()));
        const auto count = qsizetype(1 + random() % 40);
        const bool perturbDigits = random() % 3 == 0;
        const auto shift = char(random() % 10);
        for (qsizetype i = first; i < lines.size() && i < first + count; ++i) {
            QByteArray line = lines[i];
            if (perturbDigits) {
                for (char &c : line) {
                    if (c >= '0' && c <= '9')
                        c = char('0' + (c - '0' + shift) % 10);
                }
            }
            text.append(line);
        }
        if (!text.endsWith('\n'))
            text.append('\n');
    }
    return text;
}

quint32 checksum(const std::vector<quint32> &ids)
{
    quint32 hash = 0x811C9DC5u;
    for (quint32 id : ids) {
        for (int k = 0; k < 4; ++k) {
            hash ^= id & 0xFFu;
            hash *= 0x01000193u;
            id >>= 8;
        }
    }
    return hash;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Throughput of VectorDesk's native BPE tokenizer."_s);
    parser.addHelpOption();
    const QCommandLineOption encodingOption(u"encoding"_s, u"cl100k_base, o200k_base or all (default)."_s, u"name"_s,
                                            u"all"_s);
    const QCommandLineOption inputOption(u"input"_s, u"Tokenize this file instead of generated text."_s, u"file"_s);
    const QCommandLineOption generateOption(u"generate"_s, u"Write the generated text to this file and exit."_s,
                                            u"file"_s);
    const QCommandLineOption megabytesOption(u"megabytes"_s, u"Size of the generated text (default 64)."_s, u"n"_s,
                                             u"64"_s);
    const QCommandLineOption repeatsOption(u"repeats"_s, u"Timed runs; the best counts (default 3)."_s, u"n"_s, u"3"_s);
    const QCommandLineOption corpusOption(u"corpus"_s, u"Corpus folder the text is generated from."_s, u"dir"_s,
                                          QStringLiteral(VECTORDESK_TOKENIZER_CORPUS_DIR));
    const QCommandLineOption jsonOption(u"json"_s, u"Print one JSON object per encoding."_s);
    parser.addOptions(
        {encodingOption, inputOption, generateOption, megabytesOption, repeatsOption, corpusOption, jsonOption});
    parser.process(app);

    QByteArray text;
    if (parser.isSet(inputOption)) {
        QFile file(parser.value(inputOption));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "Cannot read %s: %s\n", qPrintable(file.fileName()), qPrintable(file.errorString()));
            return 1;
        }
        text = file.readAll();
    } else {
        const qsizetype bytes = parser.value(megabytesOption).toLongLong() * 1'000'000;
        text = generateText(parser.value(corpusOption), bytes);
        if (text.isEmpty()) {
            std::fprintf(stderr, "No corpus files in %s to generate text from.\n",
                         qPrintable(parser.value(corpusOption)));
            return 1;
        }
        if (parser.isSet(generateOption)) {
            QFile file(parser.value(generateOption));
            if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size()) {
                std::fprintf(stderr, "Cannot write %s: %s\n", qPrintable(file.fileName()),
                             qPrintable(file.errorString()));
                return 1;
            }
            std::fprintf(stderr, "wrote %lld bytes to %s\n", qint64(text.size()), qPrintable(file.fileName()));
            return 0;
        }
    }

    std::vector<Encoding> encodings;
    if (parser.value(encodingOption) == u"all") {
        encodings = {Encoding::Cl100kBase, Encoding::O200kBase};
    } else if (const auto encoding = vd::engine::encodingFromName(parser.value(encodingOption))) {
        encodings = {*encoding};
    } else {
        std::fprintf(stderr, "Unknown encoding %s; use cl100k_base, o200k_base or all.\n",
                     qPrintable(parser.value(encodingOption)));
        return 1;
    }
    const int repeats = std::max(1, parser.value(repeatsOption).toInt());

    for (const Encoding encoding : encodings) {
        QElapsedTimer timer;
        timer.start();
        const BpeTokenizer &tokenizer = BpeTokenizer::get(encoding);
        const double loadMs = double(timer.nsecsElapsed()) / 1e6;
        if (!tokenizer.isValid()) {
            std::fprintf(stderr, "%s\n", qPrintable(tokenizer.errorString()));
            return 1;
        }
        (void)tokenizer.count(QByteArrayView(text).first(std::min<qsizetype>(text.size(), 1'000'000)));

        double best = 1e300;
        std::vector<quint32> ids;
        for (int i = 0; i < repeats; ++i) {
            ids = {};
            timer.restart();
            ids = tokenizer.encode(text);
            best = std::min(best, double(timer.nsecsElapsed()) / 1e9);
        }
        double bestCount = 1e300;
        for (int i = 0; i < repeats; ++i) {
            timer.restart();
            const qsizetype counted = tokenizer.count(text);
            bestCount = std::min(bestCount, double(timer.nsecsElapsed()) / 1e9);
            if (counted != qsizetype(ids.size())) {
                std::fprintf(stderr, "count() and encode() disagree\n");
                return 1;
            }
        }

        const QString name = vd::engine::encodingName(encoding);
        const double megabytes = double(text.size()) / 1e6;
        const QString sum = u"%1"_s.arg(checksum(ids), 8, 16, QLatin1Char('0'));
        if (parser.isSet(jsonOption)) {
            const QJsonObject result{
                {u"implementation"_s, u"VectorDesk native (C++, 1 thread)"_s},
                {u"encoding"_s, name},
                {u"bytes"_s, double(text.size())},
                {u"tokens"_s, double(ids.size())},
                {u"seconds"_s, best},
                {u"mbPerSecond"_s, megabytes / best},
                {u"tokensPerSecond"_s, double(ids.size()) / best},
                {u"countMbPerSecond"_s, megabytes / bestCount},
                {u"loadMilliseconds"_s, loadMs},
                {u"checksum"_s, sum},
            };
            std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        } else {
            std::printf("%-12s %8.1f MB  %10zu tokens  encode %7.3f s = %6.1f MB/s, %5.2f M tokens/s  "
                        "count %6.1f MB/s  load %5.1f ms  checksum %s\n",
                        qPrintable(name), megabytes, ids.size(), best, megabytes / best,
                        double(ids.size()) / best / 1e6, megabytes / bestCount, loadMs, qPrintable(sum));
        }
        std::fflush(stdout);
    }
    return 0;
}
