#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

class QSqlDatabase;
struct sqlite3;

namespace vd::engine {

// FTS5's BM25 (k1 1.2, b 0.75, the same idf, document length and column weights as its built-in
// bm25()), as an auxiliary function that scores only some of the phrases of the MATCH
// expression, with idf values computed once per query by the caller:
//
//     vd_bm25(chunks_fts, first, idf_0, ..., idf_n-1)
//
// sums the contributions of phrases first .. first + n - 1. The index scores with it when a
// query word is a phrase of several FTS5 tokens, which its own postings cannot match
// (docs/search.md); the postings scorer uses the same constants.
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;

// The sqlite3 handle of an open QSQLITE connection; nullptr and a reason when there is none.
sqlite3 *sqliteConnection(const QSqlDatabase &db, QString *error);

// Registers vd_bm25 on an open QSQLITE connection; false with a reason when it cannot.
bool registerFts5Scorer(const QSqlDatabase &db, double titleWeight, double textWeight, QString *error);

// FTS5's own tokenizer, as the index uses it ('porter unicode61 remove_diacritics 2'), so that
// the index's per-word statistics count exactly the tokens FTS5 indexes and matches.
class IndexTokenizer
{
public:
    static std::unique_ptr<IndexTokenizer> create(const QSqlDatabase &db, QString *error);
    ~IndexTokenizer();
    IndexTokenizer(const IndexTokenizer &) = delete;
    IndexTokenizer &operator=(const IndexTokenizer &) = delete;

    enum class Mode { Document, Query };
    // Calls `token` for each token of the UTF-8 text, in order; false when FTS5 reports an error.
    bool tokenize(const QByteArray &utf8, Mode mode, const std::function<void(const char *, int)> &token) const;

private:
    struct Private;
    explicit IndexTokenizer(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace vd::engine
