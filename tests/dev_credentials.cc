#include "tests/dev_credentials.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "tests/test_security.h"

namespace redress::testing {
namespace {

constexpr absl::Duration kStartPatience = absl::Seconds(30);

// The roles scripts/dev-tokens issues a token for.
constexpr const char* kDevTokenRoles[] = {"complainant",          "caseworker", "assessor",
                                          "organisation_liaison", "publisher",  "auditor",
                                          "administrator"};

}  // namespace

absl::StatusOr<const DevCredentials*> DevCredentials::Shared() {
  // Made once; a failure is remembered too, so that every test reports it without retrying.
  static const absl::StatusOr<DevCredentials>* const made =
      new absl::StatusOr<DevCredentials>(Make());
  if (!made->ok()) return made->status();
  return &made->value();
}

absl::StatusOr<DevCredentials> DevCredentials::Make() {
  // Made at build time by tests/make-test-credentials (target redress_test_credentials).
  const std::string& dir = TestCredentialsDir();
  DevCredentials credentials(dir);
  for (const char* role : kDevTokenRoles) {
    std::string token(
        absl::StripAsciiWhitespace(ReadFileOrEmpty(dir + "/tokens/" + role + ".jwt")));
    if (token.empty()) return absl::InternalError(absl::StrCat("no token for ", role, " in ", dir));
    credentials.tokens_[role] = std::move(token);
  }
  return credentials;
}

TlsFiles DevCredentials::ServiceFiles(const std::string& service) const {
  return TlsFiles{dir_ + "/tls/" + service + ".pem", dir_ + "/tls/" + service + ".key", ca_file()};
}

std::string DevCredentials::Token(const std::string& role) const {
  auto token = tokens_.find(role);
  return token == tokens_.end() ? "" : token->second;
}

std::vector<std::string> DevCredentials::ServerFlags(const std::string& service) const {
  return ServiceSecurityFlags(service);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> DevCredentials::UserCredentials(
    const std::string& token) const {
  TlsChannelOptions options;
  if (!token.empty()) options.bearer_token = token;
  return ChannelCredentials(ca_file(), options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> DevCredentials::PeerCredentials(
    const std::string& service, const std::string& token) const {
  TlsChannelOptions options;
  if (!token.empty()) options.bearer_token = token;
  return ChannelCredentials(ServiceFiles(service), options);
}

absl::Status SecureService::Start(const DevCredentials& credentials, const std::string& binary,
                                  const std::string& service, const std::string& health_name,
                                  const std::vector<std::string>& extra_flags, SecureService& out) {
  out.address_ = absl::StrCat("127.0.0.1:", PickFreePort());
  out.health_address_ = absl::StrCat("127.0.0.1:", PickFreePort());
  std::vector<std::string> flags = {
      "--listen=" + out.address_,
      "--health_listen=" + out.health_address_,
      "--data_dir=" + MakeTempDir("redress-secure-" + service + "-"),
      "--drain_timeout=1s",
      // Free ports nobody serves: a hand-off this service tries goes nowhere, and the tests
      // reach no other process by accident.
      absl::StrCat("--intake_address=127.0.0.1:", PickFreePort()),
      absl::StrCat("--investigation_address=127.0.0.1:", PickFreePort()),
      absl::StrCat("--remedy_address=127.0.0.1:", PickFreePort()),
  };
  for (std::string& flag : credentials.ServerFlags(service)) flags.push_back(std::move(flag));
  // Later flags win, so `extra_flags` may replace any of the above.
  flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
  out.log_path_ = absl::StrCat(MakeTempDir("redress-secure-log-"), "/", service, ".log");
  if (absl::Status started = ChildProcess::Start(binary, flags, out.log_path_, out.process_);
      !started.ok()) {
    return started;
  }
  absl::Status serving =
      WaitForServing(out.health_address_, health_name, kStartPatience, Transport::kPlaintext);
  if (!serving.ok()) {
    return absl::Status(serving.code(), absl::StrCat(serving.message(), "\n", out.log()));
  }
  return absl::OkStatus();
}

}  // namespace redress::testing
