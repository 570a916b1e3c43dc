// The README's walkthrough works as written: the shell block between the walkthrough markers is
// run with bash against the three real binaries (their addresses in $REDRESS_INTAKE etc., the
// built `redress` first on $PATH, the test CA and staff token in $REDRESS_CA_FILE and
// $REDRESS_TOKEN_FILE), and what its last command prints is compared with the summary
// the README shows after the block.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/suite_harness.h"
#include "tests/test_security.h"

namespace redress::testing {
namespace {

constexpr char kBegin[] = "<!-- walkthrough-begin -->";
constexpr char kEnd[] = "<!-- walkthrough-end -->";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The contents of the first ``` fenced block at or after `from` in `text`, and where it ends.
std::string FencedBlockAfter(const std::string& text, size_t from, size_t* end = nullptr) {
  const size_t open = text.find("```", from);
  if (open == std::string::npos) return "";
  const size_t body = text.find('\n', open);
  const size_t close = text.find("\n```", body);
  if (body == std::string::npos || close == std::string::npos) return "";
  if (end != nullptr) *end = close + 4;
  return text.substr(body + 1, close - body);  // with its final newline
}

TEST(ReadmeWalkthroughTest, RunsAsWrittenAndPublishesTheSummaryShown) {
  const std::string readme = ReadAll(REDRESS_README);
  const size_t begin = readme.find(kBegin);
  const size_t end_marker = readme.find(kEnd);
  ASSERT_NE(begin, std::string::npos) << "README.md has no " << kBegin;
  ASSERT_NE(end_marker, std::string::npos) << "README.md has no " << kEnd;
  size_t block_end = 0;
  const std::string script = FencedBlockAfter(readme, begin, &block_end);
  ASSERT_FALSE(script.empty());
  ASSERT_LT(block_end, end_marker + 1) << "the script must end before " << kEnd;
  const std::string expected = FencedBlockAfter(readme, end_marker);
  ASSERT_FALSE(expected.empty()) << "no summary shown after " << kEnd;

  const std::string dir = MakeTempDir("readme_walkthrough");
  Suite suite({REDRESS_INTAKE_BINARY, REDRESS_INVESTIGATION_BINARY, REDRESS_REMEDY_BINARY}, dir);
  ASSERT_THAT(suite.Start(), IsOk());
  const std::string script_path = dir + "/walkthrough.sh";
  std::ofstream(script_path) << script;
  setenv("REDRESS_INTAKE", suite.intake_address().c_str(), 1);
  setenv("REDRESS_INVESTIGATION", suite.investigation_address().c_str(), 1);
  setenv("REDRESS_REMEDY", suite.remedy_address().c_str(), 1);
  for (const auto& [name, value] : TestClientEnvironment()) setenv(name.c_str(), value.c_str(), 1);
  const std::string path = absl::StrCat(REDRESS_CLI_DIR, ":", std::getenv("PATH"));
  setenv("PATH", path.c_str(), 1);

  const std::string out = dir + "/out.txt";
  const std::string err = dir + "/err.txt";
  const std::string command =
      absl::StrCat("cd ", dir, " && timeout 120 bash ", script_path, " > ", out, " 2> ", err);
  const int status = std::system(command.c_str());
  ASSERT_EQ(status, 0) << "the walkthrough failed\n--- stdout\n"
                       << ReadAll(out) << "\n--- stderr\n"
                       << ReadAll(err) << "\n--- services\n"
                       << suite.Logs();
  const std::string printed = ReadAll(out);
  ASSERT_GE(printed.size(), expected.size());
  EXPECT_EQ(printed.substr(printed.size() - expected.size()), expected);
  // The guard's refusal went to standard error, naming the field and offset, not the name.
  EXPECT_THAT(
      ReadAll(err),
      ::testing::HasSubstr("narrative.what_happened[0]: offset 3: the complainant's family_name"));

  std::error_code ignored;
  if (!::testing::Test::HasFailure()) std::filesystem::remove_all(dir, ignored);
}

}  // namespace
}  // namespace redress::testing
