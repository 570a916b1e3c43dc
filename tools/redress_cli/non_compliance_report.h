// `redress report non-compliance`: every page of remedy's ListNonCompliance for a period, printed
// for an operator as a table grouped by organisation (or, with --json, as one
// ListNonComplianceResponse holding every entry). The table's layout is a pure function, so that
// it is tested without a server.
#pragma once

#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>

#include "redress/remedy/v1/remedy.pb.h"
#include "tools/redress_cli/cli.h"
#include "tools/redress_cli/cli_options.h"

namespace redress::cli {

// The report as text: a title naming the period; then, per organisation in the order given, a
// heading with its published name, resource name and count, a header row and one row per
// recommendation (recommendation, investigation, type, target date, extended target date,
// chased, escalated, not complied; "-" for a date not set), each followed by an indented line
// with its description (and amount); then a closing count. Columns are padded to their widest
// value. `report` holds every entry (next_page_token ignored) and the period.
std::string FormatNonComplianceTable(const redress::remedy::v1::ListNonComplianceResponse& report);

// Runs the command for `options` (Command::kReport): calls remedy at its address over a channel
// with `credentials` (ClientCredentials of the environment), page by page
// (500 a page, each call with the options' timeout), and prints the table or, with --json, the
// JSON. Exit codes as for a call: 1, with the decoded error, when a call fails.
int RunNonComplianceReport(const CliOptions& options,
                           std::shared_ptr<grpc::ChannelCredentials> credentials,
                           CliStreams streams);

}  // namespace redress::cli
