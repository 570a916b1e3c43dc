// Delivery of a transactional outbox to the next service (DESIGN §1), the same rules for every
// service: a background sender that hands each record over until the receiver acknowledges it,
// retrying with capped exponential backoff and full jitter, in id order per order key. Intake
// delivers acceptances to investigation with it, investigation final decisions to remedy. The
// source, transport (common/outbox.h), clock and jitter are injected, so the rules are tested
// without gRPC, threads or sleeps (RunOnce).
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
#include "common/metrics/metrics.h"
#include "common/outbox.h"

namespace redress {

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

struct OutboxSenderOptions {
  // Every call's deadline is this far from its start.
  absl::Duration call_timeout = absl::Seconds(5);
  // A record that failed n times (n >= 1) waits a jittered delay in
  // [0, min(max_backoff, initial_backoff * multiplier^(n-1))] before its next attempt.
  absl::Duration initial_backoff = absl::Milliseconds(200);
  double backoff_multiplier = 2.0;
  absl::Duration max_backoff = absl::Seconds(30);
  // While records are pending, a "handoff backlog" line is logged this often.
  absl::Duration backlog_log_interval = absl::Seconds(30);
  // Records read from the source per pass, and the most the backlog counts.
  int batch_size = 1000;
  // The background thread runs a pass at least this often even when not notified: it picks up
  // records another process wrote, and retries after a source failure.
  absl::Duration idle_poll_interval = absl::Seconds(10);
  // After the n-th pass in a row that failed on the source (the service's own database: full,
  // failing, locked), the next one is a jittered delay in [c/2, c] off, where
  // c = min(max_store_retry_interval, store_retry_interval * backoff_multiplier^(n-1)): half the
  // ceiling at least, so that a source that fails at once is not retried in a tight loop.
  absl::Duration store_retry_interval = absl::Seconds(1);
  absl::Duration max_store_retry_interval = absl::Seconds(30);
  // A record is parked after this many failed attempts that the receiver answered (any failure
  // but a delay, IsDelay in handoff_park.h); <= 0: never for that reason. Counted in memory since
  // this sender first tried the record: a restart counts afresh, which at worst retries a record
  // for another max_attempts. At the default the backoff cap makes that 15 to 25 minutes of
  // refusals: long enough to fix credentials or an access table, short enough that a record no
  // retry cures stops holding back its case within the hour.
  int max_attempts = 50;
  // The route's name in the metrics ("intake_to_investigation"): each attempt is counted and the
  // backlog read at each scrape (common/metrics). Empty: no metrics (unit tests).
  std::string metrics_name;
};

// Delivers pending outbox records:
// - in id order; a record waits while an earlier record with the same order key is undelivered
//   (e.g. per-complaint order), but never for another key's;
// - OK or ALREADY_EXISTS from the transport marks the record delivered;
// - any other result records the failed attempt in the source and schedules the next one with
//   capped exponential backoff and full jitter (schedules are in memory: a restart retries at
//   once), unless ParkAfterFailure (handoff_park.h) parks the record: a permanent refusal, or
//   max_attempts answered failures;
// - a record whose payload the source could not decode is parked without an attempt;
// - a parked record is no longer read (OutboxSource::Park), and neither is a later record of its
//   order key: other keys' records go on being delivered;
// - every call carries a deadline of now + call_timeout.
// - a pass that fails on the source is retried with capped exponential backoff and jitter
//   (store_retry_interval), not at a fixed rate.
// Logs one info line per delivery, a warning for a record's 1st, 2nd, 4th, 8th, ... consecutive
// failure, one "handoff parked" warning when it parks a record, and "handoff backlog" (pending,
// oldest_age_seconds) every backlog_log_interval while records are pending; an error for the 1st,
// 2nd, 4th, 8th, ... consecutive pass that failed on the source, and one info line when a pass
// succeeds after such failures.
//
// Thread-safe: Notify and Backlog may be called from any thread at any time. RunOnce must not run
// concurrently with itself or between Start and Stop.
class OutboxSender {
 public:
  // REQUIRES: every reference outlives this object.
  OutboxSender(OutboxSource& source, const Clock& clock, OutboxTransport& transport,
               JitterSource& jitter, OutboxSenderOptions options = {});
  ~OutboxSender();  // Stops if started.
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  // One pass: attempts every pending record that is due and not held back by its order key.
  // Returns a source failure (reading the outbox, or recording a result); a transport
  // failure is an attempt's result, not an error of the pass. Attempts nothing once Stop has
  // been called.
  absl::Status RunOnce();
  // When the next pass has work, by the clock: the earliest scheduled retry (now, when the last
  // pass left records unread), or InfiniteFuture when nothing is waiting for one; after a pass
  // that failed on the source, when to try the source again (see store_retry_interval).
  absl::Time NextDue() const;

  // Starts the background thread: a pass now, then one whenever a record falls due, Notify is
  // called, or idle_poll_interval passes. REQUIRES: not started.
  void Start();
  // Wakes the background thread for a pass soon: call after recording a new hand-off.
  void Notify();
  // Stops the background thread and waits for it: promptly, interrupting any wait and
  // cancelling a call in flight (an interrupted delivery is retried after the next start).
  // Idempotent.
  void Stop();

  // The backlog now: pending and parked records read from the source, and this sender's counters.
  absl::StatusOr<OutboxBacklog> Backlog() const;

 private:
  struct Schedule {
    int failures = 0;           // consecutive
    int answered_failures = 0;  // of those, the ones that were not delays (IsDelay)
    absl::Time next_attempt = absl::InfinitePast();
  };
  enum class Outcome { kDelivered, kFailed, kNotDue, kParked };

  // RunOnce but for the accounting of source failures.
  absl::Status Pass();
  Outcome Attempt(const OutboxRecord& record, absl::Status& source_error);
  Outcome RecordFailure(const OutboxRecord& record, const absl::Status& delivery,
                        absl::Time started, absl::Status& source_error);
  // Parks `record` for `reason` with `error` and says so once (log, metric).
  absl::Status Park(const OutboxRecord& record, ParkReason reason, const std::string& error);
  absl::Duration BackoffCeiling(int failures) const;
  // Counts a pass that failed on the source, logs it (1st, 2nd, 4th, ...) and schedules the next
  // pass after its backoff.
  void RecordSourceFailure(const absl::Status& failure);
  // Ends a run of source failures, if there was one, with a line saying so.
  void RecordSourceSuccess();
  // Drops the schedules of records no longer pending (`listed` holds the pending ids read, all of
  // them when `listed_all`).
  void ForgetUnlisted(const std::set<int64_t>& listed, bool listed_all);
  void MaybeLogBacklog(int64_t pending, std::optional<absl::Time> oldest);
  void UpdateNextDue(bool more_to_read);
  bool StopRequested() const;
  bool WokenLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Loop();

  OutboxSource& source_;
  const Clock& clock_;
  OutboxTransport& transport_;
  JitterSource& jitter_;
  const OutboxSenderOptions options_;

  // Touched only by RunOnce and the background thread (one thread at a time).
  std::map<int64_t, Schedule> schedules_;  // by record id
  // While records are pending: when the backlog was last logged, or formed.
  std::optional<absl::Time> last_backlog_log_;
  int source_failures_ = 0;  // passes in a row that failed on the source

  mutable absl::Mutex mu_;
  absl::Time next_due_ ABSL_GUARDED_BY(mu_) = absl::InfiniteFuture();
  int64_t delivered_total_ ABSL_GUARDED_BY(mu_) = 0;
  std::string last_error_ ABSL_GUARDED_BY(mu_);
  std::optional<absl::Time> last_attempt_ ABSL_GUARDED_BY(mu_);
  bool notified_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::unique_ptr<std::thread> thread_ ABSL_GUARDED_BY(mu_);

  // With options_.metrics_name. The hook is declared last, so it is removed first: no scrape reads
  // the backlog of a sender being destroyed.
  std::unique_ptr<metrics::HandoffMetrics> metrics_;
  std::unique_ptr<metrics::ScrapeHook> backlog_hook_;
};

}  // namespace redress
