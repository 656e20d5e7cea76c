#include "enginefixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace vd::test {

EngineFixture::EngineFixture(const QString &operatorName)
{
    QString error;
    const DatabaseUrl url = *DatabaseUrl::parse(m_dir.filePath(u"meta.sqlite"_s), &error);
    m_db = std::make_unique<Database>(url);
    if (!Database::openAndMigrate(*m_db, &m_error))
        return;
    m_engine = std::make_unique<engine::LocalEngine>(engine::LocalEngine::rootFor(url));
    m_service = serviceFor(operatorName);
    m_ok = true;
}

std::unique_ptr<VectorStoreService> EngineFixture::serviceFor(const QString &operatorName)
{
    auto service =
        std::make_unique<VectorStoreService>(*m_db, operatorName, [this](BackendKind kind) -> VectorStoreBackend * {
            return kind == BackendKind::Local ? m_engine.get() : nullptr;
        });
    return service;
}

Result<engine::Ingestor::Summary> EngineFixture::ingest()
{
    engine::Ingestor ingestor(*m_db, [this](BackendKind kind) -> VectorStoreBackend * {
        return kind == BackendKind::Local ? m_engine.get() : nullptr;
    });
    return ingestor.drain({});
}

QString writeFileAt(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}

QString EngineFixture::writeFile(const QString &relativePath, const QByteArray &content)
{
    return test::writeFileAt(m_dir.filePath(u"files/"_s + relativePath), content);
}

} // namespace vd::test
