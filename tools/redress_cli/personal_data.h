// `redress export-personal-data` and `redress erase-personal-data` (docs/privacy.md): one
// person's data across the three services, which each answer only for what they hold.
//
// Intake finds the person: the complaints on which their email address appears (and any named).
// Investigation holds no contact details; it is asked for the investigations opened from those
// complaints, and each investigation's evidence and comments beyond the most recent it carries
// are read with ListEvidence and ListComments (docs/limits.md), so the export holds all of them.
// Remedy is asked for the cases of both. An erasure goes downstream first — remedy, then
// investigation, then intake — and stops at the first refusal, so a case still open somewhere
// leaves intake's details in place for remedy's anonymisation guard, and a re-run after the case
// closes finishes the job (every service's erasure is idempotent).
//
// The sequencing is a pure function of a call function, so it is tested without servers.
#pragma once

#include <grpcpp/security/credentials.h>
#include <grpcpp/support/status.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "google/protobuf/message.h"
#include "redress/intake/v1/personal_data.pb.h"
#include "redress/investigation/v1/personal_data.pb.h"
#include "redress/remedy/v1/personal_data.pb.h"
#include "tools/redress_cli/cli.h"
#include "tools/redress_cli/cli_options.h"

namespace redress::cli {

// The most names a service takes in one query; longer lists are sent in batches.
inline constexpr int kPersonalDataBatch = 100;

// Calls `method` ("ExportPersonalData", "ErasePersonalData") of `service` ("intake",
// "investigation", "remedy") with `request`, filling `response`.
using PersonalDataCall = std::function<grpc::Status(
    const std::string& service, const std::string& method, const google::protobuf::Message& request,
    google::protobuf::Message& response)>;

// The call that failed, and what the steps before it did.
struct PersonalDataFailure {
  std::string service;
  std::string method;
  grpc::Status status;
};

struct PersonalDataExport {
  redress::intake::v1::ExportPersonalDataResponse intake;
  redress::investigation::v1::ExportPersonalDataResponse investigation;
  redress::remedy::v1::ExportPersonalDataResponse remedy;
  std::optional<PersonalDataFailure> failure;  // set when a call failed; later steps not taken
};

struct PersonalDataErasure {
  // What each service answered, for the services reached (in the order erased).
  std::optional<redress::remedy::v1::ErasePersonalDataResponse> remedy;
  std::optional<redress::investigation::v1::ErasePersonalDataResponse> investigation;
  std::optional<redress::intake::v1::ErasePersonalDataResponse> intake;
  std::optional<PersonalDataFailure> failure;
};

// The person: an email address and/or complaint names ("complaints/{id}", at most
// kPersonalDataBatch), as the CLI's --email and --complaint give them.
struct PersonalDataSubject {
  std::string email;
  std::vector<std::string> complaints;
};

// Gathers what the three services hold: intake's export, then investigation's for the
// complaints it returned, then remedy's for those complaints and investigations.
PersonalDataExport ExportPersonalData(const PersonalDataSubject& subject,
                                      const PersonalDataCall& call);

// Resolves the person as the export does, then erases in remedy, investigation and intake.
PersonalDataErasure ErasePersonalData(const PersonalDataSubject& subject,
                                      const PersonalDataCall& call);

// The erasure's report: one line per service reached ("remedy: erased 1 case(s), 0 erased
// before: investigations/i1"), and for a failure, which call failed and that the later services
// were not asked.
std::string FormatErasure(const PersonalDataErasure& erasure);

// Runs Command::kExportPersonalData / kErasePersonalData against the options' addresses with
// `credentials`. The export prints one JSON object {"intake": ..., "investigation": ...,
// "remedy": ...}; the erasure its report (with --json, the three answers as one object). Exit 0
// when every call succeeded, 1 when one failed: the report of the steps taken on standard output
// and the error on standard error, or with --json only the error object on standard output.
int RunPersonalData(const CliOptions& options,
                    std::shared_ptr<grpc::ChannelCredentials> credentials, CliStreams streams);

}  // namespace redress::cli
