#include "common/auth/jwt_key.h"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"

namespace redress::auth {
namespace {

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

BioPtr MemoryBio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

}  // namespace

void EvpPkeyDeleter::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

std::string_view JwtAlgorithmName(JwtAlgorithm alg) {
  switch (alg) {
    case JwtAlgorithm::kRS256:
      return "RS256";
    case JwtAlgorithm::kES256:
      return "ES256";
  }
  return "unknown";
}

absl::StatusOr<JwtAlgorithm> ParseJwtAlgorithm(std::string_view name) {
  for (JwtAlgorithm alg : {JwtAlgorithm::kRS256, JwtAlgorithm::kES256}) {
    if (JwtAlgorithmName(alg) == name) return alg;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unsupported JWT algorithm \"", std::string(name), "\" (RS256 or ES256)"));
}

absl::Status CheckKeyFitsAlgorithm(const EVP_PKEY& key, JwtAlgorithm alg) {
  switch (alg) {
    case JwtAlgorithm::kRS256:
      if (!EVP_PKEY_is_a(&key, "RSA")) {
        return absl::InvalidArgumentError("RS256 needs an RSA key");
      }
      if (EVP_PKEY_get_bits(&key) < 2048) {
        return absl::InvalidArgumentError("RS256 needs an RSA key of at least 2048 bits");
      }
      return absl::OkStatus();
    case JwtAlgorithm::kES256: {
      char group[64] = {};
      size_t length = 0;
      if (!EVP_PKEY_is_a(&key, "EC") ||
          EVP_PKEY_get_utf8_string_param(&key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof(group),
                                         &length) != 1 ||
          std::strcmp(group, "prime256v1") != 0) {
        return absl::InvalidArgumentError("ES256 needs an EC key on P-256");
      }
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError("unknown algorithm");
}

absl::StatusOr<VerificationKey> ParsePemPublicKey(std::string_view pem, std::string kid,
                                                  JwtAlgorithm alg) {
  BioPtr bio = MemoryBio(pem);
  EVP_PKEY* raw = bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  if (raw == nullptr) {
    return absl::InvalidArgumentError("not a PEM public key (-----BEGIN PUBLIC KEY-----)");
  }
  std::shared_ptr<EVP_PKEY> key(raw, EvpPkeyDeleter());
  if (absl::Status fits = CheckKeyFitsAlgorithm(*key, alg); !fits.ok()) return fits;
  return VerificationKey{std::move(kid), alg, std::move(key)};
}

absl::StatusOr<std::string> ReadKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<VerificationKey> LoadPemPublicKeyFile(const std::string& path, std::string kid,
                                                     JwtAlgorithm alg) {
  absl::StatusOr<std::string> pem = ReadKeyFile(path);
  if (!pem.ok()) return pem.status();
  absl::StatusOr<VerificationKey> key = ParsePemPublicKey(*pem, std::move(kid), alg);
  if (!key.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", key.status().message()));
  }
  return key;
}

absl::StatusOr<EvpPkeyPtr> ParsePemPrivateKey(std::string_view pem, JwtAlgorithm alg) {
  BioPtr bio = MemoryBio(pem);
  EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (key == nullptr) return absl::InvalidArgumentError("not an unencrypted PEM private key");
  if (absl::Status fits = CheckKeyFitsAlgorithm(*key, alg); !fits.ok()) return fits;
  return key;
}

absl::StatusOr<std::string> PublicKeyPem(const EVP_PKEY& key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr || PEM_write_bio_PUBKEY(bio.get(), const_cast<EVP_PKEY*>(&key)) != 1) {
    return absl::InternalError("cannot write the public key as PEM");
  }
  char* data = nullptr;
  long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

}  // namespace redress::auth
