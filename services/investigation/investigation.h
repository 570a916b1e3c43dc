// The domain types of an investigation: its complaint points and findings, evidence, holds, the
// provisional view and comments, recommendations, the final decision and reviews, how it ended,
// and the hand-offs to remedy (a decision, a reopening, an end). Mirrors
// protos/redress/investigation/v1/case.proto, whose comments give each field's rules; enum values
// are the proto numbers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/money.h"
#include "common/outbox.h"
#include "common/store/request_record.h"

namespace redress::investigation {

enum class InvestigationState {
  kUnassigned = 1,
  kAssigned = 2,
  kInvestigating = 3,
  kOnHold = 4,
  kProvisionalViewShared = 5,
  kDecided = 6,
  kUnderReview = 7,
  kWithdrawn = 8,     // terminal
  kDiscontinued = 9,  // terminal
};

enum class Outcome { kUnspecified = 0, kUpheld = 1, kPartlyUpheld = 2, kNotUpheld = 3 };

enum class CausalLink { kUnspecified = 0, kCaused = 1, kNotCaused = 2, kCannotBeShown = 3 };

// redress.common.v1.Party.
enum class Party { kUnspecified = 0, kComplainant = 1, kOrganisation = 2, kOther = 3 };

// redress.common.v1.Jurisdiction.
enum class Jurisdiction { kUnspecified = 0, kParliamentary = 1, kHealth = 2 };

// redress.common.v1.RecommendationType.
enum class RecommendationType {
  kUnspecified = 0,
  kApology = 1,
  kFinancialLoss = 2,
  kNonFinancialLoss = 3,
  kPutThingsRight = 4,
  kLearnLessons = 5,
};

// redress.common.v1.Beneficiary.
enum class Beneficiary { kUnspecified = 0, kComplainant = 1, kOtherPerson = 2, kServiceUsers = 3 };

enum class Principle {
  kUnspecified = 0,
  kGettingItRight = 1,
  kBeingCustomerFocused = 2,
  kBeingOpenAndAccountable = 3,
  kActingFairlyAndProportionately = 4,
  kPuttingThingsRight = 5,
  kSeekingContinuousImprovement = 6,
};

enum class ReviewGround {
  kUnspecified = 0,
  kFactsWrong = 1,
  kNewInformation = 2,
  kPartOverlooked = 3
};

enum class ReviewOutcome { kUnspecified = 0, kDecisionStands = 1, kReopened = 2 };

struct Finding {
  bool failing = false;
  bool injustice = false;
  CausalLink causal_link = CausalLink::kUnspecified;
  std::string reasoning;
  absl::Time record_time = absl::InfinitePast();

  bool operator==(const Finding&) const;
};

struct ComplaintPoint {
  std::string point_id;  // "cp1", "cp2", ... in order
  std::string description;
  std::optional<Finding> finding;
  Outcome outcome = Outcome::kUnspecified;  // derived from the finding (outcomes.h)

  bool operator==(const ComplaintPoint&) const;
};

struct Scope {
  std::string summary;
  absl::CivilDay agreed_date;
  int timescale_working_days = 0;
  absl::CivilDay target_date;  // derived (deadlines.h), moved by every hold

  bool operator==(const Scope&) const;
};

struct EvidenceItem {
  std::string evidence_id;  // "e1", ...
  std::string description;
  Party source = Party::kUnspecified;
  absl::CivilDay received_date;
  absl::Time log_time = absl::InfinitePast();

  bool operator==(const EvidenceItem&) const;
};

// A clock-stop. Not in the proto: `resume_state`, the state the investigation was put on hold
// from and returns to when resumed; stores keep it.
struct Hold {
  std::string reason;
  absl::CivilDay start_date;
  std::optional<absl::CivilDay> end_date;  // unset while the hold is open
  InvestigationState resume_state = InvestigationState::kInvestigating;

  bool operator==(const Hold&) const;
};

struct ComplaintHandlingFinding {
  Principle principle = Principle::kUnspecified;
  bool met = false;
  std::string finding;

  bool operator==(const ComplaintHandlingFinding&) const;
};

struct OrganisationInvestigated {
  std::string organisation;  // "organisations/{organisation}" in intake's register
  std::string published_name;

  bool operator==(const OrganisationInvestigated&) const;
};

struct Narrative {
  std::vector<std::string> introduction;
  std::vector<std::string> what_happened;
  std::vector<std::string> what_we_found;
  std::vector<std::string> putting_it_right;

  bool operator==(const Narrative&) const;
};

struct Recommendation {
  std::string recommendation_id;  // "r1", ...; kept when sent back on update
  RecommendationType type = RecommendationType::kUnspecified;
  Beneficiary beneficiary = Beneficiary::kUnspecified;
  std::string description;
  std::optional<Money> amount;                // only for the compensation types
  std::optional<absl::CivilDay> target_date;  // required; optional only so a patch can omit it
  // Who must act: "organisations/{organisation}", one of organisations_investigated (as held
  // there, a resource name); "" = the first organisation investigated.
  std::string organisation;

  bool operator==(const Recommendation&) const;
};

struct Comment {
  std::string comment_id;  // "c1", ...
  Party party = Party::kUnspecified;
  std::string text;
  absl::CivilDay received_date;
  absl::Time log_time = absl::InfinitePast();
  // For PARTY_ORGANISATION: the organisation investigated that commented,
  // "organisations/{organisation}"; "" for the complainant.
  std::string organisation;
  int view_revision = 0;  // ProvisionalView::revision of the view commented on

  bool operator==(const Comment&) const;
};

// A party that has commented on the current revision of the provisional view, and from which day:
// kept with the view, so that whether the comment period closed is decided without reading every
// comment.
struct Commenter {
  Party party = Party::kUnspecified;   // kComplainant or kOrganisation
  std::string organisation;            // for kOrganisation, "organisations/{organisation}"; else ""
  absl::CivilDay first_received_date;  // the earliest received_date of its comments on the revision

  bool operator==(const Commenter&) const;
};

struct ProvisionalView {
  absl::CivilDay share_date;
  int comment_period_working_days = 0;
  absl::CivilDay comment_deadline;  // derived (deadlines.h), moved by holds
  // The most recent comments, at most kRecentCommentsShown (case_limits.h), in the order logged;
  // comments on an earlier revision of the view are kept too (those on this one have its
  // `revision` as their view_revision). Comments are only ever appended: a store writes the ones
  // numbered past what it holds, and ListComments reads them all.
  std::vector<Comment> comments;
  int revision = 0;  // 1 for the first view shared, one more for each revised view
  // What the parties were shown, as view_content.h fingerprints it; "" when not recorded (a view
  // shared before the fingerprint was kept, taken as current).
  std::string shared_content;
  int comment_count = 0;  // comments logged in all, on every revision; c1..c<comment_count>
  // Who has commented on this revision, in the order they first did; empty for a new revision.
  std::vector<Commenter> commenters;

  bool operator==(const ProvisionalView&) const;
};

struct FinalDecision {
  Outcome decision = Outcome::kUnspecified;  // derived (outcomes.h); never set by a client
  absl::CivilDay decision_date;
  absl::Time issue_time = absl::InfinitePast();
  int sequence = 0;  // 1 for the first decision, 2 after a reopened investigation, ...

  bool operator==(const FinalDecision&) const;
};

struct Review {
  std::string review_id;  // "rv1", ...
  Party requested_by = Party::kUnspecified;
  ReviewGround ground = ReviewGround::kUnspecified;
  std::string explanation;
  absl::CivilDay request_date;
  ReviewOutcome outcome = ReviewOutcome::kUnspecified;  // unset while under review
  std::string outcome_reason;
  std::optional<absl::CivilDay> decide_date;
  int decision_sequence = 0;  // FinalDecision.sequence reviewed

  bool operator==(const Review&) const;
};

// How an investigation ended without a (new) decision: WITHDRAWN or DISCONTINUED, as its state.
struct InvestigationEnding {
  std::string reason;
  absl::CivilDay end_date;
  absl::Time record_time = absl::InfinitePast();

  bool operator==(const InvestigationEnding&) const;
};

// What intake handed over with the accepted complaint. No personal details.
struct ComplaintSnapshot {
  std::string complaint;  // "complaints/{complaint}"
  std::string complainants_reference;
  std::vector<std::string> organisations;  // "organisations/{organisation}", in order
  std::string what_went_wrong;
  std::string injustice_claimed;
  std::string outcome_wanted;
  Jurisdiction jurisdiction = Jurisdiction::kUnspecified;
  std::vector<std::string> organisation_published_names;  // same order as `organisations`
  std::string default_location;

  bool operator==(const ComplaintSnapshot&) const;
};

struct Investigation {
  std::string id;  // resource name is "investigations/" + id
  InvestigationState state = InvestigationState::kUnassigned;
  ComplaintSnapshot complaint;
  // The token subject of the complainant who owns the complaint in intake (OpenInvestigation's
  // owner); empty for none. Not on the wire: it decides who reaches the investigation
  // (docs/security.md). Never changes.
  std::string owner;
  std::string caseworker;
  std::optional<Scope> scope;
  std::vector<ComplaintPoint> points;
  // The most recent evidence, at most kRecentEvidenceShown (case_limits.h), in the order logged.
  // Evidence is only ever appended: a store writes the items numbered past what it holds, and
  // ListEvidence reads them all.
  std::vector<EvidenceItem> evidence;
  int evidence_count = 0;   // items logged in all; e1..e<evidence_count>
  std::vector<Hold> holds;  // in order, every one; the last is open while ON_HOLD
  std::vector<ComplaintHandlingFinding> complaint_handling_findings;
  std::vector<std::string> complaint_types;  // published labels (complaint_types.h)
  std::vector<OrganisationInvestigated> organisations_investigated;
  std::string location;
  Narrative narrative;
  std::vector<Recommendation> recommendations;
  std::optional<ProvisionalView> provisional_view;
  std::optional<FinalDecision> final_decision;    // unset until decided and while reopened
  std::vector<FinalDecision> previous_decisions;  // oldest first
  std::vector<Review> reviews;                    // oldest first
  std::optional<InvestigationEnding> ending;      // set once WITHDRAWN or DISCONTINUED
  int64_t version = 0;                            // etag is its decimal string; 1 when opened
  absl::Time create_time = absl::InfinitePast();
  absl::Time update_time = absl::InfinitePast();
  // Order of opening, assigned by the store on insert (1, 2, ...); lists are ordered by it.
  int64_t sequence = 0;

  std::string name() const { return "investigations/" + id; }
  bool operator==(const Investigation&) const;
};

inline constexpr char kInvestigationsCollection[] = "investigations/";

// The hand-off of a final decision's recommendations to remedy (DecisionIssuedEvent), written to
// the outbox in the same transaction as the decision.
struct DecisionHandoff {
  std::string handoff_key;       // "investigations/{id}/decisions/{sequence}"; unique in the outbox
  std::string investigation_id;  // the id, not the resource name
  std::string complaint;         // "complaints/{complaint}"
  FinalDecision decision;
  std::vector<Recommendation> recommendations;  // as at the decision
  std::vector<OrganisationInvestigated> organisations;
  std::string complaint_owner;  // Investigation::owner, for remedy's scoping

  bool operator==(const DecisionHandoff&) const;
};

// The hand-off telling remedy that a review reopened a decision (DecisionReopenedEvent), written
// to the outbox in the same transaction as the reopening.
struct ReopeningHandoff {
  // "investigations/{id}/decisions/{sequence}/reopening"; unique in the outbox.
  std::string handoff_key;
  std::string investigation_id;  // the id, not the resource name
  std::string complaint;         // "complaints/{complaint}"
  int decision_sequence = 0;     // the decision reopened
  absl::CivilDay reopen_date;
  absl::Time reopen_time = absl::InfinitePast();  // when recorded; not in the event

  bool operator==(const ReopeningHandoff&) const;
};

// The hand-off telling remedy that an investigation it holds decisions of ended without a new one
// (InvestigationEndedEvent), written to the outbox in the same transaction as the end.
struct EndHandoff {
  std::string handoff_key;       // "investigations/{id}/end"; unique in the outbox
  std::string investigation_id;  // the id, not the resource name
  std::string complaint;         // "complaints/{complaint}"
  InvestigationState state = InvestigationState::kWithdrawn;  // or kDiscontinued
  std::string reason;
  absl::CivilDay end_date;
  int decisions_issued = 0;
  absl::Time end_time = absl::InfinitePast();  // when recorded; not in the event

  bool operator==(const EndHandoff&) const;
};

// Any hand-off to remedy. Its kind decides the RPC that delivers it (remedy_transport.h).
using Handoff = std::variant<DecisionHandoff, ReopeningHandoff, EndHandoff>;

// What an outbox row keeps of `handoff` once delivered: remedy now holds it, so a decision's
// hand-off drops the complaint owner's token subject (docs/security.md). The others carry no
// personal data and are kept as they are.
Handoff DeliveredHandoff(Handoff handoff);

const std::string& HandoffKey(const Handoff& handoff);
const std::string& HandoffInvestigationId(const Handoff& handoff);
// When the change that wrote it was made: the decision's issue_time, the reopen_time, the
// end_time. The outbox entry's create_time.
absl::Time HandoffTime(const Handoff& handoff);

// An outbox row: a hand-off and its delivery state.
struct OutboxEntry {
  int64_t id = 0;  // assigned by the store, increasing
  Handoff handoff;
  int attempts = 0;                               // failed ones and the one that delivered it
  absl::Time create_time = absl::InfinitePast();  // HandoffTime(handoff)
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

// The record of an idempotent request (common/store/request_record.h). Scopes are the method,
// or for requests within one investigation the method and the investigation
// ("LogEvidence:investigations/{id}").
using RequestRecord = ::redress::RequestRecord;

}  // namespace redress::investigation
