// IntakeLogic: complaint submission, reading and changes. The assessment is in
// complaint_assessment.cc, listing in complaint_listing.cc, and the organisation register in
// organisation_register.cc.
#include "services/intake/intake_logic.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string_view>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "common/store/request_record.h"
#include "common/validation.h"
#include "services/intake/anonymised_reference.h"
#include "services/intake/complaint_state.h"
#include "services/intake/complaint_validation.h"
#include "services/intake/request_checks.h"

namespace redress::intake {
namespace {

// The request-record scope of a SubmitComplaint by the current caller: request ids are the caller's
// own (common/store/request_record.h).
std::string SubmitScope() { return CallerScope("SubmitComplaint"); }
constexpr size_t kMaxWithdrawalReasonChars = 2000;
// Attempts at a fresh complaint id when a generated one is already taken.
constexpr int kIdAttempts = 3;

// Person numbers only grow, one per person ever added to a complaint (at most kMaxPeople at a
// time), so a million is beyond any complaint's history; the bound keeps the arithmetic on them
// far from overflow.
constexpr int64_t kMaxPersonNumber = 1'000'000;

// 3 for "p3"; 0 for anything that is not a person id this service could have given.
int64_t PersonNumber(std::string_view person_id) {
  int64_t number = 0;
  if (person_id.size() < 2 || person_id.front() != 'p') return 0;
  absl::string_view digits(person_id.data() + 1, person_id.size() - 1);
  if (!absl::SimpleAtoi(digits, &number)) return 0;
  return number > 0 && number <= kMaxPersonNumber ? number : 0;
}

// Gives every person without an id the next number after `highest_in_use`.
// REQUIRES: highest_in_use plus the number of people without an id <= kMaxPersonNumber.
void NumberNewPeople(std::vector<Person>& people, int64_t highest_in_use) {
  for (Person& person : people) {
    if (person.person_id.empty()) person.person_id = absl::StrCat("p", ++highest_in_use);
  }
}

// The draft as a new complaint: output-only fields reset, people numbered p1.., references
// derived, receive_date defaulted to `today`. The id is set on insert.
Complaint NewComplaint(Complaint draft, absl::CivilDay today, absl::Time now) {
  Complaint c = std::move(draft);
  c.state = ComplaintState::kReceived;
  c.assessment.reset();
  c.previous_assessments.clear();
  c.reviews.clear();
  c.closure_reason = ClosureReason::kNone;
  c.closure_note.clear();
  for (Person& person : c.people) person.person_id.clear();
  NumberNewPeople(c.people, 0);
  if (c.receive_date == kUnsetDate) c.receive_date = today;
  DeriveReferences(c);
  c.version = 1;
  c.create_time = now;
  c.update_time = now;
  c.sequence = 0;
  return c;
}

// The complaint an earlier SubmitComplaint with this request_id created, for a retry.
absl::StatusOr<std::optional<Complaint>> FindSubmitRetry(IntakeStore& store,
                                                         const std::string& request_id,
                                                         const std::string& fingerprint,
                                                         RetryLookup lookup) {
  ASSIGN_OR_RETURN(std::optional<std::string> id,
                   FindRetriedResource(store, SubmitScope(), request_id, fingerprint, lookup));
  if (!id.has_value()) return std::optional<Complaint>();
  ASSIGN_OR_RETURN(Complaint complaint, LoadComplaint(store, *id));
  return std::optional<Complaint>(std::move(complaint));
}

// Inserts `c` under a new id with its request record. A concurrent call with the same request_id
// that won the race makes this one a retry; a clash of generated ids takes another id.
absl::StatusOr<Complaint> InsertSubmitted(IntakeStore& store, IdGenerator& ids, Complaint c,
                                          RequestRecord record) {
  for (int attempt = 0; attempt < kIdAttempts; ++attempt) {
    c.id = ids.NewId();
    record.resource_id = c.id;
    absl::StatusOr<int64_t> sequence = store.InsertComplaint(c, record);
    if (sequence.ok()) {
      c.sequence = *sequence;
      return c;
    }
    if (!absl::IsAlreadyExists(sequence.status())) return sequence.status();
    ASSIGN_OR_RETURN(
        std::optional<Complaint> retried,
        FindSubmitRetry(store, record.request_id, record.fingerprint, RetryLookup::kLatest));
    if (retried.has_value()) return *std::move(retried);
  }
  return absl::InternalError("could not find a free complaint id");
}

// Replaces the people with `patch`: people sent back with their person_id keep it, new people get
// the next number after the highest on the complaint. An unknown or repeated person_id is a
// violation; an unknown one never counts as a number in use, however large.
void MergePeople(FieldViolations& v, Complaint& c, std::vector<Person> patch) {
  int64_t highest = 0;
  std::set<std::string> existing, seen;
  for (const Person& person : c.people) {
    existing.insert(person.person_id);
    highest = std::max(highest, PersonNumber(person.person_id));
  }
  for (size_t i = 0; i < patch.size(); ++i) {
    const std::string& id = patch[i].person_id;
    if (id.empty()) continue;
    std::string field = absl::StrCat("complaint.people[", i, "].person_id");
    if (existing.count(id) == 0) {
      v.Add(field, absl::StrCat("no person ", Quoted(id), " on the complaint"));
    }
    if (!seen.insert(id).second) v.Add(field, absl::StrCat("person ", Quoted(id), " is repeated"));
  }
  const int64_t added = std::count_if(
      patch.begin(), patch.end(), [](const Person& person) { return person.person_id.empty(); });
  if (highest + added > kMaxPersonNumber) {
    v.Add("complaint.people", "no more people can be added to this complaint");
    return;
  }
  NumberNewPeople(patch, highest);
  c.people = std::move(patch);
}

// Copies the fields named in `mask` (already checked) from `patch` into `c`.
void ApplyComplaintMask(FieldViolations& v, Complaint& c, const Complaint& patch,
                        const std::vector<std::string>& mask) {
  for (const std::string& path : mask) {
    if (path == "people") MergePeople(v, c, patch.people);
    if (path == "complainants_reference_override") {
      c.complainants_reference_override = patch.complainants_reference_override;
    }
    if (path == "mp_referral") c.mp_referral = patch.mp_referral;
    if (path == "organisations") c.organisation_ids = patch.organisation_ids;
    if (path == "channel") c.channel = patch.channel;
    if (path == "confirmed_in_writing") c.confirmed_in_writing = patch.confirmed_in_writing;
    if (path == "what_went_wrong") c.what_went_wrong = patch.what_went_wrong;
    if (path == "injustice_claimed") c.injustice_claimed = patch.injustice_claimed;
    if (path == "outcome_wanted") c.outcome_wanted = patch.outcome_wanted;
    if (path == "aware_date") c.aware_date = patch.aware_date;
    if (path == "complained_to_organisation_date") {
      c.complained_to_organisation_date = patch.complained_to_organisation_date;
    }
    if (path == "final_response_date") c.final_response_date = patch.final_response_date;
    if (path == "receive_date") c.receive_date = patch.receive_date;
    if (path == "organisation_dates") c.organisation_dates = patch.organisation_dates;
  }
}

// An update of the people alone is allowed in more states than one that touches the narrative.
ComplaintAction UpdateAction(const std::vector<std::string>& mask) {
  const bool narrative = std::any_of(mask.begin(), mask.end(),
                                     [](const std::string& path) { return !IsPeopleField(path); });
  return narrative ? ComplaintAction::kUpdate : ComplaintAction::kUpdatePeople;
}

}  // namespace

IntakeLogic::IntakeLogic(IntakeStore& store, const Clock& clock, IdGenerator& ids,
                         const WorkingDayCalendar& calendar, IntakePolicy policy)
    : store_(store), clock_(clock), ids_(ids), calendar_(calendar), policy_(policy) {}

absl::StatusOr<Complaint> IntakeLogic::SubmitComplaint(const std::string& request_id,
                                                       const std::string& fingerprint,
                                                       Complaint draft,
                                                       const FieldViolations& decoding) {
  FieldViolations v = decoding;
  if (CheckRequestId(v, "request_id", request_id)) {
    // Committed records only, so that concurrent submissions keep sharing commits: a retry racing
    // its first attempt is caught by InsertSubmitted, which looks again.
    ASSIGN_OR_RETURN(std::optional<Complaint> retried,
                     FindSubmitRetry(store_, request_id, fingerprint, RetryLookup::kCommitted));
    if (retried.has_value()) return *std::move(retried);
  }
  const absl::Time now = StoredNow(clock_);
  const absl::CivilDay today = Today(clock_);
  Complaint complaint = NewComplaint(std::move(draft), today, now);
  ASSIGN_OR_RETURN(std::vector<Organisation> registered,
                   LookUpOrganisations(store_, complaint.organisation_ids));
  ValidateComplaint(v, complaint, FieldSelection::All(), registered, today);
  RETURN_IF_ERROR(v.ToStatus());
  return InsertSubmitted(store_, ids_, std::move(complaint),
                         RequestRecord{SubmitScope(), request_id, fingerprint, ""});
}

absl::StatusOr<Complaint> IntakeLogic::GetComplaint(const std::string& name) {
  FieldViolations v;
  std::string id = ParseResourceName(v, "name", name, kComplaintsCollection);
  RETURN_IF_ERROR(v.ToStatus());
  return LoadComplaint(store_, id);
}

absl::StatusOr<ComplaintPersonalDetails> IntakeLogic::GetComplaintPersonalDetails(
    const std::string& name) {
  ASSIGN_OR_RETURN(Complaint complaint, GetComplaint(name));
  ComplaintPersonalDetails result;
  result.complaint_id = complaint.id;
  result.people.reserve(complaint.people.size());
  for (Person& person : complaint.people) {
    result.people.push_back({person.person_id, person.role, std::move(person.details)});
  }
  // The referring MP names the complainant's constituency, so a summary must not name them.
  result.mp_referral = std::move(complaint.mp_referral);
  // Organisations published anonymously (DESIGN §3) must not be named in the narrative either:
  // the guard needs their register names.
  ASSIGN_OR_RETURN(std::vector<Organisation> registered,
                   LookUpOrganisations(store_, complaint.organisation_ids));
  for (Organisation& organisation : registered) {
    if (IsPublishedAnonymously(organisation)) {
      result.anonymous_organisations.push_back(std::move(organisation));
    }
  }
  return result;
}

absl::StatusOr<Complaint> IntakeLogic::UpdateComplaint(const std::string& name,
                                                       const Complaint& patch,
                                                       const std::vector<std::string>& mask,
                                                       const std::string& etag,
                                                       const FieldViolations& decoding) {
  FieldViolations v;
  std::string id = ParseResourceName(v, "complaint.name", name, kComplaintsCollection);
  CheckUpdateMask(v, mask, UpdatableComplaintFields());
  if (!v.empty()) {
    v.Append(decoding);
    return v.ToStatus();
  }
  // Every problem with the values comes before the etag and the state, so that a client learns
  // of all of them at once rather than one per retry.
  v = decoding;
  ASSIGN_OR_RETURN(Complaint current, LoadComplaint(store_, id));
  Complaint updated = current;
  ApplyComplaintMask(v, updated, patch, mask);
  DeriveReferences(updated);
  ASSIGN_OR_RETURN(std::vector<Organisation> registered,
                   LookUpOrganisations(store_, updated.organisation_ids));
  ValidateComplaint(v, updated, FieldSelection::Only(mask), registered, Today(clock_));
  RETURN_IF_ERROR(v.ToStatus());
  RETURN_IF_ERROR(CheckEtag(etag, current.version, current.name()));
  RETURN_IF_ERROR(CheckTransition(current, UpdateAction(mask)));
  RETURN_IF_ERROR(CheckNotErased(store_, current));
  updated.version = current.version + 1;
  updated.update_time = StoredNow(clock_);
  RETURN_IF_ERROR(store_.UpdateComplaint(updated, current.version, std::nullopt, std::nullopt));
  return updated;
}

absl::StatusOr<Complaint> IntakeLogic::WithdrawComplaint(const std::string& name,
                                                         const std::string& reason,
                                                         const std::string& etag) {
  FieldViolations v;
  std::string id = ParseResourceName(v, "name", name, kComplaintsCollection);
  CheckRequiredText(v, "reason", reason, kMaxWithdrawalReasonChars);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(Complaint complaint, LoadComplaint(store_, id));
  if (complaint.state == ComplaintState::kClosed &&
      complaint.closure_reason == ClosureReason::kWithdrawn) {
    return complaint;  // a retry of the withdrawal
  }
  RETURN_IF_ERROR(CheckEtag(etag, complaint.version, complaint.name()));
  RETURN_IF_ERROR(CheckTransition(complaint, ComplaintAction::kWithdraw));
  const int64_t expected_version = complaint.version;
  complaint.state = ComplaintState::kClosed;
  complaint.closure_reason = ClosureReason::kWithdrawn;
  complaint.closure_note = reason;
  complaint.version = expected_version + 1;
  complaint.update_time = StoredNow(clock_);
  RETURN_IF_ERROR(store_.UpdateComplaint(complaint, expected_version, std::nullopt, std::nullopt));
  return complaint;
}

absl::StatusOr<audit::AuditVerification> IntakeLogic::VerifyAuditLog(
    const std::optional<audit::AuditHead>& expected) {
  return audit::VerifyAuditChain(
      [&](int64_t after_sequence, int limit) {
        return store_.ListAuditEntries(after_sequence, limit);
      },
      expected);
}

}  // namespace redress::intake
