// Remedy's request size limit (RemedyService::kMaxRequestBytes, docs/limits.md), served as
// main.cc serves it: the largest decision investigation can hand over is received, and a request
// one byte over the limit is refused RESOURCE_EXHAUSTED by gRPC before the service sees it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/request_size.h"
#include "services/remedy/api/remedy_service_test_support.h"

namespace redress::remedy::testing {
namespace {

using ::redress::testing::IsRefusedForItsSize;
using ::redress::testing::PadToWireSize;

// `chars` characters of four bytes each (U+1F4C4).
std::string Wide(size_t chars) {
  std::string text;
  for (size_t c = 0; c < chars; ++c) text += "\xF0\x9F\x93\x84";
  return text;
}

// The largest decision investigation hands over: its caps of 5 organisations investigated and
// 50 recommendations (investigation_validation.cc), every text at its limit in four-byte
// characters (a published name 200, a description 5,000).
v1::ReceiveDecisionRequest LargestDecision() {
  v1::ReceiveDecisionRequest request = DecisionRequest("a-long-investigation-id-0123456789");
  inv1::DecisionIssuedEvent* event = request.mutable_event();
  event->clear_organisations();
  for (int o = 0; o < 5; ++o) {
    inv1::OrganisationInvestigated* organisation = event->add_organisations();
    organisation->set_organisation(absl::StrCat("organisations/a-long-organisation-id-", o));
    organisation->set_published_name(Wide(200));
  }
  event->clear_recommendations();
  for (int r = 1; r <= 50; ++r) {
    inv1::Recommendation* recommendation = event->add_recommendations();
    recommendation->set_recommendation_id(absl::StrCat("r", r));
    recommendation->set_type(common_v1::RECOMMENDATION_TYPE_FINANCIAL_LOSS);
    recommendation->set_beneficiary(common_v1::BENEFICIARY_COMPLAINANT);
    recommendation->set_description(Wide(5000));
    recommendation->mutable_amount()->set_amount_minor(9'999'999'999);
    recommendation->mutable_amount()->set_currency_code("GBP");
    *recommendation->mutable_target_date() = DateOf(kTargetDay);
    recommendation->set_organisation(event->organisations(r % 5).organisation());
  }
  event->set_complaint_owner(Wide(200));
  return request;
}

TEST_F(RemedyServiceTest, TheLargestDecisionFitsTheLimitAndIsReceived) {
  const v1::ReceiveDecisionRequest request = LargestDecision();
  EXPECT_GT(request.ByteSizeLong(), size_t{1'000'000});
  EXPECT_LE(request.ByteSizeLong(), size_t{RemedyService::kMaxRequestBytes});
  const v1::ReceiveDecisionResponse response = Ok(&v1::Remedy::Stub::ReceiveDecision, request);
  EXPECT_EQ(response.recommendations_size(), 50);
}

TEST_F(RemedyServiceTest, ARequestOverTheLimitIsRefusedBeforeTheServiceSeesIt) {
  v1::ReceiveDecisionRequest request = DecisionRequest();
  std::string* description =
      request.mutable_event()->mutable_recommendations(0)->mutable_description();
  // At the limit the service reads it, and refuses the description.
  ASSERT_TRUE(PadToWireSize(request, description, RemedyService::kMaxRequestBytes));
  ExpectViolations(Fails(&v1::Remedy::Stub::ReceiveDecision, request),
                   {"event.recommendations[0].description"});
  // One byte more, and gRPC refuses it unread.
  ASSERT_TRUE(PadToWireSize(request, description, RemedyService::kMaxRequestBytes + 1));
  const grpc::Status refused = Fails(&v1::Remedy::Stub::ReceiveDecision, request);
  EXPECT_TRUE(IsRefusedForItsSize(refused))
      << refused.error_code() << " " << refused.error_message();
  // Nothing was received: the decision of the first request arrives as new.
  EXPECT_EQ(Ok(&v1::Remedy::Stub::ReceiveDecision, DecisionRequest()).recommendations_size(), 2);
}

}  // namespace
}  // namespace redress::remedy::testing
