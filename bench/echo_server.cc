// The load benchmark's baseline server: bench/echo.proto's Echo on the callback API, served over
// the same TLS as the services (server certificate from the same files, client certificates
// verified when presented) and nothing else: no token check, no logging, no storage. What the
// services cost beyond it is theirs. grpc.health.v1 reports SERVING so that the benchmark can wait
// for it as for a service.
//
//   load_bench_echo_server --listen=127.0.0.1:PORT --tls_cert_file=... --tls_key_file=...
//                          --tls_ca_file=...
//
// It runs until killed: it holds no state to flush.
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>

#include <cstdio>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "bench/echo.grpc.pb.h"
#include "common/tls.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "loopback host:port to serve on");
ABSL_FLAG(std::string, tls_cert_file, "", "the server's certificate (PEM)");
ABSL_FLAG(std::string, tls_key_file, "", "the server's private key (PEM)");
ABSL_FLAG(std::string, tls_ca_file, "", "the CA that client certificates must chain to (PEM)");

namespace {

using redress::bench::v1::Echo;
using redress::bench::v1::EchoMessage;

class EchoService final : public Echo::CallbackService {
  grpc::ServerUnaryReactor* Echo(grpc::CallbackServerContext* context, const EchoMessage* request,
                                 EchoMessage* response) override {
    response->set_payload(request->payload());
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  // A benchmark target, not a service: never reachable from another machine.
  if (!absl::StartsWith(absl::GetFlag(FLAGS_listen), "127.")) {
    std::fprintf(stderr, "echo server: --listen must be a 127.0.0.0/8 address\n");
    return 2;
  }
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials = redress::ServerCredentials(
      {absl::GetFlag(FLAGS_tls_cert_file), absl::GetFlag(FLAGS_tls_key_file),
       absl::GetFlag(FLAGS_tls_ca_file)});
  if (!credentials.ok()) {
    std::fprintf(stderr, "echo server: %s\n", credentials.status().ToString().c_str());
    return 2;
  }
  grpc::EnableDefaultHealthCheckService(true);
  EchoService service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(absl::GetFlag(FLAGS_listen), *credentials, &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::fprintf(stderr, "echo server: cannot listen on %s\n", absl::GetFlag(FLAGS_listen).c_str());
    return 2;
  }
  std::printf("echo server on port %d\n", port);
  std::fflush(stdout);
  server->Wait();
  return 0;
}
