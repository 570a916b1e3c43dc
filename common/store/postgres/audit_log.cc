#include "common/store/postgres/audit_log.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/status_macros.h"
#include "common/store/postgres/params.h"
#include "common/store/postgres/result.h"
#include "common/store/postgres/row_reader.h"

namespace redress::pg {
namespace {

constexpr char kEntryColumns[] =
    "sequence, time, actor, rpc, resource, request_id, before_digest, after_digest, "
    "previous_hash, hash";

}  // namespace

absl::StatusOr<std::string> PostgresStateDigest(Connection& connection,
                                                const std::vector<ResourceRows>& parts) {
  // jsonb renders timestamptz in the session's time zone: fix it for this transaction only.
  RETURN_IF_ERROR(connection.Execute("SET LOCAL TIME ZONE 'UTC'").status());
  audit::StateDigest digest;
  for (const ResourceRows& part : parts) {
    ASSIGN_OR_RETURN(Result result,
                     connection.Execute(absl::StrCat("SELECT to_jsonb(t)::text AS r FROM ",
                                                     std::string(part.table), " t WHERE ",
                                                     std::string(part.key_column), "::text = $1"),
                                        Params().Add(part.key)));
    for (int i = 0; i < result.rows(); ++i) {
      ASSIGN_OR_RETURN(std::string row, result.row(i).Text("r"));
      digest.BeginRow(part.table);
      digest.AddColumn("", row);
    }
  }
  return digest.Digest();
}

absl::Status AppendAuditEntry(Connection& connection, const audit::AuditCall& call,
                              const audit::AuditChange& change, absl::Time now) {
  RETURN_IF_ERROR(
      connection.Execute("SELECT pg_advisory_xact_lock($1)", Params().Add(kAuditLogLockKey))
          .status());
  audit::AuditEntry entry;
  entry.sequence = 1;
  entry.previous_hash = std::string(audit::kGenesisHash);
  ASSIGN_OR_RETURN(Result head, connection.Execute("SELECT sequence, hash FROM audit_log "
                                                   "ORDER BY sequence DESC LIMIT 1"));
  if (head.rows() > 0) {
    ASSIGN_OR_RETURN(int64_t sequence, head.row(0).Int64("sequence"));
    entry.sequence = sequence + 1;
    ASSIGN_OR_RETURN(entry.previous_hash, head.row(0).Text("hash"));
  }
  ASSIGN_OR_RETURN(Result before,
                   connection.Execute("SELECT after_digest FROM audit_log WHERE resource = $1 "
                                      "ORDER BY sequence DESC LIMIT 1",
                                      Params().Add(change.resource)));
  if (before.rows() > 0) {
    ASSIGN_OR_RETURN(entry.before_digest, before.row(0).Text("after_digest"));
  }
  entry.time = audit::FormatAuditTime(now);
  entry.actor = call.actor;
  entry.rpc = call.rpc;
  entry.resource = change.resource;
  entry.request_id = change.request_id;
  entry.after_digest = change.after_digest;
  entry.hash = audit::AuditEntryHash(entry);
  return connection
      .Execute(absl::StrCat("INSERT INTO audit_log (", kEntryColumns, ") VALUES (",
                            Placeholders(1, 10), ")"),
               Params()
                   .Add(entry.sequence)
                   .Add(entry.time)
                   .Add(entry.actor)
                   .Add(entry.rpc)
                   .Add(entry.resource)
                   .Add(entry.request_id)
                   .Add(entry.before_digest)
                   .Add(entry.after_digest)
                   .Add(entry.previous_hash)
                   .Add(entry.hash))
      .status();
}

absl::Status AppendAuditedChange(Connection& connection, std::string_view service,
                                 std::string resource, std::string_view request_id,
                                 const std::vector<ResourceRows>& rows) {
  ASSIGN_OR_RETURN(std::string digest, PostgresStateDigest(connection, rows));
  return AppendAuditEntry(
      connection, audit::CurrentAuditCall(audit::SystemAuditCall(service)),
      audit::AuditChange{std::move(resource), std::string(request_id), std::move(digest)},
      absl::Now());
}

absl::StatusOr<std::vector<audit::AuditEntry>> ListAuditEntries(Connection& connection,
                                                                int64_t after_sequence, int limit) {
  ASSIGN_OR_RETURN(Result result,
                   connection.Execute(absl::StrCat("SELECT ", kEntryColumns,
                                                   " FROM audit_log WHERE sequence > $1 "
                                                   "ORDER BY sequence LIMIT $2"),
                                      Params().Add(after_sequence).Add(limit)));
  std::vector<audit::AuditEntry> entries;
  for (int i = 0; i < result.rows(); ++i) {
    RowReader row(result.row(i));
    audit::AuditEntry entry;
    entry.sequence = row.Int64("sequence");
    entry.time = row.Text("time");
    entry.actor = row.Text("actor");
    entry.rpc = row.Text("rpc");
    entry.resource = row.Text("resource");
    entry.request_id = row.Text("request_id");
    entry.before_digest = row.Text("before_digest");
    entry.after_digest = row.Text("after_digest");
    entry.previous_hash = row.Text("previous_hash");
    entry.hash = row.Text("hash");
    RETURN_IF_ERROR(row.status());
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace redress::pg
