// Drives one case (tests/case_fixture.h) through the whole suite, only through the services'
// gRPC APIs: register -> submit -> assess (accepted) -> the investigation intake hands over ->
// caseworker, scope, findings, the caseworker's text and recommendations -> provisional view and
// both parties' comments -> final decision -> the recommendations remedy receives, accepted and
// complied with or declined -> publication. Each step returns the failing call's status, named.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tests/case_fixture.h"
#include "tests/suite_harness.h"

namespace redress::testing {

class CaseRun {
 public:
  // `loaded` and `suite` must outlive the run.
  CaseRun(Suite& suite, const LoadedCase& loaded);

  // Every step up to the final decision.
  absl::Status RunToDecision();
  // Adds the organisations the case needs to the register.
  absl::Status RegisterOrganisations();
  // Submits the complaint and assesses it; it must be accepted.
  absl::Status SubmitAndAccept();
  // Waits (bounded) until investigation has opened the investigation of the complaint.
  absl::Status AwaitInvestigation();
  // Assigns the caseworker, agrees the scope and records every finding, then sends the
  // caseworker's fields and recommendations with UpdateInvestigation.
  absl::Status Investigate();
  // Sends the fixture's caseworker fields and recommendations with UpdateInvestigation (again,
  // after the fixture changed).
  absl::Status Update();
  // Shares the provisional view, logs the comments and issues the final decision. After a review
  // reopened the case, shares the revised view and decides again.
  absl::Status Decide();
  // Waits (bounded) until remedy has every recommendation of the decision, then records what the
  // case says of each: accepted and complied with, or declined.
  absl::Status SettleRecommendations();
  // PublishCaseSummary, tried again while remedy has not yet received the decision (bounded).
  // Returns the last call's status; `summary` holds the answer when it is OK.
  grpc::Status Publish(redress::remedy::v1::CaseSummary& summary);

  // Output of the steps. investigation() is as the last call on it returned it.
  const std::string& complaint_name() const { return complaint_name_; }
  const redress::intake::v1::Complaint& complaint() const { return complaint_; }
  const std::string& investigation_name() const { return investigation_.name(); }
  const redress::investigation::v1::Investigation& investigation() const { return investigation_; }
  // The decision's recommendations in its order, as remedy received them and as the last call
  // on each left them.
  const std::vector<redress::remedy::v1::Recommendation>& recommendations() const {
    return recommendations_;
  }
  const std::vector<redress::remedy::v1::Recommendation>& settled() const { return settled_; }

 private:
  absl::Status Settle(const e2e::RecommendationFixture& planned,
                      const redress::remedy::v1::Recommendation& received,
                      redress::remedy::v1::Recommendation& answer);
  absl::StatusOr<std::vector<redress::remedy::v1::Recommendation>> ListRecommendations();

  Suite& suite_;
  const LoadedCase& loaded_;
  std::string complaint_name_;
  redress::intake::v1::Complaint complaint_;
  redress::investigation::v1::Investigation investigation_;
  std::vector<redress::remedy::v1::Recommendation> recommendations_;
  std::vector<redress::remedy::v1::Recommendation> settled_;
};

}  // namespace redress::testing
