// Who may call each RPC of the remedy service (common/access.h); docs/security.md prints the
// table of all three services.
#pragma once

#include "common/access.h"

namespace redress::remedy {

// The table ServeCall checks every call of the remedy service against. Lists every RPC.
const CallPolicy& Calls();

}  // namespace redress::remedy
