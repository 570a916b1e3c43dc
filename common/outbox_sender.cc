#include "common/outbox_sender.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "common/handoff_park.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "common/trace_context.h"

namespace redress {
namespace {

// The longest error kept per attempt (in the store and the status RPC).
constexpr size_t kMaxErrorBytes = 1000;

// "UNAVAILABLE: failed to connect" without the status's binary payloads, cut to kMaxErrorBytes
// at a UTF-8 character boundary.
std::string ErrorText(const absl::Status& status) {
  std::string text = absl::StatusCodeToString(status.code()) + ": " + std::string(status.message());
  if (text.size() <= kMaxErrorBytes) return text;
  size_t end = kMaxErrorBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

bool IsPowerOfTwo(int n) { return n > 0 && (n & (n - 1)) == 0; }

long long WholeSeconds(absl::Duration d) { return absl::ToInt64Seconds(d); }

}  // namespace

// --- RandomJitter. ---

RandomJitter::RandomJitter() : engine_(std::random_device()()) {}

absl::Duration RandomJitter::Draw(absl::Duration ceiling) {
  if (ceiling <= absl::ZeroDuration()) return absl::ZeroDuration();
  std::uniform_int_distribution<int64_t> nanos(0, absl::ToInt64Nanoseconds(ceiling));
  absl::MutexLock lock(&mu_);
  return absl::Nanoseconds(nanos(engine_));
}

// --- OutboxSender. ---

OutboxSender::OutboxSender(OutboxSource& source, const Clock& clock, OutboxTransport& transport,
                           JitterSource& jitter, OutboxSenderOptions options)
    : source_(source),
      clock_(clock),
      transport_(transport),
      jitter_(jitter),
      options_(std::move(options)) {
  if (options_.metrics_name.empty()) return;
  metrics_ = std::make_unique<metrics::HandoffMetrics>(options_.metrics_name);
  // The backlog as the database has it at each scrape, whichever replica delivers: every replica
  // of a service reports the same shared outbox.
  backlog_hook_ = std::make_unique<metrics::ScrapeHook>([this] {
    absl::StatusOr<OutboxBacklog> backlog = Backlog();
    if (!backlog.ok()) return;  // counted as a store error where it happened
    const absl::Time oldest = backlog->oldest_create_time.value_or(backlog->as_of);
    metrics_->SetBacklog(backlog->pending,
                         std::max(0.0, absl::ToDoubleSeconds(backlog->as_of - oldest)),
                         backlog->parked);
  });
}

OutboxSender::~OutboxSender() { Stop(); }

absl::Status OutboxSender::RunOnce() {
  absl::Status pass = Pass();
  if (pass.ok()) {
    RecordSourceSuccess();
  } else {
    RecordSourceFailure(pass);
  }
  return pass;
}

absl::Status OutboxSender::Pass() {
  ASSIGN_OR_RETURN(std::vector<OutboxRecord> pending, source_.ClaimPending(options_.batch_size));
  std::set<std::string> held;  // order keys with an undelivered record earlier in this pass
  std::set<int64_t> listed;
  int64_t remaining = 0;
  int64_t finished = 0;  // delivered or parked: no longer pending
  std::optional<absl::Time> oldest;
  for (const OutboxRecord& record : pending) {
    listed.insert(record.id);
    Outcome outcome = Outcome::kNotDue;
    if (held.count(record.order_key) == 0 && !StopRequested()) {
      absl::Status source_error;
      outcome = Attempt(record, source_error);
      RETURN_IF_ERROR(source_error);
    }
    if (outcome == Outcome::kDelivered || outcome == Outcome::kParked) {
      ++finished;
      // A parked record holds its key's later records back, in this pass as in the source's.
      if (outcome == Outcome::kParked) held.insert(record.order_key);
      continue;
    }
    held.insert(record.order_key);
    ++remaining;
    oldest = std::min(oldest.value_or(record.create_time), record.create_time);
  }
  const bool listed_all = static_cast<int>(pending.size()) < options_.batch_size;
  ForgetUnlisted(listed, listed_all);
  MaybeLogBacklog(remaining, oldest);
  UpdateNextDue(/*more_to_read=*/!listed_all && finished > 0);
  return absl::OkStatus();
}

OutboxSender::Outcome OutboxSender::Attempt(const OutboxRecord& record,
                                            absl::Status& source_error) {
  auto schedule = schedules_.find(record.id);
  const absl::Time start = clock_.Now();
  if (schedule != schedules_.end() && schedule->second.next_attempt > start) {
    return Outcome::kNotDue;
  }
  if (!record.payload_error.ok()) {  // it can never be sent: no attempt, and nothing to retry
    source_error = Park(record, ParkReason::kUndecodable, ErrorText(record.payload_error));
    return source_error.ok() ? Outcome::kParked : Outcome::kFailed;
  }
  // The attempt is a span of the trace of the call that recorded the hand-off: the receiver's
  // lines, and this sender's about it, carry that trace id (trace_context.h).
  const ScopedTrace trace(ContinueOrStartTrace(record.traceparent));
  const absl::Status delivery = transport_.Deliver(record, start + options_.call_timeout);
  const absl::Time end = clock_.Now();
  if (metrics_ != nullptr) metrics_->CountAttempt(delivery.code());
  if (!delivery.ok() && !absl::IsAlreadyExists(delivery)) {
    return RecordFailure(record, delivery, start, source_error);
  }
  source_error = source_.MarkDelivered(record.id, end);
  if (!source_error.ok()) return Outcome::kFailed;  // delivered again after the next read: harmless
  schedules_.erase(record.id);
  {
    absl::MutexLock lock(&mu_);
    ++delivered_total_;
    last_error_.clear();
    last_attempt_ = start;
  }
  Log(LogLevel::kInfo, "handoff delivered",
      {{"handoff_key", record.handoff_key},
       {"outbox_id", static_cast<long long>(record.id)},
       {"attempts", record.attempts + 1},
       {"outcome", delivery.ok() ? "OK" : "ALREADY_EXISTS"},
       {"wait_seconds", WholeSeconds(end - record.create_time)}});
  return Outcome::kDelivered;
}

OutboxSender::Outcome OutboxSender::RecordFailure(const OutboxRecord& record,
                                                  const absl::Status& delivery, absl::Time start,
                                                  absl::Status& source_error) {
  std::string error = ErrorText(delivery);
  Schedule& schedule = schedules_[record.id];
  ++schedule.failures;
  if (!IsDelay(delivery.code())) ++schedule.answered_failures;
  {
    absl::MutexLock lock(&mu_);
    last_error_ = error;
    last_attempt_ = start;
  }
  source_error = source_.RecordFailedAttempt(record.id, start, error);
  if (!source_error.ok()) return Outcome::kFailed;
  const std::optional<ParkReason> park =
      ParkAfterFailure(delivery, schedule.answered_failures, options_.max_attempts);
  if (park.has_value()) {
    source_error = Park(record, *park, error);
    return source_error.ok() ? Outcome::kParked : Outcome::kFailed;
  }
  const absl::Duration delay = jitter_.Draw(BackoffCeiling(schedule.failures));
  schedule.next_attempt = clock_.Now() + delay;
  if (IsPowerOfTwo(schedule.failures)) {  // 1st, 2nd, 4th, 8th, ...: bounded noise per record
    Log(LogLevel::kWarning, "handoff delivery failed",
        {{"handoff_key", record.handoff_key},
         {"outbox_id", static_cast<long long>(record.id)},
         {"consecutive_failures", schedule.failures},
         {"error", error},
         {"retry_in_ms", static_cast<long long>(absl::ToInt64Milliseconds(delay))}});
  }
  return Outcome::kFailed;
}

absl::Status OutboxSender::Park(const OutboxRecord& record, ParkReason reason,
                                const std::string& error) {
  RETURN_IF_ERROR(source_.Park(record.id, clock_.Now(), reason, error));
  schedules_.erase(record.id);
  if (metrics_ != nullptr) metrics_->CountParking(ParkReasonName(reason));
  // Once per parking: the record is not read again until an operator re-drives it.
  Log(LogLevel::kWarning, "handoff parked",
      {{"handoff_key", record.handoff_key},
       {"outbox_id", static_cast<long long>(record.id)},
       {"reason", std::string(ParkReasonName(reason))},
       {"error", error},
       {"order_key", record.order_key}});
  return absl::OkStatus();
}

absl::Duration OutboxSender::BackoffCeiling(int failures) const {
  absl::Duration ceiling = options_.initial_backoff;
  for (int i = 1; i < failures && ceiling < options_.max_backoff; ++i) {
    ceiling = ceiling * options_.backoff_multiplier;
  }
  return std::min(ceiling, options_.max_backoff);
}

void OutboxSender::RecordSourceFailure(const absl::Status& failure) {
  ++source_failures_;
  absl::Duration ceiling = options_.store_retry_interval;
  for (int i = 1; i < source_failures_ && ceiling < options_.max_store_retry_interval; ++i) {
    ceiling = ceiling * options_.backoff_multiplier;
  }
  ceiling = std::min(ceiling, options_.max_store_retry_interval);
  const absl::Duration delay = ceiling / 2 + jitter_.Draw(ceiling / 2);
  if (IsPowerOfTwo(source_failures_)) {  // 1st, 2nd, 4th, 8th, ...: bounded noise
    Log(LogLevel::kError, "handoff pass failed: the outbox could not be read or updated",
        {{"error", ErrorText(failure)},
         {"consecutive_failures", source_failures_},
         {"retry_in_ms", static_cast<long long>(absl::ToInt64Milliseconds(delay))}});
  }
  const absl::Time due = clock_.Now() + delay;
  absl::MutexLock lock(&mu_);
  next_due_ = due;
}

void OutboxSender::RecordSourceSuccess() {
  if (source_failures_ == 0) return;
  Log(LogLevel::kInfo, "handoff passes succeed again", {{"failed_passes", source_failures_}});
  source_failures_ = 0;
}

void OutboxSender::ForgetUnlisted(const std::set<int64_t>& listed, bool listed_all) {
  for (auto it = schedules_.begin(); it != schedules_.end();) {
    // Without a complete list, an unlisted id may simply lie beyond this batch.
    const bool gone = listed.count(it->first) == 0 &&
                      (listed_all || (!listed.empty() && it->first < *listed.rbegin()));
    it = gone ? schedules_.erase(it) : std::next(it);
  }
}

void OutboxSender::MaybeLogBacklog(int64_t pending, std::optional<absl::Time> oldest) {
  if (pending == 0) {
    last_backlog_log_.reset();
    return;
  }
  const absl::Time now = clock_.Now();
  if (!last_backlog_log_.has_value()) {  // the backlog has just formed: first line after a period
    last_backlog_log_ = now;
    return;
  }
  if (now - *last_backlog_log_ < options_.backlog_log_interval) return;
  last_backlog_log_ = now;
  std::string last_error;
  {
    absl::MutexLock lock(&mu_);
    last_error = last_error_;
  }
  Log(LogLevel::kWarning, "handoff backlog",
      {{"pending", static_cast<long long>(pending)},
       {"oldest_age_seconds", WholeSeconds(now - oldest.value_or(now))},
       {"last_error", last_error}});
}

void OutboxSender::UpdateNextDue(bool more_to_read) {
  absl::Time due = absl::InfiniteFuture();
  if (more_to_read) due = clock_.Now();
  for (const auto& [id, schedule] : schedules_) due = std::min(due, schedule.next_attempt);
  absl::MutexLock lock(&mu_);
  next_due_ = due;
}

absl::Time OutboxSender::NextDue() const {
  absl::MutexLock lock(&mu_);
  return next_due_;
}

absl::StatusOr<OutboxBacklog> OutboxSender::Backlog() const {
  ASSIGN_OR_RETURN(std::vector<OutboxRecord> pending, source_.ListPending(options_.batch_size));
  OutboxBacklog backlog;
  backlog.as_of = clock_.Now();
  backlog.pending = static_cast<int64_t>(pending.size());
  for (const OutboxRecord& record : pending) {
    backlog.oldest_create_time =
        std::min(backlog.oldest_create_time.value_or(record.create_time), record.create_time);
  }
  ASSIGN_OR_RETURN(backlog.parked, source_.CountParked());
  absl::MutexLock lock(&mu_);
  backlog.delivered_total = delivered_total_;
  backlog.last_error = last_error_;
  backlog.last_attempt = last_attempt_;
  return backlog;
}

// --- The background thread. ---

void OutboxSender::Start() {
  absl::MutexLock lock(&mu_);
  stopping_ = false;
  notified_ = false;
  thread_ = std::make_unique<std::thread>([this] { Loop(); });
}

void OutboxSender::Notify() {
  absl::MutexLock lock(&mu_);
  notified_ = true;
}

void OutboxSender::Stop() {
  std::unique_ptr<std::thread> thread;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    thread = std::move(thread_);
  }
  if (thread == nullptr) return;
  transport_.CancelInFlight();
  thread->join();
}

bool OutboxSender::StopRequested() const {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

bool OutboxSender::WokenLocked() const { return stopping_ || notified_; }

void OutboxSender::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopping_) return;
      notified_ = false;
    }
    // A failed pass has logged itself and set NextDue to its retry (RecordSourceFailure).
    const absl::Status pass = RunOnce();
    // Polling a failing source sooner than its backoff would only fail again.
    absl::Time wake = NextDue();
    if (pass.ok()) {
      wake = std::min(wake, clock_.Now() + options_.idle_poll_interval);
      if (last_backlog_log_.has_value()) {  // the next "handoff backlog" line
        wake = std::min(wake, *last_backlog_log_ + options_.backlog_log_interval);
      }
    }
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(this, &OutboxSender::WokenLocked),
                         std::max(wake - clock_.Now(), absl::ZeroDuration()));
  }
}

}  // namespace redress
