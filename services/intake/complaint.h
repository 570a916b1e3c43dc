// The domain types of a complaint in intake: the people on it, its narrative, its assessment, and
// the hand-off recorded when it is accepted. Mirrors protos/redress/intake/v1/complaint.proto,
// whose comments give each field's rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/outbox.h"
#include "common/person.h"
#include "common/store/request_record.h"
#include "services/intake/organisation.h"

namespace redress::intake {

enum class ComplaintState { kReceived = 1, kAccepted = 2, kClosed = 3, kUnderReview = 4 };

enum class ClosureReason {
  kNone = 0,
  kOutOfRemit = 1,
  kNotProperlyMade = 2,
  kPremature = 3,
  kDiscretion = 4,
  kWithdrawn = 5,
  kResolvedWithoutInvestigation = 6,
};

enum class SubmissionChannel {
  kUnspecified = 0,
  kOnlineForm = 1,
  kEmail = 2,
  kLetter = 3,
  kTelephone = 4
};

enum class PersonRole { kUnspecified = 0, kComplainant = 1, kRepresentative = 2, kOther = 3 };

struct Person {
  std::string person_id;  // "p1", "p2", ... within the complaint
  PersonRole role = PersonRole::kUnspecified;
  PersonalDetails details;
  std::string relationship;
  bool authorised = false;
  std::string anonymised_reference;  // derived or the override
  std::string anonymised_reference_override;

  bool operator==(const Person&) const;
};

struct MpReferral {
  std::string mp_name;
  std::string constituency;
  std::optional<absl::CivilDay> referral_date;

  bool operator==(const MpReferral&) const;
};

// One organisation's own complaint history, where it differs from the complaint's top-level
// dates (see DatesFor).
struct OrganisationDates {
  std::string organisation_id;
  std::optional<absl::CivilDay> complained_to_organisation_date;
  std::optional<absl::CivilDay> final_response_date;

  bool operator==(const OrganisationDates&) const;
};

enum class AssessmentCheck {
  kInRemit = 1,
  kProperlyMade = 2,
  kComplaintsProcessComplete = 3,
  kWithinTime = 4,
  kInjusticeClaimed = 5,
  kMpReferral = 6,
};

struct CheckResult {
  AssessmentCheck check = AssessmentCheck::kInRemit;
  bool passed = false;
  std::string reason;
  bool overridden = false;
  std::string override_reason;

  bool operator==(const CheckResult&) const;
};

// The assessment of one organisation's part of a complaint: its own checks (IN_REMIT, MP_REFERRAL,
// COMPLAINTS_PROCESS_COMPLETE) and how the part ended.
struct OrganisationAssessment {
  std::string organisation_id;
  std::vector<CheckResult> checks;
  bool accepted = false;
  ClosureReason closure_reason = ClosureReason::kNone;
  std::string reason;

  bool operator==(const OrganisationAssessment&) const;
};

struct Assessment {
  // The checks of the complaint as a whole (see assessment_outcome.h).
  std::vector<CheckResult> checks;
  // Each organisation's part, in the complaint's order. Empty for an assessment recorded before
  // assessments were made per organisation.
  std::vector<OrganisationAssessment> organisations;
  bool accepted = false;
  ClosureReason closure_reason = ClosureReason::kNone;
  std::string reason;
  std::string assessor;
  absl::CivilDay assessment_date;
  absl::Time assess_time = absl::InfinitePast();
  // The AssessComplaint request that recorded it, and a fingerprint of that request's body, to
  // tell a retry (same id, same body) from a reuse of the id for a different assessment.
  std::string request_id;
  std::string request_fingerprint;

  bool operator==(const Assessment&) const;
};

enum class AssessmentReviewGround {
  kUnspecified = 0,
  kFactsWrong = 1,
  kNewInformation = 2,
  kPartOverlooked = 3,
};

enum class AssessmentReviewOutcome { kUndecided = 0, kDecisionStands = 1, kReopened = 2 };

// A review of the assessment decision that closed a complaint (assessment_review.cc).
struct AssessmentReview {
  std::string review_id;      // "r1", "r2", ... within the complaint
  int assessment_number = 0;  // 1 for the complaint's first assessment
  AssessmentReviewGround ground = AssessmentReviewGround::kUnspecified;
  std::string explanation;
  absl::CivilDay request_date;
  absl::Time request_time = absl::InfinitePast();
  // The RequestAssessmentReview request that asked for it, and its body's fingerprint.
  std::string request_id;
  std::string request_fingerprint;
  AssessmentReviewOutcome outcome = AssessmentReviewOutcome::kUndecided;
  std::string outcome_reason;
  std::string reviewer;
  std::optional<absl::CivilDay> decide_date;
  absl::Time decide_time = absl::InfinitePast();

  bool operator==(const AssessmentReview&) const;
};

// A receive_date that was not given (SubmitComplaint then uses today). Year 1 cannot come from a
// client, whose dates are 1900-9999, so no real date is mistaken for it.
inline constexpr absl::CivilDay kUnsetDate(1, 1, 1);

struct Complaint {
  std::string id;  // resource name is "complaints/" + id
  ComplaintState state = ComplaintState::kReceived;
  std::vector<Person> people;
  std::string complainants_reference;  // derived or the override
  std::string complainants_reference_override;
  std::optional<MpReferral> mp_referral;
  std::vector<std::string> organisation_ids;  // ids, not resource names, in order
  // The token subject of the complainant who submitted it; empty when a caseworker or assessor
  // submitted it for someone, or in development mode. Never changes; never on the wire. A
  // complainant reaches only the complaints they own (docs/security.md).
  std::string owner;
  SubmissionChannel channel = SubmissionChannel::kUnspecified;
  bool confirmed_in_writing = false;
  std::string what_went_wrong;
  std::string injustice_claimed;
  std::string outcome_wanted;
  std::optional<absl::CivilDay> aware_date;
  std::optional<absl::CivilDay> complained_to_organisation_date;
  std::optional<absl::CivilDay> final_response_date;
  // Organisations whose dates differ from the two above, at most one entry each.
  std::vector<OrganisationDates> organisation_dates;
  absl::CivilDay receive_date = kUnsetDate;
  std::optional<Assessment> assessment;
  // Assessments a review reopened, oldest first; the current one is number size() + 1.
  std::vector<Assessment> previous_assessments;
  std::vector<AssessmentReview> reviews;  // oldest first
  ClosureReason closure_reason = ClosureReason::kNone;
  std::string closure_note;
  int64_t version = 0;  // etag is its decimal string; 1 after submission
  absl::Time create_time = absl::InfinitePast();
  absl::Time update_time = absl::InfinitePast();
  // Order of recording, assigned by the store on insert (1, 2, ...); lists are ordered by it.
  int64_t sequence = 0;

  std::string name() const { return "complaints/" + id; }
  bool operator==(const Complaint&) const;
};

inline constexpr char kComplaintsCollection[] = "complaints/";

// The dates of the complaint to `organisation_id` and of its final response: its own entry in
// `organisation_dates` when it has one, otherwise the complaint's top-level dates. So a complaint
// made before organisations had dates of their own, or by a client that does not send them, keeps
// its meaning: one history for every organisation it names.
OrganisationDates DatesFor(const Complaint& complaint, const std::string& organisation_id);

// The hand-off of an accepted complaint to investigation, written to the outbox in the same
// transaction as the acceptance. Carries no personal details but the owner's token subject, which
// a delivered row drops (MinimisedForDelivered).
struct AcceptanceHandoff {
  std::string handoff_key;  // "complaints/{id}/acceptance"; unique in the outbox
  std::string complaint_id;
  std::string complainants_reference;
  std::vector<std::string> organisation_ids;  // the accepted organisations, in complaint order
  std::string what_went_wrong;
  std::string injustice_claimed;
  std::string outcome_wanted;
  absl::Time accept_time = absl::InfinitePast();
  // What investigation publishes by default, taken from the register at acceptance: the first
  // accepted organisation's jurisdiction and location, and each organisation's published name (its
  // display name; "A GP practice" / "A dental practice" for those kinds; "" for one the register
  // no longer holds), in the order of organisation_ids.
  Jurisdiction jurisdiction = Jurisdiction::kUnspecified;
  std::vector<std::string> organisation_published_names;
  std::string default_location;
  std::string owner;  // Complaint::owner, for investigation's scoping

  bool operator==(const AcceptanceHandoff&) const;
};

// What an outbox row keeps of `handoff` once delivered: investigation now holds the complaint, so
// the row drops the owner's token subject and the complainant's own words (what went wrong, the
// injustice, the outcome wanted), which may carry health, family or financial details. The key,
// the complaint's name, its anonymised reference, organisations and times stay, for the record of
// what was handed over when (docs/security.md).
AcceptanceHandoff DeliveredHandoff(AcceptanceHandoff handoff);

// An outbox row: a hand-off and its delivery state.
struct OutboxEntry {
  int64_t id = 0;  // assigned by the store, increasing
  AcceptanceHandoff handoff;
  int attempts = 0;  // failed ones and the one that delivered it
  absl::Time create_time = absl::InfinitePast();
  std::optional<absl::Time> delivered_time;
  // The last failed attempt's time and error; unset and "" when none failed.
  std::optional<absl::Time> last_attempt_time;
  std::string last_error;
  // The traceparent of the call that recorded it (common/trace_context.h), whose trace its
  // delivery continues; "" when there was none (recorded before traces were kept).
  std::string traceparent;
  // Parked or discarded (docs/reliability.md); attempts count afresh from a re-drive.
  OutboxParking parking;
  // Why the stored payload could not be decoded; "" when it was. When set, `handoff` holds only
  // what the row's own columns say (its key and case), and the sender parks the entry.
  std::string undecodable;
};

// The record of an idempotent request (common/store/request_record.h); scopes are the method
// ("SubmitComplaint", "CreateOrganisation", ...).
using RequestRecord = ::redress::RequestRecord;

}  // namespace redress::intake
