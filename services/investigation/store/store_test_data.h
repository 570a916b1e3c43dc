// Test data for the investigation store tests: a fully populated investigation (UTF-8 narrative
// included), a just-opened one, request records, hand-offs of each kind, and a scratch directory
// per test for file-backed stores.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/testing/scratch_dir.h"
#include "services/investigation/investigation.h"
#include "services/investigation/store/store.h"

namespace redress::investigation {

// Readable failure messages for EXPECT_EQ on domain types.
inline void PrintTo(const Investigation& i, std::ostream* os) {
  *os << "Investigation{" << i.id << ", seq " << i.sequence << ", v" << i.version << ", state "
      << static_cast<int>(i.state) << ", " << i.points.size() << " points, " << i.evidence.size()
      << " evidence, " << i.recommendations.size() << " recommendations, scope "
      << (i.scope.has_value() ? "yes" : "no") << ", decision "
      << (i.final_decision.has_value() ? "yes" : "no") << "}";
}

namespace store_testing {

// Every test's scratch directory for file-backed stores.
using ::redress::testing::ScratchDir;

// A time with microseconds, as stores keep them.
inline absl::Time TimeAt(int64_t seconds, int64_t micros = 0) {
  return absl::FromUnixSeconds(1'700'000'000 + seconds) + absl::Microseconds(micros);
}

// The paragraphs of a narrative section, in UTF-8 with en and em dashes, pounds and curly quotes.
inline std::vector<std::string> Paragraphs(const std::string& section) {
  return {section + ": Mrs O complained that the court lost her £250 fee – twice.",
          "It said \u201cit\u2019s in the post\u201d \u2014 it wasn\u2019t. \u2018Sorry\u2019 "
          "came 14\u00a0months later; caf\u00e9 receipts \u20ac12.",
          "Plain ASCII with \"straight\" quotes and a backslash \\ too."};
}

inline ComplaintSnapshot FullSnapshot() {
  ComplaintSnapshot c;
  c.complaint = "complaints/c-17";
  c.complainants_reference = "Mr and Mrs O";
  c.organisations = {"organisations/hmcts", "organisations/gp-1"};
  c.what_went_wrong =
      "The court lost my £250 fee – twice. They said \u201cit\u2019s in the post\u201d.";
  c.injustice_claimed = "Distress; 'inconvenience' of three trips.";
  c.outcome_wanted = "An apology and £250 back.";
  c.jurisdiction = Jurisdiction::kHealth;
  c.organisation_published_names = {"HM Courts and Tribunals Service", "A GP practice"};
  c.default_location = "UK";
  return c;
}

inline std::vector<ComplaintPoint> FullPoints() {
  ComplaintPoint found{"cp1", "The fee was lost – twice.", std::nullopt, Outcome::kUpheld};
  found.finding = Finding{true, true, CausalLink::kCaused,
                          "Records show two losses; £250 refunded late.", TimeAt(40, 400001)};
  ComplaintPoint pending{"cp2", "Complaint handling was slow.", std::nullopt,
                         Outcome::kUnspecified};
  ComplaintPoint partly{"cp3", "Letters were unclear.", std::nullopt, Outcome::kPartlyUpheld};
  partly.finding =
      Finding{true, false, CausalLink::kUnspecified, "A failing; no injustice.", TimeAt(41, 7)};
  return {found, pending, partly};
}

inline std::vector<Recommendation> FullRecommendations() {
  return {
      {"r1", RecommendationType::kApology, Beneficiary::kComplainant,
       "Apologise in writing – \u201cpersonally\u201d.", std::nullopt, absl::CivilDay(2024, 9, 30),
       "organisations/gp-1"},
      {"r2", RecommendationType::kFinancialLoss, Beneficiary::kComplainant, "Refund £250.",
       Money{25000, "GBP"}, absl::CivilDay(2024, 10, 15), "organisations/hmcts"},
      // No organisation: the first organisation investigated.
      {"r3", RecommendationType::kLearnLessons, Beneficiary::kServiceUsers,
       "Review the fee-handling process.", std::nullopt, std::nullopt, ""},
  };
}

// A closed hold and an open one.
inline std::vector<Hold> FullHolds() {
  return {
      {"Waiting for the court\u2019s records", absl::CivilDay(2024, 7, 1),
       absl::CivilDay(2024, 7, 12), InvestigationState::kInvestigating},
      {"Waiting for the complainant", absl::CivilDay(2024, 8, 1), std::nullopt,
       InvestigationState::kProvisionalViewShared},
  };
}

// A second revision, with a comment on the first and an organisation's on it (its commenter).
inline ProvisionalView FullProvisionalView() {
  return ProvisionalView{
      absl::CivilDay(2024, 8, 20),
      10,
      absl::CivilDay(2024, 9, 3),
      {{"c1", Party::kComplainant, "I agree – mostly.", absl::CivilDay(2024, 8, 25), TimeAt(60, 5),
        "", 1},
       {"c2", Party::kOrganisation, "We\u2019ll apologise.", absl::CivilDay(2024, 8, 28),
        TimeAt(61, 6), "organisations/gp-1", 2}},
      2,
      "0123456789abcdeffedcba9876543210",
      2,
      {{Party::kOrganisation, "organisations/gp-1", absl::CivilDay(2024, 8, 28)}}};
}

// A review that reopened decision 1, and one of decision 2 still open.
inline std::vector<Review> FullReviews() {
  return {
      {"rv1", Party::kOrganisation, ReviewGround::kFactsWrong, "The ledger was misread – see p.2.",
       absl::CivilDay(2024, 9, 20), ReviewOutcome::kReopened, "The facts were wrong.",
       absl::CivilDay(2024, 10, 1), 1},
      {"rv2", Party::kComplainant, ReviewGround::kPartOverlooked, "Delay was overlooked.",
       absl::CivilDay(2024, 11, 20), ReviewOutcome::kUnspecified, "", std::nullopt, 2},
  };
}

// A decided, then reopened and decided again, investigation now under review: every field set,
// every optional part present (and some list elements with their own optional parts unset).
inline Investigation FullInvestigation(const std::string& id) {
  Investigation i;
  i.id = id;
  i.state = InvestigationState::kUnderReview;
  i.complaint = FullSnapshot();
  i.caseworker = "caseworker-17";
  i.scope = Scope{"Whether the fee was lost – and the handling of the complaint.",
                  absl::CivilDay(2024, 6, 3), 65, absl::CivilDay(2024, 9, 6)};
  i.points = FullPoints();
  i.evidence = {
      {"e1", "Court fee ledger (£ amounts)", Party::kOrganisation, absl::CivilDay(2024, 6, 10),
       TimeAt(30, 1)},
      {"e2", "Complainant\u2019s bank statement", Party::kComplainant, absl::CivilDay(2024, 6, 12),
       TimeAt(31, 999999)},
  };
  i.evidence_count = 2;
  i.holds = FullHolds();
  i.complaint_handling_findings = {
      {Principle::kGettingItRight, false, "The fee was lost twice – not right."},
      {Principle::kPuttingThingsRight, true, "Refunded £250."},
  };
  i.complaint_types = {"Communication", "Delay"};
  i.organisations_investigated = {{"organisations/hmcts", "HM Courts and Tribunals Service"},
                                  {"organisations/gp-1", "A GP practice"}};
  i.location = "Greater Manchester";
  i.narrative = {Paragraphs("introduction"),
                 Paragraphs("what_happened"),
                 Paragraphs("what_we_found"),
                 {"We recommended an apology – and £250."}};
  i.recommendations = FullRecommendations();
  i.provisional_view = FullProvisionalView();
  i.final_decision =
      FinalDecision{Outcome::kPartlyUpheld, absl::CivilDay(2024, 11, 4), TimeAt(90, 90), 2};
  i.previous_decisions = {
      FinalDecision{Outcome::kUpheld, absl::CivilDay(2024, 9, 10), TimeAt(70, 70), 1}};
  i.reviews = FullReviews();
  i.version = 9;
  i.create_time = TimeAt(10, 123456);
  i.update_time = TimeAt(95, 654321);
  return i;
}

// A just-opened investigation: no caseworker, scope, points, view or decision.
inline Investigation MinimalInvestigation(const std::string& id,
                                          std::vector<std::string> organisations = {
                                              "organisations/hmcts"}) {
  Investigation i;
  i.id = id;
  i.state = InvestigationState::kUnassigned;
  i.complaint.complaint = "complaints/for-" + id;
  i.complaint.complainants_reference = "Mr B";
  i.complaint.organisations = organisations;
  i.complaint.what_went_wrong = "Something went wrong.";
  i.complaint.jurisdiction = Jurisdiction::kParliamentary;
  for (const std::string& organisation : organisations) {
    i.complaint.organisation_published_names.push_back("Name of " + organisation);
    i.organisations_investigated.push_back({organisation, "Name of " + organisation});
  }
  i.version = 1;
  i.create_time = TimeAt(20);
  i.update_time = TimeAt(20);
  return i;
}

inline RequestRecord Request(const std::string& scope, const std::string& request_id,
                             const std::string& resource_id) {
  return RequestRecord{scope, request_id, "fingerprint-of-" + request_id, resource_id};
}

// The hand-off of `investigation`'s current decision. REQUIRES: final_decision is set.
inline DecisionHandoff HandoffFor(const Investigation& investigation) {
  DecisionHandoff h;
  h.handoff_key = "investigations/" + investigation.id + "/decisions/" +
                  std::to_string(investigation.final_decision->sequence);
  h.investigation_id = investigation.id;
  h.complaint = investigation.complaint.complaint;
  h.decision = *investigation.final_decision;
  h.recommendations = investigation.recommendations;
  h.organisations = investigation.organisations_investigated;
  return h;
}

// `investigation` decided at `issue_time` (decision number `sequence`), one version on.
inline Investigation Decided(Investigation investigation, absl::Time issue_time, int sequence = 1) {
  investigation.state = InvestigationState::kDecided;
  investigation.final_decision =
      FinalDecision{Outcome::kUpheld, absl::CivilDay(2024, 11, 4), issue_time, sequence};
  investigation.recommendations = FullRecommendations();
  investigation.version += 1;
  investigation.update_time = issue_time;
  return investigation;
}

// The hand-off of the reopening of `investigation`'s decision `sequence`, recorded at `when`.
inline ReopeningHandoff ReopeningFor(const Investigation& investigation, int sequence,
                                     absl::Time when) {
  ReopeningHandoff h;
  h.handoff_key = "investigations/" + investigation.id + "/decisions/" + std::to_string(sequence) +
                  "/reopening";
  h.investigation_id = investigation.id;
  h.complaint = investigation.complaint.complaint;
  h.decision_sequence = sequence;
  h.reopen_date = absl::CivilDay(2024, 12, 2);
  h.reopen_time = when;
  return h;
}

// `investigation` withdrawn at `when` (one version on), for a reason in UTF-8.
inline Investigation Withdrawn(Investigation investigation, absl::Time when) {
  investigation.state = InvestigationState::kWithdrawn;
  investigation.ending = InvestigationEnding{"Mr O withdrew – he “has had enough”.",
                                             absl::CivilDay(2024, 12, 9), when};
  investigation.version += 1;
  investigation.update_time = when;
  return investigation;
}

// The hand-off of `investigation`'s end. REQUIRES: ending is set.
inline EndHandoff EndFor(const Investigation& investigation, int decisions_issued) {
  EndHandoff h;
  h.handoff_key = "investigations/" + investigation.id + "/end";
  h.investigation_id = investigation.id;
  h.complaint = investigation.complaint.complaint;
  h.state = investigation.state;
  h.reason = investigation.ending->reason;
  h.end_date = investigation.ending->end_date;
  h.decisions_issued = decisions_issued;
  h.end_time = investigation.ending->record_time;
  return h;
}

// Five audited writes through `store` (nine audit entries), in this order: open i1 (request
// "req-i1"), assign it, open i2 (a full investigation, request "req-i2", with two evidence items
// and two comments, each with an entry of its own), decide i1 with its hand-off and request
// "req-decide", withdraw i2 with its end hand-off.
inline absl::Status MakeAuditedChanges(InvestigationStore& store) {
  Investigation i1 = MinimalInvestigation("i1");
  absl::StatusOr<int64_t> sequence =
      store.InsertInvestigation(i1, Request("OpenInvestigation", "req-i1", "i1"));
  if (!sequence.ok()) return sequence.status();
  i1.state = InvestigationState::kAssigned;
  i1.caseworker = "alice";
  i1.version = 2;
  i1.update_time = TimeAt(21);
  absl::Status status = store.UpdateInvestigation(i1, 1, std::nullopt, std::nullopt);
  if (!status.ok()) return status;
  Investigation i2 = FullInvestigation("i2");
  i2.final_decision.reset();
  sequence = store.InsertInvestigation(i2, Request("OpenInvestigation", "req-i2", "i2"));
  if (!sequence.ok()) return sequence.status();
  i1 = Decided(i1, TimeAt(40));
  status = store.UpdateInvestigation(i1, 2, HandoffFor(i1),
                                     Request("IssueDecision", "req-decide", "i1"));
  if (!status.ok()) return status;
  i2 = Withdrawn(i2, TimeAt(50));
  return store.UpdateInvestigation(i2, i2.version - 1, EndFor(i2, 0), std::nullopt);
}

}  // namespace store_testing
}  // namespace redress::investigation
