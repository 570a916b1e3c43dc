#include "common/auth/auth_flags.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "common/auth/jwks.h"
#include "common/auth/test_keys.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"

namespace redress::auth {
namespace {

using ::redress::auth::testing::GenerateKey;
using ::redress::testing::IsOk;
using ::redress::testing::ScratchDir;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;

class AuthFlagsTest : public ::testing::Test {
 protected:
  AuthFlagsTest() {
    std::ofstream(dir_.File("rsa.pem")) << *PublicKeyPem(*rsa_);
    std::ofstream(dir_.File("ec.pem")) << *PublicKeyPem(*ec_);
    std::ofstream(dir_.File("jwks.json")) << *ToJwks(*ec_, "ec-1", JwtAlgorithm::kES256);
    flags_.issuer = "https://idp.example";
    flags_.audience = "redress";
  }

  ScratchDir dir_;
  EvpPkeyPtr rsa_ = GenerateKey(JwtAlgorithm::kRS256);
  EvpPkeyPtr ec_ = GenerateKey(JwtAlgorithm::kES256);
  TokenVerifierFlags flags_;
};

TEST_F(AuthFlagsTest, NoKeySourceMeansTokensAreNotConfigured) {
  absl::StatusOr<std::optional<TokenVerifierOptions>> options = TokenVerifierOptionsFrom(flags_);
  ASSERT_THAT(options, IsOk());
  EXPECT_EQ(*options, std::nullopt);
}

TEST_F(AuthFlagsTest, PemFilesLoadWithTheirAlgorithmsAndKids) {
  flags_.public_key_files = {dir_.File("rsa.pem"), dir_.File("ec.pem")};
  flags_.algorithms = {"RS256", "ES256"};
  flags_.key_ids = {"r", "e"};
  flags_.clock_skew = absl::Seconds(5);
  absl::StatusOr<std::optional<TokenVerifierOptions>> options = TokenVerifierOptionsFrom(flags_);
  ASSERT_THAT(options, IsOk());
  ASSERT_TRUE(options->has_value());
  const TokenVerifierOptions& o = **options;
  ASSERT_EQ(o.keys.size(), 2u);
  EXPECT_EQ(o.keys[0].kid, "r");
  EXPECT_EQ(o.keys[0].alg, JwtAlgorithm::kRS256);
  EXPECT_EQ(o.keys[1].kid, "e");
  EXPECT_EQ(o.keys[1].alg, JwtAlgorithm::kES256);
  EXPECT_EQ(o.issuer, "https://idp.example");
  EXPECT_EQ(o.audience, "redress");
  EXPECT_EQ(o.clock_skew, absl::Seconds(5));
}

TEST_F(AuthFlagsTest, AJwksFileLoads) {
  flags_.jwks_file = dir_.File("jwks.json");
  absl::StatusOr<std::optional<TokenVerifierOptions>> options = TokenVerifierOptionsFrom(flags_);
  ASSERT_THAT(options, IsOk());
  ASSERT_TRUE(options->has_value());
  ASSERT_EQ((*options)->keys.size(), 1u);
  EXPECT_EQ((*options)->keys[0].kid, "ec-1");
}

TEST_F(AuthFlagsTest, InconsistentFlagsAreRefused) {
  auto refused = [&](TokenVerifierFlags flags, absl::StatusCode code, const char* message) {
    EXPECT_THAT(TokenVerifierOptionsFrom(flags), StatusIs(code, HasSubstr(message))) << message;
  };
  TokenVerifierFlags both = flags_;
  both.public_key_files = {dir_.File("rsa.pem")};
  both.jwks_file = dir_.File("jwks.json");
  refused(both, absl::StatusCode::kInvalidArgument, "not both");
  TokenVerifierFlags no_issuer = flags_;
  no_issuer.jwks_file = dir_.File("jwks.json");
  no_issuer.issuer.clear();
  refused(no_issuer, absl::StatusCode::kInvalidArgument, "--jwt_issuer");
  TokenVerifierFlags algorithms = flags_;
  algorithms.public_key_files = {dir_.File("rsa.pem"), dir_.File("ec.pem"), dir_.File("ec.pem")};
  algorithms.algorithms = {"RS256", "ES256"};
  refused(algorithms, absl::StatusCode::kInvalidArgument, "--jwt_algorithm");
  TokenVerifierFlags hs256 = flags_;
  hs256.public_key_files = {dir_.File("rsa.pem")};
  hs256.algorithms = {"HS256"};
  refused(hs256, absl::StatusCode::kInvalidArgument, "HS256");
  TokenVerifierFlags misfit = flags_;
  misfit.public_key_files = {dir_.File("ec.pem")};
  misfit.algorithms = {"RS256"};
  refused(misfit, absl::StatusCode::kInvalidArgument, "ec.pem");
  TokenVerifierFlags missing = flags_;
  missing.jwks_file = dir_.File("missing.json");
  refused(missing, absl::StatusCode::kNotFound, "missing.json");
}

}  // namespace
}  // namespace redress::auth
