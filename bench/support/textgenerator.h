#pragma once

#include <QByteArray>
#include <QList>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

// Synthetic text for the benchmarks (bench_engine, bench_api): the same seed gives the same
// vocabulary and the same text, so corpora can be rebuilt and reused across runs.
namespace vd::bench {

// A Zipf-distributed vocabulary of made-up but pronounceable words, so term frequencies look
// like real text (a few very common words, a long tail of rare ones).
class TextGenerator
{
public:
    explicit TextGenerator(quint32 seed)
        : m_random(seed)
    {
        const char *syllables[] = {"ka",  "lo",  "mi",  "ne",  "ra",  "to",  "vu",  "shi", "en",  "dor",
                                   "pha", "ter", "gla", "ion", "qua", "zen", "bri", "mon", "tal", "sep"};
        QRandomGenerator words(seed + 1);
        for (int i = 0; i < 50000; ++i) {
            QByteArray w;
            const int n = 1 + int(words.bounded(3)) + (i > 2000 ? 1 : 0);
            for (int k = 0; k < n; ++k)
                w += syllables[words.bounded(20)];
            m_vocabulary << w;
        }
        double total = 0;
        for (int i = 0; i < m_vocabulary.size(); ++i) {
            total += 1.0 / std::pow(i + 1.0, 1.05);
            m_cumulative << total;
        }
        for (double &c : m_cumulative)
            c /= total;
    }
    const QByteArray &word()
    {
        const double u = m_random.generateDouble();
        const auto it = std::lower_bound(m_cumulative.cbegin(), m_cumulative.cend(), u);
        return m_vocabulary[std::min<qsizetype>(it - m_cumulative.cbegin(), m_vocabulary.size() - 1)];
    }
    // A word of rank 100 to 5,000: from several percent of chunks down to a few in a thousand.
    const QByteArray &queryWord() { return m_vocabulary[100 + m_random.bounded(4900)]; }
    QByteArray paragraph(int words)
    {
        QByteArray p;
        for (int i = 0; i < words; ++i) {
            p += word();
            p += (i % 17 == 16) ? ". " : " ";
        }
        return p + "\n\n";
    }
    QByteArray codeLine()
    {
        return "    if (" + word() + "_" + word() + " > " + QByteArray::number(m_random.bounded(1000)) + ") { return "
            + word() + "(" + word() + "); }\n";
    }
    QRandomGenerator &random() { return m_random; }

private:
    QRandomGenerator m_random;
    QList<QByteArray> m_vocabulary;
    QList<double> m_cumulative;
};

} // namespace vd::bench
