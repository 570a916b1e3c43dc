// How the checks of assessment_checks.h, a caseworker's overrides and a caseworker's closure
// become the outcome of an assessment. A complaint about several organisations is assessed
// organisation by organisation: each organisation's part is decided on its own checks and the
// complaint-wide ones, and the complaint is accepted for the parts that pass. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "services/intake/assessment_checks.h"
#include "services/intake/complaint.h"
#include "services/intake/intake_logic.h"

namespace redress::intake {

// Applies the caseworker's overrides that concern `checks`, the checks of the organisation
// `organisation_id` ("" for the complaint-wide checks): an override applies to a check of its kind
// when it names that organisation or none (an override without an organisation counts for every
// organisation). `passed` becomes the override's value and `overridden`/`override_reason` record
// it. Overrides of legal bars (IsLegalBar) are ignored. REQUIRES: overrides validated
// (ValidateAssessCommand).
void ApplyOverrides(std::vector<CheckResult>& checks, const std::vector<CheckOverride>& overrides,
                    const std::string& organisation_id = "");

// The outcome of one part's `checks` (after overrides) and the caseworker's closure: the first
// failed check decides the closure (IN_REMIT -> OUT_OF_REMIT, MP_REFERRAL and PROPERLY_MADE ->
// NOT_PROPERLY_MADE, COMPLAINTS_PROCESS_COMPLETE -> PREMATURE, WITHIN_TIME and INJUSTICE_CLAIMED
// -> DISCRETION); if all pass, the caseworker's closure applies, and with none the part is
// accepted. Sets checks, accepted, closure_reason and reason; the caller sets the rest.
Assessment DecideOutcome(std::vector<CheckResult> checks, CaseworkerClosure closure,
                         const std::string& closure_note);

// The checks that decide one organisation's part, in deciding order: its own IN_REMIT and
// MP_REFERRAL (the legal bars first), the complaint's PROPERLY_MADE, its own
// COMPLAINTS_PROCESS_COMPLETE, the complaint's WITHIN_TIME and INJUSTICE_CLAIMED.
std::vector<CheckResult> PartChecks(const std::vector<CheckResult>& own,
                                    const std::vector<CheckResult>& complaint_wide);

// The five checks of the complaint as a whole (IN_REMIT, PROPERLY_MADE,
// COMPLAINTS_PROCESS_COMPLETE, WITHIN_TIME, INJUSTICE_CLAIMED), as Assessment.checks has always
// had them: a check judged per organisation passes when it passed for every organisation, with
// their reasons joined (and IN_REMIT fails when no organisation is named); PROPERLY_MADE is the
// complaint-wide check and fails too when an organisation's MP_REFERRAL failed, whose reason it
// then adds.
std::vector<CheckResult> SummariseChecks(const std::vector<CheckResult>& complaint_wide,
                                         const std::vector<OrganisationAssessment>& parts);

// The whole assessment: every organisation's part, in the complaint's order, decided with
// DecideOutcome on its PartChecks; the summary checks; accepted when any part is; otherwise the
// closure DecideOutcome gives the summary checks, which is the closure of the earliest check that
// closed any part (or the caseworker's). The reason is the parts' reasons, each after its
// organisation's name when there are several. Also sets assessment_date.
Assessment Assess(const AssessmentInput& input, const std::vector<CheckOverride>& overrides,
                  CaseworkerClosure closure, const std::string& closure_note);

// The organisations the complaint was accepted for, in the complaint's order.
std::vector<std::string> AcceptedOrganisations(const Assessment& assessment);

}  // namespace redress::intake
