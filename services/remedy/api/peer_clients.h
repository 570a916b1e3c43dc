// The gRPC implementations of remedy's peers (peers.h): InvestigationCaseReader reads a case and
// its state from redress.investigation.v1.Investigations/GetInvestigation, IntakePersonalDetails
// what the guard checks a complaint's summary against from
// redress.intake.v1.Intake/GetComplaintPersonalDetails. Each call carries the deadline it is
// given; a peer's error comes back through FromGrpcStatus (common/grpc_status.h) with its code and
// google.rpc details, so NOT_FOUND stays NOT_FOUND and UNAVAILABLE / DEADLINE_EXCEEDED stay
// retryable. Each call is a child of the call being served (NewPeerCallContext,
// common/peer_call.h): it ends no later than its caller's deadline and is cancelled when its caller
// goes away. At most `max_in_flight` calls wait on each peer at once (PeerCallLimit): one more is
// refused at once with UNAVAILABLE (PEER_BUSY), so a slow peer holds at most that many of remedy's
// handler threads. Channels: NewPeerChannel (common/peer_channel.h), with kInvestigationReads and
// kIntakeReads retried on UNAVAILABLE.
#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/peer_call.h"
#include "common/peer_channel.h"
#include "redress/intake/v1/intake.grpc.pb.h"
#include "redress/investigation/v1/investigation.grpc.pb.h"
#include "services/remedy/peers.h"

namespace redress::remedy {

// `investigation` as remedy reads it: its state ("DECIDED"; the number for a state this build does
// not know), and its narrative, the published names of the organisations investigated in order,
// location, complaint types, the complaint and jurisdiction of its snapshot, and
// final_decision.sequence.
CaseOnRecord CaseOnRecordFromProto(const redress::investigation::v1::Investigation& investigation);

// The people of `details`, in order: role "complainant", "representative" or "other" (an
// unspecified or unknown role is checked as "other"), their details, and an all-zero date of birth
// as unset. INTERNAL when a date of birth is set but not a calendar date: the guard could not
// check it, so the summary must not be published on it.
absl::StatusOr<std::vector<PersonOnCase>> PeopleFromProto(
    const redress::intake::v1::ComplaintPersonalDetails& details);

// What `details` holds for the guard: its people (PeopleFromProto), the referring MP's name
// (empty without a referral) and the organisations published anonymously, each with role
// "gp_practice" or "dental_practice" by its kind ("organisation" for a kind this build does not
// know) and its register names. PeopleFromProto's errors.
absl::StatusOr<PersonalDataOnCase> PersonalDataFromProto(
    const redress::intake::v1::ComplaintPersonalDetails& details);

// The methods remedy calls on each peer: reads, so a channel may retry them (NewPeerChannel).
extern const std::vector<IdempotentMethod> kInvestigationReads;
extern const std::vector<IdempotentMethod> kIntakeReads;

// Thread-safe.
class InvestigationCaseReader final : public CaseReader {
 public:
  // `channel` leads to investigation. REQUIRES: max_in_flight >= 1.
  InvestigationCaseReader(std::shared_ptr<grpc::Channel> channel, int max_in_flight);

  absl::StatusOr<CaseOnRecord> GetCase(std::string_view investigation_id,
                                       absl::Time deadline) override;

 private:
  std::unique_ptr<redress::investigation::v1::Investigations::Stub> stub_;
  PeerCallLimit limit_;
};

// Thread-safe. Returns what intake holds for this one check; nothing is kept.
class IntakePersonalDetails final : public PersonalDetailsSource {
 public:
  // `channel` leads to intake. REQUIRES: max_in_flight >= 1.
  IntakePersonalDetails(std::shared_ptr<grpc::Channel> channel, int max_in_flight);

  absl::StatusOr<PersonalDataOnCase> GetPersonalData(std::string_view complaint,
                                                     absl::Time deadline) override;

 private:
  std::unique_ptr<redress::intake::v1::Intake::Stub> stub_;
  PeerCallLimit limit_;
};

}  // namespace redress::remedy
