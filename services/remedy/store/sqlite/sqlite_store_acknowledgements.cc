// SqliteStore: the anonymisation issue key and the acknowledgements of issues.
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/remedy/store/sqlite/sqlite_store.h"
#include "services/remedy/store/sqlite/sqlite_store_audit.h"
#include "services/remedy/store/sqlite/sqlite_store_rows.h"

namespace redress::remedy {

absl::StatusOr<std::string> SqliteStore::GetIssueKey() {
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT secret FROM anonymisation_issue_key WHERE id = 1"));
  ASSIGN_OR_RETURN(bool found, select.Step());
  std::string key = found ? select.ColumnBlob(0) : "";
  if (key.size() != kIssueKeyBytes) {
    return absl::InternalError("the anonymisation issue key is missing or damaged");
  }
  return key;
}

absl::Status SqliteStore::InsertIssueAcknowledgement(const IssueAcknowledgement& a) {
  if (a.acknowledge_time == absl::InfinitePast()) {
    return absl::InvalidArgumentError("a stored acknowledgement needs an acknowledge time");
  }
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(Statement exists,
                   connection.Prepare("SELECT 1 FROM issue_acknowledgements "
                                      "WHERE investigation_id = ?1 AND issue_id = ?2"));
  ASSIGN_OR_RETURN(bool taken, exists.Bind(1, a.investigation_id).Bind(2, a.issue_id).Step());
  if (taken) {
    return AlreadyExists(absl::StrCat(sqlite_rows::SummaryName(a.investigation_id),
                                      "/acknowledgements/", a.issue_id));
  }
  ASSIGN_OR_RETURN(
      Statement insert,
      connection.Prepare("INSERT INTO issue_acknowledgements (investigation_id, issue_id, field, "
                         "kind, person_role, reason, caseworker, acknowledge_time) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  insert.Bind(1, a.investigation_id).Bind(2, a.issue_id).Bind(3, a.field).Bind(4, a.kind);
  insert.Bind(5, a.person_role).Bind(6, a.reason).Bind(7, a.caseworker);
  RETURN_IF_ERROR(insert.Bind(8, sqlite_rows::TimeToMicros(a.acknowledge_time)).Run());
  RETURN_IF_ERROR(sqlite_audit::RecordAcknowledgementChange(
      connection, a.investigation_id, a.issue_id, connection.last_insert_rowid()));
  return transaction.Commit();
}

absl::StatusOr<std::vector<IssueAcknowledgement>> SqliteStore::ListIssueAcknowledgements(
    std::string_view investigation_id) {
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT issue_id, field, kind, person_role, reason, "
                                      "caseworker, acknowledge_time FROM issue_acknowledgements "
                                      "WHERE investigation_id = ?1 ORDER BY sequence"));
  select.Bind(1, investigation_id);
  std::vector<IssueAcknowledgement> found;
  while (true) {
    ASSIGN_OR_RETURN(bool row, select.Step());
    if (!row) break;
    IssueAcknowledgement a;
    a.investigation_id = std::string(investigation_id);
    a.issue_id = select.ColumnText(0);
    a.field = select.ColumnText(1);
    a.kind = select.ColumnText(2);
    a.person_role = select.ColumnText(3);
    a.reason = select.ColumnText(4);
    a.caseworker = select.ColumnText(5);
    a.acknowledge_time = sqlite_rows::MicrosToTime(select.ColumnInt64(6));
    found.push_back(std::move(a));
  }
  return found;
}

}  // namespace redress::remedy
