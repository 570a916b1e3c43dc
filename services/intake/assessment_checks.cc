#include "services/intake/assessment_checks.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace redress::intake {
namespace {

std::string Date(absl::CivilDay day) { return absl::FormatCivilTime(day); }

CheckResult Result(AssessmentCheck check, bool passed, std::string reason) {
  CheckResult result;
  result.check = check;
  result.passed = passed;
  result.reason = std::move(reason);
  return result;
}

const Organisation* FindOrganisation(const std::vector<Organisation>& organisations,
                                     const std::string& id) {
  auto it = std::find_if(organisations.begin(), organisations.end(),
                         [&](const Organisation& o) { return o.id == id; });
  return it == organisations.end() ? nullptr : &*it;
}

absl::string_view ChannelName(SubmissionChannel channel) {
  switch (channel) {
    case SubmissionChannel::kOnlineForm:
      return "online form";
    case SubmissionChannel::kEmail:
      return "email";
    case SubmissionChannel::kLetter:
      return "letter";
    case SubmissionChannel::kTelephone:
      return "telephone";
    case SubmissionChannel::kUnspecified:
      break;
  }
  return "unknown channel";
}

// What stops a complaint being properly made about its channel and people; empty when nothing.
std::vector<std::string> PeopleAndChannelProblems(const Complaint& c) {
  std::vector<std::string> problems;
  if (c.channel == SubmissionChannel::kUnspecified) {
    problems.push_back("the channel it arrived by is not recorded");
  } else if (c.channel == SubmissionChannel::kTelephone && !c.confirmed_in_writing) {
    problems.push_back("made by telephone and not confirmed in writing");
  }
  bool has_complainant = false;
  for (const Person& person : c.people) {
    if (person.role == PersonRole::kComplainant) has_complainant = true;
    if (person.role == PersonRole::kRepresentative && !person.authorised) {
      problems.push_back(absl::StrCat("the representative (", person.anonymised_reference,
                                      ") is not authorised by the complainants"));
    }
  }
  if (!has_complainant) problems.push_back("no complainant is recorded");
  return problems;
}

std::string ProperlyMadeSummary(const Complaint& c) {
  std::string summary =
      absl::StrCat("made in writing (", ChannelName(c.channel),
                   c.channel == SubmissionChannel::kTelephone ? ", confirmed in writing" : "",
                   ") by ", c.complainants_reference);
  for (const Person& person : c.people) {
    if (person.role == PersonRole::kRepresentative) {
      absl::StrAppend(&summary, " through an authorised representative (",
                      person.anonymised_reference, ")");
    }
  }
  if (c.mp_referral.has_value()) {
    absl::StrAppend(&summary, ", referred by ", c.mp_referral->mp_name);
    if (c.mp_referral->referral_date.has_value()) {
      absl::StrAppend(&summary, " on ", Date(*c.mp_referral->referral_date));
    }
  }
  return summary;
}

// The last day reached by counting `n` weekdays after `start`, ignoring bank holidays.
absl::CivilDay AddWeekdays(absl::CivilDay start, int n) {
  absl::CivilDay day = start;
  while (n > 0) {
    ++day;
    absl::Weekday weekday = absl::GetWeekday(day);
    if (weekday != absl::Weekday::saturday && weekday != absl::Weekday::sunday) --n;
  }
  return day;
}

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

}  // namespace

absl::CivilDay AddMonthsClamped(absl::CivilDay day, int months) {
  absl::CivilMonth month = absl::CivilMonth(day) + months;
  absl::CivilDay last_of_month = absl::CivilDay(month + 1) - 1;
  return absl::CivilDay(month.year(), month.month(), std::min(day.day(), last_of_month.day()));
}

absl::CivilDay TimeLimitEnd(absl::CivilDay aware_date, const IntakePolicy& policy) {
  return AddMonthsClamped(aware_date, policy.time_limit_months);
}

ResponseDeadline ReasonableResponseEnd(absl::CivilDay complained,
                                       const WorkingDayCalendar& calendar,
                                       const IntakePolicy& policy) {
  auto end = calendar.AddWorkingDays(complained, policy.reasonable_response_working_days);
  if (end.ok()) return {*end, false};
  return {AddWeekdays(complained, policy.reasonable_response_working_days), true};
}

CheckResult CheckInRemit(const AssessmentInput& input) {
  std::vector<std::string> in_remit, out_of_remit;
  for (const std::string& id : input.complaint.organisation_ids) {
    const Organisation* organisation = FindOrganisation(input.organisations, id);
    if (organisation == nullptr) {
      out_of_remit.push_back(absl::StrCat("organisations/", id, " (not in the register)"));
    } else {
      (organisation->in_remit ? in_remit : out_of_remit).push_back(organisation->display_name);
    }
  }
  if (input.complaint.organisation_ids.empty()) {
    return Result(AssessmentCheck::kInRemit, false, "no organisation is named");
  }
  if (!out_of_remit.empty()) {
    return Result(AssessmentCheck::kInRemit, false,
                  absl::StrCat("not in the scheme's remit: ", absl::StrJoin(out_of_remit, "; ")));
  }
  return Result(AssessmentCheck::kInRemit, true,
                absl::StrCat("in the scheme's remit: ", absl::StrJoin(in_remit, "; ")));
}

CheckResult CheckProperlyMade(const AssessmentInput& input) {
  const Complaint& c = input.complaint;
  std::vector<std::string> problems = PeopleAndChannelProblems(c);
  if (!c.mp_referral.has_value()) {
    for (const std::string& id : c.organisation_ids) {
      const Organisation* organisation = FindOrganisation(input.organisations, id);
      if (organisation != nullptr && organisation->mp_referral_required) {
        problems.push_back(absl::StrCat("complaints about ", organisation->display_name,
                                        " need an MP referral and there is none"));
      }
    }
  }
  if (!problems.empty()) {
    return Result(AssessmentCheck::kProperlyMade, false,
                  absl::StrCat("not properly made: ", absl::StrJoin(problems, "; ")));
  }
  return Result(AssessmentCheck::kProperlyMade, true, ProperlyMadeSummary(c));
}

CheckResult CheckComplaintsProcessComplete(const AssessmentInput& input) {
  const Complaint& c = input.complaint;
  constexpr AssessmentCheck kCheck = AssessmentCheck::kComplaintsProcessComplete;
  if (c.final_response_date.has_value()) {
    return Result(
        kCheck, true,
        absl::StrCat("the organisation gave its final response on ", Date(*c.final_response_date)));
  }
  if (!c.complained_to_organisation_date.has_value()) {
    return Result(kCheck, false,
                  "premature: no complaint to the organisation is recorded, so its complaints "
                  "process has not started");
  }
  absl::CivilDay complained = *c.complained_to_organisation_date;
  ResponseDeadline deadline = ReasonableResponseEnd(complained, input.calendar, input.policy);
  const absl::CivilDay end = deadline.end;
  std::string facts = absl::StrCat(
      "complained to the organisation on ", Date(complained), " with no final response; ",
      input.policy.reasonable_response_working_days, " working days from then end ", Date(end),
      deadline.weekdays_only
          ? " (the calendar has no bank holidays for those dates, so weekdays were counted)"
          : "");
  // Judged at assessment, not receipt: the organisation's reasonable time runs until we decide.
  if (input.assessment_date >= end) {
    return Result(
        kCheck, true,
        absl::StrCat(facts, ", on or before assessment on ", Date(input.assessment_date)));
  }
  return Result(
      kCheck, false,
      absl::StrCat("premature: ", facts, ", after assessment on ", Date(input.assessment_date)));
}

CheckResult CheckWithinTime(const AssessmentInput& input) {
  const Complaint& c = input.complaint;
  if (!c.aware_date.has_value()) {
    return Result(AssessmentCheck::kWithinTime, false,
                  "no date of becoming aware of the problem is recorded");
  }
  absl::CivilDay end = TimeLimitEnd(*c.aware_date, input.policy);
  std::string months = absl::StrCat(input.policy.time_limit_months, " months");
  if (c.receive_date <= end) {
    return Result(
        AssessmentCheck::kWithinTime, true,
        absl::StrCat("received ", Date(c.receive_date), ", within ", months, " of awareness on ",
                     Date(*c.aware_date), " (ending ", Date(end), ")"));
  }
  return Result(AssessmentCheck::kWithinTime, false,
                absl::StrCat("out of time: received ", Date(c.receive_date), ", ", months,
                             " from awareness on ", Date(*c.aware_date), " ended ", Date(end)));
}

CheckResult CheckInjusticeClaimed(const AssessmentInput& input) {
  const Complaint& c = input.complaint;
  std::vector<std::string> missing;
  if (absl::StripAsciiWhitespace(c.injustice_claimed).empty()) {
    missing.push_back("no injustice or hardship is claimed");
  }
  if (absl::StripAsciiWhitespace(c.outcome_wanted).empty()) {
    missing.push_back("no outcome wanted is stated");
  }
  if (!missing.empty()) {
    return Result(AssessmentCheck::kInjusticeClaimed, false, absl::StrJoin(missing, "; "));
  }
  return Result(AssessmentCheck::kInjusticeClaimed, true,
                "an injustice is claimed and an outcome wanted is stated");
}

std::vector<CheckResult> RunChecks(const AssessmentInput& input) {
  return {CheckInRemit(input), CheckProperlyMade(input), CheckComplaintsProcessComplete(input),
          CheckWithinTime(input), CheckInjusticeClaimed(input)};
}

void ApplyOverrides(std::vector<CheckResult>& checks, const std::vector<CheckOverride>& overrides) {
  for (const CheckOverride& override : overrides) {
    if (override.check == AssessmentCheck::kInRemit) continue;
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

Assessment Assess(const AssessmentInput& input, const std::vector<CheckOverride>& overrides,
                  CaseworkerClosure closure, const std::string& closure_note) {
  std::vector<CheckResult> checks = RunChecks(input);
  ApplyOverrides(checks, overrides);
  Assessment assessment = DecideOutcome(std::move(checks), closure, closure_note);
  assessment.assessment_date = input.assessment_date;
  return assessment;
}

std::string AssessmentCheckName(AssessmentCheck check) {
  switch (check) {
    case AssessmentCheck::kInRemit:
      return "IN_REMIT";
    case AssessmentCheck::kProperlyMade:
      return "PROPERLY_MADE";
    case AssessmentCheck::kComplaintsProcessComplete:
      return "COMPLAINTS_PROCESS_COMPLETE";
    case AssessmentCheck::kWithinTime:
      return "WITHIN_TIME";
    case AssessmentCheck::kInjusticeClaimed:
      return "INJUSTICE_CLAIMED";
  }
  return "UNSPECIFIED";
}

}  // namespace redress::intake
