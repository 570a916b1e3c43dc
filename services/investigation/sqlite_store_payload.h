// Internal to SqliteStore: the outbox payload, a DecisionHandoff serialized as the
// redress.investigation.v1.DecisionIssuedEvent that remedy receives, and back.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "services/investigation/investigation.h"

namespace redress::investigation::sqlite_rows {

// The event's investigation is the resource name "investigations/{investigation_id}"; unset
// times (the infinite past) and dates (nullopt) are left unset in the event.
std::string EncodeDecisionEvent(const DecisionHandoff& handoff);
// INTERNAL if `payload` does not parse or names no investigation.
absl::StatusOr<DecisionHandoff> DecodeDecisionEvent(const std::string& payload);

}  // namespace redress::investigation::sqlite_rows
