// A fixture for end-to-end tests that follow one fixture case through the three real binaries: a
// temporary data directory (kept when the test fails, for diagnosis), the suite started in it
// with `flags`, and the case "2-cafcass-apology" loaded. Include it where REDRESS_*_BINARY and
// REDRESS_CASES_DIR are defined (redress_runs_binaries(... CASES) in tests/CMakeLists.txt).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/testing/status_matchers.h"
#include "tests/case_fixture.h"
#include "tests/process.h"
#include "tests/suite_harness.h"

namespace redress::testing {

class OneCaseTest : public ::testing::Test {
 protected:
  explicit OneCaseTest(const std::string& prefix, const std::vector<std::string>& flags = {})
      : data_dir_(MakeTempDir(prefix)),
        suite_({REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY},
               data_dir_, flags) {}
  ~OneCaseTest() override {
    std::error_code ignored;
    if (!HasFailure()) std::filesystem::remove_all(data_dir_, ignored);
  }
  void SetUp() override {
    ASSERT_THAT(suite_.Start(), IsOk());
    absl::StatusOr<LoadedCase> loaded =
        LoadCase(REDRESS_CASES_DIR, "2-cafcass-apology", redress::Today(redress::SystemClock()));
    ASSERT_THAT(loaded, IsOk());
    case_ = *std::move(loaded);
  }

  std::string data_dir_;
  Suite suite_;
  LoadedCase case_;
};

}  // namespace redress::testing
