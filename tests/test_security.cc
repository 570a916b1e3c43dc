#include "tests/test_security.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/tls.h"

namespace redress::testing {

const std::string& TestCredentialsDir() {
  static const std::string* const dir = new std::string(REDRESS_TEST_CREDENTIALS_DIR);
  return *dir;
}

std::vector<std::string> ServiceSecurityFlags(const std::string& service) {
  const std::string tls = TestCredentialsDir() + "/tls/";
  return {
      "--tls_cert_file=" + tls + service + ".pem",
      "--tls_key_file=" + tls + service + ".key",
      "--tls_ca_file=" + tls + "ca.pem",
      "--jwt_public_key_file=" + TestCredentialsDir() + "/jwt/public.pem",
      "--jwt_algorithm=RS256",
      "--jwt_issuer=redress-dev",
      "--jwt_audience=redress",
  };
}

std::string TestTokenFile(const std::string& role) {
  return absl::StrCat(TestCredentialsDir(), "/tokens/", role, ".jwt");
}

std::string TestToken(const std::string& role) {
  std::ifstream in(TestTokenFile(role));
  std::stringstream contents;
  contents << in.rdbuf();
  const std::string token(absl::StripAsciiWhitespace(contents.str()));
  if (token.empty()) {
    // Nothing can be tested without it; say so rather than fail every call UNAUTHENTICATED.
    std::fprintf(stderr, "no test token at %s: build target redress_test_credentials\n",
                 TestTokenFile(role).c_str());
    std::abort();
  }
  return token;
}

std::shared_ptr<grpc::ChannelCredentials> TestChannelCredentials(const std::string& role) {
  TlsChannelOptions options;
  if (!role.empty()) options.bearer_token = TestToken(role);
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ChannelCredentials(TestCredentialsDir() + "/tls/ca.pem", options);
  if (!credentials.ok()) {
    std::fprintf(stderr, "test TLS credentials: %s\n",
                 std::string(credentials.status().message()).c_str());
    std::abort();
  }
  return *std::move(credentials);
}

std::vector<std::pair<std::string, std::string>> TestClientEnvironment(const std::string& role) {
  return {{"REDRESS_CA_FILE", TestCredentialsDir() + "/tls/ca.pem"},
          {"REDRESS_TOKEN_FILE", TestTokenFile(role)}};
}

std::string TestClientEnvironmentExports(const std::string& role) {
  std::string exports = "export";
  for (const auto& [name, value] : TestClientEnvironment(role)) {
    absl::StrAppend(&exports, " ", name, "='", value, "'");
  }
  return exports;
}

}  // namespace redress::testing
