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

// 16 characters of Crockford-style base32 (lower case, starting with a letter) from about 80 random
// bits of a seeded std::random_device-based generator; collisions are negligible.
class RandomIdGenerator final : public IdGenerator {
 public:
  RandomIdGenerator();
  ~RandomIdGenerator() override;
  RandomIdGenerator(const RandomIdGenerator&) = delete;
  RandomIdGenerator& operator=(const RandomIdGenerator&) = delete;
  std::string NewId() override;

 private:
  struct State;
  State* state_;
};

}  // namespace redress
