// Runs the built redress_token and scripts/dev-tokens, and checks that what they issue verifies
// with redress_auth's TokenVerifier from the PEM and the JWKS they write.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <openssl/pem.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "common/auth/jwks.h"
#include "common/auth/test_keys.h"
#include "common/auth/token_verifier.h"
#include "common/clock.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"

namespace redress::auth {
namespace {

using ::redress::testing::IsOk;
using ::redress::testing::ScratchDir;
using ::testing::ElementsAre;

// The exit status and standard output of the shell command `command`.
std::pair<int, std::string> RunCommand(const std::string& command) {
  std::string output;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, ""};
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0;) output.append(buffer, n);
  return {pclose(pipe), output};
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The token in the file at `path`, without its final newline.
std::string ReadToken(const std::string& path) {
  std::string token = ReadFile(path);
  while (!token.empty() && token.back() == '\n') token.pop_back();
  return token;
}

void WritePrivateKey(const EVP_PKEY& key, const std::string& path) {
  FILE* file = fopen(path.c_str(), "w");
  ASSERT_NE(file, nullptr);
  PEM_write_PrivateKey(file, &key, nullptr, nullptr, 0, nullptr, nullptr);
  fclose(file);
}

TokenVerifier VerifierOf(std::vector<VerificationKey> keys, std::string issuer,
                         const Clock& clock) {
  TokenVerifierOptions options;
  options.keys = std::move(keys);
  options.issuer = std::move(issuer);
  options.audience = "redress";
  return *TokenVerifier::Create(std::move(options), clock);
}

TEST(RedressTokenTest, AnEs256TokenVerifiesWithTheJwksTheToolPrints) {
  ScratchDir dir;
  WritePrivateKey(*testing::GenerateKey(JwtAlgorithm::kES256), dir.File("ec.pem"));
  std::string tool = std::string(REDRESS_TOKEN_BINARY) + " --key=" + dir.File("ec.pem") +
                     " --alg=ES256 --kid=ec-1";
  auto [jwks_status, jwks] = RunCommand(tool + " --jwks");
  ASSERT_EQ(jwks_status, 0);
  auto [token_status, token] = RunCommand(
      tool + " --iss=test --aud=redress --sub=alice --roles=caseworker,auditor --ttl=5m");
  ASSERT_EQ(token_status, 0);
  absl::StatusOr<std::vector<VerificationKey>> keys = ParseJwks(jwks);
  ASSERT_THAT(keys, IsOk());
  SystemClock clock;
  absl::StatusOr<Caller> caller =
      VerifierOf(*keys, "test", clock).Verify("Bearer " + token.substr(0, token.size() - 1));
  ASSERT_THAT(caller, IsOk());
  EXPECT_EQ(caller->subject, "alice");
  EXPECT_THAT(caller->roles, ElementsAre(Role::kCaseworker, Role::kAuditor));
}

TEST(RedressTokenTest, RefusesAKeyThatDoesNotFitTheAlgorithm) {
  ScratchDir dir;
  WritePrivateKey(*testing::GenerateKey(JwtAlgorithm::kES256), dir.File("ec.pem"));
  auto [status, output] =
      RunCommand(std::string(REDRESS_TOKEN_BINARY) + " --key=" + dir.File("ec.pem") +
                 " --alg=RS256 --jwks 2>/dev/null");
  EXPECT_NE(status, 0);
  EXPECT_EQ(output, "");
}

TEST(DevTokensTest, EveryRoleTokenVerifiesWithThePublicPemAndTheJwks) {
  ScratchDir dir;
  auto [status, output] = RunCommand("BUILD_DIR=" + std::string(REDRESS_BUILD_DIR) + " " +
                                     REDRESS_SOURCE_DIR + "/scripts/dev-tokens " + dir.File("dev"));
  ASSERT_EQ(status, 0) << output;
  absl::StatusOr<VerificationKey> pem =
      LoadPemPublicKeyFile(dir.File("dev/jwt/public.pem"), "", JwtAlgorithm::kRS256);
  ASSERT_THAT(pem, IsOk());
  absl::StatusOr<std::vector<VerificationKey>> jwks = LoadJwksFile(dir.File("dev/jwt/jwks.json"));
  ASSERT_THAT(jwks, IsOk());
  SystemClock clock;
  TokenVerifier from_pem = VerifierOf({*pem}, "redress-dev", clock);
  TokenVerifier from_jwks = VerifierOf(*jwks, "redress-dev", clock);
  for (Role role : kAllRoles) {
    std::string name(RoleName(role));
    std::string token = ReadToken(dir.File("dev/tokens/" + name + ".jwt"));
    for (const TokenVerifier* verifier : {&from_pem, &from_jwks}) {
      absl::StatusOr<Caller> caller = verifier->Verify("Bearer " + token);
      ASSERT_THAT(caller, IsOk()) << name;
      EXPECT_EQ(caller->subject, "dev-" + name);
      EXPECT_THAT(caller->roles, ElementsAre(role));
      EXPECT_EQ(caller->organisation, role == Role::kOrganisationLiaison ? "dev-organisation" : "");
    }
  }
  // A second run keeps the key: the first run's JWKS still verifies the new tokens.
  ASSERT_EQ(RunCommand("BUILD_DIR=" + std::string(REDRESS_BUILD_DIR) + " " + REDRESS_SOURCE_DIR +
                       "/scripts/dev-tokens " + dir.File("dev") + " >/dev/null")
                .first,
            0);
  EXPECT_THAT(from_jwks.Verify("Bearer " + ReadToken(dir.File("dev/tokens/auditor.jwt"))), IsOk());
}

}  // namespace
}  // namespace redress::auth
