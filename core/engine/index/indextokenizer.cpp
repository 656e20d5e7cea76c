#include "core/engine/index/indextokenizer.h"

#include <QMutex>
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

// The FTS5 API of an open QSQLITE connection (nullptr and a reason when there is none).
fts5_api *fts5Api(sqlite3 *sqlite, QString *error)
{
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

int forwardSpan(void *context, int flags, const char *token, int length, int start, int end)
{
    if (!(flags & FTS5_TOKEN_COLOCATED))
        (*static_cast<const std::function<void(const char *, int, int, int)> *>(context))(token, length, start, end);
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

    ~Private()
    {
        if (instance)
            methods.xDelete(instance);
    }

    bool createPorter(sqlite3 *sqlite, QString *error)
    {
        fts5_api *api = fts5Api(sqlite, error);
        if (!api)
            return false;
        void *userData = nullptr;
        if (api->xFindTokenizer(api, "porter", &userData, &methods) != SQLITE_OK) {
            *error = u"SQLite's FTS5 has no porter tokenizer"_s;
            return false;
        }
        const char *arguments[] = {"unicode61", "remove_diacritics", "2"};
        if (methods.xCreate(userData, arguments, 3, &instance) != SQLITE_OK || !instance) {
            instance = nullptr;
            *error = u"cannot create FTS5's porter unicode61 tokenizer"_s;
            return false;
        }
        return true;
    }
};

IndexTokenizer::IndexTokenizer(std::unique_ptr<Private> p)
    : d(std::move(p))
{ }

IndexTokenizer::~IndexTokenizer() = default;

std::unique_ptr<IndexTokenizer> IndexTokenizer::create(const QSqlDatabase &db, QString *error)
{
    auto p = std::make_unique<Private>();
    if (!p->createPorter(sqliteConnection(db, error), error))
        return nullptr;
    return std::unique_ptr<IndexTokenizer>(new IndexTokenizer(std::move(p)));
}

std::unique_ptr<IndexTokenizer> IndexTokenizer::create(QString *error)
{
    // One in-memory connection for the process lends its FTS5 module to every standalone
    // tokenizer: an instance needs it only while it is created, and opening a connection per file
    // made the threads that prepare files queue on SQLite's allocator mutex.
    struct Module
    {
        sqlite3 *db = nullptr;
        QString error;
        Module()
        {
            if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK)
                error = u"cannot open an in-memory SQLite connection: %1"_s.arg(
                    QString::fromUtf8(db ? sqlite3_errmsg(db) : "out of memory"));
        }
        ~Module() { sqlite3_close(db); }
    };
    static Module module;
    static QMutex creating; // the module's list of tokenizers is read while one is created
    if (!module.error.isEmpty()) {
        *error = module.error;
        return nullptr;
    }
    QMutexLocker lock(&creating);
    auto p = std::make_unique<Private>();
    if (!p->createPorter(module.db, error))
        return nullptr;
    return std::unique_ptr<IndexTokenizer>(new IndexTokenizer(std::move(p)));
}

bool IndexTokenizer::tokenize(QByteArrayView utf8, Mode mode, const std::function<void(const char *, int)> &token) const
{
    auto *context = const_cast<std::function<void(const char *, int)> *>(&token);
    return d->methods.xTokenize(d->instance, context,
                                mode == Mode::Query ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT,
                                utf8.isEmpty() ? "" : utf8.data(), int(utf8.size()), forwardToken)
        == SQLITE_OK;
}

bool IndexTokenizer::tokenizeSpans(QByteArrayView utf8, Mode mode,
                                   const std::function<void(const char *, int, int, int)> &token) const
{
    auto *context = const_cast<std::function<void(const char *, int, int, int)> *>(&token);
    return d->methods.xTokenize(d->instance, context,
                                mode == Mode::Query ? FTS5_TOKENIZE_QUERY : FTS5_TOKENIZE_DOCUMENT,
                                utf8.isEmpty() ? "" : utf8.data(), int(utf8.size()), forwardSpan)
        == SQLITE_OK;
}

} // namespace vd::engine
