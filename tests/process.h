// Starting and stopping the real service binaries in end-to-end tests: a child process with its
// output in a log file, free loopback ports, and waiting for a server's health to be SERVING.
#pragma once

#include <sys/types.h>

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace redress::testing {

// A child process. Killed with SIGKILL on destruction if still running.
class ChildProcess {
 public:
  // Starts `binary` with `args`; stdout and stderr are appended to `log_path`.
  static absl::Status Start(const std::string& binary, const std::vector<std::string>& args,
                            const std::string& log_path, ChildProcess& out);
  ChildProcess() = default;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }
  // Sends `signal` and waits (up to `timeout`) for the process to exit; returns its wait status.
  // The process is reaped either way.
  int Stop(int signal, absl::Duration timeout = absl::Seconds(20));

 private:
  pid_t pid_ = -1;
};

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released), never one
// this process was given before; -1 when none can be found. Thread-safe.
int PickFreePort();

// How a test reaches a server: TLS trusting the test CA (tests/test_security.h), as every service
// port serves by default, or plaintext (a --health_listen port, or a server run with --insecure).
enum class Transport { kTls, kPlaintext };

// Waits until grpc.health.v1 reports SERVING for `service` at `address`.
absl::Status WaitForServing(const std::string& address, const std::string& service,
                            absl::Duration timeout, Transport transport = Transport::kTls);

// The services server reflection lists at `address`.
std::vector<std::string> ListServicesByReflection(const std::string& address,
                                                  Transport transport = Transport::kTls);

// A fresh empty directory under $TMPDIR (or /tmp).
std::string MakeTempDir(const std::string& prefix);

// The file's contents ("" if unreadable), for failure messages.
std::string ReadFileOrEmpty(const std::string& path);

// Runs `command` with /bin/sh: its wait status as pclose returns it (0 when it exited 0; see
// WEXITSTATUS) and its standard output (add " 2>&1" to the command for its errors too).
std::pair<int, std::string> RunShell(const std::string& command);

}  // namespace redress::testing
