// The command-line flags of a service's transport security and callers' authentication
// (docs/security.md): TLS files, the explicit insecure development mode, the plaintext health
// port, and (common/auth/auth_flags.h) the keys that verify bearer tokens. Link
// redress_common_grpc and call these so the flags are defined in the binary.
#pragma once

#include <grpcpp/security/credentials.h>

#include <memory>

#include "absl/flags/declare.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/server.h"

// PEM files: this service's certificate chain and key, and the CA its peers' certificates (and
// the certificates of the peers it calls) must chain to.
ABSL_DECLARE_FLAG(std::string, tls_cert_file);
ABSL_DECLARE_FLAG(std::string, tls_key_file);
ABSL_DECLARE_FLAG(std::string, tls_ca_file);
// How often the TLS files are re-read (rotation without a restart).
ABSL_DECLARE_FLAG(absl::Duration, tls_refresh_interval);
// Plaintext, every caller allowed everything; loopback addresses only. For development.
ABSL_DECLARE_FLAG(bool, insecure);
// host:port of the plaintext health-only port; empty for none.
ABSL_DECLARE_FLAG(std::string, health_listen);

namespace redress {

// Fills in `config`'s transport security from the flags: with --tls_cert_file, --tls_key_file
// and --tls_ca_file (all three) TLS, whose callers' tokens are verified with the keys of
// --jwt_public_key_file or --jwks_file (required: a TLS server without them could serve no
// user), against the real clock (never --simulated_time: tokens expire in real time); with
// --insecure the development mode. INVALID_ARGUMENT, saying what to give, when neither or both are
// chosen, a TLS file flag is missing, or the token flags are incomplete or unreadable; also sets
// health_listen_address from --health_listen.
absl::Status ApplySecurityFlags(ServerConfig& config);

// The credentials for calling peer services (DESIGN §1), from the same flags: mutual TLS
// presenting --tls_cert_file, or plaintext with --insecure. INVALID_ARGUMENT as above.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> PeerCredentialsFromFlags();

// What a service's main needs: ApplySecurityFlags(config), then the peers' credentials from
// the same flags. The first error of either.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ApplySecurityFlagsWithPeers(
    ServerConfig& config);

}  // namespace redress
