// The contract's view of an audit log verification: redress.common.v1.VerifyAuditLogRequest and
// VerifyAuditLogResponse, which every service's VerifyAuditLog method takes and returns.
#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "common/audit/audit_verifier.h"
#include "redress/common/v1/audit.pb.h"

namespace redress {

// The request's expected head, if it sets one. INVALID_ARGUMENT (field violations on
// "expected_head.sequence" and "expected_head.hash") for a negative sequence or a hash that is
// not 64 lowercase hex digits.
absl::StatusOr<std::optional<audit::AuditHead>> ExpectedHeadFromProto(
    const redress::common::v1::VerifyAuditLogRequest& request);

redress::common::v1::VerifyAuditLogResponse AuditVerificationToProto(
    const audit::AuditVerification& verification);

}  // namespace redress
