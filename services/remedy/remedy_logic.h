// Remedy's rules: receiving a final decision's recommendations, its reopening on review and the
// end of an investigation, the organisation's response, compliance and declines, rescheduling,
// the follow-up schedule (overdue -> chased -> escalated -> not complied, in working days), due
// actions, the compliance and non-compliance reports, and rendering and publishing the case
// summary behind the anonymisation guard. No gRPC here: the adapter translates protos to these
// calls.
//
// Errors (common/errors.h): INVALID_ARGUMENT with every field violation, paths named as in the
// proto request ("evidence.completion_date"); NOT_FOUND; ABORTED for a stale etag or a concurrent
// change; FAILED_PRECONDITION with a PreconditionFailure of type "STATE" for a method the state
// does not allow (recommendation_state.h), type "BENEFICIARY" for declining a remedy not meant for
// the complainant, type "PERSONAL_DATA" per guard hit not acknowledged (reason
// PERSONAL_DATA_IN_SUMMARY), type "LINE_BREAK" per line break in a narrative paragraph (reason
// LINE_BREAK_IN_PARAGRAPH). Order: a
// malformed request, NOT_FOUND, a stale etag, the state, other preconditions. A change without an
// etag that loses a race is computed again on the new version.
//
// Thread-safe when the store and peers are.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/audit/audit_verifier.h"
#include "common/clock.h"
#include "common/errors.h"
#include "common/id_generator.h"
#include "common/working_day_calendar.h"
#include "services/remedy/anonymisation_guard.h"
#include "services/remedy/anonymisation_issue.h"
#include "services/remedy/follow_up.h"
#include "services/remedy/peers.h"
#include "services/remedy/recommendation.h"
#include "services/remedy/store/store.h"

namespace redress::remedy {

inline constexpr char kPersonalDataInSummary[] = "PERSONAL_DATA_IN_SUMMARY";
inline constexpr char kLineBreakInParagraph[] = "LINE_BREAK_IN_PARAGRAPH";

// A page request as the API has it; see protos/redress/common/v1/paging.proto.
struct ListRequest {
  int page_size = 0;
  std::string page_token;
  std::string filter;
  // The caller's reach (common/caller_reach.h), applied on top of `filter`: only recommendations
  // with this owner; only those this organisation id must act on ("" names none).
  std::optional<std::string> owner;
  std::optional<std::string> organisation_id;
};

struct RecommendationPage {
  std::vector<Recommendation> recommendations;
  std::string next_page_token;
};

// One recommendation of a received decision, as investigation recorded it.
struct DecidedRecommendation {
  std::string recommendation_id;  // "r1"
  RecommendationType type = RecommendationType::kApology;
  Beneficiary beneficiary = Beneficiary::kComplainant;
  std::string description;
  std::optional<Money> amount;
  absl::CivilDay target_date;
  std::string organisation_id;  // "" = the first organisation investigated
};

struct OrganisationInvestigated {
  std::string organisation_id;
  std::string published_name;
};

// ReceiveDecision, decoded. The adapter reports what it could not decode in `decoding`; the
// logic validates the rest and reports both together.
struct ReceiveDecisionCommand {
  std::string request_id;
  std::string handoff_key;
  std::string investigation_id;
  std::string complaint;
  int decision_sequence = 0;
  absl::CivilDay decision_date;
  std::vector<DecidedRecommendation> recommendations;
  std::vector<OrganisationInvestigated> organisations;
  std::string complaint_owner;  // Recommendation::owner of those it creates
  std::string fingerprint;      // of the request body (common/request_fingerprint.h)
};

// ReceiveReopening, decoded.
struct ReceiveReopeningCommand {
  std::string request_id;
  std::string handoff_key;
  std::string investigation_id;
  std::string complaint;
  int decision_sequence = 0;  // the decision reopened
  std::optional<absl::CivilDay> reopen_date;
  std::string fingerprint;
};

// How an investigation ended without a new decision.
enum class InvestigationEnding { kWithdrawn, kDiscontinued };

// ReceiveInvestigationEnd, decoded. `ending` is unset when the event's state is neither
// WITHDRAWN nor DISCONTINUED.
struct ReceiveInvestigationEndCommand {
  std::string request_id;
  std::string handoff_key;
  std::string investigation_id;
  std::string complaint;
  std::optional<InvestigationEnding> ending;
  std::string reason;
  std::optional<absl::CivilDay> end_date;
  int decisions_issued = 0;
  std::string fingerprint;
};

// Every `etag`: "" = unconditional. Every optional date: unset = today.
struct RespondCommand {
  std::string name;  // "recommendations/{id}"
  OrganisationPosition position = OrganisationPosition::kAccepted;
  std::string note;  // required for a dispute (field "reason" in DisputeRecommendationRequest)
  std::optional<absl::CivilDay> response_date;
  std::string etag;
};

struct RecordComplianceCommand {
  std::string name;
  std::string action_taken;
  std::optional<absl::CivilDay> completion_date;  // required
  std::string evidence_reference;
  std::string etag;
};

struct DeclineCommand {
  std::string name;
  std::string reason;
  std::optional<absl::CivilDay> decline_date;
  std::string etag;
};

struct RescheduleCommand {
  std::string name;
  std::optional<absl::CivilDay> target_date;  // required
  std::string reason;
  std::string etag;
};

struct DueAction {
  Recommendation recommendation;
  FollowUpStep step;
};

struct DueActionsRequest {
  std::optional<absl::CivilDay> as_of_date;
  std::string organisation;  // "organisations/{id}" or ""
  int page_size = 0;
  std::string page_token;
};

struct DueActionPage {
  std::vector<DueAction> actions;
  std::string next_page_token;
  // What a token of this listing is bound to (its date and organisation), for a page cut short
  // (RemedyLogic::DueActionTokenAfter).
  std::string binding;
};

// One organisation's recommendations as they stood at the end of `as_of_date` (state_history.h).
struct ComplianceReport {
  std::string organisation_id;
  absl::CivilDay as_of_date;
  int complied_on_time = 0;  // evidenced done by the target date its decision set
  int complied_late = 0;
  int outstanding = 0;          // followed up (not held)
  int outstanding_overdue = 0;  // of those, past the target date in force then
  int not_complied = 0;
  int declined = 0;
  int complied_late_within_extension = 0;  // of complied_late, done by an agreed extension
  int held = 0;      // of a decision reopened on review, awaiting the next decision
  int extended = 0;  // had an agreed extension by then, whatever their state
};

struct NonComplianceRequest {
  std::optional<absl::CivilDay> start_date;  // unset: no lower bound
  std::optional<absl::CivilDay> end_date;    // unset: today
  std::string organisation;                  // "organisations/{id}" or ""
  int page_size = 0;
  std::string page_token;
};

// A recommendation an organisation did not comply with, as it stood at the end of the period.
struct NonCompliance {
  Recommendation recommendation;
  absl::CivilDay decided_target_date;                  // as the decision set it
  std::optional<absl::CivilDay> extended_target_date;  // in force, when an extension moved it
  std::optional<absl::CivilDay> chase_date;            // the days the steps were taken
  std::optional<absl::CivilDay> escalation_date;
  absl::CivilDay not_complied_date;
};

struct NonCompliancePage {
  std::optional<absl::CivilDay> start_date;  // the period as resolved: unset when unbounded
  absl::CivilDay end_date;
  std::vector<NonCompliance> entries;
  std::string next_page_token;
};

struct RenderedSummary {
  CaseSummary summary;
  // The guard's hits as issues, in its order, each with its acknowledgement if there is one.
  std::vector<AnonymisationIssue> hits;
};

// AcknowledgeAnonymisationIssue.
struct AcknowledgeIssueCommand {
  std::string investigation;  // "investigations/{id}"
  std::string issue_id;       // AnonymisationIssue::issue_id, from a render
  std::string reason;         // why the hit may be published
  std::string caseworker;     // who accepts it
};

// Whose personal data a subject access export or an erasure is about (docs/privacy.md): the
// cases named, by complaint ("complaints/{id}": the cases with a recommendation from it) and by
// investigation ("investigations/{id}").
struct PersonalDataQuery {
  std::vector<std::string> complaints;
  std::vector<std::string> investigations;
};

// Everything remedy holds about one case (an investigation), and when it was erased.
struct CasePersonalData {
  std::string investigation_id;
  std::vector<std::string> complaints;  // of its recommendations, in the order first received
  std::vector<Recommendation> recommendations;         // in the order received
  std::vector<IssueAcknowledgement> acknowledgements;  // in the order recorded
  std::vector<CaseSummary> summaries;                  // published versions, oldest first
  std::optional<absl::Time> erase_time;
};

struct ErasureOutcome {
  std::vector<std::string> erased;          // "investigations/{id}" erased by this call
  std::vector<std::string> already_erased;  // erased before
};

class RemedyLogic {
 public:
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 500;

  // REQUIRES: every reference outlives this object.
  RemedyLogic(RemedyStore& store, const Clock& clock, IdGenerator& ids,
              const WorkingDayCalendar& calendar, CaseReader& cases, PersonalDetailsSource& people,
              FollowUpPolicy policy = {});

  // The three hand-offs from investigation are idempotent on their key: a retry with the same
  // body changes nothing and answers as the first call did (the recommendations as they now
  // stand); the same key with a different body is INVALID_ARGUMENT (reason REQUEST_ID_REUSED).
  // `decoding` holds violations the adapter found. What they do to earlier recommendations is
  // decision_succession.h's.

  // Returns the decision's recommendations in its order: each carried over from an earlier
  // decision that made the same remedy, or new (AWAITING_RESPONSE). The earlier decisions' held
  // recommendations it does not repeat are superseded. A decision after the first normally
  // follows its predecessor's reopening; one that arrives without it (from an investigation
  // reopened before the reopening hand-off existed) implies it, and is never refused: refusing
  // would block that investigation's hand-offs for good.
  absl::StatusOr<std::vector<Recommendation>> ReceiveDecision(const ReceiveDecisionCommand& command,
                                                              const FieldViolations& decoding = {});
  // Holds the reopened decision's recommendations that are still followed up; returns that
  // decision's recommendations. FAILED_PRECONDITION (reason DECISION_NOT_RECEIVED) while the
  // decision itself has not been received.
  absl::StatusOr<std::vector<Recommendation>> ReceiveReopening(
      const ReceiveReopeningCommand& command, const FieldViolations& decoding = {});
  // Cancels what is held of the investigation; what was complied with stays. Returns every
  // recommendation of the investigation.
  absl::StatusOr<std::vector<Recommendation>> ReceiveInvestigationEnd(
      const ReceiveInvestigationEndCommand& command, const FieldViolations& decoding = {});

  absl::StatusOr<Recommendation> GetRecommendation(std::string_view name);
  absl::StatusOr<RecommendationPage> ListRecommendations(const ListRequest& request);
  // The token of the page after one ending with `last`, for a request with `filter`: for a page
  // cut short after `last` (the API stops a page before it would pass 2 MiB, common/page_bytes.h:
  // 500 recommendations with long follow-up histories could pass gRPC's 4 MiB).
  static std::string PageTokenAfter(const Recommendation& last, const std::string& filter);
  absl::StatusOr<Recommendation> Respond(const RespondCommand& command);
  absl::StatusOr<Recommendation> RecordCompliance(const RecordComplianceCommand& command);
  absl::StatusOr<Recommendation> Decline(const DeclineCommand& command);
  // A recommendation is rescheduled at most kMaxReschedules times: each reschedule restarts its
  // follow-up, adding to its state history and steps, so the cap keeps a recommendation (and a
  // page of them) bounded (docs/limits.md). One more is FAILED_PRECONDITION, type "LIMIT" on
  // "recommendations/{id}/reschedules", reason RESCHEDULE_LIMIT_REACHED.
  static constexpr int kMaxReschedules = 50;
  absl::StatusOr<Recommendation> Reschedule(const RescheduleCommand& command);
  absl::StatusOr<DueActionPage> ListDueActions(const DueActionsRequest& request);
  // The token of the page after one ending with `last`, of the listing `binding` names
  // (DueActionPage::binding): for a page the API cut short before it would pass 2 MiB
  // (common/page_bytes.h; each action carries its recommendation's description).
  static std::string DueActionTokenAfter(const DueAction& last, const std::string& binding);
  // Counts from each recommendation's history as at the end of `as_of_date` (default today).
  absl::StatusOr<ComplianceReport> GetComplianceReport(std::string_view organisation,
                                                       std::optional<absl::CivilDay> as_of_date);
  // The recommendations recorded as not complied within the period that still stood so at the
  // end of it, ordered by organisation, then the day recorded, then the order received.
  absl::StatusOr<NonCompliancePage> ListNonCompliance(const NonComplianceRequest& request);

  // The summary of investigations/{investigation_id} as it would be published now, with the
  // guard's hits and their acknowledgements. `deadline` bounds the calls to investigation and
  // intake. Only a DECIDED investigation has one (publishable_case.h: reason INVESTIGATION_ENDED
  // for one withdrawn or discontinued). FAILED_PRECONDITION (reason LINE_BREAK_IN_PARAGRAPH) when
  // a narrative paragraph holds a line break (line_breaks.h): the summary cannot be rendered.
  absl::StatusOr<RenderedSummary> RenderCaseSummary(std::string_view investigation,
                                                    absl::Time deadline);
  // Renders, refuses on a line break or on any guard hit not acknowledged, and stores a new
  // version unless the latest published one has the same content (which is then returned).
  absl::StatusOr<CaseSummary> PublishCaseSummary(std::string_view investigation,
                                                 absl::Time deadline);
  // Records that `command.caseworker` accepts the issue `command.issue_id` of the summary as it
  // renders now, for `command.reason`, at the clock's time; later renders mark it acknowledged
  // and it no longer stops publication. Returns the issue with its acknowledgement. Acknowledging
  // an acknowledged issue again returns it unchanged (the first reason stands). NOT_FOUND when
  // the summary has no such issue now (the text it flagged has changed, or the id is not one);
  // the render's errors otherwise: a line break cannot be acknowledged, only removed.
  absl::StatusOr<AnonymisationIssue> AcknowledgeAnonymisationIssue(
      const AcknowledgeIssueCommand& command, absl::Time deadline);
  absl::StatusOr<CaseSummary> GetCaseSummary(std::string_view name, int version);

  // The scheduler's pass: takes the follow-up steps due by today on every followed-up
  // recommendation, each counted from the day the one before was taken (follow_up.h), so a pass
  // takes at most one contact with the organisation per recommendation; one store update per
  // recommendation. Idempotent (a step is taken once) and safe to run concurrently with the RPCs
  // and with other replicas (optimistic concurrency). Returns how many steps were taken.
  absl::StatusOr<int> RunFollowUp();

  // How many followed-up recommendations are past the target date in force today (overdue by the
  // calendar, whether or not a pass has marked them yet), counted up to `cap`: the metric
  // redress_remedy_overdue_recommendations.
  absl::StatusOr<int> CountOverdue(int cap);

  // The follow-up steps of `recommendation`: those taken, then those planned as of today
  // (followed-up states only; RemainingFollowUp in follow_up.h).
  std::vector<FollowUpStep> FollowUpOf(const Recommendation& recommendation) const;

  // Personal data (personal_data_requests.cc, docs/privacy.md). At most kMaxNamedCases names of
  // each kind, at least one name. Names remedy holds nothing about are skipped, so a person it
  // knows nothing of gets an empty answer. Cases are found in the order named, complaints first,
  // each once.
  static constexpr int kMaxNamedCases = 100;
  absl::StatusOr<std::vector<CasePersonalData>> ExportPersonalData(const PersonalDataQuery& query);
  // Erases (ErasedRecommendation, ErasedAcknowledgement) every case the query finds, each in its
  // own transaction with its audit entries. Refused with FAILED_PRECONDITION, before erasing any,
  // if a recommendation of one is open (reason NOT_CLOSED; the published summary and the guard's
  // acknowledgements' identities are kept either way). Idempotent: a case erased before is
  // reported as such and not written again.
  absl::StatusOr<ErasureOutcome> ErasePersonalData(const PersonalDataQuery& query);
  // Retention: erases up to `limit` cases whose recommendations are all closed and were last
  // changed more than `period` before now; returns how many it erased. A case changed meanwhile
  // (or erased by another replica) is left for the next run.
  absl::StatusOr<int> EraseExpired(absl::Duration period, int limit);

  // Reads the whole audit log, page by page, and verifies its chain (audit::VerifyAuditChain),
  // against `expected` when given (docs/audit.md). Store errors are returned as they are.
  absl::StatusOr<audit::AuditVerification> VerifyAuditLog(
      const std::optional<audit::AuditHead>& expected);

 private:
  // The summary of `decided` with the remedies delivered among `of_investigation` (every
  // recommendation of the investigation, of every decision), and the guard's hits with their
  // acknowledgements; refused when a paragraph holds a line break.
  absl::StatusOr<RenderedSummary> RenderWith(const DecidedCase& decided,
                                             const std::vector<Recommendation>& of_investigation,
                                             absl::Time deadline);

  RemedyStore& store_;
  const Clock& clock_;
  IdGenerator& ids_;
  const WorkingDayCalendar& calendar_;
  CaseReader& cases_;
  PersonalDetailsSource& people_;
  const FollowUpPolicy policy_;
};

}  // namespace redress::remedy
