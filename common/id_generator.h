// Generates resource ids. Injected so that tests get predictable ids.
#pragma once

#include <string>

namespace redress {

// Thread-safe generator of unique resource ids.
class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  // A new id: lower-case letters and digits only, starting with a letter, at most 32 characters.
  virtual std::string NewId() = 0;
};

// 16 characters of Crockford-style base32 (lower case, starting with a letter) from about 80 bits
// of the kernel's cryptographically secure random source (getrandom(2)), so that ids can neither
// be predicted from earlier ones nor collide in practice. Aborts the process if the kernel cannot
// supply randomness (a machine without getrandom is not one we can issue ids on).
class RandomIdGenerator final : public IdGenerator {
 public:
  std::string NewId() override;
};

}  // namespace redress
