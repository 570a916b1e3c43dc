// Delivery of intake's outbox to investigation (DESIGN §1): a background sender that hands each
// accepted complaint over until investigation acknowledges it, retrying with capped exponential
// backoff and full jitter, in outbox order per complaint. The transport, store, clock and jitter
// are injected, so the delivery rules are tested without gRPC, threads or sleeps (RunOnce).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "services/intake/complaint.h"
#include "services/intake/store.h"

namespace redress::intake {

// Hands one hand-off to investigation. Implementations: InvestigationTransport (gRPC) and the
// tests' scripted fake. Thread-safe.
class HandoffTransport {
 public:
  virtual ~HandoffTransport() = default;
  // Delivers `handoff`, giving up at `deadline`. OK or ALREADY_EXISTS: investigation has it (its
  // handoff_key is investigation's idempotency key, so a repeat is harmless). Anything else: it
  // may or may not have it; the sender tries again later.
  virtual absl::Status Deliver(const AcceptanceHandoff& handoff, absl::Time deadline) = 0;
  // Makes a Deliver in progress on another thread return soon (any status). Used when the
  // sender stops, so that a slow peer does not hold up shutdown. The default does nothing.
  virtual void CancelInFlight() {}
};

// The random part of full jitter: a duration uniformly drawn from [0, ceiling]. Thread-safe.
class JitterSource {
 public:
  virtual ~JitterSource() = default;
  virtual absl::Duration Draw(absl::Duration ceiling) = 0;
};

// std::mt19937_64 seeded from std::random_device.
class RandomJitter final : public JitterSource {
 public:
  RandomJitter();
  absl::Duration Draw(absl::Duration ceiling) override;

 private:
  absl::Mutex mu_;
  std::mt19937_64 engine_ ABSL_GUARDED_BY(mu_);
};

struct HandoffSenderOptions {
  // Every call's deadline is this far from its start.
  absl::Duration call_timeout = absl::Seconds(5);
  // An entry that failed n times (n >= 1) waits a jittered delay in
  // [0, min(max_backoff, initial_backoff * multiplier^(n-1))] before its next attempt.
  absl::Duration initial_backoff = absl::Milliseconds(200);
  double backoff_multiplier = 2.0;
  absl::Duration max_backoff = absl::Seconds(30);
  // While hand-offs are pending, a "handoff backlog" line is logged this often.
  absl::Duration backlog_log_interval = absl::Seconds(30);
  // Entries read from the store per pass, and the most the backlog counts.
  int batch_size = 1000;
  // The background thread runs a pass at least this often even when not notified: it picks up
  // entries another process wrote, and retries after a store failure.
  absl::Duration idle_poll_interval = absl::Seconds(10);
  // After a pass failed on the store, the next one is this far off.
  absl::Duration store_retry_interval = absl::Seconds(1);
};

// What is waiting to be delivered, for the status RPC and the log.
struct HandoffBacklog {
  absl::Time as_of = absl::InfinitePast();       // when it was read, by the sender's clock
  int64_t pending = 0;                           // counted up to HandoffSenderOptions::batch_size
  std::optional<absl::Time> oldest_create_time;  // the oldest pending entry's; unset when none
  int64_t delivered_total = 0;                   // by this sender since it was created
  std::string last_error;  // of the most recent attempt; "" if it succeeded or none was made
  std::optional<absl::Time> last_attempt;  // of the most recent attempt, if any
};

// Delivers pending outbox entries:
// - in outbox id order; an entry waits while an earlier entry of the same complaint is
//   undelivered (per-complaint order), but never for another complaint's;
// - OK or ALREADY_EXISTS from the transport marks the entry delivered;
// - any other result records the failed attempt in the store and schedules the next one with
//   capped exponential backoff and full jitter (schedules are in memory: a restart retries at
//   once);
// - every call carries a deadline of now + call_timeout.
// Logs one info line per delivery, a warning for an entry's 1st, 2nd, 4th, 8th, ... consecutive
// failure, and "handoff backlog" (pending, oldest_age_seconds) every backlog_log_interval while
// entries are pending.
//
// Thread-safe: Notify and Backlog may be called from any thread at any time. RunOnce must not run
// concurrently with itself or between Start and Stop.
class HandoffSender {
 public:
  // REQUIRES: every reference outlives this object.
  HandoffSender(IntakeStore& store, const Clock& clock, HandoffTransport& transport,
                JitterSource& jitter, HandoffSenderOptions options = {});
  ~HandoffSender();  // Stops if started.
  HandoffSender(const HandoffSender&) = delete;
  HandoffSender& operator=(const HandoffSender&) = delete;

  // One pass: attempts every pending entry that is due and not held back by its complaint's
  // order. Returns a store failure (reading the outbox, or recording a result); a transport
  // failure is an attempt's result, not an error of the pass. Attempts nothing once Stop has
  // been called.
  absl::Status RunOnce();
  // When the next pass has work, by the clock: the earliest scheduled retry (now, when the last
  // pass left entries unread), or InfiniteFuture when nothing is waiting for one.
  absl::Time NextDue() const;

  // Starts the background thread: a pass now, then one whenever an entry falls due, Notify is
  // called, or idle_poll_interval passes. REQUIRES: not started.
  void Start();
  // Wakes the background thread for a pass soon: call after recording a new hand-off.
  void Notify();
  // Stops the background thread and waits for it: promptly, interrupting any wait and
  // cancelling a call in flight (an interrupted delivery is retried after the next start).
  // Idempotent.
  void Stop();

  // The backlog now: pending entries read from the store, and this sender's counters.
  absl::StatusOr<HandoffBacklog> Backlog() const;

 private:
  struct Schedule {
    int failures = 0;  // consecutive
    absl::Time next_attempt = absl::InfinitePast();
  };
  enum class Outcome { kDelivered, kFailed, kNotDue };

  Outcome Attempt(const OutboxEntry& entry, absl::Status& store_error);
  void RecordFailure(const OutboxEntry& entry, const absl::Status& delivery, absl::Time started,
                     absl::Status& store_error);
  absl::Duration BackoffCeiling(int failures) const;
  // Drops the schedules of entries no longer pending (`listed` holds the pending ids read, all of
  // them when `listed_all`).
  void ForgetUnlisted(const std::set<int64_t>& listed, bool listed_all);
  void MaybeLogBacklog(int64_t pending, std::optional<absl::Time> oldest);
  void UpdateNextDue(bool more_to_read);
  bool StopRequested() const;
  bool WokenLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Loop();

  IntakeStore& store_;
  const Clock& clock_;
  HandoffTransport& transport_;
  JitterSource& jitter_;
  const HandoffSenderOptions options_;

  // Touched only by RunOnce and the background thread (one thread at a time).
  std::map<int64_t, Schedule> schedules_;  // by outbox id
  // While entries are pending: when the backlog was last logged, or formed.
  std::optional<absl::Time> last_backlog_log_;

  mutable absl::Mutex mu_;
  absl::Time next_due_ ABSL_GUARDED_BY(mu_) = absl::InfiniteFuture();
  int64_t delivered_total_ ABSL_GUARDED_BY(mu_) = 0;
  std::string last_error_ ABSL_GUARDED_BY(mu_);
  std::optional<absl::Time> last_attempt_ ABSL_GUARDED_BY(mu_);
  bool notified_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::unique_ptr<std::thread> thread_ ABSL_GUARDED_BY(mu_);
};

}  // namespace redress::intake
