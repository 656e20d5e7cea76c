#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>
#include <memory>

class QSqlDatabase;
struct sqlite3;

namespace vd::engine {

// BM25's constants, as FTS5's bm25() has them; the postings scorer uses them (docs/search.md).
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.75;

// The sqlite3 handle of an open QSQLITE connection; nullptr and a reason when there is none.
sqlite3 *sqliteConnection(const QSqlDatabase &db, QString *error);

// FTS5's own tokenizer ('porter unicode61 remove_diacritics 2'): the words of the index's
// postings, of queries and of highlights. The index keeps no FTS5 table; this tokenizer is what
// keeps its words FTS5's (docs/search.md).
class IndexTokenizer
{
public:
    // Through the FTS5 module of an open connection.
    static std::unique_ptr<IndexTokenizer> create(const QSqlDatabase &db, QString *error);
    // Through the FTS5 module of an in-memory connection the process keeps: for threads that count
    // a file's words before its index is opened (LocalEngine::prepare).
    static std::unique_ptr<IndexTokenizer> create(QString *error);
    ~IndexTokenizer();
    IndexTokenizer(const IndexTokenizer &) = delete;
    IndexTokenizer &operator=(const IndexTokenizer &) = delete;

    enum class Mode { Document, Query };
    // Calls `token` for each token of the UTF-8 text, in order; false when FTS5 reports an error.
    bool tokenize(QByteArrayView utf8, Mode mode, const std::function<void(const char *, int)> &token) const;
    // The same, with each token's byte range in `utf8` (start, end).
    bool tokenizeSpans(QByteArrayView utf8, Mode mode,
                       const std::function<void(const char *, int, int, int)> &token) const;

private:
    struct Private;
    explicit IndexTokenizer(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace vd::engine
