#include "common/store/sqlite/faulty_log_vfs.h"

#include <sqlite3.h>

#include <atomic>

namespace redress::testing {
namespace {

// Written once, by the first open of a log (databases are opened one at a time in the tests).
std::atomic<bool> fail_log_writes{false};
sqlite3_vfs* default_vfs = nullptr;
sqlite3_vfs faulty_vfs;
const sqlite3_io_methods* log_methods = nullptr;
sqlite3_io_methods faulty_log_methods;

int FaultyLogWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  if (fail_log_writes.load()) return SQLITE_FULL;
  return log_methods->xWrite(file, data, amount, offset);
}

// Opens through the default VFS; a log gets the default methods but for xWrite.
int FaultyOpen(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  const int rc = default_vfs->xOpen(default_vfs, name, file, flags, out_flags);
  if (rc != SQLITE_OK || (flags & SQLITE_OPEN_WAL) == 0 || file->pMethods == nullptr) return rc;
  if (log_methods == nullptr) {
    log_methods = file->pMethods;
    faulty_log_methods = *log_methods;
    faulty_log_methods.xWrite = FaultyLogWrite;
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

void FailLogWrites(bool fail) { fail_log_writes.store(fail); }

}  // namespace redress::testing
