#include "common/store_write_health.h"

#include <utility>

#include "common/errors.h"
#include "common/log.h"

namespace redress {

StoreWriteHealth::StoreWriteHealth(std::string name) : name_(std::move(name)) {}

void StoreWriteHealth::OnChange(Listener listener) {
  absl::MutexLock lock(&listener_mu_);
  listener_ = std::move(listener);
}

void StoreWriteHealth::Observe(const absl::Status& write) {
  bool faulted;
  if (write.ok()) {
    faulted = false;
  } else if (IsStoreCannotWrite(write)) {
    faulted = true;
  } else {
    return;
  }
  {
    absl::MutexLock lock(&mu_);  // the common case, every commit: no change, no other lock
    if (faulted_ == faulted) return;
  }
  Update(&faulted, nullptr, write);
}

void StoreWriteHealth::SetStalled(bool stalled) { Update(nullptr, &stalled, absl::OkStatus()); }

bool StoreWriteHealth::writable() const {
  absl::MutexLock lock(&mu_);
  return !faulted_ && !stalled_;
}

bool StoreWriteHealth::faulted() const {
  absl::MutexLock lock(&mu_);
  return faulted_;
}

void StoreWriteHealth::Update(const bool* faulted, const bool* stalled, const absl::Status& cause) {
  absl::MutexLock listener_lock(&listener_mu_);
  bool was_writable;
  bool now_writable;
  {
    absl::MutexLock lock(&mu_);
    was_writable = !faulted_ && !stalled_;
    if (faulted != nullptr) {
      if (faulted_ == *faulted) return;
      faulted_ = *faulted;
    }
    if (stalled != nullptr) {
      if (stalled_ == *stalled) return;
      stalled_ = *stalled;
    }
    now_writable = !faulted_ && !stalled_;
  }
  // One line per change of state, however many writes fail meanwhile.
  if (faulted != nullptr && *faulted) {
    Log(LogLevel::kError, "the database cannot write; reporting NOT_SERVING until it can",
        {{"store", name_}, {"error", cause.ToString(absl::StatusToStringMode::kWithNoExtraData)}});
  } else if (faulted != nullptr) {
    Log(LogLevel::kInfo, "the database writes again", {{"store", name_}});
  } else if (*stalled) {
    Log(LogLevel::kWarning, "a database write is stalled; reporting NOT_SERVING until it ends",
        {{"store", name_}});
  } else {
    Log(LogLevel::kInfo, "the stalled database write has ended", {{"store", name_}});
  }
  if (was_writable != now_writable && listener_) listener_(now_writable);
}

}  // namespace redress
