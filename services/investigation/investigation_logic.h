// Investigation's rules: opening an investigation from an accepted complaint, the scope, evidence
// and holds, findings and derived outcomes, the provisional view and comments, the final decision
// (handed to remedy through the outbox), its review and reopening (handed to remedy too), and the
// end of an investigation withdrawn or discontinued. No gRPC here: the adapter translates protos to
// these calls.
//
// Errors (see common/errors.h): INVALID_ARGUMENT with every field violation, field paths named as
// in the proto request ("scope.timescale_working_days", "investigation.recommendations[0].amount");
// NOT_FOUND; ABORTED for a stale etag or a concurrent change; FAILED_PRECONDITION with a
// PreconditionFailure of type "STATE" for a method the state does not allow (investigation_state.h)
// and of another type for any other unmet condition (a point without a finding, an open comment
// period, a closed review window, a record that disagrees with the decision). Errors come in this
// order: a malformed request (name, mask,
// values, with those of `decoding`), NOT_FOUND, a stale etag, the state, other preconditions.
// A change without an etag that loses a race to another change is computed again on the new
// version; with an etag it is ABORTED.
//
// Every investigation returned has its deadlines as of today: an ON_HOLD investigation's open hold
// counts as ending today, so its target date and comment deadline move each working day it stays
// on hold (deadlines.h), and carries only its most recent evidence and comments (case_limits.h).
// A change that would make an investigation larger than case_limits.h allows is refused
// (INVESTIGATION_TOO_LARGE). Thread-safe when the store is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "common/audit/audit_verifier.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/id_generator.h"
#include "common/working_day_calendar.h"
#include "services/investigation/investigation.h"
#include "services/investigation/store/store.h"

namespace redress::investigation {

// Tunable policy, with the scheme's defaults.
struct InvestigationPolicy {
  // Calendar months after the decision date within which a review may be asked for (clamped to
  // the end of a shorter month: a decision of 31 January can be reviewed until 28/29 February).
  int review_time_limit_months = 1;
  // How many reviews of one decision each party (the complainant, the organisation) may ask for.
  // DESIGN §2 is silent; the PHSO reviews a decision once for each party that asks, and a
  // decision that stands after review is final, so the default is 1. A reopened case's new
  // decision is a new decision, with reviews of its own.
  int reviews_per_decision_per_party = 1;
  // How many of each collection that grows as the case goes on one investigation may hold
  // (docs/limits.md); one more is refused with FAILED_PRECONDITION (case_limits.h). Far above what
  // a case needs, and with the byte limit of case_limits.h they keep every investigation readable
  // in one message: evidence and comments page through ListEvidence and ListComments, holds and
  // reviews are carried in full.
  int max_evidence_items = 5000;
  int max_comments = 1000;
  int max_holds = 100;
  int max_reviews = 20;
};

// A page request as the API has it; see protos/redress/common/v1/paging.proto.
struct ListRequest {
  int page_size = 0;
  std::string page_token;
  std::string filter;
  // The caller's reach (common/caller_reach.h), applied on top of `filter`: only investigations
  // with this owner; only those investigating this organisation ("organisations/{id}"; "" none).
  std::optional<std::string> owner;
  std::optional<std::string> organisation;
};

struct InvestigationPage {
  std::vector<Investigation> investigations;
  std::string next_page_token;
};

// A page request of one investigation's evidence or comments (AIP-132).
struct ChildListRequest {
  std::string parent;  // "investigations/{investigation}"
  int page_size = 0;
  std::string page_token;
};

// A page of evidence or comments, and the investigation they belong to (as GetInvestigation
// returns it, for the caller's reach).
template <typename T>
struct ChildPage {
  Investigation parent;
  std::vector<T> items;
  std::string next_page_token;
  int total_size = 0;  // how many the investigation has
};

// Every `etag` below: "" = unconditional. Every optional date: unset = the default the proto
// documents (usually today).

struct AgreeScopeCommand {
  std::string name;
  std::string summary;
  std::optional<absl::CivilDay> agreed_date;  // default today
  int timescale_working_days = 0;
  std::vector<std::string> points;  // descriptions, in order
  std::string etag;
};

// Idempotent commands carry `fingerprint`: identifies the request body (without request_id), so
// that a retry (same request_id, same body) gets the investigation as it is, and a reuse of the
// request_id for a different body is INVALID_ARGUMENT with reason REQUEST_ID_REUSED. Request ids
// are unique per investigation and method.
struct LogEvidenceCommand {
  std::string name;
  std::string request_id;
  std::string fingerprint;
  std::string description;
  Party source = Party::kUnspecified;
  std::optional<absl::CivilDay> received_date;  // default today
};

struct PutOnHoldCommand {
  std::string name;
  std::string reason;
  std::optional<absl::CivilDay> start_date;  // default today
  std::string etag;
};

struct ResumeCommand {
  std::string name;
  std::optional<absl::CivilDay> end_date;  // default yesterday (resumed today)
  std::string etag;
};

struct RecordFindingCommand {
  std::string name;
  std::string point_id;
  Finding finding;  // record_time ignored
  std::string etag;
};

struct ShareProvisionalViewCommand {
  std::string name;
  int comment_period_working_days = 0;
  std::optional<absl::CivilDay> share_date;  // default today
  std::string etag;
};

struct LogCommentCommand {
  std::string name;
  std::string request_id;
  std::string fingerprint;
  Party party = Party::kUnspecified;
  // For PARTY_ORGANISATION, "organisations/{organisation}"; "" = the only organisation
  // investigated, when there is one.
  std::string organisation;
  std::string text;
  std::optional<absl::CivilDay> received_date;  // default today
};

struct IssueFinalDecisionCommand {
  std::string name;
  std::optional<absl::CivilDay> decision_date;  // default today
  std::string etag;
};

struct RequestReviewCommand {
  std::string name;
  std::string request_id;
  std::string fingerprint;
  Party requested_by = Party::kUnspecified;
  ReviewGround ground = ReviewGround::kUnspecified;
  std::string explanation;
  std::optional<absl::CivilDay> request_date;  // default today
};

struct DecideReviewCommand {
  std::string name;
  ReviewOutcome outcome = ReviewOutcome::kUnspecified;
  std::string reason;
  std::optional<absl::CivilDay> decide_date;  // default today
  std::string etag;
};

// WithdrawInvestigation and DiscontinueInvestigation.
struct EndInvestigationCommand {
  std::string name;
  std::string reason;
  std::optional<absl::CivilDay> end_date;  // default today
  std::string etag;
};

// Whose personal data a subject access export or an erasure is about (docs/privacy.md): the
// investigations opened from the complaints named, and the investigations named, together.
struct PersonalDataQuery {
  std::vector<std::string> complaints;      // "complaints/{id}"
  std::vector<std::string> investigations;  // "investigations/{id}"
};

// One investigation as investigation holds it, and when it was erased.
struct InvestigationPersonalData {
  Investigation investigation;
  std::optional<absl::Time> erase_time;
};

struct ErasureOutcome {
  std::vector<std::string> erased;          // investigation names erased by this call
  std::vector<std::string> already_erased;  // erased before
};

// The mutating methods take `decoding`: violations the adapter found while decoding the request
// (an impossible date, an unknown enum value). They are reported together with the logic's own, so
// a client sees every problem at once, and a request with any is never applied.
class InvestigationLogic {
 public:
  // Page size default and maximum (documented in investigation.proto).
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 500;

  // REQUIRES: every reference outlives this object.
  InvestigationLogic(InvestigationStore& store, const Clock& clock, IdGenerator& ids,
                     const WorkingDayCalendar& calendar, InvestigationPolicy policy = {});

  // Opens an investigation (UNASSIGNED) from intake's snapshot. `request_id` is the hand-off key;
  // a retry with the same fingerprint returns the investigation it opened.
  // organisations_investigated default to the snapshot's organisations with their published names
  // (a name intake did not send is replaced by the organisation's id, for the caseworker to correct
  // with UpdateInvestigation), location to its default_location. `owner` is the complaint's owner
  // in intake (Investigation::owner).
  absl::StatusOr<Investigation> OpenInvestigation(const std::string& request_id,
                                                  const std::string& fingerprint,
                                                  ComplaintSnapshot snapshot,
                                                  const FieldViolations& decoding = {},
                                                  const std::string& owner = "");
  absl::StatusOr<Investigation> GetInvestigation(const std::string& name);
  // In opening order; filter as documented on ListInvestigationsRequest.
  absl::StatusOr<InvestigationPage> ListInvestigations(const ListRequest& request);

  absl::StatusOr<Investigation> AssignCaseworker(const std::string& name,
                                                 const std::string& caseworker,
                                                 const std::string& etag,
                                                 const FieldViolations& decoding = {});
  // ASSIGNED -> INVESTIGATING with the scope and its points; while INVESTIGATING or
  // PROVISIONAL_VIEW_SHARED, a revision: points whose description is listed unchanged keep their
  // id and finding, other descriptions are new points, points not listed are dropped, and the
  // agreed date may not go back.
  absl::StatusOr<Investigation> AgreeScope(const AgreeScopeCommand& command,
                                           const FieldViolations& decoding = {});
  // Refused once the investigation holds policy.max_evidence_items (EVIDENCE_LIMIT_REACHED).
  absl::StatusOr<Investigation> LogEvidence(const LogEvidenceCommand& command,
                                            const FieldViolations& decoding = {});
  // A page of the investigation's evidence, or of its comments on every revision of the view, in
  // the order logged; default and maximum page sizes as for ListInvestigations, and a page stops
  // early rather than pass kMaxPageBytes (case_limits.h). INVALID_ARGUMENT on "parent",
  // "page_size" or "page_token" (a token is bound to its parent); NOT_FOUND.
  absl::StatusOr<ChildPage<EvidenceItem>> ListEvidence(const ChildListRequest& request);
  absl::StatusOr<ChildPage<Comment>> ListComments(const ChildListRequest& request);
  // Refused once the investigation was put on hold policy.max_holds times (HOLD_LIMIT_REACHED).
  absl::StatusOr<Investigation> PutOnHold(const PutOnHoldCommand& command,
                                          const FieldViolations& decoding = {});
  absl::StatusOr<Investigation> ResumeInvestigation(const ResumeCommand& command,
                                                    const FieldViolations& decoding = {});
  absl::StatusOr<Investigation> RecordFinding(const RecordFindingCommand& command,
                                              const FieldViolations& decoding = {});
  // `patch.id` is parsed from `name`; `mask` holds proto field names (narrative,
  // complaint_handling_findings, complaint_types, organisations_investigated, location,
  // recommendations; a sub-path such as "narrative.introduction" is not accepted). Recommendations
  // sent back with their recommendation_id keep it; new ones get the next number.
  absl::StatusOr<Investigation> UpdateInvestigation(const std::string& name,
                                                    const Investigation& patch,
                                                    const std::vector<std::string>& mask,
                                                    const std::string& etag,
                                                    const FieldViolations& decoding = {});
  // Shares the view, or (while PROVISIONAL_VIEW_SHARED) its next revision, recording what it shows
  // (view_content.h).
  absl::StatusOr<Investigation> ShareProvisionalView(const ShareProvisionalViewCommand& command,
                                                     const FieldViolations& decoding = {});
  // Logs a comment on the current revision of the view, from the complainant or from one
  // organisation investigated. Refused once the investigation holds policy.max_comments
  // (COMMENT_LIMIT_REACHED).
  absl::StatusOr<Investigation> LogComment(const LogCommentCommand& command,
                                           const FieldViolations& decoding = {});
  // Derives the decision and, in the same store write, puts its DecisionHandoff in the outbox.
  // Refused unless every point has a finding, the view is current, its comment period had closed
  // on the decision date, and the record agrees with the decision (preconditions.h).
  // Calling it on a DECIDED investigation is taken as a retry of the call that decided it (whose
  // reply was lost): the investigation is returned as it is, whatever the etag, and nothing is
  // written, so each decision is handed off exactly once.
  absl::StatusOr<Investigation> IssueFinalDecision(const IssueFinalDecisionCommand& command,
                                                   const FieldViolations& decoding = {});
  // Refused once the investigation has policy.max_reviews reviews (REVIEW_LIMIT_REACHED, type
  // "LIMIT").
  absl::StatusOr<Investigation> RequestReview(const RequestReviewCommand& command,
                                              const FieldViolations& decoding = {});
  // A reopening puts a ReopeningHandoff in the outbox in the same store write, and the scope's
  // timescale runs again from the reopening.
  absl::StatusOr<Investigation> DecideReview(const DecideReviewCommand& command,
                                             const FieldViolations& decoding = {});
  // End the investigation without a (new) decision: WITHDRAWN (the complainant withdrew) or
  // DISCONTINUED (the scheme stopped). When a decision had been issued before, an EndHandoff goes
  // in the outbox in the same store write. Calling it again with the same reason (and date, if
  // given) on an investigation it ended is a retry: returned as it is, nothing written.
  absl::StatusOr<Investigation> WithdrawInvestigation(const EndInvestigationCommand& command,
                                                      const FieldViolations& decoding = {});
  absl::StatusOr<Investigation> DiscontinueInvestigation(const EndInvestigationCommand& command,
                                                         const FieldViolations& decoding = {});

  // Personal data (personal_data_requests.cc, docs/privacy.md). At most kMaxNamedResources
  // complaint names and as many investigation names. Names investigation does not hold are
  // skipped, so a person it knows nothing of gets an empty answer.
  static constexpr int kMaxNamedResources = 100;
  // Every investigation the query finds, in the order opened, each once.
  absl::StatusOr<std::vector<InvestigationPersonalData>> ExportPersonalData(
      const PersonalDataQuery& query);
  // Erases (ErasedInvestigation) every investigation the query finds, each in its own transaction
  // with its audit entry. Refused with FAILED_PRECONDITION, before erasing any, if one has not
  // ended (IsClosedForErasure; reason NOT_CLOSED); refused when it comes to one with a hand-off
  // to remedy not yet delivered (HANDOFF_PENDING), those before it staying erased. Idempotent:
  // one erased before is reported as such and not written again, so a re-run erases the rest.
  absl::StatusOr<ErasureOutcome> ErasePersonalData(const PersonalDataQuery& query);
  // Retention: erases up to `limit` investigations ended (IsClosedForErasure) and last changed
  // more than `period` before now; returns how many it erased. One refused (a hand-off still
  // pending) or changed meanwhile is left for the next run.
  absl::StatusOr<int> EraseExpired(absl::Duration period, int limit);

  // Reads the whole audit log, page by page, and verifies its chain (audit::VerifyAuditChain),
  // against `expected` when given (docs/audit.md). Store errors are returned as they are.
  absl::StatusOr<audit::AuditVerification> VerifyAuditLog(
      const std::optional<audit::AuditHead>& expected);

 private:
  InvestigationStore& store_;
  const Clock& clock_;
  IdGenerator& ids_;
  const WorkingDayCalendar& calendar_;
  InvestigationPolicy policy_;
};

}  // namespace redress::investigation
