#include "bench/process_stats.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace redress::bench {
namespace {

// The contents of a /proc file, "" when it cannot be read. With read(2), not a stream: a process
// can vanish while its file is read, and libstdc++'s filebuf then throws.
std::string ReadProcFile(const std::string& path) {
  std::string contents;
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return contents;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = read(fd, buffer, sizeof(buffer))) > 0) contents.append(buffer, n);
  close(fd);
  return contents;
}

// The fields of /proc/<pid>/stat after the command name (which may hold spaces, so it is skipped
// by its closing parenthesis): [0] is field 3 (state), [1] field 4 (ppid), [11] field 14 (utime).
std::optional<std::vector<std::string>> StatFields(pid_t pid) {
  const std::string line = ReadProcFile(absl::StrCat("/proc/", pid, "/stat"));
  const size_t name_end = line.rfind(')');
  if (name_end == std::string::npos) return std::nullopt;
  std::vector<std::string> fields =
      absl::StrSplit(line.substr(name_end + 1), ' ', absl::SkipEmpty());
  if (fields.size() < 13) return std::nullopt;
  return fields;
}

// A "Name:   1234 kB" line of /proc/<pid>/status, in MiB.
std::optional<double> StatusMib(pid_t pid, const std::string& name) {
  const std::string prefix = name + ":";
  for (absl::string_view line :
       absl::StrSplit(ReadProcFile(absl::StrCat("/proc/", pid, "/status")), '\n')) {
    if (!absl::ConsumePrefix(&line, prefix)) continue;
    double kib = 0;
    line = absl::StripAsciiWhitespace(line);
    if (absl::SimpleAtod(line.substr(0, line.find(' ')), &kib)) return kib / 1024.0;
  }
  return std::nullopt;
}

// Every process whose parent is this one.
std::vector<pid_t> Children() {
  std::vector<pid_t> children;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return children;
  while (const dirent* entry = readdir(proc)) {
    int pid = 0;
    if (!absl::SimpleAtoi(entry->d_name, &pid)) continue;
    std::optional<std::vector<std::string>> fields = StatFields(pid);
    int parent = 0;
    if (fields.has_value() && absl::SimpleAtoi((*fields)[1], &parent) && parent == getpid()) {
      children.push_back(pid);
    }
  }
  closedir(proc);
  return children;
}

}  // namespace

std::optional<double> CpuSeconds(pid_t pid) {
  std::optional<std::vector<std::string>> fields = StatFields(pid);
  if (!fields.has_value()) return std::nullopt;
  double user = 0, system = 0;
  if (!absl::SimpleAtod((*fields)[11], &user) || !absl::SimpleAtod((*fields)[12], &system)) {
    return std::nullopt;
  }
  return (user + system) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::optional<double> ResidentMib(pid_t pid) { return StatusMib(pid, "VmRSS"); }

std::optional<double> PeakResidentMib(pid_t pid) { return StatusMib(pid, "VmHWM"); }

bool ResetPeakMemory(pid_t pid) {
  const int fd = open(absl::StrCat("/proc/", pid, "/clear_refs").c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool written = write(fd, "5", 1) == 1;
  close(fd);
  return written;
}

std::optional<pid_t> ChildWithArgument(const std::string& argument) {
  for (pid_t pid : Children()) {
    const std::string cmdline = ReadProcFile(absl::StrCat("/proc/", pid, "/cmdline"));
    for (absl::string_view arg : absl::StrSplit(cmdline, '\0')) {
      if (arg == argument) return pid;
    }
  }
  return std::nullopt;
}

bool Exited(pid_t pid) {
  std::optional<std::vector<std::string>> fields = StatFields(pid);
  return !fields.has_value() || (*fields)[0] == "Z" || (*fields)[0] == "X";
}

std::string HowExited(pid_t pid) {
  siginfo_t info{};
  if (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
      info.si_pid != pid) {
    return "";
  }
  if (info.si_code == CLD_EXITED) return absl::StrCat("exited with status ", info.si_status);
  return absl::StrCat("killed by signal ", info.si_status, " (", strsignal(info.si_status), ")",
                      info.si_code == CLD_DUMPED ? ", core dumped" : "");
}

void KillChildren() {
  for (pid_t pid : Children()) kill(pid, SIGKILL);
}

}  // namespace redress::bench
