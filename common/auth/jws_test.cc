#include "common/auth/jws.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/auth/test_keys.h"
#include "common/testing/status_matchers.h"

namespace redress::auth {
namespace {

using ::redress::auth::testing::GenerateKey;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;

TEST(Base64UrlTest, RoundTripsAllByteValuesWithoutPadding) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  std::string text = Base64UrlEncode(bytes);
  EXPECT_EQ(text.find_first_of("+/="), std::string::npos);
  EXPECT_EQ(Base64UrlDecode(text), bytes);
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
}

TEST(Base64UrlTest, RefusesPaddingOtherAlphabetsAndImpossibleLengths) {
  EXPECT_EQ(Base64UrlDecode("-_8="), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("+/8"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("abcde"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("ab cd"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode(""), std::string());
}

TEST(JwsTest, AnRs256SignatureVerifiesOnlyForItsInputAndKey) {
  EvpPkeyPtr key = GenerateKey(JwtAlgorithm::kRS256);
  EvpPkeyPtr other = GenerateKey(JwtAlgorithm::kRS256);
  absl::StatusOr<std::string> signature = SignJws(*key, JwtAlgorithm::kRS256, "a.b");
  ASSERT_THAT(signature, IsOk());
  EXPECT_EQ(signature->size(), 256u);
  EXPECT_TRUE(VerifyJws(*key, JwtAlgorithm::kRS256, "a.b", *signature));
  EXPECT_FALSE(VerifyJws(*key, JwtAlgorithm::kRS256, "a.c", *signature));
  EXPECT_FALSE(VerifyJws(*other, JwtAlgorithm::kRS256, "a.b", *signature));
}

TEST(JwsTest, AnEs256SignatureIsRawRAndSAndVerifiesOnlyForItsInput) {
  EvpPkeyPtr key = GenerateKey(JwtAlgorithm::kES256);
  absl::StatusOr<std::string> signature = SignJws(*key, JwtAlgorithm::kES256, "a.b");
  ASSERT_THAT(signature, IsOk());
  EXPECT_EQ(signature->size(), 64u);  // r||s, not DER
  EXPECT_TRUE(VerifyJws(*key, JwtAlgorithm::kES256, "a.b", *signature));
  EXPECT_FALSE(VerifyJws(*key, JwtAlgorithm::kES256, "a.c", *signature));
  std::string flipped = *signature;
  flipped[40] ^= 1;
  EXPECT_FALSE(VerifyJws(*key, JwtAlgorithm::kES256, "a.b", flipped));
  EXPECT_FALSE(VerifyJws(*key, JwtAlgorithm::kES256, "a.b", signature->substr(0, 63)));
  EXPECT_FALSE(VerifyJws(*key, JwtAlgorithm::kES256, "a.b", ""));
}

TEST(JwtKeyTest, AKeyMustFitItsAlgorithm) {
  EvpPkeyPtr rsa = GenerateKey(JwtAlgorithm::kRS256);
  EvpPkeyPtr ec = GenerateKey(JwtAlgorithm::kES256);
  EvpPkeyPtr small_rsa = GenerateKey(JwtAlgorithm::kRS256, 1024);
  EXPECT_THAT(CheckKeyFitsAlgorithm(*rsa, JwtAlgorithm::kRS256), IsOk());
  EXPECT_THAT(CheckKeyFitsAlgorithm(*ec, JwtAlgorithm::kES256), IsOk());
  EXPECT_THAT(CheckKeyFitsAlgorithm(*rsa, JwtAlgorithm::kES256),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckKeyFitsAlgorithm(*ec, JwtAlgorithm::kRS256),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckKeyFitsAlgorithm(*small_rsa, JwtAlgorithm::kRS256),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(JwtKeyTest, PemPublicKeysParseAndOtherTextDoesNot) {
  EvpPkeyPtr ec = GenerateKey(JwtAlgorithm::kES256);
  absl::StatusOr<std::string> pem = PublicKeyPem(*ec);
  ASSERT_THAT(pem, IsOk());
  EXPECT_THAT(ParsePemPublicKey(*pem, "k", JwtAlgorithm::kES256), IsOk());
  EXPECT_THAT(ParsePemPublicKey(*pem, "k", JwtAlgorithm::kRS256),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParsePemPublicKey("not a key", "k", JwtAlgorithm::kES256),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(LoadPemPublicKeyFile("/nonexistent/key.pem", "", JwtAlgorithm::kES256),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST(JwtKeyTest, AlgorithmNamesAreExactAndOnlyAsymmetric) {
  EXPECT_THAT(ParseJwtAlgorithm("RS256"), IsOk());
  EXPECT_THAT(ParseJwtAlgorithm("ES256"), IsOk());
  for (const char* name : {"HS256", "none", "rs256", "PS256", ""}) {
    EXPECT_THAT(ParseJwtAlgorithm(name), StatusIs(absl::StatusCode::kInvalidArgument)) << name;
  }
}

}  // namespace
}  // namespace redress::auth
