#include "common/request_memory_budget.h"

#include <algorithm>
#include <utility>

namespace redress {

RequestMemoryBudget::Reservation::Reservation(Reservation&& other) noexcept
    : budget_(std::exchange(other.budget_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}

RequestMemoryBudget::Reservation& RequestMemoryBudget::Reservation::operator=(
    Reservation&& other) noexcept {
  if (this != &other) {
    Release();
    budget_ = std::exchange(other.budget_, nullptr);
    bytes_ = std::exchange(other.bytes_, 0);
  }
  return *this;
}

RequestMemoryBudget::Reservation::~Reservation() { Release(); }

void RequestMemoryBudget::Reservation::Release() {
  if (budget_ != nullptr) std::exchange(budget_, nullptr)->Release(bytes_);
  bytes_ = 0;
}

RequestMemoryBudget::RequestMemoryBudget(int64_t limit_bytes) : limit_bytes_(limit_bytes) {}

std::optional<RequestMemoryBudget::Reservation> RequestMemoryBudget::TryReserve(int64_t bytes) {
  bytes = std::max<int64_t>(bytes, 0);
  absl::MutexLock lock(&mu_);
  // Compared as limit - held so that no sum of large counts can overflow.
  if (calls_ > 0 && bytes > limit_bytes_ - bytes_) {
    ++refused_;
    return std::nullopt;
  }
  bytes_ += bytes;
  ++calls_;
  return Reservation(this, bytes);
}

RequestMemoryBudget::Usage RequestMemoryBudget::usage() const {
  absl::MutexLock lock(&mu_);
  return Usage{bytes_, calls_, refused_};
}

void RequestMemoryBudget::Release(int64_t bytes) {
  absl::MutexLock lock(&mu_);
  bytes_ -= bytes;
  --calls_;
}

}  // namespace redress
