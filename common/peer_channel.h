// The channel a service uses to call a peer service (DESIGN §1): over the credentials given
// (mutual TLS from PeerCredentialsFromFlags, security_flags.h), with a capped reconnection backoff
// so that a peer that comes back is reached again within about that long rather than gRPC's default
// of up to 120 s.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/security/credentials.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace redress {

// The authority (the name a TLS server's certificate is checked against) of a target that lists
// several addresses ("ipv4:127.0.0.1:50052,127.0.0.1:50062"): the host of the first. gRPC's own
// default would be the whole list, which no certificate names. Such lists are for development
// and tests, where every replica's certificate names the loopback host; deployments reach
// replicas by a DNS name (dns:///investigation-headless:50052), whose certificate names it.
// nullopt for any other target.
std::optional<std::string> AddressListAuthority(const std::string& target);

// A method of a peer that is safe to call twice: a read, or a write the peer recognises as done
// already. Only these are retried by the channel.
struct IdempotentMethod {
  std::string service;  // "redress.investigation.v1.Investigations"
  std::string method;   // "GetInvestigation"
};

// How the channel retries an idempotent method: on UNAVAILABLE only (the call did not reach a
// handler, or the peer is draining or refused it as busy), up to kPeerCallAttempts attempts in all,
// waiting a random time up to 100 ms, 200 ms, ... (capped at 1 s) between them, and never past the
// call's deadline. Other codes may mean the peer acted, or will answer the same again.
inline constexpr int kPeerCallAttempts = 3;

// gRPC's service config (JSON) giving each of `methods` the retry policy above; an empty config
// ("{}") for none.
std::string PeerRetryServiceConfig(const std::vector<IdempotentMethod>& methods);

// A channel to `address` ("host:port" or any gRPC target) whose reconnection backoff is capped at
// `max_reconnect_backoff`, spreading calls round-robin over every address the target resolves to
// (the replicas of the peer: "dns:///investigation-headless:50052", or a list
// "ipv4:127.0.0.1:50052,127.0.0.1:50062"). Connects lazily: creating it never blocks or fails.
// `idempotent` methods are retried as PeerRetryServiceConfig says; no other call is retried by the
// channel (the hand-off senders retry deliveries themselves, outbox_sender.h).
std::shared_ptr<grpc::Channel> NewPeerChannel(
    const std::string& address, absl::Duration max_reconnect_backoff,
    const std::shared_ptr<grpc::ChannelCredentials>& credentials,
    const std::vector<IdempotentMethod>& idempotent = {});

}  // namespace redress
