// Intake's part of scoping within an allowed call (common/caller_reach.h): whether a caller
// reaches a complaint, and the complaint as that caller may see it, personal details cleared for
// those who do not need them (docs/security.md, "Who sees personal details").
#pragma once

#include "absl/status/status.h"
#include "common/caller_reach.h"
#include "redress/intake/v1/complaint.pb.h"
#include "services/intake/complaint.h"

namespace redress::intake {

// OK when `reach` reaches `complaint` (its owner, its organisations); PERMISSION_DENIED with
// reason OUT_OF_SCOPE otherwise.
absl::Status CheckReaches(const CallerReach& reach, const Complaint& complaint);

// ComplaintToProto(complaint), with every person's `details` cleared unless `reach` sees the
// personal details of this complaint. Each person keeps person_id, role, relationship,
// authorised and anonymised_reference, and the complaint its complainants_reference.
redress::intake::v1::Complaint ComplaintForCaller(const CallerReach& reach,
                                                  const Complaint& complaint);

// Clears every person's `details` in `complaint`.
void ClearPersonalDetails(redress::intake::v1::Complaint& complaint);

}  // namespace redress::intake
