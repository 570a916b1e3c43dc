// Internal to the stores (SqliteStore, PostgresStore): the structured parts of a case summary as
// their `payload` column holds them, a serialized redress.remedy.v1.CaseSummary, and back.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "services/remedy/recommendation.h"

namespace redress::remedy {

// Sections, jurisdiction, organisations, location, complaint types, remedies and decision
// sequence; the other fields of `summary` are columns and left out.
std::string EncodeSummaryParts(const CaseSummary& summary);
// Sets those parts of `summary` from `payload`. INTERNAL if it does not parse.
absl::Status DecodeSummaryParts(const std::string& payload, CaseSummary& summary);

}  // namespace redress::remedy
