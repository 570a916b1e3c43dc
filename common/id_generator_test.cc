#include "common/id_generator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"

namespace redress {
namespace {

using ::testing::MatchesRegex;

TEST(RandomIdGeneratorTest, Shape) {
  RandomIdGenerator ids;
  for (int i = 0; i < 1000; ++i) {
    // Crockford base32 in lower case: no i, l, o or u; the first character a letter.
    EXPECT_THAT(ids.NewId(), MatchesRegex("[a-hjkmnp-tv-z][0-9a-hjkmnp-tv-z]{15}"));
  }
}

TEST(RandomIdGeneratorTest, UniqueAcrossGeneratorsAndThreads) {
  RandomIdGenerator first;
  RandomIdGenerator second;
  absl::Mutex mu;
  std::set<std::string> seen;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      IdGenerator& ids = t % 2 == 0 ? static_cast<IdGenerator&>(first) : second;
      for (int i = 0; i < 2500; ++i) {
        std::string id = ids.NewId();
        absl::MutexLock lock(&mu);
        seen.insert(std::move(id));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(seen.size(), 10000u);
}

TEST(RandomIdGeneratorTest, EveryLetterCanStartAnId) {
  RandomIdGenerator ids;
  std::set<char> first_chars;
  for (int i = 0; i < 2000; ++i) first_chars.insert(ids.NewId()[0]);
  EXPECT_EQ(first_chars.size(), 22u);  // all 22 letters of the alphabet, chosen uniformly
}

}  // namespace
}  // namespace redress
