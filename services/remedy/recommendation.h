// Remedy's domain types: a recommendation as it is followed up (the organisation's response,
// evidence of compliance, a decline, follow-up steps, its state history), the receipt of a
// hand-off from investigation, and a published case summary version. The proto forms are in
// protos/redress/remedy/v1; the conversions in proto_convert.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/money.h"

namespace redress::remedy {

// The numbering of every enum below matches its proto enum.
enum class RecommendationType {
  kApology = 1,
  kFinancialLoss = 2,
  kNonFinancialLoss = 3,
  kPutThingsRight = 4,
  kLearnLessons = 5,
};

enum class Beneficiary { kComplainant = 1, kOtherPerson = 2, kServiceUsers = 3 };

// See RecommendationState in recommendation.proto for the transitions (recommendation_state.h).
enum class RecommendationState {
  kAwaitingResponse = 1,
  kAccepted = 2,
  kDisputed = 3,
  kOverdue = 4,
  kChased = 5,
  kEscalated = 6,
  kComplied = 7,
  kDeclined = 8,
  kNotComplied = 9,
  kSuperseded = 10,
  kHeld = 11,
  kCancelled = 12,
};

enum class OrganisationPosition { kAccepted = 1, kDisputed = 2 };

enum class FollowUpAction { kMarkOverdue = 1, kChase = 2, kEscalate = 3, kRecordNotComplied = 4 };

struct OrganisationResponse {
  OrganisationPosition position = OrganisationPosition::kAccepted;
  std::string note;  // the reason, for a dispute
  absl::CivilDay response_date;
  bool operator==(const OrganisationResponse&) const;
};

struct ComplianceEvidence {
  std::string action_taken;
  absl::CivilDay completion_date;
  std::string evidence_reference;
  absl::Time record_time = absl::InfinitePast();
  bool operator==(const ComplianceEvidence&) const;
};

struct Decline {
  std::string reason;
  absl::CivilDay decline_date;
  bool operator==(const Decline&) const;
};

// A follow-up step: taken (take_time set) or planned.
struct FollowUpStep {
  FollowUpAction action = FollowUpAction::kMarkOverdue;
  absl::CivilDay due_date;
  std::optional<absl::Time> take_time;
  bool operator==(const FollowUpStep&) const;
};

// A move of the target date, kept as history.
struct Reschedule {
  absl::CivilDay previous_target_date;
  absl::CivilDay new_target_date;
  std::string reason;
  absl::Time record_time = absl::InfinitePast();
  bool operator==(const Reschedule&) const;
};

// One entry of a recommendation's history: from `change_time` on it stood in `state`, with
// `target_date`, under decision `decision_sequence`. An entry is added whenever one of the three
// changes (state_history.h), so the history says where a recommendation stood on any past day.
struct StateChange {
  RecommendationState state = RecommendationState::kAwaitingResponse;
  absl::Time change_time = absl::InfinitePast();
  absl::CivilDay target_date;
  int decision_sequence = 1;
  bool operator==(const StateChange&) const;
};

struct Recommendation {
  std::string id;        // the {recommendation} of recommendations/{recommendation}
  int64_t sequence = 0;  // assigned by the store on insert; the list order
  int64_t version = 0;   // optimistic concurrency; 1 on insert, +1 per change (set by the logic)
  std::string investigation_id;  // the {investigation} of investigations/{investigation}
  std::string complaint;         // "complaints/{complaint}"
  // The token subject of the complainant who owns the complaint (DecisionIssuedEvent's
  // complaint_owner); empty for none. Not on the wire: it decides who reaches the recommendation
  // (docs/security.md). Never changes.
  std::string owner;
  int decision_sequence = 1;  // the latest decision that made it (a later one may carry it over)
  std::string source_recommendation_id;  // "r1"
  std::string organisation_id;           // the {organisation} of organisations/{organisation}
  std::string organisation_published_name;
  RecommendationType type = RecommendationType::kApology;
  Beneficiary beneficiary = Beneficiary::kComplainant;
  std::string description;
  std::optional<Money> amount;
  absl::CivilDay target_date;
  RecommendationState state = RecommendationState::kAwaitingResponse;
  std::optional<OrganisationResponse> response;
  std::optional<ComplianceEvidence> compliance;
  std::optional<Decline> decline;
  std::vector<FollowUpStep> steps_taken;  // in the order taken; every one has take_time
  std::vector<Reschedule> reschedules;    // oldest first
  std::vector<StateChange> history;       // oldest first; the first is the receipt
  absl::Time create_time = absl::InfinitePast();
  absl::Time update_time = absl::InfinitePast();

  bool operator==(const Recommendation&) const;
};

// The record of a received hand-off about a decision: the decision itself
// ("investigations/{id}/decisions/{sequence}"), its reopening
// (".../decisions/{sequence}/reopening") or the end of the investigation
// ("investigations/{id}/end"). Its key makes the receiving RPC idempotent.
struct DecisionReceipt {
  std::string handoff_key;
  std::string investigation_id;
  int decision_sequence = 1;  // the decision; for an end, the number of decisions issued
  std::string fingerprint;    // of the request body, to tell a retry from a reuse of the key
  // A decision's recommendations in its order (created or carried over); a reopening's, those of
  // the decision reopened; an end's, none.
  std::vector<std::string> recommendation_ids;
  absl::Time receive_time = absl::InfinitePast();
  bool operator==(const DecisionReceipt&) const;
};

// Jurisdiction of a case, numbered as redress.common.v1.Jurisdiction.
enum class Jurisdiction { kUnspecified = 0, kParliamentary = 1, kHealth = 2 };

struct SummarySection {
  std::string heading;  // "" for the introduction
  std::vector<std::string> paragraphs;
  bool operator==(const SummarySection&) const;
};

// A case summary as rendered (version 0) or published (version >= 1).
struct CaseSummary {
  std::string investigation_id;
  int version = 0;
  std::string text;
  std::vector<SummarySection> sections;
  Jurisdiction jurisdiction = Jurisdiction::kUnspecified;
  std::vector<std::string> organisations;
  std::string location;
  std::vector<std::string> complaint_types;  // alphabetical, unique; empty = "Not applicable"
  std::vector<std::string> remedies;         // alphabetical, unique; empty = "Not applicable"
  int decision_sequence = 0;
  std::optional<absl::Time> publish_time;
  bool operator==(const CaseSummary&) const;
};

// True while the remedy is still to be settled: the followed-up states (AWAITING_RESPONSE,
// ACCEPTED, DISPUTED, OVERDUE, CHASED, ESCALATED) and HELD. Closed: COMPLIED, DECLINED,
// NOT_COMPLIED, SUPERSEDED, CANCELLED.
bool IsOpen(RecommendationState state);

// True for the open states the scheduler follows up (every open state but HELD).
bool IsFollowedUp(RecommendationState state);

}  // namespace redress::remedy
