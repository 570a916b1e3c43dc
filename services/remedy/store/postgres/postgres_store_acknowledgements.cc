// PostgresStore: the anonymisation issue key and the acknowledgements of issues.
#include <openssl/rand.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/outbox.h"
#include "common/store/postgres/transaction.h"
#include "services/remedy/store/postgres/postgres_store.h"
#include "services/remedy/store/postgres/postgres_store_audit.h"
#include "services/remedy/store/postgres/postgres_store_rows.h"

namespace redress::remedy {

// Every replica calls this on connecting; the first insert wins (ON CONFLICT DO NOTHING, or a
// serialization failure and a re-run that then does nothing) and every replica reads that key.
// The bytes come from OpenSSL's CSPRNG, as secret as SQLite's randomblob() makes them there.
absl::Status PostgresStore::MakeIssueKeyOnce() {
  std::string key(kIssueKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) != 1) {
    return absl::InternalError("no random bytes for the anonymisation issue key");
  }
  return pg::RunInTransaction(*pool_, pg::LockingWrite(), [&](pg::Connection& connection) {
    return connection
        .Execute(
            "INSERT INTO anonymisation_issue_key (id, secret) VALUES (1, $1) "
            "ON CONFLICT (id) DO NOTHING",
            pg::Params().AddBytes(key))
        .status();
  });
}

absl::StatusOr<std::string> PostgresStore::GetIssueKey() {
  std::string key;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        key.clear();
        ASSIGN_OR_RETURN(
            pg::Result result,
            connection.Execute("SELECT secret FROM anonymisation_issue_key WHERE id = 1"));
        if (result.rows() == 0) return absl::OkStatus();
        ASSIGN_OR_RETURN(key, result.row(0).Bytes("secret"));
        return absl::OkStatus();
      }));
  if (key.size() != kIssueKeyBytes) {
    return absl::InternalError("the anonymisation issue key is missing or damaged");
  }
  return key;
}

// The unique key (investigation_id, issue_id) decides between replicas recording the same
// acknowledgement at once.
absl::Status PostgresStore::InsertIssueAcknowledgement(const IssueAcknowledgement& a) {
  if (a.acknowledge_time == absl::InfinitePast()) {
    return absl::InvalidArgumentError("a stored acknowledgement needs an acknowledge time");
  }
  const absl::Status status = pg::RunInTransaction(
      *pool_, pg::LockingWrite(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(int64_t sequence,
                         pg::NextInsertSequence(connection, "issue_acknowledgements",
                                                "issue_acknowledgements_sequence_seq"));
        RETURN_IF_ERROR(
            connection
                .Execute(
                    "INSERT INTO issue_acknowledgements (sequence, investigation_id, issue_id, "
                    "field, kind, person_role, reason, caseworker, acknowledge_time) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    pg::Params()
                        .Add(sequence)
                        .Add(a.investigation_id)
                        .Add(a.issue_id)
                        .Add(a.field)
                        .Add(a.kind)
                        .Add(a.person_role)
                        .Add(a.reason)
                        .Add(a.caseworker)
                        .Add(a.acknowledge_time))
                .status());
        return pg_audit::RecordAcknowledgementChange(connection, a.investigation_id, a.issue_id,
                                                     sequence);
      });
  if (absl::IsAlreadyExists(status)) {
    return AlreadyExists(
        absl::StrCat(pg_rows::SummaryName(a.investigation_id), "/acknowledgements/", a.issue_id));
  }
  return status;
}

absl::StatusOr<std::vector<IssueAcknowledgement>> PostgresStore::ListIssueAcknowledgements(
    std::string_view investigation_id) {
  std::vector<IssueAcknowledgement> found;
  RETURN_IF_ERROR(pg::RunInTransaction(
      *pool_, pg::SnapshotRead(), [&](pg::Connection& connection) -> absl::Status {
        found.clear();
        ASSIGN_OR_RETURN(pg::Result result,
                         connection.Execute("SELECT issue_id, field, kind, person_role, reason, "
                                            "caseworker, acknowledge_time "
                                            "FROM issue_acknowledgements "
                                            "WHERE investigation_id = $1 ORDER BY sequence",
                                            pg::Params().Add(investigation_id)));
        for (int i = 0; i < result.rows(); ++i) {
          const pg::Row row = result.row(i);
          IssueAcknowledgement a;
          a.investigation_id = std::string(investigation_id);
          ASSIGN_OR_RETURN(a.issue_id, row.Text("issue_id"));
          ASSIGN_OR_RETURN(a.field, row.Text("field"));
          ASSIGN_OR_RETURN(a.kind, row.Text("kind"));
          ASSIGN_OR_RETURN(a.person_role, row.Text("person_role"));
          ASSIGN_OR_RETURN(a.reason, row.Text("reason"));
          ASSIGN_OR_RETURN(a.caseworker, row.Text("caseworker"));
          ASSIGN_OR_RETURN(a.acknowledge_time, row.Time("acknowledge_time"));
          found.push_back(std::move(a));
        }
        return absl::OkStatus();
      }));
  return found;
}

}  // namespace redress::remedy
