// Remedy's rules: receiving a final decision's recommendations, the organisation's response,
// compliance and declines, rescheduling, the follow-up schedule (overdue -> chased -> escalated ->
// not complied, in working days), due actions, the compliance report, and rendering and
// publishing the case summary behind the anonymisation guard. No gRPC here: the adapter
// translates protos to these calls.
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
#include "common/clock.h"
#include "common/errors.h"
#include "common/id_generator.h"
#include "common/working_day_calendar.h"
#include "services/remedy/anonymisation_guard.h"
#include "services/remedy/anonymisation_issue.h"
#include "services/remedy/follow_up.h"
#include "services/remedy/peers.h"
#include "services/remedy/recommendation.h"
#include "services/remedy/store.h"

namespace redress::remedy {

inline constexpr char kPersonalDataInSummary[] = "PERSONAL_DATA_IN_SUMMARY";
inline constexpr char kLineBreakInParagraph[] = "LINE_BREAK_IN_PARAGRAPH";

// A page request as the API has it; see protos/redress/common/v1/paging.proto.
struct ListRequest {
  int page_size = 0;
  std::string page_token;
  std::string filter;
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
  std::string fingerprint;  // of the request body (common/request_fingerprint.h)
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
};

struct ComplianceReport {
  std::string organisation_id;
  absl::CivilDay as_of_date;
  int complied_on_time = 0;
  int complied_late = 0;
  int outstanding = 0;
  int outstanding_overdue = 0;
  int not_complied = 0;
  int declined = 0;
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

class RemedyLogic {
 public:
  static constexpr int kDefaultPageSize = 50;
  static constexpr int kMaxPageSize = 500;

  // REQUIRES: every reference outlives this object.
  RemedyLogic(RemedyStore& store, const Clock& clock, IdGenerator& ids,
              const WorkingDayCalendar& calendar, CaseReader& cases, PersonalDetailsSource& people,
              FollowUpPolicy policy = {});

  // Idempotent on the handoff key: a retry with the same body returns the recommendations the
  // first call created; the same key with a different body is INVALID_ARGUMENT (reason
  // REQUEST_ID_REUSED). `decoding` holds violations the adapter found.
  absl::StatusOr<std::vector<Recommendation>> ReceiveDecision(const ReceiveDecisionCommand& command,
                                                              const FieldViolations& decoding = {});

  absl::StatusOr<Recommendation> GetRecommendation(std::string_view name);
  absl::StatusOr<RecommendationPage> ListRecommendations(const ListRequest& request);
  absl::StatusOr<Recommendation> Respond(const RespondCommand& command);
  absl::StatusOr<Recommendation> RecordCompliance(const RecordComplianceCommand& command);
  absl::StatusOr<Recommendation> Decline(const DeclineCommand& command);
  absl::StatusOr<Recommendation> Reschedule(const RescheduleCommand& command);
  absl::StatusOr<DueActionPage> ListDueActions(const DueActionsRequest& request);
  absl::StatusOr<ComplianceReport> GetComplianceReport(std::string_view organisation,
                                                       std::optional<absl::CivilDay> as_of_date);

  // The summary of investigations/{investigation_id} as it would be published now, with the
  // guard's hits and their acknowledgements. FAILED_PRECONDITION (reason
  // LINE_BREAK_IN_PARAGRAPH) when a narrative paragraph holds a line break (line_breaks.h): the
  // summary cannot be rendered. `deadline` bounds the calls to investigation and intake.
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

  // The scheduler's pass: takes every follow-up step due by today on every open recommendation,
  // one store update per recommendation. Idempotent (a step is taken once) and safe to run
  // concurrently with the RPCs and with other replicas (optimistic concurrency). Returns how many
  // steps were taken.
  absl::StatusOr<int> RunFollowUp();

  // The follow-up steps of `recommendation`: those taken, then those planned (open only).
  std::vector<FollowUpStep> FollowUpOf(const Recommendation& recommendation) const;

 private:
  // The summary of `decided` with the remedies delivered among `of_decision` (the
  // recommendations of its decision), and the guard's hits with their acknowledgements; refused
  // when a paragraph holds a line break.
  absl::StatusOr<RenderedSummary> RenderWith(const DecidedCase& decided,
                                             const std::vector<Recommendation>& of_decision,
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
