// InvestigationLogic: opening an investigation, reading it, assigning the caseworker and agreeing
// (or revising) the scope. Evidence and holds are in evidence_and_holds.cc, findings and updates in
// findings_and_updates.cc, the provisional view in provisional_view.cc, the decision and its
// review in decision_and_review.cc, withdrawal and discontinuance in investigation_end.cc, listing
// in investigation_listing.cc.
#include "services/investigation/investigation_logic.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/investigation/apply_change.h"
#include "services/investigation/deadlines.h"
#include "services/investigation/investigation_state.h"
#include "services/investigation/investigation_validation.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

constexpr char kOpenScope[] = "OpenInvestigation";
// Attempts at a fresh investigation id when a generated one is already taken.
constexpr int kIdAttempts = 3;

// The organisations to publish, defaulted from the snapshot: each with its published name, or
// its id where intake sent none (the caseworker corrects it with UpdateInvestigation).
std::vector<OrganisationInvestigated> DefaultOrganisations(const ComplaintSnapshot& snapshot) {
  std::vector<OrganisationInvestigated> organisations;
  for (size_t i = 0; i < snapshot.organisations.size(); ++i) {
    const std::string& name = snapshot.organisations[i];
    std::string published = i < snapshot.organisation_published_names.size()
                                ? snapshot.organisation_published_names[i]
                                : "";
    if (published.empty()) published = name.substr(name.find('/') + 1);
    organisations.push_back({name, std::move(published)});
  }
  return organisations;
}

Investigation NewInvestigation(ComplaintSnapshot snapshot, absl::Time now) {
  Investigation investigation;
  investigation.state = InvestigationState::kUnassigned;
  investigation.organisations_investigated = DefaultOrganisations(snapshot);
  investigation.location = snapshot.default_location;
  investigation.complaint = std::move(snapshot);
  investigation.version = 1;
  investigation.create_time = now;
  investigation.update_time = now;
  return investigation;
}

// The investigation an earlier OpenInvestigation with this request_id opened, for a retry.
absl::StatusOr<std::optional<Investigation>> FindOpenRetry(InvestigationStore& store,
                                                           const std::string& request_id,
                                                           const std::string& fingerprint) {
  ASSIGN_OR_RETURN(std::optional<std::string> id,
                   FindRetriedResource(store, kOpenScope, request_id, fingerprint));
  if (!id.has_value()) return std::optional<Investigation>();
  ASSIGN_OR_RETURN(Investigation investigation, LoadInvestigation(store, *id));
  return std::optional<Investigation>(std::move(investigation));
}

// Inserts `investigation` under a new id with its request record. A concurrent call with the
// same request_id that won the race makes this one a retry; a clash of generated ids takes
// another id.
absl::StatusOr<Investigation> InsertOpened(InvestigationStore& store, IdGenerator& ids,
                                           Investigation investigation, RequestRecord record) {
  for (int attempt = 0; attempt < kIdAttempts; ++attempt) {
    investigation.id = ids.NewId();
    record.resource_id = investigation.id;
    absl::StatusOr<int64_t> sequence = store.InsertInvestigation(investigation, record);
    if (sequence.ok()) {
      investigation.sequence = *sequence;
      return investigation;
    }
    if (!absl::IsAlreadyExists(sequence.status())) return sequence.status();
    ASSIGN_OR_RETURN(std::optional<Investigation> retried,
                     FindOpenRetry(store, record.request_id, record.fingerprint));
    if (retried.has_value()) return *std::move(retried);
  }
  return absl::InternalError("could not find a free investigation id");
}

// 3 for "cp3"; 0 for anything else. Point numbers are at most kMaxPoints per agreement, so they
// stay small however often a scope is revised.
int PointNumber(const std::string& point_id) {
  int number = 0;
  if (point_id.rfind("cp", 0) != 0) return 0;
  if (!absl::SimpleAtoi(absl::string_view(point_id).substr(2), &number)) return 0;
  return number > 0 ? number : 0;
}

// The complaint points of an agreed (or revised) scope, in the order of `descriptions`. A point
// of `current` whose description is listed unchanged is the same point: it keeps its id and its
// finding. Any other description is a new point, without a finding, numbered after the highest
// ever given ("cp1", "cp2", ...); a reworded point is a new point, since its finding answered the
// old wording. A point not listed is dropped with its finding.
std::vector<ComplaintPoint> AgreedPoints(const std::vector<ComplaintPoint>& current,
                                         const std::vector<std::string>& descriptions) {
  int highest = 0;
  for (const ComplaintPoint& point : current)
    highest = std::max(highest, PointNumber(point.point_id));
  std::vector<bool> kept(current.size(), false);
  std::vector<ComplaintPoint> points;
  for (const std::string& description : descriptions) {
    size_t i = 0;
    while (i < current.size() && (kept[i] || current[i].description != description)) ++i;
    if (i < current.size()) {
      kept[i] = true;
      points.push_back(current[i]);
      continue;
    }
    ComplaintPoint point;
    point.point_id = absl::StrCat("cp", ++highest);
    point.description = description;
    points.push_back(std::move(point));
  }
  return points;
}

}  // namespace

InvestigationLogic::InvestigationLogic(InvestigationStore& store, const Clock& clock,
                                       IdGenerator& ids, const WorkingDayCalendar& calendar,
                                       InvestigationPolicy policy)
    : store_(store), clock_(clock), ids_(ids), calendar_(calendar), policy_(policy) {}

absl::StatusOr<Investigation> InvestigationLogic::OpenInvestigation(const std::string& request_id,
                                                                    const std::string& fingerprint,
                                                                    ComplaintSnapshot snapshot,
                                                                    const FieldViolations& decoding,
                                                                    const std::string& owner) {
  FieldViolations v = decoding;
  ValidateOpenRequest(v, request_id, snapshot);
  if (!v.Has("request_id")) {  // a retry returns what the first call opened, whatever else
    ASSIGN_OR_RETURN(std::optional<Investigation> retried,
                     FindOpenRetry(store_, request_id, fingerprint));
    if (retried.has_value()) return AsOf(*std::move(retried), Today(clock_), calendar_);
  }
  RETURN_IF_ERROR(v.ToStatus());
  Investigation opened = NewInvestigation(std::move(snapshot), StoredNow(clock_));
  opened.owner = owner;
  return InsertOpened(store_, ids_, std::move(opened),
                      RequestRecord{kOpenScope, request_id, fingerprint, ""});
}

absl::StatusOr<Investigation> InvestigationLogic::GetInvestigation(const std::string& name) {
  FieldViolations v;
  std::string id = ParseResourceName(v, "name", name, kInvestigationsCollection);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(Investigation investigation, LoadInvestigation(store_, id));
  return AsOf(std::move(investigation), Today(clock_), calendar_);
}

absl::StatusOr<Investigation> InvestigationLogic::AssignCaseworker(
    const std::string& name, const std::string& caseworker, const std::string& etag,
    const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", name, kInvestigationsCollection);
  ValidateCaseworker(v, "caseworker", caseworker);
  RETURN_IF_ERROR(v.ToStatus());
  ChangeRequest request = ChangeRequestAt(clock_, id, etag);
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        Change change = ChangeOf(current);
        ASSIGN_OR_RETURN(change.updated.state,
                         Transition(current, InvestigationAction::kAssignCaseworker));
        change.updated.caseworker = caseworker;
        return change;
      });
}

absl::StatusOr<Investigation> InvestigationLogic::AgreeScope(const AgreeScopeCommand& command,
                                                             const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ChangeRequest request = ChangeRequestAt(clock_, id, command.etag);
  ValidateCommand(v, command, request.today);
  RETURN_IF_ERROR(v.ToStatus());
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        Change change = ChangeOf(current);
        Investigation& updated = change.updated;
        ASSIGN_OR_RETURN(updated.state, Transition(current, InvestigationAction::kAgreeScope));
        const absl::CivilDay agreed = command.agreed_date.value_or(request.today);
        if (current.scope.has_value()) {  // a revision: the timescale runs from the new date
          RETURN_IF_ERROR(CheckNotBefore("scope.agreed_date", agreed, current.scope->agreed_date,
                                         "the scope was last agreed"));
        }
        updated.scope =
            Scope{command.summary, agreed, command.timescale_working_days, absl::CivilDay()};
        updated.points = AgreedPoints(current.points, command.points);
        RETURN_IF_ERROR(RecomputeDeadlinesFor(updated, request.today, calendar_,
                                              "scope.timescale_working_days"));
        return change;
      });
}

absl::StatusOr<audit::AuditVerification> InvestigationLogic::VerifyAuditLog(
    const std::optional<audit::AuditHead>& expected) {
  return audit::VerifyAuditChain(
      [&](int64_t after_sequence, int limit) {
        return store_.ListAuditEntries(after_sequence, limit);
      },
      expected);
}

}  // namespace redress::investigation
