// The command line of a service binary and its --help: what the service does and every flag it
// accepts with its meaning and default, the flags defined in common/ (server, storage, TLS,
// tokens) as well as the service's own. Abseil's --help alone shows none of them: by default it
// lists the flags of a file named after the binary, and the mains are all main.cc.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace redress {

// Sets `usage` as the program's usage message and Abseil's help filters to the flags defined in
// this source tree, then parses the command line (absl::ParseCommandLine: an unknown or malformed
// flag prints the error and exits 1). `--help` or `-help` prints ServiceHelp("<program>: " +
// usage) on stdout and exits 0 (Abseil's own --help exits 1, which scripts read as a failure).
// Abseil's other help flags (--helpfull, --helpshort, --help=<substring>, --only_check_args) keep
// their behaviour, filtered and named the same way. It also turns off Abseil's mutex deadlock
// detection for the process: Debian's Abseil is built without NDEBUG, so every absl::Mutex lock
// otherwise updates the detector's lock graph, 1.4 to 1.9% of a service's CPU under load
// (docs/performance.md); tests, which do not call this, keep it. Call once, first thing in
// main().
std::vector<char*> ParseServiceCommandLine(int argc, char** argv, std::string_view usage);

// The --help text: `usage`, then each flag defined under common/ or services/ (the path Abseil
// records for it, relative to the source tree), grouped by that file and sorted by name, as
//   --name (default: value)
//       meaning
std::string ServiceHelp(std::string_view usage);

// A flag's defining file relative to the source tree ("common/server_flags.cc"), or empty when
// it is not one of ours (Abseil's --flagfile and the like). Accepts absolute paths and the
// relative ones a compiler cache may leave in __FILE__ ("../common/server_flags.cc").
std::string SourceTreeFile(std::string_view filename);

}  // namespace redress
