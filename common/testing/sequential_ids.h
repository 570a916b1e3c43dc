// Predictable ids for tests: "id1", "id2", ... Thread-safe.
#pragma once

#include <atomic>
#include <string>

#include "common/id_generator.h"

namespace redress::testing {

class SequentialIdGenerator final : public IdGenerator {
 public:
  explicit SequentialIdGenerator(std::string prefix = "id") : prefix_(std::move(prefix)) {}
  std::string NewId() override { return prefix_ + std::to_string(++next_); }

 private:
  std::string prefix_;
  std::atomic<long long> next_{0};
};

}  // namespace redress::testing
