#include "common/audit_proto.h"

#include "absl/strings/ascii.h"
#include "common/errors.h"

namespace redress {
namespace {

namespace cv1 = ::redress::common::v1;

bool IsHexHash(const std::string& hash) {
  if (hash.size() != 64) return false;
  for (char c : hash) {
    if (!absl::ascii_isdigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

cv1::AuditProblem::Kind KindToProto(audit::AuditProblemKind kind) {
  switch (kind) {
    case audit::AuditProblemKind::kEdited:
      return cv1::AuditProblem::KIND_EDITED;
    case audit::AuditProblemKind::kBrokenLink:
      return cv1::AuditProblem::KIND_BROKEN_LINK;
    case audit::AuditProblemKind::kGap:
      return cv1::AuditProblem::KIND_GAP;
    case audit::AuditProblemKind::kTruncated:
      return cv1::AuditProblem::KIND_TRUNCATED;
    case audit::AuditProblemKind::kHeadMismatch:
      return cv1::AuditProblem::KIND_HEAD_MISMATCH;
  }
  return cv1::AuditProblem::KIND_UNSPECIFIED;
}

}  // namespace

absl::StatusOr<std::optional<audit::AuditHead>> ExpectedHeadFromProto(
    const cv1::VerifyAuditLogRequest& request) {
  if (!request.has_expected_head()) return std::optional<audit::AuditHead>();
  const cv1::AuditHead& head = request.expected_head();
  FieldViolations violations;
  if (head.sequence() < 0) violations.Add("expected_head.sequence", "must not be negative");
  if (!IsHexHash(head.hash())) {
    violations.Add("expected_head.hash", "must be 64 lowercase hexadecimal digits");
  }
  if (!violations.empty()) return violations.ToStatus();
  return std::optional<audit::AuditHead>(audit::AuditHead{head.sequence(), head.hash()});
}

cv1::VerifyAuditLogResponse AuditVerificationToProto(const audit::AuditVerification& verification) {
  cv1::VerifyAuditLogResponse response;
  response.set_entries_checked(verification.entries_checked);
  response.mutable_head()->set_sequence(verification.head.sequence);
  response.mutable_head()->set_hash(verification.head.hash);
  if (verification.problem.has_value()) {
    response.mutable_problem()->set_sequence(verification.problem->sequence);
    response.mutable_problem()->set_kind(KindToProto(verification.problem->kind));
  }
  return response;
}

}  // namespace redress
