// The channel a service uses to call a peer service (DESIGN §1): over the credentials given
// (mutual TLS from PeerCredentialsFromFlags, security_flags.h), with a capped reconnection backoff
// so that a peer that comes back is reached again within about that long rather than gRPC's default
// of up to 120 s.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/security/credentials.h>

#include <memory>
#include <string>

#include "absl/time/time.h"

namespace redress {

// A channel to `address` ("host:port" or any gRPC target) whose reconnection backoff is capped at
// `max_reconnect_backoff`, spreading calls round-robin over every address the target resolves to
// (the replicas of the peer: "dns:///investigation-headless:50052", or a list
// "ipv4:127.0.0.1:50052,127.0.0.1:50062"). Connects lazily: creating it never blocks or fails.
std::shared_ptr<grpc::Channel> NewPeerChannel(
    const std::string& address, absl::Duration max_reconnect_backoff,
    const std::shared_ptr<grpc::ChannelCredentials>& credentials);

}  // namespace redress
