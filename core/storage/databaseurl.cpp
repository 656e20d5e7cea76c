#include "core/storage/databaseurl.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace vd {

namespace {

const QString kAcceptedForms = u"use a file path for SQLite, or postgresql://user:password@host:port/database "
                               u"(add ?host=/socket/dir for a Unix socket)"_s;

std::optional<DatabaseUrl> parsePostgres(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        *error = u"Malformed database URL: %1; %2."_s.arg(url.errorString(), kAcceptedForms);
        return std::nullopt;
    }
    DatabaseUrl result;
    result.kind = DatabaseUrl::Kind::Postgres;
    result.user = url.userName(QUrl::FullyDecoded);
    result.password = url.password(QUrl::FullyDecoded);
    result.host = url.host(QUrl::FullyDecoded);
    result.port = url.port(5432);
    result.database = url.path(QUrl::FullyDecoded).mid(1);

    QStringList options;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"host"_s) {
            result.host = value;
        } else if (key == u"port"_s) {
            bool ok = false;
            result.port = value.toInt(&ok);
            if (!ok || result.port <= 0 || result.port > 65535) {
                *error = u"Malformed database URL: port '%1' is not a number from 1 to 65535."_s.arg(value);
                return std::nullopt;
            }
        } else if (key == u"sslmode"_s || key == u"connect_timeout"_s || key == u"application_name"_s
                   || key == u"sslrootcert"_s) {
            options << key + u'=' + value;
        } else {
            *error = u"Malformed database URL: unknown parameter '%1' (known: host, port, sslmode, "
                     u"connect_timeout, application_name, sslrootcert)."_s.arg(key);
            return std::nullopt;
        }
    }
    if (!options.join(u';').contains(u"connect_timeout"_s))
        options << u"connect_timeout=5"_s;
    result.connectOptions = options.join(u';');

    if (result.database.isEmpty() || result.database.contains(u'/')) {
        *error = u"Malformed database URL: it names no database (expected "
                 u"postgresql://user:password@host:port/database)."_s;
        return std::nullopt;
    }
    if (result.host.isEmpty())
        result.host = u"localhost"_s;
    if (result.user.isEmpty())
        result.user = qEnvironmentVariable("USER", u"postgres"_s);
    return result;
}

} // namespace

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString &rawText, QString *error)
{
    const QString text = rawText.trimmed();
    if (text.isEmpty()) {
        *error = u"The database location is empty; %1."_s.arg(kAcceptedForms);
        return std::nullopt;
    }
    const qsizetype schemeEnd = text.indexOf(u"://"_s);
    if (schemeEnd > 0) {
        const QString scheme = text.left(schemeEnd).toLower();
        if (scheme == u"postgresql"_s || scheme == u"postgres"_s)
            return parsePostgres(text, error);
        if (scheme == u"sqlite"_s || scheme == u"file"_s) {
            const QString path = QUrl(text).toLocalFile();
            if (path.isEmpty()) {
                *error = u"Malformed database URL '%1': no file path; %2."_s.arg(text, kAcceptedForms);
                return std::nullopt;
            }
            return parse(path, error);
        }
        *error = u"Unsupported database type '%1'; %2."_s.arg(scheme, kAcceptedForms);
        return std::nullopt;
    }
    DatabaseUrl result;
    result.kind = Kind::Sqlite;
    QString path = text;
    if (path == u"~"_s || path.startsWith(u"~/"_s))
        path = QDir::homePath() + path.mid(1);
    result.sqlitePath = QFileInfo(path).absoluteFilePath();
    return result;
}

DatabaseUrl DatabaseUrl::defaultSqlite()
{
    DatabaseUrl result;
    result.kind = Kind::Sqlite;
    result.sqlitePath = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/vectordesk.sqlite"_s;
    result.createFolder = true;
    return result;
}

std::optional<DatabaseUrl> DatabaseUrl::resolve(const std::optional<QString> &option, QString *source, QString *error)
{
    if (option) {
        *source = u"--db"_s;
        if (option->trimmed().isEmpty()) {
            *error = u"--db is empty; name the database (%1), or leave --db out to use the default database "
                     u"%2."_s.arg(kAcceptedForms, defaultSqlite().sqlitePath);
            return std::nullopt;
        }
        return parse(*option, error);
    }
    if (qEnvironmentVariableIsSet("VECTORDESK_DB")) {
        *source = u"VECTORDESK_DB"_s;
        const QString fromEnv = qEnvironmentVariable("VECTORDESK_DB");
        if (fromEnv.trimmed().isEmpty()) {
            *error = u"VECTORDESK_DB is set but empty; set it to the database (%1), or unset it to use the "
                     u"default database %2."_s.arg(kAcceptedForms, defaultSqlite().sqlitePath);
            return std::nullopt;
        }
        return parse(fromEnv, error);
    }
    const QString fromSettings = QSettings().value(u"database/url"_s).toString();
    if (!fromSettings.isEmpty()) {
        *source = u"settings (database/url)"_s;
        return parse(fromSettings, error);
    }
    *source = u"default"_s;
    return defaultSqlite();
}

QString DatabaseUrl::describe() const
{
    if (isSqlite())
        return u"SQLite file %1"_s.arg(sqlitePath);
    const QString where =
        host.startsWith(u'/') ? u"socket %1 (port %2)"_s.arg(host).arg(port) : u"%1:%2"_s.arg(host).arg(port);
    return u"PostgreSQL database %1 at %2 as user %3"_s.arg(database, where, user);
}

QString DatabaseUrl::redacted() const
{
    if (isSqlite())
        return sqlitePath;
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(user);
    if (!password.isEmpty())
        url.setPassword(u"***"_s);
    QUrlQuery query;
    if (host.startsWith(u'/')) {
        url.setHost(u"localhost"_s);
        query.addQueryItem(u"host"_s, host);
    } else {
        url.setHost(host);
    }
    url.setPort(port);
    url.setPath(u'/' + database);
    url.setQuery(query);
    return url.toString();
}

} // namespace vd
