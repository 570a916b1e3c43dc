// A schema step, the unit of a service's numbered migrations. The same list of versions applies on
// SQLite (common/store/sqlite/sqlite.h, recorded in PRAGMA user_version) and on PostgreSQL
// (common/store/postgres/migrations.h, recorded in a schema_version table).
#pragma once

#include <string>

namespace redress {

// One schema step. `sql` may hold several statements; it runs in one transaction together with
// recording `version` as the schema's version.
struct Migration {
  int version = 0;
  std::string sql;
};

}  // namespace redress
