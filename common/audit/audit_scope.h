// Who is changing state, and in which call, for the audit log: the stores know neither, the
// server layer knows both. handler_internal::RunBody (common/handler.h) installs a
// ScopedAuditCall around each handler's body; a store reads CurrentAuditCall() when it appends an
// entry.
//
// Limits: the scope is thread-local. It reaches a store only when the store is called on the
// thread that runs the handler's body (true of every service: bodies call logic and stores
// synchronously). Work handed to another thread, and work outside any call (background jobs,
// seeding at start-up), sees the fallback the store passes, "system:<service>", unless that code
// installs its own ScopedAuditCall naming the job.
#pragma once

#include <string>
#include <string_view>

namespace redress::audit {

struct AuditCall {
  std::string actor;  // "user:alice", "service:intake", "system:remedy", ...
  std::string rpc;    // "intake.SubmitComplaint", "remedy.follow-up", ...
};

// Makes {actor, rpc} the current call of this thread for its lifetime; restores the previous
// one (scopes nest) when destroyed. Not copyable or movable; destroy on the creating thread.
class ScopedAuditCall {
 public:
  ScopedAuditCall(std::string actor, std::string rpc);
  ~ScopedAuditCall();
  ScopedAuditCall(const ScopedAuditCall&) = delete;
  ScopedAuditCall& operator=(const ScopedAuditCall&) = delete;

 private:
  AuditCall call_;
  const AuditCall* previous_;
};

// The innermost ScopedAuditCall of this thread, or `fallback` outside any.
AuditCall CurrentAuditCall(const AuditCall& fallback);

// The fallback of `service`'s stores: {"system:<service>", "<service>.system"}.
AuditCall SystemAuditCall(std::string_view service);

}  // namespace redress::audit
