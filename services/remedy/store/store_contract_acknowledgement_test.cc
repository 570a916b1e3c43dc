// The RemedyStore contract (store.h) for the anonymisation issue key and the acknowledgements of
// issues, run over every implementation.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "common/testing/status_matchers.h"
#include "services/remedy/store/store_contract_fixture.h"

namespace redress::remedy {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::IsOkAndHolds;
using ::redress::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace store_testing;  // NOLINT: test data builders and the typed fixture

IssueAcknowledgement Acknowledgement(std::string investigation, std::string issue_id,
                                     int64_t seconds = 7) {
  IssueAcknowledgement a;
  a.investigation_id = std::move(investigation);
  a.issue_id = std::move(issue_id);
  a.field = "narrative.what_happened[2]";
  a.kind = "given_name";
  a.person_role = "complainant";
  a.reason = "“May” is the month here \u2013 no one is named.";
  a.caseworker = "caseworker-17";
  a.acknowledge_time = TimeAt(seconds, 123457);
  return a;
}

TYPED_TEST(StoreContractTest, TheIssueKeyIsRandomBytesAndAlwaysTheSame) {
  auto key = this->store().GetIssueKey();
  ASSERT_THAT(key, IsOk());
  EXPECT_EQ(key->size(), kIssueKeyBytes);
  EXPECT_NE(*key, std::string(kIssueKeyBytes, '\0'));
  EXPECT_THAT(this->store().GetIssueKey(), IsOkAndHolds(*key));
}

TYPED_TEST(StoreContractTest, EveryFieldOfAnAcknowledgementRoundTripsInTheOrderRecorded) {
  const IssueAcknowledgement second = Acknowledgement("inv1", "bbbb", 9);
  const IssueAcknowledgement first = Acknowledgement("inv1", "ffff", 8);
  ASSERT_THAT(this->store().InsertIssueAcknowledgement(first), IsOk());
  ASSERT_THAT(this->store().InsertIssueAcknowledgement(second), IsOk());
  ASSERT_THAT(this->store().InsertIssueAcknowledgement(Acknowledgement("inv10", "ffff")), IsOk());
  auto list = this->store().ListIssueAcknowledgements("inv1");
  ASSERT_THAT(list, IsOk());
  EXPECT_THAT(*list, ElementsAre(first, second));
  // Spot checks, so that a broken operator== could not hide a lost field.
  EXPECT_EQ((*list)[0].reason, first.reason);
  EXPECT_EQ((*list)[0].acknowledge_time, TimeAt(8, 123457));
  EXPECT_EQ((*list)[1].caseworker, "caseworker-17");
  EXPECT_THAT(this->store().ListIssueAcknowledgements("inv"), IsOkAndHolds(IsEmpty()));
}

TYPED_TEST(StoreContractTest, AcknowledgingAnIssueTwiceIsAlreadyExists) {
  ASSERT_THAT(this->store().InsertIssueAcknowledgement(Acknowledgement("inv1", "aaaa")), IsOk());
  IssueAcknowledgement again = Acknowledgement("inv1", "aaaa", 99);
  again.reason = "another reason";
  EXPECT_THAT(this->store().InsertIssueAcknowledgement(again),
              StatusIs(absl::StatusCode::kAlreadyExists));
  EXPECT_THAT(this->store().ListIssueAcknowledgements("inv1"),
              IsOkAndHolds(ElementsAre(Acknowledgement("inv1", "aaaa"))));
  // The same issue id on another investigation is another acknowledgement.
  EXPECT_THAT(this->store().InsertIssueAcknowledgement(Acknowledgement("inv2", "aaaa")), IsOk());
}

TYPED_TEST(StoreContractTest, AnAcknowledgementWithoutATimeIsRefused) {
  IssueAcknowledgement timeless = Acknowledgement("inv1", "aaaa");
  timeless.acknowledge_time = absl::InfinitePast();
  EXPECT_THAT(this->store().InsertIssueAcknowledgement(timeless),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(this->store().ListIssueAcknowledgements("inv1"), IsOkAndHolds(IsEmpty()));
}

}  // namespace
}  // namespace redress::remedy
