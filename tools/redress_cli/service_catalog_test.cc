// The catalogue of callable methods and `describe`: every RPC of the three services is found in
// the linked descriptors, names resolve as operators type them, and descriptions expand nested
// messages without looping.
#include "tools/redress_cli/service_catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "common/testing/status_matchers.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/rpc/error_details.pb.h"
#include "tools/redress_cli/message_describer.h"

namespace redress::cli {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(ServiceCatalogTest, TheThreeServicesAreLinkedWithTheirDefaultAddresses) {
  ASSERT_EQ(RedressServices().size(), 3u);
  EXPECT_EQ(RedressServices()[0].full_name, "redress.intake.v1.Intake");
  EXPECT_EQ(RedressServices()[1].full_name, "redress.investigation.v1.Investigations");
  EXPECT_EQ(RedressServices()[2].full_name, "redress.remedy.v1.Remedy");
  EXPECT_EQ(RedressServices()[2].default_address, "127.0.0.1:50053");
  for (const ServiceAlias& alias : RedressServices()) {
    ASSERT_NE(ServiceOf(alias), nullptr) << alias.full_name;
    EXPECT_GT(ServiceOf(alias)->method_count(), 0) << alias.full_name;
  }
}

TEST(ServiceCatalogTest, EveryMethodOfEveryServiceIsFoundByItsName) {
  for (const ServiceAlias& alias : RedressServices()) {
    const google::protobuf::ServiceDescriptor* service = ServiceOf(alias);
    for (int i = 0; i < service->method_count(); ++i) {
      auto method = FindMethod(alias, service->method(i)->name());
      ASSERT_THAT(method, IsOk());
      EXPECT_EQ(*method, service->method(i));
    }
  }
}

TEST(ServiceCatalogTest, ServicesResolveByShortOrFullName) {
  ASSERT_NE(FindServiceAlias("remedy"), nullptr);
  EXPECT_EQ(FindServiceAlias("redress.remedy.v1.Remedy"), FindServiceAlias("remedy"));
  EXPECT_EQ(FindServiceAlias("Remedy"), nullptr);
  EXPECT_EQ(FindServiceAlias("billing"), nullptr);
}

TEST(ServiceCatalogTest, MethodsResolveIgnoringCaseOrFullyQualified) {
  const ServiceAlias& intake = *FindServiceAlias("intake");
  auto folded = FindMethod(intake, "getcomplaint");
  ASSERT_THAT(folded, IsOk());
  EXPECT_EQ((*folded)->full_name(), "redress.intake.v1.Intake.GetComplaint");
  auto health = FindMethod(intake, "grpc.health.v1.Health.Check");
  ASSERT_THAT(health, IsOk());
  EXPECT_EQ(MethodPath(**health), "/grpc.health.v1.Health/Check");
}

TEST(ServiceCatalogTest, AnUnknownMethodListsTheServicesMethods) {
  EXPECT_THAT(
      FindMethod(*FindServiceAlias("intake"), "GetComplaints"),
      StatusIs(absl::StatusCode::kNotFound, AllOf(HasSubstr("intake has no method GetComplaints"),
                                                  HasSubstr("GetComplaint, ListComplaints"))));
  EXPECT_THAT(FindMethod(*FindServiceAlias("intake"), "acme.Billing.Charge"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(ServiceCatalogTest, ListHasOneLinePerMethodOfTheGivenServices) {
  const ServiceAlias* intake = FindServiceAlias("intake");
  const ServiceAlias* remedy = FindServiceAlias("remedy");
  const std::string listing = ListMethods({intake, remedy});
  const std::vector<std::string> lines = absl::StrSplit(listing, '\n', absl::SkipEmpty());
  EXPECT_EQ(static_cast<int>(lines.size()),
            ServiceOf(*intake)->method_count() + ServiceOf(*remedy)->method_count());
  EXPECT_THAT(listing, HasSubstr("intake GetComplaint(GetComplaintRequest) returns (Complaint)\n"));
  EXPECT_THAT(listing, HasSubstr("remedy GetRecommendation("));
  EXPECT_THAT(listing, Not(HasSubstr("investigation ")));
}

TEST(DescribeTest, AMethodShowsItsTypesAndTheRequestFieldsExpanded) {
  auto method = FindMethod(*FindServiceAlias("intake"), "SubmitComplaint");
  ASSERT_THAT(method, IsOk());
  const std::string description = DescribeMethod(**method);
  EXPECT_THAT(description, HasSubstr("rpc redress.intake.v1.Intake.SubmitComplaint\n"
                                     "  request:  redress.intake.v1.SubmitComplaintRequest\n"
                                     "  response: redress.intake.v1.Complaint\n"));
  EXPECT_THAT(description, HasSubstr("redress.intake.v1.SubmitComplaintRequest {\n"
                                     "  request_id: string\n"
                                     "  complaint: redress.intake.v1.Complaint {\n"
                                     "    name: string\n"
                                     "    state: enum redress.intake.v1.ComplaintState "
                                     "(COMPLAINT_STATE_UNSPECIFIED | COMPLAINT_STATE_RECEIVED"));
  EXPECT_THAT(description, HasSubstr("    people: repeated redress.intake.v1.Person {\n"));
  EXPECT_THAT(description, HasSubstr("    receive_date: redress.common.v1.Date {\n"
                                     "      year: int32\n"
                                     "      month: int32\n"
                                     "      day: int32\n"
                                     "    }\n"));
  EXPECT_THAT(description, HasSubstr("    create_time: google.protobuf.Timestamp (JSON: RFC 3339"));
}

TEST(DescribeTest, ARecursiveTypeIsExpandedOnce) {
  const std::string description = DescribeMessage(*google::protobuf::DescriptorProto::descriptor());
  EXPECT_THAT(description,
              HasSubstr("  nested_type: repeated google.protobuf.DescriptorProto (recursive)\n"));
}

TEST(DescribeTest, MapsShowTheirKeyAndValueTypes) {
  const std::string description = DescribeMessage(*google::rpc::ErrorInfo::descriptor());
  EXPECT_THAT(description, HasSubstr("  metadata: map<string, string>\n"));
}

}  // namespace
}  // namespace redress::cli
