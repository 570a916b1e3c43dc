// Internal to PostgresStore: how investigation's domain types map to rows of the schema in
// postgres_store_schema.cc. Values are added to pg::Params in a table's column order and read back
// by column name; nothing here touches the database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/store/postgres/params.h"
#include "common/store/postgres/result.h"
#include "services/investigation/investigation.h"

namespace redress::investigation::pg_rows {

using ::redress::pg::Placeholders;

// An int2/int4/int8 column as an int, or as an enum by its number.
inline absl::StatusOr<int> ReadInt(const pg::Row& row, std::string_view column) {
  absl::StatusOr<int64_t> value = row.Int64(column);
  if (!value.ok()) return value.status();
  return static_cast<int>(*value);
}
template <typename Enum>
absl::StatusOr<Enum> ReadEnum(const pg::Row& row, std::string_view column) {
  absl::StatusOr<int64_t> value = row.Int64(column);
  if (!value.ok()) return value.status();
  return static_cast<Enum>(*value);
}

// The investigation row: kInvestigationColumns in this order (`id` first), added by
// AddInvestigation as kInvestigationColumnCount parameters; read as "sequence, " +
// kInvestigationColumns. Lists (including the snapshot's organisations and the provisional view's
// comments and commenters) are child rows; the row keeps how many evidence items and comments
// there are (the view's comment_count, 0 without a view).
inline constexpr char kInvestigationColumns[] =
    "id, state, caseworker, complaint, complainants_reference, what_went_wrong, "
    "injustice_claimed, outcome_wanted, jurisdiction, default_location, scope_summary, "
    "scope_agreed_date, scope_timescale_working_days, scope_target_date, location, "
    "view_share_date, view_comment_period_working_days, view_comment_deadline, decision_outcome, "
    "decision_date, decision_issue_time, decision_sequence, version, create_time, update_time, "
    "view_revision, view_shared_content, end_reason, end_date, end_record_time, owner, "
    "evidence_count, comment_count";
inline constexpr int kInvestigationColumnCount = 33;
void AddInvestigation(pg::Params& params, const Investigation& investigation);
// Without the lists.
absl::StatusOr<Investigation> ReadInvestigation(const pg::Row& row);

// Child rows. Each table starts (investigation_id, position); k<Part>Columns are the columns
// after those two, Add<Part> adds them in that order and Read<Part> reads them by name.
inline constexpr char kPointColumns[] =
    "point_id, description, outcome, finding_failing, finding_injustice, finding_causal_link, "
    "finding_reasoning, finding_record_time";
void AddPoint(pg::Params& params, const ComplaintPoint& point);
absl::StatusOr<ComplaintPoint> ReadPoint(const pg::Row& row);

// Evidence and comments also have a `name` column (their resource name, the key of their audit
// entries), written by the store beside these.
inline constexpr char kEvidenceColumns[] =
    "evidence_id, description, source, received_date, log_time";
void AddEvidence(pg::Params& params, const EvidenceItem& item);
absl::StatusOr<EvidenceItem> ReadEvidence(const pg::Row& row);

inline constexpr char kHoldColumns[] = "reason, start_date, end_date, resume_state";
void AddHold(pg::Params& params, const Hold& hold);
absl::StatusOr<Hold> ReadHold(const pg::Row& row);

inline constexpr char kHandlingFindingColumns[] = "principle, met, finding";
void AddHandlingFinding(pg::Params& params, const ComplaintHandlingFinding& finding);
absl::StatusOr<ComplaintHandlingFinding> ReadHandlingFinding(const pg::Row& row);

inline constexpr char kComplaintTypeColumns[] = "label";
void AddComplaintType(pg::Params& params, const std::string& label);
absl::StatusOr<std::string> ReadComplaintType(const pg::Row& row);

inline constexpr char kOrganisationColumns[] = "organisation, published_name";
void AddOrganisation(pg::Params& params, const OrganisationInvestigated& organisation);
absl::StatusOr<OrganisationInvestigated> ReadOrganisation(const pg::Row& row);

inline constexpr char kRecommendationColumns[] =
    "recommendation_id, type, beneficiary, description, amount_minor, currency_code, target_date, "
    "organisation";
void AddRecommendation(pg::Params& params, const Recommendation& recommendation);
absl::StatusOr<Recommendation> ReadRecommendation(const pg::Row& row);

inline constexpr char kCommentColumns[] =
    "comment_id, party, text, received_date, log_time, organisation, view_revision";
void AddComment(pg::Params& params, const Comment& comment);
absl::StatusOr<Comment> ReadComment(const pg::Row& row);

inline constexpr char kCommenterColumns[] = "party, organisation, first_received_date";
void AddCommenter(pg::Params& params, const Commenter& commenter);
absl::StatusOr<Commenter> ReadCommenter(const pg::Row& row);

// previous_decisions.
inline constexpr char kDecisionColumns[] = "outcome, decision_date, issue_time, sequence";
void AddDecision(pg::Params& params, const FinalDecision& decision);
absl::StatusOr<FinalDecision> ReadDecision(const pg::Row& row);

inline constexpr char kReviewColumns[] =
    "review_id, requested_by, ground, explanation, request_date, outcome, outcome_reason, "
    "decide_date, decision_sequence";
void AddReview(pg::Params& params, const Review& review);
absl::StatusOr<Review> ReadReview(const pg::Row& row);

}  // namespace redress::investigation::pg_rows
