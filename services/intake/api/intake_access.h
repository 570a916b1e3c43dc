// Who may call each RPC of the intake service (common/access.h); docs/security.md prints the
// table of all three services.
#pragma once

#include "common/access.h"

namespace redress::intake {

// The table ServeCall checks every call of the intake service against. Lists every RPC.
const CallPolicy& Calls();

}  // namespace redress::intake
