// How a user client (the redress CLI, redress_probe; the Python and Node clients follow the same
// convention) secures its channels, from its environment (issue 13):
//   REDRESS_CA_FILE     PEM CA bundle. Set: TLS, the server verified against it (and against the
//                       host dialled). Unset: plaintext, which only an insecure development server
//                       accepts.
//   REDRESS_TOKEN       a bearer token (the JWT itself), or
//   REDRESS_TOKEN_FILE  a file holding it (surrounding whitespace trimmed); sent as
//                       "authorization: Bearer <token>" on every call. Needs REDRESS_CA_FILE.
// An empty value counts as unset.
#pragma once

#include <grpcpp/security/credentials.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace redress {

// The variables' values, as read from an environment (nullopt when unset).
struct ClientEnvironment {
  std::optional<std::string> ca_file;     // REDRESS_CA_FILE
  std::optional<std::string> token;       // REDRESS_TOKEN
  std::optional<std::string> token_file;  // REDRESS_TOKEN_FILE
};

// Reads the three variables through `lookup` (name -> value, nullopt when unset).
ClientEnvironment ClientEnvironmentFrom(
    const std::function<std::optional<std::string>(const std::string& name)>& lookup);

// Channel credentials for `environment` (see the banner). Reads the CA and token files now, so
// that a bad configuration is reported before any call. INVALID_ARGUMENT, naming the variable,
// when: REDRESS_CA_FILE is unreadable or holds no PEM block; both REDRESS_TOKEN and
// REDRESS_TOKEN_FILE are set; REDRESS_TOKEN_FILE is unreadable or holds no token; the token
// contains whitespace or control characters; a token is set without REDRESS_CA_FILE (tokens are
// never sent in plaintext).
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ClientCredentials(
    const ClientEnvironment& environment);

// ClientCredentials of this process's environment (getenv).
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ClientCredentialsFromEnvironment();

}  // namespace redress
