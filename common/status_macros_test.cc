#include "common/status_macros.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "common/testing/status_matchers.h"

namespace redress {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;

absl::Status Check(bool ok, int* calls) {
  ++*calls;
  return ok ? absl::OkStatus() : absl::NotFoundError("missing");
}

absl::Status TwoChecks(bool first_ok, bool second_ok, int* calls, bool* reached_end) {
  RETURN_IF_ERROR(Check(first_ok, calls));
  RETURN_IF_ERROR(Check(second_ok, calls));
  *reached_end = true;
  return absl::OkStatus();
}

TEST(ReturnIfErrorTest, ContinuesOnOk) {
  int calls = 0;
  bool reached_end = false;
  EXPECT_THAT(TwoChecks(true, true, &calls, &reached_end), IsOk());
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(reached_end);
}

TEST(ReturnIfErrorTest, ReturnsTheFirstErrorAndEvaluatesOnce) {
  int calls = 0;
  bool reached_end = false;
  EXPECT_THAT(TwoChecks(false, true, &calls, &reached_end),
              StatusIs(absl::StatusCode::kNotFound, "missing"));
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(reached_end);

  calls = 0;
  EXPECT_THAT(TwoChecks(true, false, &calls, &reached_end), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(calls, 2);
  EXPECT_FALSE(reached_end);
}

TEST(ReturnIfErrorTest, WorksInIfWithoutBraces) {
  auto f = [](bool check) -> absl::Status {
    if (check)
      RETURN_IF_ERROR(absl::InternalError("checked"));
    else
      return absl::AbortedError("unchecked");
    return absl::OkStatus();
  };
  EXPECT_THAT(f(true), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(f(false), StatusIs(absl::StatusCode::kAborted));
}

absl::StatusOr<int> Half(int n) {
  if (n % 2 != 0) return absl::InvalidArgumentError("odd");
  return n / 2;
}

absl::StatusOr<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int half, Half(n));
  ASSIGN_OR_RETURN(auto quarter, Half(half));  // two in one function, declaration forms
  return quarter;
}

TEST(AssignOrReturnTest, DeclarationForm) {
  EXPECT_EQ(*Quarter(12), 3);
  EXPECT_THAT(Quarter(7), StatusIs(absl::StatusCode::kInvalidArgument, "odd"));
  EXPECT_THAT(Quarter(6), StatusIs(absl::StatusCode::kInvalidArgument, "odd"));
}

absl::Status AssignToExisting(int n, int* out) {
  int value = -1;
  ASSIGN_OR_RETURN(value, Half(n));
  *out = value;
  return absl::OkStatus();
}

TEST(AssignOrReturnTest, ExistingVariable) {
  int out = 0;
  EXPECT_THAT(AssignToExisting(10, &out), IsOk());
  EXPECT_EQ(out, 5);
  out = 0;
  EXPECT_THAT(AssignToExisting(3, &out), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(out, 0);
}

absl::StatusOr<std::unique_ptr<std::string>> MakeName(bool ok) {
  if (!ok) return absl::UnavailableError("no name");
  return std::make_unique<std::string>("Mrs A");
}

absl::StatusOr<std::string> UseName(bool ok) {
  ASSIGN_OR_RETURN(std::unique_ptr<std::string> name, MakeName(ok));
  std::unique_ptr<std::string> other;
  ASSIGN_OR_RETURN(other, MakeName(ok));
  return *name + "/" + *other;
}

TEST(AssignOrReturnTest, MoveOnlyValues) {
  EXPECT_EQ(*UseName(true), "Mrs A/Mrs A");
  EXPECT_THAT(UseName(false), StatusIs(absl::StatusCode::kUnavailable, "no name"));
}

TEST(AssignOrReturnTest, EvaluatesTheExpressionOnce) {
  int evaluations = 0;
  auto f = [&evaluations]() -> absl::Status {
    ASSIGN_OR_RETURN(int v, ([&]() -> absl::StatusOr<int> {
                       ++evaluations;
                       return 4;
                     }()));
    return v == 4 ? absl::OkStatus() : absl::InternalError("wrong value");
  };
  EXPECT_THAT(f(), IsOk());
  EXPECT_EQ(evaluations, 1);
}

}  // namespace
}  // namespace redress
