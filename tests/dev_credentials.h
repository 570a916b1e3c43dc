// The development credentials of issue 13 for end-to-end tests: a CA with a certificate per
// service (scripts/dev-credentials) and an RSA signing key with a token per role
// (scripts/dev-tokens), made once at build time into <build>/test-credentials (test_security.h);
// the server flags and client credentials that use them; and a service binary
// started with them.
#pragma once

#include <grpcpp/security/credentials.h>
#include <signal.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/tls.h"
#include "tests/process.h"

namespace redress::testing {

// The claims scripts/dev-tokens issues and the flags below make a server expect.
inline constexpr char kDevIssuer[] = "redress-dev";
inline constexpr char kDevAudience[] = "redress";

class DevCredentials {
 public:
  // The build's credentials, read by the first call (later calls return the same ones, or the
  // same error). Thread-safe.
  static absl::StatusOr<const DevCredentials*> Shared();

  const std::string& dir() const { return dir_; }
  std::string ca_file() const { return dir_ + "/tls/ca.pem"; }
  std::string ca_key_file() const { return dir_ + "/tls/ca.key"; }
  // The certificate, key and CA of "intake", "investigation" or "remedy".
  TlsFiles ServiceFiles(const std::string& service) const;
  std::string jwt_private_key_file() const { return dir_ + "/jwt/private.pem"; }
  std::string jwt_public_key_file() const { return dir_ + "/jwt/public.pem"; }
  // The token of `role` ("caseworker", "organisation_liaison", ...): sub "dev-<role>", valid for
  // 30 days. Empty for a role dev-tokens does not issue.
  std::string Token(const std::string& role) const;

  // The flags that make `service`'s binary serve TLS with its certificate and verify tokens
  // signed by the development key.
  std::vector<std::string> ServerFlags(const std::string& service) const;
  // A user's channel credentials: TLS trusting the development CA, no client certificate, and
  // `token` as the bearer token unless empty.
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> UserCredentials(
      const std::string& token) const;
  // Mutual TLS with `service`'s certificate, plus `token` as a bearer token unless empty.
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> PeerCredentials(
      const std::string& service, const std::string& token = "") const;

 private:
  explicit DevCredentials(std::string dir) : dir_(std::move(dir)) {}
  static absl::StatusOr<DevCredentials> Make();

  std::string dir_;
  std::map<std::string, std::string> tokens_;
};

// One service binary serving TLS with the development credentials, and plaintext health on a
// port of its own (how a probe, and Start, learn it is up). Its peers' addresses are free
// loopback ports nobody serves unless `extra_flags` says otherwise.
class SecureService {
 public:
  // `service` is "intake", "investigation" or "remedy"; `health_name` the full name of its gRPC
  // service ("redress.intake.v1.Intake"). Waits up to 30 s for SERVING.
  static absl::Status Start(const DevCredentials& credentials, const std::string& binary,
                            const std::string& service, const std::string& health_name,
                            const std::vector<std::string>& extra_flags, SecureService& out);

  const std::string& address() const { return address_; }
  const std::string& health_address() const { return health_address_; }
  // Its output so far, for failure messages.
  std::string log() const { return ReadFileOrEmpty(log_path_); }
  // SIGTERM, then waits for it to exit.
  void Stop() { process_.Stop(SIGTERM); }

 private:
  std::string address_;
  std::string health_address_;
  std::string log_path_;
  ChildProcess process_;
};

}  // namespace redress::testing
