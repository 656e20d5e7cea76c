#pragma once

// The OpenAI backend over a SQLite file, wired into a service, for tenant acme whose base URL is
// the fake server (shared by the OpenAI test executables).

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/openai/openaibackend.h"
#include "core/openai/openaiclient.h"
#include "core/openai/openaisettings.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "fakeopenaiserver.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <memory>

namespace vd::test {

// A client of tenant acme for the fake server, with short backoffs so retries take milliseconds.
inline openai::ClientConfig fakeServerConfig(const FakeOpenAIServer &server)
{
    openai::ClientConfig c;
    c.tenant = QStringLiteral("acme");
    c.baseUrl = server.baseUrl();
    c.apiKey = server.apiKey();
    c.backoffBaseMs = 5;
    c.backoffMaxMs = 20;
    return c;
}

// The backend over a SQLite file, wired into a service, for tenant acme whose base URL is the
// fake server.
struct BackendFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<engine::LocalEngine> local;
    std::unique_ptr<openai::OpenAIBackend> backend;
    std::function<void(openai::ClientConfig &)> tune; // more client settings for one test
    std::unique_ptr<VectorStoreService> service;
    QString error;
    // "sqlite" (a file in dir) or "postgresql": database `postgresName` on the CTest-started
    // server (tests/support/pg-fixture.sh), dropped and made afresh.
    QString engine = QStringLiteral("sqlite");
    QString postgresName = QStringLiteral("backend_fixture");

    bool open(FakeOpenAIServer &server)
    {
        QString why;
        std::optional<DatabaseUrl> url = engine == QStringLiteral("postgresql")
            ? freshPostgres(postgresName, &why)
            : DatabaseUrl::parse(dir.filePath(QStringLiteral("meta.sqlite")), &why);
        if (!url) {
            error = why;
            return false;
        }
        db = std::make_unique<Database>(*url);
        if (!Database::openAndMigrate(*db, &error))
            return false;
        local = std::make_unique<engine::LocalEngine>(dir.filePath(QStringLiteral("engine")));
        backend = std::make_unique<openai::OpenAIBackend>(*db, local->root());
        backend->setPollIntervalMs(5);
        backend->setConfigHook([this](openai::ClientConfig &c) {
            c.backoffBaseMs = 5;
            c.backoffMaxMs = 20;
            if (tune)
                tune(c);
        });
        service = std::make_unique<VectorStoreService>(*db, QStringLiteral("alice"),
                                                       [this](BackendKind kind) -> VectorStoreBackend * {
                                                           if (kind == BackendKind::OpenAI)
                                                               return backend.get();
                                                           return kind == BackendKind::Local ? local.get() : nullptr;
                                                       });
        TenantDraft tenant;
        tenant.slug = QStringLiteral("acme");
        tenant.plan = QStringLiteral("pro");
        tenant.defaultBackend = QStringLiteral("openai");
        if (auto t = service->createTenant(tenant); !t) {
            error = t.error().message();
            return false;
        }
        openai::TenantOpenAIUpdate update;
        update.baseUrl = server.baseUrl().toString();
        if (auto s = service->updateOpenAISettings(QStringLiteral("acme"), update); !s) {
            error = s.error().message();
            return false;
        }
        return true;
    }

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = dir.filePath(QStringLiteral("src/") + name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(content);
        return path;
    }

    Result<engine::Ingestor::Summary> ingest()
    {
        engine::Ingestor ingestor(*db, [this](BackendKind kind) -> VectorStoreBackend * {
            if (kind == BackendKind::OpenAI)
                return backend.get();
            return kind == BackendKind::Local ? local.get() : nullptr;
        });
        return ingestor.drain({});
    }

    QString remoteFileId(qint64 fileId)
    {
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("SELECT remote_file_id FROM vector_store_files WHERE id = ?"));
        q.addBindValue(fileId);
        q.exec();
        return q.next() ? q.value(0).toString() : QString();
    }
};

inline FakeOpenAIServer::Injected answer(int status, const QByteArray &body = {},
                                         const QList<QPair<QByteArray, QByteArray>> &headers = {}, int delayMs = 0)
{
    FakeOpenAIServer::Injected a;
    a.status = status;
    if (!body.isEmpty())
        a.body = body;
    a.headers = headers;
    a.delayMs = delayMs;
    return a;
}

} // namespace vd::test
