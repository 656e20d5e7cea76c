#include "core/openai/openaiclient.h"
#include "core/service/vectorstoreservice.h"
#include "core/storage/database.h"
#include "core/storage/query.h"
#include "core/storage/sqlvalues.h"

using namespace Qt::StringLiterals;

// A tenant's OpenAI settings (base URL, organization, project): read by viewers, changed by admins.

namespace vd {

Result<openai::TenantOpenAISettings> VectorStoreService::openAISettings(const QString &tenantRef)
{
    auto t = tenant(tenantRef);
    if (!t)
        return t.error();
    return openai::loadSettings(m_db, t->id);
}

Result<openai::TenantOpenAISettings> VectorStoreService::updateOpenAISettings(const QString &tenantRef,
                                                                              const openai::TenantOpenAIUpdate &update)
{
    auto t = tenant(tenantRef);
    if (!t)
        return t.error();
    auto role = roleIn(tenantRef);
    if (!role)
        return role.error();
    if (int(role.value()) < int(Role::Admin))
        return ServiceError::denied(
            u"Changing the OpenAI settings of tenant %1 needs the admin role; you are %2."_s.arg(
                t->slug, roleName(role.value())),
            u"admin"_s);
    auto current = openai::loadSettings(m_db, t->id);
    if (!current)
        return current.error();
    openai::TenantOpenAISettings next = current.value();
    if (update.baseUrl) {
        if (update.baseUrl->isEmpty()) {
            next.baseUrl = openai::ClientConfig::defaultBaseUrl();
        } else {
            auto url = openai::parseBaseUrl(*update.baseUrl);
            if (!url)
                return url.error();
            next.baseUrl = url.value();
        }
    }
    for (auto [value, target, name] : {std::tuple{&update.organization, &next.organization, u"organization"_s},
                                       std::tuple{&update.project, &next.project, u"project"_s}}) {
        if (!*value)
            continue;
        const QString v = (*value)->trimmed();
        if (v.size() > 200 || v.contains(u'\n'))
            return ServiceError::invalid(u"The %1 id is not valid (at most 200 characters on one line)."_s.arg(name),
                                         name);
        *target = v;
    }
    const QString doing = u"saving the OpenAI settings of tenant %1"_s.arg(t->slug);
    Transaction transaction(m_db);
    if (!transaction.isActive())
        return ServiceError::unavailable(u"Cannot start a transaction while %1: %2"_s.arg(doing, transaction.error()));
    const qint64 at = now();
    if (auto r = runQuery(m_db, u"DELETE FROM tenant_openai_settings WHERE tenant_id = ?"_s, {t->id}, doing); !r)
        return r.error();
    if (auto r = runQuery(
            m_db,
            u"INSERT INTO tenant_openai_settings (tenant_id, base_url, organization, project, updated_at) "
            u"VALUES (?, ?, ?, ?, ?)"_s,
            {t->id, next.baseUrl.toString(), sql::nullableText(next.organization), sql::nullableText(next.project), at},
            doing);
        !r)
        return r.error();
    if (auto failed = audit(t->id, u"tenant.openai"_s, u"tenant:%1"_s.arg(t->id), next.toJson()))
        return *failed;
    if (!transaction.commit())
        return ServiceError::unavailable(u"Cannot commit while %1: %2"_s.arg(doing, transaction.error()));
    next.stored = true;
    return next;
}

Result<QString> VectorStoreService::checkBackend(const QString &tenantRef, BackendKind kind)
{
    auto a = access(tenantRef, Role::Viewer, u"Testing the %1 backend"_s.arg(backendName(kind)));
    if (!a)
        return a.error();
    VectorStoreBackend *backend = m_backendFor ? m_backendFor(kind) : nullptr;
    if (!backend)
        return ServiceError::unavailable(
            u"The %1 backend is not available in this VectorDesk."_s.arg(backendName(kind)));
    return backend->checkConnection(a->tenant);
}

} // namespace vd
