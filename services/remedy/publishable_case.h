// Which investigations have a case summary to publish (DESIGN §3: "a summary of each decided
// case"): the decided ones. The rule is the logic's; investigation only says what state a case is
// in (peers.h).
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/remedy/case_summary.h"
#include "services/remedy/peers.h"

namespace redress::remedy {

inline constexpr char kInvestigationEnded[] = "INVESTIGATION_ENDED";

// The content of `record`, the investigation `investigation_name`, when it can be published:
// DECIDED. FAILED_PRECONDITION with a PreconditionFailure of type "STATE" on
// `investigation_name` otherwise: reason INVESTIGATION_ENDED for one WITHDRAWN or DISCONTINUED
// (it ended without a decision in force, and nothing is ever published for it);
// INVALID_STATE_TRANSITION for one not yet decided or under review (it may be later).
absl::StatusOr<DecidedCase> PublishableCase(const CaseOnRecord& record,
                                            std::string_view investigation_name);

// Reads investigations/{investigation_id} from `cases` by `deadline` and applies
// PublishableCase; the reader's errors pass through.
absl::StatusOr<DecidedCase> ReadPublishableCase(CaseReader& cases,
                                                std::string_view investigation_id,
                                                absl::Time deadline);

}  // namespace redress::remedy
