// SqliteStore's complaint methods. A complaint is one `complaints` row plus child rows (people,
// organisations and their dates, MP referral, and the assessments and reviews of
// sqlite_store_assessments.h) that every write replaces as a whole.
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/sqlite/requests.h"
#include "common/trace_context.h"
#include "services/intake/store/handoff_payload.h"
#include "services/intake/store/sqlite/sqlite_store.h"
#include "services/intake/store/sqlite/sqlite_store_assessments.h"
#include "services/intake/store/sqlite/sqlite_store_audit.h"
#include "services/intake/store/sqlite/sqlite_store_privacy.h"
#include "services/intake/store/sqlite/sqlite_store_rows.h"

namespace redress::intake {
namespace {

std::string ComplaintName(std::string_view id) {
  return std::string(kComplaintsCollection) + std::string(id);
}

absl::Status CheckStorable(const Complaint& complaint) {
  for (size_t i = 0; i < complaint.people.size(); ++i) {
    if (complaint.people[i].details.postal_address.lines.size() > sqlite_rows::kMaxAddressLines) {
      return absl::InvalidArgumentError(absl::StrCat(
          "people[", i, "] has more than ", sqlite_rows::kMaxAddressLines, " address lines"));
    }
  }
  return absl::OkStatus();
}

// The complaint's version, or NOT_FOUND.
absl::StatusOr<int64_t> ComplaintVersion(Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT version FROM complaints WHERE id = ?1"));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(ComplaintName(id));
  return select.ColumnInt64(0);
}

absl::Status LoadPeopleAndOrganisations(Connection& connection, Complaint& complaint) {
  ASSIGN_OR_RETURN(
      Statement people,
      connection.Prepare(absl::StrCat("SELECT ", sqlite_rows::kPersonColumns,
                                      " FROM people WHERE complaint_id = ?1 ORDER BY position")));
  people.Bind(1, complaint.id);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, people.Step());
    if (!has_row) break;
    ASSIGN_OR_RETURN(Person person, sqlite_rows::ReadPerson(people));
    complaint.people.push_back(std::move(person));
  }
  ASSIGN_OR_RETURN(Statement organisations,
                   connection.Prepare("SELECT organisation_id FROM complaint_organisations "
                                      "WHERE complaint_id = ?1 ORDER BY position"));
  organisations.Bind(1, complaint.id);
  ASSIGN_OR_RETURN(complaint.organisation_ids, organisations.TextsOfFirstColumn());
  return absl::OkStatus();
}

absl::Status LoadMpReferral(Connection& connection, Complaint& complaint) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT mp_name, constituency, referral_date "
                                      "FROM mp_referrals WHERE complaint_id = ?1"));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, complaint.id).Step());
  if (!found) return absl::OkStatus();
  MpReferral referral{select.ColumnText(0), select.ColumnText(1), std::nullopt};
  ASSIGN_OR_RETURN(referral.referral_date, sqlite_rows::ReadOptionalDate(select, 2));
  complaint.mp_referral = std::move(referral);
  return absl::OkStatus();
}

absl::Status LoadOrganisationDates(Connection& connection, Complaint& complaint) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT organisation_id, complained_to_organisation_date, "
                                      "final_response_date FROM organisation_dates WHERE "
                                      "complaint_id = ?1 ORDER BY position"));
  select.Bind(1, complaint.id);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return absl::OkStatus();
    OrganisationDates dates;
    dates.organisation_id = select.ColumnText(0);
    ASSIGN_OR_RETURN(dates.complained_to_organisation_date,
                     sqlite_rows::ReadOptionalDate(select, 1));
    ASSIGN_OR_RETURN(dates.final_response_date, sqlite_rows::ReadOptionalDate(select, 2));
    complaint.organisation_dates.push_back(std::move(dates));
  }
}

// The complaint from the current row of a "SELECT sequence, <kComplaintColumns>" statement,
// with its child rows.
absl::StatusOr<Complaint> LoadComplaint(Connection& connection, const Statement& row) {
  ASSIGN_OR_RETURN(Complaint complaint, sqlite_rows::ReadComplaint(row));
  RETURN_IF_ERROR(LoadPeopleAndOrganisations(connection, complaint));
  RETURN_IF_ERROR(LoadOrganisationDates(connection, complaint));
  RETURN_IF_ERROR(LoadMpReferral(connection, complaint));
  RETURN_IF_ERROR(sqlite_assessments::Load(connection, complaint));
  return complaint;
}

absl::Status DeleteChildren(Connection& connection, std::string_view id) {
  RETURN_IF_ERROR(sqlite_assessments::Delete(connection, id));
  for (const char* table :
       {"organisation_dates", "mp_referrals", "complaint_organisations", "people"}) {
    ASSIGN_OR_RETURN(Statement remove, connection.Prepare(absl::StrCat(
                                           "DELETE FROM ", table, " WHERE complaint_id = ?1")));
    RETURN_IF_ERROR(remove.Bind(1, id).Run());
  }
  return absl::OkStatus();
}

absl::Status InsertPeopleAndOrganisations(Connection& connection, const Complaint& complaint) {
  ASSIGN_OR_RETURN(Statement person, connection.Prepare(absl::StrCat(
                                         "INSERT INTO people (", sqlite_rows::kPersonColumns,
                                         ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                         "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)")));
  for (size_t i = 0; i < complaint.people.size(); ++i) {
    sqlite_rows::BindPerson(person, complaint.id, static_cast<int>(i), complaint.people[i]);
    RETURN_IF_ERROR(person.Run());
    person.Reset();
  }
  // Each row carries the complaint's sequence for the organisation's list (ListComplaintsSql).
  ASSIGN_OR_RETURN(
      Statement organisation,
      connection.Prepare("INSERT INTO complaint_organisations (complaint_id, position, "
                         "organisation_id, complaint_sequence) VALUES (?1, ?2, ?3, "
                         "(SELECT sequence FROM complaints WHERE id = ?1))"));
  for (size_t i = 0; i < complaint.organisation_ids.size(); ++i) {
    organisation.Bind(1, complaint.id).Bind(2, static_cast<int>(i));
    RETURN_IF_ERROR(organisation.Bind(3, complaint.organisation_ids[i]).Run());
    organisation.Reset();
  }
  ASSIGN_OR_RETURN(Statement dates,
                   connection.Prepare("INSERT INTO organisation_dates (complaint_id, position, "
                                      "organisation_id, complained_to_organisation_date, "
                                      "final_response_date) VALUES (?1, ?2, ?3, ?4, ?5)"));
  for (size_t i = 0; i < complaint.organisation_dates.size(); ++i) {
    const OrganisationDates& entry = complaint.organisation_dates[i];
    dates.Bind(1, complaint.id).Bind(2, static_cast<int>(i)).Bind(3, entry.organisation_id);
    dates.Bind(4, sqlite_rows::DateToText(entry.complained_to_organisation_date));
    RETURN_IF_ERROR(dates.Bind(5, sqlite_rows::DateToText(entry.final_response_date)).Run());
    dates.Reset();
  }
  return absl::OkStatus();
}

absl::Status InsertMpReferralAndAssessment(Connection& connection, const Complaint& complaint) {
  if (complaint.mp_referral.has_value()) {
    const MpReferral& referral = *complaint.mp_referral;
    ASSIGN_OR_RETURN(Statement insert,
                     connection.Prepare("INSERT INTO mp_referrals (complaint_id, mp_name, "
                                        "constituency, referral_date) VALUES (?1, ?2, ?3, ?4)"));
    insert.Bind(1, complaint.id).Bind(2, referral.mp_name).Bind(3, referral.constituency);
    RETURN_IF_ERROR(insert.Bind(4, sqlite_rows::DateToText(referral.referral_date)).Run());
  }
  return sqlite_assessments::Insert(connection, complaint);
}

// Rewrites the complaint's row and child rows as `complaint`.
absl::Status ReplaceComplaint(Connection& connection, const Complaint& complaint) {
  ASSIGN_OR_RETURN(Statement update, connection.Prepare(absl::StrCat(
                                         "UPDATE complaints SET (", sqlite_rows::kComplaintColumns,
                                         ") = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                                         "?13, ?14, ?15, ?16, ?17, ?18, ?19) WHERE id = ?1")));
  sqlite_rows::BindComplaint(update, complaint);
  RETURN_IF_ERROR(update.Run());
  RETURN_IF_ERROR(DeleteChildren(connection, complaint.id));
  RETURN_IF_ERROR(InsertPeopleAndOrganisations(connection, complaint));
  return InsertMpReferralAndAssessment(connection, complaint);
}

absl::Status InsertHandoff(Connection& connection, const AcceptanceHandoff& handoff) {
  ASSIGN_OR_RETURN(Statement insert,
                   connection.Prepare("INSERT INTO outbox (handoff_key, complaint_id, payload, "
                                      "create_time, traceparent) "
                                      "VALUES (?1, ?2, ?3, ?4, NULLIF(?5, ''))"));
  insert.Bind(1, handoff.handoff_key).Bind(2, handoff.complaint_id);
  insert.BindBlob(3, EncodeHandoff(handoff)).Bind(5, CurrentTraceparent());
  return insert.Bind(4, sqlite_rows::TimeToMicros(handoff.accept_time)).Run();
}

absl::StatusOr<bool> HandoffKeyTaken(Connection& connection, std::string_view handoff_key) {
  ASSIGN_OR_RETURN(Statement select,
                   connection.Prepare("SELECT 1 FROM outbox WHERE handoff_key = ?1"));
  return select.Bind(1, handoff_key).Step();
}

}  // namespace

std::string SqliteStore::ListComplaintsSql(const ComplaintQuery& query) {
  std::string sql = absl::StrCat("SELECT sequence, ", sqlite_rows::kComplaintColumns);
  // An organisation is looked up in complaint_organisations_by_organisation_sequence, never by
  // reading all its complaints (docs/performance.md, "Stored data"). Alone or with dates, a page
  // is read from that index in sequence order and joined to its complaints. With a state or an
  // owner, complaints are read from that filter's index in sequence order, as before version 8,
  // and each is looked up in the organisation's: a complainant has few complaints, and a state
  // may be rare among the organisation's (under review), when reading the organisation's in
  // order would read all of them to fill a page. A complaint names an organisation at most once
  // (ValidateOrganisationIds), so the join lists none twice.
  const bool through_organisation =
      query.organisation_id.has_value() && !query.state.has_value() && !query.owner.has_value();
  if (through_organisation) {
    absl::StrAppend(&sql,
                    " FROM complaint_organisations co JOIN complaints c ON c.id = co.complaint_id"
                    " WHERE co.complaint_sequence > ?1 AND co.organisation_id = ?3");
  } else {
    absl::StrAppend(&sql, " FROM complaints WHERE sequence > ?1");
    if (query.organisation_id.has_value()) {
      absl::StrAppend(&sql,
                      " AND EXISTS (SELECT 1 FROM complaint_organisations co WHERE "
                      "co.organisation_id = ?3 AND co.complaint_sequence = complaints.sequence)");
    }
  }
  if (query.state.has_value()) absl::StrAppend(&sql, " AND state = ?2");
  if (query.received_from.has_value()) absl::StrAppend(&sql, " AND receive_date >= ?4");
  if (query.received_to.has_value()) absl::StrAppend(&sql, " AND receive_date <= ?5");
  if (query.owner.has_value()) absl::StrAppend(&sql, " AND owner = ?7");
  absl::StrAppend(&sql, " ORDER BY ", through_organisation ? "co.complaint_sequence" : "sequence",
                  " LIMIT ?6");
  return sql;
}

absl::StatusOr<Complaint> SqliteStore::GetComplaint(std::string_view id) {
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select, connection.Prepare(absl::StrCat(
                                         "SELECT sequence, ", sqlite_rows::kComplaintColumns,
                                         " FROM complaints WHERE id = ?1")));
  ASSIGN_OR_RETURN(bool found, select.Bind(1, id).Step());
  if (!found) return NotFound(ComplaintName(id));
  return LoadComplaint(connection, select);
}

absl::StatusOr<std::vector<Complaint>> SqliteStore::ListComplaints(const ComplaintQuery& query) {
  std::vector<Complaint> result;
  if (query.limit <= 0) return result;
  Connection connection = db_->Read();
  ASSIGN_OR_RETURN(Statement select, connection.Prepare(ListComplaintsSql(query)));
  select.Bind(1, query.after_sequence);
  if (query.state.has_value()) select.Bind(2, static_cast<int>(*query.state));
  if (query.organisation_id.has_value()) select.Bind(3, *query.organisation_id);
  select.Bind(4, sqlite_rows::DateToText(query.received_from));
  select.Bind(5, sqlite_rows::DateToText(query.received_to));
  select.Bind(6, query.limit);
  if (query.owner.has_value()) select.Bind(7, *query.owner);
  while (true) {
    ASSIGN_OR_RETURN(bool has_row, select.Step());
    if (!has_row) return result;
    ASSIGN_OR_RETURN(Complaint complaint, LoadComplaint(connection, select));
    result.push_back(std::move(complaint));
  }
}

absl::StatusOr<int64_t> SqliteStore::InsertComplaint(const Complaint& complaint,
                                                     const RequestRecord& request) {
  RETURN_IF_ERROR(CheckStorable(complaint));
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  absl::StatusOr<int64_t> existing = ComplaintVersion(connection, complaint.id);
  if (existing.ok()) return AlreadyExists(ComplaintName(complaint.id));
  if (!absl::IsNotFound(existing.status())) return existing.status();
  RETURN_IF_ERROR(RecordRequest(connection, request));
  ASSIGN_OR_RETURN(Statement insert, connection.Prepare(absl::StrCat(
                                         "INSERT INTO complaints (", sqlite_rows::kComplaintColumns,
                                         ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                         "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)")));
  sqlite_rows::BindComplaint(insert, complaint);
  RETURN_IF_ERROR(insert.Run());
  const int64_t sequence = connection.last_insert_rowid();
  RETURN_IF_ERROR(InsertPeopleAndOrganisations(connection, complaint));
  RETURN_IF_ERROR(InsertMpReferralAndAssessment(connection, complaint));
  RETURN_IF_ERROR(
      sqlite_audit::RecordComplaintChange(connection, complaint.id, request.request_id));
  RETURN_IF_ERROR(transaction.Commit());
  return sequence;
}

absl::Status SqliteStore::UpdateComplaint(const Complaint& complaint, int64_t expected_version,
                                          const std::optional<AcceptanceHandoff>& handoff,
                                          const std::optional<RequestRecord>& request) {
  RETURN_IF_ERROR(CheckStorable(complaint));
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(int64_t version, ComplaintVersion(connection, complaint.id));
  if (version != expected_version) return EtagMismatch(ComplaintName(complaint.id));
  if (handoff.has_value()) {
    ASSIGN_OR_RETURN(bool taken, HandoffKeyTaken(connection, handoff->handoff_key));
    if (taken) return AlreadyExists(handoff->handoff_key);
  }
  if (request.has_value()) {
    RETURN_IF_ERROR(RecordRequest(connection, *request));
  }
  RETURN_IF_ERROR(ReplaceComplaint(connection, complaint));
  if (handoff.has_value()) RETURN_IF_ERROR(InsertHandoff(connection, *handoff));
  RETURN_IF_ERROR(sqlite_audit::RecordComplaintChange(
      connection, complaint.id, request.has_value() ? request->request_id : ""));
  return transaction.Commit();
}

absl::Status SqliteStore::EraseComplaint(const Complaint& erased, int64_t expected_version,
                                         absl::Time erase_time) {
  RETURN_IF_ERROR(CheckStorable(erased));
  Connection connection = db_->Lock();
  ASSIGN_OR_RETURN(Transaction transaction, connection.Begin());
  ASSIGN_OR_RETURN(int64_t version, ComplaintVersion(connection, erased.id));
  if (version != expected_version) return EtagMismatch(ComplaintName(erased.id));
  RETURN_IF_ERROR(sqlite_privacy::EraseHandoffs(connection, erased.id));
  RETURN_IF_ERROR(sqlite_privacy::RecordErasure(connection, erased.id, erase_time));
  RETURN_IF_ERROR(ReplaceComplaint(connection, erased));
  RETURN_IF_ERROR(sqlite_audit::RecordComplaintChange(connection, erased.id, ""));
  return transaction.Commit();
}

}  // namespace redress::intake
