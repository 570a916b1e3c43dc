// Test support: a SQLite VFS whose write-ahead log writes can be made to fail, for a COMMIT that
// fails as on a full disk or a failing device, and whose log syncs can be made to hang, as on a
// stalled disk; on a real database file.
#pragma once

namespace redress::testing {

// Makes the faulty VFS the default of this process, for every database opened from now on: the
// default VFS, except that log writes fail and log syncs hang while told to. False if SQLite
// refuses it. Call it before opening the databases it should apply to.
bool InstallFaultyLogVfs();

// While `fail`, writes to a write-ahead log fail with SQLITE_FULL. A COMMIT writes the
// transaction's pages to the log, so it fails; statements before it (short of filling the page
// cache) do not write to the log.
void FailLogWrites(bool fail);
// The same with SQLITE_IOERR_WRITE, as a device that reports an I/O error.
void FailLogWritesWithIoError(bool fail);

// While `stall`, a sync of a write-ahead log (each COMMIT's, with synchronous=FULL) waits until
// StallLogSyncs(false), then syncs. StalledLogSyncs: how many are waiting now.
void StallLogSyncs(bool stall);
int StalledLogSyncs();

}  // namespace redress::testing
