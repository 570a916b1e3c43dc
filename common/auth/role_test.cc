#include "common/auth/role.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace redress::auth {
namespace {

TEST(RoleTest, EveryRoleParsesFromItsName) {
  for (Role role : kAllRoles) {
    EXPECT_EQ(ParseRole(RoleName(role)), role) << RoleName(role);
  }
}

TEST(RoleTest, ClaimNamesAreTheDocumentedOnes) {
  EXPECT_EQ(RoleName(Role::kOrganisationLiaison), "organisation_liaison");
  EXPECT_EQ(ParseRole("complainant"), Role::kComplainant);
  EXPECT_EQ(ParseRole("administrator"), Role::kAdministrator);
}

TEST(RoleTest, OtherNamesAreNotRoles) {
  EXPECT_EQ(ParseRole(""), std::nullopt);
  EXPECT_EQ(ParseRole("Caseworker"), std::nullopt);
  EXPECT_EQ(ParseRole("caseworker "), std::nullopt);
  EXPECT_EQ(ParseRole("superuser"), std::nullopt);
}

}  // namespace
}  // namespace redress::auth
