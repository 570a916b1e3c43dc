// `redress`, the operator client, as a function: parses the arguments, runs the command and
// returns the exit code, writing only to the streams it is given. main.cc binds it to the process;
// tests call it directly.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "tools/redress_cli/cli_options.h"

namespace redress::cli {

// Exit codes (documented in kUsage).
enum ExitCode { kExitOk = 0, kExitRpcError = 1, kExitUsage = 2 };

// Where a run reads and writes.
struct CliStreams {
  std::istream& in;   // the request, for "-"
  std::ostream& out;  // the response (or, with --json, the error object), list, describe, help
  std::ostream& err;  // usage errors and, without --json, RPC errors
};

// Runs `redress` with `args` (without the program name). Never throws or aborts on bad input:
// every problem is an exit code with a message.
int RunCli(const std::vector<std::string>& args, const EnvLookup& env, CliStreams streams);

}  // namespace redress::cli
