// redress_probe: asks a gRPC server for its grpc.health.v1 health status or its reflection service
// list, or waits until it is SERVING. For operators, scripts and the quick start (Debian ships no
// grpcurl). Works against any server that serves health and v1alpha reflection. The channel is
// TLS or plaintext, with or without a bearer token, as the environment says (client_credentials.h).
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/client_credentials.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "src/proto/grpc/reflection/v1alpha/reflection.grpc.pb.h"

ABSL_FLAG(absl::Duration, timeout, absl::Seconds(30),
          "wait: how long to keep trying before giving up (exit 2)");
ABSL_FLAG(absl::Duration, rpc_timeout, absl::Seconds(5), "deadline of each call to the server");

namespace {

using ::grpc::health::v1::HealthCheckResponse;

constexpr char kUsage[] = R"(checks a gRPC server's health and reflection.

Usage:
  redress_probe health <address> [service]    print the health status (SERVING, NOT_SERVING,
                                              UNKNOWN, SERVICE_UNKNOWN) of the server ("") or
                                              of one service, e.g. redress.intake.v1.Intake
  redress_probe services <address>            print the services reflection lists, one per line
  redress_probe wait <address> [service] [--timeout=30s]
                                              poll health until it is SERVING

<address> is host:port, e.g. 127.0.0.1:50051. Flags: --rpc_timeout=5s (each call).

Environment: REDRESS_CA_FILE (PEM CA bundle: TLS, the server verified against it; unset:
plaintext), REDRESS_TOKEN or REDRESS_TOKEN_FILE (a bearer token, or a file holding it, sent as
"authorization: Bearer <token>"; needs REDRESS_CA_FILE).

Exit codes:
  0  SERVING (health, wait), or the service list was printed (services)
  1  usage error (also after --help), or unusable REDRESS_CA_FILE, REDRESS_TOKEN or
     REDRESS_TOKEN_FILE
  2  the server answered but is not SERVING (NOT_SERVING, UNKNOWN, SERVICE_UNKNOWN), or wait
     gave up after --timeout
  3  the call failed: server unreachable, deadline exceeded, reflection not served, ...)";

// 1 for usage errors because Abseil's flag parser already exits 1 on an unknown flag or --help.
enum ExitCode { kExitOk = 0, kExitUsage = 1, kExitNotServing = 2, kExitCallFailed = 3 };

using Credentials = std::shared_ptr<grpc::ChannelCredentials>;

std::shared_ptr<grpc::Channel> Dial(const std::string& address, const Credentials& credentials) {
  grpc::ChannelArguments args;
  // A channel of its own for every attempt: `wait` must not inherit the reconnect backoff (up to
  // two minutes) of an earlier attempt's connection made before the server was up.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(address, credentials, args);
}

void PrintCallError(const std::string& what, const std::string& address,
                    const grpc::Status& status) {
  std::fprintf(stderr, "redress_probe: %s at %s failed: code %d: %s\n", what.c_str(),
               address.c_str(), static_cast<int>(status.error_code()),
               status.error_message().c_str());
}

// One health check. On success `*serving_status` holds the answer; a service the server does not
// know (NOT_FOUND) is reported as SERVICE_UNKNOWN, as Watch would.
grpc::Status CheckHealth(grpc::health::v1::Health::Stub& stub, const std::string& service,
                         absl::Duration timeout,
                         HealthCheckResponse::ServingStatus* serving_status) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  grpc::Status status = stub.Check(&context, request, &response);
  if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
    *serving_status = HealthCheckResponse::SERVICE_UNKNOWN;
    return grpc::Status::OK;
  }
  if (status.ok()) *serving_status = response.status();
  return status;
}

int RunHealth(const std::string& address, const std::string& service,
              const Credentials& credentials) {
  auto stub = grpc::health::v1::Health::NewStub(Dial(address, credentials));
  HealthCheckResponse::ServingStatus serving_status;
  grpc::Status status =
      CheckHealth(*stub, service, absl::GetFlag(FLAGS_rpc_timeout), &serving_status);
  if (!status.ok()) {
    PrintCallError("health check", address, status);
    return kExitCallFailed;
  }
  std::printf("%s\n", HealthCheckResponse::ServingStatus_Name(serving_status).c_str());
  return serving_status == HealthCheckResponse::SERVING ? kExitOk : kExitNotServing;
}

int RunWait(const std::string& address, const std::string& service,
            const Credentials& credentials) {
  const absl::Time give_up = absl::Now() + absl::GetFlag(FLAGS_timeout);
  std::string last = "no answer yet";
  while (true) {
    const absl::Duration left = give_up - absl::Now();
    if (left <= absl::ZeroDuration()) break;
    HealthCheckResponse::ServingStatus serving_status;
    auto stub = grpc::health::v1::Health::NewStub(Dial(address, credentials));
    grpc::Status status = CheckHealth(
        *stub, service, std::min(left, absl::GetFlag(FLAGS_rpc_timeout)), &serving_status);
    if (status.ok() && serving_status == HealthCheckResponse::SERVING) {
      std::printf("SERVING\n");
      return kExitOk;
    }
    last = status.ok() ? HealthCheckResponse::ServingStatus_Name(serving_status)
                       : status.error_message();
    absl::SleepFor(std::min(absl::Milliseconds(200), give_up - absl::Now()));
  }
  std::fprintf(stderr, "redress_probe: %s not SERVING after %s (last: %s)\n", address.c_str(),
               absl::FormatDuration(absl::GetFlag(FLAGS_timeout)).c_str(), last.c_str());
  return kExitNotServing;
}

int RunServices(const std::string& address, const Credentials& credentials) {
  auto stub = grpc::reflection::v1alpha::ServerReflection::NewStub(Dial(address, credentials));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::GetFlag(FLAGS_rpc_timeout)));
  auto stream = stub->ServerReflectionInfo(&context);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  const bool answered = stream->Write(request) && stream->WritesDone() && stream->Read(&response);
  grpc::Status status = stream->Finish();
  if (!status.ok() || !answered) {
    PrintCallError("reflection", address,
                   status.ok() ? grpc::Status(grpc::StatusCode::UNKNOWN, "no answer") : status);
    return kExitCallFailed;
  }
  if (response.has_error_response()) {
    std::fprintf(stderr, "redress_probe: reflection at %s answered error %d: %s\n", address.c_str(),
                 response.error_response().error_code(),
                 response.error_response().error_message().c_str());
    return kExitCallFailed;
  }
  for (const auto& service : response.list_services_response().service()) {
    std::printf("%s\n", service.name().c_str());
  }
  return kExitOk;
}

int UsageError(const char* message) {
  std::fprintf(stderr, "redress_probe: %s\n\nredress_probe %s\n", message, kUsage);
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  std::vector<char*> args = absl::ParseCommandLine(argc, argv);
  // args[0] is the program name.
  if (args.size() < 3) return UsageError("expected a command and an address");
  const std::string command = args[1];
  const std::string address = args[2];
  const std::string service = args.size() > 3 ? args[3] : "";
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      redress::ClientCredentialsFromEnvironment();
  if (!credentials.ok()) {
    std::fprintf(stderr, "redress_probe: %s\n",
                 std::string(credentials.status().message()).c_str());
    return kExitUsage;
  }
  if (command == "health" && args.size() <= 4) return RunHealth(address, service, *credentials);
  if (command == "wait" && args.size() <= 4) return RunWait(address, service, *credentials);
  if (command == "services" && args.size() == 3) return RunServices(address, *credentials);
  return UsageError("unknown command or wrong number of arguments");
}
