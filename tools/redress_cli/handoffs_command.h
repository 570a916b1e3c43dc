// `redress handoffs ...`: what an operator does with hand-offs that could not be delivered
// (docs/reliability.md), on intake (acceptances to investigation) or investigation (decisions to
// remedy): list the parked ones, show one, re-drive one, discard one. The words are parsed here
// (ParseHandoffsWords, from ParseCliOptions) and the calls made by RunHandoffs; the table is a
// pure function, tested without a server.
#pragma once

#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "redress/common/v1/handoff.pb.h"
#include "tools/redress_cli/cli.h"
#include "tools/redress_cli/cli_options.h"

namespace redress::cli {

// The words after `handoffs`: "list <service>", "show <service> <name>", "redrive <service>
// <name>" or "discard <service> <name>" (with --reason). <service> is intake or investigation,
// the services that send hand-offs. Sets options.command (kHandoffs) and operands ({action,
// service short name, name}). INVALID_ARGUMENT with a message for the user otherwise, and for
// --reason anywhere but discard, --request_id on list or show, a request or --get.
absl::Status ParseHandoffsWords(const std::vector<std::string>& words, CliOptions& options);

// The parked hand-offs as a table: one line per hand-off (name, case, reason, parked at, attempts,
// last error cut to 60 characters), then "N parked". "no parked hand-offs\n" when there are none.
std::string FormatParkedHandoffs(const std::vector<redress::common::v1::Handoff>& handoffs);

// Runs the command for `options` (Command::kHandoffs) against its service over a channel with
// `credentials`: list reads every page. Re-drive and discard send options.request_id, or a new
// random one when none was given (give one to retry a call safely). Prints the table, or the
// hand-off in text format, or with --json the response(s) as JSON. Exit codes as a call's.
int RunHandoffs(const CliOptions& options, std::shared_ptr<grpc::ChannelCredentials> credentials,
                CliStreams streams);

}  // namespace redress::cli
