// Parsing of List `filter` strings: the AIP-160 subset our APIs accept, a conjunction of
// comparisons `field op value` joined by AND. Each service decides which fields it accepts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace redress {

enum class FilterOp { kEq, kNe, kLt, kLe, kGt, kGe };

struct FilterTerm {
  std::string field;  // identifier: [a-z_][a-z0-9_.]*
  FilterOp op;
  std::string value;  // unquoted: a bare word (ACCEPTED, true, 42) or a "double-quoted" string
};

// Parses `a = B AND c >= "2026-01-01"`. White space is free; AND is upper case; quoted strings
// may contain \" and \\. An empty filter is an empty list. Errors are INVALID_ARGUMENT with a
// field violation on `field_name` ("filter") saying where parsing failed.
absl::StatusOr<std::vector<FilterTerm>> ParseFilter(std::string_view filter,
                                                    std::string_view field_name = "filter");

std::string_view FilterOpName(FilterOp op);

// Narrows the inclusive range [from, to] by `field op day` (=, <, <=, >, >=), keeping the tighter
// bound when one is already set. Returns false, changing nothing, for != (not a range).
bool NarrowDateRange(FilterOp op, absl::CivilDay day, std::optional<absl::CivilDay>& from,
                     std::optional<absl::CivilDay>& to);  // "=", "!=", "<", "<=", ">", ">="

}  // namespace redress
