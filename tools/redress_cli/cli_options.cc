#include "tools/redress_cli/cli_options.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/redress_cli/handoffs_command.h"
#include "tools/redress_cli/service_catalog.h"

namespace redress::cli {

const char kUsage[] = R"(redress: call the Redress services (intake, investigation, remedy) by hand.

Usage:
  redress [flags] <service> <Method> [REQUEST_JSON | -f FILE | -]
      Calls one RPC. The request is proto3 JSON: field names as in the .proto or lowerCamelCase,
      enums by name, Timestamps as RFC 3339 ("2026-01-31T09:00:00Z"), dates as
      {"year": 2026, "month": 1, "day": 31}. "-" reads it from standard input; no request sends
      the empty message. <Method> may also be a fully-qualified method of another linked service,
      e.g. grpc.health.v1.Health.Check, called at <service>'s address.
  redress list [service...]
      Lists the methods of the services (all three by default) with their request and response.
  redress describe <service> <Method>
  redress describe <message type>       e.g. redress.intake.v1.Complaint
      Prints the request's fields, nested messages expanded, to help write the JSON.
      (describe <service> lists its methods, as list does.)
  redress report non-compliance [--from=YYYY-MM-DD] [--to=YYYY-MM-DD] [--organisation=ORG]
      Prints, as a table, the recommendations organisations did not comply with, for the report
      to Parliament: those recorded as not complied from --from (default: any day) to --to
      (default: today) that still stood so at the end of --to, grouped by organisation, with
      their target, chase, escalation and not-complied dates (remedy's ListNonCompliance, every
      page). --organisation=organisations/ID keeps one organisation's; --json prints every entry
      as one ListNonComplianceResponse instead of the table.
  redress verify-audit-log <service> [--expected_head=SEQUENCE:HASH]
      Verifies <service>'s hash-chained audit log (its VerifyAuditLog RPC, docs/audit.md).
      Prints "ok: N entries, head SEQUENCE HASH" and exits 0 when the chain is sound; prints the
      first problem (kind, entry, what it means) and exits 1 when it is not; exits 2 when the call
      fails. Keep the head it prints and pass it back as --expected_head next time: only a kept
      head reveals entries removed from the end, or a log rewritten with its hashes recomputed.
  redress export-personal-data [--email=ADDRESS] [--complaint=complaints/ID ...]
      A subject access export (docs/privacy.md): intake's complaints on which ADDRESS appears
      (and those named), investigation's investigations opened from them and remedy's cases of
      both, printed as one JSON object {"intake": ..., "investigation": ..., "remedy": ...}.
  redress erase-personal-data [--email=ADDRESS] [--complaint=complaints/ID ...]
      Erases that person's data by pseudonymisation in remedy, then investigation, then intake,
      and prints what each erased. Stops at the first refusal (e.g. FAILED_PRECONDITION
      NOT_CLOSED: a case still open), leaving the later services untouched; run it again once
      the cause is fixed (every step is idempotent). Both need the administrator role.
  redress handoffs list <service>
  redress handoffs show <service> handoffs/ID
  redress handoffs redrive <service> handoffs/ID [--request_id=ID]
  redress handoffs discard <service> handoffs/ID --reason=TEXT [--request_id=ID]
      Hand-offs that could not be delivered (docs/reliability.md) on intake (acceptances to
      investigation) or investigation (decisions to remedy). list prints the parked ones as a
      table (every page; --json: one ListParkedHandoffsResponse); show prints one with its
      summary, attempts, last error and park reason; redrive sends a parked one again, in its
      place before its case's later hand-offs; discard marks a parked one never to be sent, with
      --reason kept and audited. Re-drive and discard need the administrator role; give
      --request_id to retry one safely (a new one is made otherwise).
  redress backup-database --database=FILE --output=FILE
      Copies a service's SQLite database (<data_dir>/<service>.db) into a new file while the
      service runs: a consistent snapshot (SQLite's online backup API) that does not block the
      service, checked with PRAGMA integrity_check, flushed, mode 0600; never overwrites.
      Back up intake, then investigation, then remedy (docs/operations.md).
  redress restore-database --backup=FILE --data_dir=DIR --service=SERVICE [--replace]
      Places a backup as DIR/<service>.db for the service's --data_dir, after checking it is
      sound and SERVICE's; with the service stopped. --replace replaces an existing database
      (its -wal and -shm files are removed). Neither command calls a server: no TLS or token.
  redress help | --help

<service> is intake, investigation or remedy (or its full name, e.g. redress.intake.v1.Intake).

Flags:
  --intake=ADDR          intake's address         (default $REDRESS_INTAKE or 127.0.0.1:50051)
  --investigation=ADDR   investigation's address  (default $REDRESS_INVESTIGATION or
                         127.0.0.1:50052)
  --remedy=ADDR          remedy's address         (default $REDRESS_REMEDY or 127.0.0.1:50053)
  --json                 print the response, or the error, as JSON (.proto field names, fields at
                         their default value left out) instead of protobuf text format
  --get=PATH             print only one field of the response, for scripts: a string or
                         number as plain text, a message as JSON; PATH is field names joined by
                         dots, with an index for a list ("name", "recommendations.0.name")
  --timeout=10s          deadline of the call (e.g. 500ms, 30s, 2m)
  -f FILE, --file=FILE   read the request JSON from FILE
  --from=YYYY-MM-DD, --to=YYYY-MM-DD, --organisation=organisations/ID
                         the period and the organisation of `report non-compliance`
  --expected_head=SEQUENCE:HASH
                         the head `verify-audit-log` printed last time, to check it against
  --email=ADDRESS, --complaint=complaints/ID
                         whose personal data `export-personal-data` and `erase-personal-data`
                         act on (--complaint may be repeated, up to 100; at least one of the two)
  --reason=TEXT, --request_id=ID
                         why `handoffs discard` discards, and the idempotency key of
                         `handoffs redrive` and `handoffs discard`

Environment (TLS and the caller's token):
  REDRESS_CA_FILE        PEM CA bundle: connect with TLS and verify the server against it. Unset:
                         plaintext, which only a development server in insecure mode accepts.
  REDRESS_TOKEN          bearer token (the JWT itself), sent as "authorization: Bearer <token>"
  REDRESS_TOKEN_FILE     or a file holding it (surrounding whitespace trimmed); not both. A token
                         needs REDRESS_CA_FILE: it is never sent in plaintext.
  REDRESS_INTAKE, REDRESS_INVESTIGATION, REDRESS_REMEDY   the addresses (see Flags)

Output and exit codes:
  0  the call succeeded; the response is on standard output
  1  the call failed: code, message and the error details (field violations, precondition
     failures, error info) on standard error; with --json, a JSON object
     {"error": {"code", "status", "message", "details"}} on standard output instead
  2  usage error: unknown service, method or flag, or a request that is not valid JSON for the
     method's request type (with the parser's message), or unusable REDRESS_CA_FILE,
     REDRESS_TOKEN or REDRESS_TOKEN_FILE (checked before any call)

Examples:
  redress list intake
  redress describe intake SubmitComplaint
  redress intake GetComplaint '{"name": "complaints/c-1"}'
  redress --json investigation ListInvestigations '{"page_size": 10}'
  redress --remedy=remedy.internal:50053 remedy GetRecommendation -f recommendation.json
  redress report non-compliance --from=2026-04-01 --to=2027-03-31
)";

namespace {

// The flags that take a value, with or without "=".
bool TakesValue(const std::string& flag) {
  return flag == "--intake" || flag == "--investigation" || flag == "--remedy" ||
         flag == "--timeout" || flag == "-f" || flag == "--file" || flag == "--get" ||
         flag == "--from" || flag == "--to" || flag == "--organisation" ||
         flag == "--expected_head" || flag == "--email" || flag == "--complaint" ||
         flag == "--reason" || flag == "--request_id";
}

// The most complaints one export or erasure names (what a service takes in one query).
constexpr size_t kMaxSubjectComplaints = 100;

// The report's names, for the usage errors.
constexpr char kReportNames[] = "non-compliance";

absl::StatusOr<absl::CivilDay> ParseDay(const std::string& flag, const std::string& text) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day) ||
      absl::FormatCivilTime(day) != text) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": \"", text, "\" is not a date YYYY-MM-DD"));
  }
  return day;
}

absl::StatusOr<absl::Duration> ParseTimeout(const std::string& text) {
  absl::Duration timeout;
  int64_t seconds = 0;
  if (absl::SimpleAtoi(text, &seconds)) {
    timeout = absl::Seconds(seconds);
  } else if (!absl::ParseDuration(text, &timeout)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--timeout: \"", text, "\" is not a duration such as 10s, 500ms or 2m"));
  }
  if (timeout <= absl::ZeroDuration() || timeout == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--timeout: must be a positive finite duration, not \"", text, "\""));
  }
  return timeout;
}

// Sets the request source once; a second request is a usage error.
absl::Status SetRequest(CliOptions& options, RequestSource source, std::string request) {
  if (options.request_source != RequestSource::kNone) {
    return absl::InvalidArgumentError(
        "give the request once: as an argument, with -f FILE, or with - for standard input");
  }
  options.request_source = source;
  options.request = std::move(request);
  return absl::OkStatus();
}

// "SEQUENCE:HASH", as verify-audit-log prints a head (with a colon for one word).
absl::Status ParseExpectedHead(const std::string& text, CliOptions& options) {
  const size_t colon = text.find(':');
  int64_t sequence = -1;
  const std::string hash = colon == std::string::npos ? "" : text.substr(colon + 1);
  const bool hex = hash.size() == 64 && std::all_of(hash.begin(), hash.end(), [](char c) {
                     return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                   });
  if (colon == std::string::npos || !absl::SimpleAtoi(text.substr(0, colon), &sequence) ||
      sequence < 0 || !hex) {
    return absl::InvalidArgumentError(
        absl::StrCat("--expected_head: \"", text,
                     "\" is not SEQUENCE:HASH (a sequence >= 0, 64 lowercase hex digits)"));
  }
  options.expected_sequence = sequence;
  options.expected_hash = hash;
  return absl::OkStatus();
}

absl::Status ApplyFlag(const std::string& flag, const std::string& value, CliOptions& options) {
  if (flag == "--reason" || flag == "--request_id") {
    if (value.empty()) return absl::InvalidArgumentError(absl::StrCat(flag, ": empty value"));
    (flag == "--reason" ? options.reason : options.request_id) = value;
  } else if (flag == "--expected_head") {
    return ParseExpectedHead(value, options);
  } else if (flag == "--email") {
    if (value.empty()) return absl::InvalidArgumentError("--email: empty address");
    options.email = value;
  } else if (flag == "--complaint") {
    if (!absl::StartsWith(value, "complaints/") || value.size() == 11 ||
        value.find('/', 11) != std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("--complaint: \"", value, "\" is not a complaint name complaints/ID"));
    }
    options.complaints.push_back(value);
  } else if (flag == "--get") {
    if (value.empty()) return absl::InvalidArgumentError("--get: empty field path");
    options.get = value;
  } else if (flag == "--timeout") {
    absl::StatusOr<absl::Duration> timeout = ParseTimeout(value);
    if (!timeout.ok()) return timeout.status();
    options.timeout = *timeout;
  } else if (flag == "--from" || flag == "--to") {
    absl::StatusOr<absl::CivilDay> day = ParseDay(flag, value);
    if (!day.ok()) return day.status();
    (flag == "--from" ? options.from : options.to) = *day;
  } else if (flag == "--organisation") {
    if (value.empty()) return absl::InvalidArgumentError("--organisation: empty name");
    options.organisation = value;
  } else if (flag == "-f" || flag == "--file") {
    if (value.empty()) return absl::InvalidArgumentError(absl::StrCat(flag, ": empty file name"));
    return SetRequest(options, RequestSource::kFile, value);
  } else {
    if (value.empty()) return absl::InvalidArgumentError(absl::StrCat(flag, ": empty address"));
    options.addresses[flag.substr(2)] = value;
  }
  return absl::OkStatus();
}

// Sets the command and operands from the words, checking their number.
absl::Status ApplyWords(std::vector<std::string> words, CliOptions& options) {
  if (words.empty() || words[0] == "help") {
    options.command = Command::kHelp;
    return words.size() <= 1 ? absl::OkStatus()
                             : absl::InvalidArgumentError("help takes no arguments");
  }
  std::string first = words[0];
  if (first == "handoffs") return ParseHandoffsWords(words, options);
  if (!options.reason.empty() || !options.request_id.empty()) {
    return absl::InvalidArgumentError("--reason and --request_id are for `redress handoffs`");
  }
  if ((first == "list" || first == "describe" || first == "report" || first == "verify-audit-log" ||
       first == "export-personal-data" || first == "erase-personal-data") &&
      options.request_source != RequestSource::kNone) {
    return absl::InvalidArgumentError(absl::StrCat(first, " takes no request"));
  }
  const bool report_flags =
      options.from.has_value() || options.to.has_value() || !options.organisation.empty();
  const bool subject_flags = !options.email.empty() || !options.complaints.empty();
  if (subject_flags && first != "export-personal-data" && first != "erase-personal-data") {
    return absl::InvalidArgumentError(
        "--email and --complaint are for `redress export-personal-data` and "
        "`redress erase-personal-data`");
  }
  if (first == "report") {
    if (words.size() != 2 || words[1] != kReportNames) {
      return absl::InvalidArgumentError(
          absl::StrCat("report takes the name of one report: ", kReportNames));
    }
    if (!options.get.empty()) return absl::InvalidArgumentError("report takes no --get");
    options.command = Command::kReport;
    options.operands = {words[1]};
    return absl::OkStatus();
  }
  if (first == "export-personal-data" || first == "erase-personal-data") {
    if (words.size() != 1)
      return absl::InvalidArgumentError(absl::StrCat(first, " takes no words"));
    if (report_flags || !options.get.empty() || options.expected_sequence.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          first, " takes only --email and --complaint (and the address and output flags)"));
    }
    if (!subject_flags) {
      return absl::InvalidArgumentError(
          absl::StrCat(first, " needs --email, --complaint or both: whose data"));
    }
    if (options.complaints.size() > kMaxSubjectComplaints) {
      return absl::InvalidArgumentError(
          absl::StrCat("at most ", kMaxSubjectComplaints, " --complaint names at once"));
    }
    options.command = first == "export-personal-data" ? Command::kExportPersonalData
                                                      : Command::kErasePersonalData;
    return absl::OkStatus();
  }
  if (first == "verify-audit-log") {
    if (words.size() != 2 || FindServiceAlias(words[1]) == nullptr) {
      return absl::InvalidArgumentError(
          "verify-audit-log takes one service: intake, investigation or remedy");
    }
    if (report_flags || !options.get.empty()) {
      return absl::InvalidArgumentError(
          "verify-audit-log takes only --expected_head (and the address and output flags)");
    }
    options.command = Command::kVerifyAuditLog;
    options.operands = {FindServiceAlias(words[1])->name};
    return absl::OkStatus();
  }
  if (options.expected_sequence.has_value()) {
    return absl::InvalidArgumentError("--expected_head is for `redress verify-audit-log`");
  }
  if (report_flags) {
    return absl::InvalidArgumentError(
        "--from, --to and --organisation are for `redress report non-compliance`");
  }
  if (first == "list" || first == "describe") {
    words.erase(words.begin());
    options.operands = std::move(words);
    options.command = first == "list" ? Command::kList : Command::kDescribe;
    if (options.command == Command::kDescribe &&
        (options.operands.empty() || options.operands.size() > 2)) {
      return absl::InvalidArgumentError(
          "describe takes <service> <Method>, or the full name of a message type");
    }
    return absl::OkStatus();
  }
  options.command = Command::kCall;
  if (words.size() < 2) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected <service> <Method>; got only \"", first, "\""));
  }
  if (words.size() > 3) {
    return absl::InvalidArgumentError(
        "too many arguments: expected <service> <Method> [REQUEST_JSON] (quote the JSON)");
  }
  if (words.size() == 3) {
    absl::Status status = SetRequest(options, RequestSource::kInline, words[2]);
    if (!status.ok()) return status;
  }
  words.resize(2);
  options.operands = std::move(words);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CliOptions> ParseCliOptions(const std::vector<std::string>& args,
                                           const EnvLookup& env) {
  CliOptions options;
  for (const ServiceAlias& service : RedressServices()) {
    std::optional<std::string> from_env = env ? env(service.env_var) : std::nullopt;
    options.addresses[service.name] =
        from_env.has_value() && !from_env->empty() ? *from_env : service.default_address;
  }
  std::vector<std::string> words;
  bool help = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-") {
      absl::Status status = SetRequest(options, RequestSource::kStdin, "");
      if (!status.ok()) return status;
      continue;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      words.push_back(arg);
      continue;
    }
    const size_t equals = arg.find('=');
    const std::string flag = arg.substr(0, equals);
    if (arg == "--help" || arg == "-h") {
      help = true;
    } else if (arg == "--json") {
      options.json = true;
    } else if (TakesValue(flag)) {
      std::string value;
      if (equals != std::string::npos) {
        value = arg.substr(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrCat(flag, " needs a value"));
      }
      absl::Status status = ApplyFlag(flag, value, options);
      if (!status.ok()) return status;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag ", arg));
    }
  }
  if (help) {
    options.command = Command::kHelp;
    return options;
  }
  absl::Status status = ApplyWords(std::move(words), options);
  if (!status.ok()) return status;
  return options;
}

}  // namespace redress::cli
