// IntakeLogic's subject access export, erasure on request and erasure after the retention period
// (docs/privacy.md). The rules of what is erased are personal_data.h's.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/validation.h"
#include "services/intake/complaint_state.h"
#include "services/intake/intake_logic.h"
#include "services/intake/personal_data.h"
#include "services/intake/request_checks.h"

namespace redress::intake {
namespace {

// The ids of the complaints `query` finds that the store holds, in the order recorded for those
// found by email, then in the order named; each once.
absl::StatusOr<std::vector<std::string>> FindComplaints(IntakeStore& store,
                                                        const PersonalDataQuery& query) {
  FieldViolations v;
  const std::string email = NormaliseEmail(query.email);
  if (email.empty() && query.complaints.empty()) {
    v.Add("email", "give an email address or at least one complaint");
  } else if (!email.empty() && !IsValidEmail(email)) {
    v.Add("email", "is not an email address (expected local@domain)");
  }
  if (query.complaints.size() > static_cast<size_t>(IntakeLogic::kMaxNamedComplaints)) {
    v.Add("complaints",
          absl::StrCat("at most ", IntakeLogic::kMaxNamedComplaints, " complaints per request"));
  }
  std::vector<std::string> named;
  for (size_t i = 0; i < query.complaints.size() && i < IntakeLogic::kMaxNamedComplaints; ++i) {
    named.push_back(ParseResourceName(v, absl::StrCat("complaints[", i, "]"), query.complaints[i],
                                      kComplaintsCollection));
  }
  RETURN_IF_ERROR(v.ToStatus());

  std::vector<std::string> ids;
  if (!email.empty()) {
    ASSIGN_OR_RETURN(ids, store.FindComplaintsByEmail(email));
  }
  std::set<std::string> seen(ids.begin(), ids.end());
  for (std::string& id : named) {
    if (seen.count(id) > 0) continue;
    absl::StatusOr<Complaint> complaint = store.GetComplaint(id);
    if (absl::IsNotFound(complaint.status())) continue;  // not held here: nothing to give
    RETURN_IF_ERROR(complaint.status());
    seen.insert(id);
    ids.push_back(std::move(id));
  }
  return ids;
}

}  // namespace

absl::StatusOr<std::vector<ComplaintPersonalData>> IntakeLogic::ExportPersonalData(
    const PersonalDataQuery& query) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, FindComplaints(store_, query));
  std::vector<ComplaintPersonalData> result;
  for (const std::string& id : ids) {
    ComplaintPersonalData entry;
    ASSIGN_OR_RETURN(entry.complaint, LoadComplaint(store_, id));
    ASSIGN_OR_RETURN(entry.erase_time, store_.GetErasureTime(id));
    result.push_back(std::move(entry));
  }
  return result;
}

absl::StatusOr<ErasureOutcome> IntakeLogic::ErasePersonalData(const PersonalDataQuery& query) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, FindComplaints(store_, query));
  // Every complaint is checked before any is erased, so a refusal changes nothing.
  std::vector<Complaint> to_erase;
  ErasureOutcome outcome;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::optional<absl::Time> erase_time, store_.GetErasureTime(id));
    ASSIGN_OR_RETURN(Complaint complaint, LoadComplaint(store_, id));
    if (erase_time.has_value()) {
      outcome.already_erased.push_back(complaint.name());
      continue;
    }
    if (!IsClosedForErasure(complaint.state)) {
      return InvalidStateTransition(complaint.name(), ComplaintStateName(complaint.state),
                                    "erase the personal data of", kReasonNotClosed);
    }
    to_erase.push_back(std::move(complaint));
  }
  const absl::Time now = StoredNow(clock_);
  for (const Complaint& complaint : to_erase) {
    RETURN_IF_ERROR(store_.EraseComplaint(ErasedComplaint(complaint, now), complaint.version, now));
    outcome.erased.push_back(complaint.name());
  }
  return outcome;
}

absl::StatusOr<int> IntakeLogic::EraseExpired(absl::Duration period, int limit) {
  const absl::Time now = StoredNow(clock_);
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   store_.ListErasableComplaints(now - period, limit));
  int erased = 0;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(Complaint complaint, LoadComplaint(store_, id));
    absl::Status status =
        store_.EraseComplaint(ErasedComplaint(complaint, now), complaint.version, now);
    // Pending hand-off, a change since the list, or another replica first: the next run decides.
    if (absl::IsFailedPrecondition(status) || absl::IsAborted(status) ||
        absl::IsAlreadyExists(status)) {
      continue;
    }
    RETURN_IF_ERROR(status);
    ++erased;
  }
  return erased;
}

}  // namespace redress::intake
