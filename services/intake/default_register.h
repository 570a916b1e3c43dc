// The organisation register a new installation starts with: the bodies most complained about,
// plus an out-of-remit example. Data only; IntakeLogic::SeedDefaultRegister inserts it into an
// empty register.
#pragma once

#include <vector>

#include "services/intake/organisation.h"

namespace redress::intake {

// The default entries, ordered by id. Versions and times are unset; the caller stamps them.
std::vector<Organisation> DefaultRegister();

}  // namespace redress::intake
