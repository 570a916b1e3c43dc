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

DateMade ComplaintMadeOn(const AssessmentInput& input) {
  const Complaint& c = input.complaint;
  // The Parliamentary Commissioner Act 1967 (s.6(3)), which the PHSO applies to complaints about
  // bodies in the parliamentary jurisdiction, counts the 12 months to the day the complaint was
  // made to a Member of Parliament, not to the day the Ombudsman received it from the MP. Health
  // complaints, and parliamentary ones that did not come through an MP, count to receipt.
  const bool parliamentary =
      std::any_of(c.organisation_ids.begin(), c.organisation_ids.end(), [&](const std::string& id) {
        const Organisation* organisation = FindOrganisation(input.organisations, id);
        return organisation != nullptr &&
               organisation->jurisdiction == Jurisdiction::kParliamentary;
      });
  if (parliamentary && c.mp_referral.has_value() && c.mp_referral->referral_date.has_value()) {
    return {*c.mp_referral->referral_date, absl::StrCat("made to ", c.mp_referral->mp_name, " on")};
  }
  return {c.receive_date, "received"};
}

std::string OrganisationLabel(const std::vector<Organisation>& organisations,
                              const std::string& organisation_id) {
  const Organisation* organisation = FindOrganisation(organisations, organisation_id);
  return organisation == nullptr ? absl::StrCat(kOrganisationsCollection, organisation_id)
                                 : organisation->display_name;
}

CheckResult CheckInRemit(const AssessmentInput& input, const std::string& organisation_id) {
  const Organisation* organisation = FindOrganisation(input.organisations, organisation_id);
  if (organisation == nullptr) {
    return Result(AssessmentCheck::kInRemit, false,
                  absl::StrCat("not in the scheme's remit: ", kOrganisationsCollection,
                               organisation_id, " (not in the register)"));
  }
  if (!organisation->in_remit) {
    return Result(AssessmentCheck::kInRemit, false,
                  absl::StrCat("not in the scheme's remit: ", organisation->display_name));
  }
  return Result(AssessmentCheck::kInRemit, true,
                absl::StrCat("in the scheme's remit: ", organisation->display_name));
}

CheckResult CheckMpReferral(const AssessmentInput& input, const std::string& organisation_id) {
  const Complaint& c = input.complaint;
  const Organisation* organisation = FindOrganisation(input.organisations, organisation_id);
  const std::string label = OrganisationLabel(input.organisations, organisation_id);
  if (organisation == nullptr || !organisation->mp_referral_required) {
    return Result(AssessmentCheck::kMpReferral, true, absl::StrCat(label, " needs no MP referral"));
  }
  if (!c.mp_referral.has_value()) {
    return Result(AssessmentCheck::kMpReferral, false,
                  absl::StrCat("complaints about ", label,
                               " need an MP referral and there is none; the law requires it, so "
                               "it cannot be overridden"));
  }
  std::string referral = absl::StrCat("complaints about ", label,
                                      " need an MP referral: referred by ", c.mp_referral->mp_name);
  if (c.mp_referral->referral_date.has_value()) {
    absl::StrAppend(&referral, " on ", Date(*c.mp_referral->referral_date));
  }
  return Result(AssessmentCheck::kMpReferral, true, std::move(referral));
}

CheckResult CheckComplaintsProcessComplete(const AssessmentInput& input,
                                           const std::string& organisation_id) {
  constexpr AssessmentCheck kCheck = AssessmentCheck::kComplaintsProcessComplete;
  const OrganisationDates dates = DatesFor(input.complaint, organisation_id);
  const std::string label = OrganisationLabel(input.organisations, organisation_id);
  if (dates.final_response_date.has_value()) {
    return Result(
        kCheck, true,
        absl::StrCat(label, " gave its final response on ", Date(*dates.final_response_date)));
  }
  if (!dates.complained_to_organisation_date.has_value()) {
    return Result(kCheck, false,
                  absl::StrCat("premature: no complaint to the organisation (", label,
                               ") is recorded, so its complaints process has not started"));
  }
  absl::CivilDay complained = *dates.complained_to_organisation_date;
  ResponseDeadline deadline = ReasonableResponseEnd(complained, input.calendar, input.policy);
  const absl::CivilDay end = deadline.end;
  std::string facts = absl::StrCat(
      "complained to ", label, " on ", Date(complained), " with no final response; ",
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

std::vector<CheckResult> RunOrganisationChecks(const AssessmentInput& input,
                                               const std::string& organisation_id) {
  return {CheckInRemit(input, organisation_id), CheckMpReferral(input, organisation_id),
          CheckComplaintsProcessComplete(input, organisation_id)};
}

CheckResult CheckProperlyMade(const AssessmentInput& input) {
  const Complaint& c = input.complaint;
  std::vector<std::string> problems = PeopleAndChannelProblems(c);
  if (!problems.empty()) {
    return Result(AssessmentCheck::kProperlyMade, false,
                  absl::StrCat("not properly made: ", absl::StrJoin(problems, "; ")));
  }
  return Result(AssessmentCheck::kProperlyMade, true, ProperlyMadeSummary(c));
}

CheckResult CheckWithinTime(const AssessmentInput& input) {
  const Complaint& c = input.complaint;
  if (!c.aware_date.has_value()) {
    return Result(AssessmentCheck::kWithinTime, false,
                  "no date of becoming aware of the problem is recorded");
  }
  const DateMade made = ComplaintMadeOn(input);
  absl::CivilDay end = TimeLimitEnd(*c.aware_date, input.policy);
  std::string months = absl::StrCat(input.policy.time_limit_months, " months");
  if (made.date <= end) {
    return Result(
        AssessmentCheck::kWithinTime, true,
        absl::StrCat(made.how, " ", Date(made.date), ", within ", months, " of awareness on ",
                     Date(*c.aware_date), " (ending ", Date(end), ")"));
  }
  return Result(AssessmentCheck::kWithinTime, false,
                absl::StrCat("out of time: ", made.how, " ", Date(made.date), ", ", months,
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

std::vector<CheckResult> RunComplaintChecks(const AssessmentInput& input) {
  return {CheckProperlyMade(input), CheckWithinTime(input), CheckInjusticeClaimed(input)};
}

bool IsJudgedPerOrganisation(AssessmentCheck check) {
  return check == AssessmentCheck::kInRemit || check == AssessmentCheck::kMpReferral ||
         check == AssessmentCheck::kComplaintsProcessComplete;
}

bool IsLegalBar(AssessmentCheck check) {
  // The scheme has no power to look at a body outside its remit, nor, for a body whose register
  // entry says so, at a complaint that did not come through an MP (the "MP filter" of the
  // Parliamentary Commissioner Act 1967, s.5(1)); a caseworker's judgement cannot waive either.
  return check == AssessmentCheck::kInRemit || check == AssessmentCheck::kMpReferral;
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
    case AssessmentCheck::kMpReferral:
      return "MP_REFERRAL";
  }
  return "UNSPECIFIED";
}

}  // namespace redress::intake
