// How an AcceptanceHandoff is kept in the outbox, by every IntakeStore that keeps one: a
// serialized redress.intake.v1.ComplaintAcceptedEvent, whose complaint and organisations are
// resource names. The same bytes on SQLite and PostgreSQL.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "services/intake/complaint.h"

namespace redress::intake {

std::string EncodeHandoff(const AcceptanceHandoff& handoff);
// INTERNAL if `payload` does not parse or names no complaint.
absl::StatusOr<AcceptanceHandoff> DecodeHandoff(const std::string& payload);

// The payload a delivered row keeps: EncodeHandoff(DeliveredHandoff(DecodeHandoff(payload))).
absl::StatusOr<std::string> DeliveredPayload(const std::string& payload);

}  // namespace redress::intake
