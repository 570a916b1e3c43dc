// The contract's view of an outbox sender's backlog and of its stored hand-offs: the
// redress.common.v1 messages every sending service returns from GetHandoffStatus and from its
// parked hand-off methods (ListParkedHandoffs, GetHandoff, RedriveHandoff, DiscardHandoff), whose
// bodies are here once for both services. Protos and domain; no gRPC.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "common/outbox.h"
#include "common/parked_handoffs.h"
#include "redress/common/v1/handoff.pb.h"

namespace redress {

// `backlog` as the API reports it: the oldest pending record's age is as of `backlog.as_of`
// (never negative), and the optional times are unset when the backlog has none.
redress::common::v1::HandoffStatus HandoffStatusToProto(const OutboxBacklog& backlog);

// `handoff` as the API reports it; the times it does not have are unset.
redress::common::v1::Handoff StoredHandoffToProto(const StoredHandoff& handoff);

// The parked hand-off methods: `request` to `parked` and its answer into `response`.
// UNIMPLEMENTED when `parked` is null (a server that delivers no hand-offs). Discard records
// `actor` (the authenticated caller's Principal::Actor) as who discarded it.
absl::Status ListParkedHandoffs(ParkedHandoffs* parked,
                                const redress::common::v1::ListParkedHandoffsRequest& request,
                                redress::common::v1::ListParkedHandoffsResponse* response);
absl::Status GetHandoff(ParkedHandoffs* parked,
                        const redress::common::v1::GetHandoffRequest& request,
                        redress::common::v1::Handoff* response);
absl::Status RedriveHandoff(ParkedHandoffs* parked,
                            const redress::common::v1::RedriveHandoffRequest& request,
                            redress::common::v1::Handoff* response);
absl::Status DiscardHandoff(ParkedHandoffs* parked, const std::string& actor,
                            const redress::common::v1::DiscardHandoffRequest& request,
                            redress::common::v1::Handoff* response);

}  // namespace redress
