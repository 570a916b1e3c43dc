// IntakeLogic::AssessComplaint: runs the checks of assessment_checks.h on a RECEIVED complaint,
// decides the outcome (assessment_outcome.h) and records it; an acceptance writes its hand-off,
// naming the accepted organisations only, to the outbox in the same store call.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/intake/assessment_checks.h"
#include "services/intake/assessment_outcome.h"
#include "services/intake/complaint_state.h"
#include "services/intake/complaint_validation.h"
#include "services/intake/intake_logic.h"
#include "services/intake/request_checks.h"

namespace redress::intake {
namespace {

// The assessment, current or earlier, that the request `request_id` recorded; null for none.
const Assessment* AssessmentRecordedBy(const Complaint& complaint, const std::string& request_id) {
  if (complaint.assessment.has_value() && complaint.assessment->request_id == request_id) {
    return &*complaint.assessment;
  }
  for (const Assessment& previous : complaint.previous_assessments) {
    if (previous.request_id == request_id) return &previous;
  }
  return nullptr;
}

// The complaint as it stands when one of its assessments was recorded by this request (a retry:
// same request_id and fingerprint): as recorded, or, when a review has since reopened that
// assessment, as it now is -- the request did take effect, and must not assess again; nullopt
// when no assessment was recorded by it; INVALID_ARGUMENT with reason REQUEST_ID_REUSED when the
// request_id recorded one for a different body.
absl::StatusOr<std::optional<Complaint>> RecordedBy(const Complaint& complaint,
                                                    const AssessCommand& command) {
  const Assessment* recorded = AssessmentRecordedBy(complaint, command.request_id);
  if (recorded == nullptr) return std::optional<Complaint>();
  if (recorded->request_fingerprint != command.fingerprint) {
    return InvalidArgument({{"request_id", absl::StrCat("request_id \"", command.request_id,
                                                        "\" was already used for a different "
                                                        "AssessComplaint request")}},
                           reason::kRequestIdReused);
  }
  return std::optional<Complaint>(complaint);
}

// `current` with `assessment` recorded: accepted, or closed with its reason and note.
Complaint WithAssessment(const Complaint& current, Assessment assessment,
                         const AssessCommand& command, absl::Time now) {
  Complaint c = current;
  assessment.assessor = command.assessor;
  assessment.assess_time = now;
  assessment.request_id = command.request_id;
  assessment.request_fingerprint = command.fingerprint;
  const bool caseworker_closed = !assessment.accepted &&
                                 command.closure != CaseworkerClosure::kNone &&
                                 std::all_of(assessment.checks.begin(), assessment.checks.end(),
                                             [](const CheckResult& r) { return r.passed; });
  if (assessment.accepted) {
    c.state = ComplaintState::kAccepted;
    c.closure_reason = ClosureReason::kNone;
    c.closure_note.clear();
  } else {
    c.state = ComplaintState::kClosed;
    c.closure_reason = assessment.closure_reason;
    c.closure_note = caseworker_closed ? command.closure_note : assessment.reason;
  }
  c.assessment = std::move(assessment);
  c.version = current.version + 1;
  c.update_time = now;
  return c;
}

// The hand-off of accepted complaint `c`: investigation opens for the organisations the complaint
// was accepted for, and for no other (a part closed at assessment is not investigated). The
// publication defaults are taken from `registered` (the register's entries for c's organisations;
// one it no longer holds gets no name), for the first accepted organisation.
// REQUIRES: c.assessment is set.
AcceptanceHandoff HandoffFor(const Complaint& c, const std::vector<Organisation>& registered,
                             absl::Time now) {
  AcceptanceHandoff handoff;
  handoff.handoff_key = absl::StrCat(c.name(), "/acceptance");
  handoff.complaint_id = c.id;
  handoff.complainants_reference = c.complainants_reference;
  handoff.owner = c.owner;
  handoff.organisation_ids = AcceptedOrganisations(*c.assessment);
  handoff.what_went_wrong = c.what_went_wrong;
  handoff.injustice_claimed = c.injustice_claimed;
  handoff.outcome_wanted = c.outcome_wanted;
  handoff.accept_time = now;
  const std::vector<std::string>& accepted = handoff.organisation_ids;
  for (size_t i = 0; i < accepted.size(); ++i) {
    auto found = std::find_if(registered.begin(), registered.end(),
                              [&](const Organisation& o) { return o.id == accepted[i]; });
    handoff.organisation_published_names.push_back(
        found == registered.end() ? "" : PublishedName(*found));
    if (i == 0 && found != registered.end()) {
      handoff.jurisdiction = found->jurisdiction;
      handoff.default_location = found->location;
    }
  }
  return handoff;
}

// After a failed write: when a concurrent retry of the same request recorded the assessment,
// that result; otherwise the failure (a lost race is ABORTED).
absl::StatusOr<Complaint> ResolveFailedWrite(IntakeStore& store, const std::string& id,
                                             const AssessCommand& command, absl::Status failed) {
  if (!absl::IsAborted(failed) && !absl::IsAlreadyExists(failed)) return failed;
  ASSIGN_OR_RETURN(Complaint now_stored, LoadComplaint(store, id));
  ASSIGN_OR_RETURN(std::optional<Complaint> recorded, RecordedBy(now_stored, command));
  if (recorded.has_value()) return *std::move(recorded);
  if (absl::IsAlreadyExists(failed)) {
    return absl::AbortedError(
        absl::StrCat(now_stored.name(), " was assessed concurrently; read it again"));
  }
  return failed;
}

// The checks of a request against the stored complaint: an assessment date not before receipt,
// and overrides naming only organisations the complaint names. INVALID_ARGUMENT with each.
absl::Status CheckAgainstComplaint(const Complaint& current, const AssessCommand& command,
                                   absl::CivilDay date) {
  FieldViolations v;
  if (date < current.receive_date) {
    v.Add("assessment_date",
          absl::StrCat("assessment_date ", absl::FormatCivilTime(date), " is before receipt on ",
                       absl::FormatCivilTime(current.receive_date)));
  }
  const std::vector<std::string>& named = current.organisation_ids;
  for (size_t i = 0; i < command.overrides.size(); ++i) {
    const std::string& id = command.overrides[i].organisation_id;
    if (id.empty() || std::find(named.begin(), named.end(), id) != named.end()) continue;
    v.Add(
        absl::StrCat("overrides[", i, "].organisation"),
        absl::StrCat(kOrganisationsCollection, id, " is not one of the complaint's organisations"));
  }
  return v.ToStatus();
}

}  // namespace

absl::StatusOr<Complaint> IntakeLogic::AssessComplaint(const AssessCommand& command,
                                                       const FieldViolations& decoding) {
  const absl::CivilDay today = Today(clock_);
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kComplaintsCollection);
  ValidateAssessCommand(v, command, today);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(Complaint current, LoadComplaint(store_, id));
  ASSIGN_OR_RETURN(std::optional<Complaint> recorded, RecordedBy(current, command));
  if (recorded.has_value()) return *std::move(recorded);
  RETURN_IF_ERROR(CheckEtag(command.etag, current.version, current.name()));
  RETURN_IF_ERROR(CheckTransition(current, ComplaintAction::kAssess));
  const absl::CivilDay date = command.assessment_date.value_or(today);
  RETURN_IF_ERROR(CheckAgainstComplaint(current, command, date));
  ASSIGN_OR_RETURN(std::vector<Organisation> registered,
                   LookUpOrganisations(store_, current.organisation_ids));
  const AssessmentInput input{current, registered, date, calendar_, policy_};
  const absl::Time now = StoredNow(clock_);
  Complaint assessed = WithAssessment(
      current, Assess(input, command.overrides, command.closure, command.closure_note), command,
      now);
  if (command.validate_only) {  // the result as it would be; the stored etag stays valid
    assessed.version = current.version;
    assessed.update_time = current.update_time;
    return assessed;
  }
  std::optional<AcceptanceHandoff> handoff;
  if (assessed.state == ComplaintState::kAccepted) handoff = HandoffFor(assessed, registered, now);
  absl::Status written = store_.UpdateComplaint(assessed, current.version, handoff, std::nullopt);
  if (written.ok()) return assessed;
  return ResolveFailedWrite(store_, id, command, written);
}

}  // namespace redress::intake
