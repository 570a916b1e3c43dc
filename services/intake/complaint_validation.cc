#include "services/intake/complaint_validation.h"

#include <algorithm>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/validation.h"
#include "services/intake/assessment_checks.h"

namespace redress::intake {
namespace {

constexpr size_t kMaxNarrativeChars = 20000;
constexpr size_t kMaxRelationshipChars = 50;
constexpr size_t kMaxReferenceChars = 100;
constexpr size_t kMaxNoteChars = 2000;
constexpr size_t kMaxReviewerChars = 100;
// AssessComplaintRequest.overrides: at most one per check.

std::string Path(absl::string_view field) { return absl::StrCat("complaint.", field); }

std::string Indexed(absl::string_view field, size_t index) {
  return absl::StrCat("complaint.", field, "[", index, "]");
}

void ValidatePerson(FieldViolations& v, const std::string& path, const Person& person,
                    absl::CivilDay today) {
  if (person.role == PersonRole::kUnspecified) v.Add(path + ".role", "role is required");
  CheckPersonalDetails(v, path + ".details", person.details,
                       /*title_required=*/person.role == PersonRole::kComplainant, today);
  CheckOptionalText(v, path + ".relationship", person.relationship, kMaxRelationshipChars);
  CheckOptionalText(v, path + ".anonymised_reference_override",
                    person.anonymised_reference_override, kMaxReferenceChars);
}

// A caseworker's override of a person's reference must not repeat another person's: references
// are unique on a complaint (anonymised_reference.h).
void ValidateReferenceOverrides(FieldViolations& v, const std::vector<Person>& people) {
  for (size_t i = 0; i < people.size(); ++i) {
    absl::string_view reference =
        absl::StripAsciiWhitespace(people[i].anonymised_reference_override);
    if (reference.empty()) continue;
    for (size_t j = 0; j < i; ++j) {
      if (!absl::EqualsIgnoreCase(
              reference, absl::StripAsciiWhitespace(people[j].anonymised_reference_override))) {
        continue;
      }
      v.Add(Indexed("people", i) + ".anonymised_reference_override",
            absl::StrCat("is already the reference of ", Indexed("people", j)));
      break;
    }
  }
}

void ValidatePeople(FieldViolations& v, const Complaint& c, absl::CivilDay today) {
  const size_t count = c.people.size();
  if (count < 1 || count > kMaxPeople) {
    v.Add(Path("people"),
          absl::StrCat("between 1 and ", kMaxPeople, " people are required, not ", count));
    if (count > kMaxPeople) return;
  }
  auto has_role = [&](PersonRole role) {
    return std::count_if(c.people.begin(), c.people.end(),
                         [&](const Person& p) { return p.role == role; });
  };
  if (has_role(PersonRole::kComplainant) == 0) {
    v.Add(Path("people"), "at least one complainant is required");
  }
  std::optional<size_t> representative;
  for (size_t i = 0; i < c.people.size(); ++i) {
    if (c.people[i].role == PersonRole::kRepresentative) {
      if (representative.has_value()) {
        v.Add(Indexed("people", i) + ".role",
              absl::StrCat("at most one representative is allowed; ",
                           Indexed("people", *representative), " is the representative"));
      } else {
        representative = i;
      }
    }
    ValidatePerson(v, Indexed("people", i), c.people[i], today);
  }
  ValidateReferenceOverrides(v, c.people);
}

void ValidateOrganisationIds(FieldViolations& v, const Complaint& c,
                             const std::vector<Organisation>& registered) {
  const std::vector<std::string>& ids = c.organisation_ids;
  if (ids.empty() || ids.size() > kMaxOrganisations) {
    v.Add(Path("organisations"), absl::StrCat("between 1 and ", kMaxOrganisations,
                                              " organisations are required, not ", ids.size()));
    if (ids.size() > kMaxOrganisations) return;
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    std::string name = absl::StrCat(kOrganisationsCollection, ids[i]);
    if (std::find(ids.begin(), ids.begin() + i, ids[i]) != ids.begin() + i) {
      v.Add(Indexed("organisations", i), absl::StrCat(name, " is named more than once"));
      continue;
    }
    bool known = std::any_of(registered.begin(), registered.end(),
                             [&](const Organisation& o) { return o.id == ids[i]; });
    if (!known) v.Add(Indexed("organisations", i), absl::StrCat("unknown organisation ", name));
  }
}

void ValidateMpReferral(FieldViolations& v, const std::optional<MpReferral>& referral,
                        absl::CivilDay today) {
  if (!referral.has_value()) return;
  CheckRequiredText(v, Path("mp_referral.mp_name"), referral->mp_name, 100);
  CheckOptionalText(v, Path("mp_referral.constituency"), referral->constituency, 100);
  CheckNotInFuture(v, Path("mp_referral.referral_date"), referral->referral_date, today);
}

void ValidateNarrative(FieldViolations& v, const Complaint& c, const FieldSelection& fields) {
  if (fields.Has("what_went_wrong")) {
    CheckRequiredText(v, Path("what_went_wrong"), c.what_went_wrong, kMaxNarrativeChars);
  }
  if (fields.Has("injustice_claimed")) {
    CheckOptionalText(v, Path("injustice_claimed"), c.injustice_claimed, kMaxNarrativeChars);
  }
  if (fields.Has("outcome_wanted")) {
    CheckOptionalText(v, Path("outcome_wanted"), c.outcome_wanted, kMaxNarrativeChars);
  }
}

void ValidateDates(FieldViolations& v, const Complaint& c, const FieldSelection& fields,
                   absl::CivilDay today) {
  const bool has_receive_date = c.receive_date != kUnsetDate;
  if (fields.Has("receive_date")) {
    if (!has_receive_date) v.Add(Path("receive_date"), "receive_date is required");
    CheckNotInFuture(v, Path("receive_date"), c.receive_date, today);
  }
  if (fields.Has("aware_date")) {
    if (!c.aware_date.has_value()) v.Add(Path("aware_date"), "aware_date is required");
    CheckNotInFuture(v, Path("aware_date"), c.aware_date, today);
  }
  if ((fields.Has("aware_date") || fields.Has("receive_date")) && c.aware_date.has_value() &&
      has_receive_date && *c.aware_date > c.receive_date) {
    v.Add(Path("aware_date"), "aware_date must not be after receive_date");
  }
  if (fields.Has("complained_to_organisation_date")) {
    CheckNotInFuture(v, Path("complained_to_organisation_date"), c.complained_to_organisation_date,
                     today);
  }
  const bool final_selected =
      fields.Has("final_response_date") || fields.Has("complained_to_organisation_date");
  if (!final_selected || !c.final_response_date.has_value()) return;
  if (fields.Has("final_response_date")) {
    CheckNotInFuture(v, Path("final_response_date"), c.final_response_date, today);
  }
  if (!c.complained_to_organisation_date.has_value()) {
    v.Add(Path("final_response_date"),
          "final_response_date requires complained_to_organisation_date");
  } else if (*c.final_response_date < *c.complained_to_organisation_date) {
    v.Add(Path("final_response_date"),
          "final_response_date must not be before complained_to_organisation_date");
  }
}

// overrides[i]: a judgement check (not a legal bar, IsLegalBar), not overridden before for the
// same organisation, an organisation only for a check judged per organisation, and a reason. A
// check outside AssessmentCheck's values stands for one the request did not give (or gave as a
// number the API does not define): proto_convert keeps such an override in place so that the
// indexes of the later ones stay true. Whether the organisation is the complaint's is checked
// against the stored complaint (complaint_assessment.cc).
void ValidateOverride(FieldViolations& v, const std::vector<CheckOverride>& overrides, size_t i) {
  const CheckOverride& override = overrides[i];
  const std::string path = absl::StrCat("overrides[", i, "]");
  const int check = static_cast<int>(override.check);
  // An override without an organisation counts for every organisation, so it clashes with any
  // other override of the same check.
  auto clashes = [&](const CheckOverride& o) {
    return o.check == override.check &&
           (o.organisation_id.empty() || override.organisation_id.empty() ||
            o.organisation_id == override.organisation_id);
  };
  if (check < static_cast<int>(AssessmentCheck::kInRemit) ||
      check > static_cast<int>(AssessmentCheck::kMpReferral)) {
    v.Add(path + ".check", "check is required");
  } else if (override.check == AssessmentCheck::kInRemit) {
    v.Add(path + ".check", "the in-remit check cannot be overridden");
  } else if (override.check == AssessmentCheck::kMpReferral) {
    v.Add(path + ".check",
          "the MP referral check cannot be overridden: a referral the law requires is not a "
          "matter of judgement");
  } else if (std::any_of(overrides.begin(), overrides.begin() + i, clashes)) {
    v.Add(path + ".check", "at most one override per check and organisation");
  } else if (!override.organisation_id.empty() && !IsJudgedPerOrganisation(override.check)) {
    v.Add(path + ".organisation",
          absl::StrCat(AssessmentCheckName(override.check),
                       " is judged for the complaint as a whole, not for one organisation"));
  }
  CheckRequiredText(v, path + ".reason", override.reason, kMaxNoteChars);
}

// organisation_dates: each entry for one of the complaint's organisations, at most one each, with
// the same rules on its dates as the complaint's own dates.
void ValidateOrganisationDates(FieldViolations& v, const Complaint& c, absl::CivilDay today) {
  const std::vector<OrganisationDates>& entries = c.organisation_dates;
  for (size_t i = 0; i < entries.size(); ++i) {
    const OrganisationDates& entry = entries[i];
    const std::string path = Indexed("organisation_dates", i);
    const std::string name = absl::StrCat(kOrganisationsCollection, entry.organisation_id);
    if (entry.organisation_id.empty()) {
      v.Add(path + ".organisation", "organisation is required");
    } else if (std::find(c.organisation_ids.begin(), c.organisation_ids.end(),
                         entry.organisation_id) == c.organisation_ids.end()) {
      v.Add(path + ".organisation",
            absl::StrCat(name, " is not one of the complaint's organisations"));
    } else if (std::any_of(entries.begin(), entries.begin() + i, [&](const OrganisationDates& e) {
                 return e.organisation_id == entry.organisation_id;
               })) {
      v.Add(path + ".organisation", absl::StrCat(name, " has more than one entry"));
    }
    CheckNotInFuture(v, path + ".complained_to_organisation_date",
                     entry.complained_to_organisation_date, today);
    CheckNotInFuture(v, path + ".final_response_date", entry.final_response_date, today);
    if (!entry.final_response_date.has_value()) continue;
    if (!entry.complained_to_organisation_date.has_value()) {
      v.Add(path + ".final_response_date",
            "final_response_date requires complained_to_organisation_date");
    } else if (*entry.final_response_date < *entry.complained_to_organisation_date) {
      v.Add(path + ".final_response_date",
            "final_response_date must not be before complained_to_organisation_date");
    }
  }
}

}  // namespace

const std::vector<std::string>& UpdatableComplaintFields() {
  static const auto* const kFields = new std::vector<std::string>{"people",
                                                                  "complainants_reference_override",
                                                                  "mp_referral",
                                                                  "organisations",
                                                                  "channel",
                                                                  "confirmed_in_writing",
                                                                  "what_went_wrong",
                                                                  "injustice_claimed",
                                                                  "outcome_wanted",
                                                                  "aware_date",
                                                                  "complained_to_organisation_date",
                                                                  "final_response_date",
                                                                  "receive_date",
                                                                  "organisation_dates"};
  return *kFields;
}

bool IsPeopleField(std::string_view path) {
  return path == "people" || path == "complainants_reference_override";
}

const std::vector<std::string>& UpdatableOrganisationFields() {
  static const auto* const kFields = new std::vector<std::string>{
      "display_name", "short_name",           "kind",    "jurisdiction",
      "in_remit",     "mp_referral_required", "location"};
  return *kFields;
}

void ValidateComplaint(FieldViolations& v, const Complaint& complaint, const FieldSelection& fields,
                       const std::vector<Organisation>& registered, absl::CivilDay today) {
  if (fields.Has("people")) ValidatePeople(v, complaint, today);
  if (fields.Has("complainants_reference_override")) {
    CheckOptionalText(v, Path("complainants_reference_override"),
                      complaint.complainants_reference_override, kMaxReferenceChars);
  }
  if (fields.Has("mp_referral")) ValidateMpReferral(v, complaint.mp_referral, today);
  if (fields.Has("organisations")) ValidateOrganisationIds(v, complaint, registered);
  if (fields.Has("channel") && complaint.channel == SubmissionChannel::kUnspecified) {
    v.Add(Path("channel"), "channel is required");
  }
  ValidateNarrative(v, complaint, fields);
  ValidateDates(v, complaint, fields, today);
  if (fields.Has("organisation_dates") || fields.Has("organisations")) {
    ValidateOrganisationDates(v, complaint, today);
  }
}

bool IsValidOrganisationId(std::string_view id) {
  if (id.empty() || id.size() > 63 || id.front() < 'a' || id.front() > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-';
  });
}

void ValidateOrganisation(FieldViolations& v, const Organisation& organisation,
                          const FieldSelection& fields) {
  if (fields.Has("display_name")) {
    CheckRequiredText(v, "organisation.display_name", organisation.display_name, 200);
  }
  if (fields.Has("short_name")) {
    CheckRequiredText(v, "organisation.short_name", organisation.short_name, 50);
  }
  if (fields.Has("kind") && organisation.kind == OrganisationKind::kUnspecified) {
    v.Add("organisation.kind", "kind is required");
  }
  if (fields.Has("jurisdiction") && organisation.jurisdiction == Jurisdiction::kUnspecified) {
    v.Add("organisation.jurisdiction", "jurisdiction is required");
  }
  if (fields.Has("location")) {
    CheckOptionalText(v, "organisation.location", organisation.location, 100);
  }
}

void ValidateAssessCommand(FieldViolations& v, const AssessCommand& command, absl::CivilDay today) {
  CheckRequestId(v, "request_id", command.request_id);
  CheckRequiredText(v, "assessor", command.assessor, 100);
  if (command.overrides.size() > kMaxOverrides) {
    v.Add("overrides", absl::StrCat("at most ", kMaxOverrides, " overrides are allowed, not ",
                                    command.overrides.size()));
  } else {
    for (size_t i = 0; i < command.overrides.size(); ++i) ValidateOverride(v, command.overrides, i);
  }
  if (command.closure != CaseworkerClosure::kNone) {
    CheckRequiredText(v, "closure_reason_note", command.closure_note, kMaxNoteChars);
  } else {
    CheckOptionalText(v, "closure_reason_note", command.closure_note, kMaxNoteChars);
  }
  CheckNotInFuture(v, "assessment_date", command.assessment_date, today);
}

void ValidateRequestReviewCommand(FieldViolations& v, const RequestReviewCommand& command,
                                  absl::CivilDay today) {
  CheckRequestId(v, "request_id", command.request_id);
  if (command.ground == AssessmentReviewGround::kUnspecified) v.Add("ground", "ground is required");
  CheckRequiredText(v, "explanation", command.explanation, kMaxNarrativeChars);
  CheckNotInFuture(v, "request_date", command.request_date, today);
}

void ValidateDecideReviewCommand(FieldViolations& v, const DecideReviewCommand& command,
                                 absl::CivilDay today) {
  if (command.outcome == AssessmentReviewOutcome::kUndecided) {
    v.Add("outcome", "outcome is required");
  }
  CheckRequiredText(v, "reason", command.reason, kMaxNarrativeChars);
  CheckRequiredText(v, "reviewer", command.reviewer, kMaxReviewerChars);
  CheckNotInFuture(v, "decide_date", command.decide_date, today);
}

}  // namespace redress::intake
