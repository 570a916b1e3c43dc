// Random resource ids: 16 characters of lower-case Crockford base32, the first a letter.

#include "common/id_generator.h"

#include <random>

#include "absl/synchronization/mutex.h"

namespace redress {
namespace {

// Crockford's base32 alphabet in lower case (no i, l, o, u): unambiguous when read aloud.
constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
constexpr int kFirstLetter = 10;  // kAlphabet[10] == 'a'
constexpr int kAlphabetSize = 32;
constexpr int kIdLength = 16;

}  // namespace

struct RandomIdGenerator::State {
  absl::Mutex mu;
  std::mt19937_64 engine ABSL_GUARDED_BY(mu);
};

RandomIdGenerator::RandomIdGenerator() : state_(new State) {
  std::random_device device;
  std::seed_seq seed{device(), device(), device(), device(),
                     device(), device(), device(), device()};
  absl::MutexLock lock(&state_->mu);
  state_->engine.seed(seed);
}

RandomIdGenerator::~RandomIdGenerator() { delete state_; }

std::string RandomIdGenerator::NewId() {
  // The first character is one of the 22 letters (about 4.5 bits), the other 15 any of the 32
  // symbols (75 bits): about 79.5 random bits in all.
  std::uniform_int_distribution<int> letter(kFirstLetter, kAlphabetSize - 1);
  std::uniform_int_distribution<int> symbol(0, kAlphabetSize - 1);
  std::string id(kIdLength, '0');
  absl::MutexLock lock(&state_->mu);
  id[0] = kAlphabet[letter(state_->engine)];
  for (int i = 1; i < kIdLength; ++i) id[i] = kAlphabet[symbol(state_->engine)];
  return id;
}

}  // namespace redress
