#include "common/service_usage.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace redress {
namespace {

// The folders whose flags a service binary documents.
constexpr std::string_view kOurFolders[] = {"common/", "services/"};

// Debian's Abseil has its own string_view, not std::string_view.
std::string_view Std(absl::string_view text) { return std::string_view(text.data(), text.size()); }
absl::string_view Absl(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

bool IsHelpRequest(std::string_view arg) { return arg == "--help" || arg == "-help"; }

bool AsksForHelp(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return false;  // what follows is positional
    if (IsHelpRequest(arg)) return true;
  }
  return false;
}

// An empty string shows as "" rather than nothing after "default:".
std::string ShownDefault(const absl::CommandLineFlag& flag) {
  std::string value = flag.DefaultValue();
  return value.empty() ? "\"\"" : value;
}

// `text` as lines of at most kWidth columns (a longer word stands alone), each after `indent`.
std::string Wrapped(std::string_view text, std::string_view indent) {
  constexpr size_t kWidth = 100;
  std::string out;
  std::string line(indent);
  for (absl::string_view word : absl::StrSplit(Absl(text), ' ', absl::SkipEmpty())) {
    if (line.size() > indent.size() && line.size() + 1 + word.size() > kWidth) {
      absl::StrAppend(&out, line, "\n");
      line = std::string(indent);
    }
    absl::StrAppend(&line, line.size() > indent.size() ? " " : "", word);
  }
  absl::StrAppend(&out, line, "\n");
  return out;
}

}  // namespace

std::string SourceTreeFile(std::string_view filename) {
  // The last of our folders that starts a path segment: the checkout's own path may contain
  // "services/" or "common/" too.
  constexpr size_t kNone = std::string_view::npos;
  size_t best = kNone;
  for (std::string_view folder : kOurFolders) {
    size_t at = filename.rfind(folder);
    while (at != kNone && at != 0 && filename[at - 1] != '/') at = filename.rfind(folder, at - 1);
    if (at != kNone && (best == kNone || at > best)) best = at;
  }
  return best == kNone ? std::string() : std::string(filename.substr(best));
}

std::string ServiceHelp(std::string_view usage) {
  // file -> flag name -> its entry; std::map keeps both sorted.
  std::map<std::string, std::map<std::string, std::string>> files;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (flag->IsRetired()) continue;
    std::string file = SourceTreeFile(flag->Filename());
    if (file.empty()) continue;
    files[file][std::string(name)] =
        absl::StrCat("    --", name, " (default: ", ShownDefault(*flag), ")\n",
                     Wrapped(flag->Help(), "        "));
  }
  std::string help = absl::StrCat(
      Absl(usage), "\n\n",
      Wrapped("Flags, as --name=value (a duration is 10s, 1m30s or 2h; a list is comma-separated; "
              "--noname sets a boolean false):",
              ""));
  for (const auto& [file, flags] : files) {
    absl::StrAppend(&help, "\n  ", file, ":\n");
    for (const auto& [name, entry] : flags) absl::StrAppend(&help, entry);
  }
  return help;
}

std::vector<char*> ParseServiceCommandLine(int argc, char** argv, std::string_view usage) {
  absl::SetProgramUsageMessage(Absl(usage));
  absl::FlagsUsageConfig config;
  const auto ours = [](absl::string_view filename) {
    return !SourceTreeFile(Std(filename)).empty();
  };
  config.contains_help_flags = ours;
  config.contains_helpshort_flags = ours;
  config.contains_helppackage_flags = ours;
  // Our flags' files named from the source tree, whatever the checkout's path; others unchanged.
  config.normalize_filename = [](absl::string_view filename) {
    std::string file = SourceTreeFile(Std(filename));
    return file.empty() ? std::string(filename) : file;
  };
  absl::SetFlagsUsageConfig(config);
  if (AsksForHelp(argc, argv)) {
    // "<program>: <usage>", as Abseil's own help flags begin.
    const std::string_view program = argv[0];
    const std::string help =
        ServiceHelp(absl::StrCat(Absl(program.substr(program.rfind('/') + 1)), ": ", Absl(usage)));
    std::fputs(help.c_str(), stdout);
    std::fflush(stdout);
    std::exit(0);
  }
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return absl::ParseCommandLine(argc, argv);
}

}  // namespace redress
