// Internal to SqliteStore: how investigation's domain types map to rows of the schema in
// sqlite_store_schema.cc (column lists, binding, reading, value encodings), and the statements on
// idempotency records that several writes share.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/store/sqlite/sqlite.h"
#include "services/investigation/investigation.h"

namespace redress::investigation::sqlite_rows {

// Times as microseconds since the epoch; the infinite past/future round-trip as the int64
// extremes.
int64_t TimeToMicros(absl::Time time);
absl::Time MicrosToTime(int64_t micros);
std::optional<int64_t> TimeToMicros(const std::optional<absl::Time>& time);
// Dates as "YYYY-MM-DD".
std::string DateToText(absl::CivilDay day);
std::optional<std::string> DateToText(const std::optional<absl::CivilDay>& day);
// INTERNAL if the column does not hold a date (the file was damaged).
absl::StatusOr<absl::CivilDay> ReadDate(const Statement& row, int column);
absl::StatusOr<std::optional<absl::CivilDay>> ReadOptionalDate(const Statement& row, int column);

// "?first, ?first+1, ..., ?last": the placeholders of an INSERT's VALUES.
std::string Placeholders(int first, int last);

// The investigation row: kInvestigationColumns in this order, bound as ?1..?33 with `id` as ?1;
// read as "sequence, " + kInvestigationColumns. Lists (including the snapshot's organisations and
// the provisional view's comments and commenters) are child rows; the row keeps how many evidence
// items and comments there are (the view's comment_count, 0 without a view).
inline constexpr char kInvestigationColumns[] =
    "id, state, caseworker, complaint, complainants_reference, what_went_wrong, "
    "injustice_claimed, outcome_wanted, jurisdiction, default_location, scope_summary, "
    "scope_agreed_date, scope_timescale_working_days, scope_target_date, location, "
    "view_share_date, view_comment_period_working_days, view_comment_deadline, decision_outcome, "
    "decision_date, decision_issue_time, decision_sequence, version, create_time, update_time, "
    "view_revision, view_shared_content, end_reason, end_date, end_record_time, owner, "
    "evidence_count, comment_count";
inline constexpr int kInvestigationColumnCount = 33;
void BindInvestigation(Statement& statement, const Investigation& investigation);
// Without the lists; sequence at column 0.
absl::StatusOr<Investigation> ReadInvestigation(const Statement& row);

// Child rows. Each table starts (investigation_id, position); k<Part>Columns are the columns
// after those two, Bind<Part> binds them from ?3 and Read<Part> reads them from column 0.
inline constexpr char kPointColumns[] =
    "point_id, description, outcome, finding_failing, finding_injustice, finding_causal_link, "
    "finding_reasoning, finding_record_time";
void BindPoint(Statement& statement, const ComplaintPoint& point);
absl::StatusOr<ComplaintPoint> ReadPoint(const Statement& row);

// Evidence and comments also have a `name` column (their resource name, the key of their audit
// entries), written by the store beside these.
inline constexpr char kEvidenceColumns[] =
    "evidence_id, description, source, received_date, log_time";
void BindEvidence(Statement& statement, const EvidenceItem& item);
absl::StatusOr<EvidenceItem> ReadEvidence(const Statement& row);

inline constexpr char kHoldColumns[] = "reason, start_date, end_date, resume_state";
void BindHold(Statement& statement, const Hold& hold);
absl::StatusOr<Hold> ReadHold(const Statement& row);

inline constexpr char kHandlingFindingColumns[] = "principle, met, finding";
void BindHandlingFinding(Statement& statement, const ComplaintHandlingFinding& finding);
absl::StatusOr<ComplaintHandlingFinding> ReadHandlingFinding(const Statement& row);

inline constexpr char kComplaintTypeColumns[] = "label";
void BindComplaintType(Statement& statement, const std::string& label);
absl::StatusOr<std::string> ReadComplaintType(const Statement& row);

inline constexpr char kOrganisationColumns[] = "organisation, published_name";
void BindOrganisation(Statement& statement, const OrganisationInvestigated& organisation);
absl::StatusOr<OrganisationInvestigated> ReadOrganisation(const Statement& row);

inline constexpr char kRecommendationColumns[] =
    "recommendation_id, type, beneficiary, description, amount_minor, currency_code, target_date, "
    "organisation";
void BindRecommendation(Statement& statement, const Recommendation& recommendation);
absl::StatusOr<Recommendation> ReadRecommendation(const Statement& row);

inline constexpr char kCommentColumns[] =
    "comment_id, party, text, received_date, log_time, organisation, view_revision";
void BindComment(Statement& statement, const Comment& comment);
absl::StatusOr<Comment> ReadComment(const Statement& row);

inline constexpr char kCommenterColumns[] = "party, organisation, first_received_date";
void BindCommenter(Statement& statement, const Commenter& commenter);
absl::StatusOr<Commenter> ReadCommenter(const Statement& row);

inline constexpr char kDecisionColumns[] = "outcome, decision_date, issue_time, sequence";
void BindDecision(Statement& statement, const FinalDecision& decision);
absl::StatusOr<FinalDecision> ReadDecision(const Statement& row);

inline constexpr char kReviewColumns[] =
    "review_id, requested_by, ground, explanation, request_date, outcome, outcome_reason, "
    "decide_date, decision_sequence";
void BindReview(Statement& statement, const Review& review);
absl::StatusOr<Review> ReadReview(const Statement& row);

// Idempotency records, within the caller's transaction.

}  // namespace redress::investigation::sqlite_rows
