// Random resource ids: 16 characters of lower-case Crockford base32, the first a letter, drawn from
// getrandom(2) (the kernel's CSPRNG; no user-space generator whose state could be inferred).

#include "common/id_generator.h"

#include <sys/random.h>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "common/log.h"

namespace redress {
namespace {

// Crockford's base32 alphabet in lower case (no i, l, o, u): unambiguous when read aloud.
constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr unsigned kFirstLetter = 10;  // kAlphabet[10] == 'a'
constexpr unsigned kSymbolMask = 31;   // 256 is a multiple of 32: byte & 31 is uniform
constexpr int kIdLength = 16;

// Fills `size` bytes at `out` from getrandom(2), retrying short reads and EINTR.
void FillRandom(unsigned char* out, size_t size) {
  while (size > 0) {
    ssize_t got = getrandom(out, size, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      Log(LogLevel::kError, "getrandom failed; cannot generate resource ids",
          {{"error", std::strerror(errno)}});
      std::abort();
    }
    out += got;
    size -= static_cast<size_t>(got);
  }
}

}  // namespace

std::string RandomIdGenerator::NewId() {
  // The first character is one of the 22 letters (rejection-sampled, so still uniform; about 4.5
  // bits), the other 15 any of the 32 symbols (75 bits): about 79.5 random bits in all.
  unsigned char bytes[kIdLength];
  FillRandom(bytes, sizeof bytes);
  std::string id(kIdLength, '0');
  for (int i = 1; i < kIdLength; ++i) id[i] = kAlphabet[bytes[i] & kSymbolMask];
  unsigned first = bytes[0] & kSymbolMask;
  while (first < kFirstLetter) {
    FillRandom(bytes, 1);
    first = bytes[0] & kSymbolMask;
  }
  id[0] = kAlphabet[first];
  return id;
}

}  // namespace redress
