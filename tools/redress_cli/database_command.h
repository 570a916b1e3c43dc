// `redress backup-database` and `redress restore-database`: the SQLite backup commands
// (database_backup.h) with their own arguments, run before the CLI's server commands are parsed
// since they call no server.
#pragma once

#include <string>
#include <vector>

#include "tools/redress_cli/cli.h"

namespace redress::cli {

// Whether `args` (without the program name) is a database command: its first word is one.
bool IsDatabaseCommand(const std::vector<std::string>& args);

// Runs it: 0 done (what was written on `out`), 1 refused or failed (why on `err`), 2 usage.
int RunDatabaseCommand(const std::vector<std::string>& args, CliStreams streams);

}  // namespace redress::cli
