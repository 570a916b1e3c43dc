// Transport security for Redress (issue 13): TLS for every connection, mutual TLS between
// services. A service's certificate names it with the URI SAN spiffe://redress/<service>
// (scripts/dev-credentials makes development ones); users connect with server-authenticated TLS
// and authenticate with bearer tokens. Certificate and CA files are re-read periodically, so
// rotated certificates take effect for new connections without a restart.
#pragma once

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_context.h>

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace redress {

// PEM files: this process's certificate chain and private key, and the CA bundle that peers'
// certificates must chain to. Replace a certificate and its key together (write both to temporary
// names, then rename): a reload that finds a key not matching its certificate keeps the old pair.
struct TlsFiles {
  std::string cert_file;
  std::string key_file;
  std::string ca_file;
};

// How often the files are checked for changes.
inline constexpr absl::Duration kDefaultTlsRefreshInterval = absl::Seconds(60);

// Server side. Every connection is TLS with the server presenting `files.cert_file`. A client
// certificate is requested but optional: clients without one (users, who send bearer tokens) are
// let in, while a presented certificate must chain to `files.ca_file` or the handshake fails; see
// PeerService. `refresh_interval` is rounded to whole seconds (at least 1).
// INVALID_ARGUMENT, naming the file and its flag (tls_cert_file, tls_key_file, tls_ca_file), when
// a file is missing, unreadable or holds no PEM block: gRPC itself would only log and then fail
// every handshake.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(
    const TlsFiles& files, absl::Duration refresh_interval = kDefaultTlsRefreshInterval);

struct TlsChannelOptions {
  // Sent as "authorization: Bearer <token>" on every call when set.
  std::optional<std::string> bearer_token;
  absl::Duration refresh_interval = kDefaultTlsRefreshInterval;
};

// A service calling a peer (mutual TLS): presents `files.cert_file` and requires the server's
// certificate to chain to `files.ca_file` and to match the host dialled (a DNS or IP SAN).
// INVALID_ARGUMENT as for ServerCredentials.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials(
    const TlsFiles& files, const TlsChannelOptions& options = {});

// A user client (server authentication only): verifies the server against `ca_file` and presents
// no certificate. INVALID_ARGUMENT naming tls_ca_file when the file is unusable.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials(
    const std::string& ca_file, const TlsChannelOptions& options = {});

// The Redress service ("intake", "investigation", "remedy") that made this call, read from the
// URI SAN spiffe://redress/<service> of its client certificate. nullopt when the caller presented
// no certificate (a user), or its certificate names no Redress service. Only verified
// certificates reach here: ServerCredentials fails handshakes with certificates not from the CA.
std::optional<std::string> PeerService(const grpc::ServerContextBase& context);

}  // namespace redress
