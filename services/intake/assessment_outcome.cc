#include "services/intake/assessment_outcome.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace redress::intake {
namespace {

absl::string_view ClosureLabel(ClosureReason reason) {
  switch (reason) {
    case ClosureReason::kOutOfRemit:
      return "Closed as out of remit";
    case ClosureReason::kNotProperlyMade:
      return "Closed as not properly made";
    case ClosureReason::kPremature:
      return "Closed as premature";
    case ClosureReason::kDiscretion:
      return "Declined in the scheme's discretion";
    case ClosureReason::kResolvedWithoutInvestigation:
      return "Resolved without investigation";
    case ClosureReason::kWithdrawn:
      return "Withdrawn";
    case ClosureReason::kNone:
      break;
  }
  return "Accepted";
}

ClosureReason ClosureFor(AssessmentCheck failed) {
  switch (failed) {
    case AssessmentCheck::kInRemit:
      return ClosureReason::kOutOfRemit;
    case AssessmentCheck::kMpReferral:
    case AssessmentCheck::kProperlyMade:
      return ClosureReason::kNotProperlyMade;
    case AssessmentCheck::kComplaintsProcessComplete:
      return ClosureReason::kPremature;
    case AssessmentCheck::kWithinTime:
    case AssessmentCheck::kInjusticeClaimed:
      break;
  }
  return ClosureReason::kDiscretion;
}

// "<check reason>" plus the caseworker's override, when there is one.
std::string CheckSummary(const CheckResult& check) {
  if (!check.overridden) return check.reason;
  return absl::StrCat(check.reason, " (", AssessmentCheckName(check.check), " overridden to ",
                      check.passed ? "passed" : "failed", ": ", check.override_reason, ")");
}

const CheckResult* Find(const std::vector<CheckResult>& checks, AssessmentCheck kind) {
  auto it = std::find_if(checks.begin(), checks.end(),
                         [&](const CheckResult& c) { return c.check == kind; });
  return it == checks.end() ? nullptr : &*it;
}

// One check standing for `results`: passed when every one passed, overridden when any was, with
// their reasons joined and their distinct override reasons joined.
CheckResult Combine(AssessmentCheck kind, const std::vector<const CheckResult*>& results) {
  CheckResult combined;
  combined.check = kind;
  combined.passed = true;
  std::vector<std::string> reasons, override_reasons;
  for (const CheckResult* result : results) {
    combined.passed = combined.passed && result->passed;
    reasons.push_back(result->reason);
    if (!result->overridden) continue;
    combined.overridden = true;
    if (std::find(override_reasons.begin(), override_reasons.end(), result->override_reason) ==
        override_reasons.end()) {
      override_reasons.push_back(result->override_reason);
    }
  }
  combined.reason = absl::StrJoin(reasons, "; ");
  combined.override_reason = absl::StrJoin(override_reasons, "; ");
  return combined;
}

// The check `kind` of every part, combined; failed when there are no parts.
CheckResult CombineParts(AssessmentCheck kind, const std::vector<OrganisationAssessment>& parts) {
  if (parts.empty()) {
    CheckResult none;
    none.check = kind;
    none.reason = "no organisation is named";
    return none;
  }
  std::vector<const CheckResult*> results;
  for (const OrganisationAssessment& part : parts) {
    if (const CheckResult* result = Find(part.checks, kind)) results.push_back(result);
  }
  return Combine(kind, results);
}

// The complaint's reason: the single part's, or each part's after its organisation's name.
std::string OverallReason(const std::vector<OrganisationAssessment>& parts,
                          const std::vector<Organisation>& registered) {
  if (parts.size() == 1) return parts.front().reason;
  std::vector<std::string> reasons;
  for (const OrganisationAssessment& part : parts) {
    reasons.push_back(
        absl::StrCat(OrganisationLabel(registered, part.organisation_id), ": ", part.reason));
  }
  return absl::StrJoin(reasons, "; ");
}

}  // namespace

void ApplyOverrides(std::vector<CheckResult>& checks, const std::vector<CheckOverride>& overrides,
                    const std::string& organisation_id) {
  for (const CheckOverride& override : overrides) {
    if (IsLegalBar(override.check)) continue;
    if (!override.organisation_id.empty() && override.organisation_id != organisation_id) continue;
    for (CheckResult& check : checks) {
      if (check.check != override.check) continue;
      check.passed = override.passed;
      check.overridden = true;
      check.override_reason = override.reason;
    }
  }
}

Assessment DecideOutcome(std::vector<CheckResult> checks, CaseworkerClosure closure,
                         const std::string& closure_note) {
  Assessment assessment;
  assessment.checks = std::move(checks);
  auto failed = std::find_if(assessment.checks.begin(), assessment.checks.end(),
                             [](const CheckResult& c) { return !c.passed; });
  if (failed != assessment.checks.end()) {
    assessment.closure_reason = ClosureFor(failed->check);
    assessment.reason =
        absl::StrCat(ClosureLabel(assessment.closure_reason), ": ", CheckSummary(*failed));
    return assessment;
  }
  if (closure != CaseworkerClosure::kNone) {
    assessment.closure_reason = closure == CaseworkerClosure::kDiscretion
                                    ? ClosureReason::kDiscretion
                                    : ClosureReason::kResolvedWithoutInvestigation;
    assessment.reason = absl::StrCat(ClosureLabel(assessment.closure_reason),
                                     " although every check passed: ", closure_note);
    return assessment;
  }
  assessment.accepted = true;
  std::vector<std::string> overridden;
  for (const CheckResult& check : assessment.checks) {
    if (check.overridden) overridden.push_back(CheckSummary(check));
  }
  assessment.reason = overridden.empty() ? "Accepted: every check passed"
                                         : absl::StrCat("Accepted: every check passed; ",
                                                        absl::StrJoin(overridden, "; "));
  return assessment;
}

std::vector<CheckResult> PartChecks(const std::vector<CheckResult>& own,
                                    const std::vector<CheckResult>& complaint_wide) {
  using C = AssessmentCheck;
  std::vector<CheckResult> checks;
  for (C kind : {C::kInRemit, C::kMpReferral, C::kProperlyMade, C::kComplaintsProcessComplete,
                 C::kWithinTime, C::kInjusticeClaimed}) {
    const CheckResult* result = Find(IsJudgedPerOrganisation(kind) ? own : complaint_wide, kind);
    if (result != nullptr) checks.push_back(*result);
  }
  return checks;
}

std::vector<CheckResult> SummariseChecks(const std::vector<CheckResult>& complaint_wide,
                                         const std::vector<OrganisationAssessment>& parts) {
  using C = AssessmentCheck;
  std::vector<CheckResult> summary;
  summary.push_back(CombineParts(C::kInRemit, parts));
  // DESIGN's "properly made" includes the MP referral an organisation needs.
  std::vector<const CheckResult*> properly_made;
  if (const CheckResult* own = Find(complaint_wide, C::kProperlyMade)) properly_made.push_back(own);
  for (const OrganisationAssessment& part : parts) {
    const CheckResult* referral = Find(part.checks, C::kMpReferral);
    if (referral != nullptr && !referral->passed) properly_made.push_back(referral);
  }
  summary.push_back(Combine(C::kProperlyMade, properly_made));
  summary.push_back(CombineParts(C::kComplaintsProcessComplete, parts));
  for (C kind : {C::kWithinTime, C::kInjusticeClaimed}) {
    if (const CheckResult* result = Find(complaint_wide, kind)) summary.push_back(*result);
  }
  return summary;
}

Assessment Assess(const AssessmentInput& input, const std::vector<CheckOverride>& overrides,
                  CaseworkerClosure closure, const std::string& closure_note) {
  std::vector<CheckResult> complaint_wide = RunComplaintChecks(input);
  ApplyOverrides(complaint_wide, overrides);
  std::vector<OrganisationAssessment> parts;
  for (const std::string& id : input.complaint.organisation_ids) {
    OrganisationAssessment part;
    part.organisation_id = id;
    part.checks = RunOrganisationChecks(input, id);
    ApplyOverrides(part.checks, overrides, id);
    Assessment decided =
        DecideOutcome(PartChecks(part.checks, complaint_wide), closure, closure_note);
    part.accepted = decided.accepted;
    part.closure_reason = decided.closure_reason;
    part.reason = std::move(decided.reason);
    parts.push_back(std::move(part));
  }
  Assessment assessment =
      DecideOutcome(SummariseChecks(complaint_wide, parts), closure, closure_note);
  // The complaint goes ahead for whatever part of it can be investigated (the PHSO assesses a
  // complaint about several bodies body by body); a closed part keeps its own reason.
  assessment.accepted = std::any_of(parts.begin(), parts.end(),
                                    [](const OrganisationAssessment& p) { return p.accepted; });
  if (assessment.accepted) assessment.closure_reason = ClosureReason::kNone;
  if (!parts.empty()) assessment.reason = OverallReason(parts, input.organisations);
  assessment.organisations = std::move(parts);
  assessment.assessment_date = input.assessment_date;
  return assessment;
}

std::vector<std::string> AcceptedOrganisations(const Assessment& assessment) {
  std::vector<std::string> accepted;
  for (const OrganisationAssessment& part : assessment.organisations) {
    if (part.accepted) accepted.push_back(part.organisation_id);
  }
  return accepted;
}

}  // namespace redress::intake
