// Complaints the end-to-end tests submit to the real intake binary.
#pragma once

#include <string>

#include "redress/intake/v1/intake.pb.h"

namespace redress::testing {

// Mrs Ada Baker's complaint about Cafcass, which passes every intake check today: she became
// aware 90 days ago, complained to Cafcass 80 days ago and had its final response 30 days ago.
::redress::intake::v1::SubmitComplaintRequest AcceptableComplaint(const std::string& request_id);

// The same complaint before she has complained to Cafcass: assessed, it is premature.
::redress::intake::v1::SubmitComplaintRequest PrematureComplaint(const std::string& request_id);

}  // namespace redress::testing
