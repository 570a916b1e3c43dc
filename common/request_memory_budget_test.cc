#include "common/request_memory_budget.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace redress {
namespace {

using Reservation = RequestMemoryBudget::Reservation;

TEST(RequestMemoryBudgetTest, AdmitsWhileTheSumFitsAndRefusesPastIt) {
  RequestMemoryBudget budget(100);
  std::optional<Reservation> a = budget.TryReserve(60);
  ASSERT_TRUE(a.has_value());
  std::optional<Reservation> b = budget.TryReserve(40);  // exactly the limit
  ASSERT_TRUE(b.has_value());
  EXPECT_FALSE(budget.TryReserve(1).has_value());
  EXPECT_EQ(budget.usage().bytes, 100);
  EXPECT_EQ(budget.usage().calls, 2);
  EXPECT_EQ(budget.usage().refused, 1);
}

TEST(RequestMemoryBudgetTest, ARefusalReservesNothing) {
  RequestMemoryBudget budget(100);
  std::optional<Reservation> a = budget.TryReserve(60);
  EXPECT_FALSE(budget.TryReserve(50).has_value());
  EXPECT_EQ(budget.usage().bytes, 60);
  EXPECT_EQ(budget.usage().calls, 1);
  EXPECT_TRUE(budget.TryReserve(40).has_value());  // what is left still fits
}

TEST(RequestMemoryBudgetTest, AReservationGivesItsShareBackWhenDestroyed) {
  RequestMemoryBudget budget(100);
  {
    std::optional<Reservation> a = budget.TryReserve(70);
    ASSERT_TRUE(a.has_value());
    EXPECT_FALSE(budget.TryReserve(70).has_value());
  }
  EXPECT_EQ(budget.usage().bytes, 0);
  EXPECT_EQ(budget.usage().calls, 0);
  std::optional<Reservation> again = budget.TryReserve(70);
  ASSERT_TRUE(again.has_value());
  again.reset();
  EXPECT_EQ(budget.usage().bytes, 0);
}

TEST(RequestMemoryBudgetTest, AnyRequestIsAdmittedWhenNoOtherHoldsAShare) {
  RequestMemoryBudget budget(100);
  std::optional<Reservation> huge = budget.TryReserve(1'000'000);
  ASSERT_TRUE(huge.has_value());
  EXPECT_EQ(budget.usage().bytes, 1'000'000);
  // Nothing else while it runs, not even an empty request.
  EXPECT_FALSE(budget.TryReserve(1).has_value());
  huge.reset();
  EXPECT_TRUE(budget.TryReserve(1).has_value());
}

TEST(RequestMemoryBudgetTest, AZeroBudgetAdmitsOneCallAtATime) {
  RequestMemoryBudget budget(0);
  std::optional<Reservation> one = budget.TryReserve(10);
  ASSERT_TRUE(one.has_value());
  EXPECT_FALSE(budget.TryReserve(0).has_value());
  one.reset();
  EXPECT_TRUE(budget.TryReserve(10).has_value());
}

TEST(RequestMemoryBudgetTest, ANegativeCountCountsAsZero) {
  RequestMemoryBudget budget(100);
  std::optional<Reservation> a = budget.TryReserve(100);
  std::optional<Reservation> negative = budget.TryReserve(-50);
  ASSERT_TRUE(negative.has_value());  // fits as 0 bytes; it does not make room for others
  EXPECT_EQ(negative->bytes(), 0);
  EXPECT_EQ(budget.usage().bytes, 100);
  EXPECT_FALSE(budget.TryReserve(1).has_value());
}

TEST(RequestMemoryBudgetTest, HugeCountsNeverOverflow) {
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  RequestMemoryBudget budget(kMax);
  std::optional<Reservation> a = budget.TryReserve(kMax - 1);
  ASSERT_TRUE(a.has_value());
  std::optional<Reservation> b = budget.TryReserve(1);
  ASSERT_TRUE(b.has_value());
  EXPECT_FALSE(budget.TryReserve(kMax).has_value());
  EXPECT_EQ(budget.usage().bytes, kMax);
}

TEST(RequestMemoryBudgetTest, AMovedReservationIsGivenBackOnce) {
  RequestMemoryBudget budget(100);
  std::optional<Reservation> a = budget.TryReserve(30);
  Reservation moved = std::move(*a);
  a.reset();  // the moved-from one holds nothing
  EXPECT_EQ(budget.usage().bytes, 30);
  EXPECT_EQ(budget.usage().calls, 1);
  std::optional<Reservation> b = budget.TryReserve(20);
  moved = std::move(*b);  // gives back the 30 it held, takes over the 20
  b.reset();
  EXPECT_EQ(budget.usage().bytes, 20);
  EXPECT_EQ(budget.usage().calls, 1);
}

TEST(RequestMemoryBudgetTest, ConcurrentCallersNeverHoldMoreThanTheLimit) {
  constexpr int64_t kLimit = 1000;
  RequestMemoryBudget budget(kLimit);
  std::atomic<int64_t> held{0};
  std::atomic<int64_t> most{0};
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const int64_t bytes = 50 + (t * 37 + i * 11) % 300;
        std::optional<Reservation> reserved = budget.TryReserve(bytes);
        if (!reserved.has_value()) continue;
        ++admitted;
        const int64_t now = held += bytes;
        int64_t seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        held -= bytes;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_LE(most.load(), kLimit);
  EXPECT_GT(admitted.load(), 0);
  EXPECT_EQ(budget.usage().bytes, 0);
  EXPECT_EQ(budget.usage().calls, 0);
  EXPECT_EQ(budget.usage().refused + admitted.load(), 8 * 2000);
}

}  // namespace
}  // namespace redress
