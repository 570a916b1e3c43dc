// The shape every gRPC handler of every service shares: refuse a call that has already ended, run
// the handler's body, and turn its absl::Status into what the client sees. Unexpected failures
// (INTERNAL, UNKNOWN, DATA_LOSS, or anything thrown) are logged in full and answered with a generic
// message, so no internal detail (SQL, file names, library messages) reaches a client.
// For gRPC adapters only: logic code never includes this header.
#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/access.h"
#include "common/audit/audit_scope.h"
#include "common/call_executor.h"
#include "common/call_trace.h"
#include "common/peer_call.h"
#include "common/principal.h"
#include "common/request_memory_budget.h"
#include "google/protobuf/message.h"

namespace redress {

// The message a client sees for every unexpected failure.
inline constexpr std::string_view kInternalErrorMessage = "internal error";

// The grpc::Status the client of `method` sees for `status`: ToGrpcStatus(status, error_domain)
// (grpc_status.h), except that an INTERNAL, UNKNOWN or DATA_LOSS status is logged (level error,
// with `method`, its code and its full message) and answered INTERNAL with kInternalErrorMessage
// and an ErrorInfo with reason INTERNAL, and none of its own message or details; and a status a
// storage layer marked (HasInternalDetail, errors.h) keeps its code and details but is answered
// with a generic message (its own is logged, level warning).
grpc::Status ClientStatus(const absl::Status& status, std::string_view error_domain,
                          std::string_view method);

namespace handler_internal {
// DEADLINE_EXCEEDED or CANCELLED when the call has already ended; OK otherwise.
absl::Status EndedCallStatus(const grpc::ServerContextBase& context);
// The INTERNAL status standing for an exception `what` that escaped a handler's body.
absl::Status UnexpectedException(std::string_view what);
// The caller of the call `context` serves (call_security.h).
absl::StatusOr<Principal> CallerOf(const grpc::ServerContextBase& context);

// Authenticates and authorises the call, then runs `body` with the caller's actor and
// "<service>.<method>" as this thread's audit call (common/audit/audit_scope.h), the service
// being the error domain's first label ("intake.redress" -> "intake").
template <typename Body>
absl::Status RunBody(const grpc::ServerContextBase& context, const CallPolicy& policy,
                     std::string_view method, Body&& body) {
  absl::StatusOr<Principal> caller = CallerOf(context);
  if (!caller.ok()) return caller.status();
  if (absl::Status allowed = policy.Authorize(*caller, method); !allowed.ok()) return allowed;
  const std::string_view domain = policy.error_domain();
  const audit::ScopedAuditCall audit_call(
      caller->Actor(), std::string(domain.substr(0, domain.find('.'))) + "." + std::string(method));
  if constexpr (std::is_invocable_v<Body, const Principal&>) {
    return std::forward<Body>(body)(*caller);
  } else {
    return std::forward<Body>(body)();
  }
}
}  // namespace handler_internal

// Serves one call of `method` of the service whose table is `policy`: when the call has already
// ended (deadline passed, client gone) answers DEADLINE_EXCEEDED or CANCELLED without running
// `body`; when the caller is not authenticated (CallerOf) answers UNAUTHENTICATED, and when
// `policy` does not let it call `method`, PERMISSION_DENIED; otherwise runs `body` (an
// absl::Status(), or absl::Status(const Principal& caller) when it needs to know who is calling)
// and answers ClientStatus of its result. Nothing thrown escapes: an exception from `body` is
// logged and answered INTERNAL, so the process stays up.
template <typename Body>
grpc::Status ServeCall(grpc::ServerContextBase* context, const CallPolicy& policy,
                       std::string_view method, Body&& body) {
  const std::string_view error_domain = policy.error_domain();
  const ScopedTrace trace(CallTraceOf(*context));  // every line logged for the call names its span
  const ScopedServerCall served(context);  // calls to peers it makes are its children (peer_call.h)
  try {
    absl::Status ended = handler_internal::EndedCallStatus(*context);
    return ClientStatus(
        ended.ok() ? handler_internal::RunBody(*context, policy, method, std::forward<Body>(body))
                   : std::move(ended),
        error_domain, method);
  } catch (const std::exception& e) {
    return ClientStatus(handler_internal::UnexpectedException(e.what()), error_domain, method);
  } catch (...) {
    return ClientStatus(handler_internal::UnexpectedException("an exception of unknown type"),
                        error_domain, method);
  }
}

// The status of a call refused because its server's executor is full: RESOURCE_EXHAUSTED with an
// ErrorInfo (reason SERVER_BUSY, `error_domain`) and a RetryInfo of `retry_delay`.
grpc::Status ServerBusyStatus(std::string_view error_domain, absl::Duration retry_delay);

// The status of a call refused because the requests its server holds already fill the server's
// request memory budget (request_memory_budget.h): the same code, reason and RetryInfo as
// ServerBusyStatus, with a message saying which limit was met.
grpc::Status RequestMemoryBusyStatus(std::string_view error_domain, absl::Duration retry_delay);

// The base of every service of ours, served with gRPC's callback API: each handler returns
// Serve(context, request, policy, method, body), which hands the call to the executor of the
// server that hosts the service (RunningServer::Start gives it; call_executor.h) and returns at
// once. On an executor thread the call is served as ServeCall does: a call that ended while it
// waited (its deadline passed, its client left) is answered without running `body`. Before it is
// queued, the call reserves the memory its parsed `request` holds (SpaceUsedLong) in the server's
// request memory budget (request_memory_budget.h) until it is finished; a call the budget has no
// room for is refused with RequestMemoryBusyStatus, and one the executor has no room for with
// ServerBusyStatus. `body` is run later, on another thread, so it must own what it uses: capture
// by value (`[=]`: the request, response and context pointers and `this` stay valid until the call
// is finished).
class CallbackServing {
 public:
  virtual ~CallbackServing() = default;

  // The executor calls run on, and the budget their requests share (null: none). Set by
  // RunningServer::Start before any call can arrive; without an executor (a service hosted some
  // other way) bodies run on gRPC's callback thread, unbudgeted.
  void ServeOn(CallExecutor* executor, RequestMemoryBudget* budget) {
    executor_ = executor;
    budget_ = budget;
  }

 protected:
  template <typename Body>
  grpc::ServerUnaryReactor* Serve(grpc::CallbackServerContext* context,
                                  const google::protobuf::Message* request,
                                  const CallPolicy& policy, std::string_view method,
                                  Body body) const {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    if (executor_ == nullptr) {
      reactor->Finish(ServeCall(context, policy, method, std::move(body)));
      return reactor;
    }
    std::optional<RequestMemoryBudget::Reservation> reserved;
    if (budget_ != nullptr) {
      reserved = budget_->TryReserve(static_cast<int64_t>(request->SpaceUsedLong()));
      if (!reserved.has_value()) {
        reactor->Finish(
            RequestMemoryBusyStatus(policy.error_domain(), executor_->options().retry_delay));
        return reactor;
      }
    }
    // The reservation goes with the work: given back once the call is finished, or at once when
    // the executor refuses it.
    auto serve = [context, reactor, &policy, method, body = std::move(body),
                  reserved = std::move(reserved)]() mutable {
      reactor->Finish(ServeCall(context, policy, method, std::move(body)));
    };
    if (!executor_->TrySubmit(std::move(serve))) {
      reactor->Finish(ServerBusyStatus(policy.error_domain(), executor_->options().retry_delay));
    }
    return reactor;
  }

 private:
  CallExecutor* executor_ = nullptr;
  RequestMemoryBudget* budget_ = nullptr;
};

}  // namespace redress
