#include "common/tls.h"

#include <grpc/grpc_security_constants.h>
#include <grpcpp/security/auth_context.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"

namespace redress {
namespace {

using grpc::experimental::FileWatcherCertificateProvider;

constexpr absl::string_view kSpiffePrefix = "spiffe://redress/";

// gRPC reads the files on its own thread and only logs what it cannot use, leaving every
// handshake to fail; checking here turns a wrong path into an error at start-up.
absl::Status CheckPemFile(absl::string_view flag, const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError(absl::StrCat(flag, " is not set"));
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " \"", path, "\": cannot read: ", std::strerror(errno)));
  }
  std::stringstream contents;
  contents << in.rdbuf();
  if (!absl::StrContains(contents.str(), "-----BEGIN ")) {
    return absl::InvalidArgumentError(absl::StrCat(flag, " \"", path, "\": holds no PEM block"));
  }
  return absl::OkStatus();
}

absl::Status CheckIdentityFiles(const TlsFiles& files) {
  RETURN_IF_ERROR(CheckPemFile("tls_cert_file", files.cert_file));
  return CheckPemFile("tls_key_file", files.key_file);
}

unsigned int RefreshSeconds(absl::Duration interval) {
  return static_cast<unsigned int>(std::max<int64_t>(1, absl::ToInt64Seconds(interval)));
}

// Server certificates must chain to the CA (verify_server_certs, the default) and name the host
// dialled; this makes the host name check explicit rather than relying on gRPC's fallback.
std::shared_ptr<grpc::ChannelCredentials> TlsChannel(
    std::shared_ptr<FileWatcherCertificateProvider> provider, bool present_identity,
    const TlsChannelOptions& options) {
  grpc::experimental::TlsChannelCredentialsOptions tls;
  tls.set_certificate_provider(std::move(provider));
  tls.watch_root_certs();
  if (present_identity) tls.watch_identity_key_cert_pairs();
  tls.set_verify_server_certs(true);
  tls.set_certificate_verifier(std::make_shared<grpc::experimental::HostNameCertificateVerifier>());
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::experimental::TlsCredentials(tls);
  if (credentials == nullptr || !options.bearer_token.has_value()) return credentials;
  return grpc::CompositeChannelCredentials(credentials,
                                           grpc::AccessTokenCredentials(*options.bearer_token));
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> NonNull(
    std::shared_ptr<grpc::ChannelCredentials> credentials) {
  if (credentials == nullptr) return absl::InternalError("gRPC rejected the TLS channel options");
  return credentials;
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(
    const TlsFiles& files, absl::Duration refresh_interval) {
  RETURN_IF_ERROR(CheckIdentityFiles(files));
  RETURN_IF_ERROR(CheckPemFile("tls_ca_file", files.ca_file));
  auto provider = std::make_shared<FileWatcherCertificateProvider>(
      files.key_file, files.cert_file, files.ca_file, RefreshSeconds(refresh_interval));
  grpc::experimental::TlsServerCredentialsOptions tls(provider);
  tls.watch_root_certs();
  tls.watch_identity_key_cert_pairs();
  // Users connect without a certificate; services present one, which must chain to the CA.
  tls.set_cert_request_type(GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
  std::shared_ptr<grpc::ServerCredentials> credentials =
      grpc::experimental::TlsServerCredentials(tls);
  if (credentials == nullptr) return absl::InternalError("gRPC rejected the TLS server options");
  return credentials;
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials(
    const TlsFiles& files, const TlsChannelOptions& options) {
  RETURN_IF_ERROR(CheckIdentityFiles(files));
  RETURN_IF_ERROR(CheckPemFile("tls_ca_file", files.ca_file));
  return NonNull(TlsChannel(
      std::make_shared<FileWatcherCertificateProvider>(
          files.key_file, files.cert_file, files.ca_file, RefreshSeconds(options.refresh_interval)),
      /*present_identity=*/true, options));
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials(
    const std::string& ca_file, const TlsChannelOptions& options) {
  RETURN_IF_ERROR(CheckPemFile("tls_ca_file", ca_file));
  return NonNull(TlsChannel(std::make_shared<FileWatcherCertificateProvider>(
                                ca_file, RefreshSeconds(options.refresh_interval)),
                            /*present_identity=*/false, options));
}

std::optional<std::string> PeerService(const grpc::ServerContextBase& context) {
  const std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth == nullptr || !auth->IsPeerAuthenticated()) return std::nullopt;
  for (const grpc::string_ref& san : auth->FindPropertyValues(GRPC_X509_SAN_PROPERTY_NAME)) {
    const absl::string_view value(san.data(), san.size());
    if (!absl::StartsWith(value, kSpiffePrefix)) continue;
    const absl::string_view name = value.substr(kSpiffePrefix.size());
    if (name.empty() || absl::StrContains(name, '/')) continue;
    return std::string(name);
  }
  return std::nullopt;
}

}  // namespace redress
