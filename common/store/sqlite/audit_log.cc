#include "common/store/sqlite/audit_log.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"

namespace redress {
namespace {

constexpr char kEntryColumns[] =
    "sequence, time, actor, rpc, resource, request_id, before_digest, after_digest, "
    "previous_hash, hash";

}  // namespace

absl::StatusOr<std::string> SqliteStateDigest(Connection& connection,
                                              const std::vector<ResourceRows>& parts) {
  audit::StateDigest digest;
  for (const ResourceRows& part : parts) {
    ASSIGN_OR_RETURN(Statement select, connection.Prepare(absl::StrCat(
                                           "SELECT * FROM ", std::string(part.table), " WHERE ",
                                           std::string(part.key_column), " = ?1")));
    select.Bind(1, part.key);
    while (true) {
      ASSIGN_OR_RETURN(bool has_row, select.Step());
      if (!has_row) break;
      digest.BeginRow(part.table);
      for (int column = 0; column < select.ColumnCount(); ++column) {
        digest.AddColumn(select.ColumnName(column), select.ColumnText(column),
                         select.IsNull(column));
      }
    }
  }
  return digest.Digest();
}

absl::Status AppendAuditEntry(Connection& connection, const audit::AuditCall& call,
                              const audit::AuditChange& change, absl::Time now) {
  audit::AuditEntry entry;
  entry.sequence = 1;
  entry.previous_hash = std::string(audit::kGenesisHash);
  {
    ASSIGN_OR_RETURN(Statement head, connection.Prepare("SELECT sequence, hash FROM audit_log "
                                                        "ORDER BY sequence DESC LIMIT 1"));
    ASSIGN_OR_RETURN(bool found, head.Step());
    if (found) {
      entry.sequence = head.ColumnInt64(0) + 1;
      entry.previous_hash = head.ColumnText(1);
    }
  }
  {
    ASSIGN_OR_RETURN(Statement before,
                     connection.Prepare("SELECT after_digest FROM audit_log WHERE resource = ?1 "
                                        "ORDER BY sequence DESC LIMIT 1"));
    ASSIGN_OR_RETURN(bool found, before.Bind(1, change.resource).Step());
    if (found) entry.before_digest = before.ColumnText(0);
  }
  entry.time = audit::FormatAuditTime(now);
  entry.actor = call.actor;
  entry.rpc = call.rpc;
  entry.resource = change.resource;
  entry.request_id = change.request_id;
  entry.after_digest = change.after_digest;
  entry.hash = audit::AuditEntryHash(entry);
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare(absl::StrCat("INSERT INTO audit_log (", kEntryColumns,
                                                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                                                   "?10)")));
  insert.Bind(1, entry.sequence).Bind(2, entry.time).Bind(3, entry.actor).Bind(4, entry.rpc);
  insert.Bind(5, entry.resource).Bind(6, entry.request_id).Bind(7, entry.before_digest);
  insert.Bind(8, entry.after_digest).Bind(9, entry.previous_hash).Bind(10, entry.hash);
  return insert.Run();
}

absl::Status AppendAuditedChange(Connection& connection, std::string_view service,
                                 std::string resource, std::string_view request_id,
                                 const std::vector<ResourceRows>& rows) {
  ASSIGN_OR_RETURN(std::string digest, SqliteStateDigest(connection, rows));
  return AppendAuditEntry(
      connection, audit::CurrentAuditCall(audit::SystemAuditCall(service)),
      audit::AuditChange{std::move(resource), std::string(request_id), std::move(digest)},
      absl::Now());
}

absl::StatusOr<std::vector<audit::AuditEntry>> ListAuditEntries(Connection& connection,
                                                                int64_t after_sequence, int limit) {
  std::vector<audit::AuditEntry> entries;
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare(absl::StrCat("SELECT ", kEntryColumns,
                                                   " FROM audit_log WHERE sequence > ?1 "
                                                   "ORDER BY sequence LIMIT ?2")));
  select.Bind(1, after_sequence).Bind(2, limit);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return entries;
    audit::AuditEntry entry;
    entry.sequence = select.ColumnInt64(0);
    entry.time = select.ColumnText(1);
    entry.actor = select.ColumnText(2);
    entry.rpc = select.ColumnText(3);
    entry.resource = select.ColumnText(4);
    entry.request_id = select.ColumnText(5);
    entry.before_digest = select.ColumnText(6);
    entry.after_digest = select.ColumnText(7);
    entry.previous_hash = select.ColumnText(8);
    entry.hash = select.ColumnText(9);
    entries.push_back(std::move(entry));
  }
}

}  // namespace redress
