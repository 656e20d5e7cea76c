#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace vd::test {

// The Cranfield 1400 collection (shared/data/cranfield): documents, queries, graded judgements.
struct Cranfield
{
    struct Document
    {
        int id = 0;
        QString title;
        QString text; // the .W field (it repeats the title)
    };
    QList<Document> documents;
    QStringList queries; // query n (1-based) is queries[n - 1]
    QHash<int, QHash<int, int>> relevant; // query -> document -> gain (code 1 -> 4 ... code 4 -> 1)

    // Reads the collection from `folder`; on failure returns false and sets *error.
    bool load(const QString &folder, QString *error);
    // $VECTORDESK_CRANFIELD_DIR, else ../shared/data/cranfield next to the source tree.
    static QString defaultFolder();
};

struct RetrievalQuality
{
    double ndcgAt10 = 0;
    double recallAt50 = 0;
    double mrr = 0;
    int queries = 0;
};

// Runs every judged query through `search` (which returns document ids, best first, up to
// 50, the most one search returns) and averages nDCG@10, recall@50 and MRR over the queries. nDCG uses the graded gains
// as SOURCE.md defines them (4, 3, 2, 1), discounted by log2(rank + 1).
RetrievalQuality evaluate(const Cranfield &collection, const std::function<QList<int>(const QString &)> &search);

} // namespace vd::test
