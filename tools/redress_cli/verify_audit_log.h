// `redress verify-audit-log <service>`: calls the service's VerifyAuditLog (docs/audit.md) and
// turns the answer into a line an operator or a cron job can act on, with an exit status that
// says whether the log is sound. The text is a pure function, tested without a server.
#pragma once

#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>

#include "redress/common/v1/audit.pb.h"
#include "tools/redress_cli/cli.h"
#include "tools/redress_cli/cli_options.h"

namespace redress::cli {

// Exit codes of verify-audit-log, which differ from a call's: a problem found is 1, and a call
// that fails (or a usage error) is 2, so that a script can tell "tampered" from "not checked".
enum VerifyAuditLogExit { kAuditSound = 0, kAuditProblem = 1, kAuditNotChecked = 2 };

// "ok: 42 entries, head 42 <hash>\n" for a sound log; for a problem, one line naming its kind,
// the entry and what it means, and one with the sound part before it.
std::string FormatAuditVerification(const redress::common::v1::VerifyAuditLogResponse& response);

// Runs the command for `options` (Command::kVerifyAuditLog): calls the service named by its
// operand at its address over a channel with `credentials`, with the options' timeout and
// expected head, and prints the text (or, with --json, the response as JSON). Exit codes above.
int RunVerifyAuditLog(const CliOptions& options,
                      std::shared_ptr<grpc::ChannelCredentials> credentials, CliStreams streams);

}  // namespace redress::cli
