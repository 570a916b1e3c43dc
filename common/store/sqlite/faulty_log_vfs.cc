#include "common/store/sqlite/faulty_log_vfs.h"

#include <sqlite3.h>

#include <atomic>

#include "absl/synchronization/mutex.h"

namespace redress::testing {
namespace {

// What a log write returns instead of writing; SQLITE_OK to write.
std::atomic<int> log_write_error{SQLITE_OK};
sqlite3_vfs* default_vfs = nullptr;
sqlite3_vfs faulty_vfs;
// Written once, by the first open of a log (databases are opened one at a time in the tests).
const sqlite3_io_methods* log_methods = nullptr;
sqlite3_io_methods faulty_log_methods;

absl::Mutex stall_mu;
bool stall_syncs ABSL_GUARDED_BY(stall_mu) = false;
int stalled_syncs ABSL_GUARDED_BY(stall_mu) = 0;

int FaultyLogWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  const int error = log_write_error.load();
  if (error != SQLITE_OK) return error;
  return log_methods->xWrite(file, data, amount, offset);
}

int StallableLogSync(sqlite3_file* file, int flags) {
  {
    absl::MutexLock lock(&stall_mu);
    if (stall_syncs) {
      ++stalled_syncs;
      stall_mu.Await(absl::Condition(
          +[](bool* stall) { return !*stall; }, &stall_syncs));
      --stalled_syncs;
    }
  }
  return log_methods->xSync(file, flags);
}

// Opens through the default VFS; a log gets the default methods but for xWrite and xSync.
int FaultyOpen(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  const int rc = default_vfs->xOpen(default_vfs, name, file, flags, out_flags);
  if (rc != SQLITE_OK || (flags & SQLITE_OPEN_WAL) == 0 || file->pMethods == nullptr) return rc;
  if (log_methods == nullptr) {
    log_methods = file->pMethods;
    faulty_log_methods = *log_methods;
    faulty_log_methods.xWrite = FaultyLogWrite;
    faulty_log_methods.xSync = StallableLogSync;
  }
  if (file->pMethods == log_methods) file->pMethods = &faulty_log_methods;
  return rc;
}

}  // namespace

bool InstallFaultyLogVfs() {
  static const bool installed = [] {
    default_vfs = sqlite3_vfs_find(nullptr);
    if (default_vfs == nullptr) return false;
    faulty_vfs = *default_vfs;
    faulty_vfs.zName = "redress-faulty-log";
    faulty_vfs.pNext = nullptr;
    faulty_vfs.xOpen = FaultyOpen;
    return sqlite3_vfs_register(&faulty_vfs, /*makeDflt=*/1) == SQLITE_OK;
  }();
  return installed;
}

void FailLogWrites(bool fail) { log_write_error.store(fail ? SQLITE_FULL : SQLITE_OK); }

void FailLogWritesWithIoError(bool fail) {
  log_write_error.store(fail ? SQLITE_IOERR_WRITE : SQLITE_OK);
}

void StallLogSyncs(bool stall) {
  absl::MutexLock lock(&stall_mu);
  stall_syncs = stall;
}

int StalledLogSyncs() {
  absl::MutexLock lock(&stall_mu);
  return stalled_syncs;
}

}  // namespace redress::testing
