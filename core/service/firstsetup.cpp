#include "core/service/firstsetup.h"

#include "core/domain/validation.h"
#include "core/service/vectorstoreservice.h"

namespace vd {

Result<FirstSetup> setUpTenant(VectorStoreService &service, const TenantDraft &tenantDraft,
                               const std::optional<StoreDraft> &storeDraft)
{
    if (auto p = validateSlug(tenantDraft.slug))
        return *p;
    if (storeDraft)
        if (auto p = validateStoreName(storeDraft->name))
            return *p;
    FirstSetup setup;
    auto tenant = service.tenant(tenantDraft.slug);
    if (!tenant && tenant.error().kind() == ServiceError::Kind::NotFound) {
        tenant = service.createTenant(tenantDraft);
        setup.tenantCreated = bool(tenant);
    }
    if (!tenant)
        return tenant.error();
    setup.tenant = tenant.value();
    if (!storeDraft)
        return setup;
    auto store = service.store(tenant->slug, storeDraft->name);
    if (!store && store.error().kind() == ServiceError::Kind::NotFound) {
        store = service.createStore(tenant->slug, *storeDraft);
        setup.storeCreated = bool(store);
    }
    if (!store)
        return store.error();
    setup.store = store.value();
    return setup;
}

} // namespace vd
