// Internal to PostgresStore: how remedy's domain types map to rows of the schema in
// postgres_store_schema.cc (column lists, parameters, reading), the statements on a
// recommendation's child rows that several methods share, and the transaction options.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/store/postgres/connection.h"
#include "common/store/postgres/params.h"
#include "common/store/postgres/result.h"
#include "common/store/postgres/transaction.h"
#include "services/remedy/recommendation.h"

namespace redress::remedy::pg_rows {

using ::redress::pg::Placeholders;

std::string RecommendationName(std::string_view id);         // recommendations/{id}
std::string SummaryName(std::string_view investigation_id);  // caseSummaries/{id}

// The recommendation row: kRecommendationColumns in this order, as the parameters
// RecommendationParams makes ($1..$27, `id` as $1); read as "sequence, " +
// kRecommendationColumns. The follow-up steps, reschedules and state history are child rows.
inline constexpr char kRecommendationColumns[] =
    "id, version, investigation_id, complaint, decision_sequence, source_recommendation_id, "
    "organisation_id, organisation_published_name, type, beneficiary, description, "
    "amount_minor, currency_code, target_date, state, response_position, response_note, "
    "response_date, compliance_action_taken, compliance_completion_date, "
    "compliance_evidence_reference, compliance_record_time, decline_reason, decline_date, "
    "create_time, update_time, owner";
inline constexpr int kRecommendationColumnCount = 27;
pg::Params RecommendationParams(const Recommendation& recommendation);
// Without the child rows.
absl::StatusOr<Recommendation> ReadRecommendation(const pg::Row& row);

// The child rows of one recommendation, within the caller's transaction.
absl::Status InsertChildren(pg::Connection& connection, const Recommendation& recommendation);
absl::Status DeleteChildren(pg::Connection& connection, std::string_view recommendation_id);
// Reads the child rows of `recommendations` into them, three statements whatever their number.
// `owners` is a SELECT of the recommendations' ids taking `params` (the statement that found
// them, within the same snapshot); every id it selects is one of `recommendations`.
absl::Status LoadChildren(pg::Connection& connection, std::string_view owners,
                          const pg::Params& params, std::vector<Recommendation>& recommendations);

// The recommendation's stored version, locking its row (FOR UPDATE), or NOT_FOUND.
absl::StatusOr<int64_t> StoredVersion(pg::Connection& connection, std::string_view id);
// Replaces the row (keeping its sequence) and its child rows if the stored version is
// `expected_version`: NOT_FOUND if there is no such row, ABORTED if its version differs.
absl::Status ReplaceRecommendation(pg::Connection& connection, const Recommendation& r,
                                   int64_t expected_version);

// Takes the transaction-scoped advisory lock of investigations/{investigation_id}: EraseCase
// and a hand-off that writes recommendations of the case take it before reading, so that under
// READ COMMITTED the second sees what the first committed (an erasure, or a new recommendation).
absl::Status LockCase(pg::Connection& connection, std::string_view investigation_id);

}  // namespace redress::remedy::pg_rows
