#include "core/session/backends.h"

namespace vd {

Backends::Backends(Database &db, const QString &engineRoot, Substitute substitute)
    : m_local(engineRoot)
    , m_holders(db, m_local)
    , m_openai(db, m_local.root())
    , m_substitute(std::move(substitute))
{
    m_local.setHeldElsewhere(&m_holders);
}

VectorStoreBackend *Backends::find(BackendKind kind)
{
    if (m_substitute) {
        auto it = m_substitutes.find(kind);
        if (it == m_substitutes.end())
            it = m_substitutes.emplace(kind, m_substitute(kind)).first;
        if (it->second)
            return it->second.get();
    }
    switch (kind) {
    case BackendKind::Local:
        return &m_local;
    case BackendKind::OpenAI:
        return &m_openai;
    }
    return nullptr;
}

BackendFor Backends::resolver()
{
    return [this](BackendKind kind) {
        return find(kind);
    };
}

} // namespace vd
