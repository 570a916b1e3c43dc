// Internal to SqliteStore: how remedy's domain types map to rows of the schema in
// sqlite_store_schema.cc (column lists, binding, reading, value encodings), and the statements on
// a recommendation's child rows that several writes share.
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
#include "services/remedy/recommendation.h"

namespace redress::remedy::sqlite_rows {

// Times as microseconds since the epoch (finer parts are dropped); the infinite past/future
// round-trip as the int64 extremes.
int64_t TimeToMicros(absl::Time time);
absl::Time MicrosToTime(int64_t micros);
std::optional<int64_t> TimeToMicros(const std::optional<absl::Time>& time);
// Dates as "YYYY-MM-DD".
std::string DateToText(absl::CivilDay day);
// INTERNAL if the column does not hold a date (the file was damaged).
absl::StatusOr<absl::CivilDay> ReadDate(const Statement& row, int column);

// "?first, ?first+1, ..., ?last": the placeholders of an INSERT's VALUES.
std::string Placeholders(int first, int last);

std::string RecommendationName(std::string_view id);         // recommendations/{id}
std::string SummaryName(std::string_view investigation_id);  // caseSummaries/{id}

// The recommendation row: kRecommendationColumns in this order, bound as ?1..?27 with `id` as
// ?1; read as "sequence, " + kRecommendationColumns, so that each column's index in the result is
// its parameter's index. The follow-up steps, reschedules and state history are child rows.
inline constexpr char kRecommendationColumns[] =
    "id, version, investigation_id, complaint, decision_sequence, source_recommendation_id, "
    "organisation_id, organisation_published_name, type, beneficiary, description, "
    "amount_minor, currency_code, target_date, state, response_position, response_note, "
    "response_date, compliance_action_taken, compliance_completion_date, "
    "compliance_evidence_reference, compliance_record_time, decline_reason, decline_date, "
    "create_time, update_time, owner";
inline constexpr int kRecommendationColumnCount = 27;
void BindRecommendation(Statement& statement, const Recommendation& recommendation);
// Without the child rows; sequence at column 0.
absl::StatusOr<Recommendation> ReadRecommendation(const Statement& row);

// The child rows of one recommendation, within the caller's transaction.
absl::Status InsertChildren(Connection& connection, const Recommendation& recommendation);
absl::Status DeleteChildren(Connection& connection, std::string_view recommendation_id);
// Reads the child rows of `recommendation` (by its id) into it.
absl::Status LoadChildren(Connection& connection, Recommendation& recommendation);
// Replaces the stored row (keeping its sequence) and its child rows with `recommendation`.
absl::Status ReplaceRecommendation(Connection& connection, const Recommendation& recommendation);

}  // namespace redress::remedy::sqlite_rows
