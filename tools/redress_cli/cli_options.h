// The command line of `redress`, the operator client: what to do, where the services are, and
// how to print. Parsing is separate from running so that it can be tested without a server.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace redress::cli {

// The --help text.
extern const char kUsage[];

enum class Command {
  kHelp,            // --help, -h or `help`
  kList,            // list [service...]
  kDescribe,        // describe <service> <Method> | describe <message type> | describe <service>
  kCall,            // <service> <Method> [request]
  kReport,          // report non-compliance [--from DATE] [--to DATE] [--organisation NAME]
  kVerifyAuditLog,  // verify-audit-log <service> [--expected_head=SEQUENCE:HASH]
  kExportPersonalData,  // export-personal-data [--email=ADDRESS] [--complaint=NAME ...]
  kErasePersonalData,   // erase-personal-data [--email=ADDRESS] [--complaint=NAME ...]
  kHandoffs,  // handoffs list|show|redrive|discard <service> [handoffs/ID] (handoffs_command.h)
};

// Where a call's request JSON comes from.
enum class RequestSource {
  kNone,    // no request given: the empty message
  kInline,  // the positional argument
  kFile,    // -f FILE
  kStdin,   // -
};

struct CliOptions {
  Command command = Command::kHelp;
  // Positional words after the command: the services for kList; the service and method (or the
  // message type) for kDescribe; the service and method for kCall.
  std::vector<std::string> operands;
  RequestSource request_source = RequestSource::kNone;
  std::string request;  // the JSON (kInline) or the file path (kFile)
  bool json = false;
  // --get=PATH: print only this field of the response ("name", "recommendations.0.name").
  std::string get;
  absl::Duration timeout = absl::Seconds(10);
  // Service short name ("intake") -> address, from the defaults, then the environment, then the
  // flags.
  std::map<std::string, std::string> addresses;
  // For kReport (operands: the report's name, "non-compliance"): --from and --to, checked
  // "YYYY-MM-DD" dates, and --organisation, passed on as given.
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  std::string organisation;
  // For kVerifyAuditLog (operands: the service's short name): --expected_head, a head kept from
  // an earlier verification, checked as a sequence >= 0 and 64 lowercase hex digits.
  std::optional<int64_t> expected_sequence;
  std::string expected_hash;
  // For kExportPersonalData and kErasePersonalData: the person, by --email and/or --complaint
  // (repeatable; each "complaints/ID", at most 100). At least one is given.
  std::string email;
  std::vector<std::string> complaints;
  // For kHandoffs (operands: the action, the service's short name and, but for list, the
  // hand-off's name): --reason of a discard, and --request_id of a re-drive or discard.
  std::string reason;
  std::string request_id;
};

// Looks up an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Parses `args` (without the program name). Flags may come before or after the words, as
// --flag=value or --flag value: --intake, --investigation, --remedy (addresses), --timeout (an
// absl duration such as 10s, 1m30s or 500ms, or a bare number of seconds; must be positive),
// --json, --get, -f/--file; and for `report` only --from, --to (dates "YYYY-MM-DD") and
// --organisation; for `verify-audit-log` only --expected_head; for `export-personal-data` and
// `erase-personal-data` only --email and --complaint; for `handoffs` only --reason and
// --request_id (ParseHandoffsWords). INVALID_ARGUMENT with a message for
// the user on anything else: an unknown flag, a missing value, a bad duration or date, a wrong
// number of words, a request given twice, a report flag without `report` or a request or --get with
// it, a report other than non-compliance. Whether the service and method exist is not checked here.
absl::StatusOr<CliOptions> ParseCliOptions(const std::vector<std::string>& args,
                                           const EnvLookup& env);

}  // namespace redress::cli
