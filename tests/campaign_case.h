// One case of the fault campaign (tests/fault_campaign.h) driven from submission to publication
// by a careful client (tests/campaign_calls.h) while services are killed and frozen under it.
// Every write the client learns took effect is recorded in the case's ledger, for the invariant
// check (tests/campaign_check.h).
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/campaign_calls.h"
#include "tests/case_fixture.h"
#include "tests/suite_harness.h"

namespace redress::testing {

// What a case's client was told took effect; names are empty and flags false until then.
struct CaseLedger {
  std::string tag;  // unique in the campaign, e.g. "w1-c3"
  const LoadedCase* loaded = nullptr;
  bool submit_sent = false;           // SubmitComplaint was sent, whatever came back
  std::string complaint;              // SubmitComplaint
  bool accepted = false;              // AssessComplaint, the complaint accepted
  std::string investigation;          // opened by intake's hand-off and seen by the client
  bool assigned = false;              // AssignCaseworker
  bool scoped = false;                // AgreeScope
  int findings = 0;                   // RecordFinding, in the fixture's point order
  std::vector<std::string> evidence;  // LogEvidence: the descriptions, each unique
  bool updated = false;               // UpdateInvestigation
  bool shared = false;                // ShareProvisionalView
  std::vector<std::string> comments;  // LogComment: the texts, each unique
  bool decided = false;               // IssueFinalDecision
  // remedy's recommendation name -> the state the client's last write on it left.
  std::map<std::string, redress::remedy::v1::RecommendationState> settled;
  std::string summary;   // PublishCaseSummary: the summary's name
  int acknowledged = 0;  // writes the client learnt took effect
  std::string failure;   // why the case stopped short; empty when published
};

// Drives the case of `ledger` (its tag and fixture set). `suite`, `counters` and `ledger` must
// outlive the run; `give_up` bounds every wait (retries and hand-offs).
class CampaignCase {
 public:
  CampaignCase(Suite& suite, ClientCounters& counters, CaseLedger& ledger, absl::Time give_up);
  // Runs every step; the first failing step's status (also kept in ledger.failure).
  absl::Status Run();

 private:
  absl::Status SubmitAndAccept();
  absl::Status AwaitInvestigation();
  absl::Status Investigate();
  absl::Status Decide();
  absl::Status SettleRecommendations();
  absl::Status Publish();

  // The client's writes (campaign_calls.h), counted in the ledger when they took effect.
  absl::Status WriteInvestigation(
      std::string_view what, const CarefulClient::Rpc& rpc,
      const std::function<bool(const redress::investigation::v1::Investigation&)>& done);
  absl::Status WriteRecommendation(
      std::string_view what, const CarefulClient::EtagRpc& rpc,
      redress::remedy::v1::Recommendation& answer,
      const std::function<bool(const redress::remedy::v1::Recommendation&)>& done);
  absl::StatusOr<std::vector<redress::remedy::v1::Recommendation>> DecisionRecommendations();

  Suite& suite_;
  CarefulClient client_;
  CaseLedger& ledger_;
  const e2e::CaseFixture& fixture_;
  redress::investigation::v1::Investigation investigation_;
};

}  // namespace redress::testing
