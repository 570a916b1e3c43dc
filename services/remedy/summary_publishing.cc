// RemedyLogic's case summaries: rendering a decided case read from investigation, the
// anonymisation guard against the people intake holds on the complaint, and publishing versions.
// Nothing personal is kept: the details are fetched for each check and dropped after it.
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/case_summary.h"
#include "services/remedy/publishable_case.h"
#include "services/remedy/recommendation_state.h"
#include "services/remedy/remedy_logic.h"
#include "services/remedy/store_reads.h"

namespace redress::remedy {
namespace {

inline constexpr char kDecisionNotReceived[] = "DECISION_NOT_RECEIVED";
inline constexpr char kRecommendationsOpen[] = "RECOMMENDATIONS_OPEN";

// Whether two summaries say the same thing (their versions and publish times aside).
bool SameContent(const CaseSummary& a, const CaseSummary& b) {
  CaseSummary x = a;
  CaseSummary y = b;
  x.version = y.version = 0;
  x.publish_time = y.publish_time = std::nullopt;
  return x == y;
}

std::string Describe(const PersonalDataHit& hit) {
  // Never the matched text: it is personal data.
  return absl::StrCat("offset ", hit.offset, ": the ", hit.person_role, "'s ", hit.kind);
}

}  // namespace

absl::StatusOr<RenderedSummary> RemedyLogic::RenderWith(
    const DecidedCase& decided, const std::vector<Recommendation>& of_investigation,
    absl::Time deadline) {
  // A remedy delivered is delivered whichever decision asked for it: one complied with before a
  // review reopened the case stays in the footer, even if the new decision does not repeat it.
  std::vector<RecommendationType> delivered;
  for (const Recommendation& r : of_investigation) {
    if (r.state == RecommendationState::kComplied) delivered.push_back(r.type);
  }
  ASSIGN_OR_RETURN(std::vector<PersonOnCase> people,
                   people_.GetPeople(decided.complaint, deadline));
  RenderedSummary rendered;
  rendered.hits = FindPersonalData(NarrativeParagraphs(decided), people);
  rendered.summary = remedy::RenderCaseSummary(decided, delivered);
  return rendered;
}

absl::StatusOr<RenderedSummary> RemedyLogic::RenderCaseSummary(std::string_view investigation,
                                                               absl::Time deadline) {
  FieldViolations v;
  const std::string id =
      ParseResourceName(v, "investigation", investigation, kInvestigationsCollection);
  RETURN_IF_ERROR(v.ToStatus());
  ASSIGN_OR_RETURN(DecidedCase decided, ReadPublishableCase(cases_, id, deadline));
  ASSIGN_OR_RETURN(std::vector<Recommendation> all, RecommendationsOf(store_, id));
  return RenderWith(decided, all, deadline);
}

absl::StatusOr<CaseSummary> RemedyLogic::PublishCaseSummary(std::string_view investigation,
                                                            absl::Time deadline) {
  FieldViolations v;
  const std::string id =
      ParseResourceName(v, "investigation", investigation, kInvestigationsCollection);
  RETURN_IF_ERROR(v.ToStatus());
  const std::string subject(investigation);
  ASSIGN_OR_RETURN(DecidedCase decided, ReadPublishableCase(cases_, id, deadline));

  // The remedies are known only once remedy has the decision and every recommendation of it is
  // closed (complied, declined, not complied). Evidence that arrives after NOT_COMPLIED makes a
  // remedy delivered late: publishing again then gives a new version with it.
  const std::string key = absl::StrCat(subject, "/decisions/", decided.decision_sequence);
  ASSIGN_OR_RETURN(std::optional<DecisionReceipt> receipt, store_.FindDecisionReceipt(key));
  if (!receipt.has_value()) {
    return PreconditionFailed(
        "HANDOFF", subject,
        absl::StrCat("remedy has not yet received decision ", decided.decision_sequence,
                     " from investigation; try again shortly"),
        kDecisionNotReceived);
  }
  std::vector<PreconditionViolation> open;
  for (const std::string& rec_id : receipt->recommendation_ids) {
    ASSIGN_OR_RETURN(Recommendation r, LoadRecommendation(store_, rec_id));
    if (IsOpen(r.state)) {
      open.push_back({"COMPLIANCE", RecommendationName(rec_id),
                      absl::StrCat("is still ", std::string(RecommendationStateName(r.state)))});
    }
  }
  if (!open.empty()) {
    return PreconditionsFailed(absl::StrCat(subject, ": recommendations are still open"), open,
                               kRecommendationsOpen);
  }
  ASSIGN_OR_RETURN(std::vector<Recommendation> all, RecommendationsOf(store_, id));
  ASSIGN_OR_RETURN(RenderedSummary rendered, RenderWith(decided, all, deadline));
  const CaseSummary& summary = rendered.summary;
  if (!rendered.hits.empty()) {
    std::vector<PreconditionViolation> violations;
    for (const PersonalDataHit& hit : rendered.hits) {
      violations.push_back({"PERSONAL_DATA", hit.field, Describe(hit)});
    }
    return PreconditionsFailed(
        absl::StrCat(subject, ": the narrative names a person recorded on the complaint"),
        violations, kPersonalDataInSummary);
  }

  absl::StatusOr<CaseSummary> latest = store_.GetCaseSummary(summary.investigation_id, 0);
  if (!latest.ok() && !absl::IsNotFound(latest.status())) return latest.status();
  if (latest.ok() && SameContent(*latest, summary)) return latest;
  CaseSummary published = summary;
  published.version = latest.ok() ? latest->version + 1 : 1;
  published.publish_time = StoredNow(clock_);
  absl::Status inserted = store_.InsertCaseSummary(published);
  if (absl::IsAlreadyExists(inserted)) {
    // Another publication of the same case won the race; what this one rendered may be older
    // than what it stored, so the caller decides (publishing again re-reads the case).
    return absl::AbortedError(
        absl::StrCat(subject, ": published concurrently; publish again to re-read the case"));
  }
  RETURN_IF_ERROR(inserted);
  return published;
}

absl::StatusOr<CaseSummary> RemedyLogic::GetCaseSummary(std::string_view name, int version) {
  FieldViolations v;
  const std::string id = ParseResourceName(v, "name", name, kCaseSummariesCollection);
  if (version < 0) v.Add("version", "version must not be negative");
  RETURN_IF_ERROR(v.ToStatus());
  absl::StatusOr<CaseSummary> found = store_.GetCaseSummary(id, version);
  if (absl::IsNotFound(found.status())) {
    return NotFound(version == 0 ? std::string(name)
                                 : absl::StrCat(std::string(name), " version ", version));
  }
  return found;
}

}  // namespace redress::remedy
