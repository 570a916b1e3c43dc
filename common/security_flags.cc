#include "common/security_flags.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/auth/auth_flags.h"
#include "common/clock.h"
#include "common/log.h"
#include "common/tls.h"

ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM certificate chain this service presents (to its clients, and to the peers it "
          "calls); its URI SAN spiffe://redress/<service> names the service to its peers");
ABSL_FLAG(std::string, tls_key_file, "", "PEM private key of --tls_cert_file");
ABSL_FLAG(std::string, tls_ca_file, "",
          "PEM CA bundle that peer services' certificates must chain to");
ABSL_FLAG(absl::Duration, tls_refresh_interval, redress::kDefaultTlsRefreshInterval,
          "how often the TLS files are re-read, so rotated certificates apply without a restart");
ABSL_FLAG(bool, insecure, false,
          "development only: serve plaintext on a loopback address, and let every caller do "
          "everything (no certificates, no tokens)");
ABSL_FLAG(std::string, health_listen, "",
          "host:port of a plaintext port serving only grpc.health.v1, for Kubernetes' gRPC "
          "probes; empty for none");

namespace redress {
namespace {

constexpr char kChooseMode[] =
    "give --tls_cert_file, --tls_key_file and --tls_ca_file (scripts/dev-credentials makes "
    "development ones), or --insecure for plaintext on loopback during development";

// The TLS files of the flags; nullopt with --insecure. INVALID_ARGUMENT unless exactly one mode
// is chosen completely.
absl::StatusOr<std::optional<TlsFiles>> TlsFilesFromFlags() {
  TlsFiles files{absl::GetFlag(FLAGS_tls_cert_file), absl::GetFlag(FLAGS_tls_key_file),
                 absl::GetFlag(FLAGS_tls_ca_file)};
  const bool any_tls =
      !files.cert_file.empty() || !files.key_file.empty() || !files.ca_file.empty();
  if (absl::GetFlag(FLAGS_insecure)) {
    if (any_tls) {
      return absl::InvalidArgumentError("--insecure contradicts the --tls_* flags: choose one");
    }
    return std::nullopt;
  }
  if (!any_tls) {
    // Secure by default: no configuration is never taken to mean plaintext.
    return absl::InvalidArgumentError(
        absl::StrCat("no transport security is configured: ", kChooseMode));
  }
  for (const auto& [value, flag] :
       {std::pair{&files.cert_file, "--tls_cert_file"},
        std::pair{&files.key_file, "--tls_key_file"}, std::pair{&files.ca_file, "--tls_ca_file"}}) {
    if (value->empty()) {
      return absl::InvalidArgumentError(absl::StrCat(flag, " is missing: TLS needs all three of ",
                                                     "--tls_cert_file, --tls_key_file and "
                                                     "--tls_ca_file"));
    }
  }
  return files;
}

}  // namespace

absl::Status ApplySecurityFlags(ServerConfig& config) {
  static const SystemClock* const real_clock = new SystemClock();
  config.health_listen_address = absl::GetFlag(FLAGS_health_listen);
  absl::StatusOr<std::optional<TlsFiles>> files = TlsFilesFromFlags();
  if (!files.ok()) return files.status();
  absl::StatusOr<std::optional<auth::TokenVerifierOptions>> token_options =
      auth::TokenVerifierOptionsFrom(auth::TokenVerifierFlagsFromCommandLine());
  if (!token_options.ok()) return token_options.status();
  if (!files->has_value()) {
    if (token_options->has_value()) {
      return absl::InvalidArgumentError(
          "token keys (--jwt_public_key_file, --jwks_file) need TLS: tokens are never accepted "
          "in plaintext; drop them with --insecure, or configure TLS");
    }
    Log(LogLevel::kWarning,
        "INSECURE development mode: plaintext, and every caller may do everything",
        {{"server", config.log_name}});
    config.tls.reset();
    config.tokens = nullptr;
    return absl::OkStatus();
  }
  if (!token_options->has_value()) {
    return absl::InvalidArgumentError(
        "TLS is configured but no key verifies users' tokens: give --jwt_public_key_file (with "
        "--jwt_algorithm) or --jwks_file, and --jwt_issuer and --jwt_audience "
        "(scripts/dev-tokens makes development ones)");
  }
  absl::StatusOr<auth::TokenVerifier> verifier =
      auth::TokenVerifier::Create(**std::move(token_options), *real_clock);
  if (!verifier.ok()) return verifier.status();
  config.tls = **std::move(files);
  config.tls_refresh_interval = absl::GetFlag(FLAGS_tls_refresh_interval);
  config.tokens = std::make_shared<const auth::TokenVerifier>(*std::move(verifier));
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> PeerCredentialsFromFlags() {
  absl::StatusOr<std::optional<TlsFiles>> files = TlsFilesFromFlags();
  if (!files.ok()) return files.status();
  if (!files->has_value()) return grpc::InsecureChannelCredentials();
  TlsChannelOptions options;
  options.refresh_interval = absl::GetFlag(FLAGS_tls_refresh_interval);
  return ChannelCredentials(**files, options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ApplySecurityFlagsWithPeers(
    ServerConfig& config) {
  if (absl::Status secured = ApplySecurityFlags(config); !secured.ok()) return secured;
  return PeerCredentialsFromFlags();
}

}  // namespace redress
