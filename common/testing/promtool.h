// Prometheus' own check of a metrics exposition, for tests: `promtool check metrics` (Debian
// package prometheus) on `exposition`, its report returned ("" when the exposition passes).
#pragma once

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace redress::testing {

// `scratch_dir` holds the exposition and the report while promtool runs.
inline std::string PromtoolCheckMetrics(const std::string& promtool, const std::string& exposition,
                                        const std::string& scratch_dir) {
  if (promtool.empty() || absl::EndsWith(promtool, "NOTFOUND")) {
    return "promtool (Debian package prometheus) is missing: run scripts/install-deps";
  }
  const std::string input = scratch_dir + "/exposition.txt";
  const std::string report = scratch_dir + "/promtool.txt";
  std::ofstream(input) << exposition;
  const int status = std::system(
      absl::StrCat(promtool, " check metrics < ", input, " > ", report, " 2>&1").c_str());
  std::ifstream in(report);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (status != 0 && text.empty()) text = absl::StrCat("promtool exit status ", status);
  return text;
}

}  // namespace redress::testing
