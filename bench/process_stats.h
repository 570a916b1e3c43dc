// What the benchmark reads about the server processes it started, from Linux's /proc: CPU time
// used, resident memory now and at its peak, and which child process serves an address.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace redress::bench {

// User plus system CPU time the process has used, in seconds (utime + stime of
// /proc/<pid>/stat); nullopt when the process is gone.
std::optional<double> CpuSeconds(pid_t pid);

// Resident memory in MiB: now (VmRSS) and the peak since start or the last ResetPeakMemory
// (VmHWM); nullopt when the process is gone.
std::optional<double> ResidentMib(pid_t pid);
std::optional<double> PeakResidentMib(pid_t pid);

// Starts the process's VmHWM again from its current resident size (writes "5" to
// /proc/<pid>/clear_refs), so that the next PeakResidentMib is the peak of what follows. False
// where the kernel refuses; the peak then runs from the process's start.
bool ResetPeakMemory(pid_t pid);

// The child of this process whose command line holds the argument `argument` exactly (e.g.
// "--listen=127.0.0.1:40123"); nullopt when there is none. The suite harness does not expose
// its processes' ids, but each service is started with its own --listen address.
std::optional<pid_t> ChildWithArgument(const std::string& argument);

// Whether the process has exited (it is gone, or a zombie not yet reaped).
bool Exited(pid_t pid);

// How a child of this process that has exited ended ("killed by signal 11 (Segmentation
// fault)", "exited with status 1"), read without reaping it (its owner still waits for it);
// empty when it has not exited or is not waitable.
std::string HowExited(pid_t pid);

// Sends SIGKILL to every child process of this one. For the time limit: they are all servers
// this benchmark started.
void KillChildren();

}  // namespace redress::bench
