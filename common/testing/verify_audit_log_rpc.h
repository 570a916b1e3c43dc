// Test support for every service's VerifyAuditLog RPC (docs/audit.md), called through its stub:
// a sound log reports its entries and head, a kept head is checked, a bad expected head is
// INVALID_ARGUMENT with field details, and (on a store whose database a test can reach) edits and
// deletions made behind the store's back come back as the response's problem.
#pragma once

#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/audit_tampering.h"
#include "common/testing/grpc_error_details.h"
#include "redress/common/v1/audit.pb.h"

namespace redress::testing {

// Calls the service's VerifyAuditLog.
using VerifyAuditLogCall =
    std::function<grpc::Status(const redress::common::v1::VerifyAuditLogRequest& request,
                               redress::common::v1::VerifyAuditLogResponse* response)>;

// The answer of VerifyAuditLog, expecting the call to succeed.
inline redress::common::v1::VerifyAuditLogResponse VerifyOk(
    const VerifyAuditLogCall& verify, const redress::common::v1::VerifyAuditLogRequest& request =
                                          redress::common::v1::VerifyAuditLogRequest()) {
  redress::common::v1::VerifyAuditLogResponse response;
  const grpc::Status status = verify(request, &response);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return response;
}

inline redress::common::v1::VerifyAuditLogRequest ExpectingHead(int64_t sequence,
                                                                const std::string& hash) {
  redress::common::v1::VerifyAuditLogRequest request;
  request.mutable_expected_head()->set_sequence(sequence);
  request.mutable_expected_head()->set_hash(hash);
  return request;
}

// REQUIRES: the service's log holds `entries` >= 1 sound entries. Checks what needs no access to
// the database: the log is sound with its head at `entries`, and is checked against a head kept
// from it, a head it never had (HEAD_MISMATCH), a head past its end (TRUNCATED) and a malformed
// head (INVALID_ARGUMENT in `domain`, on expected_head.sequence and expected_head.hash).
inline void ExpectVerifyAuditLogAnswers(const VerifyAuditLogCall& verify, int64_t entries,
                                        const std::string& domain) {
  namespace cv1 = redress::common::v1;
  const cv1::VerifyAuditLogResponse sound = VerifyOk(verify);
  EXPECT_EQ(sound.entries_checked(), entries);
  EXPECT_EQ(sound.head().sequence(), entries);
  EXPECT_EQ(sound.head().hash().size(), 64u);
  EXPECT_FALSE(sound.has_problem());

  const cv1::VerifyAuditLogResponse kept =
      VerifyOk(verify, ExpectingHead(sound.head().sequence(), sound.head().hash()));
  EXPECT_FALSE(kept.has_problem());
  EXPECT_EQ(kept.head().hash(), sound.head().hash());

  const cv1::VerifyAuditLogResponse other =
      VerifyOk(verify, ExpectingHead(1, std::string(64, 'a')));
  ASSERT_TRUE(other.has_problem());
  EXPECT_EQ(other.problem().kind(), cv1::AuditProblem::KIND_HEAD_MISMATCH);
  EXPECT_EQ(other.problem().sequence(), 1);

  const cv1::VerifyAuditLogResponse beyond =
      VerifyOk(verify, ExpectingHead(entries + 1, sound.head().hash()));
  ASSERT_TRUE(beyond.has_problem());
  EXPECT_EQ(beyond.problem().kind(), cv1::AuditProblem::KIND_TRUNCATED);
  EXPECT_EQ(beyond.problem().sequence(), entries + 1);

  cv1::VerifyAuditLogResponse unused;
  const grpc::Status bad = verify(ExpectingHead(-1, "not-a-hash"), &unused);
  const ErrorDetails details =
      ExpectErrorIn(domain, bad, grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ARGUMENT");
  EXPECT_THAT(details.fields(),
              ::testing::UnorderedElementsAre("expected_head.sequence", "expected_head.hash"));
}

// REQUIRES: the log holds `entries` >= 3 sound entries, and `execute` runs SQL on the service's
// database. Leaves the log tampered with: entry 2's actor edited (EDITED at 2, one sound entry
// before it), put back, then the last entry deleted (sound on its own, TRUNCATED against the head
// kept before).
inline void ExpectVerifyAuditLogFindsTampering(const VerifyAuditLogCall& verify,
                                               const RawSql& execute, int64_t entries) {
  namespace cv1 = redress::common::v1;
  ASSERT_GE(entries, 3);
  const cv1::VerifyAuditLogResponse kept = VerifyOk(verify);
  ASSERT_FALSE(kept.has_problem());

  execute("UPDATE audit_log SET actor = actor || 'x' WHERE sequence = 2");
  const cv1::VerifyAuditLogResponse edited = VerifyOk(verify);
  ASSERT_TRUE(edited.has_problem());
  EXPECT_EQ(edited.problem().kind(), cv1::AuditProblem::KIND_EDITED);
  EXPECT_EQ(edited.problem().sequence(), 2);
  EXPECT_EQ(edited.entries_checked(), 1);
  EXPECT_EQ(edited.head().sequence(), 1);

  // Put back: the entry's hash covers its content, so restoring it restores the chain.
  execute("UPDATE audit_log SET actor = substr(actor, 1, length(actor) - 1) WHERE sequence = 2");
  execute(absl::StrCat("DELETE FROM audit_log WHERE sequence = ", entries));
  const cv1::VerifyAuditLogResponse shorter = VerifyOk(verify);
  EXPECT_FALSE(shorter.has_problem());
  EXPECT_EQ(shorter.entries_checked(), entries - 1);
  const cv1::VerifyAuditLogResponse truncated =
      VerifyOk(verify, ExpectingHead(kept.head().sequence(), kept.head().hash()));
  ASSERT_TRUE(truncated.has_problem());
  EXPECT_EQ(truncated.problem().kind(), cv1::AuditProblem::KIND_TRUNCATED);
  EXPECT_EQ(truncated.problem().sequence(), entries);
}

}  // namespace redress::testing
