// The outbox payload every InvestigationStore that keeps one writes (SqliteStore, PostgresStore):
// a hand-off serialized as the event remedy receives (redress.investigation.v1.DecisionIssuedEvent,
// DecisionReopenedEvent or InvestigationEndedEvent) with its kind, and back. Pure encoding; no
// database.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/investigation/investigation.h"

namespace redress::investigation {

// The outbox row's kind and payload. The event's investigation is the resource name
// "investigations/{investigation_id}"; unset times (the infinite past) and dates (nullopt) are
// left unset in the event. The reopening's and end's record times are not in their events: they
// are the row's create_time.
struct EncodedHandoff {
  std::string kind;  // "decision", "reopening" or "end" (the stores' outbox.kind column)
  std::string payload;
};
EncodedHandoff EncodeHandoff(const Handoff& handoff);

// The hand-off of `kind` in `payload`, recorded at `create_time`. INTERNAL if the kind is unknown,
// or `payload` does not parse or names no investigation.
absl::StatusOr<Handoff> DecodeHandoff(const std::string& kind, const std::string& payload,
                                      absl::Time create_time);

// What an outbox entry whose payload could not be decoded holds (OutboxEntry::undecodable says
// which): a DecisionHandoff with only `handoff_key` and `investigation_id`, the row's own columns.
Handoff UndecodableHandoff(std::string handoff_key, std::string investigation_id);

// The payload a delivered row of `kind` keeps: the encoding of DeliveredHandoff of its hand-off.
absl::StatusOr<std::string> DeliveredPayload(const std::string& kind, const std::string& payload,
                                             absl::Time create_time);

}  // namespace redress::investigation
