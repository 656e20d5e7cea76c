#pragma once

#include <QString>

class QSqlDatabase;

namespace vd::engine {

// FTS5's BM25 (k1 1.2, b 0.75, the same idf, document length and column weights as its built-in
// bm25()), as an auxiliary function that scores only some of the phrases of the MATCH
// expression:
//
//     vd_bm25(chunks_fts, first, idf_0, ..., idf_n-1)
//
// sums the contributions of phrases first .. first + n - 1, with the idf values given by the
// caller (computed once per query instead of once per statement). That lets a query match rows
// with one part of the expression while scoring them with another, which is what dynamic
// pruning needs: `("rare") AND ("rare" OR "common")` visits only the rows of the rare term and
// seeks in the common term's doclist, yet scores each row over both terms (docs/search.md).
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;

// Registers vd_bm25 on an open QSQLITE connection; false with a reason when it cannot.
bool registerFts5Scorer(const QSqlDatabase &db, double titleWeight, double textWeight, QString *error);

} // namespace vd::engine
