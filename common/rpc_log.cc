#include "common/rpc_log.h"

#include <grpcpp/server_context.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "common/call_trace.h"
#include "common/log.h"
#include "common/metrics/metrics.h"

namespace redress {
namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr char kHealthMethodPrefix[] = "/grpc.health.v1.Health/";

LogLevel LevelFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return LogLevel::kInfo;
    case grpc::StatusCode::INTERNAL:
    case grpc::StatusCode::UNKNOWN:
    case grpc::StatusCode::DATA_LOSS:
      return LogLevel::kError;
    default:
      return LogLevel::kWarning;
  }
}

// go-grpc-prometheus' name for a method's type (its grpc_type label).
std::string_view RpcType(grpc::experimental::ServerRpcInfo::Type type) {
  switch (type) {
    case grpc::experimental::ServerRpcInfo::Type::UNARY:
      return "unary";
    case grpc::experimental::ServerRpcInfo::Type::CLIENT_STREAMING:
      return "client_stream";
    case grpc::experimental::ServerRpcInfo::Type::SERVER_STREAMING:
      return "server_stream";
    case grpc::experimental::ServerRpcInfo::Type::BIDI_STREAMING:
      return "bidi_stream";
  }
  return "unary";
}

// Writes one "rpc" log line per call when the server sends the call's status, and counts the call
// in the metrics (grpc_server_handled_total, grpc_server_handling_seconds). Health checks are
// counted but logged only when they fail: Kubernetes probes them every few seconds.
class RpcLogInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit RpcLogInterceptor(grpc::experimental::ServerRpcInfo* info)
      : info_(info), start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      LogCall(methods->GetSendStatus().error_code());
    }
    methods->Proceed();
  }

 private:
  // The handler's status, unless the call was cancelled meanwhile (client gone, deadline passed,
  // or the drain deadline of a shutdown): then that is what the client sees.
  grpc::StatusCode ClientVisibleCode(grpc::StatusCode sent) {
    grpc::ServerContextBase* context = info_->server_context();
    if (context == nullptr || !context->IsCancelled()) return sent;
    return std::chrono::system_clock::now() >= context->deadline()
               ? grpc::StatusCode::DEADLINE_EXCEEDED
               : grpc::StatusCode::CANCELLED;
  }

  void LogCall(grpc::StatusCode sent) {
    const std::string method = info_->method() == nullptr ? "" : info_->method();
    const grpc::StatusCode code = ClientVisibleCode(sent);
    const std::chrono::duration<double, std::milli> latency =
        std::chrono::steady_clock::now() - start_;
    metrics::ObserveServedCall(method, RpcType(info_->type()), static_cast<int>(code),
                               latency.count() / 1000);
    if (code == grpc::StatusCode::OK && absl::StartsWith(method, kHealthMethodPrefix)) return;
    std::vector<LogField> fields = {
        {"method", method},
        {"code", absl::StatusCodeToString(static_cast<absl::StatusCode>(code))},
        {"code_number", static_cast<int>(code)},
        {"latency_ms", latency.count()},
    };
    if (info_->server_context() == nullptr) {
      Log(LevelFor(code), "rpc", fields);
      return;
    }
    fields.emplace_back("peer", info_->server_context()->peer());
    const ScopedTrace trace(CallTraceOf(*info_->server_context()));
    Log(LevelFor(code), "rpc", fields);
  }

  grpc::experimental::ServerRpcInfo* const info_;
  const std::chrono::steady_clock::time_point start_;
};

class RpcLogInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new RpcLogInterceptor(info);
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
NewRpcLogInterceptorFactory() {
  return std::make_unique<RpcLogInterceptorFactory>();
}

}  // namespace redress
