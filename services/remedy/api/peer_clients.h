// The gRPC implementations of remedy's peers (peers.h): InvestigationCaseReader reads a case and
// its state from redress.investigation.v1.Investigations/GetInvestigation, IntakePersonalDetails
// what the guard checks a complaint's summary against from
// redress.intake.v1.Intake/GetComplaintPersonalDetails. Each call carries the deadline it is
// given; a peer's error comes back through FromGrpcStatus (common/grpc_status.h) with its code and
// google.rpc details, so NOT_FOUND stays NOT_FOUND and UNAVAILABLE / DEADLINE_EXCEEDED stay
// retryable. Channels: NewPeerChannel (common/peer_channel.h).
#pragma once

#include <grpcpp/channel.h>

#include <memory>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
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

// Thread-safe.
class InvestigationCaseReader final : public CaseReader {
 public:
  // `channel` leads to investigation.
  explicit InvestigationCaseReader(std::shared_ptr<grpc::Channel> channel);

  absl::StatusOr<CaseOnRecord> GetCase(std::string_view investigation_id,
                                       absl::Time deadline) override;

 private:
  std::unique_ptr<redress::investigation::v1::Investigations::Stub> stub_;
};

// Thread-safe. Returns what intake holds for this one check; nothing is kept.
class IntakePersonalDetails final : public PersonalDetailsSource {
 public:
  // `channel` leads to intake.
  explicit IntakePersonalDetails(std::shared_ptr<grpc::Channel> channel);

  absl::StatusOr<PersonalDataOnCase> GetPersonalData(std::string_view complaint,
                                                     absl::Time deadline) override;

 private:
  std::unique_ptr<redress::intake::v1::Intake::Stub> stub_;
};

}  // namespace redress::remedy
