#include "core/session/backends.h"

namespace vd {

Backends::Backends(Database &db, const QString &engineRoot, Substitute substitute)
    : m_local(engineRoot)
    , m_openai(db, m_local.root())
    , m_substitute(std::move(substitute))
{ }

VectorStoreBackend *Backends::find(const QString &name)
{
    if (m_substitute) {
        auto it = m_substitutes.find(name);
        if (it == m_substitutes.end())
            it = m_substitutes.emplace(name, m_substitute(name)).first;
        if (it->second)
            return it->second.get();
    }
    if (name == m_local.name())
        return &m_local;
    if (name == m_openai.name())
        return &m_openai;
    return nullptr;
}

std::function<VectorStoreBackend *(const QString &)> Backends::resolver()
{
    return [this](const QString &name) {
        return find(name);
    };
}

} // namespace vd
