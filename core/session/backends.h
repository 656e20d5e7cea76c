#pragma once

#include "core/engine/localengine.h"
#include "core/openai/openaibackend.h"
#include "core/session/holderclient.h"

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
    // Makes a backend to use instead of the built-in one of that kind (tests: a fake remote);
    // asked once per kind, in the session's thread; nullptr keeps the built-in backend.
    using Substitute = std::function<std::unique_ptr<VectorStoreBackend>(BackendKind kind)>;

    Backends(Database &db, const QString &engineRoot, Substitute substitute = {});

    engine::LocalEngine &local() { return m_local; }
    openai::OpenAIBackend &openai() { return m_openai; }

    // The backend that holds stores of this kind.
    VectorStoreBackend *find(BackendKind kind);
    // find() as a callable, for the service, the sync pass and the ingestor. The Backends object
    // must outlive its use.
    BackendFor resolver();

private:
    engine::LocalEngine m_local;
    HolderClient m_holders; // the local stores whose index another machine holds
    openai::OpenAIBackend m_openai;
    Substitute m_substitute;
    std::map<BackendKind, std::unique_ptr<VectorStoreBackend>> m_substitutes; // nullptr: none
};

} // namespace vd
