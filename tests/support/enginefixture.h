#pragma once

#include "core/engine/localengine.h"
#include "core/ingestion/ingestor.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"

#include <QTemporaryDir>

#include <memory>

namespace vd::test {

// Writes `content` to `path`, making its folders; returns the path.
QString writeFileAt(const QString &path, const QByteArray &content);

// A metadata database in a temporary folder, the local engine beside it, and a service for
// `operatorName` wired to that engine. ingest() drains the queue on the calling thread.
class EngineFixture
{
public:
    explicit EngineFixture(const QString &operatorName = QStringLiteral("alice"));

    bool ok() const { return m_ok; }
    const QString &error() const { return m_error; }
    QTemporaryDir &dir() { return m_dir; }
    Database &database() { return *m_db; }
    engine::LocalEngine &engine() { return *m_engine; }
    VectorStoreService &service() { return *m_service; }
    // Another operator's service over the same database and engine.
    std::unique_ptr<VectorStoreService> serviceFor(const QString &operatorName);

    Result<engine::Ingestor::Summary> ingest();

    // Writes a file under the fixture's folder and returns its path.
    QString writeFile(const QString &relativePath, const QByteArray &content);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<engine::LocalEngine> m_engine;
    std::unique_ptr<VectorStoreService> m_service;
    bool m_ok = false;
    QString m_error;
};

} // namespace vd::test
