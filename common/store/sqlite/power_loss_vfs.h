// Test support: a SQLite VFS that loses, on a simulated power failure, every write the operating
// system had not been told to make durable. It passes everything through to the default VFS and
// remembers, for each database, log and journal file, its contents as of its last xSync (or as it
// was when first opened). CutPower() stops every later write, sync, truncation and deletion from
// reaching the disk, as a machine that has lost power; RestorePower(), once the databases are
// closed, puts each file back to its last synced contents, as the disk would hold them when the
// machine starts again. (Directory entries count as durable at once: a file's creation or
// deletion is never lost; only its contents are.)
#pragma once

namespace redress::testing {

// Makes the power-loss VFS the default of this process, for every database opened from now on.
// False if SQLite refuses it. Call it before opening the databases it should apply to.
bool InstallPowerLossVfs();

// From now on no write, sync, truncation or deletion reaches the disk (each reports success, as
// a machine losing power reports nothing). Reads still see what the process wrote before.
void CutPower();
bool PowerIsCut();

// REQUIRES: CutPower() was called and every database opened since InstallPowerLossVfs() is
// closed. Puts every file the VFS has seen back to its contents as of its last sync, forgets
// them, and lets writes through again.
void RestorePower();

// How many syncs the VFS has passed through (made durable) since it was installed.
int DurableSyncs();

}  // namespace redress::testing
