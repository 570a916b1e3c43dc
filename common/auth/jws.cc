#include "common/auth/jws.h"

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <memory>

#include "absl/strings/escaping.h"

namespace redress::auth {
namespace {

// ES256 signatures are r||s, each a 32-byte big-endian integer (RFC 7518 section 3.4).
constexpr size_t kEs256Half = 32;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

struct EcdsaSigDeleter {
  void operator()(ECDSA_SIG* sig) const { ECDSA_SIG_free(sig); }
};
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter>;

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// DER ECDSA-Sig-Value (what OpenSSL produces) -> r||s.
std::optional<std::string> DerToRaw(std::string_view der) {
  const unsigned char* p = Bytes(der);
  EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
  if (sig == nullptr) return std::nullopt;
  std::string raw(2 * kEs256Half, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, kEs256Half) < 0 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + kEs256Half, kEs256Half) < 0) {
    return std::nullopt;
  }
  return raw;
}

// r||s -> DER, for OpenSSL's verifier.
std::optional<std::string> RawToDer(std::string_view raw) {
  if (raw.size() != 2 * kEs256Half) return std::nullopt;
  EcdsaSigPtr sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(Bytes(raw), kEs256Half, nullptr);
  BIGNUM* s = BN_bin2bn(Bytes(raw) + kEs256Half, kEs256Half, nullptr);
  if (sig == nullptr || r == nullptr || s == nullptr || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return std::nullopt;
  }
  unsigned char* der = nullptr;
  int length = i2d_ECDSA_SIG(sig.get(), &der);
  if (length <= 0) return std::nullopt;
  std::string result(reinterpret_cast<char*>(der), static_cast<size_t>(length));
  OPENSSL_free(der);
  return result;
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string text;
  absl::WebSafeBase64Escape(absl::string_view(bytes.data(), bytes.size()), &text);  // unpadded
  return text;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  // Every character must be of the url-safe alphabet (no padding), and a length of 1 mod 4 can
  // encode nothing.
  for (char c : text) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return std::nullopt;
  }
  if (text.size() % 4 == 1) return std::nullopt;
  std::string bytes;
  if (!absl::WebSafeBase64Unescape(absl::string_view(text.data(), text.size()), &bytes)) {
    return std::nullopt;
  }
  return bytes;
}

absl::StatusOr<std::string> SignJws(const EVP_PKEY& key, JwtAlgorithm alg,
                                    std::string_view signing_input) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  size_t length = 0;
  if (ctx == nullptr ||
      EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, const_cast<EVP_PKEY*>(&key)) !=
          1 ||
      EVP_DigestSign(ctx.get(), nullptr, &length, Bytes(signing_input), signing_input.size()) !=
          1) {
    return absl::InternalError("cannot start signing");
  }
  std::string signature(length, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     Bytes(signing_input), signing_input.size()) != 1) {
    return absl::InternalError("signing failed");
  }
  signature.resize(length);
  if (alg == JwtAlgorithm::kES256) {
    std::optional<std::string> raw = DerToRaw(signature);
    if (!raw) return absl::InternalError("cannot convert the ECDSA signature");
    return *raw;
  }
  return signature;
}

bool VerifyJws(const EVP_PKEY& key, JwtAlgorithm alg, std::string_view signing_input,
               std::string_view signature) {
  std::string der;
  if (alg == JwtAlgorithm::kES256) {
    std::optional<std::string> converted = RawToDer(signature);
    if (!converted) return false;
    der = std::move(*converted);
    signature = der;
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  return ctx != nullptr &&
         EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr,
                              const_cast<EVP_PKEY*>(&key)) == 1 &&
         EVP_DigestVerify(ctx.get(), Bytes(signature), signature.size(), Bytes(signing_input),
                          signing_input.size()) == 1;
}

}  // namespace redress::auth
