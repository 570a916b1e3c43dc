#include "common/auth/verified_token_cache.h"

#include <algorithm>

namespace redress::auth {

VerifiedTokenCache::VerifiedTokenCache(size_t capacity, absl::Duration ttl)
    : capacity_(ttl > absl::ZeroDuration() ? capacity : 0), ttl_(ttl) {}

std::optional<Caller> VerifiedTokenCache::Find(std::string_view token, absl::Time now) const {
  if (capacity_ == 0) return std::nullopt;
  {
    absl::ReaderMutexLock lock(&mu_);
    auto it = entries_.find(absl::string_view(token.data(), token.size()));
    if (it != entries_.end() && it->second.not_before <= now && now < it->second.use_until) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      return it->second.caller;
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return std::nullopt;
}

void VerifiedTokenCache::Add(std::string_view token, const VerifiedToken& verified,
                             absl::Time now) {
  if (capacity_ == 0) return;
  const absl::Time use_until = std::min(verified.expires, now + ttl_);
  if (now >= use_until) return;  // nothing to gain
  absl::MutexLock lock(&mu_);
  const absl::string_view key(token.data(), token.size());
  if (auto it = entries_.find(key); it != entries_.end()) {
    it->second = {verified.caller, verified.not_before, use_until};
    return;
  }
  if (entries_.size() >= capacity_) DropUnusable(now);
  if (entries_.size() >= capacity_) {
    auto soonest = std::min_element(
        entries_.begin(), entries_.end(),
        [](const auto& a, const auto& b) { return a.second.use_until < b.second.use_until; });
    entries_.erase(soonest);
  }
  entries_.emplace(std::string(key), Entry{verified.caller, verified.not_before, use_until});
}

void VerifiedTokenCache::DropUnusable(absl::Time now) {
  absl::erase_if(entries_, [now](const auto& entry) { return now >= entry.second.use_until; });
}

size_t VerifiedTokenCache::size() const {
  absl::ReaderMutexLock lock(&mu_);
  return entries_.size();
}

}  // namespace redress::auth
