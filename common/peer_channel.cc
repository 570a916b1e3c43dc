#include "common/peer_channel.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "common/call_trace.h"

namespace redress {

std::optional<std::string> AddressListAuthority(const std::string& target) {
  for (const absl::string_view scheme : {"ipv4:", "ipv6:"}) {
    absl::string_view rest = target;
    if (!absl::ConsumePrefix(&rest, scheme) || !absl::StrContains(rest, ',')) continue;
    rest = rest.substr(0, rest.find(','));
    // "ipv6:[::1]:50052" and "ipv4:127.0.0.1:50052": the host is what precedes the last colon.
    rest = rest.substr(0, rest.rfind(':'));
    absl::ConsumePrefix(&rest, "[");
    absl::ConsumeSuffix(&rest, "]");
    return std::string(rest);
  }
  return std::nullopt;
}

std::string PeerRetryServiceConfig(const std::vector<IdempotentMethod>& methods) {
  if (methods.empty()) return "{}";
  std::vector<std::string> names;
  for (const IdempotentMethod& method : methods) {
    names.push_back(
        absl::StrCat(R"({"service":")", method.service, R"(","method":")", method.method, R"("})"));
  }
  return absl::StrCat(R"({"methodConfig":[{"name":[)", absl::StrJoin(names, ","),
                      R"(],"retryPolicy":{"maxAttempts":)", kPeerCallAttempts,
                      R"(,"initialBackoff":"0.1s","maxBackoff":"1s","backoffMultiplier":2,)",
                      R"("retryableStatusCodes":["UNAVAILABLE"]}}]})");
}

std::shared_ptr<grpc::Channel> NewPeerChannel(
    const std::string& address, absl::Duration max_reconnect_backoff,
    const std::shared_ptr<grpc::ChannelCredentials>& credentials,
    const std::vector<IdempotentMethod>& idempotent) {
  grpc::ChannelArguments arguments;
  // Ours, not one a DNS TXT record might carry: which calls are retried is this code's decision.
  arguments.SetServiceConfigJSON(PeerRetryServiceConfig(idempotent));
  arguments.SetInt(GRPC_ARG_SERVICE_CONFIG_DISABLE_RESOLUTION, 1);
  arguments.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS,
                   static_cast<int>(absl::ToInt64Milliseconds(max_reconnect_backoff)));
  // round_robin: when the target resolves to several addresses (a headless Kubernetes Service
  // through dns:///, or "ipv4:10.0.0.1:50052,10.0.0.2:50052"), calls are spread over all of the
  // peer's replicas rather than pinned to the first one (pick_first, the default).
  arguments.SetLoadBalancingPolicyName("round_robin");
  if (std::optional<std::string> authority = AddressListAuthority(address)) {
    arguments.SetString(GRPC_ARG_DEFAULT_AUTHORITY, *authority);
  }
  // Every call carries the calling thread's trace (call_trace.h).
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(NewTraceSendingFactory());
  return grpc::experimental::CreateCustomChannelWithInterceptors(address, credentials, arguments,
                                                                 std::move(interceptors));
}

}  // namespace redress
