#pragma once

#include "core/engine/localengine.h"
#include "core/openai/openaibackend.h"

#include <QString>

#include <functional>
#include <map>
#include <memory>

namespace vd {

class Database;

// Every backend a store can have, made for one thread and its connection: the embedded engine
// ("local") and OpenAI's hosted stores ("openai", reading each tenant's key and settings).
// VectorStoreService, the ingestion worker and the GUI's workers all resolve backends through it,
// so no place can forget one.
class Backends
{
public:
    // Makes a backend to use instead of the built-in one of that name (tests: a fake remote);
    // asked once per name, in the session's thread; nullptr keeps the built-in backend.
    using Substitute = std::function<std::unique_ptr<VectorStoreBackend>(const QString &name)>;

    Backends(Database &db, const QString &engineRoot, Substitute substitute = {});

    engine::LocalEngine &local() { return m_local; }
    openai::OpenAIBackend &openai() { return m_openai; }

    // The backend named `name`, or nullptr for a name VectorDesk does not know.
    VectorStoreBackend *find(const QString &name);
    // find() as a callable, for VectorStoreService::setBackends and the ingestor. The Backends
    // object must outlive its use.
    std::function<VectorStoreBackend *(const QString &)> resolver();

private:
    engine::LocalEngine m_local;
    openai::OpenAIBackend m_openai;
    Substitute m_substitute;
    std::map<QString, std::unique_ptr<VectorStoreBackend>> m_substitutes; // by name; nullptr: none
};

} // namespace vd
