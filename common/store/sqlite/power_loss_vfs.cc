#include "common/store/sqlite/power_loss_vfs.h"

#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace redress::testing {
namespace {

// What the disk holds of a file for certain: its contents at its last sync.
struct DurableFile {
  std::optional<std::string> contents;  // nullopt: the file did not exist
};

// An open file of ours: its name and the default VFS's methods for it.
struct OpenFile {
  std::string path;
  const sqlite3_io_methods* methods = nullptr;
};

absl::Mutex mu;
bool power_cut ABSL_GUARDED_BY(mu) = false;
int durable_syncs ABSL_GUARDED_BY(mu) = 0;
std::map<std::string, DurableFile> durable ABSL_GUARDED_BY(mu);          // by path
std::map<const sqlite3_file*, OpenFile> open_files ABSL_GUARDED_BY(mu);  // tracked ones only
// One table of methods per table of the default VFS: ours but for the overridden calls.
std::map<const sqlite3_io_methods*, std::unique_ptr<sqlite3_io_methods>> wrapped_methods
    ABSL_GUARDED_BY(mu);

sqlite3_vfs* default_vfs = nullptr;
sqlite3_vfs power_loss_vfs;

std::optional<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const sqlite3_io_methods* MethodsOf(sqlite3_file* file) {
  absl::MutexLock lock(&mu);
  return open_files.at(file).methods;
}

bool Cut() {
  absl::MutexLock lock(&mu);
  return power_cut;
}

int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  if (Cut()) return SQLITE_OK;
  return MethodsOf(file)->xWrite(file, data, amount, offset);
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  if (Cut()) return SQLITE_OK;
  return MethodsOf(file)->xTruncate(file, size);
}

int Sync(sqlite3_file* file, int flags) {
  absl::MutexLock lock(&mu);  // held across the sync: a cut is before it or after it
  if (power_cut) return SQLITE_OK;
  const OpenFile& open = open_files.at(file);
  const int rc = open.methods->xSync(file, flags);
  if (rc != SQLITE_OK) return rc;
  // Every write went through to the file: what it holds now is what the sync made durable.
  durable[open.path].contents = ReadWholeFile(open.path);
  ++durable_syncs;
  return rc;
}

int Close(sqlite3_file* file) {
  const sqlite3_io_methods* methods;
  {
    absl::MutexLock lock(&mu);
    auto it = open_files.find(file);
    methods = it->second.methods;
    open_files.erase(it);
  }
  return methods->xClose(file);
}

int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  const int rc = default_vfs->xOpen(default_vfs, name, file, flags, out_flags);
  constexpr int kTracked = SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL;
  if (rc != SQLITE_OK || name == nullptr || (flags & kTracked) == 0 || file->pMethods == nullptr) {
    return rc;
  }
  absl::MutexLock lock(&mu);
  const sqlite3_io_methods* methods = file->pMethods;
  std::unique_ptr<sqlite3_io_methods>& wrapped = wrapped_methods[methods];
  if (wrapped == nullptr) {
    wrapped = std::make_unique<sqlite3_io_methods>(*methods);
    wrapped->xWrite = Write;
    wrapped->xTruncate = Truncate;
    wrapped->xSync = Sync;
    wrapped->xClose = Close;
  }
  file->pMethods = wrapped.get();
  open_files[file] = OpenFile{name, methods};
  // First seen: what is on the disk now is durable (it was there before the test wrote).
  if (durable.count(name) == 0) durable[name].contents = ReadWholeFile(name);
  return rc;
}

int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  {
    absl::MutexLock lock(&mu);
    if (power_cut) return SQLITE_OK;
    durable[name].contents.reset();
  }
  return default_vfs->xDelete(default_vfs, name, sync_dir);
}

}  // namespace

bool InstallPowerLossVfs() {
  static const bool installed = [] {
    default_vfs = sqlite3_vfs_find(nullptr);
    if (default_vfs == nullptr) return false;
    power_loss_vfs = *default_vfs;
    power_loss_vfs.zName = "redress-power-loss";
    power_loss_vfs.pNext = nullptr;
    power_loss_vfs.xOpen = Open;
    power_loss_vfs.xDelete = Delete;
    return sqlite3_vfs_register(&power_loss_vfs, /*makeDflt=*/1) == SQLITE_OK;
  }();
  return installed;
}

void CutPower() {
  absl::MutexLock lock(&mu);
  power_cut = true;
}

bool PowerIsCut() { return Cut(); }

void RestorePower() {
  absl::MutexLock lock(&mu);
  for (const auto& [path, file] : durable) {
    if (!file.contents.has_value()) {
      std::remove(path.c_str());
      continue;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(file.contents->data(), static_cast<std::streamsize>(file.contents->size()));
  }
  durable.clear();
  power_cut = false;
}

int DurableSyncs() {
  absl::MutexLock lock(&mu);
  return durable_syncs;
}

}  // namespace redress::testing
