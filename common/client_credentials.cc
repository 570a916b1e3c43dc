#include "common/client_credentials.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/tls.h"

namespace redress {
namespace {

constexpr char kCaFile[] = "REDRESS_CA_FILE";
constexpr char kToken[] = "REDRESS_TOKEN";
constexpr char kTokenFile[] = "REDRESS_TOKEN_FILE";

std::optional<std::string> NonEmpty(std::optional<std::string> value) {
  if (value.has_value() && value->empty()) return std::nullopt;
  return value;
}

absl::StatusOr<std::string> ReadFile(absl::string_view variable, const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(variable, " \"", path, "\": cannot read: ", std::strerror(errno)));
  }
  std::stringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    return absl::InvalidArgumentError(absl::StrCat(variable, " \"", path, "\": cannot read"));
  }
  return contents.str();
}

// A header value may hold neither line breaks nor other control characters; a JWT holds no
// spaces either, so a space means a mistake such as "Bearer " pasted into the variable.
absl::Status CheckToken(absl::string_view variable, absl::string_view token) {
  for (const char c : token) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) ||
        absl::ascii_iscntrl(static_cast<unsigned char>(c))) {
      return absl::InvalidArgumentError(
          absl::StrCat(variable, ": the token contains whitespace or control characters"));
    }
  }
  return absl::OkStatus();
}

// The token of REDRESS_TOKEN or REDRESS_TOKEN_FILE, nullopt when neither is set.
absl::StatusOr<std::optional<std::string>> BearerToken(const ClientEnvironment& environment) {
  const std::optional<std::string> token = NonEmpty(environment.token);
  const std::optional<std::string> token_file = NonEmpty(environment.token_file);
  if (token.has_value() && token_file.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat(kToken, " and ", kTokenFile, " are both set: set one of them"));
  }
  if (token.has_value()) {
    if (absl::Status checked = CheckToken(kToken, *token); !checked.ok()) return checked;
    return token;
  }
  if (!token_file.has_value()) return std::nullopt;
  absl::StatusOr<std::string> contents = ReadFile(kTokenFile, *token_file);
  if (!contents.ok()) return contents.status();
  std::string trimmed(absl::StripAsciiWhitespace(*contents));
  if (trimmed.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(kTokenFile, " \"", *token_file, "\": holds no token"));
  }
  if (absl::Status checked = CheckToken(kTokenFile, trimmed); !checked.ok()) return checked;
  return std::optional<std::string>(std::move(trimmed));
}

}  // namespace

ClientEnvironment ClientEnvironmentFrom(
    const std::function<std::optional<std::string>(const std::string& name)>& lookup) {
  return {lookup(kCaFile), lookup(kToken), lookup(kTokenFile)};
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ClientCredentials(
    const ClientEnvironment& environment) {
  absl::StatusOr<std::optional<std::string>> token = BearerToken(environment);
  if (!token.ok()) return token.status();
  const std::optional<std::string> ca_file = NonEmpty(environment.ca_file);
  if (!ca_file.has_value()) {
    if (token->has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "a bearer token (", NonEmpty(environment.token).has_value() ? kToken : kTokenFile,
          ") is set but ", kCaFile, " is not: tokens are only sent over TLS; set ", kCaFile,
          " to the CA bundle that signed the server's certificate"));
    }
    return grpc::InsecureChannelCredentials();
  }
  absl::StatusOr<std::string> ca = ReadFile(kCaFile, *ca_file);
  if (!ca.ok()) return ca.status();
  if (!absl::StrContains(*ca, "-----BEGIN ")) {
    return absl::InvalidArgumentError(
        absl::StrCat(kCaFile, " \"", *ca_file, "\": holds no PEM block"));
  }
  TlsChannelOptions options;
  options.bearer_token = *std::move(token);
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ChannelCredentials(*ca_file, options);
  if (!credentials.ok()) {
    return absl::Status(credentials.status().code(),
                        absl::StrCat(kCaFile, ": ", credentials.status().message()));
  }
  return credentials;
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ClientCredentialsFromEnvironment() {
  return ClientCredentials(
      ClientEnvironmentFrom([](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
      }));
}

}  // namespace redress
