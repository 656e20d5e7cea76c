#include "core/engine/index/fts5scorer.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <array>
#include <cstring>
#include <sqlite3.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace vd::engine {

namespace {

struct Weights
{
    std::array<double, 2> column{};
};

// Per statement: the average row length, read once (FTS5 keeps the totals).
struct Totals
{
    double averageLength = 1;
};

void destroyTotals(void *p)
{
    delete static_cast<Totals *>(p);
}

void destroyWeights(void *p)
{
    delete static_cast<Weights *>(p);
}

void bm25Function(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (argc < 1) {
        sqlite3_result_error(ctx, "vd_bm25: expected the first scored phrase and one idf per phrase", -1);
        return;
    }
    const auto *weights = static_cast<const Weights *>(api->xUserData(fts));
    const int first = sqlite3_value_int(argv[0]);
    const int count = argc - 1;
    if (first < 0 || first + count > api->xPhraseCount(fts)) {
        sqlite3_result_error(ctx, "vd_bm25: the scored phrases lie outside the MATCH expression", -1);
        return;
    }

    auto *totals = static_cast<Totals *>(api->xGetAuxdata(fts, 0));
    if (!totals) {
        sqlite3_int64 rows = 0;
        sqlite3_int64 tokens = 0;
        int rc = api->xRowCount(fts, &rows);
        if (rc == SQLITE_OK)
            rc = api->xColumnTotalSize(fts, -1, &tokens);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc);
            return;
        }
        totals = new Totals;
        totals->averageLength = rows > 0 && tokens > 0 ? double(tokens) / double(rows) : 1.0;
        rc = api->xSetAuxdata(fts, totals, destroyTotals);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(ctx, rc);
            return;
        }
    }

    // The weighted frequency of each scored phrase in this row.
    thread_local std::vector<double> frequency;
    frequency.assign(size_t(count), 0.0);
    int instances = 0;
    int rc = api->xInstCount(fts, &instances);
    for (int i = 0; rc == SQLITE_OK && i < instances; ++i) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK && phrase >= first && phrase < first + count && column >= 0 && column < 2)
            frequency[size_t(phrase - first)] += weights->column[size_t(column)];
    }
    int length = 0;
    if (rc == SQLITE_OK)
        rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
    }
    const double norm = kBm25K1 * (1 - kBm25B + kBm25B * double(length) / totals->averageLength);
    double score = 0;
    for (int i = 0; i < count; ++i) {
        const double f = frequency[size_t(i)];
        if (f > 0)
            score += sqlite3_value_double(argv[i + 1]) * (f * (kBm25K1 + 1)) / (f + norm);
    }
    sqlite3_result_double(ctx, score);
}

// The FTS5 API of an open QSQLITE connection (nullptr and a reason when there is none).
fts5_api *fts5Api(const QSqlDatabase &db, QString *error)
{
    sqlite3 *sqlite = sqliteConnection(db, error);
    if (!sqlite)
        return nullptr;
    // The documented way to reach the FTS5 API: SELECT fts5(?1) with a pointer bound to ?1.
    fts5_api *api = nullptr;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(sqlite, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, static_cast<void *>(&api), "fts5_api_ptr", nullptr);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    if (!api || api->iVersion < 2) {
        *error =
            u"this SQLite has no FTS5 (version 2 or later) API: %1"_s.arg(QString::fromUtf8(sqlite3_errmsg(sqlite)));
        return nullptr;
    }
    return api;
}

int forwardToken(void *context, int flags, const char *token, int length, int start, int end)
{
    Q_UNUSED(start);
    Q_UNUSED(end);
    // Colocated tokens (synonyms) are not counted by FTS5 in a column's size; porter has none.
    if (!(flags & FTS5_TOKEN_COLOCATED))
        (*static_cast<const std::function<void(const char *, int)> *>(context))(token, length);
    return SQLITE_OK;
}

} // namespace

sqlite3 *sqliteConnection(const QSqlDatabase &db, QString *error)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || std::strcmp(handle.typeName(), "sqlite3*") != 0) {
        *error = u"the index connection is not an SQLite connection"_s;
        return nullptr;
    }
    sqlite3 *sqlite = *static_cast<sqlite3 *const *>(handle.constData());
    if (!sqlite)
        *error = u"the index connection is not open"_s;
    return sqlite;
}

struct IndexTokenizer::Private
{
    fts5_tokenizer methods{};
    ::Fts5Tokenizer *instance = nullptr;
};

IndexTokenizer::IndexTokenizer(std::unique_ptr<Private> p)
    : d(std::move(p))
{ }

IndexTokenizer::~IndexTokenizer()
{
    if (d->instance)
        d->methods.xDelete(d->instance);
}

std::unique_ptr<IndexTokenizer> IndexTokenizer::create(const QSqlDatabase &db, QString *error)
{
    fts5_api *api = fts5Api(db, error);
    if (!api)
        return nullptr;
    auto p = std::make_unique<Private>();
    void *userData = nullptr;
    if (api->xFindTokenizer(api, "porter", &userData, &p->methods) != SQLITE_OK) {
        *error = u"SQLite's FTS5 has no porter tokenizer"_s;
        return nullptr;
    }
    const char *arguments[] = {"unicode61", "remove_diacritics", "2"};
    if (p->methods.xCreate(userData, arguments, 3, &p->instance) != SQLITE_OK || !p->instance) {
        *error = u"cannot create FTS5's porter unicode61 tokenizer"_s;
        return nullptr;
    }
    return std::unique_ptr<IndexTokenizer>(new IndexTokenizer(std::move(p)));
}

bool IndexTokenizer::tokenize(const QByteArray &utf8, Mode mode,
                              const std::function<void(const char *, int)> &token) const
{
    auto *context = const_cast<std::function<void(const char *, int)> *>(&token);
    return d->methods.xTokenize(d->instance, context,
                                mode == Mode::Query ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT, utf8.constData(),
                                int(utf8.size()), forwardToken)
        == SQLITE_OK;
}

bool registerFts5Scorer(const QSqlDatabase &db, double titleWeight, double textWeight, QString *error)
{
    fts5_api *api = fts5Api(db, error);
    if (!api)
        return false;
    auto *weights = new Weights{{titleWeight, textWeight}};
    if (api->xCreateFunction(api, "vd_bm25", weights, bm25Function, destroyWeights) != SQLITE_OK) {
        destroyWeights(weights);
        *error = u"cannot register the vd_bm25 function"_s;
        return false;
    }
    return true;
}

} // namespace vd::engine
