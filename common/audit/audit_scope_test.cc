#include "common/audit/audit_scope.h"

#include <gtest/gtest.h>

#include <thread>

namespace redress::audit {
namespace {

TEST(AuditScopeTest, FallbackOutsideAnyCall) {
  const AuditCall call = CurrentAuditCall(SystemAuditCall("remedy"));
  EXPECT_EQ(call.actor, "system:remedy");
  EXPECT_EQ(call.rpc, "remedy.system");
}

TEST(AuditScopeTest, ScopesNestAndRestore) {
  {
    ScopedAuditCall outer("user:alice", "intake.SubmitComplaint");
    EXPECT_EQ(CurrentAuditCall({}).actor, "user:alice");
    {
      ScopedAuditCall inner("system:intake", "intake.seed-register");
      EXPECT_EQ(CurrentAuditCall({}).rpc, "intake.seed-register");
    }
    EXPECT_EQ(CurrentAuditCall({}).rpc, "intake.SubmitComplaint");
  }
  EXPECT_EQ(CurrentAuditCall(SystemAuditCall("intake")).actor, "system:intake");
}

TEST(AuditScopeTest, IsPerThread) {
  ScopedAuditCall scope("user:alice", "intake.SubmitComplaint");
  std::string other_thread_actor;
  std::thread([&] {
    other_thread_actor = CurrentAuditCall(SystemAuditCall("intake")).actor;
  }).join();
  EXPECT_EQ(other_thread_actor, "system:intake");
}

}  // namespace
}  // namespace redress::audit
