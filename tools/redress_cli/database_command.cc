#include "tools/redress_cli/database_command.h"

#include <map>
#include <set>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/redress_cli/database_backup.h"

namespace redress::cli {
namespace {

constexpr char kBackup[] = "backup-database";
constexpr char kRestore[] = "restore-database";

struct DatabaseArgs {
  std::map<std::string, std::string> values;  // by flag name without "--"
  bool replace = false;
};

// The flags each command takes a value for; --replace is restore's only switch.
const std::set<std::string>& ValueFlags(const std::string& command) {
  static const std::set<std::string> backup = {"database", "output"};
  static const std::set<std::string> restore = {"backup", "data_dir", "service"};
  return command == kBackup ? backup : restore;
}

absl::StatusOr<DatabaseArgs> Parse(const std::vector<std::string>& args) {
  const std::string& command = args[0];
  const std::set<std::string>& takes = ValueFlags(command);
  DatabaseArgs parsed;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (command == kRestore && arg == "--replace") {
      parsed.replace = true;
      continue;
    }
    if (!absl::StartsWith(arg, "--")) {
      return absl::InvalidArgumentError(
          absl::StrCat(command, " takes flags only, not \"", arg, "\""));
    }
    std::string name = arg.substr(2);
    std::string value;
    const size_t equals = name.find('=');
    if (equals != std::string::npos) {
      value = name.substr(equals + 1);
      name.resize(equals);
    } else if (takes.count(name) > 0 && i + 1 < args.size()) {
      value = args[++i];
    }
    if (takes.count(name) == 0) {
      return absl::InvalidArgumentError(absl::StrCat(command, " has no flag --", name));
    }
    if (value.empty()) return absl::InvalidArgumentError(absl::StrCat("--", name, ": empty"));
    if (!parsed.values.emplace(name, value).second) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, " given twice"));
    }
  }
  for (const std::string& name : takes) {
    if (parsed.values.count(name) == 0) {
      return absl::InvalidArgumentError(absl::StrCat(command, " needs --", name));
    }
  }
  if (command == kRestore) {
    const std::string& service = parsed.values["service"];
    if (service != "intake" && service != "investigation" && service != "remedy") {
      return absl::InvalidArgumentError(
          absl::StrCat("--service: \"", service, "\" is not intake, investigation or remedy"));
    }
  }
  return parsed;
}

std::string Describe(const DatabaseCopy& copy) {
  return absl::StrCat(copy.service, "'s database (schema version ", copy.schema_version, ", ",
                      copy.pages, " pages, ", copy.bytes, " bytes)");
}

}  // namespace

bool IsDatabaseCommand(const std::vector<std::string>& args) {
  return !args.empty() && (args[0] == kBackup || args[0] == kRestore);
}

int RunDatabaseCommand(const std::vector<std::string>& args, CliStreams streams) {
  absl::StatusOr<DatabaseArgs> parsed = Parse(args);
  if (!parsed.ok()) {
    streams.err << "redress: " << parsed.status().message() << "\n(see redress --help)\n";
    return kExitUsage;
  }
  std::map<std::string, std::string>& values = parsed->values;
  const bool backup = args[0] == kBackup;
  absl::StatusOr<DatabaseCopy> copy = backup ? BackupDatabase(values["database"], values["output"])
                                             : RestoreDatabase(values["backup"], values["data_dir"],
                                                               values["service"], parsed->replace);
  if (!copy.ok()) {
    streams.err << "redress: " << args[0]
                << " failed: " << absl::StatusCodeToString(copy.status().code()) << ": "
                << copy.status().message() << "\n";
    return kExitRpcError;
  }
  streams.out << (backup ? "backed up " : "restored ") << Describe(*copy) << " to " << copy->path
              << "\n";
  return kExitOk;
}

}  // namespace redress::cli
