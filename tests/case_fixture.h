// Loading a case of the suite's end-to-end test from tests/fixtures/cases/: the text-format inputs
// (tests/case_fixture.proto) with their relative dates made absolute for the day the test runs,
// and the exact bytes of the summary the case must publish.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "redress/common/v1/date.pb.h"
#include "tests/case_fixture.pb.h"

namespace redress::testing {

struct LoadedCase {
  // The fixture's file name without extension, e.g. "1-hmcts-declined-apology".
  std::string name;
  // The inputs, with complaint dates, MP referral date and recommendation target dates filled.
  e2e::CaseFixture fixture;
  // <name>.expected.txt, byte for byte.
  std::string expected_text;
  // The day the dates were filled for.
  absl::CivilDay today;
};

// Reads <directory>/<name>.textproto and <directory>/<name>.expected.txt. The dates are filled
// relative to `today`. NOT_FOUND for a missing file, INVALID_ARGUMENT for a file that does not
// parse (with the parser's line and column).
absl::StatusOr<LoadedCase> LoadCase(const std::string& directory, const std::string& name,
                                    absl::CivilDay today);

// `day` as a redress.common.v1.Date.
redress::common::v1::Date ToDate(absl::CivilDay day);

}  // namespace redress::testing
