// Who may call each RPC of the investigation service (common/access.h); docs/security.md prints the
// table of all three services.
#pragma once

#include "common/access.h"

namespace redress::investigation {

// The table ServeCall checks every call of the investigation service against. Lists every RPC.
const CallPolicy& Calls();

}  // namespace redress::investigation
