// Investigation's request size limit (InvestigationService::kMaxRequestBytes, docs/limits.md),
// served as main.cc serves it: an UpdateInvestigation carrying an investigation of up to the
// 2 MiB one may weigh reaches the service, and a request one byte over the limit is refused
// RESOURCE_EXHAUSTED by gRPC before the service sees it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/testing/request_size.h"
#include "services/investigation/api/investigation_service_test_support.h"
#include "services/investigation/case_limits.h"

namespace redress::investigation::testing {
namespace {

using ::redress::testing::IsRefusedForItsSize;
using ::redress::testing::PadToWireSize;

using LimitsServiceTest = InvestigationServiceTest;

TEST_P(LimitsServiceTest, AnInvestigationOfNearlyTwoMebibytesIsSentAndSentBackWhole) {
  const std::string name = WithFindings().name();
  // 100 paragraphs of 20,000 characters, the most two sections take: 2,000,000 bytes.
  v1::Investigation patch;
  patch.set_name(name);
  for (int p = 0; p < 50; ++p) {
    patch.mutable_narrative()->add_introduction(std::string(20000, 'a' + p % 26));
    patch.mutable_narrative()->add_what_happened(std::string(20000, 'z' - p % 26));
  }
  const v1::Investigation updated = Ok(kUpdate, UpdateRequest(patch, {"narrative"}));
  ASSERT_GT(updated.ByteSizeLong(), size_t{2'000'000});
  ASSERT_LE(updated.ByteSizeLong(), kMaxInvestigationBytes);
  // A client that reads it and sends it back whole, as an update of its narrative.
  const v1::UpdateInvestigationRequest round_trip = UpdateRequest(updated, {"narrative"});
  EXPECT_LE(round_trip.ByteSizeLong(), size_t{InvestigationService::kMaxRequestBytes});
  EXPECT_EQ(Ok(kUpdate, round_trip).narrative().what_happened(49),
            patch.narrative().what_happened(49));
}

TEST_P(LimitsServiceTest, AnInvestigationOfTwoMebibytesWithAFullMaskReachesTheService) {
  const v1::Investigation investigation = Get(WithFindings().name());
  v1::UpdateInvestigationRequest request =
      UpdateRequest(investigation, {"narrative", "location", "complaint_types", "recommendations",
                                    "organisations", "complaint_handling_findings", "scope"});
  v1::Investigation* carried = request.mutable_investigation();
  std::string* paragraph = carried->mutable_narrative()->add_introduction();
  ASSERT_TRUE(PadToWireSize(*carried, paragraph, kMaxInvestigationBytes));
  EXPECT_LE(request.ByteSizeLong(), size_t{InvestigationService::kMaxRequestBytes});
  // The service reads it, and refuses the paragraph (too long) or the change (too large).
  const grpc::Status status = Fails(kUpdate, request);
  EXPECT_FALSE(IsRefusedForItsSize(status)) << status.error_message();
  EXPECT_NE(DetailsOf(status).error_info.reason(), "");
}

TEST_P(LimitsServiceTest, ARequestOverTheLimitIsRefusedBeforeTheServiceSeesIt) {
  const v1::Investigation before = Get(WithFindings().name());
  v1::Investigation patch;
  patch.set_name(before.name());
  v1::UpdateInvestigationRequest request = UpdateRequest(patch, {"narrative"});
  std::string* paragraph = request.mutable_investigation()->mutable_narrative()->add_introduction();
  ASSERT_TRUE(PadToWireSize(request, paragraph, InvestigationService::kMaxRequestBytes));
  EXPECT_FALSE(IsRefusedForItsSize(Fails(kUpdate, request)));
  ASSERT_TRUE(PadToWireSize(request, paragraph, InvestigationService::kMaxRequestBytes + 1));
  const grpc::Status refused = Fails(kUpdate, request);
  EXPECT_TRUE(IsRefusedForItsSize(refused))
      << refused.error_code() << " " << refused.error_message();
  EXPECT_EQ(Get(before.name()).etag(), before.etag());
}

INSTANTIATE_TEST_SUITE_P(Stores, LimitsServiceTest, ::testing::Values(StoreKind::kFake),
                         StoreKindName);

}  // namespace
}  // namespace redress::investigation::testing
