// Intake's rules: the organisation register, complaint submission and changes, and the initial
// assessment. No gRPC here: the adapter (intake_service.h) translates protos to these calls.
//
// Errors (see common/errors.h): INVALID_ARGUMENT with every field violation, field paths named as
// in the proto request ("complaint.people[0].details.email"); NOT_FOUND; ABORTED for a stale etag
// or a concurrent change; FAILED_PRECONDITION for a transition the state does not allow.
// Thread-safe when the store is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_verifier.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/id_generator.h"
#include "common/working_day_calendar.h"
#include "services/intake/complaint.h"
#include "services/intake/organisation.h"
#include "services/intake/store/store.h"

namespace redress::intake {

// The ErrorInfo reasons intake adds to common/errors.h's, for the preconditions of a review of an
// assessment decision (RequestAssessmentReview).
inline constexpr std::string_view kReasonNotClosedByAssessment = "NOT_CLOSED_BY_ASSESSMENT";
inline constexpr std::string_view kReasonAlreadyReviewed = "ALREADY_REVIEWED";
inline constexpr std::string_view kReasonReviewWindowClosed = "REVIEW_WINDOW_CLOSED";
inline constexpr std::string_view kReasonReviewLimitReached = "REVIEW_LIMIT_REACHED";

// Tunable policy, with the scheme's defaults.
struct IntakePolicy {
  // Months after becoming aware within which a complaint is in time.
  int time_limit_months = 12;
  // Working days after complaining to the organisation without a final response after which its
  // process counts as finished.
  int reasonable_response_working_days = 40;
  // Months after the assessment date within which its review can be asked for. The PHSO asks for
  // a request to review one of its decisions within one month of the decision.
  int review_time_limit_months = 1;
  // How many reviews of assessment decisions one complaint may have. Each decision is reviewed
  // once, but a reopened complaint is assessed again and its new decision can be reviewed in its
  // turn; the cap keeps a complaint's reviews and earlier assessments, which it carries in full,
  // bounded (docs/limits.md). One more is FAILED_PRECONDITION, type "LIMIT", reason
  // REVIEW_LIMIT_REACHED.
  int max_reviews = 10;
};

// One person on a complaint with their personal details (GetComplaintPersonalDetails).
struct PersonOnComplaint {
  std::string person_id;  // "p1", ...
  PersonRole role = PersonRole::kUnspecified;
  PersonalDetails details;
};

// What remedy's anonymisation check (the guard) compares a summary with: everyone recorded on a
// complaint, in the order recorded, the MP who referred it, and its organisations that are
// published anonymously. For the guard only; callers must not store it.
struct ComplaintPersonalDetails {
  std::string complaint_id;  // resource name is "complaints/" + complaint_id
  std::vector<PersonOnComplaint> people;
  std::optional<MpReferral> mp_referral;
  // The register entries of the complaint's GP and dental practices, in the complaint's order.
  std::vector<Organisation> anonymous_organisations;
};

// A page request as the API has it; see protos/redress/common/v1/paging.proto.
struct ListRequest {
  int page_size = 0;
  std::string page_token;
  std::string filter;
  // The caller's reach (common/caller_reach.h), applied on top of `filter`: only complaints with
  // this owner; only complaints naming this organisation id ("" names none, so lists nothing).
  std::optional<std::string> owner;
  std::optional<std::string> organisation_id;
};

struct OrganisationPage {
  std::vector<Organisation> organisations;
  std::string next_page_token;
};

struct ComplaintPage {
  std::vector<Complaint> complaints;
  std::string next_page_token;
};

struct CheckOverride {
  AssessmentCheck check;
  bool passed = false;
  std::string reason;
  // The organisation whose part it overrides (only COMPLAINTS_PROCESS_COMPLETE is judged per
  // organisation); "" for the whole complaint, that is for every organisation. (Initialised so
  // that an override can still be written {check, passed, reason}.)
  std::string organisation_id{};
};

enum class CaseworkerClosure { kNone, kDiscretion, kResolvedWithoutInvestigation };

struct AssessCommand {
  std::string name;  // "complaints/{id}"
  std::string request_id;
  // Identifies the request body (without request_id), as for SubmitComplaint: a request with the
  // request_id of the recorded assessment is a retry only when its fingerprint matches too.
  std::string fingerprint;
  std::string assessor;
  std::vector<CheckOverride> overrides;
  CaseworkerClosure closure = CaseworkerClosure::kNone;
  std::string closure_note;
  std::optional<absl::CivilDay> assessment_date;  // default today
  std::string etag;                               // "" = unconditional
  bool validate_only = false;
};

struct RequestReviewCommand {
  std::string name;  // "complaints/{id}"
  std::string request_id;
  std::string fingerprint;  // of the request body without request_id, as for AssessCommand
  AssessmentReviewGround ground = AssessmentReviewGround::kUnspecified;
  std::string explanation;
  std::optional<absl::CivilDay> request_date;  // default today
  std::string etag;                            // "" = unconditional
};

struct DecideReviewCommand {
  std::string name;  // "complaints/{id}"
  AssessmentReviewOutcome outcome = AssessmentReviewOutcome::kUndecided;
  std::string reason;
  std::string reviewer;
  std::optional<absl::CivilDay> decide_date;  // default today
  std::string etag;                           // "" = unconditional
};

// Whose personal data a subject access export or an erasure is about (docs/privacy.md): the
// complaints on which someone's email address is `email`, and the complaints named, together.
struct PersonalDataQuery {
  std::string email;                    // as NormaliseEmail compares it; "" for none
  std::vector<std::string> complaints;  // "complaints/{id}"
};

// One complaint as intake holds it, personal details included, and when it was erased.
struct ComplaintPersonalData {
  Complaint complaint;
  std::optional<absl::Time> erase_time;
};

struct ErasureOutcome {
  std::vector<std::string> erased;          // complaint names erased by this call
  std::vector<std::string> already_erased;  // erased before
};

// The mutating methods take `decoding`: violations the adapter found while decoding the request
// (an impossible date, an unknown enum value). They are reported together with the logic's own, so
// a client sees every problem at once, and a request with any is never applied.
class IntakeLogic {
 public:
  // Page size defaults and maxima (documented in intake.proto).
  static constexpr int kDefaultComplaintPageSize = 50;
  static constexpr int kDefaultOrganisationPageSize = 100;
  static constexpr int kMaxPageSize = 500;

  // REQUIRES: every reference outlives this object.
  IntakeLogic(IntakeStore& store, const Clock& clock, IdGenerator& ids,
              const WorkingDayCalendar& calendar, IntakePolicy policy = {});

  // Adds the default register (Cafcass, HMCTS, DWP, ...) when the register is empty.
  absl::Status SeedDefaultRegister();

  absl::StatusOr<Organisation> CreateOrganisation(const std::string& request_id,
                                                  const std::string& organisation_id,
                                                  Organisation organisation,
                                                  const FieldViolations& decoding = {});
  absl::StatusOr<Organisation> GetOrganisation(const std::string& name);
  absl::StatusOr<OrganisationPage> ListOrganisations(const ListRequest& request);
  // `patch.id` is parsed from `name`; `mask` holds proto field names; `etag` "" = unconditional.
  // Errors in this order: a malformed name or mask (INVALID_ARGUMENT), no such organisation
  // (NOT_FOUND), invalid values, with every violation and those of `decoding` (INVALID_ARGUMENT),
  // a stale etag (ABORTED).
  absl::StatusOr<Organisation> UpdateOrganisation(const std::string& name,
                                                  const Organisation& patch,
                                                  const std::vector<std::string>& mask,
                                                  const std::string& etag,
                                                  const FieldViolations& decoding = {});

  // `fingerprint` identifies the request body (without request_id), so that a retry can be told
  // from a reuse of the key; the adapter computes it from the deterministic proto encoding.
  absl::StatusOr<Complaint> SubmitComplaint(const std::string& request_id,
                                            const std::string& fingerprint, Complaint draft,
                                            const FieldViolations& decoding = {});
  absl::StatusOr<Complaint> GetComplaint(const std::string& name);
  // The personal details of everyone on the complaint `name`, in whatever state it is, in the
  // order recorded. Errors: a malformed name (INVALID_ARGUMENT on "name"), no such complaint
  // (NOT_FOUND).
  absl::StatusOr<ComplaintPersonalDetails> GetComplaintPersonalDetails(const std::string& name);
  absl::StatusOr<ComplaintPage> ListComplaints(const ListRequest& request);
  // The token of the page after one ending with `last`, for a request with `filter`: for a page
  // cut short after `last` (the API stops a page before it would pass 2 MiB, common/page_bytes.h:
  // 500 complaints of up to 60,000 characters of narrative each could pass gRPC's 4 MiB).
  static std::string PageTokenAfter(const Complaint& last, const std::string& filter);
  // As UpdateOrganisation, with a change the complaint's state does not allow (FAILED_PRECONDITION)
  // after the etag: so a request that is wrong in itself says so on its first attempt.
  absl::StatusOr<Complaint> UpdateComplaint(const std::string& name, const Complaint& patch,
                                            const std::vector<std::string>& mask,
                                            const std::string& etag,
                                            const FieldViolations& decoding = {});
  absl::StatusOr<Complaint> WithdrawComplaint(const std::string& name, const std::string& reason,
                                              const std::string& etag);
  // Assesses a RECEIVED complaint organisation by organisation (assessment_outcome.h) and records
  // the result; an acceptance hands over the accepted organisations. A request with the request_id
  // and fingerprint of a recorded assessment is a retry and gets the complaint as recorded (or as
  // it now is, when a review has reopened that assessment since); the same request_id with
  // another fingerprint is INVALID_ARGUMENT with reason REQUEST_ID_REUSED. An override naming an
  // organisation the complaint does not name is INVALID_ARGUMENT. A validate_only request records
  // nothing.
  absl::StatusOr<Complaint> AssessComplaint(const AssessCommand& command,
                                            const FieldViolations& decoding = {});
  // Records a request for review of the assessment decision that closed the complaint: CLOSED ->
  // UNDER_REVIEW (assessment_review.cc). A request with the request_id and fingerprint of a
  // recorded review is a retry and gets the complaint as it is; the same request_id with another
  // fingerprint is REQUEST_ID_REUSED. Errors in order: invalid fields (INVALID_ARGUMENT), no such
  // complaint, a stale etag, a state other than CLOSED (INVALID_STATE_TRANSITION), a withdrawn
  // complaint (NOT_CLOSED_BY_ASSESSMENT), a decision already reviewed (ALREADY_REVIEWED), a
  // request date before the assessment (INVALID_ARGUMENT) or after the review window
  // (REVIEW_WINDOW_CLOSED).
  absl::StatusOr<Complaint> RequestAssessmentReview(const RequestReviewCommand& command,
                                                    const FieldViolations& decoding = {});
  // Decides the review of an UNDER_REVIEW complaint: the decision stands (-> CLOSED) or the
  // complaint is reopened (-> RECEIVED, its assessment moved to previous_assessments and its
  // closure cleared). Errors in order: invalid fields, no such complaint, a stale etag, another
  // state (INVALID_STATE_TRANSITION), a decide date before the request (INVALID_ARGUMENT).
  absl::StatusOr<Complaint> DecideAssessmentReview(const DecideReviewCommand& command,
                                                   const FieldViolations& decoding = {});

  // Personal data (personal_data_requests.cc, docs/privacy.md). At most kMaxNamedComplaints
  // complaint names; the email, when given, must be an email address. Named complaints that
  // intake does not hold are skipped, so a person it knows nothing of gets an empty answer.
  static constexpr int kMaxNamedComplaints = 100;
  // Every complaint the query finds, in the order recorded.
  absl::StatusOr<std::vector<ComplaintPersonalData>> ExportPersonalData(
      const PersonalDataQuery& query);
  // Erases (ErasedComplaint) every complaint the query finds, each in its own transaction with
  // its audit entry. Refused with FAILED_PRECONDITION, before erasing any, if one is still being
  // worked (RECEIVED or UNDER_REVIEW: reason NOT_CLOSED; withdraw it first) or its hand-off is
  // not yet delivered (HANDOFF_PENDING). Idempotent: a complaint erased before is reported as
  // such and not written again.
  absl::StatusOr<ErasureOutcome> ErasePersonalData(const PersonalDataQuery& query);
  // Retention: erases up to `limit` complaints closed (IsClosedForErasure) and last changed more
  // than `period` before now; returns how many it erased. A complaint refused (a hand-off still
  // pending) or changed meanwhile is left for the next run.
  absl::StatusOr<int> EraseExpired(absl::Duration period, int limit);

  // Reads the whole audit log, page by page, and verifies its chain (audit::VerifyAuditChain),
  // against `expected` when given (docs/audit.md). Store errors are returned as they are.
  absl::StatusOr<audit::AuditVerification> VerifyAuditLog(
      const std::optional<audit::AuditHead>& expected);

 private:
  IntakeStore& store_;
  const Clock& clock_;
  IdGenerator& ids_;
  const WorkingDayCalendar& calendar_;
  IntakePolicy policy_;
};

}  // namespace redress::intake
