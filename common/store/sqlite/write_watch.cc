// The write health of a SqliteDb (sqlite.h, SqliteOptions::write_health): what its writes report
// to the StoreWriteHealth, and the background thread that probes a faulted store until it writes
// again and marks a COMMIT that takes too long as a stall.
#include <sqlite3.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"
#include "common/store/sqlite/sqlite.h"

namespace redress {

void SqliteDb::ObserveWrite(const absl::Status& status) {
  if (health_ != nullptr) health_->Observe(status);
}

absl::Status SqliteDb::TimedCommit() {
  commit_started_ns_.store(absl::ToUnixNanos(absl::Now()), std::memory_order_relaxed);
  absl::Status status = writer_.Exec("COMMIT");
  commit_started_ns_.store(0, std::memory_order_relaxed);
  if (health_ != nullptr) {
    // The stall is over as soon as the COMMIT returns, not at the watch's next look.
    absl::MutexLock lock(&stall_mu_);
    if (stall_reported_) {
      stall_reported_ = false;
      health_->SetStalled(false);
    }
  }
  return status;
}

void SqliteDb::StartWatch() {
  watch_thread_ = std::make_unique<std::thread>([this] { Watch(); });
}

void SqliteDb::StopWatch() {
  if (watch_thread_ == nullptr) return;
  {
    absl::MutexLock lock(&watch_mu_);
    watch_stopping_ = true;
  }
  watch_thread_->join();
  watch_thread_.reset();
}

void SqliteDb::Watch() {
  // Often enough to see a stall within a quarter of the threshold past it.
  const absl::Duration tick =
      std::max(std::min(probe_interval_, stall_threshold_ / 4), absl::Milliseconds(10));
  absl::Time next_probe = absl::Now() + probe_interval_;
  while (true) {
    {
      absl::MutexLock lock(&watch_mu_);
      if (watch_mu_.AwaitWithTimeout(absl::Condition(&watch_stopping_), tick)) return;
    }
    const absl::Time now = absl::Now();
    const int64_t started = commit_started_ns_.load(std::memory_order_relaxed);
    if (started != 0 && now - absl::FromUnixNanos(started) > stall_threshold_) {
      absl::MutexLock lock(&stall_mu_);
      // Unless that COMMIT has returned meanwhile (it clears the mark after its end).
      if (!stall_reported_ && commit_started_ns_.load(std::memory_order_relaxed) == started) {
        stall_reported_ = true;
        health_->SetStalled(true);
      }
      continue;  // a probe would only queue behind the stalled COMMIT
    }
    if (!health_->faulted()) {
      next_probe = now + probe_interval_;
      continue;
    }
    if (now < next_probe) continue;
    next_probe = now + probe_interval_;
    ProbeWrite().IgnoreError();  // its COMMIT, or the failure, is observed like any other write
  }
}

absl::Status SqliteDb::ProbeWrite() {
  Connection connection = Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  // Created, filled and dropped in one transaction: the pages are allocated (what a full
  // database or max_page_count refuses) and the COMMIT appends to the log (what a full disk or a
  // failing device refuses), and the schema and rows are as before.
  RETURN_IF_ERROR(
      connection.Exec("CREATE TABLE IF NOT EXISTS redress_write_probe(filler BLOB NOT NULL)"));
  {
    ASSIGN_OR_RETURN(Statement insert,
                     connection.Prepare("INSERT INTO redress_write_probe VALUES (zeroblob(?1))"));
    RETURN_IF_ERROR(insert.Bind(1, probe_bytes_).Run());
  }
  RETURN_IF_ERROR(connection.Exec("DROP TABLE redress_write_probe"));
  return transaction.Commit();
}

}  // namespace redress
