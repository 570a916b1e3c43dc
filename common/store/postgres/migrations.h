// Schema migrations for a service's PostgreSQL database: the same Migration{version, sql} list as
// the SQLite stores use, applied at start-up in order, each in its own transaction, safely when
// several replicas start at once.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "common/store/migration.h"
#include "common/store/postgres/pool.h"

namespace redress::pg {

// Brings the database of `pool` up to the last of `migrations`:
// - the applied versions are recorded in a table `schema_migrations` (version BIGINT PRIMARY KEY,
//   applied_at TIMESTAMPTZ), created if missing;
// - each migration above the recorded version runs in its own READ COMMITTED transaction together
//   with recording its version; `sql` may hold several statements (it runs through the simple
//   query protocol), and everything in it must be allowed in a transaction block (so not CREATE
//   INDEX CONCURRENTLY);
// - every one of those transactions first takes the transaction-scoped advisory lock
//   MigrationLockKey(lock_name), so replicas starting together apply each migration once: one
//   applies it, the others wait for the lock and then see it recorded. (Transaction-scoped, not
//   session-scoped, so that it also holds through PgBouncer in transaction-pooling mode.)
//
// Compatibility: the SQL is plain (CREATE TABLE IF NOT EXISTS, MAX, INSERT) except the advisory
// lock, which PostgreSQL-compatible distributed databases have long lacked (CockroachDB's
// pg_advisory_xact_lock was missing or a no-op stub until transaction-level advisory locks came
// in 2026). On such a database, apply migrations from one replica (or a one-off job) before
// starting the others.
//
// FAILED_PRECONDITION if the database records a version newer than the last migration (it was
// written by newer code); INVALID_ARGUMENT if the versions are not strictly increasing from 1 or
// more; a failing migration's error otherwise (the migrations before it stay applied).
absl::Status Migrate(Pool& pool, std::string_view lock_name,
                     const std::vector<Migration>& migrations);

// The advisory lock key for `lock_name` (e.g. "redress.intake"): a 64-bit FNV-1a hash of the
// name, the same in every process and build.
int64_t MigrationLockKey(std::string_view lock_name);

}  // namespace redress::pg
