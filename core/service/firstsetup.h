#pragma once

#include "core/domain/drafts.h"
#include "core/domain/serviceerror.h"
#include "core/domain/types.h"

#include <optional>

namespace vd {

class VectorStoreService;

// The first run's set-up, one rule for `vectordesk init` and the window's welcome: a tenant and,
// optionally, its first store. Both names are checked before anything is created (a bad store
// name must not leave a new tenant behind); what exists already is kept, so running it again, or
// after a try whose store failed, changes nothing that is there.
struct FirstSetup
{
    Tenant tenant;
    bool tenantCreated = false;
    std::optional<VectorStore> store;
    bool storeCreated = false;
};

Result<FirstSetup> setUpTenant(VectorStoreService &service, const TenantDraft &tenant,
                               const std::optional<StoreDraft> &store);

} // namespace vd
