// RemedyLogic's case summaries: rendering a decided case read from investigation (refused while a
// paragraph holds a line break), the anonymisation guard against what intake holds on the
// complaint with the caseworkers' acknowledgements of its hits, and publishing versions. Nothing
// personal is kept: the details are fetched for each check and dropped after it, and an
// acknowledgement is recorded against a keyed hash of the text it accepts (anonymisation_issue.h).
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/errors.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "services/remedy/apply_change.h"
#include "services/remedy/case_summary.h"
#include "services/remedy/line_breaks.h"
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

// Refuses a narrative with a line break in a paragraph: one paragraph is one line of the
// published text (DESIGN §3), so such a paragraph cannot be rendered as written. It is no
// personal data and nobody may accept it; the caseworker removes it.
absl::Status CheckNoLineBreaks(const std::string& subject,
                               const std::vector<NarrativeParagraph>& paragraphs) {
  const std::vector<LineBreak> found = FindLineBreaks(paragraphs);
  if (found.empty()) return absl::OkStatus();
  std::vector<PreconditionViolation> violations;
  for (const LineBreak& line_break : found) {
    violations.push_back({"LINE_BREAK", line_break.field, Describe(line_break)});
  }
  return PreconditionsFailed(
      absl::StrCat(subject, ": a narrative paragraph holds a line break; a paragraph is one line"),
      violations, kLineBreakInParagraph);
}

}  // namespace

absl::StatusOr<RenderedSummary> RemedyLogic::RenderWith(
    const DecidedCase& decided, const std::vector<Recommendation>& of_investigation,
    absl::Time deadline) {
  const std::vector<NarrativeParagraph> paragraphs = NarrativeParagraphs(decided);
  RETURN_IF_ERROR(
      CheckNoLineBreaks(kInvestigationsCollection + decided.investigation_id, paragraphs));
  // A remedy delivered is delivered whichever decision asked for it: one complied with before a
  // review reopened the case stays in the footer, even if the new decision does not repeat it.
  std::vector<RecommendationType> delivered;
  for (const Recommendation& r : of_investigation) {
    if (r.state == RecommendationState::kComplied) delivered.push_back(r.type);
  }
  ASSIGN_OR_RETURN(PersonalDataOnCase on_case,
                   people_.GetPersonalData(decided.complaint, deadline));
  ASSIGN_OR_RETURN(std::string key, store_.GetIssueKey());
  ASSIGN_OR_RETURN(std::vector<IssueAcknowledgement> acknowledged,
                   store_.ListIssueAcknowledgements(decided.investigation_id));
  RenderedSummary rendered;
  rendered.hits = IdentifyIssues(paragraphs, FindPersonalData(paragraphs, on_case), key);
  MarkAcknowledged(rendered.hits, acknowledged);
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
  // Every hit stops publication until a caseworker has accepted it with a reason.
  std::vector<PreconditionViolation> violations;
  for (const AnonymisationIssue& issue : rendered.hits) {
    if (issue.acknowledgement.has_value()) continue;
    violations.push_back({"PERSONAL_DATA", issue.hit.field, Describe(issue.hit)});
  }
  if (!violations.empty()) {
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
