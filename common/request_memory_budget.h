// How much memory the parsed requests of a server's calls may hold at once, while they wait for a
// handler thread or run on one (docs/reliability.md, "Request size and memory"). gRPC's limit on
// one message (ServerConfig::max_receive_message_bytes) bounds a request on the wire, but a
// request of many small entries parses into tens of times its size, and a queue of a thousand of
// them would hold gigabytes. So a call is admitted only while the requests of the calls admitted
// before it and not yet finished, plus its own, fit in the budget; it gives its share back when it
// finishes. A call that arrives when no other holds a share is always admitted, so a single
// request, however large, is never refused for its size alone.
#pragma once

#include <cstdint>
#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace redress {

// Thread-safe.
class RequestMemoryBudget {
 public:
  // A call's share of the budget, given back when destroyed. Movable, not copyable. The budget
  // must outlive it.
  class Reservation {
   public:
    Reservation(Reservation&& other) noexcept;
    Reservation& operator=(Reservation&& other) noexcept;
    Reservation(const Reservation&) = delete;
    Reservation& operator=(const Reservation&) = delete;
    ~Reservation();

    int64_t bytes() const { return bytes_; }

   private:
    friend class RequestMemoryBudget;
    Reservation(RequestMemoryBudget* budget, int64_t bytes) : budget_(budget), bytes_(bytes) {}
    void Release();

    RequestMemoryBudget* budget_;
    int64_t bytes_;
  };

  // REQUIRES: limit_bytes >= 0 (0 admits one call at a time).
  explicit RequestMemoryBudget(int64_t limit_bytes);
  RequestMemoryBudget(const RequestMemoryBudget&) = delete;
  RequestMemoryBudget& operator=(const RequestMemoryBudget&) = delete;

  // A share of `bytes` (a negative count counts as 0) when no reservation is held, or when those
  // held plus `bytes` come to at most the limit; nullopt otherwise (counted in usage().refused).
  std::optional<Reservation> TryReserve(int64_t bytes);

  struct Usage {
    int64_t bytes = 0;    // held by the reservations alive now
    int64_t calls = 0;    // reservations alive now
    int64_t refused = 0;  // TryReserve calls refused since the start
  };
  Usage usage() const;

  int64_t limit_bytes() const { return limit_bytes_; }

 private:
  void Release(int64_t bytes);

  const int64_t limit_bytes_;
  mutable absl::Mutex mu_;
  int64_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t calls_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t refused_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace redress
