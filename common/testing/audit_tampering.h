// Test support for the audit log of every service's stores (docs/audit.md): tampers with a
// store's audit_log table directly in its database, as someone with access to the file or server
// could, and expects verification to find each change, by sequence and kind.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/audit/audit_verifier.h"

namespace redress::testing {

// Runs one SQL statement on the store's database, bypassing the store.
using RawSql = std::function<void(const std::string& sql)>;
// Verifies the store's audit log (against the expected head, when given).
using VerifyLog =
    std::function<absl::StatusOr<audit::AuditVerification>(const std::optional<audit::AuditHead>&)>;

// Expects `verify` to find no problem, or `kind` at `sequence`.
inline void ExpectSound(const VerifyLog& verify, const std::optional<audit::AuditHead>& expected,
                        int64_t entries) {
  absl::StatusOr<audit::AuditVerification> result = verify(expected);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(result->problem.has_value())
      << audit::AuditProblemKindName(result->problem->kind) << " at " << result->problem->sequence;
  EXPECT_EQ(result->entries_checked, entries);
}
inline void ExpectProblem(const VerifyLog& verify, const std::optional<audit::AuditHead>& expected,
                          int64_t sequence, audit::AuditProblemKind kind) {
  absl::StatusOr<audit::AuditVerification> result = verify(expected);
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_TRUE(result->problem.has_value()) << "expected " << audit::AuditProblemKindName(kind);
  EXPECT_EQ(result->problem->sequence, sequence);
  EXPECT_EQ(audit::AuditProblemKindName(result->problem->kind), audit::AuditProblemKindName(kind));
}

// REQUIRES: the log holds `entries` >= 4 sound entries. Leaves it tampered with.
// In turn: an edited actor (EDITED), then put back (sound); two rows' contents swapped (EDITED
// at the first), then swapped back (sound); the last row deleted (sound on its own, TRUNCATED
// against the head kept before); a middle row deleted (GAP).
inline void ExpectTamperingDetected(const RawSql& execute, const VerifyLog& verify,
                                    int64_t entries) {
  ASSERT_GE(entries, 4);
  absl::StatusOr<audit::AuditVerification> before = verify(std::nullopt);
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_EQ(before->head.sequence, entries);
  ExpectSound(verify, std::nullopt, entries);
  const audit::AuditHead kept = before->head;

  execute("UPDATE audit_log SET actor = actor || 'x' WHERE sequence = 2");
  ExpectProblem(verify, std::nullopt, 2, audit::AuditProblemKind::kEdited);
  execute("UPDATE audit_log SET actor = substr(actor, 1, length(actor) - 1) WHERE sequence = 2");
  ExpectSound(verify, kept, entries);

  const auto swap = [&] {
    execute("UPDATE audit_log SET sequence = -1 WHERE sequence = 2");
    execute("UPDATE audit_log SET sequence = 2 WHERE sequence = 3");
    execute("UPDATE audit_log SET sequence = 3 WHERE sequence = -1");
  };
  swap();
  ExpectProblem(verify, std::nullopt, 2, audit::AuditProblemKind::kEdited);
  swap();
  ExpectSound(verify, kept, entries);

  execute(absl::StrCat("DELETE FROM audit_log WHERE sequence = ", entries));
  ExpectSound(verify, std::nullopt, entries - 1);
  ExpectProblem(verify, kept, entries, audit::AuditProblemKind::kTruncated);

  execute("DELETE FROM audit_log WHERE sequence = 2");
  ExpectProblem(verify, std::nullopt, 2, audit::AuditProblemKind::kGap);
}

}  // namespace redress::testing
