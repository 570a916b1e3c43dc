// The contract's view of an outbox sender's backlog: redress.common.v1.HandoffStatus, which every
// sending service returns from its GetHandoffStatus method.
#pragma once

#include "common/outbox.h"
#include "redress/common/v1/handoff.pb.h"

namespace redress {

// `backlog` as the API reports it: the oldest pending record's age is as of `backlog.as_of`
// (never negative), and the optional times are unset when the backlog has none.
redress::common::v1::HandoffStatus HandoffStatusToProto(const OutboxBacklog& backlog);

}  // namespace redress
