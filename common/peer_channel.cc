#include "common/peer_channel.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <utility>
#include <vector>

#include "absl/strings/match.h"
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

std::shared_ptr<grpc::Channel> NewPeerChannel(
    const std::string& address, absl::Duration max_reconnect_backoff,
    const std::shared_ptr<grpc::ChannelCredentials>& credentials) {
  grpc::ChannelArguments arguments;
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
