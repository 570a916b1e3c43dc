// Remedy's domain types: a recommendation as it is followed up (the organisation's response,
// evidence of compliance, a decline, follow-up steps), the receipt of a decision hand-off, and a
// published case summary version. The proto forms are in protos/redress/remedy/v1; the
// conversions in proto_convert.h.
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

struct Recommendation {
  std::string id;        // the {recommendation} of recommendations/{recommendation}
  int64_t sequence = 0;  // assigned by the store on insert; the list order
  int64_t version = 0;   // optimistic concurrency; 1 on insert, +1 per change (set by the logic)
  std::string investigation_id;  // the {investigation} of investigations/{investigation}
  std::string complaint;         // "complaints/{complaint}"
  int decision_sequence = 1;
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
  absl::Time create_time = absl::InfinitePast();
  absl::Time update_time = absl::InfinitePast();

  bool operator==(const Recommendation&) const;
};

// The record of a received decision hand-off: its key makes ReceiveDecision idempotent.
struct DecisionReceipt {
  std::string handoff_key;  // "investigations/{id}/decisions/{sequence}"
  std::string investigation_id;
  int decision_sequence = 1;
  std::string fingerprint;  // of the request body, to tell a retry from a reuse of the key
  std::vector<std::string> recommendation_ids;  // created, in the decision's order
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

// True for the states a recommendation can still leave (not COMPLIED, DECLINED, NOT_COMPLIED,
// SUPERSEDED).
bool IsOpen(RecommendationState state);

}  // namespace redress::remedy
