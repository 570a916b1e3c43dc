// PostgresStore's complaint methods. A complaint is one `complaints` row plus child rows (people,
// organisations and their dates, MP referral, and the assessments and reviews of
// postgres_store_assessments.h) that every write replaces as a whole.
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/postgres/outbox.h"
#include "common/store/postgres/requests.h"
#include "common/store/postgres/row_reader.h"
#include "common/store/postgres/transaction.h"
#include "services/intake/store/handoff_payload.h"
#include "services/intake/store/postgres/postgres_store.h"
#include "services/intake/store/postgres/postgres_store_assessments.h"
#include "services/intake/store/postgres/postgres_store_audit.h"
#include "services/intake/store/postgres/postgres_store_privacy.h"
#include "services/intake/store/postgres/postgres_store_rows.h"

namespace redress::intake {
namespace {

using pg_rows::kComplaintColumns;
using pg_rows::Placeholders;

std::string ComplaintName(std::string_view id) {
  return std::string(kComplaintsCollection) + std::string(id);
}

absl::Status CheckStorable(const Complaint& complaint) {
  for (size_t i = 0; i < complaint.people.size(); ++i) {
    if (complaint.people[i].details.postal_address.lines.size() > pg_rows::kMaxAddressLines) {
      return absl::InvalidArgumentError(absl::StrCat("people[", i, "] has more than ",
                                                     pg_rows::kMaxAddressLines, " address lines"));
    }
  }
  return absl::OkStatus();
}

// The complaint's version, its row locked until the transaction ends; or NOT_FOUND.
absl::StatusOr<int64_t> ComplaintVersion(pg::Connection& connection, std::string_view id) {
  ASSIGN_OR_RETURN(pg::Result result,
                   connection.Execute("SELECT version FROM complaints WHERE id = $1 FOR UPDATE",
                                      pg::Params().Add(id)));
  if (result.rows() == 0) return NotFound(ComplaintName(id));
  return result.row(0).Int64("version");
}

absl::Status LoadChildren(pg::Connection& connection, Complaint& complaint) {
  const pg::Params id = pg::Params().Add(complaint.id);
  ASSIGN_OR_RETURN(pg::Result people,
                   connection.Execute(absl::StrCat("SELECT ", pg_rows::kPersonColumns,
                                                   " FROM people WHERE complaint_id = $1 "
                                                   "ORDER BY position"),
                                      id));
  for (int i = 0; i < people.rows(); ++i) {
    ASSIGN_OR_RETURN(Person person, pg_rows::ReadPerson(people.row(i)));
    complaint.people.push_back(std::move(person));
  }
  ASSIGN_OR_RETURN(pg::Result organisations,
                   connection.Execute("SELECT organisation_id FROM complaint_organisations "
                                      "WHERE complaint_id = $1 ORDER BY position",
                                      id));
  for (int i = 0; i < organisations.rows(); ++i) {
    ASSIGN_OR_RETURN(std::string organisation, organisations.row(i).Text("organisation_id"));
    complaint.organisation_ids.push_back(std::move(organisation));
  }
  ASSIGN_OR_RETURN(pg::Result dates,
                   connection.Execute("SELECT organisation_id, complained_to_organisation_date, "
                                      "final_response_date FROM organisation_dates WHERE "
                                      "complaint_id = $1 ORDER BY position",
                                      id));
  for (int i = 0; i < dates.rows(); ++i) {
    pg::RowReader r(dates.row(i));
    OrganisationDates entry;
    entry.organisation_id = r.Text("organisation_id");
    entry.complained_to_organisation_date = r.OptionalDay("complained_to_organisation_date");
    entry.final_response_date = r.OptionalDay("final_response_date");
    RETURN_IF_ERROR(r.status());
    complaint.organisation_dates.push_back(std::move(entry));
  }
  ASSIGN_OR_RETURN(pg::Result referral,
                   connection.Execute("SELECT mp_name, constituency, referral_date "
                                      "FROM mp_referrals WHERE complaint_id = $1",
                                      id));
  if (referral.rows() > 0) {
    pg::RowReader r(referral.row(0));
    MpReferral mp{r.Text("mp_name"), r.Text("constituency"), r.OptionalDay("referral_date")};
    RETURN_IF_ERROR(r.status());
    complaint.mp_referral = std::move(mp);
  }
  return pg_assessments::Load(connection, complaint);
}

// The complaints `result` holds ("SELECT sequence, <kComplaintColumns>"), with their child rows.
absl::StatusOr<std::vector<Complaint>> LoadComplaints(pg::Connection& connection,
                                                      const pg::Result& result) {
  std::vector<Complaint> complaints;
  for (int i = 0; i < result.rows(); ++i) {
    ASSIGN_OR_RETURN(Complaint complaint, pg_rows::ReadComplaint(result.row(i)));
    RETURN_IF_ERROR(LoadChildren(connection, complaint));
    complaints.push_back(std::move(complaint));
  }
  return complaints;
}

absl::Status DeleteChildren(pg::Connection& connection, std::string_view id) {
  RETURN_IF_ERROR(pg_assessments::Delete(connection, id));
  for (const char* table :
       {"organisation_dates", "mp_referrals", "complaint_organisations", "people"}) {
    RETURN_IF_ERROR(connection
                        .Execute(absl::StrCat("DELETE FROM ", table, " WHERE complaint_id = $1"),
                                 pg::Params().Add(id))
                        .status());
  }
  return absl::OkStatus();
}

absl::Status InsertChildren(pg::Connection& connection, const Complaint& complaint) {
  const std::string person_sql = absl::StrCat("INSERT INTO people (", pg_rows::kPersonColumns,
                                              ") VALUES (", Placeholders(1, 21), ")");
  for (size_t i = 0; i < complaint.people.size(); ++i) {
    RETURN_IF_ERROR(
        connection
            .Execute(person_sql,
                     pg_rows::PersonParams(complaint.id, static_cast<int>(i), complaint.people[i]))
            .status());
  }
  // Each row carries the complaint's sequence for the organisation's list (ListComplaintsSql).
  for (size_t i = 0; i < complaint.organisation_ids.size(); ++i) {
    RETURN_IF_ERROR(connection
                        .Execute("INSERT INTO complaint_organisations (complaint_id, position, "
                                 "organisation_id, complaint_sequence) VALUES ($1, $2, $3, "
                                 "(SELECT sequence FROM complaints WHERE id = $1))",
                                 pg::Params()
                                     .Add(complaint.id)
                                     .Add(static_cast<int>(i))
                                     .Add(complaint.organisation_ids[i]))
                        .status());
  }
  for (size_t i = 0; i < complaint.organisation_dates.size(); ++i) {
    const OrganisationDates& entry = complaint.organisation_dates[i];
    RETURN_IF_ERROR(connection
                        .Execute("INSERT INTO organisation_dates (complaint_id, position, "
                                 "organisation_id, complained_to_organisation_date, "
                                 "final_response_date) VALUES ($1, $2, $3, $4, $5)",
                                 pg::Params()
                                     .Add(complaint.id)
                                     .Add(static_cast<int>(i))
                                     .Add(entry.organisation_id)
                                     .Add(entry.complained_to_organisation_date)
                                     .Add(entry.final_response_date))
                        .status());
  }
  if (complaint.mp_referral.has_value()) {
    const MpReferral& referral = *complaint.mp_referral;
    RETURN_IF_ERROR(connection
                        .Execute("INSERT INTO mp_referrals (complaint_id, mp_name, constituency, "
                                 "referral_date) VALUES ($1, $2, $3, $4)",
                                 pg::Params()
                                     .Add(complaint.id)
                                     .Add(referral.mp_name)
                                     .Add(referral.constituency)
                                     .Add(referral.referral_date))
                        .status());
  }
  return pg_assessments::Insert(connection, complaint);
}

// Rewrites the complaint's row and child rows as `complaint`.
absl::Status ReplaceComplaint(pg::Connection& connection, const Complaint& complaint) {
  RETURN_IF_ERROR(connection
                      .Execute(absl::StrCat("UPDATE complaints SET (", kComplaintColumns, ") = (",
                                            Placeholders(1, 19), ") WHERE id = $1"),
                               pg_rows::ComplaintParams(complaint))
                      .status());
  RETURN_IF_ERROR(DeleteChildren(connection, complaint.id));
  return InsertChildren(connection, complaint);
}

}  // namespace

std::string PostgresStore::ListComplaintsSql(const ComplaintQuery& query) {
  std::string sql = absl::StrCat("SELECT sequence, ", kComplaintColumns);
  // As on SQLite (SqliteStore::ListComplaintsSql, which says why): an organisation alone or with
  // dates is read from complaint_organisations_by_organisation_sequence in order and joined to
  // its complaints; with a state or an owner, complaints are read in order and each is looked up
  // in that index.
  const bool through_organisation =
      query.organisation_id.has_value() && !query.state.has_value() && !query.owner.has_value();
  if (through_organisation) {
    absl::StrAppend(&sql,
                    " FROM complaint_organisations co JOIN complaints c ON c.id = co.complaint_id"
                    " WHERE co.complaint_sequence > $1");
  } else {
    absl::StrAppend(&sql, " FROM complaints WHERE sequence > $1");
  }
  int next = 3;
  if (query.state.has_value()) absl::StrAppend(&sql, " AND state = $", next++);
  if (through_organisation) {
    absl::StrAppend(&sql, " AND co.organisation_id = $", next++);
  } else if (query.organisation_id.has_value()) {
    absl::StrAppend(&sql,
                    " AND EXISTS (SELECT 1 FROM complaint_organisations co WHERE "
                    "co.organisation_id = $",
                    next++, " AND co.complaint_sequence = complaints.sequence)");
  }
  if (query.received_from.has_value()) absl::StrAppend(&sql, " AND receive_date >= $", next++);
  if (query.received_to.has_value()) absl::StrAppend(&sql, " AND receive_date <= $", next++);
  if (query.owner.has_value()) absl::StrAppend(&sql, " AND owner = $", next++);
  absl::StrAppend(&sql, " ORDER BY ", through_organisation ? "co.complaint_sequence" : "sequence",
                  " LIMIT $2");
  return sql;
}

absl::StatusOr<Complaint> PostgresStore::GetComplaint(std::string_view id) {
  Complaint complaint;
  RETURN_IF_ERROR(pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
    ASSIGN_OR_RETURN(pg::Result result,
                     connection.Execute(absl::StrCat("SELECT sequence, ", kComplaintColumns,
                                                     " FROM complaints WHERE id = $1"),
                                        pg::Params().Add(id)));
    if (result.rows() == 0) return NotFound(ComplaintName(id));
    ASSIGN_OR_RETURN(std::vector<Complaint> complaints, LoadComplaints(connection, result));
    complaint = std::move(complaints.front());
    return absl::OkStatus();
  }));
  return complaint;
}

absl::StatusOr<std::vector<Complaint>> PostgresStore::ListComplaints(const ComplaintQuery& query) {
  std::vector<Complaint> complaints;
  if (query.limit <= 0) return complaints;
  RETURN_IF_ERROR(pg::RunInTransaction(*pool_, pg::SnapshotRead(), [&](pg::Connection& connection) {
    pg::Params params;
    params.Add(query.after_sequence).Add(query.limit);
    if (query.state.has_value()) params.Add(static_cast<int>(*query.state));
    if (query.organisation_id.has_value()) params.Add(*query.organisation_id);
    if (query.received_from.has_value()) params.Add(*query.received_from);
    if (query.received_to.has_value()) params.Add(*query.received_to);
    if (query.owner.has_value()) params.Add(*query.owner);
    ASSIGN_OR_RETURN(pg::Result result, connection.Execute(ListComplaintsSql(query), params));
    ASSIGN_OR_RETURN(complaints, LoadComplaints(connection, result));
    return absl::OkStatus();
  }));
  return complaints;
}

absl::StatusOr<int64_t> PostgresStore::InsertComplaint(const Complaint& complaint,
                                                       const RequestRecord& request) {
  RETURN_IF_ERROR(CheckStorable(complaint));
  int64_t sequence = 0;
  RETURN_IF_ERROR(pg::RunInTransaction(*pool_, pg::LockingWrite(), [&](pg::Connection& connection) {
    absl::StatusOr<int64_t> existing = ComplaintVersion(connection, complaint.id);
    if (existing.ok()) return AlreadyExists(ComplaintName(complaint.id));
    if (!absl::IsNotFound(existing.status())) return existing.status();
    // A concurrent request with the same key makes this insert wait for it, then fail on the
    // requests primary key if it committed.
    RETURN_IF_ERROR(pg::InsertRequest(connection, request));
    ASSIGN_OR_RETURN(sequence, pg::NextInsertSequence(connection, "intake.complaints",
                                                      "complaints_sequence_seq"));
    RETURN_IF_ERROR(
        connection
            .Execute(absl::StrCat("INSERT INTO complaints (sequence, ", kComplaintColumns,
                                  ") VALUES ($20, ", Placeholders(1, 19), ")"),
                     pg_rows::ComplaintParams(complaint).Add(sequence))
            .status());
    RETURN_IF_ERROR(InsertChildren(connection, complaint));
    return pg_audit::RecordComplaintChange(connection, complaint.id, request.request_id);
  }));
  return sequence;
}

absl::Status PostgresStore::UpdateComplaint(const Complaint& complaint, int64_t expected_version,
                                            const std::optional<AcceptanceHandoff>& handoff,
                                            const std::optional<RequestRecord>& request) {
  RETURN_IF_ERROR(CheckStorable(complaint));
  return pg::RunInTransaction(
      *pool_, pg::LockingWrite(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(int64_t version, ComplaintVersion(connection, complaint.id));
        if (version != expected_version) return EtagMismatch(ComplaintName(complaint.id));
        if (handoff.has_value()) {
          ASSIGN_OR_RETURN(pg::Result taken,
                           connection.Execute("SELECT 1 FROM outbox WHERE handoff_key = $1",
                                              pg::Params().Add(handoff->handoff_key)));
          if (taken.rows() > 0) return AlreadyExists(handoff->handoff_key);
        }
        if (request.has_value()) RETURN_IF_ERROR(pg::InsertRequest(connection, *request));
        RETURN_IF_ERROR(ReplaceComplaint(connection, complaint));
        if (handoff.has_value()) {
          RETURN_IF_ERROR(pg::InsertOutboxRow(connection, handoff->handoff_key,
                                              handoff->complaint_id, EncodeHandoff(*handoff),
                                              handoff->accept_time));
        }
        return pg_audit::RecordComplaintChange(connection, complaint.id,
                                               request.has_value() ? request->request_id : "");
      });
}

absl::Status PostgresStore::EraseComplaint(const Complaint& erased, int64_t expected_version,
                                           absl::Time erase_time) {
  RETURN_IF_ERROR(CheckStorable(erased));
  return pg::RunInTransaction(
      *pool_, pg::LockingWrite(), [&](pg::Connection& connection) -> absl::Status {
        ASSIGN_OR_RETURN(int64_t version, ComplaintVersion(connection, erased.id));
        if (version != expected_version) return EtagMismatch(ComplaintName(erased.id));
        RETURN_IF_ERROR(pg_privacy::EraseHandoffs(connection, erased.id));
        RETURN_IF_ERROR(pg_privacy::RecordErasure(connection, erased.id, erase_time));
        RETURN_IF_ERROR(ReplaceComplaint(connection, erased));
        return pg_audit::RecordComplaintChange(connection, erased.id, "");
      });
}

}  // namespace redress::intake
