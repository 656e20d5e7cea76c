#include "core/session/backends.h"

namespace vd {

Backends::Backends(Database &db, const QString &engineRoot)
    : m_local(engineRoot)
    , m_openai(db, m_local.root())
{ }

VectorStoreBackend *Backends::find(const QString &name)
{
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
