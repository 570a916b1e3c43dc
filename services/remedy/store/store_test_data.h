// Test data for the remedy store tests: a recommendation with every field set (UTF-8 text, money,
// every optional part, steps, reschedules and state history, times with microseconds), a
// just-received one, decision receipts and case summaries, and a scratch directory per test for
// file-backed stores.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/testing/scratch_dir.h"
#include "services/remedy/anonymisation_issue.h"
#include "services/remedy/recommendation.h"
#include "services/remedy/store/store.h"

namespace redress::remedy {

// Readable failure messages for EXPECT_EQ on domain types.
inline void PrintTo(const Recommendation& r, std::ostream* os) {
  *os << "Recommendation{" << r.id << ", seq " << r.sequence << ", v" << r.version << ", state "
      << static_cast<int>(r.state) << ", investigation " << r.investigation_id << ", org "
      << r.organisation_id << ", target " << r.target_date << ", response "
      << (r.response.has_value() ? "yes" : "no") << ", compliance "
      << (r.compliance.has_value() ? "yes" : "no") << ", decline "
      << (r.decline.has_value() ? "yes" : "no") << ", " << r.steps_taken.size() << " steps, "
      << r.reschedules.size() << " reschedules, " << r.history.size() << " history entries}";
}

inline void PrintTo(const StateChange& c, std::ostream* os) {
  *os << "StateChange{state " << static_cast<int>(c.state) << ", at "
      << absl::FormatTime(c.change_time, absl::UTCTimeZone()) << ", target " << c.target_date
      << ", decision " << c.decision_sequence << "}";
}

inline void PrintTo(const CaseSummary& s, std::ostream* os) {
  *os << "CaseSummary{" << s.investigation_id << " v" << s.version << ", " << s.sections.size()
      << " sections, text \"" << s.text << "\"}";
}

inline void PrintTo(const DecisionReceipt& r, std::ostream* os) {
  *os << "DecisionReceipt{" << r.handoff_key << ", " << r.recommendation_ids.size() << " ids}";
}

namespace store_testing {

// Every test's scratch directory for file-backed stores.
using ::redress::testing::ScratchDir;

// A time with microseconds, as stores keep them.
inline absl::Time TimeAt(int64_t seconds, int64_t micros = 0) {
  return absl::FromUnixSeconds(1'700'000'000 + seconds) + absl::Microseconds(micros);
}

// A recommendation as received: version 1, awaiting a response, no optional part set.
inline Recommendation MinimalRecommendation(const std::string& id,
                                            const std::string& investigation_id = "i1",
                                            const std::string& organisation_id = "hmcts",
                                            absl::CivilDay target_date = absl::CivilDay(2024, 9,
                                                                                        30)) {
  Recommendation r;
  r.id = id;
  r.version = 1;
  r.investigation_id = investigation_id;
  r.complaint = "complaints/for-" + investigation_id;
  r.decision_sequence = 1;
  r.source_recommendation_id = "r1";
  r.organisation_id = organisation_id;
  r.organisation_published_name = "Name of " + organisation_id;
  r.type = RecommendationType::kApology;
  r.beneficiary = Beneficiary::kComplainant;
  r.description = "Apologise.";
  r.target_date = target_date;
  r.state = RecommendationState::kAwaitingResponse;
  r.create_time = TimeAt(20);
  r.update_time = TimeAt(20);
  return r;
}

// Every field set to a value other than its default, every optional part present (a real
// recommendation would not have a response, compliance and a decline all at once; the store does
// not care), with UTF-8 text and times that need their microseconds.
inline Recommendation FullRecommendation(const std::string& id) {
  Recommendation r;
  r.id = id;
  r.version = 7;
  r.investigation_id = "inv-17";
  r.complaint = "complaints/c-17";
  r.decision_sequence = 2;
  r.source_recommendation_id = "r2";
  r.organisation_id = "gp-1";
  r.organisation_published_name = "A GP practice \u2013 \u201cThe Surgery\u201d";
  r.type = RecommendationType::kFinancialLoss;
  r.beneficiary = Beneficiary::kOtherPerson;
  r.description = "Refund the £250 fee \u2014 twice lost; caf\u00e9 receipts \u20ac12.";
  r.amount = Money{25001, "GBP"};
  r.target_date = absl::CivilDay(2024, 10, 15);
  r.state = RecommendationState::kComplied;
  r.response = OrganisationResponse{OrganisationPosition::kDisputed,
                                    "We don\u2019t agree \u2013 see our letter.",
                                    absl::CivilDay(2024, 9, 2)};
  r.compliance = ComplianceEvidence{"Refunded £250 by cheque.", absl::CivilDay(2024, 11, 1),
                                    "DOC-42/\u00e9", TimeAt(80, 800001)};
  r.decline = Decline{"I\u2019d rather not.", absl::CivilDay(2024, 9, 20)};
  r.steps_taken = {
      {FollowUpAction::kMarkOverdue, absl::CivilDay(2024, 10, 16), TimeAt(60, 1)},
      {FollowUpAction::kChase, absl::CivilDay(2024, 10, 30), TimeAt(61, 999999)},
      {FollowUpAction::kEscalate, absl::CivilDay(2024, 11, 13), TimeAt(62, 123456)},
  };
  r.reschedules = {
      {absl::CivilDay(2024, 9, 30), absl::CivilDay(2024, 10, 7), "Waiting for the bank.",
       TimeAt(50, 5)},
      {absl::CivilDay(2024, 10, 7), absl::CivilDay(2024, 10, 15), "Postal strike \u2013 again.",
       TimeAt(51, 654321)},
  };
  r.history = {
      {RecommendationState::kAwaitingResponse, TimeAt(10, 123456), absl::CivilDay(2024, 9, 30), 1},
      {RecommendationState::kHeld, TimeAt(40, 7), absl::CivilDay(2024, 9, 30), 1},
      {RecommendationState::kDisputed, TimeAt(45, 999998), absl::CivilDay(2024, 9, 30), 2},
      {RecommendationState::kDisputed, TimeAt(51, 654321), absl::CivilDay(2024, 10, 15), 2},
      {RecommendationState::kComplied, TimeAt(80, 800001), absl::CivilDay(2024, 10, 15), 2},
  };
  r.create_time = TimeAt(10, 123456);
  r.update_time = TimeAt(95, 654321);
  return r;
}

// The receipt of the hand-off "investigations/{investigation_id}/decisions/{sequence}" that
// created `ids`.
inline DecisionReceipt Receipt(const std::string& investigation_id, int sequence,
                               std::vector<std::string> ids) {
  DecisionReceipt r;
  r.handoff_key = "investigations/" + investigation_id + "/decisions/" + std::to_string(sequence);
  r.investigation_id = investigation_id;
  r.decision_sequence = sequence;
  r.fingerprint = "fingerprint-of-" + r.handoff_key;
  r.recommendation_ids = std::move(ids);
  r.receive_time = TimeAt(30, 300003);
  return r;
}

// A published summary with every field set.
inline CaseSummary FullSummary(const std::string& investigation_id, int version) {
  CaseSummary s;
  s.investigation_id = investigation_id;
  s.version = version;
  s.sections = {
      {"", {"Mrs O complained that the court lost her £250 fee \u2013 twice.", "A second one."}},
      {"What happened", {"It said \u201cit\u2019s in the post\u201d."}},
      {"What we found", {"Maladministration.", "Injustice \u2014 distress."}},
  };
  s.text = "version " + std::to_string(version) +
           ": Mrs O complained that the court lost her £250 fee \u2013 twice.\nA second one.";
  s.jurisdiction = Jurisdiction::kHealth;
  s.organisations = {"HM Courts and Tribunals Service", "A GP practice"};
  s.location = "Greater Manchester";
  s.complaint_types = {"Communication", "Delay"};
  s.remedies = {"Apology", "Financial loss"};
  s.decision_sequence = 2;
  s.publish_time = TimeAt(100 + version, 100001);
  return s;
}

// An acknowledgement of issue `issue_id` of `investigation`'s case summary.
inline IssueAcknowledgement AcknowledgementOf(const std::string& investigation,
                                              const std::string& issue_id) {
  IssueAcknowledgement a;
  a.investigation_id = investigation;
  a.issue_id = issue_id;
  a.field = "narrative.what_happened[0]";
  a.kind = "given_name";
  a.person_role = "complainant";
  a.reason = "It is the month, not a name.";
  a.caseworker = "caseworker-17";
  a.acknowledge_time = TimeAt(60, 1);
  return a;
}

// Ten audited changes through every write of `store`, in this order (each entry's resource):
//   1-3  decision 1 of i1 creating r1 and r2: investigations/i1/decisions/1, recommendations/r1,
//        recommendations/r2
//   4    r1 changed: recommendations/r1
//   5    i1's case summary version 1: caseSummaries/i1
//   6    an acknowledgement of its issue "abcd": caseSummaries/i1/issues/abcd
//   7    version 2 of the case summary: caseSummaries/i1
//   8-10 decision 2 of i1 creating r3 and changing r2: investigations/i1/decisions/2,
//        recommendations/r3, recommendations/r2
inline absl::Status MakeAuditedChanges(RemedyStore& store) {
  Recommendation r1 = MinimalRecommendation("r1");
  Recommendation r2 = MinimalRecommendation("r2");
  absl::Status status = store.ReceiveHandoff(Receipt("i1", 1, {"r1", "r2"}), {r1, r2}, {});
  if (!status.ok()) return status;
  r1.state = RecommendationState::kAccepted;
  r1.version = 2;
  r1.update_time = TimeAt(40);
  if (status = store.UpdateRecommendation(r1, 1); !status.ok()) return status;
  if (status = store.InsertCaseSummary(FullSummary("i1", 1)); !status.ok()) return status;
  status = store.InsertIssueAcknowledgement(AcknowledgementOf("i1", "abcd"));
  if (!status.ok()) return status;
  if (status = store.InsertCaseSummary(FullSummary("i1", 2)); !status.ok()) return status;
  Recommendation r3 = MinimalRecommendation("r3");
  r2.state = RecommendationState::kSuperseded;
  r2.version = 2;
  r2.update_time = TimeAt(70);
  return store.ReceiveHandoff(Receipt("i1", 2, {"r3"}), {r3}, {r2});
}

}  // namespace store_testing
}  // namespace redress::remedy
