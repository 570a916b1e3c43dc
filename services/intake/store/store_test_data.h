// Test data for the intake store tests: fully populated organisations, complaints and hand-offs,
// and a scratch directory per test for file-backed stores.
#pragma once

#include <ostream>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/testing/scratch_dir.h"
#include "services/intake/complaint.h"
#include "services/intake/organisation.h"
#include "services/intake/store/store.h"

namespace redress::intake {

// Readable failure messages for EXPECT_EQ on domain types.
inline void PrintTo(const Organisation& o, std::ostream* os) {
  *os << "Organisation{" << o.id << ", \"" << o.display_name << "\", v" << o.version << "}";
}
inline void PrintTo(const Complaint& c, std::ostream* os) {
  *os << "Complaint{" << c.id << ", seq " << c.sequence << ", v" << c.version << ", state "
      << static_cast<int>(c.state) << ", " << c.people.size() << " people, "
      << c.organisation_ids.size() << " organisations, assessment "
      << (c.assessment.has_value() ? "yes" : "no") << "}";
}

namespace store_testing {

// Every test's scratch directory for file-backed stores.
using ::redress::testing::ScratchDir;

// A time with microseconds, as stores keep them.
inline absl::Time TimeAt(int64_t seconds, int64_t micros = 0) {
  return absl::FromUnixSeconds(1'700'000'000 + seconds) + absl::Microseconds(micros);
}

inline Organisation FullOrganisation(const std::string& id) {
  Organisation o;
  o.id = id;
  o.display_name = "HM Courts and Tribunals Service (HMCTS) – \"Wales\" £";
  o.short_name = "HMCTS";
  o.kind = OrganisationKind::kExecutiveAgency;
  o.jurisdiction = Jurisdiction::kParliamentary;
  o.in_remit = true;
  o.mp_referral_required = true;
  o.location = "UK";
  o.version = 1;
  o.create_time = TimeAt(1, 123456);
  o.update_time = TimeAt(2, 654321);
  return o;
}

inline Person FullPerson(const std::string& person_id, PersonRole role) {
  Person p;
  p.person_id = person_id;
  p.role = role;
  p.details.title = "Mrs";
  p.details.given_name = "Siân " + person_id;
  p.details.family_name = "O'Brien-Smyth";
  p.details.email = person_id + ".obrien@example.org";
  p.details.phone = "+44 20 7946 0" + std::to_string(person_id.size()) + "18";
  p.details.postal_address.lines = {"Flat 2", "14 Harbour Street", "", "Butetown"};
  p.details.postal_address.locality = "Cardiff";
  p.details.postal_address.postal_code = "CF10 5AA";
  p.details.postal_address.country = "GB";
  p.details.date_of_birth = absl::CivilDay(1961, 2, 28);
  p.relationship = role == PersonRole::kRepresentative ? "daughter" : "";
  p.authorised = role == PersonRole::kRepresentative;
  p.anonymised_reference = "Mrs O";
  p.anonymised_reference_override = role == PersonRole::kOther ? "Mrs O's daughter" : "";
  return p;
}

inline Assessment FullAssessment() {
  Assessment a;
  a.checks = {
      {AssessmentCheck::kInRemit, true, "HMCTS is in remit", false, ""},
      {AssessmentCheck::kProperlyMade, true, "Made in writing by the person affected", false, ""},
      {AssessmentCheck::kComplaintsProcessComplete, true, "Final response on 3 March", false, ""},
      {AssessmentCheck::kWithinTime, false, "Aware 14 months ago", true,
       "Illness – \"exceptional\" reasons"},
      {AssessmentCheck::kInjusticeClaimed, true, "£250 lost", false, ""},
  };
  a.organisations = {
      {"hmcts",
       {{AssessmentCheck::kInRemit, true, "in the scheme's remit: HMCTS", false, ""},
        {AssessmentCheck::kMpReferral, true, "referred by Jo Bloggs MP", false, ""},
        {AssessmentCheck::kComplaintsProcessComplete, false, "premature – \"no reply\"", true,
         "HMCTS refused to reply"}},
       true,
       ClosureReason::kNone,
       "Accepted: every check passed"},
      {"dwp",
       {{AssessmentCheck::kInRemit, true, "in the scheme's remit: DWP", false, ""},
        {AssessmentCheck::kMpReferral, false, "no MP referral", false, ""},
        {AssessmentCheck::kComplaintsProcessComplete, true, "final response £", false, ""}},
       false,
       ClosureReason::kNotProperlyMade,
       "Closed as not properly made"},
  };
  a.accepted = true;
  a.closure_reason = ClosureReason::kNone;
  a.reason = "Accepted: all checks pass (one by discretion)";
  a.assessor = "caseworker-17";
  a.assessment_date = absl::CivilDay(2024, 5, 20);
  a.assess_time = TimeAt(50, 1);
  a.request_id = "assess-req-1";
  a.request_fingerprint = "0123456789abcdef";
  return a;
}

// An assessment a review reopened: closed as premature, for one organisation.
inline Assessment PreviousAssessment() {
  Assessment a = FullAssessment();
  a.organisations.pop_back();
  a.organisations[0].accepted = false;
  a.organisations[0].closure_reason = ClosureReason::kPremature;
  a.accepted = false;
  a.closure_reason = ClosureReason::kPremature;
  a.reason = "Closed as premature: no final response";
  a.assessment_date = absl::CivilDay(2024, 4, 20);
  a.assess_time = TimeAt(40, 2);
  a.request_id = "assess-req-0";
  return a;
}

// A review of PreviousAssessment() that reopened the complaint; with `decided` false, still open.
inline AssessmentReview FullReview(bool decided = true) {
  AssessmentReview r;
  r.review_id = "r1";
  r.assessment_number = 1;
  r.ground = AssessmentReviewGround::kNewInformation;
  r.explanation = "HMCTS's final response – dated 30 June – \"arrived\" late.";
  r.request_date = absl::CivilDay(2024, 4, 25);
  r.request_time = TimeAt(45, 3);
  r.request_id = "review-req-1";
  r.request_fingerprint = "fedcba9876543210";
  if (!decided) return r;
  r.outcome = AssessmentReviewOutcome::kReopened;
  r.outcome_reason = "The final response changes the decision.";
  r.reviewer = "reviewer-2";
  r.decide_date = absl::CivilDay(2024, 4, 29);
  r.decide_time = TimeAt(48, 4);
  return r;
}

// Every field set, optional ones included.
inline Complaint FullComplaint(const std::string& id) {
  Complaint c;
  c.id = id;
  c.state = ComplaintState::kAccepted;
  c.people = {FullPerson("p1", PersonRole::kComplainant),
              FullPerson("p2", PersonRole::kRepresentative), FullPerson("p3", PersonRole::kOther)};
  c.complainants_reference = "Mrs O";
  c.complainants_reference_override = "Mr and Mrs O";
  c.mp_referral =
      MpReferral{"Jo Bloggs MP", "Cardiff South and Penarth", absl::CivilDay(2024, 4, 2)};
  c.organisation_ids = {"hmcts", "dwp"};
  c.channel = SubmissionChannel::kLetter;
  c.confirmed_in_writing = true;
  c.what_went_wrong = "The court lost my £250 fee – twice. They said \"it's in the post\".";
  c.injustice_claimed = "Distress; 'inconvenience' of three trips.";
  c.outcome_wanted = "An apology and £250 back.";
  c.aware_date = absl::CivilDay(2023, 3, 1);
  c.complained_to_organisation_date = absl::CivilDay(2023, 3, 10);
  c.final_response_date = absl::CivilDay(2023, 6, 30);
  c.organisation_dates = {{"dwp", absl::CivilDay(2023, 4, 3), absl::CivilDay(2023, 8, 1)},
                          {"hmcts", std::nullopt, std::nullopt}};
  c.receive_date = absl::CivilDay(2024, 5, 1);
  c.assessment = FullAssessment();
  c.previous_assessments = {PreviousAssessment()};
  c.reviews = {FullReview()};
  c.closure_reason = ClosureReason::kNone;
  c.closure_note = "—";
  c.version = 1;
  c.create_time = TimeAt(10, 999999);
  c.update_time = TimeAt(11, 1);
  return c;
}

// Only what a just-received complaint must have; every optional field unset.
inline Complaint MinimalComplaint(const std::string& id, absl::CivilDay receive_date,
                                  std::vector<std::string> organisation_ids = {"hmcts"}) {
  Complaint c;
  c.id = id;
  c.state = ComplaintState::kReceived;
  Person person;
  person.person_id = "p1";
  person.role = PersonRole::kComplainant;
  person.details.title = "Mr";
  person.details.given_name = "Ade";
  person.details.family_name = "Bello";
  person.anonymised_reference = "Mr B";
  c.people = {person};
  c.complainants_reference = "Mr B";
  c.organisation_ids = std::move(organisation_ids);
  c.channel = SubmissionChannel::kOnlineForm;
  c.what_went_wrong = "Something went wrong.";
  c.receive_date = receive_date;
  c.version = 1;
  c.create_time = TimeAt(20);
  c.update_time = TimeAt(20);
  return c;
}

inline RequestRecord Request(const std::string& scope, const std::string& request_id,
                             const std::string& resource_id) {
  return RequestRecord{scope, request_id, "fingerprint-of-" + request_id, resource_id};
}

inline AcceptanceHandoff HandoffFor(const Complaint& c, absl::Time accept_time) {
  AcceptanceHandoff h;
  h.handoff_key = "complaints/" + c.id + "/acceptance";
  h.complaint_id = c.id;
  h.complainants_reference = c.complainants_reference;
  h.organisation_ids = c.organisation_ids;
  h.what_went_wrong = c.what_went_wrong;
  h.injustice_claimed = c.injustice_claimed;
  h.outcome_wanted = c.outcome_wanted;
  h.accept_time = accept_time;
  h.jurisdiction = Jurisdiction::kParliamentary;
  for (const std::string& id : c.organisation_ids) {
    h.organisation_published_names.push_back("Published name of " + id);
  }
  h.default_location = "UK";
  return h;
}

// Five writes through `store` (an organisation created and changed, a complaint submitted,
// changed and accepted with its hand-off), so five audit entries; OK or the first failure.
inline absl::Status MakeAuditedChanges(IntakeStore& store) {
  Organisation organisation = FullOrganisation("hmcts");
  absl::Status status =
      store.InsertOrganisation(organisation, Request("CreateOrganisation", "req-org", "hmcts"));
  if (!status.ok()) return status;
  organisation.display_name = "Renamed";
  organisation.version = 2;
  if (status = store.UpdateOrganisation(organisation, 1); !status.ok()) return status;
  Complaint complaint = MinimalComplaint("c1", absl::CivilDay(2024, 1, 2));
  absl::StatusOr<int64_t> sequence =
      store.InsertComplaint(complaint, Request("SubmitComplaint", "req-c1", "c1"));
  if (!sequence.ok()) return sequence.status();
  complaint.what_went_wrong = "Something else went wrong.";
  complaint.version = 2;
  if (status = store.UpdateComplaint(complaint, 1, std::nullopt, std::nullopt); !status.ok()) {
    return status;
  }
  complaint.state = ComplaintState::kAccepted;
  complaint.version = 3;
  return store.UpdateComplaint(complaint, 2, HandoffFor(complaint, TimeAt(30)),
                               Request("AssessComplaint", "req-assess", "c1"));
}

}  // namespace store_testing
}  // namespace redress::intake
