// InvestigationLogic: recording findings on complaint points (their outcomes derived), and the
// caseworker's masked update of the narrative and structured fields.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string_view>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/status_macros.h"
#include "services/investigation/apply_change.h"
#include "services/investigation/decision_record.h"
#include "services/investigation/investigation_logic.h"
#include "services/investigation/investigation_state.h"
#include "services/investigation/investigation_validation.h"
#include "services/investigation/outcomes.h"
#include "services/investigation/request_checks.h"

namespace redress::investigation {
namespace {

// Recommendation numbers only grow, one per recommendation ever added (at most
// kMaxRecommendations at a time), so a million is beyond any investigation's history; the bound
// keeps the arithmetic on them far from overflow.
constexpr int64_t kMaxRecommendationNumber = 1'000'000;

// 3 for "r3"; 0 for anything that is not a recommendation id this service could have given.
int64_t RecommendationNumber(std::string_view id) {
  int64_t number = 0;
  if (id.size() < 2 || id.front() != 'r') return 0;
  if (!absl::SimpleAtoi(absl::string_view(id.data() + 1, id.size() - 1), &number)) return 0;
  return number > 0 && number <= kMaxRecommendationNumber ? number : 0;
}

// Replaces the recommendations with `patch`: those sent back with their recommendation_id keep
// it, new ones get the next number after the highest on the investigation. An unknown or repeated
// id is a violation; an unknown one never counts as a number in use, however large.
void MergeRecommendations(FieldViolations& v, Investigation& inv,
                          std::vector<Recommendation> patch) {
  int64_t highest = 0;
  std::set<std::string> existing, seen;
  for (const Recommendation& r : inv.recommendations) {
    existing.insert(r.recommendation_id);
    highest = std::max(highest, RecommendationNumber(r.recommendation_id));
  }
  for (size_t i = 0; i < patch.size(); ++i) {
    const std::string& id = patch[i].recommendation_id;
    if (id.empty()) continue;
    std::string field = absl::StrCat("investigation.recommendations[", i, "].recommendation_id");
    if (existing.count(id) == 0) {
      v.Add(field, absl::StrCat("no recommendation ", Quoted(id), " on the investigation"));
    } else if (!seen.insert(id).second) {
      v.Add(field, absl::StrCat("recommendation ", Quoted(id), " is repeated"));
    }
  }
  const int64_t added = std::count_if(patch.begin(), patch.end(), [](const Recommendation& r) {
    return r.recommendation_id.empty();
  });
  if (highest + added > kMaxRecommendationNumber) {
    v.Add("investigation.recommendations", "no more recommendations can be added");
    return;
  }
  for (Recommendation& r : patch) {
    if (r.recommendation_id.empty()) r.recommendation_id = absl::StrCat("r", ++highest);
  }
  inv.recommendations = std::move(patch);
}

// Copies the fields named in `mask` (already checked) from `patch` into `inv`.
void ApplyMask(FieldViolations& v, Investigation& inv, const Investigation& patch,
               const std::vector<std::string>& mask) {
  // Each path once, however often the mask repeats it.
  for (const std::string& path : std::set<std::string>(mask.begin(), mask.end())) {
    if (path == "narrative") inv.narrative = patch.narrative;
    if (path == "complaint_handling_findings") {
      inv.complaint_handling_findings = patch.complaint_handling_findings;
    }
    if (path == "complaint_types") inv.complaint_types = patch.complaint_types;
    if (path == "organisations_investigated") {
      inv.organisations_investigated = patch.organisations_investigated;
    }
    if (path == "location") inv.location = patch.location;
    if (path == "recommendations") MergeRecommendations(v, inv, patch.recommendations);
  }
}

// A decided investigation's narrative can still be corrected (and must be, to anonymise it), but
// not into disagreement with the decision: the same checks as when it was issued
// (decision_record.h), on the request's fields.
absl::Status CheckNarrativeStillAgrees(const Investigation& current, const Investigation& updated,
                                       const std::vector<std::string>& mask) {
  if (!current.final_decision.has_value() ||
      std::find(mask.begin(), mask.end(), "narrative") == mask.end()) {
    return absl::OkStatus();
  }
  FieldViolations v;
  for (const RecordDisagreement& d :
       NarrativeDisagreements(updated.narrative, current.final_decision->decision)) {
    v.Add("investigation." + d.field, d.description);
  }
  return v.ToStatus();
}

}  // namespace

absl::StatusOr<Investigation> InvestigationLogic::RecordFinding(const RecordFindingCommand& command,
                                                                const FieldViolations& decoding) {
  FieldViolations v = decoding;
  std::string id = ParseResourceName(v, "name", command.name, kInvestigationsCollection);
  ValidateCommand(v, command);
  RETURN_IF_ERROR(v.ToStatus());
  ChangeRequest request = ChangeRequestAt(clock_, id, command.etag);
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        RETURN_IF_ERROR(CheckTransition(current, InvestigationAction::kRecordFinding));
        Change change = ChangeOf(current);
        auto point =
            std::find_if(change.updated.points.begin(), change.updated.points.end(),
                         [&](const ComplaintPoint& p) { return p.point_id == command.point_id; });
        if (point == change.updated.points.end()) {
          return InvalidArgument(
              {{"point_id", absl::StrCat("no complaint point ", Quoted(command.point_id), " on ",
                                         current.name())}});
        }
        ASSIGN_OR_RETURN(point->outcome, PointOutcome(command.finding));
        point->finding = command.finding;
        point->finding->record_time = request.now;
        return change;
      });
}

absl::StatusOr<Investigation> InvestigationLogic::UpdateInvestigation(
    const std::string& name, const Investigation& patch, const std::vector<std::string>& mask,
    const std::string& etag, const FieldViolations& decoding) {
  FieldViolations v;
  std::string id = ParseResourceName(v, "investigation.name", name, kInvestigationsCollection);
  CheckUpdateMask(v, mask, UpdatableInvestigationFields());
  if (!v.empty()) {
    v.Append(decoding);
    return v.ToStatus();
  }
  v = decoding;
  ValidateInvestigationFields(v, patch, FieldSelection::Only(mask));
  RETURN_IF_ERROR(v.ToStatus());
  ChangeRequest request = ChangeRequestAt(clock_, id, etag);
  return ApplyChange(
      store_, calendar_, request, [&](const Investigation& current) -> absl::StatusOr<Change> {
        Change change = ChangeOf(current);
        FieldViolations merge;
        ApplyMask(merge, change.updated, patch, mask);
        CheckRecommendationOrganisations(merge, change.updated, FieldSelection::Only(mask));
        RETURN_IF_ERROR(merge.ToStatus());
        const bool publication_only =
            std::all_of(mask.begin(), mask.end(), [](const std::string& path) {
              const std::vector<std::string>& fields = PublicationFields();
              return std::find(fields.begin(), fields.end(), path) != fields.end();
            });
        RETURN_IF_ERROR(CheckTransition(current, publication_only
                                                     ? InvestigationAction::kUpdatePublication
                                                     : InvestigationAction::kUpdate));
        RETURN_IF_ERROR(CheckNotErased(store_, current));
        RETURN_IF_ERROR(CheckNarrativeStillAgrees(current, change.updated, mask));
        return change;
      });
}

}  // namespace redress::investigation
