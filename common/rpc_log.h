// The server's record of each call: one "rpc" log line (method, code, latency, peer, with the
// call's trace) when the server sends its status, and the call counted in the metrics
// (grpc_server_handled_total, grpc_server_handling_seconds). Health checks are counted but logged
// only when they fail: Kubernetes probes them every few seconds. RunningServer (server.h) installs
// it on every server.
#pragma once

#include <grpcpp/support/server_interceptor.h>

#include <memory>

namespace redress {

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
NewRpcLogInterceptorFactory();

}  // namespace redress
