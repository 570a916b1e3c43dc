#include "common/auth/jwks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "common/auth/jws.h"
#include "common/auth/test_keys.h"
#include "common/testing/scratch_dir.h"
#include "common/testing/status_matchers.h"
#include "nlohmann/json.hpp"

namespace redress::auth {
namespace {

using ::redress::auth::testing::GenerateKey;
using ::redress::testing::IsOk;
using ::redress::testing::StatusIs;
using ::testing::HasSubstr;
using Json = nlohmann::json;

// The single JWK of ToJwks(key), as JSON to edit.
Json JwkOf(const EVP_PKEY& key, std::string_view kid, JwtAlgorithm alg) {
  absl::StatusOr<std::string> jwks = ToJwks(key, kid, alg);
  EXPECT_THAT(jwks, IsOk());
  return Json::parse(*jwks)["keys"][0];
}

std::string SetOf(std::vector<Json> jwks) { return Json{{"keys", jwks}}.dump(); }

// A key read from a JWKS verifies what the private key signed: the JWK's numbers are the key's,
// in the right byte order (a round trip alone could not show that).
void ExpectVerifiesSignatureOf(const VerificationKey& loaded, const EVP_PKEY& private_key) {
  absl::StatusOr<std::string> signature = SignJws(private_key, loaded.alg, "header.payload");
  ASSERT_THAT(signature, IsOk());
  EXPECT_TRUE(VerifyJws(*loaded.key, loaded.alg, "header.payload", *signature));
  EXPECT_FALSE(VerifyJws(*loaded.key, loaded.alg, "header.other", *signature));
}

TEST(JwksTest, RsaAndEcKeysLoadWithTheirKidsAndPinnedAlgorithms) {
  EvpPkeyPtr rsa = GenerateKey(JwtAlgorithm::kRS256);
  EvpPkeyPtr ec = GenerateKey(JwtAlgorithm::kES256);
  absl::StatusOr<std::vector<VerificationKey>> keys = ParseJwks(SetOf(
      {JwkOf(*rsa, "rsa-1", JwtAlgorithm::kRS256), JwkOf(*ec, "ec-1", JwtAlgorithm::kES256)}));
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].kid, "rsa-1");
  EXPECT_EQ((*keys)[0].alg, JwtAlgorithm::kRS256);
  EXPECT_EQ((*keys)[1].kid, "ec-1");
  EXPECT_EQ((*keys)[1].alg, JwtAlgorithm::kES256);
  ExpectVerifiesSignatureOf((*keys)[0], *rsa);
  ExpectVerifiesSignatureOf((*keys)[1], *ec);
}

TEST(JwksTest, AKeyWithoutKidLoadsWithAnEmptyKid) {
  EvpPkeyPtr ec = GenerateKey(JwtAlgorithm::kES256);
  absl::StatusOr<std::vector<VerificationKey>> keys =
      ParseJwks(SetOf({JwkOf(*ec, "", JwtAlgorithm::kES256)}));
  ASSERT_THAT(keys, IsOk());
  EXPECT_EQ(keys->at(0).kid, "");
}

TEST(JwksTest, EncryptionKeysAreSkipped) {
  EvpPkeyPtr ec = GenerateKey(JwtAlgorithm::kES256);
  Json enc = JwkOf(*ec, "enc", JwtAlgorithm::kES256);
  enc["use"] = "enc";
  absl::StatusOr<std::vector<VerificationKey>> keys =
      ParseJwks(SetOf({enc, JwkOf(*ec, "sig", JwtAlgorithm::kES256)}));
  ASSERT_THAT(keys, IsOk());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ(keys->at(0).kid, "sig");
}

TEST(JwksTest, MalformedSetsAreRefusedWhole) {
  EvpPkeyPtr rsa = GenerateKey(JwtAlgorithm::kRS256);
  EvpPkeyPtr ec = GenerateKey(JwtAlgorithm::kES256);
  EvpPkeyPtr small_rsa = GenerateKey(JwtAlgorithm::kRS256, 1024);
  const Json good_rsa = JwkOf(*rsa, "rsa", JwtAlgorithm::kRS256);
  const Json good_ec = JwkOf(*ec, "ec", JwtAlgorithm::kES256);
  auto edited = [](Json jwk, const char* member, Json value) {
    if (value.is_null()) {
      jwk.erase(member);
    } else {
      jwk[member] = std::move(value);
    }
    return jwk;
  };
  Json off_curve = good_ec;
  std::string y = *Base64UrlDecode(off_curve["y"].get<std::string>());
  y[31] ^= 1;
  off_curve["y"] = Base64UrlEncode(y);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not JSON", "{\"keys\": ["},
      {"not an object", "[]"},
      {"no keys", "{}"},
      {"keys not an array", R"({"keys": {}})"},
      {"empty set", R"({"keys": []})"},
      {"key not an object", R"({"keys": [1]})"},
      {"no alg", SetOf({edited(good_rsa, "alg", nullptr)})},
      {"HS256 alg", SetOf({edited(good_rsa, "alg", "HS256")})},
      {"none alg", SetOf({edited(good_rsa, "alg", "none")})},
      {"alg of the other key type", SetOf({edited(good_rsa, "alg", "ES256")})},
      {"no kty", SetOf({edited(good_rsa, "kty", nullptr)})},
      {"oct kty", SetOf({edited(good_rsa, "kty", "oct")})},
      {"kid not a string", SetOf({edited(good_rsa, "kid", 7)})},
      {"n not base64url", SetOf({edited(good_rsa, "n", "a+b/")})},
      {"no e", SetOf({edited(good_rsa, "e", nullptr)})},
      {"RSA below 2048 bits", SetOf({JwkOf(*small_rsa, "small", JwtAlgorithm::kRS256)})},
      {"other curve", SetOf({edited(good_ec, "crv", "P-384")})},
      {"short x", SetOf({edited(good_ec, "x", "AAAA")})},
      {"point off the curve", SetOf({off_curve})},
      {"duplicate kid", SetOf({good_rsa, edited(good_ec, "kid", "rsa")})},
      {"one bad key among good ones", SetOf({good_rsa, edited(good_ec, "y", nullptr)})},
  };
  for (const auto& [name, json] : cases) {
    EXPECT_THAT(ParseJwks(json), StatusIs(absl::StatusCode::kInvalidArgument)) << name;
  }
}

TEST(JwksTest, LoadsFromAFileAndNamesTheFileInErrors) {
  redress::testing::ScratchDir dir;
  EvpPkeyPtr ec = GenerateKey(JwtAlgorithm::kES256);
  std::ofstream(dir.File("good.json")) << *ToJwks(*ec, "k", JwtAlgorithm::kES256);
  std::ofstream(dir.File("bad.json")) << R"({"keys": [{"kty": "EC"}]})";
  EXPECT_THAT(LoadJwksFile(dir.File("good.json")), IsOk());
  EXPECT_THAT(LoadJwksFile(dir.File("bad.json")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad.json: JWKS key 0")));
  EXPECT_THAT(LoadJwksFile(dir.File("missing.json")), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace redress::auth
